"""What one checked plan brings to a report, at E: a digest small enough to keep.

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

`report` and `status` digest each plan as soon as it has been checked (in the worker
process under `--jobs`, which then sends back only the digest) and let the plan go: a
benchmark plan of 24 activities takes 14.5 KiB in memory, its digest 4.1 KiB
(tracemalloc, 500 plans), so only digests stay alive, with that many fewer objects for
the cyclic garbage collector to walk again and again. Which plans a report includes is
only known once every file is checked (severity overrides, duplicate ids), so every
valid plan is digested and `tuyengiao.report.context.build_context` keeps the digests
of the files without errors. Counts and results are sums, so adding digests up gives
the figures the activities would give together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tuyengiao.models import Activity, Plan
from tuyengiao.periods import Period
from tuyengiao.report.model import Counts, OverdueEntry
from tuyengiao.status import Status
from tuyengiao.workspace import PlanFile


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


def add_results(results: Iterable[Mapping[str, int] | None]) -> dict[str, int]:
    """`{metric id: sum}` over several activities' (or digests') results."""
    totals: dict[str, int] = {}
    for found in results:
        _add_into(totals, found)
    return totals


@dataclass(frozen=True, slots=True)
class TaskDigest:
    """The activities of one plan against one task number, at E."""

    counts: Counts
    #: Whether some activity of the task is not cancelled (the union "engages" it).
    engaged: bool
    #: Results summed over the activities done in the period, and since 1 January.
    results: dict[str, int]
    results_year: dict[str, int]


@dataclass(frozen=True, slots=True)
class PlanDigest:
    """Everything a report needs from one valid plan, computed for one window."""

    union_id: str
    union_name: str
    #: The union's own counts: the sum of its tasks' counts.
    counts: Counts
    #: By task number as written in the plan (a number the catalogue lacks included),
    #: in the order the numbers first appear.
    tasks: dict[int, TaskDigest]
    #: The activities overdue at E, in plan order.
    overdue: tuple[OverdueEntry, ...]

    def engages(self, task: int) -> bool:
        """Whether the union has an activity for `task` that is not cancelled."""
        found = self.tasks.get(task)
        return found is not None and found.engaged


@dataclass(frozen=True, slots=True)
class Digester:
    """`check_workspace`'s `digest` hook for a report on one window.

    A plain frozen dataclass, so it pickles for worker processes that are spawned
    rather than forked (`tuyengiao.parallel`).
    """

    window: Window

    @classmethod
    def of(cls, period: Period, today: date) -> Digester:
        """The digester for a report on `period` run on `today`."""
        return cls(Window.of(period, today))

    def __call__(self, plan_file: PlanFile, plan: Plan) -> PlanDigest:
        """The digest of `plan`, read from `plan_file`."""
        return digest_plan(plan, plan_file.name, self.window)


def digest_plan(plan: Plan, file: str, window: Window) -> PlanDigest:
    """The digest of `plan` (read from the file named `file`) for `window`.

    One pass over the activities, each one's standing computed once, with plain dicts
    for tallies: passes per task for counts, results and results of the year with
    `Counter`s, and one more for the overdue ones, took 0.24 s on the 1,000 benchmark
    plans; this takes 0.13 s.
    """
    tallies: dict[int, _Tally] = {}
    overdue: list[OverdueEntry] = []
    union, as_of = plan.union, window.as_of
    for activity in plan.activities:
        standing = standing_at(activity, as_of)
        tally = tallies.get(activity.task)
        if tally is None:
            tally = tallies[activity.task] = _Tally()
        tally.add(activity, standing, window)
        if standing is Standing.OVERDUE:
            overdue.append(
                OverdueEntry(
                    union_id=union.id,
                    union_name=union.name,
                    file=file,
                    activity_id=activity.id,
                    task=activity.task,
                    title=activity.title,
                    due=activity.due,
                    days=(as_of - activity.due).days,
                    status=activity.status,
                    owner=activity.owner,
                )
            )
    tasks = {number: tally.digest() for number, tally in tallies.items()}
    counts = sum((task.counts for task in tasks.values()), Counts())
    return PlanDigest(union.id, union.name, counts, tasks, tuple(overdue))


#: A tally's standings before its first activity; copied, as iterating an Enum is slow.
_NONE_YET = dict.fromkeys(Standing, 0)


class _Tally:
    """The running figures of one task's activities while a plan is digested."""

    __slots__ = ("in_period", "results", "results_year", "standings")

    def __init__(self) -> None:
        self.standings = _NONE_YET.copy()
        self.in_period = 0
        self.results: dict[str, int] = {}
        self.results_year: dict[str, int] = {}

    def add(self, activity: Activity, standing: Standing, window: Window) -> None:
        """Count `activity`, which stands at `standing` at E."""
        self.standings[standing] += 1
        if standing is not Standing.DONE:  # done by E: only then do results count
            return
        if window.done_in_period(activity):
            self.in_period += 1
            _add_into(self.results, activity.results)
        if window.done_in_year(activity):
            _add_into(self.results_year, activity.results)

    def digest(self) -> TaskDigest:
        """The task's digest."""
        standings = self.standings
        cancelled = standings[Standing.CANCELLED]
        counts = Counts(
            activities=sum(standings.values()) - cancelled,
            done=standings[Standing.DONE],
            done_in_period=self.in_period,
            in_progress=standings[Standing.IN_PROGRESS],
            overdue=standings[Standing.OVERDUE],
            planned=standings[Standing.PLANNED],
            cancelled=cancelled,
        )
        engaged = counts.activities > 0  # some activity is not cancelled
        return TaskDigest(counts, engaged, self.results, self.results_year)


def _add_into(totals: dict[str, int], results: Mapping[str, int] | None) -> None:
    """Add `results` to `totals`, metric by metric."""
    for metric, value in (results or {}).items():
        totals[metric] = totals.get(metric, 0) + value
