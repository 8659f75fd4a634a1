"""The report's words for results measured against something (`tuyengiao.report.measures`).

Each sentence is said only where its whole exists: coverage where unions are expected,
results against targets where activities done in the period set one, reach where the
catalogue asks for it and unions gave their members. Rates as `tuyengiao.rates` writes
them ("91%", "87,5%").
"""

from __future__ import annotations

from collections.abc import Iterable

from tuyengiao.report.document import Column, RowGroup, Table
from tuyengiao.report.figures import ReportContext
from tuyengiao.report.measures import Change, Measures, TargetSum, TaskMeasures
from tuyengiao.report.wording import Sources, Writer


def task_sentences(measured: TaskMeasures | None, w: Writer) -> Iterable[str]:
    """A task's coverage, results against targets and reach, as full sentences."""
    if measured is None:
        return
    msg = w.msg
    coverage, target = measured.coverage, measured.coverage_target
    if coverage is not None and target is not None:
        key = "coverage_met" if coverage.fraction * 100 >= target else "coverage_missed"
        yield msg(f"report.measures.{key}", target=target) + "."
    if measured.targets:
        parts = w.listing([_against(found, w) for found in measured.targets])
        yield msg("report.measures.against_targets", parts=parts) + "."
    compared = _large_changes(measured, w)
    if compared:
        yield compared
    reach = measured.reach
    if reach is not None:
        yield (
            msg(
                "report.measures.reach",
                label=reach.label.lower(),
                percent=reach.rate.vi(),
                members=w.n(reach.members),
                target=reach.target,
            )
            + "."
        )


def engaged_unions(engaged: int, measured: TaskMeasures | None, w: Writer) -> tuple[str, str]:
    """The unions engaged in a task, as `10/11` and ` (90,9%)` where unions are expected."""
    coverage = measured.coverage if measured is not None else None
    if measured is None or coverage is None:
        return w.n(engaged), ""
    share = w.msg("report.measures.share", percent=coverage.vi())
    return f"{w.n(engaged)}/{w.n(measured.expected)}", share


def _against(found: TargetSum, w: Writer) -> str:
    return w.msg(
        "report.measures.against_target",
        percent=found.rate.vi(),
        label=found.label.lower(),
        reached=w.n(found.reached),
        target=w.n(found.target),
    )


def targets_table(figures: ReportContext, sources: Sources, w: Writer) -> Table:
    """The annex's unions against their own targets: activities met of those that set one,
    then each metric with a target as `reached/target (rate)`."""
    measures: Measures | None = figures.measures
    msg = w.msg
    unions = [m for m in measures.unions if m.targets_set] if measures else []
    metrics: dict[str, str] = {}
    for union in unions:
        for found in union.targets:
            metrics.setdefault(found.id, found.label)
    order = [metric.id for metric in w.guidance.metrics if metric.id in metrics]
    names = {digest.union_id: digest.union_name for digest in sources.digests}
    rows = []
    for index, union in enumerate(unions, 1):
        sums = {found.id: found for found in union.targets}
        rows.append(
            (
                str(index),
                names.get(union.id, union.id),
                w.n(union.targets_set),
                w.n(union.targets_met),
                *(_cell(sums.get(metric), w) for metric in order),
            )
        )
    columns = (
        Column(msg("report.doc.col.no"), True),
        Column(msg("report.doc.col.union")),
        Column(msg("report.measures.col_set"), True),
        Column(msg("report.measures.col_met"), True),
        *(Column(metrics[metric], True) for metric in order),
    )
    return Table(
        "targets",
        msg("report.measures.annex_title").upper(),
        columns,
        (RowGroup(None, tuple(rows)),) if rows else (),
        empty=msg("report.doc.none"),
        legend=(msg("report.measures.legend"),) if rows else (),
    )


def _cell(found: TargetSum | None, w: Writer) -> str:
    if found is None:
        return ""
    return f"{w.n(found.reached)}/{w.n(found.target)} ({found.rate.vi()})"


#: A change from the same period a year earlier is said in the body from this share on
#: (every change is in the annex).
LARGE_CHANGE = 20


def _large_changes(measured: TaskMeasures, w: Writer) -> str | None:
    """ "So với cùng kỳ năm 2022, lượt người tham gia tăng 24%." for the large changes."""
    previous = measured.previous
    if previous is None or previous.was is not None:
        return None  # another task then: its figures are in the annex, not compared here
    parts = []
    for change in previous.changes:
        share = change.percent
        if share is None or share.fraction * 100 < LARGE_CHANGE:
            continue
        key = "change_up" if change.now > change.before else "change_down"
        parts.append(
            w.msg(f"report.measures.{key}", label=change.label.lower(), percent=share.vi())
        )
    if not parts:
        return None
    return w.msg("report.measures.compared", year=previous.year, parts=w.listing(parts)) + "."


def previous_table(figures: ReportContext, w: Writer) -> Table:
    """The annex's comparison with the same period a year earlier: per task, per metric."""
    msg, measures = w.msg, figures.measures
    compared = [task for task in measures.tasks if task.previous] if measures else []
    year = compared[0].previous.year if compared and compared[0].previous else 0
    rows: list[tuple[str, ...]] = []
    legend: list[str] = []
    for task in compared:
        previous = task.previous
        assert previous is not None
        if previous.was is not None:
            legend.append(
                msg(
                    "report.measures.legend_changed",
                    number=task.number,
                    year=year,
                    title=previous.was,
                )
            )
        for change in previous.changes:
            rows.append(
                (
                    str(len(rows) + 1),
                    str(task.number),
                    change.label,
                    w.n(change.before),
                    w.n(change.now),
                    _signed(change.now - change.before, change, w),
                )
            )
    columns = (
        Column(msg("report.doc.col.no"), True),
        Column(msg("report.measures.col_task"), True),
        Column(msg("report.measures.col_metric")),
        Column(msg("report.measures.col_before", year=year), True),
        Column(msg("report.measures.col_now"), True),
        Column(msg("report.measures.col_change"), True),
    )
    period = compared[0].previous.period_label if compared and compared[0].previous else ""
    return Table(
        "previous",
        msg("report.measures.annex_previous", year=year).upper(),
        columns,
        (RowGroup(None, tuple(rows)),) if rows else (),
        empty=msg("report.doc.none"),
        legend=(msg("report.measures.legend_previous", year=year, period=period), *legend)
        if rows
        else (),
    )


def _signed(difference: int, change: Change, w: Writer) -> str:
    share = change.percent
    sign = "+" if difference > 0 else "-" if difference < 0 else ""
    if share is None:
        return w.msg("report.measures.new") if difference else "0"
    return f"{sign}{w.n(abs(difference))} ({sign}{share.vi()})"
