"""The báo cáo's sections, written out: every sentence and table cell of `Document`.

`tuyengiao.report.context.build_context` computes the figures and hands them here with
the digests of the included plans and the central department's notes; this module
turns them into the strings every format prints (DESIGN "Reports": section order,
numbers the Vietnamese way, `05/7/2022`, no zero figures, no slugs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tuyengiao.i18n import Messages
from tuyengiao.models import CentralNotes, Guidance, Signer
from tuyengiao.report.digest import ActivityItem, PlanDigest
from tuyengiao.report.filters import doc_date, long_date, number
from tuyengiao.report.model import (
    ActivityLine,
    Annex,
    Assessment,
    AssessmentPart,
    Column,
    Direction,
    DirectionTask,
    Document,
    Narrative,
    Opening,
    ReportContext,
    Results,
    RowGroup,
    Signature,
    Situation,
    Table,
    TaskEntry,
    TaskSection,
    UnionNote,
)

#: Hoạt động tiêu biểu shown per task in the body; the annex lists every one.
HIGHLIGHTS_PER_TASK = 5

#: The annex tables by id, in order: their number is their place here.
ANNEX_ORDER = ("tasks", "unions", "results", "overdue", "late", "done")


@dataclass(frozen=True, slots=True)
class Sources:
    """What the document is written from, besides the figures."""

    digests: Sequence[PlanDigest]
    #: Roster group of each union by id (None: not on the roster or no group).
    groups: Mapping[str, str | None]
    notes: CentralNotes | None
    guidance: Guidance
    issued: date
    #: The next period's name, when the workspace has a catalogue for it.
    next_period: str | None
    signer: Signer | None


class Writer:
    """Numbers, dates and results phrased in the report's language."""

    def __init__(self, msg: Messages, guidance: Guidance) -> None:
        self.msg = msg
        self.english = msg.lang == "en"
        self.guidance = guidance

    def n(self, value: int) -> str:
        """A whole number: `13.665`."""
        return number(value, english=self.english)

    def d(self, day: date) -> str:
        """A date in a sentence or cell: `05/7/2022`."""
        return doc_date(day, english=self.english)

    def metric_label(self, metric_id: str) -> str | None:
        """The metric's label, or None for an id the catalogue lacks (never printed)."""
        metric = self.guidance.metric(metric_id)
        if metric is None:
            return None
        return metric.label_en if self.english else metric.label

    def results(self, results: Mapping[str, int], *, inline: bool = True) -> str | None:
        """Non-zero results in catalogue order: `số buổi, hội nghị: 2; lượt người …: 320`.

        `inline` lower-cases each label's first letter for use inside a sentence.
        """
        parts = []
        for metric in self.guidance.metrics:
            value = results.get(metric.id, 0)
            if not value:
                continue
            label = metric.label_en if self.english else metric.label
            if inline:
                label = _lower_first(label)
            parts.append(self.msg("report.sec.results.metric", label=label, value=self.n(value)))
        return "; ".join(parts) or None

    def task_heading(self, number: int) -> str:
        """`1. Quán triệt, triển khai …`."""
        task = self.guidance.task(number)
        title = (task.title_en if self.english else task.title) if task else str(number)
        return self.msg("report.sec.h.task", number=number, title=title)

    def annex_ref(self, table_id: str) -> str:
        """`Phụ lục 6`."""
        return self.msg("report.sec.annex.ref", number=ANNEX_ORDER.index(table_id) + 1)


def _lower_first(text: str) -> str:
    """`Số buổi` → `số buổi`, but an acronym (`CBCCVCLĐ`) stays as it is."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


#: What `_one_line` changes: a line break, a tab, or a run of spaces.
_LOOSE_SPACE = re.compile(r"[\t\n\r\f\v]|  |^ | $")


def _one_line(text: str) -> str:
    """Text on one line with single spaces; the same object when it already is (shared)."""
    return " ".join(text.split()) if _LOOSE_SPACE.search(text) else text


def _narrative(text: str | None, placeholder: str) -> Narrative:
    """Central text as paragraphs, one per non-empty line."""
    lines = [line.strip() for line in (text or "").splitlines()]
    return Narrative(tuple(line for line in lines if line), placeholder)


def build_document(figures: ReportContext, sources: Sources, msg: Messages) -> Document:
    """The báo cáo for `figures` (a context without its document yet)."""
    w = Writer(msg, sources.guidance)
    notes = sources.notes or CentralNotes()
    return Document(
        opening=_opening(figures, sources, w),
        notices=tuple(_notices(figures, w)),
        situation=_situation(figures, sources, notes, w),
        results=_results(figures, sources, w),
        assessment=_assessment(figures, sources, notes, w),
        direction=_direction(sources, notes, w),
        proposals=AssessmentPart(
            heading=msg("report.sec.h.proposals"),
            central=_narrative(notes.proposals, msg("report.sec.placeholder.proposals")),
            facts=(),
            unions=tuple(_union_notes(sources.digests, "proposals")),
        ),
        signature=_signature(figures, sources.signer, msg),
        annex=Annex(msg("report.sec.h.annex"), tuple(_annex(figures, sources, w))),
        issued=w.d(sources.issued),
        as_of=w.d(figures.as_of),
    )


# --- opening and I ----------------------------------------------------------------------


def _opening(figures: ReportContext, sources: Sources, w: Writer) -> Opening:
    msg, org, period = w.msg, figures.organization, figures.period
    number = figures.frame.number or msg("report.doc.default_number")
    intro = msg(
        "report.doc.intro",
        guidance=figures.guidance_title,
        issuer=figures.guidance_issuer,
        period=period.label,
    )
    window = msg(
        "report.sec.window",
        start=w.d(period.start),
        end=w.d(period.end),
        as_of=w.d(figures.as_of),
    )
    return Opening(
        parent=org.parent,
        issuer=org.name,
        nation=msg("report.doc.nation"),
        motto=msg("report.doc.motto"),
        number=msg("report.doc.number", number=number),
        place_date=msg(
            "report.sec.place_date", place=org.place, date=long_date(sources.issued, msg)
        ),
        kind=msg("report.doc.kind"),
        subject=msg("report.doc.subject", period=period.label),
        paragraphs=(intro, window),
    )


def _notices(figures: ReportContext, w: Writer) -> Iterable[str]:
    if figures.as_of < figures.period.start:
        yield w.msg("report.doc.not_started", as_of=long_date(figures.as_of, w.msg))
    if figures.left_out:
        files = ", ".join(entry.file for entry in figures.left_out)
        yield w.msg("report.sec.left_out", count=w.n(len(figures.left_out)), files=files)
        for entry in figures.left_out:
            yield w.msg(
                "report.doc.left_out",
                file=entry.file,
                errors=w.n(entry.errors),
                message=entry.first_message,
            )


def _situation(
    figures: ReportContext, sources: Sources, notes: CentralNotes, w: Writer
) -> Situation:
    msg, totals = w.msg, figures.totals
    year = msg("report.sec.situation.guidance_year", year=sources.guidance.year)
    facts: list[str] = []
    # Filed: a plan left out for its errors was still sent (it is named in the notices).
    if totals.expected is None:
        filed = w.n(totals.unions + totals.left_out)
    else:
        filed = w.n(totals.expected - len(figures.missing_plans))
    if totals.expected is None:
        facts.append(msg("report.sec.situation.filed", filed=filed, guidance_year=year))
    elif figures.missing_plans:
        facts.append(
            msg(
                "report.sec.situation.roster_missing",
                expected=w.n(totals.expected),
                filed=filed,
                missing=w.n(len(figures.missing_plans)),
                guidance_year=year,
            )
        )
    else:
        facts.append(
            msg(
                "report.sec.situation.roster",
                expected=w.n(totals.expected),
                filed=filed,
                guidance_year=year,
            )
        )
    counted = [digest.members for digest in sources.digests if digest.members]
    if counted and len(counted) == len(sources.digests):
        facts.append(msg("report.sec.situation.members", members=w.n(sum(counted))))
    elif counted:
        facts.append(
            msg(
                "report.sec.situation.members_some",
                with_members=w.n(len(counted)),
                plans=w.n(len(sources.digests)),
                members=w.n(sum(counted)),
            )
        )
    counts = totals.counts
    if counts.activities and counts.cancelled:
        facts.append(
            msg(
                "report.sec.situation.activities_cancelled",
                activities=w.n(counts.activities),
                cancelled=w.n(counts.cancelled),
            )
        )
    elif counts.activities:
        facts.append(msg("report.sec.situation.activities", activities=w.n(counts.activities)))
    return Situation(
        heading=msg("report.sec.h.situation"),
        facts=tuple(facts),
        central=_narrative(notes.situation, msg("report.sec.placeholder.situation")),
    )


# --- II ---------------------------------------------------------------------------------


def _results(figures: ReportContext, sources: Sources, w: Writer) -> Results:
    msg, totals = w.msg, figures.totals
    counts = totals.counts
    as_of = w.d(figures.as_of)
    summary: list[str] = []
    if counts.done_in_period:
        summary.append(
            msg(
                "report.sec.results.done",
                in_period=w.n(counts.done_in_period),
                done=w.n(counts.done),
                as_of=as_of,
            )
        )
    elif counts.done:
        summary.append(msg("report.sec.results.done_none", done=w.n(counts.done), as_of=as_of))
    else:
        summary.append(msg("report.sec.results.nothing_done", as_of=as_of))
    open_parts = [
        msg(f"report.sec.results.{key}", count=w.n(value))
        for key, value in (
            ("in_progress", counts.in_progress),
            ("overdue", counts.overdue),
            ("planned", counts.planned),
        )
        if value
    ]
    if open_parts:
        summary.append(msg("report.sec.results.open", parts=", ".join(open_parts)))
    in_period = w.results({m.id: m.value for m in totals.results})
    if in_period:
        summary.append(msg("report.sec.results.in_period", results=in_period))
    in_year = w.results({m.id: m.value for m in totals.results_year})
    if in_year and in_year != in_period:
        summary.append(
            msg("report.sec.results.in_year", start=w.d(figures.year_start), results=in_year)
        )
    done_by_task: dict[int, list[tuple[str, ActivityItem]]] = {}
    for digest in sources.digests:
        for item in digest.done:
            done_by_task.setdefault(item.task, []).append((digest.union_name, item))
    tasks = tuple(
        _task_section(task, done_by_task.get(task.number, []), w) for task in figures.tasks
    )
    return Results(
        heading=msg("report.sec.h.results"),
        summary=tuple(summary),
        table=_metrics_table(figures, w),
        tasks_heading=msg("report.sec.h.tasks"),
        tasks=tasks,
        highlights_label=msg("report.sec.results.highlights"),
    )


def _task_section(task: TaskEntry, done: list[tuple[str, ActivityItem]], w: Writer) -> TaskSection:
    msg, counts = w.msg, task.counts
    if task.unions_engaged:
        parts = [
            msg(f"report.sec.results.task_{key}", count=w.n(value))
            for key, value in (
                ("done", counts.done_in_period),
                ("in_progress", counts.in_progress),
                ("overdue", counts.overdue),
            )
            if value
        ]
        summary = msg(
            "report.sec.results.task_engaged",
            unions=w.n(task.unions_engaged),
            activities=w.n(counts.activities),
        )
        summary += (": " + ", ".join(parts) + ".") if parts else "."
        results = w.results({m.id: m.value for m in task.results})
        if results:
            summary += " " + msg("report.sec.results.in_period", results=results)
    else:
        summary = msg("report.sec.results.task_none")
    # The most substantial first (stable: report order among equals).
    ranked = sorted(done, key=lambda pair: -sum(pair[1].results.values()))
    shown = ranked[:HIGHLIGHTS_PER_TASK]
    more = len(ranked) - len(shown)
    more_text = (
        msg("report.sec.results.more", count=w.n(more), annex=w.annex_ref("done")) if more else None
    )
    return TaskSection(
        number=task.number,
        heading=w.task_heading(task.number),
        summary=summary,
        highlights=tuple(_done_line(union, item, w) for union, item in shown),
        more=more,
        more_text=more_text,
    )


def _done_line(union: str, item: ActivityItem, w: Writer) -> ActivityLine:
    msg = w.msg
    title = _one_line(item.title).rstrip(".")
    day = w.d(item.day)
    results = w.results(item.results)
    evidence = _one_line(item.evidence).rstrip(".") if item.evidence else None
    detail = msg("report.sec.line.done", title=title, day=day)
    if results:
        detail += "; " + msg("report.sec.line.results", results=results)
    if evidence:
        detail += "; " + msg("report.sec.line.evidence", evidence=evidence)
    return ActivityLine(union, title, item.task, day, results, evidence, detail + ".")


def _metrics_table(figures: ReportContext, w: Writer) -> Table:
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


# --- III, IV, V -------------------------------------------------------------------------


def _assessment(
    figures: ReportContext, sources: Sources, notes: CentralNotes, w: Writer
) -> Assessment:
    msg = w.msg
    return Assessment(
        heading=msg("report.sec.h.assessment"),
        strengths=AssessmentPart(
            msg("report.sec.h.strengths"),
            _narrative(notes.strengths, msg("report.sec.placeholder.strengths")),
            (),
            tuple(_union_notes(sources.digests, "highlights")),
        ),
        weaknesses=AssessmentPart(
            msg("report.sec.h.weaknesses"),
            _narrative(notes.weaknesses, msg("report.sec.placeholder.weaknesses")),
            tuple(_weakness_facts(figures, sources, w)),
            tuple(_union_notes(sources.digests, "issues")),
        ),
        causes=AssessmentPart(
            msg("report.sec.h.causes"),
            _narrative(notes.causes, msg("report.sec.placeholder.causes")),
            (),
            (),
        ),
    )


def _weakness_facts(figures: ReportContext, sources: Sources, w: Writer) -> Iterable[str]:
    msg = w.msg
    if figures.missing_plans:
        names = ", ".join(entry.name for entry in figures.missing_plans)
        yield msg("report.sec.facts.missing", count=w.n(len(figures.missing_plans)), names=names)
    if figures.overdue:
        unions = len({entry.union_id for entry in figures.overdue})
        yield msg(
            "report.sec.facts.overdue",
            count=w.n(len(figures.overdue)),
            unions=w.n(unions),
            as_of=w.d(figures.as_of),
            annex=w.annex_ref("overdue"),
        )
    late = sum(len(digest.late) for digest in sources.digests)
    if late:
        yield msg("report.sec.facts.late", count=w.n(late), annex=w.annex_ref("late"))
    for task in sources.guidance.tasks:
        lacking = [
            u.name for u in figures.unions if any(t.number == task.number for t in u.uncovered)
        ]
        if lacking:
            title = task.title_en if w.english else task.title
            yield msg(
                "report.sec.facts.uncovered",
                number=task.number,
                title=title,
                names=", ".join(lacking),
            )


def _union_notes(digests: Sequence[PlanDigest], field: str) -> Iterable[UnionNote]:
    for digest in digests:
        if digest.notes is None:
            continue
        text = getattr(digest.notes, field)
        if text:
            text = _one_line(text)
            yield UnionNote(digest.union_name, text, f"{digest.union_name}: {text}")


def _direction(sources: Sources, notes: CentralNotes, w: Writer) -> Direction:
    msg = w.msg
    central = _narrative(notes.direction, msg("report.sec.placeholder.direction"))
    heading = msg("report.sec.h.direction")
    following = sources.next_period
    if following is None:
        return Direction(heading, central, None, None, ())
    due: dict[int, list[ActivityLine]] = {}
    for digest in sources.digests:
        for item in digest.upcoming:
            title = _one_line(item.title).rstrip(".")
            day = w.d(item.due)
            detail = msg("report.sec.line.due", title=title, day=day) + "."
            due.setdefault(item.task, []).append(
                ActivityLine(digest.union_name, title, item.task, day, None, None, detail)
            )
    known = [task.number for task in sources.guidance.tasks]
    order = known + sorted(number for number in due if number not in known)
    tasks = tuple(
        DirectionTask(number, w.task_heading(number), tuple(due[number]))
        for number in order
        if number in due
    )
    key = "report.sec.direction.intro" if tasks else "report.sec.direction.none"
    return Direction(heading, central, following, msg(key, period=following), tasks)


# --- closing ----------------------------------------------------------------------------


def _signature(figures: ReportContext, signer: Signer | None, msg: Messages) -> Signature:
    recipients = [_one_line(text).rstrip(";.") for text in figures.frame.recipients]
    lines = tuple(
        f"- {text}{'.' if index == len(recipients) - 1 else ';'}"
        for index, text in enumerate(recipients)
    )
    title: tuple[str, ...] = ()
    if signer is not None and signer.title is not None:
        title = (signer.title,) if isinstance(signer.title, str) else tuple(signer.title)
    return Signature(
        recipients_label=msg("report.doc.recipients"),
        recipients=lines,
        on_behalf=signer.on_behalf if signer else None,
        title=title,
        name=signer.name if signer else None,
    )


# --- annex ------------------------------------------------------------------------------


def _annex(figures: ReportContext, sources: Sources, w: Writer) -> Iterable[Table]:
    yield _tasks_table(figures, w)
    yield _unions_table(figures, sources, w)
    yield _results_table(figures, sources, w)
    yield _overdue_table(figures, w)
    yield _late_table(sources, w)
    yield _done_table(figures, sources, w)


def _title(table_id: str, w: Writer, **fields: object) -> str:
    title = w.msg(f"report.sec.annex.{table_id}", **fields)
    return w.msg("report.sec.annex.title", number=ANNEX_ORDER.index(table_id) + 1, title=title)


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
        _col("report.doc.col.activities", True),
        _col("report.doc.col.done_in_period", True),
        _col("report.doc.col.in_progress", True),
        _col("report.doc.col.overdue", True),
        _col("report.sec.annex.col_planned", True),
        _col("report.doc.col.results"),
    )
    rows = tuple(
        (
            str(task.number),
            task.title,
            w.n(task.unions_engaged),
            w.n(task.counts.activities),
            w.n(task.counts.done_in_period),
            w.n(task.counts.in_progress),
            w.n(task.counts.overdue),
            w.n(task.counts.planned),
            w.results({m.id: m.value for m in task.results}, inline=False) or "",
        )
        for task in figures.tasks
    )
    totals = figures.totals
    counts = totals.counts
    total = (
        "",
        w.msg("report.sec.annex.total"),
        w.n(totals.unions),
        w.n(counts.activities),
        w.n(counts.done_in_period),
        w.n(counts.in_progress),
        w.n(counts.overdue),
        w.n(counts.planned),
        w.results({m.id: m.value for m in totals.results}, inline=False) or "",
    )
    return Table("tasks", _title("tasks", w), columns, (RowGroup(None, rows),), total=total)


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
        _col("report.doc.col.activities", True),
        _col("report.doc.col.done", True),
        _col("report.doc.col.done_in_period", True),
        _col("report.doc.col.in_progress", True),
        _col("report.doc.col.overdue", True),
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
            rows.append(
                (
                    str(counter),
                    union.name,
                    w.n(c.activities),
                    w.n(c.done),
                    w.n(c.done_in_period),
                    w.n(c.in_progress),
                    w.n(c.overdue),
                    f"{c.progress}%",
                )
            )
        groups.append(RowGroup(label, tuple(rows)))
    groups_t = tuple(groups) if unions else ()
    return Table("unions", _title("unions", w), columns, groups_t, empty=w.msg("report.doc.none"))


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
    nil = w.msg("report.sec.annex.nil")
    rows = []
    if metrics:
        for index, digest in enumerate(sources.digests, 1):
            results = digest.results
            rows.append(
                (
                    str(index),
                    digest.union_name,
                    *(w.n(results[m.id]) if results.get(m.id) else nil for m in metrics),
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
        note=note if rows else None,
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
            _one_line(entry.title),
            str(entry.task),
            w.d(entry.due),
            w.n(entry.days),
            w.msg(f"status.{entry.status.value}"),
        )
        for index, entry in enumerate(figures.overdue, 1)
    )
    groups = (RowGroup(None, rows),) if rows else ()
    title = _title("overdue", w, as_of=as_of)
    return Table("overdue", title, columns, groups, empty=w.msg("report.doc.none"))


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
            _one_line(item.title),
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
    for task_number in known + sorted(n for n in by_task if n not in known):
        rows = []
        for union, item in by_task.get(task_number, []):
            counter += 1
            rows.append(
                (
                    str(counter),
                    union,
                    _one_line(item.title),
                    w.d(item.day),
                    w.results(item.results, inline=False) or "",
                    _one_line(item.evidence) if item.evidence else "",
                )
            )
        if rows:
            groups.append(RowGroup(w.task_heading(task_number), tuple(rows)))
    return Table("done", _title("done", w), columns, tuple(groups), empty=w.msg("report.doc.none"))
