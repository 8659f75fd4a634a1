"""The report's words for results measured against something (`tuyengiao.report.measures`).

Each sentence is said only where its whole exists: coverage where unions are expected,
results against targets where activities done in the period set one, reach where the
catalogue asks for it and unions gave their members. Rates as `tuyengiao.rates` writes
them ("91%", "87,5%").
"""

from __future__ import annotations

from collections.abc import Iterable

from tuyengiao.report.measures import Measures, TargetSum, TaskMeasures
from tuyengiao.report.model import Column, ReportContext, RowGroup, Table
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
