"""The finding factory: every rule builds its findings here, from the message catalogue."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Protocol

from tuyengiao.diagnostics import Diagnostic
from tuyengiao.files import MAX_FILE_BYTES, ReadError
from tuyengiao.i18n import Messages
from tuyengiao.rules.registry import RULES


class Hint(Protocol):
    """A recognised mistake's explanation (`tuyengiao.mistakes.Hint`)."""

    @property
    def key(self) -> str: ...  # pragma: no cover - a protocol

    @property
    def fields(self) -> Mapping[str, object]: ...  # pragma: no cover - a protocol


class Problem(Protocol):
    """Something wrong with a file as the reader found it (`tuyengiao.read.document.Problem`).

    A protocol: the finding factory sits below the reading layer that uses it, and
    imports nothing of it (`tests/test_imports.py`).
    """

    @property
    def rule(self) -> str: ...  # pragma: no cover - a protocol

    @property
    def kind(self) -> str: ...  # pragma: no cover - a protocol

    @property
    def line(self) -> int | None: ...  # pragma: no cover - a protocol

    @property
    def column(self) -> int | None: ...  # pragma: no cover - a protocol

    @property
    def fields(self) -> Mapping[str, object]: ...  # pragma: no cover - a protocol

    @property
    def hint(self) -> Hint | None: ...  # pragma: no cover - a protocol


def make_diagnostic(
    msg: Messages,
    file: str,
    rule: str,
    kind: str,
    line: int | None,
    column: int | None,
    fields: Mapping[str, object],
    hint_key: str | None = None,
    hint_fields: Mapping[str, object] | None = None,
) -> Diagnostic:
    """Build a diagnostic from the catalogue entry `msg.<rule>.<kind>` (and an optional hint)."""
    meta = RULES[rule]
    message = msg(f"msg.{rule}.{kind}", **fields)
    hint = msg(f"hint.{hint_key}", **(hint_fields or fields)) if hint_key else None
    return Diagnostic(file, line, column, meta.severity, meta.code, rule, message, hint)


def problem_diagnostic(msg: Messages, file: str, problem: Problem) -> Diagnostic:
    """A diagnostic for a problem found while reading the file."""
    hint_key = msg.get(f"hint.{problem.rule}.{problem.kind}") and f"{problem.rule}.{problem.kind}"
    fields = {**problem.fields}
    if problem.kind == "syntax":
        context = str(fields.pop("context", ""))
        fields["problem"] = _translate_problem(msg, str(fields.get("problem", "")), context)
    found = make_diagnostic(
        msg,
        file,
        problem.rule,
        problem.kind,
        problem.line,
        problem.column,
        fields,
        hint_key or None,
    )
    if problem.hint is not None:
        return replace(found, hint=msg(problem.hint.key, **problem.hint.fields))
    return found


def _translate_problem(msg: Messages, problem: str, context: str = "") -> str:
    """The parser's English problem as a catalogue message, where the catalogue has one."""
    for text in (f"{context} {problem}", problem):
        key = re.sub(r"[^a-z]+", "_", text.lower()).strip("_")
        found = msg.get(f"yaml.{key}")
        if found:
            return found
    return f"{context} {problem}".strip()


def read_error(msg: Messages, name: str, error: ReadError) -> Diagnostic:
    """The finding for a file that could not be read at all (or is over the size limit)."""
    if error.kind == "too_large":
        limit = f"{MAX_FILE_BYTES / 1048576:.0f}"
        fields: dict[str, object] = {"size": error.detail, "limit": limit}
        return make_diagnostic(
            msg, name, "too-complex", "too_large", None, None, fields, "too_large"
        )
    fields = {"detail": error.detail}
    return make_diagnostic(msg, name, "unreadable", error.kind, None, None, fields)
