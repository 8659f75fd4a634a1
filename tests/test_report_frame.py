"""Golden file of each kind of period's frame: subject, opening, section IV's name, closing.

One file, tests/golden/report-frames.md, holds for every period of 2022 (Q1–Q4, H1, H2,
9M, the year) what a clerk reads first and last; it changes only when the wording
does. Regenerate after an intended change, then review the diff:

    UPDATE_GOLDEN=1 pytest tests/test_report_frame.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import REPO, Run

GOLDEN = Path(__file__).parent / "golden" / "report-frames.md"
#: Each period of 2022 and the day its report is issued.
PERIODS = [
    ("2022-Q1", "2022-04-05"),
    ("2022-Q2", "2022-07-05"),
    ("2022-Q3", "2022-10-05"),
    ("2022-Q4", "2022-12-20"),
    ("2022-H1", "2022-07-08"),
    ("2022-H2", "2022-12-20"),
    ("2022-9M", "2022-10-07"),
    ("2022", "2022-12-15"),
]


def frames(run: Run) -> str:
    parts = []
    for period, today in PERIODS:
        outcome = run("report", "plans", "-p", period, "--today", today, "-f", "json", cwd=REPO)
        assert outcome.exit_code == 0, outcome.stderr
        document = json.loads(outcome.stdout)["document"]
        opening = document["opening"]
        parts += [
            f"## {period}",
            "",
            opening["place_date"],
            "",
            f"{opening['kind']}: {opening['subject']}",
            "",
            *[f"{text}\n" for text in opening["paragraphs"]],
            document["direction"]["heading"],
            "",
            document["closing"],
            "",
        ]
    return "\n".join(parts)


def test_titles_openings_and_closings_of_every_kind_of_period(run: Run) -> None:
    text = frames(run)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, encoding="utf-8", newline="\n")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_the_frame_follows_the_decree_and_the_guidance(run: Run) -> None:
    """What DESIGN's table says, checked apart from the wording of the golden file."""
    text = frames(run)
    for period, _ in PERIODS:
        section = text.split(f"## {period}\n", 1)[1].split("\n## ", 1)[0]
        opening = next(line for line in section.splitlines() if line.startswith("Thực hiện"))
        assert opening.endswith("như sau:")
        assert "Công văn số 3710/TLĐ\u2011TG ngày 28/02/2022 của Tổng Liên đoàn" in opening
        assert ", Ban Thường vụ Công đoàn Viên chức Việt Nam báo cáo " in opening
        closing = section.strip().splitlines()[-1]
        assert closing.startswith("Trên đây là báo cáo ") and closing.endswith("./.")
    assert "BÁO CÁO: Sơ kết công tác Tuyên giáo Công đoàn 6 tháng đầu năm" in text
    assert "BÁO CÁO: Tổng kết công tác Tuyên giáo Công đoàn năm 2022, phương hướng" in text
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023" in text
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2022" in text
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ I NĂM 2023" in text  # after Q4
    assert REPO.is_dir()
