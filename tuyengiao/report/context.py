"""Period arithmetic over checked plans: one `ReportContext`, the single source of every figure.

DESIGN.md "Reports": evaluate at E, the earlier of the day of the run and the period's
last day. An activity is *done in the period* when its done date falls in it; *open at
E* when not cancelled and not done by E; *overdue at E* when open and due before E.
Results are summed over activities done in the period, and separately over those done
since the start of the year (both up to E).

Two choices the design leaves open, made here once:

- Cancelled activities are counted apart and in no other figure, so a union's progress
  is what it did of what it still means to do, and a task "engages" a union only
  through an activity that is not cancelled (as the `task-uncovered` rule reads it).
- An open activity that is not overdue is *in progress* at E when it has started by
  then: its `start` is on or before E, or, with no `start`, its status says it is
  under way (in_progress, or done after E). Otherwise it is *planned*.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tuyengiao.diagnostics import Severity
from tuyengiao.models import Activity, Guidance, Plan, RosterEntry
from tuyengiao.periods import Period
from tuyengiao.report.model import (
    Counts,
    LeftOut,
    MetricSum,
    MissingPlan,
    OverdueEntry,
    PeriodInfo,
    ReportContext,
    TaskEntry,
    TaskRef,
    Totals,
    UnionEntry,
)
from tuyengiao.status import Status
from tuyengiao.workspace import PlanFile, Result


class Standing(StrEnum):
    """Where an activity stands at E; exactly one applies."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    PLANNED = "planned"
    CANCELLED = "cancelled"


def done_by(activity: Activity, day: date) -> bool:
    """Whether the activity is done with a done date on or before `day`."""
    return activity.status is Status.DONE and activity.done is not None and activity.done <= day


def standing_at(activity: Activity, as_of: date) -> Standing:
    """The activity's standing at E = `as_of` (see the module docstring)."""
    if activity.status is Status.CANCELLED:
        return Standing.CANCELLED
    if done_by(activity, as_of):
        return Standing.DONE
    if activity.due < as_of:
        return Standing.OVERDUE
    if activity.start is not None:
        started = activity.start <= as_of
    else:
        started = activity.status in (Status.IN_PROGRESS, Status.DONE)
    return Standing.IN_PROGRESS if started else Standing.PLANNED


@dataclass(frozen=True, slots=True)
class Window:
    """The days a report looks at: the period, E, and the start of the year."""

    start: date
    end: date
    as_of: date
    year_start: date

    @classmethod
    def of(cls, period: Period, today: date) -> Window:
        """The window of `period` evaluated on `today`."""
        return cls(period.start, period.end, period.evaluation_day(today), period.year_start())

    def done_in_period(self, activity: Activity) -> bool:
        """Done by E with a done date in the period (for a valid plan: done in the period)."""
        return done_by(activity, self.as_of) and _done_since(activity, self.start)

    def done_in_year(self, activity: Activity) -> bool:
        """Done by E with a done date on or after the start of the year."""
        return done_by(activity, self.as_of) and _done_since(activity, self.year_start)


def _done_since(activity: Activity, first: date) -> bool:
    return activity.done is not None and activity.done >= first


def count(activities: Iterable[Activity], window: Window) -> Counts:
    """The counts of `activities` at E."""
    standings: Counter[Standing] = Counter()
    in_period = 0
    for activity in activities:
        standings[standing_at(activity, window.as_of)] += 1
        in_period += window.done_in_period(activity)
    cancelled = standings[Standing.CANCELLED]
    return Counts(
        activities=standings.total() - cancelled,
        done=standings[Standing.DONE],
        done_in_period=in_period,
        in_progress=standings[Standing.IN_PROGRESS],
        overdue=standings[Standing.OVERDUE],
        planned=standings[Standing.PLANNED],
        cancelled=cancelled,
    )


class Labels:
    """Catalogue wording in the report's language."""

    def __init__(self, guidance: Guidance, english: bool) -> None:
        self.guidance = guidance
        self.english = english

    def task_title(self, number: int) -> str:
        """The task's short title."""
        task = self.guidance.task(number)
        if task is None:  # only reachable with a plan the checks let through by config
            return str(number)
        return task.title_en if self.english else task.title

    def sums(
        self, activities: Iterable[Activity], always: Sequence[str] = ()
    ) -> tuple[MetricSum, ...]:
        """Results summed per metric, in catalogue order: `always` ones even at zero."""
        totals: Counter[str] = Counter()
        for activity in activities:
            totals.update(activity.results or {})
        return tuple(
            MetricSum(
                metric.id,
                metric.label_en if self.english else metric.label,
                metric.unit,
                totals[metric.id],
            )
            for metric in self.guidance.metrics
            if metric.id in always or totals[metric.id]
        )


@dataclass(frozen=True, slots=True)
class Included:
    """A plan the report uses, with where it came from."""

    file: PlanFile
    plan: Plan

    @property
    def activities(self) -> list[Activity]:
        """The plan's activities."""
        return self.plan.activities


def build_context(result: Result, period: Period, *, english: bool = False) -> ReportContext:
    """Compute every figure of the report on `period` from a checked workspace."""
    settings = result.settings
    config, guidance = settings.config, settings.guidance
    window = Window.of(period, settings.today)
    labels = Labels(guidance, english)
    roster = {entry.id: (index, entry) for index, entry in enumerate(config.roster or [])}
    included = _included(result.files, roster)
    everything = [a for plan in included for a in plan.activities]
    all_metrics = [metric.id for metric in guidance.metrics]

    totals = Totals(
        unions=len(included),
        expected=len(roster) if config.roster is not None else None,
        left_out=len(result.files) - len(included),
        counts=count(everything, window),
        results=labels.sums(filter(window.done_in_period, everything), all_metrics),
        results_year=labels.sums(filter(window.done_in_year, everything), all_metrics),
    )
    return ReportContext(
        lang="en" if english else "vi",
        period=PeriodInfo(
            period.id,
            period.label_en if english else period.label_vi,
            period.rule,
            period.start,
            period.end,
        ),
        as_of=window.as_of,
        year_start=window.year_start,
        guidance_title=guidance.title,
        guidance_issuer=guidance.issuer,
        organization=config.organization,
        frame=config.report,
        totals=totals,
        tasks=tuple(_task_entries(included, window, labels)),
        unions=tuple(_union_entries(included, window, labels, roster)),
        overdue=tuple(_overdue(included, window.as_of)),
        missing_plans=tuple(_missing(result.files, roster)),
        left_out=tuple(_left_out(result.files, included)),
    )


#: Roster unions by id, with their position on the roster.
Roster = dict[str, tuple[int, RosterEntry]]


def _included(files: Sequence[PlanFile], roster: Roster) -> list[Included]:
    """Plans that validated with no error, in roster order, then by union id."""
    kept = [
        Included(plan_file, plan_file.plan)
        for plan_file in files
        if plan_file.plan is not None and not plan_file.has_errors
    ]
    unlisted = len(roster)
    kept.sort(key=lambda p: (roster.get(p.plan.union.id, (unlisted,))[0], p.plan.union.id))
    return kept


def _task_entries(
    included: Sequence[Included], window: Window, labels: Labels
) -> Iterable[TaskEntry]:
    for task in labels.guidance.tasks:
        mine = [a for plan in included for a in plan.activities if a.task == task.number]
        engaged = {
            plan.plan.union.id
            for plan in included
            for a in plan.activities
            if a.task == task.number and a.status is not Status.CANCELLED
        }
        yield TaskEntry(
            number=task.number,
            title=labels.task_title(task.number),
            unions_engaged=len(engaged),
            counts=count(mine, window),
            results=labels.sums(filter(window.done_in_period, mine), task.metrics),
            results_year=labels.sums(filter(window.done_in_year, mine), task.metrics),
        )


def _union_entries(
    included: Sequence[Included], window: Window, labels: Labels, roster: Roster
) -> Iterable[UnionEntry]:
    for plan in included:
        union = plan.plan.union
        covered = {a.task for a in plan.activities if a.status is not Status.CANCELLED}
        entry = roster.get(union.id)
        yield UnionEntry(
            id=union.id,
            name=union.name,
            group=entry[1].group if entry else None,
            file=plan.file.name,
            counts=count(plan.activities, window),
            uncovered=tuple(
                TaskRef(task.number, labels.task_title(task.number))
                for task in labels.guidance.tasks
                if task.number not in covered
            ),
        )


def _overdue(included: Sequence[Included], as_of: date) -> list[OverdueEntry]:
    """Every activity overdue at E, the latest first (then in report order)."""
    found = [
        OverdueEntry(
            union_id=plan.plan.union.id,
            union_name=plan.plan.union.name,
            file=plan.file.name,
            activity_id=activity.id,
            task=activity.task,
            title=activity.title,
            due=activity.due,
            days=(as_of - activity.due).days,
            status=activity.status,
            owner=activity.owner,
        )
        for plan in included
        for activity in plan.activities
        if standing_at(activity, as_of) is Standing.OVERDUE
    ]
    found.sort(key=lambda entry: -entry.days)  # stable: report order among equals
    return found


def _missing(files: Sequence[PlanFile], roster: Roster) -> Iterable[MissingPlan]:
    """Roster unions with no plan file at all (a file with errors still counts as filed)."""
    filed = {plan_file.union_id for plan_file in files}
    for _, entry in sorted(roster.values(), key=lambda item: item[0]):
        if entry.id not in filed:
            yield MissingPlan(entry.id, entry.name, entry.group)


def _left_out(files: Sequence[PlanFile], included: Sequence[Included]) -> Iterable[LeftOut]:
    used = {id(plan.file) for plan in included}
    for plan_file in files:
        if id(plan_file) in used:
            continue
        errors = [d for d in plan_file.diagnostics if d.severity is Severity.ERROR]
        first = (errors or plan_file.diagnostics)[0].message if plan_file.diagnostics else ""
        yield LeftOut(plan_file.name, plan_file.union_id, len(errors), first)
