"""One document, four renderings: md, html, docx and the JSON say the same words in order.

For every kind of period of the sample workspace, the body (from the opening sentence
to "Trên đây là báo cáo …./.") and the annex (labels, names, "Kèm theo" lines and
legends) read the same in Markdown, HTML and Word (text by python-docx): the same
headings, sentences and list items, in the same order, the same placeholders.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, Run
from tests.report_text import docx_lines, html_lines, markdown_lines, section_headings

#: Each period kind, on a day that is after it (the report is issued then).
PERIODS = [
    ("2022-Q2", "2022-07-05"),
    ("2022-H1", "2022-07-08"),
    ("2022-Q3", "2022-10-05"),
    ("2022-9M", "2022-10-07"),
    ("2022", "2022-12-15"),
]


def _body_and_annex(lines: list[str]) -> tuple[list[str], list[str]]:
    """The lines from the opening sentence to the closing one, and those of the annex."""
    lines = [re.sub(r"^- ", "", line) for line in lines]
    start = next(i for i, line in enumerate(lines) if line.startswith("Thực hiện "))
    end = next(i for i, line in enumerate(lines) if line.startswith("Trên đây là báo cáo"))
    annex = next((i for i, line in enumerate(lines) if re.fullmatch(r"Phụ lục \d+", line)), None)
    return lines[start : end + 1], lines[annex:] if annex is not None else []


#: Each period's renderings, made once for the tests below.
_RENDERED: dict[str, dict[str, object]] = {}


@pytest.fixture(params=PERIODS, ids=[p for p, _ in PERIODS])
def rendered(request: pytest.FixtureRequest, run: Run, tmp_path: Path) -> dict[str, object]:
    period, today = request.param
    if period in _RENDERED:
        return _RENDERED[period]
    found: dict[str, object] = {}
    for fmt in ("md", "html", "json"):
        outcome = run("report", "plans", "-p", period, "--today", today, "-f", fmt, cwd=REPO)
        assert outcome.exit_code == 0, outcome.stderr
        found[fmt] = outcome.stdout
    target = tmp_path / "report.docx"
    outcome = run(
        "report", "plans", "-p", period, "--today", today, "-f", "docx", "-o", str(target),
        cwd=REPO,
    )  # fmt: skip
    assert outcome.exit_code == 0, outcome.stderr
    found["docx"] = target.read_bytes()
    _RENDERED[period] = found
    return found


def test_md_html_and_docx_say_the_same_in_the_same_order(rendered: dict[str, object]) -> None:
    md = _body_and_annex(markdown_lines(str(rendered["md"])))
    html = _body_and_annex(html_lines(str(rendered["html"])))
    data = rendered["docx"]
    assert isinstance(data, bytes)
    word = _body_and_annex(docx_lines(data))
    assert md[0] and md[1]
    assert html == md
    assert word == md


def test_json_document_has_the_same_headings_and_placeholders(
    rendered: dict[str, object],
) -> None:
    document = json.loads(str(rendered["json"]))["document"]
    body, annex = _body_and_annex(markdown_lines(str(rendered["md"])))
    headings = section_headings(document)
    assert [line for line in body if line in headings] == headings
    assert body[-1] == document["closing"]
    placeholders = [line for line in body if line.startswith("[Bổ sung")]
    central = [document[key]["central"] for key in ("situation", "direction", "proposals")] + [
        document["assessment"][key]["central"] for key in ("strengths", "weaknesses", "causes")
    ]
    assert sorted(placeholders) == sorted(c["placeholder"] for c in central if not c["paragraphs"])
    labels = [line for line in annex if re.fullmatch(r"Phụ lục \d+", line)]
    assert labels == [table["label"] for table in document["annex"]["tables"]]
    assert labels == [f"Phụ lục {n}" for n in range(1, len(labels) + 1)]


def test_no_slug_or_path_in_any_body(rendered: dict[str, object]) -> None:
    for fmt in ("md", "html", "docx"):
        text = rendered[fmt]
        if isinstance(text, bytes):
            text = "\n".join(docx_lines(text))
        assert not re.search(r"\bcd-[a-z0-9-]+|plans/|\.yaml|tuyengiao check", str(text)), fmt


def test_plans_with_errors_are_named_by_union_never_by_file(run: Run, tmp_path: Path) -> None:
    """A plan that cannot be read and an activity with an error: stderr and JSON name the
    files; the document says whose data are incomplete, by union name, and nothing else."""
    workspace = tmp_path / "ws"
    shutil.copytree(REPO / "plans", workspace / "plans")
    broken = workspace / "plans" / "2022" / "cd-bo-tu-phap.yaml"
    broken.write_text("union: [cd-bo-tu-phap\n", encoding="utf-8")
    partly = workspace / "plans" / "2022" / "cd-bo-noi-vu.yaml"
    text = partly.read_text(encoding="utf-8")
    partly.write_text(text.replace("due: 2022-04-25", "due: 2022-13-45", 1), encoding="utf-8")
    args = ("report", "plans", "-p", "2022-Q2", "--today", "2022-07-05")
    bodies = {}
    for fmt in ("md", "html"):
        outcome = run(*args, "-f", fmt, cwd=workspace)
        assert outcome.exit_code == 0, outcome.stderr
        assert "cd-bo-tu-phap.yaml" in outcome.stderr and "cd-bo-noi-vu.yaml" in outcome.stderr
        bodies[fmt] = outcome.stdout
    target = tmp_path / "report.docx"
    assert run(*args, "-f", "docx", "-o", str(target), cwd=workspace).exit_code == 0
    bodies["docx"] = "\n".join(docx_lines(target.read_bytes()))
    document = json.loads(run(*args, "-f", "json", cwd=workspace).stdout)
    assert {entry["file"].rsplit("/", 1)[-1] for entry in document["left_out"]} == {
        "cd-bo-tu-phap.yaml",
        "cd-bo-noi-vu.yaml",
    }
    for fmt, body in bodies.items():
        assert not re.search(r"\bcd-[a-z0-9-]+|plans/|\.yaml|tuyengiao check", body), fmt
        assert "kế hoạch gửi về còn lỗi: Công đoàn Bộ Tư pháp." in body, fmt
        assert "Số liệu của Công đoàn Bộ Nội vụ chưa đầy đủ" in body, fmt
