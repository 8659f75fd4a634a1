"""Every figure of a report, added up from the digests of the plans it includes.

The period arithmetic (what is done, in progress, overdue at E) is in
`tuyengiao.report.digest`, which reduces each valid plan to a `PlanDigest` as soon as
it is checked; here the digests of the files without errors are put in report order
and summed into one `ReportContext`, the single source of every figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from tuyengiao.config import Settings
from tuyengiao.diagnostics import Severity
from tuyengiao.i18n import messages
from tuyengiao.models import CentralNotes, Guidance, RosterEntry
from tuyengiao.obligations import Expected, Roll, roll_call, roster_expected
from tuyengiao.periods import Period, PeriodError, parse_period
from tuyengiao.report.digest import PlanDigest, Window, next_period
from tuyengiao.report.figures import (
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
from tuyengiao.report.measures import Measures, add_results, compare, measure
from tuyengiao.report.sections import build_document
from tuyengiao.report.wording import Sources
from tuyengiao.workspace import PlanFile, Result


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

    def sums(self, totals: Mapping[str, int], always: Sequence[str] = ()) -> tuple[MetricSum, ...]:
        """Results per metric, in catalogue order: `always` ones even at zero."""
        return tuple(
            MetricSum(
                metric.id,
                metric.label_en if self.english else metric.label,
                metric.unit,
                totals.get(metric.id, 0),
            )
            for metric in self.guidance.metrics
            if metric.id in always or totals.get(metric.id, 0)
        )


@dataclass(frozen=True, slots=True)
class Included:
    """A plan the report uses: its file and its digest."""

    file: PlanFile
    digest: PlanDigest


def build_context(
    result: Result,
    period: Period,
    guidance: Guidance,
    *,
    english: bool = False,
    notes: CentralNotes | None = None,
    document: bool = True,
    previous: Guidance | None = None,
) -> ReportContext:
    """Compute every figure and sentence of the report on `period` from a checked workspace.

    `result` comes from `check_workspace(..., digest=Digester.of(period, today))` with
    the same period and day (`settings.today`, the issue day): the plans themselves are
    not kept. `notes` is the central department's text (`report.notes`); with
    `document=False` (the `status` dashboard) only the figures are computed.
    """
    settings = result.settings
    config = settings.config
    window = Window.of(period, settings.today)
    labels = Labels(guidance, english)
    roster = {entry.id: (index, entry) for index, entry in enumerate(config.roster or [])}
    # The files of this guidance, and those whose guidance could not be read: a plan of
    # another year is neither counted here nor "left out".
    # A copy of a union's plan (`copy_of`: the plan it copies is counted) is in no figure.
    files = [
        f
        for f in result.files
        if f.guidance_id in (guidance.id, None) and not f.notes and f.copy_of is None
    ]
    included = _included(files, roster, guidance.id)
    every_task = [task for plan in included for task in plan.digest.tasks.values()]
    all_metrics = [metric.id for metric in guidance.metrics]

    totals = Totals(
        unions=len(included),
        expected=sum(entry.files_in(guidance.year) for _, entry in roster.values())
        if config.roster is not None
        else None,
        left_out=len(files) - len(included),
        counts=sum((plan.digest.counts for plan in included), Counts()),
        results=labels.sums(add_results(t.results for t in every_task), all_metrics),
        results_year=labels.sums(add_results(t.results_year for t in every_task), all_metrics),
    )
    figures = ReportContext(
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
        tasks=tuple(_task_entries(included, labels)),
        unions=tuple(_union_entries(included, labels, roster)),
        overdue=tuple(_overdue(included)),
        missing_plans=tuple(_missing(files, roster, guidance.year)),
        left_out=tuple(_left_out(files, included)),
        issued=settings.today,
        measures=_measures(result, included, roster, period, guidance, previous, totals, english),
    )
    if not document:
        return figures
    following = next_period(period)
    has_next = following is not None and following.year == guidance.year
    sources = Sources(
        digests=[plan.digest for plan in included],
        groups={entry.id: entry.group for _, entry in roster.values()},
        names={entry.id: entry.name for _, entry in roster.values()},
        notes=notes,
        guidance=guidance,
        issued=settings.today,
        next_period=(following.label_en if english else following.label_vi)
        if following is not None and has_next
        else None,
        signer=config.report.signer,
        period=period,
        following=following,
        sender=config.organization.sender or guidance.issuer,
        roll=_roll(files, settings, period, guidance, sources_names(included)),
    )
    written = build_document(figures, sources, messages("en" if english else "vi"))
    return replace(figures, document=written)


def sources_names(included: Sequence[Included]) -> list[tuple[str, str]]:
    """The union id and name of each plan in the report, in its order."""
    return [(plan.digest.union_id, plan.digest.union_name) for plan in included]


def _roll(
    files: Sequence[PlanFile],
    settings: Settings,
    period: Period,
    guidance: Guidance,
    plans: Sequence[tuple[str, str]],
) -> Roll | None:
    """Who sent the report for `period` (`tuyengiao.obligations`): the roster unions of the
    year, else every union with a plan; None when `reporting:` does not schedule it."""
    schedule = settings.schedule
    if schedule is None or period.kind not in schedule.kinds:
        return None
    roster = settings.config.roster
    if roster is not None:
        expected = roster_expected(roster, guidance.year)
    else:
        expected = [Expected(union_id, name, None) for union_id, name in plans]
    standings = {
        f.union_id: f.standings
        for f in files
        if f.counted and f.union_id is not None and f.guidance_id == guidance.id
    }
    return roll_call(period, schedule, settings.today, expected, standings)


def _measures(
    result: Result,
    included: Sequence[Included],
    roster: Roster,
    period: Period,
    guidance: Guidance,
    previous: Guidance | None,
    totals: Totals,
    english: bool,
) -> Measures:
    """The rates of the report, compared with the same period a year earlier when the
    checked workspace digested the previous year's plans on it (`Digester.of(…, previous)`)."""
    digests = [plan.digest for plan in included]
    measured = measure(digests, guidance, totals.expected, english)
    if previous is None:
        return measured
    earlier = [plan.digest for plan in _included(result.files, roster, previous.id)]
    if not earlier:
        return measured
    try:
        before = parse_period(f"{period.year - 1}{period.id[len(str(period.year)) :]}", period.rule)
    except PeriodError:
        return measured
    label = before.label_en if english else before.label_vi
    return compare(measured, digests, earlier, guidance, previous, (before.id, label), english)


#: Roster unions by id, with their position on the roster.
Roster = dict[str, tuple[int, RosterEntry]]


def _included(files: Sequence[PlanFile], roster: Roster, guidance_id: str) -> list[Included]:
    """The plans of `guidance_id` the report counts, in roster order, then by union id."""
    kept = [
        Included(plan_file, plan_file.digest)
        for plan_file in files
        if isinstance(plan_file.digest, PlanDigest)
        and plan_file.counted
        and plan_file.guidance_id == guidance_id
    ]
    unlisted = len(roster)
    kept.sort(key=lambda p: (roster.get(p.digest.union_id, (unlisted,))[0], p.digest.union_id))
    return kept


def _task_entries(included: Sequence[Included], labels: Labels) -> Iterable[TaskEntry]:
    for task in labels.guidance.tasks:
        number = task.number
        mine = [plan.digest.tasks[number] for plan in included if number in plan.digest.tasks]
        # Unions by id: two plans of one union (`duplicate-id` made a warning) engage once.
        engaged = {plan.digest.union_id for plan in included if plan.digest.engages(number)}
        yield TaskEntry(
            number=number,
            title=labels.task_title(number),
            unions_engaged=len(engaged),
            counts=sum((t.counts for t in mine), Counts()),
            results=labels.sums(add_results(t.results for t in mine), task.metrics),
            results_year=labels.sums(add_results(t.results_year for t in mine), task.metrics),
        )


def _union_entries(
    included: Sequence[Included], labels: Labels, roster: Roster
) -> Iterable[UnionEntry]:
    for plan in included:
        digest = plan.digest
        entry = roster.get(digest.union_id)
        yield UnionEntry(
            id=digest.union_id,
            name=digest.union_name,
            group=entry[1].group if entry else None,
            file=plan.file.name,
            counts=digest.counts,
            uncovered=tuple(
                TaskRef(task.number, labels.task_title(task.number))
                for task in labels.guidance.tasks
                # A task whose only activity is left out for an error is covered all the
                # same, as `check` says: the plan has it, the figures lack it.
                if not digest.engages(task.number) and task.number not in plan.file.left_out_tasks
            ),
        )


def _overdue(included: Sequence[Included]) -> list[OverdueEntry]:
    """Every activity overdue at E, the latest first (then in report order)."""
    found = [entry for plan in included for entry in plan.digest.overdue]
    found.sort(key=lambda entry: -entry.days)  # stable: report order among equals
    return found


def _missing(files: Sequence[PlanFile], roster: Roster, year: int) -> Iterable[MissingPlan]:
    """Roster unions of `year` with no plan file (a file with errors still counts as filed)."""
    filed = {plan_file.filed_as for plan_file in files}
    for _, entry in sorted(roster.values(), key=lambda item: item[0]):
        if entry.files_in(year) and entry.id not in filed:
            yield MissingPlan(entry.id, entry.name, entry.group)


def _left_out(files: Sequence[PlanFile], included: Sequence[Included]) -> Iterable[LeftOut]:
    """Plans the report could not use at all, and plans it used without some activities."""
    used = {id(plan.file) for plan in included}
    for plan_file in files:
        if id(plan_file) in used:
            if plan_file.left_out:
                first = plan_file.left_out[0].message
                count = len(plan_file.left_out)
                yield LeftOut(plan_file.name, plan_file.union_id, count, first, activities=count)
            continue
        # Why it is not counted is the workspace's record (`PlanFile.excluded`), not a
        # second guess here: a plan left out for a warning (`file-name`) says that one.
        errors = [d for d in plan_file.diagnostics if d.severity is Severity.ERROR]
        why = plan_file.excluded or next(iter(errors or plan_file.diagnostics), None)
        first = why.message if why is not None else ""
        count = len(errors) + (why is not None and why not in errors)
        yield LeftOut(plan_file.name, plan_file.filed_as or plan_file.union_id, count, first)
