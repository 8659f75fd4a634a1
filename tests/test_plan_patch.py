"""`import --force` over an existing plan rewrites what changed and keeps every other line.

The edits are the classes an officer makes in a workbook (a status, a result, an
activity added, removed or moved, the contact, the update day), on every sample plan;
what must hold is that the text reads back as the imported plan (`patched` refuses
otherwise) and that no line the edit did not touch is lost: comments, blank lines,
date forms.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import PLANS, SAMPLE_TODAY, Run
from tuyengiao.excel.write import plan_workbook
from tuyengiao.guidance import load_guidance
from tuyengiao.i18n import messages
from tuyengiao.models import Activity, Contact, Plan
from tuyengiao.plan_patch import patched
from tuyengiao.plan_yaml import plan_yaml
from tuyengiao.read import read_file
from tuyengiao.status import Status

MSG = messages("vi")
GUIDANCE = load_guidance("2022", MSG)
METRICS = [m.id for m in GUIDANCE.metrics]
SAMPLES = sorted((PLANS / "2022").glob("*.yaml"))


def plan_of(text: str) -> Plan:
    reading = read_file(Plan, text.encode(), "plan.yaml", MSG)
    assert reading.value is not None and reading.complete, reading.findings
    return reading.value


def _done(plan: Plan) -> Plan:
    first = plan.activities[0]
    marked = replace(first, status=Status.DONE, done=first.due, evidence="Biên bản số 9/BB")
    return replace(plan, activities=[marked, *plan.activities[1:]])


def _added(plan: Plan) -> Plan:
    new = Activity(
        id="toa-dam-moi",
        task=3,
        title="Tọa đàm “Học tập và làm theo Bác”",
        due=date(2022, 9, 30),
        status=Status.PLANNED,
        results={"sessions": 1},
    )
    return replace(plan, activities=[*plan.activities, new])


def _removed(plan: Plan) -> Plan:
    return replace(plan, activities=plan.activities[1:])


def _moved(plan: Plan) -> Plan:
    return replace(plan, activities=[*plan.activities[1:], plan.activities[0]])


def _details(plan: Plan) -> Plan:
    contact = Contact(name="Trần Văn Hùng", email=None, phone="0987 654 321")
    return replace(plan, contact=contact, updated=date(2022, 6, 30))


EDITS: dict[str, Callable[[Plan], Plan]] = {
    "status-done": _done,
    "activity-added": _added,
    "activity-removed": _removed,
    "activity-moved": _moved,
    "plan-details": _details,
}


def _comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip().startswith("#")]


@pytest.mark.parametrize("edit", EDITS, ids=str)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_an_edit_keeps_every_line_it_did_not_touch(sample: Path, edit: str) -> None:
    old = sample.read_text(encoding="utf-8-sig")
    before = plan_of(old)
    after = EDITS[edit](before)
    text = patched(old, before, after, METRICS)
    assert text is not None, "the sample's layout is one the patch must handle"
    assert plan_of(text) == after
    # Every comment of the file stays, but those above an activity that was removed.
    gone = {a.id for a in before.activities} - {a.id for a in after.activities}
    kept = _comments(text)
    lost = [line for line in _comments(old) if line not in kept]
    assert not lost or gone, lost
    # Lines are only added or removed where the edit is: the rest, in order, are the old ones.
    unchanged = [line for line in old.splitlines() if line in set(text.splitlines())]
    assert len(unchanged) >= len(old.splitlines()) - _touched(before, after)


def _touched(before: Plan, after: Plan) -> int:
    """Lines an edit may replace: every line of each activity that changed or went, and
    the plan's own details."""
    changed = [a for a in before.activities if a not in after.activities]
    return sum(len(plan_yaml(replace(before, activities=[a])).splitlines()) for a in changed) + 12


def test_a_changed_activity_keeps_its_unchanged_fields_as_written() -> None:
    old = (PLANS / "2022" / "cd-bo-tu-phap.yaml").read_text(encoding="utf-8")
    before = plan_of(old)
    index = next(i for i, a in enumerate(before.activities) if a.id == "quan-triet-nq13")
    activity = before.activities[index]
    activities = list(before.activities)
    activities[index] = replace(activity, evidence="Biên bản số 9/BB")
    text = patched(old, before, replace(before, activities=activities), METRICS)
    assert text is not None
    diff = set(old.splitlines()) ^ set(text.splitlines())
    assert diff == {"    evidence: Biên bản hội nghị số 12/BB-CĐ", "    evidence: Biên bản số 9/BB"}
    assert "    due: 20/4/2022" in text  # the officer's date form, kept


def test_line_ends_and_indentation_of_the_old_file_are_kept() -> None:
    old = (
        "version: 1\r\nguidance: '2022'\r\nunion:\r\n    id: cd-x\r\n    name: Công đoàn X\r\n"
        "activities:\r\n# Nhiệm vụ 1\r\n- id: a1\r\n  task: 1\r\n  title: Hội nghị\r\n"
        "  due: 30/5/2022\r\n  status: kế hoạch\r\n"
    )
    before = plan_of(old)
    after = _added(_done(before))
    text = patched(old, before, after, METRICS)
    assert text is not None and plan_of(text) == after
    assert "\n" not in text.replace("\r\n", "")
    assert "# Nhiệm vụ 1\r\n- id: a1\r\n" in text and "\r\n- id: toa-dam-moi\r\n" in text
    assert "  due: 30/5/2022\r\n" in text


@pytest.mark.parametrize(
    "old",
    [
        "version: 1\nguidance: '2022'\nunion: {id: cd-x, name: X}\n"
        "activities: [{id: a1, task: 1, title: T, due: 2022-05-30, status: planned}]\n",
        "version: 1\nguidance: '2022'\nunion: {id: cd-x, name: X}\nactivities:\n"
        "  -\n    id: a1\n    task: 1\n    title: T\n    due: 2022-05-30\n    status: planned\n",
    ],
    ids=["flow-list", "dash-alone"],
)
def test_a_layout_not_foreseen_is_left_to_the_canonical_form(old: str) -> None:
    before = plan_of(old)
    assert patched(old, before, _done(before), METRICS) is None


def test_import_force_over_a_plan_with_comments_keeps_them(run: Run, tmp_path: Path) -> None:
    plan = tmp_path / "cd-bo-tu-phap.yaml"
    shutil.copyfile(PLANS / "2022" / "cd-bo-tu-phap.yaml", plan)
    old = plan.read_text(encoding="utf-8")
    book = tmp_path / "ke-hoach.xlsx"
    book.write_bytes(plan_workbook(_added(_done(plan_of(old))), GUIDANCE))
    outcome = run("import", str(book), "-o", str(plan), "--force", "--today", SAMPLE_TODAY)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    text = plan.read_text(encoding="utf-8")
    assert _comments(text) == _comments(old)
    assert "Không giữ được" not in outcome.stdout
    assert plan_of(text) == _added(_done(plan_of(old)))


def test_import_force_says_when_the_layout_could_not_be_kept(run: Run, tmp_path: Path) -> None:
    plan = tmp_path / "cd-x.yaml"
    old = (
        "# Kế hoạch của Công đoàn X\nversion: 1\nguidance: '2022'\n"
        "union: {id: cd-x, name: Công đoàn X}\n"
        "activities: [{id: a1, task: 1, title: Hội nghị, due: 2022-05-30, status: planned}]\n"
    )
    plan.write_text(old, encoding="utf-8")
    book = tmp_path / "cd-x.xlsx"
    book.write_bytes(plan_workbook(_done(plan_of(old)), GUIDANCE))
    outcome = run("import", str(book), "-o", str(plan), "--force", "--today", SAMPLE_TODAY)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert "Không giữ được cách viết cũ" in outcome.stdout
    assert plan.read_text(encoding="utf-8") == plan_yaml(_done(plan_of(old)), METRICS)


@settings(max_examples=60, deadline=None)
@given(
    sample=st.sampled_from(SAMPLES),
    order=st.permutations(range(14)),
    keep=st.integers(1, 14),
    done=st.sets(st.integers(0, 13), max_size=4),
)
def test_any_mix_of_edits_reads_back_as_the_imported_plan(
    sample: Path, order: list[int], keep: int, done: set[int]
) -> None:
    old = sample.read_text(encoding="utf-8-sig")
    before = plan_of(old)
    count = len(before.activities)
    picked = [before.activities[i] for i in order if i < count][: max(1, min(keep, count))]
    activities = [
        replace(a, status=Status.DONE, done=a.due) if i in done else a for i, a in enumerate(picked)
    ]
    after = replace(before, activities=activities)
    text = patched(old, before, after, METRICS)
    assert text is not None
    assert plan_of(text) == after
    # With every activity kept, every comment is kept (moved with its activity).
    if {a.id for a in after.activities} == {a.id for a in before.activities}:
        assert sorted(_comments(text)) == sorted(_comments(old))
