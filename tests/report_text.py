"""The words of a rendered report, format by format, for comparing them (tests only).

Each function returns the report's paragraphs in reading order as plain text: the
headings, sentences, list items, annex labels and legends, without table cells, the
header block, the signature or markup. The same report in two formats gives the same
list (`tests/test_report_parity.py`).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from io import BytesIO
from typing import Any

import docx

_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "li")


def section_headings(document: dict[str, Any]) -> list[str]:
    """The headings of the body's sections I to V, in order, from the report's JSON
    `document` (each format must print them in this order)."""
    return [
        document[part]["heading"]
        for part in ("situation", "results", "assessment", "direction", "proposals")
    ]


def _clean(text: str) -> str:
    return " ".join(text.split())


def markdown_lines(text: str) -> list[str]:
    """Paragraphs of the Markdown report, markup taken off; tables, rules and comments out."""
    found: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("|", "<!--", "---")):
            continue
        line = re.sub(r"^#+ ", "", line)
        line = re.sub(r"^- ", "", line)
        line = line.replace("<br>", " ")
        line = line.replace("***", "").replace("**", "")
        if line.startswith("*") and line.endswith("*"):
            line = line[1:-1]
        line = _MD_ESCAPE.sub(r"\1", line)
        found.append(_clean(line))
    return found


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.skip = 0
        self.current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("table", "svg", "figure", "style", "title", "head", "header", "footer"):
            self.skip += 1
        elif tag in _BLOCKS and not self.skip:
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("table", "svg", "figure", "style", "title", "head", "header", "footer"):
            self.skip -= 1
        elif tag in _BLOCKS and self.current is not None and not self.skip:
            text = _clean("".join(self.current))
            if text:
                self.lines.append(text)
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None and not self.skip:
            self.current.append(data)


def html_lines(text: str) -> list[str]:
    """Paragraphs of the HTML report: p, h1–h4 and li outside tables, header and footer."""
    parser = _HtmlText()
    parser.feed(text)
    return parser.lines


def docx_lines(data: bytes) -> list[str]:
    """Paragraphs of the Word report's body, in order, outside its tables."""
    document = docx.Document(BytesIO(data))
    body = document.element.body
    found = []
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            text = _clean(
                "".join(node.text or "" for node in child.iter() if node.tag.endswith("}t"))
            )
            if text:
                found.append(text)
    return found
