"""The printed pages: Word through LibreOffice, HTML through Chromium, for Q2, H1 and the year.

What a clerk checks before signing, read from the PDFs with poppler: no page starts
with a total row (a numbered row of its table comes before it on its page), no page
ends with a heading or a group row, each annex starts a page under its "Phụ lục N"
with its "(Kèm theo Báo cáo số …)" line, and only serif faces are embedded. Skipped
like tests/test_office.py and tests/test_browser.py when the programs are missing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.test_browser import CHROMIUM, chromium
from tests.test_browser import REQUIRED as BROWSER_REQUIRED
from tests.test_office import MISSING, REQUIRED, not_serif, run_tool, to_pdf, tool, words

pytestmark = pytest.mark.skipif(
    bool(MISSING) and not REQUIRED, reason=f"missing {', '.join(MISSING)}"
)

#: The sample's reports a clerk would send, each on a day after its period.
PERIODS = [
    ("2022-Q2", "2022-07-05"),
    ("2022-H1", "2022-07-08"),
    ("2022-9M", "2022-10-07"),
    ("2022", "2022-12-15"),
]
#: The README's picture of each period's first page (Word, as LibreOffice prints it),
#: refreshed with UPDATE_GOLDEN=1.
FIRST_PAGE = REPO / "docs" / "report-first-page-{}.png"
_NUMBERED_ROW = re.compile(r"^\d+\s+\S")


def _render(period: str, today: str, fmt: str, target: Path) -> None:
    script = Path(sys.executable).with_name("tuyengiao")
    program = [str(script)] if script.exists() else [sys.executable, "-m", "tuyengiao"]
    arguments = ["report", "plans", "--today", today, "--period", period, "-f", fmt]
    arguments += ["-o", str(target), "--force"]
    subprocess.run([*program, *arguments], cwd=REPO, check=True, capture_output=True, timeout=120)


def pages(pdf: Path) -> list[list[str]]:
    """Each page's non-empty lines, the page number line at the top left out."""
    text = run_tool(tool("pdftotext"), "-layout", str(pdf), "-")
    found = []
    for page in text.split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        while lines and lines[0].isdigit():
            lines = lines[1:]
        if lines:
            found.append(lines)
    return found


def headings(document: dict[str, Any]) -> list[str]:
    """Every line that must not end a page: headings, labels, group rows, annex heads."""
    found = [
        document["situation"]["heading"],
        document["results"]["heading"],
        document["results"]["overview_heading"],
        document["results"]["tasks_heading"],
        document["results"]["highlights_label"],
        document["assessment"]["heading"],
        document["direction"]["heading"],
        document["proposals"]["heading"],
    ]
    found += [task["heading"] for task in document["results"]["tasks"]]
    found += [task["heading"] for task in document["direction"]["tasks"]]
    found += [document["assessment"][part]["heading"] for part in ("strengths", "weaknesses")]
    found.append(document["assessment"]["causes"]["heading"])
    for table in document["annex"]["tables"]:
        found += [table["label"], table["title"], table["attached"]]
        found += [group["label"] for group in table["groups"] if group["label"]]
    return found


def problems(printed: list[list[str]], document: dict[str, Any]) -> list[str]:
    """What a clerk would send back: the page and the line."""
    found = []
    heads = [words(text) for text in headings(document)]
    for number, lines in enumerate(printed, 1):
        for index, line in enumerate(lines):
            if line.startswith("Tổng cộng") and not any(
                _NUMBERED_ROW.match(above) for above in lines[:index]
            ):
                found.append(f"page {number} starts with a total row: {line}")
        if number < len(printed):
            # The whole heading in the last lines, or a long part of it on the last one
            # (a short tail such as "02-NQ/TW" also ends many a table cell).
            last = words(" ".join(lines[-3:]))
            tail = words(lines[-1])
            for head in heads:
                if last.endswith(head) or (len(tail) >= 25 and head.endswith(tail)):
                    found.append(f"page {number} ends with a heading: {lines[-1]}")
                    break
    for table in document["annex"]["tables"]:
        starts = [lines for lines in printed if words(lines[0]) == words(table["label"])]
        if not starts:
            found.append(f"{table['label']} does not start a page")
        elif words(table["attached"]) not in words(" ".join(starts[0][:8])):
            found.append(f"{table['label']} has no Kèm theo line under it")
    return found


@pytest.fixture(scope="module", params=PERIODS, ids=[p for p, _ in PERIODS])
def printed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    period, today = request.param
    folder = tmp_path_factory.mktemp(f"pages-{period}")
    for fmt in ("docx", "html", "json"):
        _render(period, today, fmt, folder / f"report.{fmt}")
    document = json.loads((folder / "report.json").read_text("utf-8"))["document"]
    return {"folder": folder, "document": document, "period": period}


def test_word_pages_keep_headings_and_totals_with_their_lines(printed: dict[str, Any]) -> None:
    folder: Path = printed["folder"]
    pdf = to_pdf(folder / "report.docx", folder / "office")
    assert problems(pages(pdf), printed["document"]) == []
    assert not_serif(pdf) == []
    picture = Path(str(FIRST_PAGE).format(printed["period"]))
    if os.environ.get("UPDATE_GOLDEN") == "1":
        run_tool(tool("pdftoppm"), "-f", "1", "-l", "1", "-r", "45", "-gray", "-png",
                 "-singlefile", str(pdf), str(folder / "first"))  # fmt: skip
        shutil.copyfile(folder / "first.png", picture)
    assert picture.is_file()


@pytest.mark.skipif(CHROMIUM is None and not BROWSER_REQUIRED, reason="no `chromium` on PATH")
def test_html_pages_keep_headings_and_totals_with_their_lines(printed: dict[str, Any]) -> None:
    folder: Path = printed["folder"]
    pdf = folder / "report-html.pdf"
    chromium(folder / "report.html", folder / "profile", f"--print-to-pdf={pdf}")
    assert problems(pages(pdf), printed["document"]) == []
    assert not_serif(pdf) == []


def test_the_checks_can_fail() -> None:
    """A total row first on its page, a heading last, an annex not on its own page."""
    document = {
        "situation": {"heading": "I. ĐẶC ĐIỂM TÌNH HÌNH"},
        "results": {
            "heading": "II. KẾT QUẢ",
            "overview_heading": "1. Kết quả chung",
            "tasks_heading": "2. Nhiệm vụ",
            "highlights_label": "Hoạt động tiêu biểu:",
            "tasks": [],
        },
        "assessment": {
            "heading": "III. ĐÁNH GIÁ",
            **{part: {"heading": part} for part in ("strengths", "weaknesses", "causes")},
        },
        "direction": {"heading": "IV. PHƯƠNG HƯỚNG", "tasks": []},
        "proposals": {"heading": "V. ĐỀ XUẤT"},
        "annex": {
            "tables": [
                {"label": "Phụ lục 1", "title": "T", "attached": "(Kèm theo X)", "groups": []}
            ]
        },
    }
    printed = [
        ["Văn bản", "I. ĐẶC ĐIỂM TÌNH HÌNH"],
        ["TT Công đoàn Số", "Tổng cộng 10 12"],
        ["Văn bản", "Phụ lục 1"],
    ]
    found = problems(printed, document)
    assert any("ends with a heading" in line for line in found)
    assert any("starts with a total row" in line for line in found)
    assert any("does not start a page" in line for line in found)
