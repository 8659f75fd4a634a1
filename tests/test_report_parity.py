"""One document, four renderings: md, html, docx and the JSON say the same words in order.

For every kind of period of the sample workspace, the body (from the opening sentence
to "Trên đây là báo cáo …./.") and the annex (labels, names, "Kèm theo" lines and
legends) read the same in Markdown, HTML and Word (text by python-docx): the same
headings, sentences and list items, in the same order, the same placeholders.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, Run
from tests.report_text import docx_lines, html_lines, markdown_lines

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
    headings = [
        document["situation"]["heading"],
        document["results"]["heading"],
        document["assessment"]["heading"],
        document["direction"]["heading"],
        document["proposals"]["heading"],
    ]
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
