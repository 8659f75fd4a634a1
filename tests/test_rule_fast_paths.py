"""The plan rules' fast paths say what their full walks say.

`date-order` on running totals first asks whether an activity's totals are in date order
and never go down (`_rising`), and `invalid-value` which activities write a metric name
the catalogue lacks (`_strays`); only those are walked in full. Whatever the totals,
days and names, the findings are those of the full walk (the fast path turned off).
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuyengiao.config import resolve_settings
from tuyengiao.diagnostics import Diagnostic
from tuyengiao.i18n import messages
from tuyengiao.models import Activity, Plan, Progress, UnionInfo
from tuyengiao.read.document import parse
from tuyengiao.rules import plan as plan_rules
from tuyengiao.status import Status
from tuyengiao.workspace import check_file

TODAY = date(2022, 6, 20)
FIRST = date(2022, 5, 1)
METRICS = ["articles", "sessions", "nonsense"]  # the last is no metric of the catalogue

totals = st.dictionaries(st.sampled_from(METRICS), st.integers(0, 5), max_size=3)
entries = st.lists(st.tuples(st.integers(0, 80), totals), max_size=5)
Totals = dict[str, int]
Item = tuple[list[tuple[int, Totals]], str, int | None, Totals | None, Totals | None]
activities: st.SearchStrategy[Item] = st.tuples(
    entries,
    st.sampled_from(["hoàn thành", "đang thực hiện", "kế hoạch"]),
    st.one_of(st.none(), st.integers(0, 80)),  # the done day, as days after FIRST
    st.one_of(st.none(), totals),  # results
    st.one_of(st.none(), totals),  # target
)


def plan_text(items: list[Item]) -> str:
    lines = [
        "version: 1",
        'guidance: "2022"',
        "union: {id: cd-mau, name: Công đoàn Mẫu}",
        "activities:",
    ]
    for number, (progress, status, done, results, target) in enumerate(items):
        lines += [
            f"  - id: a{number}",
            "    task: 1",
            f"    title: Hoạt động {number}",
            "    due: 31/12/2022",
            f"    status: {status}",
        ]
        if done is not None:
            lines.append(f"    done: {(FIRST + timedelta(days=done)).isoformat()}")
        for name, value in (("results", results), ("target", target)):
            if value is not None:
                lines.append(f"    {name}: {{{written(value)}}}")
        if progress:
            lines.append("    progress:")
            for day, values in progress:
                when = (FIRST + timedelta(days=day)).isoformat()
                lines.append(f"      - {{as_of: {when}, results: {{{written(values)}}}}}")
    return "\n".join(lines) + "\n"


def written(values: Totals) -> str:
    return ", ".join(f"{key}: {value}" for key, value in values.items())


def findings(path: Path) -> list[Diagnostic]:
    settings_ = resolve_settings([path], today=TODAY, msg=messages("vi"), cwd=path.parent)
    return check_file(path, settings_).diagnostics


@settings(max_examples=150, deadline=None)
@given(st.lists(activities, min_size=1, max_size=3))
def test_fast_paths_find_what_the_full_walks_find(items: list[Item]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cd-mau.yaml"
        path.write_text(plan_text(items), encoding="utf-8")
        fast = findings(path)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(plan_rules, "_rising", lambda progress, final: None)
            patch.setattr(plan_rules, "_strays", lambda target, name, _: target.activities(name))
            full = findings(path)
    assert fast == full


def test_the_fast_paths_are_taken_and_left() -> None:
    """Both answers of each fast path happen (so the property above compares both)."""
    known = frozenset({"articles"})
    rising = [
        Progress(as_of=FIRST, results={"articles": 1}),
        Progress(as_of=TODAY, results={"articles": 2}),
    ]
    assert plan_rules._rising(rising, {"articles": 2}) == TODAY
    assert plan_rules._rising(rising, {"articles": 1}) is None  # the final total went down
    assert plan_rules._rising(rising[::-1], None) is None  # out of date order
    activity = Activity(
        id="a", task=1, title="t", due=TODAY, status=Status.DONE, results={"articles": 1}
    )
    target = plan_rules.Target(
        Plan(
            version=1, guidance="2022", union=UnionInfo(id="cd-a", name="A"), activities=[activity]
        ),
        parse(b""),
        "a.yaml",
        plan_rules.Context(None, TODAY, messages("vi")),
    )
    assert plan_rules._strays(target, "results", known) == []
    assert plan_rules._strays(target, "results", frozenset()) == [(("activities", 0), activity)]
