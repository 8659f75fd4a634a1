"""The rule registry: every finding has a stable rule name, a stable code and a default severity.

A rule's user documentation (one line in each language) lives in the message
catalogues under `rules.<name>`; `tests/test_docs.py` fails when one is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from tuyengiao.diagnostics import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """A kind of finding."""

    name: str
    code: str
    severity: Severity
    scope: str  # "file" (reading the file), "format" (its structure), "plan", "workspace"


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule("unreadable", "TG100", _E, "file"),
        Rule("encoding", "TG101", _E, "file"),
        Rule("yaml-syntax", "TG102", _E, "file"),
        Rule("duplicate-key", "TG103", _E, "file"),
        Rule("unsafe-tag", "TG104", _E, "file"),
        Rule("too-complex", "TG105", _E, "file"),
        Rule("invalid-type", "TG201", _E, "format"),
        Rule("unknown-field", "TG202", _E, "format"),
        Rule("missing-field", "TG203", _E, "format"),
        Rule("invalid-value", "TG204", _E, "format"),
        Rule("invalid-date", "TG205", _E, "format"),
        Rule("invalid-task", "TG206", _E, "plan"),
        Rule("duplicate-id", "TG301", _E, "workspace"),
        Rule("date-order", "TG302", _E, "plan"),
        Rule("unknown-union", "TG303", _E, "workspace"),
        Rule("file-name", "TG304", _W, "workspace"),
        Rule("schema-outdated", "TG305", _W, "workspace"),
        Rule("overdue", "TG401", _W, "plan"),
        Rule("late", "TG402", _W, "plan"),
        Rule("after-deadline", "TG403", _W, "plan"),
        Rule("outside-year", "TG404", _W, "plan"),
        Rule("task-uncovered", "TG405", _W, "plan"),
        Rule("missing-plan", "TG406", _W, "workspace"),
        Rule("due-soon", "TG407", _I, "plan"),
        Rule("not-started", "TG408", _W, "plan"),
        Rule("undated-results", "TG409", _W, "plan"),
        Rule("cut-by-comment", "TG410", _W, "file"),  # about the text: no schema sees it
        Rule("done-while-open", "TG411", _W, "plan"),
        Rule("report-missing", "TG412", _W, "plan"),
        Rule("report-late", "TG413", _I, "plan"),
        Rule("stale-data", "TG414", _W, "plan"),
        Rule("target-missed", "TG420", _I, "plan"),
    )
}
