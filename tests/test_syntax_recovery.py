"""A syntax error hides nothing else of its file (issue 18).

One line-local slip (a Tab, a Word bullet, a lost colon, a non-breaking space) put into
any valid plan: the slip is named at its own line, and every finding the plan had
elsewhere is still there, word for word. Plans are written in block style, one field a
line, as officers write them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE_TODAY
from tuyengiao.config import resolve_settings
from tuyengiao.i18n import messages
from tuyengiao.models import Plan
from tuyengiao.read import read_file
from tuyengiao.read.document import parse
from tuyengiao.read.syntax import MAX_ROUNDS
from tuyengiao.workspace import check_file

TODAY = date.fromisoformat(SAMPLE_TODAY)
STATUSES = ["kế hoạch", "đang thực hiện", "hoàn thành", "hủy", "đã tổ chức", "chưa làm"]
HEAD = ["version: 1", 'guidance: "2022"', "union: {id: cd-mau, name: Công đoàn Mẫu}"]


@st.composite
def plan_lines(draw: st.DrawFn) -> list[str]:
    """A plan of 2 to 7 activities in block style, with findings of several kinds."""
    lines = [*HEAD, "activities:"]
    for number in range(draw(st.integers(2, 7))):
        due = date(2022, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
        status = draw(st.sampled_from(STATUSES))
        lines += [
            f"  - id: hd-{number}",
            f"    task: {draw(st.integers(1, 8))}",
            f"    title: {draw(st.sampled_from(['Hội nghị', 'Tập huấn', 'Kỷ niệm ngày 28/7']))}",
            f"    due: {draw(st.sampled_from([due.isoformat(), f'{due.day}/{due.month}/2022']))}",
            f"    status: {status}",
        ]
        if status in ("hoàn thành", "đã tổ chức") and draw(st.booleans()):
            lines.append(f"    done: {min(due, TODAY).isoformat()}")
        if draw(st.booleans()):
            lines.append("    owner: Ban Tuyên giáo")
    return lines


def _tab(line: str) -> str | None:
    return "\t" + line.lstrip(" ") if line.startswith("    ") else None


def _bullet(line: str) -> str | None:
    return line.replace("- ", "• ", 1) if line.startswith("  - ") else None


def _lost_colon(line: str) -> str | None:
    return line.replace(": ", " ", 1) if line.startswith("    ") else None


def _nbsp(line: str) -> str | None:
    return line.replace(": ", ":\u00a0", 1) if ": " in line else None


SLIPS: dict[str, Callable[[str], str | None]] = {
    "tab": _tab,
    "bullet": _bullet,
    "lost colon": _lost_colon,
    "non-breaking space": _nbsp,
}


def findings(folder: Path, lines: list[str]) -> set[tuple[int | None, str, str]]:
    path = folder / "plan.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = check_file(path, resolve_settings([path], today=TODAY, msg=messages("vi"), cwd=folder))
    return {(d.line, d.rule, d.message) for d in found.diagnostics}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=plan_lines(), pick=st.integers(min_value=0), slip=st.sampled_from(sorted(SLIPS)))
def test_one_slip_keeps_every_finding_elsewhere(
    tmp_path_factory: Any, lines: list[str], pick: int, slip: str
) -> None:
    folder = tmp_path_factory.mktemp("plan")
    (folder / "tuyengiao.yaml").write_text("{}\n", encoding="utf-8")
    body = range(len(HEAD) + 1, len(lines))
    candidates = [index for index in body if SLIPS[slip](lines[index]) is not None]
    if not candidates:
        return
    index = candidates[pick % len(candidates)]
    before = findings(folder, lines)
    slipped = [*lines]
    slipped[index] = str(SLIPS[slip](lines[index]))
    after = findings(folder, slipped)
    line = index + 1
    assert any(f[0] == line and f[1] == "yaml-syntax" for f in after), (slip, sorted(after))
    others = {f for f in before if f[0] != line}
    assert others <= after, (slip, line, sorted(others - after))


def _plan(*activities: str) -> str:
    return "\n".join([*HEAD, "activities:", *activities]) + "\n"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # Three slips: three findings in one run, each at its own line.
        (
            _plan(
                "  - id: a1",
                "    task 1",
                "    title: Hội nghị",
                "    due: 20/5/2022",
                "    status: hoàn thành",
                "    done: 18/5/2022",
                "  • id: a2",
                "    task: 2",
                "    title: Tập huấn",
                "    due:\u00a020/6/2022",
                "    status: kế hoạch",
            ),
            [("missing_colon", 6), ("bullet", 11), ("invisible", 14)],
        ),
        # A second document pasted below the first: named once, the first one read.
        ("a: 1\n---\nb: 2\nc: 3\n", [("syntax", 2)]),
    ],
)
def test_each_slip_once_at_its_line(text: str, kinds: list[tuple[str, int]]) -> None:
    doc = parse(text.encode())
    assert [(p.kind, p.line) for p in doc.problems] == kinds


def test_a_valid_file_never_takes_the_recovering_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Recovery is for files with a syntax error only: a valid file pays nothing for it."""
    from tuyengiao.read import document

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("recovery ran on a valid file")

    monkeypatch.setattr(document, "recover_syntax", refuse)
    text = _plan("  - {id: a1, task: 1, title: Hội nghị, due: 20/5/2022, status: kế hoạch}")
    reading = read_file(Plan, text.encode(), "plan.yaml", messages("vi"))
    assert reading.doc.root is not None and not reading.doc.problems


def test_recovery_is_bounded() -> None:
    """A file of nothing but slips stops after `MAX_ROUNDS` of them, and soon."""
    text = _plan(*["    title Hội nghị\n  • x\n\tdue: 1"] * 200)
    started = time.monotonic()
    doc = parse(text.encode())
    assert time.monotonic() - started < 10
    assert 1 <= len(doc.problems) <= MAX_ROUNDS
