"""The báo cáo's body, written out: every sentence of `Document` but the annex tables.

`tuyengiao.report.context.build_context` computes the figures and hands them here with
the digests of the included plans and the central department's notes; this module
turns them into the strings every format prints (DESIGN "Reports": section order,
numbers the Vietnamese way, `05/7/2022`, no zero figures, no slugs). The annex is
`tuyengiao.report.annex`; the shared wording `tuyengiao.report.wording`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from tuyengiao.i18n import Messages
from tuyengiao.models import CentralNotes, Guidance, Signer
from tuyengiao.obligations import Roll
from tuyengiao.periods import Period
from tuyengiao.report.annex import annex_tables, metrics_table
from tuyengiao.report.blocks import body_blocks
from tuyengiao.report.digest import ActivityItem, PlanDigest
from tuyengiao.report.document import (
    ActivityLine,
    Annex,
    Assessment,
    AssessmentPart,
    Direction,
    DirectionTask,
    Document,
    Narrative,
    Opening,
    Results,
    Signature,
    Situation,
    TaskSection,
    UnionNote,
)
from tuyengiao.report.figures import Counts, ReportContext, TaskEntry
from tuyengiao.report.filters import long_date
from tuyengiao.report.measured import engaged_unions, task_sentences
from tuyengiao.report.measures import TaskMeasures
from tuyengiao.report.wording import Sources, Writer, lower_first, one_line, print_form

#: The number of II's part on the tasks: task 1 is "2.1." under "2. Kết quả thực hiện …".
TASKS_SECTION = "2."
#: Hoạt động tiêu biểu shown per task in the body; the annex lists every one.
HIGHLIGHTS_PER_TASK = 5


def _narrative(text: str | None, placeholder: str) -> Narrative:
    """Central text as paragraphs, one per non-empty line."""
    lines = [line.strip() for line in (text or "").splitlines()]
    return Narrative(tuple(line for line in lines if line), placeholder)


def build_document(figures: ReportContext, sources: Sources, msg: Messages) -> Document:
    """The báo cáo for `figures` (a context without its document yet)."""
    w = Writer(msg, sources.guidance)
    notes = sources.notes or CentralNotes()
    tables = [table for table in annex_tables(figures, sources, w) if table.groups]
    w.annex_numbers = {table.id: index for index, table in enumerate(tables, 1)}
    subject = period_subject(sources.period, sources.following, msg)
    number = figures.frame.number or msg("report.doc.default_number")
    attached = msg(
        "report.sec.annex.attached", number=number, day=w.d(sources.issued), sender=sources.sender
    )
    annex = Annex(
        tuple(
            replace(
                table,
                label=msg("report.sec.annex.ref", number=index),
                attached=attached,
            )
            for index, table in enumerate(tables, 1)
        )
    )
    document = Document(
        opening=_opening(figures, sources, subject, w),
        situation=_situation(figures, sources, notes, w),
        results=_results(figures, sources, w),
        assessment=_assessment(figures, sources, notes, w),
        direction=_direction(sources, notes, w),
        proposals=AssessmentPart(
            heading=msg("report.sec.h.proposals"),
            central=_narrative(notes.proposals, msg("report.sec.placeholder.proposals")),
            facts=(),
            unions=(),
        ),
        closing=msg("report.doc.closing", subject=lower_first(subject), sender=sources.sender),
        signature=_signature(figures, sources.signer, msg),
        annex=annex,
        issued=w.d(sources.issued),
        as_of=w.d(figures.as_of),
    )
    return replace(document, blocks=body_blocks(document))


# --- opening and I ----------------------------------------------------------------------

_ROMAN = ("I", "II", "III", "IV")


def period_subject(period: Period, following: Period | None, msg: Messages) -> str:
    """The subject under "BÁO CÁO", by the period's kind (DESIGN's table of subjects)."""
    year = period.year
    next_year = following.year if following is not None else year + 1
    roman = _ROMAN[period.index - 1]
    match period.kind:
        case "quarter" if period.index < 4:
            return msg(
                "report.doc.subject.quarter",
                q=roman,
                next=_ROMAN[period.index],
                year=year,
            )
        case "quarter":
            return msg("report.doc.subject.quarter_last", year=year, next_year=next_year)
        case "half" if period.index == 1:
            return msg("report.doc.subject.half_first", year=year)
        case "half":
            return msg("report.doc.subject.half_second", year=year, next_year=next_year)
        case "nine_months":
            return msg("report.doc.subject.nine_months", year=year)
        case _:
            return msg("report.doc.subject.year", year=year, next_year=next_year)


def guidance_citation(guidance: Guidance, w: Writer) -> str:
    """ "Công văn số 3710/TLĐ-TG ngày 28/02/2022 của … và Hướng dẫn … của …": what it answers."""
    msg = w.msg
    own = guidance.title
    if guidance.number:
        own += " " + msg("report.doc.cite.number", number=guidance.number)
    if guidance.date is not None:
        own += " " + msg("report.doc.cite.date", day=w.d(guidance.date))
    own += " " + msg("report.doc.cite.issuer", issuer=guidance.issuer)
    basis = guidance.basis
    if basis is None:
        return print_form(own)
    cited = basis.kind
    if basis.number:
        cited += " " + msg("report.doc.cite.number", number=basis.number)
    if basis.date is not None:
        cited += " " + msg("report.doc.cite.date", day=w.d(basis.date))
    if basis.issuer:
        cited += " " + msg("report.doc.cite.issuer", issuer=basis.issuer)
    if basis.title and basis.number:
        cited += " " + msg("report.doc.cite.about", title=basis.title)
    return print_form(msg("report.doc.cite.both", basis=cited, guidance=own))


def _opening(figures: ReportContext, sources: Sources, subject: str, w: Writer) -> Opening:
    msg, org, period = w.msg, figures.organization, figures.period
    number = figures.frame.number or msg("report.doc.default_number")
    intro = msg(
        "report.doc.intro",
        cited=guidance_citation(sources.guidance, w),
        sender=sources.sender,
        subject=lower_first(subject),
    )
    window = msg(
        "report.sec.window",
        start=w.d(period.start),
        end=w.d(period.end),
        as_of=w.d(figures.as_of),
    )
    paragraphs = [intro, window]
    if figures.as_of < figures.period.start:
        paragraphs.append(msg("report.doc.not_started", as_of=long_date(figures.as_of, msg)))
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
        subject=subject,
        paragraphs=tuple(paragraphs),
    )


def _incomplete(figures: ReportContext, sources: Sources, w: Writer) -> Iterable[str]:
    """Whose data the figures lack, by union name: no file, no slug, no tool's advice.

    The files and their errors go to standard error and the JSON's `left_out`.
    """
    names = {digest.union_id: digest.union_name for digest in sources.digests}
    names.update(sources.names)
    whole = [entry for entry in figures.left_out if not entry.activities]
    partly = [entry for entry in figures.left_out if entry.activities]
    if whole:
        named = [names[e.union_id] for e in whole if e.union_id in names]
        unnamed = len(whole) - len(named)
        if unnamed and named:
            others = w.msg("report.sec.situation.others", count=w.n(unnamed))
            listed = ", ".join(named) + " " + others
        elif named:
            listed = ", ".join(named)
        else:
            listed = ""
        key = "left_out" if listed else "left_out_unnamed"
        yield w.msg(f"report.sec.situation.{key}", count=w.n(len(whole)), names=listed)
    if partly:
        named = list(dict.fromkeys(names.get(e.union_id or "", "") for e in partly))
        named = [name for name in named if name]
        if named:
            yield w.msg(
                "report.sec.situation.left_out_activities",
                count=w.n(sum(e.activities for e in partly)),
                names=", ".join(named),
            )


def _reporting_facts(figures: ReportContext, sources: Sources, w: Writer) -> Iterable[str]:
    """Section I's sentences on the unions' periodic reports: received, on time, stale.

    Said only with `reporting:` in the config, for a period it schedules
    (`tuyengiao.obligations`); the stale unions' figures are counted all the same.
    """
    roll = sources.roll
    if roll is None:
        return
    rate = roll.rates()[0]
    # Sentences leave zero figures out (DESIGN "Reports").
    key = "reports" if rate.on_time else "reports_all_late" if rate.received else "reports_none"
    yield w.msg(
        f"report.sec.situation.{key}",
        as_of=w.d(sources.issued),
        received=w.n(rate.received),
        expected=w.n(rate.expected),
        period=_period_words(roll, w),
        on_time=w.n(rate.on_time),
        due=w.d(roll.due),
    )
    if rate.stale:
        yield w.msg(
            "report.sec.situation.reports_stale",
            count=w.n(rate.stale),
            annex=w.annex_ref("reports"),
        )


def _period_words(roll: Roll, w: Writer) -> str:
    """The period inside a sentence: "quý II năm 2022"."""
    period = roll.period
    return period.label_en if w.english else lower_first(period.label_vi)


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
        facts.append(
            msg(
                "report.sec.situation.members",
                plans=w.n(len(counted)),
                members=w.n(sum(counted)),
            )
        )
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
    facts.extend(_incomplete(figures, sources, w))
    return Situation(
        heading=msg("report.sec.h.situation"),
        facts=tuple(facts),
        central=_narrative(notes.situation, msg("report.sec.placeholder.situation")),
        reports=tuple(_reporting_facts(figures, sources, w)),
    )


# --- II ---------------------------------------------------------------------------------


def _results(figures: ReportContext, sources: Sources, w: Writer) -> Results:
    msg, totals = w.msg, figures.totals
    counts = totals.counts
    summary: list[str] = []
    if counts.activities:
        summary.append(
            msg(
                "report.sec.results.partition",
                as_of=w.d(figures.as_of),
                activities=w.n(counts.activities),
                parts=w.listing(_partition(counts, w, "")),
            )
        )
    if not counts.done_in_period:
        summary.append(msg("report.sec.results.done_none"))
    in_period = {m.id: m.value for m in totals.results if m.value}
    in_year = {m.id: m.value for m in totals.results_year if m.value}
    sentence = w.achieved("in_period", in_period)
    if sentence:
        summary.append(sentence)
    sentence = w.achieved("in_year", in_year, start=w.d(figures.year_start))
    if sentence and in_year != in_period:
        summary.append(sentence)
    done_by_task: dict[int, list[tuple[str, ActivityItem]]] = {}
    for digest in sources.digests:
        for item in digest.done:
            done_by_task.setdefault(item.task, []).append((digest.union_name, item))
    measures = figures.measures
    tasks = tuple(
        _task_section(
            task,
            done_by_task.get(task.number, []),
            w,
            measures.task(task.number) if measures else None,
        )
        for task in figures.tasks
    )
    return Results(
        heading=msg("report.sec.h.results"),
        overview_heading=msg("report.sec.h.overview"),
        summary=tuple(summary),
        table=metrics_table(figures, w),
        tasks_heading=msg("report.sec.h.tasks"),
        tasks=tasks,
        highlights_label=msg("report.sec.results.highlights"),
    )


#: The states that partition a set of activities at E, in the order sentences say them.
PARTITION = ("done_in_period", "done_before", "in_progress", "overdue", "planned")


def _partition(counts: Counts, w: Writer, prefix: str) -> list[str]:
    """The non-zero states of `counts`, each with its count: they add up to the total."""
    values = {
        "done_in_period": counts.done_in_period,
        "done_before": counts.done - counts.done_in_period,
        "in_progress": counts.in_progress,
        "overdue": counts.overdue,
        "planned": counts.planned,
    }
    return [
        w.msg(f"report.sec.results.state.{prefix}{key}", count=w.n(values[key]))
        for key in PARTITION
        if values[key]
    ]


def _task_section(
    task: TaskEntry,
    done: list[tuple[str, ActivityItem]],
    w: Writer,
    measured: TaskMeasures | None = None,
) -> TaskSection:
    msg, counts = w.msg, task.counts
    if task.unions_engaged:
        unions, share = engaged_unions(task.unions_engaged, measured, w)
        summary = msg(
            "report.sec.results.task_engaged",
            unions=unions,
            share=share,
            activities=w.n(counts.activities),
            parts=w.listing(_partition(counts, w, "")),
        )
        results = w.achieved("in_period", {m.id: m.value for m in task.results})
        if results:
            summary += " " + results
    else:
        summary = msg("report.sec.results.task_none")
    for sentence in task_sentences(measured, w):
        summary += " " + sentence
    # The most substantial first (stable: report order among equals).
    ranked = sorted(done, key=lambda pair: -sum(pair[1].results.values()))
    shown = ranked[:HIGHLIGHTS_PER_TASK]
    more = len(ranked) - len(shown)
    more_text = (
        msg("report.sec.results.more", count=w.n(more), annex=w.annex_ref("done")) if more else None
    )
    return TaskSection(
        number=task.number,
        heading=w.task_heading(task.number, section=TASKS_SECTION),
        summary=summary,
        highlights=tuple(_done_line(union, item, w) for union, item in shown),
        more=more,
        more_text=more_text,
    )


def _done_line(union: str, item: ActivityItem, w: Writer) -> ActivityLine:
    msg = w.msg
    title = one_line(item.title).rstrip(".")
    day = w.d(item.day)
    results = w.phrases(item.results)
    evidence = one_line(item.evidence).rstrip(".") if item.evidence else None
    detail = msg("report.sec.line.done", title=title, day=day)
    if results:
        detail += msg("report.sec.line.results", results=results)
    if evidence:
        detail += "; " + msg("report.sec.line.evidence", evidence=evidence)
    return ActivityLine(union, title, item.task, day, results, evidence, detail + ".")


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
    yield from _report_weaknesses(sources, w)
    late = sum(len(digest.late) for digest in sources.digests)
    if late:
        yield msg("report.sec.facts.late", count=w.n(late), annex=w.annex_ref("late"))
    lacking_of: dict[int, list[str]] = {}  # built once: 100,000 tasks scanned each union's
    for union in figures.unions:
        for number in dict.fromkeys(t.number for t in union.uncovered):
            lacking_of.setdefault(number, []).append(union.name)
    for task in sources.guidance.tasks:
        lacking = lacking_of.get(task.number)
        if lacking:
            title = task.title_en if w.english else task.title
            yield msg(
                "report.sec.facts.uncovered",
                number=task.number,
                title=title,
                names=", ".join(lacking),
            )


def _report_weaknesses(sources: Sources, w: Writer) -> Iterable[str]:
    """III.2: the unions that have not sent the period's report, and those whose data are stale."""
    roll = sources.roll
    if roll is None:
        return
    # Named from the due day on (a report issued before it is not their fault); a union
    # with no plan is named already, among those that sent no plan.
    due = roll.today >= roll.due
    silent = [e for e in roll.not_received() if e.standing is not None] if due else []
    if silent:
        names = ", ".join(entry.union.name for entry in silent)
        period = _period_words(roll, w)
        yield w.msg(
            "report.sec.facts.reports_missing", count=w.n(len(silent)), period=period, names=names
        )
    stale = roll.stale_entries()
    if stale:
        named = []
        for entry in stale:
            until = entry.standing.data_until if entry.standing is not None else None
            if until is None:
                named.append(w.msg("report.sec.facts.until_none", name=entry.union.name))
            else:
                named.append(w.msg("report.sec.facts.until", name=entry.union.name, day=w.d(until)))
        yield w.msg("report.sec.facts.reports_stale", count=w.n(len(stale)), names=", ".join(named))


def _union_notes(digests: Sequence[PlanDigest], field: str) -> Iterable[UnionNote]:
    for digest in digests:
        if digest.notes is None:
            continue
        text = getattr(digest.notes, field)
        if text:
            text = one_line(text)
            yield UnionNote(digest.union_name, text, f"{digest.union_name}: {text}")


def _direction(sources: Sources, notes: CentralNotes, w: Writer) -> Direction:
    msg = w.msg
    if sources.following is None:
        heading = msg("report.sec.h.direction_next")
        placeholder = msg("report.sec.placeholder.direction_next")
    else:
        label = sources.following.label_en if w.english else sources.following.label_vi
        heading = msg("report.sec.h.direction", period=label.upper())
        placeholder = msg("report.sec.placeholder.direction", period=lower_first(label))
    central = _narrative(notes.direction, placeholder)
    following = sources.next_period
    if following is None:
        return Direction(heading, central, None, None, ())
    due: dict[int, list[ActivityLine]] = {}
    for digest in sources.digests:
        for item in digest.upcoming:
            title = one_line(item.title).rstrip(".")
            day = w.d(item.due)
            detail = msg("report.sec.line.due", title=title, day=day) + "."
            due.setdefault(item.task, []).append(
                ActivityLine(digest.union_name, title, item.task, day, None, None, detail)
            )
    known = [task.number for task in sources.guidance.tasks]
    order = known + sorted(number for number in due if number not in known)
    # Numbered 1, 2, … in the order of the catalogue, whatever the tasks' own numbers.
    tasks = tuple(
        DirectionTask(number, w.task_heading(number, place=index), tuple(due[number]))
        for index, number in enumerate((n for n in order if n in due), 1)
    )
    key = "report.sec.direction.intro" if tasks else "report.sec.direction.none"
    return Direction(heading, central, following, msg(key, period=following), tasks)


# --- closing ----------------------------------------------------------------------------


def _signature(figures: ReportContext, signer: Signer | None, msg: Messages) -> Signature:
    recipients = [one_line(text).rstrip(";.") for text in figures.frame.recipients]
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
