"""The báo cáo's tables: the results table of section II and the annex (Phụ lục).

Every cell is a printed string (`tuyengiao.report.document.Table`); figure columns are
marked so renderers align them. Annex tables are made in `ANNEX_ORDER`; those without
rows are left out by `tuyengiao.report.sections` and the rest numbered 1, 2, ….

One zero convention: a count or a result that is zero is written `0` in every table
(sentences leave zero figures out). Counts add up: each table of counts has the
columns of a partition of its activities (done in the period, done before it, in
progress within its time, overdue, not started) and says so in its legend.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from tuyengiao.obligations import Entry
from tuyengiao.report.digest import ActivityItem
from tuyengiao.report.document import Column, RowGroup, Table
from tuyengiao.report.figures import Counts, ReportContext
from tuyengiao.report.measured import previous_table, targets_table
from tuyengiao.report.wording import ANNEX_ORDER, Sources, Writer, one_line
from tuyengiao.status import Status


def metrics_table(figures: ReportContext, w: Writer) -> Table:
    """Section II's results by metric: in the period and since 1 January, non-zero rows."""
    msg, totals = w.msg, figures.totals
    year = {metric.id: metric.value for metric in totals.results_year}
    rows: list[tuple[str, ...]] = []
    for metric in totals.results:
        in_year = year.get(metric.id, 0)
        if metric.value or in_year:
            rows.append(
                (
                    str(len(rows) + 1),
                    metric.label,
                    metric.unit or "",
                    w.n(metric.value),
                    w.n(in_year),
                )
            )
    columns = (
        Column(msg("report.doc.col.no"), numeric=True),
        Column(msg("report.doc.col.metric")),
        Column(msg("report.doc.col.unit")),
        Column(msg("report.doc.col.in_period"), numeric=True),
        Column(msg("report.doc.col.since_year", start=w.d(figures.year_start)), numeric=True),
    )
    groups = (RowGroup(None, tuple(rows)),) if rows else ()
    return Table("metrics", "", columns, groups, empty=msg("report.doc.none"))


def annex_tables(figures: ReportContext, sources: Sources, w: Writer) -> Iterable[Table]:
    """The annex's tables, in ANNEX_ORDER (with or without rows: the caller leaves out)."""
    tables = [
        _tasks_table(figures, w),
        _unions_table(figures, sources, w),
        _results_table(figures, sources, w),
        targets_table(figures, sources, w),
        previous_table(figures, w),
        _overdue_table(figures, w),
        _late_table(sources, w),
        _done_table(figures, sources, w),
        reports_table(figures, sources, w),
        _proposals_table(sources, w),
    ]
    assert [table.id for table in tables] == list(ANNEX_ORDER)
    # "NV" is explained under the first table with rows that uses it, once.
    short = w.msg("report.doc.col.task_short")
    explained = False
    for table in tables:
        uses = table.groups and any(column.label == short for column in table.columns)
        if uses and not explained:
            legend = (w.msg("report.sec.annex.legend.task"), *table.legend)
            explained = True
            yield replace(table, legend=legend)
        else:
            yield table


def _title(table_id: str, w: Writer, **fields: object) -> str:
    """The annex table's name, in capitals as Nghị định 30 sets an annex's name."""
    return w.msg(f"report.sec.annex.{table_id}", **fields).upper()


def _partition_legend(w: Writer) -> tuple[str, ...]:
    return (w.msg("report.sec.annex.legend.partition"), w.msg("report.sec.annex.legend.overdue"))


def _col(key: str, numeric: bool = False, **fields: object) -> tuple[str, bool, dict[str, object]]:
    return key, numeric, fields


def _columns(w: Writer, *specs: tuple[str, bool, dict[str, object]]) -> tuple[Column, ...]:
    return tuple(Column(w.msg(key, **fields), numeric) for key, numeric, fields in specs)


def _tasks_table(figures: ReportContext, w: Writer) -> Table:
    columns = _columns(
        w,
        _col("report.doc.col.no", True),
        _col("report.doc.col.task"),
        _col("report.doc.col.unions_engaged", True),
        *PARTITION_COLUMNS,
        _col("report.doc.col.results"),
    )
    rows = tuple(
        (
            str(task.number),
            task.title,
            w.n(task.unions_engaged),
            *_partition(task.counts, w),
            w.results({m.id: m.value for m in task.results}, inline=False) or "",
        )
        for task in figures.tasks
    )
    totals = figures.totals
    total = (
        "",
        w.msg("report.sec.annex.total"),
        w.n(totals.unions),
        *_partition(totals.counts, w),
        w.results({m.id: m.value for m in totals.results}, inline=False) or "",
    )
    groups = (RowGroup(None, rows),) if rows and totals.counts.activities else ()
    legend = _partition_legend(w)
    return Table("tasks", _title("tasks", w), columns, groups, total=total, legend=legend)


#: The columns of a partition of activities: they add up to the first.
PARTITION_COLUMNS = (
    _col("report.doc.col.activities", True),
    _col("report.doc.col.done_in_period", True),
    _col("report.sec.annex.col_done_before", True),
    _col("report.doc.col.in_progress", True),
    _col("report.doc.col.overdue", True),
    _col("report.sec.annex.col_planned", True),
)


def _partition(counts: Counts, w: Writer) -> tuple[str, ...]:
    """Activities, then done in the period, done before it, in progress, overdue, not started."""
    return (
        w.n(counts.activities),
        w.n(counts.done_in_period),
        w.n(counts.done - counts.done_in_period),
        w.n(counts.in_progress),
        w.n(counts.overdue),
        w.n(counts.planned),
    )


def _grouped(
    names: Sequence[tuple[str, str | None]], w: Writer
) -> list[tuple[str | None, list[int]]]:
    """Indexes of `names` (id, group) by group, groups in first-seen order, ungrouped last."""
    order: dict[str | None, list[int]] = {}
    for index, (_, group) in enumerate(names):
        order.setdefault(group, []).append(index)
    if list(order) == [None]:
        return [(None, order[None])]
    found: list[tuple[str | None, list[int]]] = [
        (group, rows) for group, rows in order.items() if group is not None
    ]
    if None in order:
        found.append((w.msg("report.sec.annex.other_group"), order[None]))
    return found


def _unions_table(figures: ReportContext, sources: Sources, w: Writer) -> Table:
    columns = _columns(
        w,
        _col("report.doc.col.no", True),
        _col("report.doc.col.union"),
        *PARTITION_COLUMNS,
        _col("report.sec.annex.col_progress", True),
    )
    unions = figures.unions
    groups = []
    counter = 0
    for label, indexes in _grouped([(u.id, sources.groups.get(u.id)) for u in unions], w):
        rows = []
        for index in indexes:
            union = unions[index]
            counter += 1
            c = union.counts
            rows.append((str(counter), union.name, *_partition(c, w), f"{c.progress}%"))
        groups.append(RowGroup(label, tuple(rows)))
    groups_t = tuple(groups) if unions else ()
    counts = figures.totals.counts
    total = ("", w.msg("report.sec.annex.total"), *_partition(counts, w), f"{counts.progress}%")
    legend = (*_partition_legend(w), w.msg("report.sec.annex.legend.progress"))
    return Table(
        "unions",
        _title("unions", w),
        columns,
        groups_t,
        empty=w.msg("report.doc.none"),
        total=total,
        legend=legend,
    )


#: Up to this many metric columns carry their labels; more are numbered "(1)", "(2)"…
#: with the labels in a note under the table, so headers stay two or three lines.
LABELLED_METRIC_COLUMNS = 4


def _results_table(figures: ReportContext, sources: Sources, w: Writer) -> Table:
    metrics = [m for m in figures.totals.results if m.value]
    numbered = len(metrics) > LABELLED_METRIC_COLUMNS
    labels = [f"({index})" if numbered else m.label for index, m in enumerate(metrics, 1)]
    note = (
        "; ".join(f"({index}) {m.label}" for index, m in enumerate(metrics, 1)) + "."
        if numbered
        else None
    )
    columns = (
        Column(w.msg("report.doc.col.no"), True),
        Column(w.msg("report.doc.col.union")),
        *(Column(label, True) for label in labels),
    )
    rows = []
    if metrics:
        for index, digest in enumerate(sources.digests, 1):
            results = digest.results
            rows.append(
                (
                    str(index),
                    digest.union_name,
                    *(w.n(results.get(m.id, 0)) for m in metrics),
                )
            )
    total = (
        ("", w.msg("report.sec.annex.total"), *(w.n(m.value) for m in metrics)) if rows else None
    )
    groups = (RowGroup(None, tuple(rows)),) if rows else ()
    return Table(
        "results",
        _title("results", w),
        columns,
        groups,
        empty=w.msg("report.doc.none"),
        total=total,
        legend=(note,) if rows and note else (),
    )


def _overdue_table(figures: ReportContext, w: Writer) -> Table:
    as_of = w.d(figures.as_of)
    columns = _columns(
        w,
        _col("report.doc.col.no", True),
        _col("report.doc.col.union"),
        _col("report.doc.col.activity"),
        _col("report.doc.col.task_short", True),
        _col("report.doc.col.due", True),
        _col("report.doc.col.days_overdue", True),
        _col("report.sec.annex.col_status_at", as_of=as_of),
    )
    rows = tuple(
        (
            str(index),
            entry.union_name,
            one_line(entry.title),
            str(entry.task),
            w.d(entry.due),
            w.n(entry.days),
            _status(entry.status, w),
        )
        for index, entry in enumerate(figures.overdue, 1)
    )
    groups = (RowGroup(None, rows),) if rows else ()
    title = _title("overdue", w, as_of=as_of)
    legend = (w.msg("report.sec.annex.legend.status", as_of=as_of),)
    return Table("overdue", title, columns, groups, empty=w.msg("report.doc.none"), legend=legend)


def _status(status: Status, w: Writer) -> str:
    """The status as the chart's legend names it ("Chưa triển khai", not "kế hoạch")."""
    if status in (Status.PLANNED, Status.IN_PROGRESS):
        return w.msg(f"report.sec.annex.status.{status.value}")
    return w.msg(f"status.{status.value}")


def _late_table(sources: Sources, w: Writer) -> Table:
    columns = _columns(
        w,
        _col("report.doc.col.no", True),
        _col("report.doc.col.union"),
        _col("report.doc.col.activity"),
        _col("report.doc.col.task_short", True),
        _col("report.doc.col.due", True),
        _col("report.sec.annex.col_done_day", True),
        _col("report.sec.annex.col_days_late", True),
    )
    late = [(d.union_name, item) for d in sources.digests for item in d.late]
    late.sort(key=lambda pair: -(pair[1].day - pair[1].due).days)  # stable
    rows = tuple(
        (
            str(index),
            union,
            one_line(item.title),
            str(item.task),
            w.d(item.due),
            w.d(item.day),
            w.n((item.day - item.due).days),
        )
        for index, (union, item) in enumerate(late, 1)
    )
    groups = (RowGroup(None, rows),) if rows else ()
    return Table("late", _title("late", w), columns, groups, empty=w.msg("report.doc.none"))


def _done_table(figures: ReportContext, sources: Sources, w: Writer) -> Table:
    columns = _columns(
        w,
        _col("report.doc.col.no", True),
        _col("report.doc.col.union"),
        _col("report.doc.col.activity"),
        _col("report.sec.annex.col_done_day", True),
        _col("report.sec.annex.col_results"),
        _col("report.sec.annex.col_evidence"),
    )
    by_task: dict[int, list[tuple[str, ActivityItem]]] = {}
    for digest in sources.digests:
        for item in digest.done:
            by_task.setdefault(item.task, []).append((digest.union_name, item))
    groups = []
    counter = 0
    known = [task.number for task in figures.tasks]
    listed = set(known)
    for task_number in known + sorted(n for n in by_task if n not in listed):
        rows = []
        for union, item in by_task.get(task_number, []):
            counter += 1
            rows.append(
                (
                    str(counter),
                    union,
                    one_line(item.title),
                    w.d(item.day),
                    w.results(item.results, inline=False) or "",
                    one_line(item.evidence) if item.evidence else "",
                )
            )
        if rows:
            groups.append(RowGroup(w.task_heading(task_number), tuple(rows)))
    return Table("done", _title("done", w), columns, tuple(groups), empty=w.msg("report.doc.none"))


def reports_table(figures: ReportContext, sources: Sources, w: Writer) -> Table:
    """Every expected union's periodic report for the period: received on, on time or late
    by N days, and how far its plan's data reach (stale ones marked, still counted).

    No rows (so left out) without `reporting:`, or for a period it does not schedule.
    """
    columns = _columns(
        w,
        _col("report.doc.col.no", True),
        _col("report.doc.col.union"),
        _col("report.sec.annex.col_received"),
        _col("report.sec.annex.col_on_time"),
        _col("report.sec.annex.col_data_until"),
    )
    roll = sources.roll
    if roll is None:
        return Table("reports", _title("reports", w), columns, (), empty=w.msg("report.doc.none"))
    entries = roll.entries
    groups = []
    counter = 0
    for label, indexes in _grouped([(e.union.id, e.union.group) for e in entries], w):
        rows = []
        for index in indexes:
            counter += 1
            rows.append((str(counter), *_report_cells(entries[index], roll.today, w)))
        groups.append(RowGroup(label, tuple(rows)))
    period = roll.period.label_en if w.english else roll.period.label_vi
    legend = (w.msg("report.sec.annex.legend_reports", period=period, due=w.d(roll.due)),)
    return Table(
        "reports",
        _title("reports", w),
        columns,
        tuple(groups) if entries else (),
        empty=w.msg("report.doc.none"),
        legend=legend,
    )


def _report_cells(entry: Entry, today: date, w: Writer) -> tuple[str, str, str, str]:
    """Union, received on, on time or late by N days, data up to (stale marked)."""
    standing = entry.standing
    state = entry.state(today)
    sent = w.d(standing.sent) if standing is not None and standing.sent is not None else ""
    if state == "on_time":
        timing = w.msg("report.sec.annex.report_on_time")
    elif state == "late" and standing is not None:
        timing = w.msg("report.sec.annex.report_late", days=w.n(standing.late_days))
    elif state == "no_plan":
        timing = w.msg("report.sec.annex.report_no_plan")
    else:
        timing = w.msg("report.sec.annex.report_not_sent")
    until = standing.data_until if standing is not None else None
    day = w.d(until) if until is not None else ""
    if entry.stale:
        day = (
            w.msg("report.sec.annex.report_stale", day=day)
            if until is not None
            else w.msg("report.sec.annex.report_stale_none")
        )
    return entry.union.name, sent, timing, day


def _proposals_table(sources: Sources, w: Writer) -> Table:
    """The unions' own proposals (addressed to the central body): for it to decide on."""
    columns = _columns(
        w,
        _col("report.doc.col.no", True),
        _col("report.doc.col.union"),
        _col("report.sec.annex.col_proposal"),
    )
    rows: list[tuple[str, ...]] = []
    for digest in sources.digests:
        text = digest.notes.proposals if digest.notes is not None else None
        if text:
            rows.append((str(len(rows) + 1), digest.union_name, one_line(text)))
    groups = (RowGroup(None, tuple(rows)),) if rows else ()
    return Table("proposals", _title("proposals", w), columns, groups)
