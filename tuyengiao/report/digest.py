"""What one checked plan brings to a report, at E: a digest small enough to keep.

DESIGN.md "Reports": evaluate at E, the earlier of the day of the run and the period's
last day. An activity is *done in the period* when its done date falls in it; *open at
E* when not cancelled and not done by E; *overdue at E* when open and due before E
(`Activity.done_by`, `open_at`, `overdue_at`: one definition for check, status and
report). Statuses are counted as the union wrote them: an open activity that is not
overdue is *in progress* when its status says so (or it is done after E and had
started by then), and *planned* otherwise, even when its start day has passed.

Results are dated (DESIGN "Results are dated"): `results` of a done activity are its
totals on its done day, `progress` entries its running totals on their `as_of` days.
What an activity brings to a window is, metric by metric, its last known total on or
before the window's last day (E) minus its last known total before the window's first
day; `results` of an activity that is not done have no day and count nowhere.

Cancelled activities are counted apart and in no other figure, so a union's progress
is what it did of what it still means to do, and a task "engages" a union only
through an activity that is not cancelled (as the `task-uncovered` rule reads it).

`report` and `status` digest each plan as soon as it has been checked (in the worker
process under `--jobs`, which then sends back only the digest) and let the plan go: a
benchmark plan of 24 activities takes 18.8 KiB in memory, its digest 5.2 KiB, or
12.8 KiB with the text it keeps (tracemalloc, 500 plans), so only digests stay alive,
with that many fewer objects for the cyclic garbage collector to walk again and again.
A digest keeps of the activities only the few the document names (done in the period,
late, due in the next period, overdue), as small records that share the plan's strings;
`report` on 10,000 plans peaks at 228 MiB. Which plans a report
includes is only known once every file is checked (severity overrides, duplicate
ids), so every valid plan is digested and `tuyengiao.report.context.build_context`
keeps the digests of the files without errors. Counts and results are sums, so adding
digests up gives the figures the activities would give together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tuyengiao.models import Activity, PeriodNotes, Plan
from tuyengiao.periods import Period, PeriodError, parse_period
from tuyengiao.report.figures import Counts, OverdueEntry
from tuyengiao.report.measures import add_results
from tuyengiao.status import Status
from tuyengiao.workspace import PlanFile

_ONE_DAY = timedelta(days=1)


class Standing(StrEnum):
    """Where an activity stands at E; exactly one applies."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    PLANNED = "planned"
    CANCELLED = "cancelled"


def status_at(activity: Activity, as_of: date) -> Status:
    """The status the union had written at E: a done day after E was not yet reached."""
    status = activity.status
    if status is Status.DONE and not activity.done_by(as_of):
        started = activity.start is None or activity.start <= as_of
        return Status.IN_PROGRESS if started else Status.PLANNED
    return status


def standing_at(activity: Activity, as_of: date) -> Standing:
    """The activity's standing at E = `as_of` (see the module docstring)."""
    if activity.status is Status.CANCELLED:
        return Standing.CANCELLED
    if activity.done_by(as_of):
        return Standing.DONE
    if activity.overdue_at(as_of):
        return Standing.OVERDUE
    if status_at(activity, as_of) is Status.IN_PROGRESS:
        return Standing.IN_PROGRESS
    return Standing.PLANNED


def next_period(period: Period) -> Period | None:
    """The period after `period` (Q2 → Q3, H1 → H2, 9M → Q4, Q4 → next year's Q1)."""
    year, index = period.year, period.index
    match period.kind:
        case "quarter":
            text = f"{year}-Q{index + 1}" if index < 4 else f"{year + 1}-Q1"
        case "half":
            text = f"{year}-H2" if index == 1 else f"{year + 1}-H1"
        case "nine_months":
            text = f"{year}-Q4"
        case "year":
            text = f"{year + 1}"
    try:
        return parse_period(text, period.rule)
    except PeriodError:  # past the last year periods know
        return None


@dataclass(frozen=True, slots=True)
class Window:
    """The days a report looks at: the period, E, the start of the year, the next period."""

    start: date
    end: date
    as_of: date
    year_start: date
    #: The next period's first and last day (None after the last year periods know).
    next_start: date | None = None
    next_end: date | None = None

    @classmethod
    def of(cls, period: Period, today: date) -> Window:
        """The window of `period` evaluated on `today`."""
        following = next_period(period)
        return cls(
            period.start,
            period.end,
            period.evaluation_day(today),
            period.year_start(),
            following.start if following else None,
            following.end if following else None,
        )

    def done_in_period(self, activity: Activity) -> bool:
        """Done by E with a done date in the period (for a valid plan: done in the period)."""
        return activity.done_by(self.as_of) and _done_since(activity, self.start)

    def done_in_year(self, activity: Activity) -> bool:
        """Done by E with a done date on or after the start of the year."""
        return activity.done_by(self.as_of) and _done_since(activity, self.year_start)

    def due_next(self, activity: Activity) -> bool:
        """Open at E and due in the next period."""
        if self.next_start is None or self.next_end is None:
            return False
        return self.next_start <= activity.due <= self.next_end and activity.open_at(self.as_of)


def _done_since(activity: Activity, first: date) -> bool:
    return activity.done is not None and activity.done >= first


def totals_at(activity: Activity, day: date) -> dict[str, int]:
    """The activity's running totals on `day`: per metric, the last one known by then."""
    found: dict[str, int] = {}
    latest: dict[str, date] = {}
    for entry in activity.progress or ():
        if entry.as_of <= day:
            _keep_latest(found, latest, entry.as_of, entry.results)
    if activity.done_by(day) and activity.done is not None and activity.results:
        _keep_latest(found, latest, activity.done, activity.results)
    return found


def _keep_latest(
    found: dict[str, int], latest: dict[str, date], day: date, results: Mapping[str, int]
) -> None:
    for metric, value in results.items():
        if metric not in latest or latest[metric] <= day:
            found[metric], latest[metric] = value, day


def results_between(activity: Activity, first: date, last: date) -> dict[str, int]:
    """What the activity added from `first` to `last`, both included; zeros left out.

    A total that went down (a `date-order` error, let through by a severity override)
    adds nothing rather than a negative figure.
    """
    if not activity.progress:  # the common case: only the done day has results
        done = activity.done
        if activity.status is not Status.DONE or done is None or not first <= done <= last:
            return {}
        return {metric: value for metric, value in (activity.results or {}).items() if value}
    before = totals_at(activity, first - _ONE_DAY)
    added: dict[str, int] = {}
    for metric, value in totals_at(activity, last).items():
        gained = value - before.get(metric, 0)
        if gained > 0:
            added[metric] = gained
    return added


@dataclass(frozen=True, slots=True)
class ActivityItem:
    """An activity the document names, reduced to what it prints (strings shared with the plan)."""

    task: int
    title: str
    #: The done day (done in the period), else the due day.
    day: date
    due: date
    #: Its totals at E for done ones (what it achieved); empty for the others.
    results: Mapping[str, int]
    evidence: str | None
    status: Status


@dataclass(frozen=True, slots=True)
class TaskDigest:
    """The activities of one plan against one task number, at E."""

    counts: Counts
    #: Whether some activity of the task is not cancelled (the union "engages" it).
    engaged: bool
    #: Results the activities added in the period, and since 1 January (both up to E).
    results: dict[str, int]
    results_year: dict[str, int]
    #: Of the activities done in the period that carry a `target`: their targets summed,
    #: their results (at E) summed over the same metrics, how many and how many met all.
    target: Mapping[str, int] | None = None
    reached: Mapping[str, int] | None = None
    targets_set: int = 0
    targets_met: int = 0


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
    #: Activities done in the period, in plan order; `late` the part done after its due day.
    done: tuple[ActivityItem, ...] = ()
    late: tuple[ActivityItem, ...] = ()
    #: Activities open at E and due in the next period, in plan order.
    upcoming: tuple[ActivityItem, ...] = ()
    #: The plan's `reports:` entry for the period, if it wrote one.
    notes: PeriodNotes | None = None
    members: int | None = None

    def engages(self, task: int) -> bool:
        """Whether the union has an activity for `task` that is not cancelled."""
        found = self.tasks.get(task)
        return found is not None and found.engaged

    @property
    def results(self) -> dict[str, int]:
        """The union's results in the period, every task together."""
        return add_results(task.results for task in self.tasks.values())

    @property
    def targets(self) -> tuple[int, int, dict[str, int], dict[str, int]]:
        """Its activities done in the period with a target: how many, how many met it,
        and their targets and results summed by metric."""
        tasks = self.tasks.values()
        return (
            sum(task.targets_set for task in tasks),
            sum(task.targets_met for task in tasks),
            add_results(task.target for task in tasks),
            add_results(task.reached for task in tasks),
        )


@dataclass(frozen=True, slots=True)
class Digester:
    """`check_workspace`'s `digest` hook for a report on one window.

    With `previous`, the plans of the previous year's guidance are digested on the same
    period a year earlier, in the same pass: the report compares each task's results
    with that period ("cùng kỳ năm trước").

    A plain frozen dataclass, so it pickles for worker processes that are spawned
    rather than forked (`tuyengiao.parallel`).
    """

    window: Window
    #: The period's name in `reports:` (`2022-Q2`).
    period_id: str = ""
    #: The previous year's guidance id, its window and period name, when compared.
    previous: tuple[str, Window, str] | None = None

    @classmethod
    def of(
        cls, period: Period, today: date, previous: tuple[str, Period] | None = None
    ) -> Digester:
        """The digester for a report on `period` run on `today`; `previous` is the guidance
        id of the year before and the same period of that year, to compare with."""
        if previous is None:
            return cls(Window.of(period, today), period.id)
        guidance_id, earlier = previous
        # The earlier period is over: it is evaluated at its end, whatever `today` is.
        return cls(
            Window.of(period, today),
            period.id,
            (guidance_id, Window.of(earlier, earlier.end), earlier.id),
        )

    def __call__(self, plan_file: PlanFile, plan: Plan) -> PlanDigest:
        """The digest of `plan`, read from `plan_file`."""
        previous = self.previous
        if previous is not None and plan.guidance == previous[0]:
            return digest_plan(plan, plan_file.name, previous[1], previous[2])
        return digest_plan(plan, plan_file.name, self.window, self.period_id)


def digest_plan(plan: Plan, file: str, window: Window, period_id: str = "") -> PlanDigest:
    """The digest of `plan` (read from the file named `file`) for `window`.

    One pass over the activities, each one's standing computed once, with plain dicts
    for tallies: passes per task for counts, results and results of the year with
    `Counter`s, and one more for the overdue ones, took 0.24 s on the 1,000 benchmark
    plans; this takes 0.13 s.
    """
    tallies: dict[int, _Tally] = {}
    overdue: list[OverdueEntry] = []
    done: list[ActivityItem] = []
    upcoming: list[ActivityItem] = []
    union, as_of = plan.union, window.as_of
    for activity in plan.activities:
        standing = standing_at(activity, as_of)
        tally = tallies.get(activity.task)
        if tally is None:
            tally = tallies[activity.task] = _Tally()
        if tally.add(activity, standing, window):
            # Done by E: without progress entries its totals are its results, shared.
            totals = totals_at(activity, as_of) if activity.progress else activity.results
            done.append(_item(activity, activity.done or activity.due, totals or _NO_RESULTS))
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
                    status=status_at(activity, as_of),
                    owner=activity.owner,
                )
            )
        elif window.due_next(activity):
            upcoming.append(_item(activity, activity.due, _NO_RESULTS, status_at(activity, as_of)))
    tasks = {number: tally.digest() for number, tally in tallies.items()}
    counts = sum((task.counts for task in tasks.values()), Counts())
    notes = (plan.reports or {}).get(period_id) if period_id else None
    return PlanDigest(
        union.id,
        union.name,
        counts,
        tasks,
        tuple(overdue),
        done=tuple(done),
        late=tuple(item for item in done if item.day > item.due),
        upcoming=tuple(upcoming),
        notes=notes,
        members=union.members,
    )


def _item(
    activity: Activity,
    day: date,
    results: Mapping[str, int],
    status: Status = Status.DONE,
) -> ActivityItem:
    return ActivityItem(
        activity.task, activity.title, day, activity.due, results, activity.evidence, status
    )


#: The results of an item that has none, one shared object (digests are kept by the
#: thousand: 10,000 plans bring 110,000 items).
_NO_RESULTS: Mapping[str, int] = {}

#: A tally's standings before its first activity; copied, as iterating an Enum is slow.
_NONE_YET = dict.fromkeys(Standing, 0)


class _Tally:
    """The running figures of one task's activities while a plan is digested."""

    __slots__ = (
        "in_period",
        "reached",
        "results",
        "results_year",
        "standings",
        "target",
        "targets_met",
        "targets_set",
    )

    def __init__(self) -> None:
        self.standings = _NONE_YET.copy()
        self.in_period = 0
        self.results: dict[str, int] = {}
        self.results_year: dict[str, int] = {}
        self.target: dict[str, int] = {}
        self.reached: dict[str, int] = {}
        self.targets_set = self.targets_met = 0

    def add(self, activity: Activity, standing: Standing, window: Window) -> bool:
        """Count `activity`, which stands at `standing` at E; True if done in the period."""
        self.standings[standing] += 1
        if standing is Standing.CANCELLED:
            return False
        if activity.progress:  # dated totals: what it added in each window, up to E
            _add_into(self.results, results_between(activity, window.start, window.as_of))
            _add_into(self.results_year, results_between(activity, window.year_start, window.as_of))
        elif standing is Standing.DONE:  # only done-day results: counted on that day
            if window.done_in_period(activity):
                _add_into(self.results, activity.results)
            if window.done_in_year(activity):
                _add_into(self.results_year, activity.results)
        if standing is Standing.DONE and window.done_in_period(activity):
            self.in_period += 1
            if activity.target:
                self._against_target(activity, activity.target, window.as_of)
            return True
        return False

    def _against_target(self, activity: Activity, target: Mapping[str, int], as_of: date) -> None:
        """Count a done activity's results against its target, metric by metric (a target
        of 0 is no target: nothing is measured against it)."""
        if not any(target.values()):
            return
        totals = (totals_at(activity, as_of) if activity.progress else activity.results) or {}
        met = True
        for metric, planned in target.items():
            if not planned:
                continue
            reached = totals.get(metric, 0)
            self.target[metric] = self.target.get(metric, 0) + planned
            self.reached[metric] = self.reached.get(metric, 0) + reached
            met = met and reached >= planned
        self.targets_set += 1
        self.targets_met += met

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
        if not self.targets_set:
            return TaskDigest(counts, engaged, self.results, self.results_year)
        return TaskDigest(
            counts,
            engaged,
            self.results,
            self.results_year,
            self.target,
            self.reached,
            self.targets_set,
            self.targets_met,
        )


def _add_into(totals: dict[str, int], results: Mapping[str, int] | None) -> None:
    """Add `results` to `totals`, metric by metric."""
    for metric, value in (results or {}).items():
        totals[metric] = totals.get(metric, 0) + value
