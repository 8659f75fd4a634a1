"""Rules over one validated plan: the catalogue, the calendar and the plan's own consistency.

Each rule is a function registered under its stable name; `check_plan` runs them in
registry order. A rule's user documentation is its `rules.<name>` catalogue entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from tuyengiao.dates import format_vi
from tuyengiao.diagnostics import Diagnostic
from tuyengiao.i18n import Messages
from tuyengiao.models import Activity, Guidance, Plan, Task
from tuyengiao.read.document import Document, Path
from tuyengiao.rules.findings import make_diagnostic
from tuyengiao.status import Status

OPEN = frozenset({Status.PLANNED, Status.IN_PROGRESS})


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules need besides the plan: the catalogue, the day, the wording."""

    guidance: Guidance
    today: date
    msg: Messages
    due_soon_days: int = 14
    #: The catalogue's tasks by number and its metric ids, for lookups per activity.
    tasks: dict[int, Task] = field(init=False, repr=False, compare=False)
    metrics: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tasks", {task.number: task for task in self.guidance.tasks})
        object.__setattr__(self, "metrics", frozenset(m.id for m in self.guidance.metrics))


@dataclass(frozen=True, slots=True)
class Target:
    """The plan under check, with what a rule needs to place a finding."""

    plan: Plan
    doc: Document
    file: str
    ctx: Context

    def report(
        self,
        rule: str,
        kind: str,
        path: Path,
        fields: Mapping[str, object],
        hint: str | None = None,
        *,
        key: bool = False,
    ) -> Diagnostic:
        """A diagnostic for `rule` at the YAML position of `path`."""
        line, column = self.doc.position(path, key=key)
        return make_diagnostic(self.ctx.msg, self.file, rule, kind, line, column, fields, hint)


PlanRule = Callable[[Target], Iterator[Diagnostic]]
PLAN_RULES: dict[str, PlanRule] = {}


def plan_rule(name: str) -> Callable[[PlanRule], PlanRule]:
    """Register a plan rule under its stable name."""

    def register(function: PlanRule) -> PlanRule:
        PLAN_RULES[name] = function
        return function

    return register


def check_plan(plan: Plan, doc: Document, file: str, ctx: Context) -> list[Diagnostic]:
    """Every plan-level finding about one validated plan."""
    target = Target(plan, doc, file, ctx)
    return [found for rule in PLAN_RULES.values() for found in rule(target)]


def _activities(target: Target) -> Iterator[tuple[Path, Activity]]:
    for index, activity in enumerate(target.plan.activities):
        yield ("activities", index), activity


def _facts(activity: Activity, **more: object) -> dict[str, object]:
    return {"id": activity.id, "title": activity.title, "task": activity.task, **more}


@plan_rule("invalid-value")
def _catalogue_values(target: Target) -> Iterator[Diagnostic]:
    """The plan's guidance is the one in use; result metrics are the catalogue's."""
    guidance = target.ctx.guidance
    if target.plan.guidance != guidance.id:
        fields = {"value": target.plan.guidance, "expected": guidance.id}
        yield target.report("invalid-value", "guidance", ("guidance",), fields, "guidance")
    known = ", ".join(metric.id for metric in guidance.metrics)
    for path, activity in _activities(target):
        for metric in activity.results or {}:
            if metric not in target.ctx.metrics:
                fields = {"value": metric, "allowed": known}
                where = (*path, "results", metric)
                yield target.report("invalid-value", "metric", where, fields, "metrics", key=True)


@plan_rule("invalid-task")
def _task_exists(target: Target) -> Iterator[Diagnostic]:
    """Every activity names a task the catalogue has."""
    numbers = target.ctx.tasks
    for path, activity in _activities(target):
        if activity.task not in numbers:
            fields = {"value": activity.task, "first": min(numbers), "last": max(numbers)}
            yield target.report("invalid-task", "task", (*path, "task"), fields, "tasks")


@plan_rule("missing-field")
def _done_date(target: Target) -> Iterator[Diagnostic]:
    """A done activity says when it was done."""
    for path, activity in _activities(target):
        if activity.status is Status.DONE and activity.done is None:
            fields = _facts(activity, field="done")
            yield target.report("missing-field", "done", (*path, "status"), fields, "done")


@plan_rule("duplicate-id")
def _unique_ids(target: Target) -> Iterator[Diagnostic]:
    """Activity ids are unique within the plan."""
    first: dict[str, Path] = {}
    for path, activity in _activities(target):
        earlier = first.setdefault(activity.id, path)
        if earlier is not path:
            line, _ = target.doc.position((*earlier, "id"))
            fields = {"id": activity.id, "first_line": line}
            yield target.report("duplicate-id", "activity", (*path, "id"), fields, "unique_id")


@plan_rule("date-order")
def _date_order(target: Target) -> Iterator[Diagnostic]:
    """Done after start, start before due, done not in the future."""
    today = target.ctx.today
    for path, activity in _activities(target):
        start, due, done = activity.start, activity.due, activity.done
        if start and start > due:
            fields = _facts(activity, start=format_vi(start), due=format_vi(due))
            yield target.report("date-order", "start_after_due", (*path, "start"), fields)
        if done and start and done < start:
            fields = _facts(activity, start=format_vi(start), done=format_vi(done))
            yield target.report("date-order", "done_before_start", (*path, "done"), fields)
        if done and done > today:
            fields = _facts(activity, done=format_vi(done), today=format_vi(today))
            yield target.report("date-order", "done_future", (*path, "done"), fields, "done_future")


@plan_rule("overdue")
def _overdue(target: Target) -> Iterator[Diagnostic]:
    """Open activities whose due day has passed (due today is not yet overdue)."""
    today = target.ctx.today
    for path, activity in _activities(target):
        if activity.status in OPEN and activity.due < today:
            status = target.ctx.msg(f"status.{activity.status.value}")
            days = (today - activity.due).days
            fields = _facts(activity, due=format_vi(activity.due), days=days, status=status)
            yield target.report("overdue", "overdue", (*path, "due"), fields, "overdue")


@plan_rule("late")
def _late(target: Target) -> Iterator[Diagnostic]:
    """Activities done after their due day."""
    for path, activity in _activities(target):
        if activity.status is Status.DONE and activity.done and activity.done > activity.due:
            days = (activity.done - activity.due).days
            due, done = format_vi(activity.due), format_vi(activity.done)
            fields = _facts(activity, due=due, done=done, days=days)
            yield target.report("late", "late", (*path, "done"), fields)


@plan_rule("after-deadline")
def _after_deadline(target: Target) -> Iterator[Diagnostic]:
    """Activities due after the deadline the guidance sets for their task."""
    for path, activity in _activities(target):
        task = target.ctx.tasks.get(activity.task)
        if task and task.deadline and activity.due > task.deadline:
            deadline = format_vi(task.deadline)
            fields = _facts(activity, due=format_vi(activity.due), deadline=deadline)
            hint_fields = {"text": task.deadline_text or deadline}
            found = target.report("after-deadline", "after_deadline", (*path, "due"), fields)
            hint = target.ctx.msg("hint.deadline", **hint_fields)
            yield replace(found, hint=hint)


@plan_rule("outside-year")
def _outside_year(target: Target) -> Iterator[Diagnostic]:
    """Activities due outside the guidance year."""
    year = target.ctx.guidance.year
    for path, activity in _activities(target):
        if activity.due.year != year:
            fields = _facts(activity, due=format_vi(activity.due), year=year)
            yield target.report("outside-year", "outside_year", (*path, "due"), fields)


@plan_rule("task-uncovered")
def _uncovered(target: Target) -> Iterator[Diagnostic]:
    """Every task of the catalogue has at least one activity that is not cancelled."""
    covered = {a.task for a in target.plan.activities if a.status is not Status.CANCELLED}
    for task in target.ctx.guidance.tasks:
        if task.number not in covered:
            fields = {"task": task.number, "title": task.title}
            yield target.report(
                "task-uncovered", "uncovered", ("activities",), fields, "uncovered", key=True
            )


@plan_rule("due-soon")
def _due_soon(target: Target) -> Iterator[Diagnostic]:
    """Open activities due within the next days (14 unless the workspace says otherwise)."""
    today = target.ctx.today
    horizon = today + timedelta(days=target.ctx.due_soon_days)
    for path, activity in _activities(target):
        if activity.status in OPEN and today <= activity.due <= horizon:
            days = (activity.due - today).days
            kind = "today" if days == 0 else "soon"
            fields = _facts(activity, due=format_vi(activity.due), days=days)
            yield target.report("due-soon", kind, (*path, "due"), fields)
