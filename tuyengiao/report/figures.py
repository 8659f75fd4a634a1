"""The report context's figures: every number and date a report shows, computed once, immutable.

`tuyengiao.report.context.build_context` fills it; the Markdown, HTML and Word
renderers read it; `--format json` writes `ReportContext.to_json()`. Nothing here is
computed at render time, so the formats cannot disagree.

Two layers. The figures (`totals`, `tasks`, `unions`, `overdue`, …, here) are numbers
and dates, for tables, charts and JSON consumers. The document (`ReportContext.document`,
a `tuyengiao.report.document.Document`) is the báo cáo made of ready-to-print strings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING

from tuyengiao.models import Organization, ReportSettings
from tuyengiao.output import MARKER
from tuyengiao.rates import whole_percent
from tuyengiao.status import Status

if TYPE_CHECKING:
    from tuyengiao.report.document import Document
    from tuyengiao.report.measures import Measures

#: Version of the JSON document; bumped when a field changes meaning or goes away.
JSON_VERSION = 1


@dataclass(frozen=True, slots=True)
class PeriodInfo:
    """The reporting period: its id, its name in the report's language, its first and last day."""

    id: str
    label: str
    rule: str
    start: date
    end: date

    def to_json(self) -> dict[str, object]:
        """The `period` object of the JSON document."""
        return {
            "id": self.id,
            "label": self.label,
            "rule": self.rule,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class MetricSum:
    """One result metric of the catalogue, with its labels and a sum."""

    id: str
    label: str
    unit: str | None
    value: int


def metrics_json(sums: tuple[MetricSum, ...]) -> dict[str, int]:
    """`{metric id: sum}` in catalogue order."""
    return {metric.id: metric.value for metric in sums}


@dataclass(frozen=True, slots=True)
class Counts:
    """Activities by their state at E; cancelled ones are counted apart, never in the total.

    `activities == done + in_progress + overdue + planned` always holds; `done` is
    done by E (also before the period), `done_in_period` the part of it done in the period.
    """

    activities: int = 0
    done: int = 0
    done_in_period: int = 0
    in_progress: int = 0
    overdue: int = 0
    planned: int = 0
    cancelled: int = 0

    def __add__(self, other: Counts) -> Counts:
        """The counts of both sets of activities together (`sum(…, Counts())` works)."""
        return Counts(
            activities=self.activities + other.activities,
            done=self.done + other.done,
            done_in_period=self.done_in_period + other.done_in_period,
            in_progress=self.in_progress + other.in_progress,
            overdue=self.overdue + other.overdue,
            planned=self.planned + other.planned,
            cancelled=self.cancelled + other.cancelled,
        )

    @property
    def progress(self) -> int:
        """Percent of activities done by E, rounded half up (0 when there are none)."""
        return whole_percent(self.done, self.activities)

    def to_json(self) -> dict[str, int]:
        """The counts as JSON fields."""
        return {
            "activities": self.activities,
            "done": self.done,
            "done_in_period": self.done_in_period,
            "in_progress": self.in_progress,
            "overdue": self.overdue,
            "planned": self.planned,
            "cancelled": self.cancelled,
        }


@dataclass(frozen=True, slots=True)
class TaskRef:
    """A task of the catalogue by number and title."""

    number: int
    title: str


@dataclass(frozen=True, slots=True)
class TaskEntry:
    """One task of the catalogue across every included plan."""

    number: int
    title: str
    unions_engaged: int
    counts: Counts
    results: tuple[MetricSum, ...]
    results_year: tuple[MetricSum, ...]

    def to_json(self) -> dict[str, object]:
        """One item of the `tasks` list."""
        return {
            "number": self.number,
            "title": self.title,
            "unions_engaged": self.unions_engaged,
            **self.counts.to_json(),
            "results": metrics_json(self.results),
            "results_year": metrics_json(self.results_year),
        }


@dataclass(frozen=True, slots=True)
class UnionEntry:
    """One union whose plan is in the report."""

    id: str
    name: str
    group: str | None
    file: str
    counts: Counts
    uncovered: tuple[TaskRef, ...]

    def to_json(self) -> dict[str, object]:
        """One item of the `unions` list."""
        return {
            "id": self.id,
            "name": self.name,
            "group": self.group,
            "file": self.file,
            **self.counts.to_json(),
            "progress": self.counts.progress,
            "uncovered_tasks": [task.number for task in self.uncovered],
        }


@dataclass(frozen=True, slots=True)
class OverdueEntry:
    """An activity open at E and due before it."""

    union_id: str
    union_name: str
    file: str
    activity_id: str
    task: int
    title: str
    due: date
    days: int
    status: Status
    owner: str | None

    def to_json(self) -> dict[str, object]:
        """One item of the `overdue` list."""
        return {
            "union": self.union_id,
            "union_name": self.union_name,
            "file": self.file,
            "activity": self.activity_id,
            "task": self.task,
            "title": self.title,
            "due": self.due.isoformat(),
            "days_overdue": self.days,
            "status": self.status.value,
            "owner": self.owner,
        }


@dataclass(frozen=True, slots=True)
class MissingPlan:
    """A roster union with no plan file at all."""

    id: str
    name: str
    group: str | None

    def to_json(self) -> dict[str, object]:
        """One item of the `missing_plans` list."""
        return {"id": self.id, "name": self.name, "group": self.group}


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A plan file the report could not use, and why: its error count and first message."""

    file: str
    union_id: str | None
    errors: int
    first_message: str
    #: Activities left out of a plan the report otherwise counts (0: the whole plan).
    activities: int = 0

    def to_json(self) -> dict[str, object]:
        """One item of the `left_out` list."""
        return {
            "file": self.file,
            "union": self.union_id,
            "errors": self.errors,
            "first_message": self.first_message,
            "activities": self.activities,
        }


@dataclass(frozen=True, slots=True)
class Totals:
    """The summary figures over every included plan."""

    unions: int
    expected: int | None
    left_out: int
    counts: Counts
    results: tuple[MetricSum, ...]
    results_year: tuple[MetricSum, ...]

    def to_json(self) -> dict[str, object]:
        """The `totals` object of the JSON document."""
        return {
            "unions": self.unions,
            "expected_unions": self.expected,
            "plans_left_out": self.left_out,
            **self.counts.to_json(),
            "results": metrics_json(self.results),
            "results_year": metrics_json(self.results_year),
        }


@dataclass(frozen=True, slots=True)
class ReportContext:
    """Everything one report shows, in the order it shows it.

    `as_of` is E, the earlier of the day of the run and the period's last day; the
    day of the run itself is not kept, so a report on a past period reads the same
    whenever it is rerun. `year_start` opens the "since the start of the year" window
    (`results_year`). `lang` is the language of the labels it holds.
    """

    lang: str
    period: PeriodInfo
    as_of: date
    year_start: date
    guidance_title: str
    guidance_issuer: str
    organization: Organization
    frame: ReportSettings
    totals: Totals
    tasks: tuple[TaskEntry, ...]
    unions: tuple[UnionEntry, ...]
    overdue: tuple[OverdueEntry, ...]
    missing_plans: tuple[MissingPlan, ...]
    left_out: tuple[LeftOut, ...]
    #: The day the report is issued and dated (`--today`); `as_of` (E) may be earlier.
    issued: date | None = None
    #: The báo cáo itself, section by section (always set by `build_context`).
    document: Document | None = None
    #: The figures measured against targets, expected unions and members.
    measures: Measures | None = None

    @property
    def dated(self) -> date:
        """The day the report's files are dated: its issue day, else E (`as_of`)."""
        return self.issued or self.as_of

    @property
    def uncovered(self) -> tuple[UnionEntry, ...]:
        """The unions with at least one task without an activity."""
        return tuple(union for union in self.unions if union.uncovered)

    @property
    def marker(self) -> str:
        """The text that marks a file as generated by tuyengiao (see `tuyengiao.output`)."""
        return MARKER

    def to_json(self) -> dict[str, object]:
        """The JSON document of `report --format json`; `generator` first, within 4 KiB."""
        found: dict[str, object] = {
            "generator": MARKER,
            "version": JSON_VERSION,
            "lang": self.lang,
            "period": self.period.to_json(),
            "as_of": self.as_of.isoformat(),
            "year_start": self.year_start.isoformat(),
            "organization": asdict(self.organization),
            "totals": self.totals.to_json(),
            "tasks": [task.to_json() for task in self.tasks],
            "unions": [union.to_json() for union in self.unions],
            "overdue": [entry.to_json() for entry in self.overdue],
            "missing_plans": [entry.to_json() for entry in self.missing_plans],
            "uncovered": [
                {"union": union.id, "tasks": [task.number for task in union.uncovered]}
                for union in self.uncovered
            ],
            "left_out": [entry.to_json() for entry in self.left_out],
        }
        if self.issued is not None:
            found["issued"] = self.issued.isoformat()
        if self.measures is not None:
            found["measures"] = self.measures.to_json()
        if self.document is not None:
            found["document"] = self.document.to_json()
        return found
