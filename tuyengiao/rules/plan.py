"""Rules over one plan: the catalogue, the calendar and the plan's own consistency.

Each rule is a function registered under its stable name (`plan_rule`); `check_plan`
runs them in registry order. A rule's user documentation is its `rules.<name>`
catalogue entry. The plan may be one recovered from a file with errors: a rule looks
only at the activities that have the fields it needs (`Target.activities`), so a
mistake in one field never hides what the others show.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from tuyengiao.dates import MAX_YEAR, format_vi
from tuyengiao.diagnostics import Diagnostic
from tuyengiao.i18n import Messages
from tuyengiao.models import Activity, Guidance, Plan, Progress, Task
from tuyengiao.read.document import Document, Path
from tuyengiao.rules.findings import make_diagnostic
from tuyengiao.status import Status

if TYPE_CHECKING:
    from tuyengiao.obligations import Schedule, Standing
    from tuyengiao.periods import Period, PeriodRule
    from tuyengiao.read import Reading


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules need besides the plan: its catalogue, the day, the wording.

    `guidance` is None for a plan of a guidance the workspace does not know: the rules
    that need a catalogue then pass it by, and `offered` names the ids there are.
    """

    guidance: Guidance | None
    today: date
    msg: Messages
    due_soon_days: int = 14
    offered: tuple[str, ...] = ()
    #: For a plan of a catalogue that has errors: that catalogue's file. The catalogue is
    #: then not used (`guidance` is None): a deadline left from last year would measure
    #: every plan wrong. The plan gets one finding that says so.
    broken: str | None = None
    #: The periodic reports unions owe (`reporting:`); None: no obligation is checked.
    schedule: Schedule | None = None
    #: The catalogue's tasks by number and its metric ids, for lookups per activity.
    tasks: dict[int, Task] = field(init=False, repr=False, compare=False)
    metrics: frozenset[str] = field(init=False, repr=False, compare=False)
    #: The day `overdue`, `due-soon` and `not-started` look from: today, or, once the
    #: guidance year is over, its first day after (1/1 of the next year). A 2022 plan
    #: checked in March 2023 is reported as it stood when 2022 ended, once, not with
    #: its overdue days growing every day of 2023. Done in the future is still today's.
    as_of: date = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        guidance = self.guidance
        tasks = {task.number: task for task in guidance.tasks} if guidance else {}
        metrics = frozenset(m.id for m in guidance.metrics) if guidance else frozenset()
        object.__setattr__(self, "tasks", tasks)
        object.__setattr__(self, "metrics", metrics)
        after = date(guidance.year + 1, 1, 1) if guidance and guidance.year < MAX_YEAR else None
        object.__setattr__(self, "as_of", min(self.today, after) if after else self.today)

    @property
    def year_over(self) -> bool:
        """Whether the guidance year ended before the day of the run."""
        return self.as_of < self.today


@dataclass(frozen=True, slots=True)
class Target:
    """The plan under check, with what a rule needs to read it and place a finding."""

    plan: Plan
    doc: Document
    file: str
    ctx: Context
    #: How the plan was read: it tells which fields of a recovered plan are known.
    reading: Reading[Plan] | None = None
    #: `activities(*needs)` by `needs`, made once per plan for every rule that asks.
    _activities: dict[tuple[str, ...], list[tuple[Path, Activity]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    #: The activities some of whose fields could not be read, each with its index in
    #: `activities()` (None: not yet looked at).
    _lacking: tuple[tuple[int, Activity], ...] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    #: What several rules compute from the plan, made once (the periodic reports).
    memo: dict[str, tuple[Standing, ...]] = field(default_factory=dict, compare=False, repr=False)

    def known(self, instance: object, *fields: str) -> bool:
        """Whether `instance` (the plan or part of it) has these fields, valid."""
        return self.reading is None or self.reading.known(instance, *fields)

    def activities(self, *needs: str) -> list[tuple[Path, Activity]]:
        """The activities that have every field in `needs`, each with its path.

        Made once per plan and set of fields, shared by the eighteen rules that walk
        the activities (before, each walked them anew: 432,000 generator steps for
        1,000 findings-heavy plans; CPU of `check -j 1 --format json` on them 7 % less).
        """
        made = self._activities
        found = made.get(needs)
        if found is not None:
            return found
        every = made.get(())
        if every is None:
            items: list[Activity] | None = getattr(self.plan, "activities", None)
            every = []
            if items is not None:
                places = range(len(items)) if self.reading is None else self.reading.indices(items)
                every = [(("activities", i), a) for i, a in zip(places, items, strict=True)]
            made[()] = every
        recovery = self.reading.recovery if self.reading is not None else None
        found = every  # every field of every activity was read
        if needs and recovery is not None:
            # Only an activity with an error lacks fields: the others pass every filter,
            # so only those few are asked, and the list is cut around the ones that fail
            # (asking all 24 of each plan, for each set of fields, took 0.34 s of 1,000
            # findings-heavy plans under cProfile; filtering by id, 0.19 s).
            lacking = self._lacking
            if lacking is None:
                lacking = tuple(
                    (i, a) for i, (_, a) in enumerate(every) if not recovery.complete(a)
                )
                object.__setattr__(self, "_lacking", lacking)
            start, found = 0, []
            for at, activity in lacking:
                if not recovery.known(activity, *needs):
                    found += every[start:at]
                    start = at + 1
            found = every if start == 0 else found + every[start:]
        made[needs] = found
        return found

    def facts(self, activity: Activity, **more: object) -> dict[str, object]:
        """What a message may say of `activity`: its title (else its id), id and task."""
        title = getattr(activity, "title", None) or getattr(activity, "id", None) or "…"
        return {
            "id": getattr(activity, "id", ""),
            "title": title,
            "task": getattr(activity, "task", ""),
            **more,
        }

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
PLAN_RULES: dict[str, list[PlanRule]] = {}
#: Every function of `PLAN_RULES`, in registry order (by name as first registered).
_EVERY_RULE: list[PlanRule] = []


def plan_rule(name: str) -> Callable[[PlanRule], PlanRule]:
    """Register a plan rule under its stable name (several functions may share one)."""

    def register(function: PlanRule) -> PlanRule:
        PLAN_RULES.setdefault(name, []).append(function)
        _EVERY_RULE[:] = [rule for rules in PLAN_RULES.values() for rule in rules]
        return function

    return register


def check_plan(target: Target) -> Iterator[Diagnostic]:
    """Every plan-level finding about one plan (whole, or recovered from a broken file).

    Made one at a time: the caller keeps only the first ones of a file that has many.
    Chained in C, not yielded on through a generator of its own: a finding passes
    through its rule's generator only.
    """
    return itertools.chain.from_iterable(rule(target) for rule in _EVERY_RULE)


@plan_rule("invalid-value")
def _catalogue_values(target: Target) -> Iterator[Diagnostic]:
    """The plan's guidance is one the workspace knows; metrics (of results, targets and
    progress) are its catalogue's."""
    guidance, plan = target.ctx.guidance, target.plan
    if guidance is None and target.ctx.broken is not None:
        if target.known(plan, "guidance"):
            fields = {"value": plan.guidance, "file": target.ctx.broken}
            yield target.report(
                "invalid-value", "guidance_broken", ("guidance",), fields, "guidance_broken"
            )
        return
    if guidance is None:
        if target.known(plan, "guidance"):
            allowed = ", ".join(f'"{offered}"' for offered in target.ctx.offered)
            fields = {"value": plan.guidance, "allowed": allowed}
            yield target.report(
                "invalid-value", "guidance_unknown", ("guidance",), fields, "guidance_offered"
            )
        return
    metrics = target.ctx.metrics
    for name in ("results", "target", "progress"):
        for path, activity in _strays(target, name, metrics):
            for metric, where in _metric_names(activity, name, path):
                if metric not in metrics:
                    known = ", ".join(m.id for m in guidance.metrics)
                    fields = {"value": metric, "allowed": known}
                    yield target.report(
                        "invalid-value", "metric", where, fields, "metrics", key=True
                    )


def _strays(target: Target, name: str, metrics: frozenset[str]) -> list[tuple[Path, Activity]]:
    """The activities that write in their field `name` some metric not in `metrics`.

    Each asked with one set operation (in C), where walking every name took 0.10 s of
    1,000 valid plans (cProfile, 105,915 steps); and in one comprehension per field,
    not a call per activity (rule alone, in-process CPU: 22 ms -> 17 ms).
    """
    within = metrics.issuperset
    pairs = target.activities(name)
    if name == "results":
        return [(path, a) for path, a in pairs if a.results and not within(a.results)]
    if name == "target":
        return [(path, a) for path, a in pairs if a.target and not within(a.target)]
    return [
        (path, a)
        for path, a in pairs
        if a.progress and not all(within(entry.results) for entry in a.progress)
    ]


def _metric_names(activity: Activity, name: str, path: Path) -> Iterator[tuple[str, Path]]:
    """The metric names `activity` writes in its field `name`, each with its path."""
    if name == "progress":
        for step, entry in enumerate(activity.progress or ()):
            for metric in entry.results:
                yield metric, (*path, "progress", step, "results", metric)
        return
    values: dict[str, int] | None = getattr(activity, name)
    for metric in values or {}:
        yield metric, (*path, name, metric)


@plan_rule("invalid-value")
def _report_periods(target: Target) -> Iterator[Diagnostic]:
    """The keys of `reports:` are periods of the plan's year (`2022-Q2`, `2022-H1`, …)."""
    plan, guidance = target.plan, target.ctx.guidance
    if guidance is None or not target.known(plan, "reports") or not plan.reports:
        return
    from tuyengiao.periods import PeriodError, parse_period  # and `dateutil`: see config

    year = guidance.year
    for name in plan.reports:
        try:
            period = parse_period(name, "calendar")
        except PeriodError:
            period = None
        if period is None or period.year != year:
            fields = {"value": name, "year": year}
            where = ("reports", name)
            yield target.report("invalid-value", "period", where, fields, "period", key=True)


@plan_rule("invalid-task")
def _task_exists(target: Target) -> Iterator[Diagnostic]:
    """Every activity names a task the catalogue has."""
    numbers = target.ctx.tasks
    if not numbers:
        return  # no catalogue to look in
    for path, activity in target.activities("task"):
        if activity.task not in numbers:
            fields = {"value": activity.task, "first": min(numbers), "last": max(numbers)}
            yield target.report("invalid-task", "task", (*path, "task"), fields, "tasks")


@plan_rule("missing-field")
def _done_date(target: Target) -> Iterator[Diagnostic]:
    """A done activity says when it was done."""
    for path, activity in target.activities("status", "done"):
        if activity.status is Status.DONE and activity.done is None:
            fields = target.facts(activity, field="done")
            yield target.report("missing-field", "done", (*path, "status"), fields, "done")


@plan_rule("duplicate-id")
def _unique_ids(target: Target) -> Iterator[Diagnostic]:
    """Activity ids are unique within the plan."""
    first: dict[str, Path] = {}
    for path, activity in target.activities("id"):
        earlier = first.setdefault(activity.id, path)
        if earlier is not path:
            line, _ = target.doc.position((*earlier, "id"))
            fields = {"id": activity.id, "first_line": line}
            yield target.report("duplicate-id", "activity", (*path, "id"), fields, "unique_id")


@plan_rule("date-order")
def _date_order(target: Target) -> Iterator[Diagnostic]:
    """Done after start, start before due, done not in the future."""
    today = target.ctx.today
    for path, activity in target.activities("start", "due"):
        start, due = activity.start, activity.due
        if start and start > due:
            fields = target.facts(activity, start=format_vi(start), due=format_vi(due))
            yield target.report("date-order", "start_after_due", (*path, "start"), fields)
    for path, activity in target.activities("start", "done"):
        start, done = activity.start, activity.done
        if done and start and done < start:
            fields = target.facts(activity, start=format_vi(start), done=format_vi(done))
            yield target.report("date-order", "done_before_start", (*path, "done"), fields)
    for path, activity in target.activities("done"):
        done = activity.done
        if done and done > today:
            fields = target.facts(activity, done=format_vi(done), today=format_vi(today))
            yield target.report("date-order", "done_future", (*path, "done"), fields, "done_future")


@plan_rule("date-order")
def _progress_order(target: Target) -> Iterator[Diagnostic]:
    """Running totals never go down, and are not dated in the future or after done."""
    today = target.ctx.today
    for path, activity in target.activities("progress"):
        if not activity.progress:
            # Without running totals nothing can be out of order: most activities have
            # none, and making their `_Totals` took 0.09 s of 1,000 valid plans (cProfile).
            continue
        done = activity.done if target.known(activity, "done", "status") else None
        if done is not None and activity.status is not Status.DONE:
            done = None
        final = activity.results if done is not None and target.known(activity, "results") else None
        last = _rising(activity.progress, final)
        if last is not None and last <= today and (done is None or last <= done):
            continue  # in date order, none in the future or after done, none going down
        days = [entry.as_of for entry in activity.progress]
        totals = _Totals([*days, done] if done is not None else days)
        for step, entry in enumerate(activity.progress):
            where = (*path, "progress", step)
            if entry.as_of > today:
                day = format_vi(entry.as_of)
                fields = target.facts(activity, day=day, today=format_vi(today))
                yield target.report("date-order", "progress_future", (*where, "as_of"), fields)
            elif done is not None and entry.as_of > done:
                day = format_vi(entry.as_of)
                fields = target.facts(activity, day=day, done=format_vi(done))
                yield target.report("date-order", "progress_after_done", (*where, "as_of"), fields)
            yield from _totals_down(target, activity, totals, entry.results, entry.as_of, where)
        if final and done is not None:
            yield from _totals_down(target, activity, totals, final, done, path)


def _rising(progress: list[Progress], final: Mapping[str, int] | None) -> date | None:
    """The last day of `progress` when its entries are in date order and no total is
    below an earlier one of its metric (nor one of `final`, the results when done, below
    any): no total then went down. None otherwise.

    The usual case, told apart in one plain pass: with the prefix-maximum tree
    (`_Totals`) made for every activity with running totals, the rule took 1,000 valid
    plans 23-24 ms; with this pass first, 6 ms (rule alone, positions stubbed,
    in-process CPU).
    """
    day: date | None = None
    top: dict[str, int] = {}
    for entry in progress:
        if day is not None and entry.as_of < day:
            return None
        day = entry.as_of
        for metric, value in entry.results.items():
            if value < top.get(metric, value):
                return None
            top[metric] = value
    for metric, value in (final or {}).items():
        if value < top.get(metric, value):
            return None
    return day


def _totals_down(
    target: Target,
    activity: Activity,
    totals: _Totals,
    results: Mapping[str, int],
    day: date,
    where: Path,
) -> Iterator[Diagnostic]:
    """A finding for each metric of `results` below a total of it dated no later."""
    for metric, value in results.items():
        before = totals.best(metric, day)
        if before is not None and value < before[0]:
            earlier, earlier_day = before
            fields = target.facts(
                activity,
                metric=metric,
                value=value,
                earlier=earlier,
                earlier_day=format_vi(earlier_day),
            )
            yield target.report(
                "date-order", "total_down", (*where, "results", metric), fields, "running_total"
            )
        totals.add(metric, day, value)


class _Totals:
    """The running totals seen so far: per metric, the largest dated no later than a day.

    Rescanning every earlier total for each new one took 40,000 entries 68 s; a
    prefix-maximum tree over the activity's days (Fenwick's) answers in log(days).
    The largest is the `(total, day)` pair that `max` would pick, as before.
    """

    __slots__ = ("_rank", "_trees")

    def __init__(self, days: list[date]) -> None:
        self._rank = {day: index for index, day in enumerate(sorted(set(days)), start=1)}
        self._trees: dict[str, dict[int, tuple[int, date]]] = {}

    def best(self, metric: str, day: date) -> tuple[int, date] | None:
        """The largest `(total, day)` of `metric` dated `day` or earlier, if any."""
        tree = self._trees.get(metric)
        if tree is None:
            return None
        found: tuple[int, date] | None = None
        at = self._rank[day]
        while at > 0:
            here = tree.get(at)
            if here is not None and (found is None or here > found):
                found = here
            at -= at & -at
        return found

    def add(self, metric: str, day: date, total: int) -> None:
        """Note `total` of `metric` on `day`."""
        tree = self._trees.setdefault(metric, {})
        value, at, size = (total, day), self._rank[day], len(self._rank)
        while at <= size:
            here = tree.get(at)
            if here is None or value > here:
                tree[at] = value
            at += at & -at


@plan_rule("overdue")
def _overdue(target: Target) -> Iterator[Diagnostic]:
    """Open activities whose due day has passed (due today is not yet overdue).

    Once the guidance year is over, as the plan stood when it ended (`Context.as_of`).
    """
    today, over = target.ctx.as_of, target.ctx.year_over
    for path, activity in target.activities("due", "status", "done"):
        if activity.overdue_at(today):
            status = target.ctx.msg(f"status.{activity.status.value}")
            days = (today - activity.due).days
            fields = target.facts(activity, due=format_vi(activity.due), days=days, status=status)
            if over:
                year = today.year - 1
                fields = {**fields, "year": year}
                yield target.report("overdue", "year_end", (*path, "due"), fields, "overdue")
            else:
                yield target.report("overdue", "overdue", (*path, "due"), fields, "overdue")


@plan_rule("not-started")
def _not_started(target: Target) -> Iterator[Diagnostic]:
    """Planned activities whose start day has passed: the plan says they have not begun."""
    today = target.ctx.as_of
    for path, activity in target.activities("start", "status", "due"):
        start = activity.start
        if activity.status is Status.PLANNED and start is not None and start < today:
            if activity.due < today:
                continue  # overdue already says it, more urgently
            fields = target.facts(activity, start=format_vi(start), days=(today - start).days)
            yield target.report("not-started", "not_started", (*path, "status"), fields, "started")


@plan_rule("undated-results")
def _undated_results(target: Target) -> Iterator[Diagnostic]:
    """`results` on an activity that is not done have no day, so they count nowhere."""
    today = target.ctx.today
    for path, activity in target.activities("results", "status"):
        if activity.results and activity.status is not Status.DONE:
            entry = ", ".join(f"{metric}: {value}" for metric, value in activity.results.items())
            fields = target.facts(activity)
            hint = {"as_of": format_vi(today), "results": entry}
            found = target.report(
                "undated-results", "undated", (*path, "results"), fields, key=True
            )
            yield replace(found, hint=target.ctx.msg("hint.progress_entry", **hint))


@plan_rule("done-while-open")
def _done_while_open(target: Target) -> Iterator[Diagnostic]:
    """A done day on an activity still planned or in progress: one of the two is stale."""
    for path, activity in target.activities("status", "done"):
        if activity.done is not None and activity.status in (Status.PLANNED, Status.IN_PROGRESS):
            status = target.ctx.msg(f"status.{activity.status.value}")
            fields = target.facts(activity, done=format_vi(activity.done), status=status)
            found = target.report("done-while-open", "open", (*path, "done"), fields)
            yield replace(found, hint=target.ctx.msg("hint.mistake.done_while_open"))


@plan_rule("late")
def _late(target: Target) -> Iterator[Diagnostic]:
    """Activities done after their due day."""
    for path, activity in target.activities("status", "done", "due"):
        if activity.status is Status.DONE and activity.done and activity.done > activity.due:
            days = (activity.done - activity.due).days
            due, done = format_vi(activity.due), format_vi(activity.done)
            fields = target.facts(activity, due=due, done=done, days=days)
            yield target.report("late", "late", (*path, "done"), fields)


@plan_rule("after-deadline")
def _after_deadline(target: Target) -> Iterator[Diagnostic]:
    """Activities due after the deadline the guidance sets for their task."""
    for path, activity in target.activities("task", "due"):
        task = target.ctx.tasks.get(activity.task)
        if task and task.deadline and activity.due > task.deadline:
            deadline = format_vi(task.deadline)
            fields = target.facts(activity, due=format_vi(activity.due), deadline=deadline)
            hint_fields = {"text": task.deadline_text or deadline}
            found = target.report("after-deadline", "after_deadline", (*path, "due"), fields)
            yield replace(found, hint=target.ctx.msg("hint.deadline", **hint_fields))


@plan_rule("outside-year")
def _outside_year(target: Target) -> Iterator[Diagnostic]:
    """Activities due outside the guidance year."""
    if target.ctx.guidance is None:
        return
    year = target.ctx.guidance.year
    for path, activity in target.activities("due"):
        if activity.due.year != year:
            fields = target.facts(activity, due=format_vi(activity.due), year=year)
            yield target.report("outside-year", "outside_year", (*path, "due"), fields)


@plan_rule("task-uncovered")
def _uncovered(target: Target) -> Iterator[Diagnostic]:
    """Every task of the catalogue has at least one activity that is not cancelled.

    An activity whose status could not be read still covers its task: the plan means
    something by it, and the status has a finding of its own.
    """
    guidance = target.ctx.guidance
    if guidance is None or not hasattr(target.plan, "activities"):
        return  # no catalogue, or no list of activities at all: `missing-field` says so
    covered = {
        activity.task
        for _, activity in target.activities("task")
        if not (target.known(activity, "status") and activity.status is Status.CANCELLED)
    }
    for task in guidance.tasks:
        if task.number not in covered:
            fields = {"task": task.number, "title": task.title}
            yield target.report(
                "task-uncovered", "uncovered", ("activities",), fields, "uncovered", key=True
            )


@plan_rule("due-soon")
def _due_soon(target: Target) -> Iterator[Diagnostic]:
    """Open activities due within the next days (14 unless the workspace says otherwise).

    None once the guidance year is over: nothing of it is due soon any more.
    """
    if target.ctx.year_over:
        return
    today = target.ctx.today
    horizon = today + timedelta(days=target.ctx.due_soon_days)
    for path, activity in target.activities("due", "status", "done"):
        if activity.open_at(today) and today <= activity.due <= horizon:
            days = (activity.due - today).days
            kind = "today" if days == 0 else "soon"
            fields = target.facts(activity, due=format_vi(activity.due), days=days)
            yield target.report("due-soon", kind, (*path, "due"), fields)


@plan_rule("date-order")
def _report_dates(target: Target) -> Iterator[Diagnostic]:
    """A report's `date` is not in the future, nor before its period began."""
    plan, today = target.plan, target.ctx.today
    if not target.known(plan, "reports") or not plan.reports:
        return
    rule: PeriodRule = target.ctx.schedule.rule if target.ctx.schedule is not None else "calendar"
    for key, notes in plan.reports.items():
        sent = notes.date
        if sent is None:
            continue
        where = ("reports", key, "date")
        fields = {"period": key, "date": format_vi(sent), "today": format_vi(today)}
        if sent > today:
            yield target.report("date-order", "report_future", where, fields, "report_future")
            continue
        period = _period_of(key, rule)
        if period is not None and sent < period.start:
            fields["start"] = format_vi(period.start)
            yield target.report("date-order", "report_early", where, fields, "report_early")


def _period_of(key: str, rule: PeriodRule) -> Period | None:
    from tuyengiao.periods import PeriodError, parse_period

    try:
        return parse_period(key, rule)
    except PeriodError:
        return None


def _standings_of(target: Target) -> tuple[Standing, ...]:
    """The plan's report for each scheduled period, from its activities that are whole
    (made once for the three rules that read it)."""
    schedule, guidance, plan = target.ctx.schedule, target.ctx.guidance, target.plan
    if schedule is None or guidance is None:
        return ()
    found = target.memo.get("standings")
    if found is None:
        from tuyengiao.obligations import standings  # only with `reporting:` (see config)

        reports = plan.reports if target.known(plan, "reports") else None
        updated = plan.updated if target.known(plan, "updated") else None
        whole = [a for _, a in target.activities("status", "done", "due", "start", "progress")]
        found = standings(reports, updated, whole, schedule, guidance.year, target.ctx.today)
        target.memo["standings"] = found
    return found


def _report_facts(target: Target, standing: Standing, **more: object) -> dict[str, object]:
    period = standing.period
    label = period.label_en if target.ctx.msg.lang == "en" else period.label_vi
    return {"period": period.id, "label": label, "due": format_vi(standing.due), **more}


@plan_rule("report-missing")
def _report_missing(target: Target) -> Iterator[Diagnostic]:
    """A scheduled report whose due day has passed, with no dated entry in `reports:`."""
    today = target.ctx.today
    for standing in _standings_of(target):
        if standing.state(today) != "missing":
            continue
        days = (today - standing.due).days
        fields = _report_facts(target, standing, days=days, today=format_vi(today))
        if standing.key is not None:  # a draft: the entry is there, its `date` is not
            where: Path = ("reports", standing.key)
        elif target.known(target.plan, "reports") and target.plan.reports:
            where = ("reports",)
        else:
            where = ("union",)
        yield target.report("report-missing", "missing", where, fields, "report_missing", key=True)


@plan_rule("report-late")
def _report_late(target: Target) -> Iterator[Diagnostic]:
    """A report sent after its due day."""
    for standing in _standings_of(target):
        if standing.key is not None and standing.sent is not None and standing.late_days:
            fields = _report_facts(
                target, standing, days=standing.late_days, date=format_vi(standing.sent)
            )
            where = ("reports", standing.key, "date")
            yield target.report("report-late", "late", where, fields)


@plan_rule("stale-data")
def _stale_data(target: Target) -> Iterator[Diagnostic]:
    """A report received for a period the plan's data do not reach (see `obligations`)."""
    for standing in _standings_of(target):
        if standing.key is None or not standing.received or not standing.stale:
            continue
        until = format_vi(standing.data_until) if standing.data_until else "—"
        fields = _report_facts(target, standing, until=until, end=format_vi(standing.period.end))
        where = ("reports", standing.key)
        yield target.report("stale-data", "stale", where, fields, "stale_data", key=True)


@plan_rule("target-missed")
def _target_missed(target: Target) -> Iterator[Diagnostic]:
    """A done activity whose results stay below its target, one finding per metric."""
    guidance = target.ctx.guidance
    if guidance is None:
        return
    english = target.ctx.msg.lang == "en"
    for path, activity in target.activities("target", "status", "results"):
        if activity.status is not Status.DONE or not activity.target:
            continue
        # Here, not at the top: `decimal` and `fractions` are 2 ms of every start-up,
        # and only a done activity with a target needs them.
        from tuyengiao.rates import number, rate

        results = activity.results or {}
        for metric, planned in activity.target.items():
            known = guidance.metric(metric)
            share = rate(results.get(metric, 0), planned)
            if known is None or share is None or share.reached:
                continue
            fields = target.facts(
                activity,
                label=(known.label_en if english else known.label).lower(),
                reached=number(share.part, english=english),
                planned=number(planned, english=english),
                percent=share.vi(),
            )
            where = (*path, "target", metric)
            yield target.report("target-missed", "missed", where, fields, "target_missed")
