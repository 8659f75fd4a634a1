"""The case folders: `tests/cases/<rule>/<case>/` is one `check` run and the findings it must give.

A case folder holds plan files, a `tuyengiao.yaml` (every case has one, even `{}`,
so no case picks up a config from a folder above it) and `expected.txt`:

    # today: 2022-06-01        optional, default 2022-06-20
    # args: --strict           optional extra arguments of `check`
    # exit: 1                  optional; default 1 if an error rule is expected, else 0
    # xfail: why               optional: a known bug, the case must fail (strict)
    plan.yaml:16:10 overdue
    plan.yaml:17:13 invalid-type | "no"
    tuyengiao.yaml:-:- missing-plan

One finding a line, `<file>:<line>:<column> <rule>` (`-` for a null position), in
the order the tool sorts them; ` | text` after a finding is text its hint must
contain. Any other `#` line is a comment.

`UPDATE_CASES=1 pytest tests/test_cases.py` rewrites the findings of every case
from what the tool now says (comments and hint checks kept, xfail cases left alone),
for review in the diff. Write new expectations by hand; use it only to see changes.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_TODAY, Run
from tuyengiao.diagnostics import Severity
from tuyengiao.rules import RULES

CASES = Path(__file__).parent / "cases"
UPDATE = os.environ.get("UPDATE_CASES") == "1"
#: Rules whose fix is obvious: a finding of these without a hint is a bug.
NEEDS_HINT = frozenset(
    {
        "unknown-field",
        "invalid-date",
        "invalid-value",
        "missing-field",
        "duplicate-key",
        "unsafe-tag",
        "encoding",
    }
)
_HEADER = re.compile(r"#\s*(today|args|exit|xfail):\s*(.*)")
_FINDING = re.compile(r"(.+):(\d+|-):(\d+|-) ([a-z-]+)(?: \| (.+))?")
_PLACEHOLDER = re.compile(r"\{[A-Za-z_]*\}")

Position = tuple[str, int | None, int | None, str]


@dataclass(frozen=True)
class Expected:
    """One expected finding, and text its hint must contain."""

    position: Position
    hint: str | None

    def line(self) -> str:
        """The finding as written in expected.txt."""
        file, line, column, rule = self.position
        text = f"{file}:{'-' if line is None else line}:{'-' if column is None else column} {rule}"
        return f"{text} | {self.hint}" if self.hint else text


@dataclass(frozen=True)
class Case:
    """A case folder and its expected.txt."""

    folder: Path
    comments: list[str]
    headers: dict[str, str]
    findings: list[Expected]

    @property
    def exit_code(self) -> int:
        """The exit code `check` must return."""
        if "exit" in self.headers:
            return int(self.headers["exit"])
        rules = (RULES[e.position[3]] for e in self.findings)
        return int(any(rule.severity is Severity.ERROR for rule in rules))


def _number(text: str) -> int | None:
    return None if text == "-" else int(text)


def read_case(folder: Path) -> Case:
    """Parse `folder/expected.txt`."""
    comments: list[str] = []
    headers: dict[str, str] = {}
    findings: list[Expected] = []
    for line in (folder / "expected.txt").read_text("utf-8").splitlines():
        if line.startswith("#"):
            comments.append(line)
            header = _HEADER.fullmatch(line)
            if header:
                headers[header[1]] = header[2].strip()
        elif line.strip():
            match = _FINDING.fullmatch(line.strip())
            assert match, f"{folder.name}/expected.txt: cannot read {line!r}"
            position = (match[1], _number(match[2]), _number(match[3]), match[4])
            findings.append(Expected(position, match[5]))
    return Case(folder, comments, headers, findings)


def _cases() -> list[object]:
    params: list[object] = []
    for expected in sorted(CASES.glob("*/*/expected.txt")):
        case = read_case(expected.parent)
        reason = case.headers.get("xfail")
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason and not UPDATE else []
        case_id = f"{case.folder.parent.name}/{case.folder.name}"
        params.append(pytest.param(case, id=case_id, marks=marks))
    return params


def _rewrite(case: Case, actual: list[Position]) -> None:
    hints: dict[Position, list[str | None]] = {}
    for expected in case.findings:
        hints.setdefault(expected.position, []).append(expected.hint)
    findings = [Expected(p, (hints.get(p) or [None]).pop(0)).line() for p in actual]
    text = "".join(f"{line}\n" for line in [*case.comments, *findings])
    (case.folder / "expected.txt").write_text(text, "utf-8")


@pytest.mark.parametrize("case", _cases())
def test_case(case: Case, run: Run) -> None:
    """`check` on the case folder gives exactly the expected findings and exit code."""
    assert (case.folder / "tuyengiao.yaml").is_file(), "every case folder pins its config"
    today = case.headers.get("today", SAMPLE_TODAY)
    extra = shlex.split(case.headers.get("args", ""))
    outcome = run("check", ".", "--today", today, "--format", "json", *extra, cwd=case.folder)
    diagnostics = json.loads(outcome.stdout)["diagnostics"]
    actual = [(d["file"], d["line"], d["column"], d["rule"]) for d in diagnostics]
    if UPDATE:
        if "xfail" in case.headers:
            pytest.skip("a known bug: its expectation stays as written")
        _rewrite(case, actual)
        case = read_case(case.folder)

    assert actual == [e.position for e in case.findings]
    assert outcome.exit_code == case.exit_code
    for found, expected in zip(diagnostics, case.findings, strict=True):
        message, hint = found["message"], found["hint"]
        assert message and not _PLACEHOLDER.search(message), message
        assert hint is None or (hint and not _PLACEHOLDER.search(hint)), hint
        if found["rule"] in NEEDS_HINT:
            assert hint, f"{found['rule']} without a hint: {message}"
        if expected.hint:
            assert expected.hint in (hint or ""), hint


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_has_a_case_and_a_near_miss(rule: str) -> None:
    """Each rule has a folder of cases: one where it fires, one near miss where it does not."""
    cases = [read_case(p.parent) for p in sorted((CASES / rule).glob("*/expected.txt"))]
    fired = [{e.position[3] for e in case.findings} for case in cases]
    assert any(rule in rules for rules in fired), f"no case in cases/{rule}/ where it fires"
    assert any(rule not in rules for rules in fired), f"no near miss in cases/{rule}/"
