"""The report's document: the báo cáo in DESIGN's section order, as ready-to-print strings.

`ReportContext.document` (`tuyengiao.report.figures`), filled by
`tuyengiao.report.sections`: numbers already written the Vietnamese way (`13.665`),
dates as `05/7/2022`, no zero figures, union names instead of slugs. A renderer only
places those strings; a template that formats or adds up a figure of the document is
a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Narrative:
    """The central department's text for one part (`reports/<period>.yaml`), as paragraphs.

    `paragraphs` is empty when the department wrote nothing; then every format shows
    `placeholder` ("[Bổ sung …]") in its place, highlighted (bold in Markdown).
    """

    paragraphs: tuple[str, ...]
    placeholder: str

    def to_json(self) -> dict[str, object]:
        """The part's text, or null, and its placeholder."""
        return {"paragraphs": list(self.paragraphs), "placeholder": self.placeholder}


@dataclass(frozen=True, slots=True)
class UnionNote:
    """A union's own words for the period (the plan's `reports:`), with the union's name."""

    union: str
    text: str
    #: "Công đoàn Bộ Tư pháp: Đề nghị …": the line as printed.
    line: str

    def to_json(self) -> dict[str, object]:
        """One union note."""
        return {"union": self.union, "text": self.text, "line": self.line}


@dataclass(frozen=True, slots=True)
class ActivityLine:
    """One activity as a sentence of the body: who did what, when, with what result.

    `line` is the whole printed item ("Công đoàn Bộ Tư pháp: Hội nghị quán triệt …,
    hoàn thành ngày 18/5/2022; 2 buổi, 320 lượt người tham gia; minh chứng: …");
    the parts are there for renderers that set them apart (bold union name).
    """

    union: str
    title: str
    task: int
    #: The day as printed: the done day for highlights, the due day for what is ahead.
    day: str
    #: Non-zero results as one phrase ("2 buổi, 320 lượt người tham gia"), or None.
    results: str | None
    evidence: str | None
    #: The line after "<union>: ", for renderers that print the union's name apart.
    detail: str

    @property
    def line(self) -> str:
        """The whole item as printed: "<union>: <detail>" (made when read, not kept)."""
        return f"{self.union}: {self.detail}"

    def to_json(self) -> dict[str, object]:
        """One activity line."""
        return {
            "union": self.union,
            "title": self.title,
            "task": self.task,
            "day": self.day,
            "results": self.results,
            "evidence": self.evidence,
            "line": self.line,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class Opening:
    """The header block, title and the opening paragraphs."""

    parent: str
    issuer: str
    nation: str
    motto: str
    #: "Số: …/BC-CĐVC".
    number: str
    #: "Hà Nội, ngày 05 tháng 7 năm 2022": the issue day (`--today`), not E.
    place_date: str
    #: "BÁO CÁO" and the subject under it.
    kind: str
    subject: str
    #: "Thực hiện … , Ban Thường vụ … báo cáo … như sau:" (the period and E in it).
    paragraphs: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """The opening."""
        return {
            "parent": self.parent,
            "issuer": self.issuer,
            "nation": self.nation,
            "motto": self.motto,
            "number": self.number,
            "place_date": self.place_date,
            "kind": self.kind,
            "subject": self.subject,
            "paragraphs": list(self.paragraphs),
        }


@dataclass(frozen=True, slots=True)
class Situation:
    """I. Đặc điểm tình hình: the figures of the roster and plans, then the central text.

    `reports` holds the sentences about the unions' periodic reports (received, on
    time: DESIGN "The periodic report of each union"); it is printed after `facts`
    and is empty until the workspace tracks them.
    """

    heading: str
    facts: tuple[str, ...]
    central: Narrative
    reports: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """Section I, in the order it is printed."""
        return {
            "heading": self.heading,
            "facts": list(self.facts),
            "reports": list(self.reports),
            **_central(self.central),
        }


@dataclass(frozen=True, slots=True)
class TaskSection:
    """One task in II: its heading, a sentence of counts and results, its highlights."""

    number: int
    #: "1. Quán triệt, triển khai Nghị quyết …".
    heading: str
    #: "10 công đoàn triển khai; 17 hoạt động hoàn thành trong kỳ, 1 quá hạn. Kết quả: …"
    summary: str
    #: Hoạt động tiêu biểu: activities done in the period, cut to the first few.
    highlights: tuple[ActivityLine, ...]
    #: How many more were done than are shown here, and the sentence that says where
    #: they are ("Ngoài ra, còn 5 hoạt động khác … (chi tiết tại Phụ lục 5)."); None
    #: when none is cut.
    more: int
    more_text: str | None

    def to_json(self) -> dict[str, object]:
        """One task of section II."""
        return {
            "number": self.number,
            "heading": self.heading,
            "summary": self.summary,
            "highlights": [line.to_json() for line in self.highlights],
            "more": self.more,
            "more_text": self.more_text,
        }


@dataclass(frozen=True, slots=True)
class Results:
    """II. Kết quả thực hiện: summary sentences, the results table, one part per task."""

    heading: str
    #: "1. Kết quả chung": the summary sentences and the table by metric.
    overview_heading: str
    summary: tuple[str, ...]
    #: "Kết quả theo chỉ số" with every metric (in period and since 1 January).
    table: Table
    #: Heading of the task parts ("Kết quả thực hiện các nhiệm vụ trọng tâm").
    tasks_heading: str
    tasks: tuple[TaskSection, ...]
    #: The label introducing each task's highlights ("Hoạt động tiêu biểu:").
    highlights_label: str

    def to_json(self) -> dict[str, object]:
        """Section II."""
        return {
            "heading": self.heading,
            "overview_heading": self.overview_heading,
            "summary": list(self.summary),
            "table": self.table.to_json(),
            "tasks_heading": self.tasks_heading,
            "tasks": [task.to_json() for task in self.tasks],
            "highlights_label": self.highlights_label,
        }


@dataclass(frozen=True, slots=True)
class AssessmentPart:
    """One part of III (or V): the central text, then facts, then what unions wrote."""

    #: "1. Ưu điểm".
    heading: str
    central: Narrative
    facts: tuple[str, ...]
    unions: tuple[UnionNote, ...]

    def to_json(self) -> dict[str, object]:
        """One part."""
        return {
            "heading": self.heading,
            **_central(self.central),
            "facts": list(self.facts),
            "unions": [note.to_json() for note in self.unions],
        }


@dataclass(frozen=True, slots=True)
class Assessment:
    """III. Đánh giá chung: 1. Ưu điểm, 2. Tồn tại, hạn chế, 3. Nguyên nhân.

    The facts of `weaknesses` are what the data shows: unions with no plan, overdue and
    late activities, tasks some union has no activity for; its `unions` are the plans'
    `issues`, and the `unions` of `strengths` are their `highlights`.
    """

    heading: str
    strengths: AssessmentPart
    weaknesses: AssessmentPart
    causes: AssessmentPart

    def to_json(self) -> dict[str, object]:
        """Section III."""
        return {
            "heading": self.heading,
            "strengths": self.strengths.to_json(),
            "weaknesses": self.weaknesses.to_json(),
            "causes": self.causes.to_json(),
        }


@dataclass(frozen=True, slots=True)
class DirectionTask:
    """One task in IV: the activities due in the next period."""

    number: int
    heading: str
    activities: tuple[ActivityLine, ...]

    def to_json(self) -> dict[str, object]:
        """One task of section IV."""
        return {
            "number": self.number,
            "heading": self.heading,
            "activities": [line.to_json() for line in self.activities],
        }


@dataclass(frozen=True, slots=True)
class Direction:
    """IV. Phương hướng, nhiệm vụ of the next period, named: the central text, then what
    falls due in it, task by task under consecutive numbers."""

    heading: str
    central: Narrative
    #: The next period's name ("Quý III năm 2022"), None after the last one with no
    #: next guidance year; `intro` the sentence before the list ("Các hoạt động …").
    next_period: str | None
    intro: str | None
    #: Only tasks with something due.
    tasks: tuple[DirectionTask, ...]

    def to_json(self) -> dict[str, object]:
        """Section IV."""
        return {
            "heading": self.heading,
            **_central(self.central),
            "next_period": self.next_period,
            "intro": self.intro,
            "tasks": [task.to_json() for task in self.tasks],
        }


@dataclass(frozen=True, slots=True)
class Signature:
    """Nơi nhận (left) and the signature block (right)."""

    #: "Nơi nhận:".
    recipients_label: str
    #: Each recipient as printed, with its ";" or "." already at the end.
    recipients: tuple[str, ...]
    on_behalf: str | None
    #: One to three lines ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH").
    title: tuple[str, ...]
    name: str | None

    def to_json(self) -> dict[str, object]:
        """The closing block."""
        return {
            "recipients_label": self.recipients_label,
            "recipients": list(self.recipients),
            "on_behalf": self.on_behalf,
            "title": list(self.title),
            "name": self.name,
        }


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header and whether it holds figures (right-aligned)."""

    label: str
    numeric: bool = False


@dataclass(frozen=True, slots=True)
class RowGroup:
    """Rows under one heading row (a roster `group`); `label` None: no heading row."""

    label: str | None
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with every cell a printed string, in row groups; `empty` when it has no rows."""

    #: Stable name: `metrics`, `tasks`, `unions`, `results`, `overdue`, `late`, `done`,
    #: `reports`, `proposals`.
    id: str
    #: The annex table's name ("KẾT QUẢ THỰC HIỆN THEO NHIỆM VỤ"), or "" for the body's.
    title: str
    columns: tuple[Column, ...]
    groups: tuple[RowGroup, ...]
    #: What the table says when it has no rows ("Không có."); None: it always has rows.
    empty: str | None = None
    #: A total row, or None.
    total: tuple[str, ...] | None = None
    #: Lines printed under the table: what numbered columns, abbreviations and a status
    #: column mean ("(1) Số buổi, hội nghị; …", "NV: nhiệm vụ …").
    legend: tuple[str, ...] = ()
    #: "Phụ lục 1" for an annex table (numbered once the empty ones are left out).
    label: str = ""
    #: "(Kèm theo Báo cáo số …/BC-CĐVC ngày 05/7/2022 của …)" under an annex's name.
    attached: str = ""

    @property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """Every row, groups flattened."""
        return tuple(row for group in self.groups for row in group.rows)

    def to_json(self) -> dict[str, object]:
        """The table."""
        return {
            "id": self.id,
            "title": self.title,
            "columns": [{"label": c.label, "numeric": c.numeric} for c in self.columns],
            "groups": [{"label": g.label, "rows": [list(r) for r in g.rows]} for g in self.groups],
            "empty": self.empty,
            "total": list(self.total) if self.total is not None else None,
            "legend": list(self.legend),
            "label": self.label,
            "attached": self.attached,
        }


@dataclass(frozen=True, slots=True)
class Annex:
    """Phụ lục: the tables with rows, each whole on pages of its own, numbered in order."""

    tables: tuple[Table, ...]

    def table(self, table_id: str) -> Table | None:
        """The annex table with that id (None: it had no rows and is left out)."""
        return next((table for table in self.tables if table.id == table_id), None)

    def to_json(self) -> dict[str, object]:
        """The annex."""
        return {"tables": [table.to_json() for table in self.tables]}


#: What a `Block` is: how every format sets it.
BlockKind = Literal["heading", "text", "placeholder", "item", "label", "table", "chart", "closing"]


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of the body, in reading order: what every format prints, and how.

    `heading` (`level` 1 for "I. …", 2 for "1. …", 3 for "2.1. …"), `text` (a body
    paragraph), `placeholder` (a "[Bổ sung …]" to fill in: highlighted, bold in
    Markdown), `item` (a "- " line, `lead` its bold "Công đoàn …:"), `label` (an
    italic line introducing a list), `table` (`table`), `chart` (the HTML's picture
    of the same figures; Markdown and Word have the table), `closing` ("Trên đây …/.").
    """

    kind: BlockKind
    text: str = ""
    level: int = 0
    lead: str | None = None
    table: Table | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """The báo cáo, in DESIGN's order: opening, I–V, closing sentence, signature, annex.

    The parts are the structure (and the JSON); `blocks` is the body as every format
    prints it, made from them in one place, so md, html and docx cannot differ in
    what they say, in which order, or where a placeholder stands. What the report left
    out of the figures, and why, is not here: it goes to standard error and the JSON.
    """

    opening: Opening
    situation: Situation
    results: Results
    assessment: Assessment
    direction: Direction
    #: V. Đề xuất, kiến nghị: the central department's own proposals to the level above.
    proposals: AssessmentPart
    #: "Trên đây là báo cáo … ./."
    closing: str
    signature: Signature
    annex: Annex
    #: The issue day and E as printed ("05/7/2022", "30/6/2022").
    issued: str
    as_of: str
    #: The body from the opening paragraphs to the closing sentence, in print order
    #: (`tuyengiao.report.blocks.body_blocks` of the parts above; not in the JSON,
    #: which has the parts themselves).
    blocks: tuple[Block, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The `document` object of the JSON document, its parts in print order."""
        return {
            "issued": self.issued,
            "as_of": self.as_of,
            "opening": self.opening.to_json(),
            "situation": self.situation.to_json(),
            "results": self.results.to_json(),
            "assessment": self.assessment.to_json(),
            "direction": self.direction.to_json(),
            "proposals": self.proposals.to_json(),
            "closing": self.closing,
            "signature": self.signature.to_json(),
            "annex": self.annex.to_json(),
        }


def _central(narrative: Narrative) -> dict[str, object]:
    return {"central": narrative.to_json()}
