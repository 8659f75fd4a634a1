"""Running one input through `check`'s core, and the invariants every answer must keep.

Whatever bytes a plan file holds, `check`:

- raises nothing (the core answers with findings, never an exception);
- names only rules of `tuyengiao.rules.RULES`, with their registered severity and code;
- places every finding either on the whole file (line and column both null) or
  inside the file (both at least 1, the line within the file's lines, the column
  within that line, one past its end at most);
- writes a non-empty message and no unfilled `{placeholder}`;
- in `--format json`, prints the document DESIGN.md describes, and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from tuyengiao.config import Settings, resolve_settings
from tuyengiao.diagnostics import Diagnostic, Severity
from tuyengiao.i18n import Lang, messages
from tuyengiao.rules import RULES
from tuyengiao.workspace import PlanFile, check_file

TODAY = date(2022, 6, 20)
_BREAK = re.compile(rb"\r\n|\r|\n")
_PLACEHOLDER = re.compile(r"\{[a-z][a-z_]*\}")
_DIAGNOSTIC_KEYS = {"file", "line", "column", "severity", "code", "rule", "message", "hint"}


def fuzz_settings(folder: Path, lang: Lang = "vi") -> Settings:
    """The settings of a run in `folder` (no config: the built-in 2022 guidance)."""
    return resolve_settings([], today=TODAY, msg=messages(lang), cwd=folder)


def check_bytes(data: bytes, folder: Path, settings: Settings) -> PlanFile:
    """Write `data` as `folder/plan.yaml` and check it with the core, in this process."""
    path = folder / "plan.yaml"
    path.write_bytes(data)
    return check_file(path, settings)


def lines_of(data: bytes) -> list[bytes]:
    """The file's lines as YAML and editors count them (CRLF, CR and LF end a line)."""
    return _BREAK.split(data)


def assert_diagnostic(diagnostic: Diagnostic, lines: list[bytes]) -> None:
    """One finding keeps the invariants (see the module docstring)."""
    rule = RULES.get(diagnostic.rule)
    assert rule is not None, f"unknown rule {diagnostic.rule!r}"
    assert diagnostic.code == rule.code
    assert isinstance(diagnostic.severity, Severity)
    line, column = diagnostic.line, diagnostic.column
    assert (line is None) == (column is None), f"half a position: {diagnostic}"
    if line is not None and column is not None:
        assert 1 <= line <= len(lines), f"line {line} of {len(lines)}: {diagnostic}"
        # Columns count characters (bytes where the text is not UTF-8): never more than bytes.
        assert 1 <= column <= len(lines[line - 1]) + 1, f"column {column}: {diagnostic}"
    assert diagnostic.message.strip(), diagnostic
    for text in (diagnostic.message, diagnostic.hint or ""):
        assert not _PLACEHOLDER.search(text), f"unfilled placeholder: {text}"


def assert_invariants(data: bytes, diagnostics: Iterable[Diagnostic]) -> None:
    """Every finding about the file `data` keeps the invariants."""
    lines = lines_of(data)
    for diagnostic in diagnostics:
        assert_diagnostic(diagnostic, lines)


def assert_document_shape(document: object, files: int) -> None:
    """`document` is the `--format json` document of DESIGN.md, about `files` files."""
    assert isinstance(document, dict)
    assert set(document) == {"version", "today", "summary", "diagnostics"}
    assert document["version"] == 1
    assert isinstance(document["today"], str)
    date.fromisoformat(document["today"])
    summary, diagnostics = document["summary"], document["diagnostics"]
    assert isinstance(summary, dict)
    assert set(summary) == {"files", "errors", "warnings", "infos"}
    assert all(isinstance(v, int) and not isinstance(v, bool) for v in summary.values())
    assert summary["files"] == files
    assert isinstance(diagnostics, list)
    for item in diagnostics:
        assert isinstance(item, dict)
        assert set(item) == _DIAGNOSTIC_KEYS
        assert all(isinstance(item[k], str) for k in ("file", "severity", "code", "rule"))
        assert isinstance(item["message"], str)
        assert item["hint"] is None or isinstance(item["hint"], str)
        for key in ("line", "column"):
            assert item[key] is None or (type(item[key]) is int and item[key] >= 1)
        assert item["severity"] in {s.value for s in Severity}
    counts = {s.value: sum(d["severity"] == s.value for d in diagnostics) for s in Severity}
    assert summary["errors"] == counts["error"]
    assert summary["warnings"] == counts["warning"]
    assert summary["infos"] == counts["info"]
