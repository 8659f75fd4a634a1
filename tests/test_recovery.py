"""One run, every finding: a mistake in one activity never hides what the others show.

Plans are generated with one activity a line (JSON flow mappings, which are YAML), so
mutating one activity moves no other: every finding the valid plan had on another
activity's line must still be there, word for word, after the mutation.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE_TODAY, Run
from tuyengiao.config import resolve_settings
from tuyengiao.i18n import messages
from tuyengiao.workspace import check_file

TODAY = date.fromisoformat(SAMPLE_TODAY)
STATUSES = ["kế hoạch", "đang thực hiện", "hoàn thành", "hủy", "planned", "done"]
FIELDS = ["id", "task", "title", "start", "due", "status", "done", "results"]
#: Line 5 is the first activity: version, guidance, union and `activities:` come first.
FIRST_LINE = 5


@st.composite
def activities(draw: st.DrawFn) -> list[dict[str, Any]]:
    """2 to 9 valid activities, with dates around the day of the run (findings of all kinds)."""
    count = draw(st.integers(min_value=2, max_value=9))
    found = []
    for number in range(count):
        due = date(2022, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
        status = draw(st.sampled_from(STATUSES))
        activity: dict[str, Any] = {
            "id": f"hd-{number}",
            "task": draw(st.integers(1, 8)),
            "title": draw(st.sampled_from(["Hội nghị", "Tập huấn", "Đăng tin, bài", "Kỷ niệm"])),
            "due": due.isoformat(),
            "status": status,
        }
        if draw(st.booleans()):
            activity["start"] = (due - timedelta(days=draw(st.integers(0, 60)))).isoformat()
        if status in ("hoàn thành", "done"):
            done = min(due + timedelta(days=draw(st.integers(-10, 10))), TODAY)
            activity["done"] = done.isoformat()
            activity["results"] = {"sessions": draw(st.integers(0, 5))}
        found.append(activity)
    return found


#: One mutation of one activity: what issue 10 calls a key renamed, a value of the wrong
#: type and a date made impossible, and a few of their kin.
MUTATIONS = {
    "rename": lambda a, field: {("x" + k if k == field else k): v for k, v in a.items()},
    "wrong type": lambda a, field: {**a, field: [1, 2] if field != "results" else "nhiều"},
    "impossible date": lambda a, field: {**a, "due": "31/2/2022"},
    "drop": lambda a, field: {k: v for k, v in a.items() if k != field},
    "unknown status": lambda a, field: {**a, "status": "đã triển khai xong"},
    "typo key": lambda a, field: {**{k: v for k, v in a.items() if k != "title"}, "titel": "X"},
}


def plan_text(items: list[dict[str, Any]]) -> str:
    lines = ["version: 1", 'guidance: "2022"', "union: {id: cd-mau, name: Công đoàn Mẫu}"]
    lines.append("activities:")
    lines += [f"  - {json.dumps(item, ensure_ascii=False)}" for item in items]
    return "\n".join(lines) + "\n"


def findings(folder: Path, text: str) -> set[tuple[int | None, str, str]]:
    path = folder / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    found = check_file(path, resolve_settings([path], today=TODAY, msg=messages("vi"), cwd=folder))
    return {(d.line, d.rule, d.message) for d in found.diagnostics}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=activities(),
    pick=st.integers(min_value=0),
    mutation=st.sampled_from(sorted(MUTATIONS)),
    field=st.sampled_from(FIELDS),
)
def test_a_broken_activity_hides_nothing_of_the_others(
    tmp_path_factory: Any, items: list[dict[str, Any]], pick: int, mutation: str, field: str
) -> None:
    folder = tmp_path_factory.mktemp("plan")
    (folder / "tuyengiao.yaml").write_text("{}\n", encoding="utf-8")
    target = pick % len(items)
    before = findings(folder, plan_text(items))
    broken = [*items]
    broken[target] = MUTATIONS[mutation](items[target], field)
    after = findings(folder, plan_text(broken))
    line = FIRST_LINE + target
    # What depends on the mutated activity itself is not "the others": its own line, a
    # duplicate of its id, and whether its task is covered.
    own_task = f"nhiệm vụ {items[target]['task']}:"
    others = {
        f
        for f in before
        if f[0] is not None
        and f[0] != line
        and f[1] != "duplicate-id"
        and not (f[1] == "task-uncovered" and own_task in f[2])
    }
    assert others <= after, (mutation, field, sorted(others - after))


def test_status_and_report_count_the_valid_activities_of_a_broken_plan(
    run: Run, tmp_path: Path
) -> None:
    """One bad activity leaves the union counted: the others are in every figure."""
    (tmp_path / "tuyengiao.yaml").write_text("{}\n", encoding="utf-8")
    plans = tmp_path / "plans"
    plans.mkdir()
    items = [
        {"id": "a", "task": 1, "title": "Quán triệt", "due": "2022-05-20", "status": "done"},
        {"id": "b", "task": 2, "title": "Đăng tin", "due": "2022-06-30", "status": "planned"},
        {"id": "c", "task": 3, "title": "Học tập", "due": "31/4/2022", "status": "planned"},
    ]
    items[0]["done"] = "2022-05-18"
    items[0]["results"] = {"sessions": 2, "participants": 320}
    (plans / "cd-mau.yaml").write_text(plan_text(items), encoding="utf-8")

    args = ("--period", "2022-Q2", "--today", SAMPLE_TODAY, "--format", "json")
    outcome = run("report", "plans", *args, cwd=tmp_path)
    assert outcome.exit_code == 0, outcome.stderr
    document = json.loads(outcome.stdout)
    (union,) = document["unions"]
    assert union["activities"] == 2  # a and b; c is left out
    assert union["done_in_period"] == 1
    assert document["totals"]["results"]["participants"] == 320
    (left_out,) = document["left_out"]
    assert (left_out["file"], left_out["activities"]) == ("plans/cd-mau.yaml", 1)
    assert "31/4/2022" in left_out["first_message"]

    status = run("status", "plans", "--today", SAMPLE_TODAY, cwd=tmp_path)
    assert status.exit_code == 0, status.stderr
    assert "Công đoàn Mẫu" in status.stdout
