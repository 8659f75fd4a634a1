"""The data of every file users write: plain dataclasses, read strictly (no silent coercion).

Each field's annotation says what it accepts (`tuyengiao.fields`): a valid file is read
straight into these classes by `tuyengiao.read.fast`, without pydantic; a file it gives up
on is validated by pydantic, which reads the same annotations, and `tuyengiao.read.validate`
maps every error back to a YAML position and a Vietnamese message. Field-level parsing
that is part of the format (dates in Vietnamese forms, status aliases, slugs) happens
here. Checks that need the catalogue or the calendar are rules, not models
(`tuyengiao.rules.plan`), so the models stay the single source of the JSON Schema.

Treat them as read-only. They are not frozen: a frozen dataclass sets each field
through `object.__setattr__`, and making the 24,000 activities of 1,000 plans took
69 ms that way against 17 ms (and each class 0.3 ms more to create at start-up).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Final, Literal

from tuyengiao.dates import MAX_YEAR, MIN_YEAR, DateError, parse_date
from tuyengiao.fields import Bounds, Check, Convert, Exact, FieldError
from tuyengiao.status import Status, parse_status

#: A stable id: lower-case ASCII letters and digits in words joined by single hyphens.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _to_date(value: object) -> date:
    if isinstance(value, list | dict):
        raise FieldError("date_type")
    try:
        return parse_date(value)
    except DateError as error:
        raise FieldError("invalid_date", reason=error.reason) from None


def _to_status(value: object) -> Status:
    if not isinstance(value, str):
        raise FieldError("status_type")
    status = parse_status(value)
    if status is None:
        raise FieldError("invalid_status")
    return status


def _whole_number(value: object) -> object:
    # `True == 1 == 1.0` in Python, so a Literal[1] alone would accept `version: yes`
    # and `version: 1.0`; and "1" must be named as text where a number belongs.
    if type(value) is not int:
        raise FieldError("int_type")
    return value


def _check_slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise FieldError("invalid_slug")
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise FieldError("empty_text")
    return value


#: The largest number a plan, the config or a catalogue may hold (a count, a result,
#: a task number): sums of a national workspace's results stay far from any limit, and
#: no number is ever too long to format.
MAX_NUMBER: Final = 10**9

Day = Annotated[date, Convert(_to_date)]
Slug = Annotated[str, Exact(), Check(_check_slug)]
Text = Annotated[str, Exact(), Check(_check_text)]
String = Annotated[str, Exact()]
Integer = Annotated[int, Exact(), Bounds(ge=-MAX_NUMBER, le=MAX_NUMBER)]
Count = Annotated[int, Exact(), Bounds(ge=0, le=MAX_NUMBER)]
#: A guidance year: the years dates may name (`tuyengiao.dates`).
Year = Annotated[int, Exact(), Bounds(ge=MIN_YEAR, le=MAX_YEAR)]
StatusField = Annotated[Status, Convert(_to_status)]
Version = Annotated[Literal[1], Convert(_whole_number)]

#: Vietnam's time zone: the day a run evaluates is today there, unless told otherwise.
DEFAULT_TIMEZONE: Final = "Asia/Ho_Chi_Minh"
#: Every model is closed: an unknown key is an error (pydantic reads this setting).
CLOSED: Final = {"extra": "forbid"}


# --- the plan file -------------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class UnionInfo:
    """The union that files the plan."""

    __pydantic_config__ = CLOSED

    id: Slug
    name: Text
    members: Count | None = None


@dataclass(slots=True, kw_only=True)
class Contact:
    """Who to call about the plan."""

    __pydantic_config__ = CLOSED

    name: Text | None = None
    email: Text | None = None
    phone: Text | None = None


@dataclass(slots=True, kw_only=True)
class Progress:
    """A running total of an activity's results ("lũy kế") on one day."""

    __pydantic_config__ = CLOSED

    as_of: Day
    results: dict[str, Count]
    note: String | None = None


@dataclass(slots=True, kw_only=True)
class Activity:
    """One planned activity against one task of the guidance."""

    __pydantic_config__ = CLOSED

    id: Slug
    task: Integer
    title: Text
    start: Day | None = None
    due: Day
    status: StatusField
    done: Day | None = None
    owner: Text | None = None
    #: What the union planned to reach (chỉ tiêu), in the catalogue's metrics.
    target: dict[str, Count] | None = None
    results: dict[str, Count] | None = None
    progress: list[Progress] | None = None
    evidence: Text | None = None
    note: String | None = None

    # What `check`, `status` and `report` all mean by these words, said once.

    def done_by(self, day: date) -> bool:
        """Done by `day`: marked done, on a done day no later (or on a day not written)."""
        return self.status is Status.DONE and (self.done is None or self.done <= day)

    def open_at(self, day: date) -> bool:
        """Still to do at `day`: not cancelled and not done by then."""
        return self.status is not Status.CANCELLED and not self.done_by(day)

    def overdue_at(self, day: date) -> bool:
        """Open at `day` with its due day before it (due today is not yet overdue)."""
        return self.due < day and self.open_at(day)


@dataclass(slots=True, kw_only=True)
class PeriodNotes:
    """A union's own words for one period it reports on (`reports: {2022-Q2: …}`)."""

    __pydantic_config__ = CLOSED

    #: The day the union sent its report for the period; absent, a draft not yet sent.
    date: Day | None = None
    highlights: Text | None = None
    issues: Text | None = None
    proposals: Text | None = None


@dataclass(slots=True, kw_only=True)
class Plan:
    """One union's plan for one guidance year."""

    __pydantic_config__ = CLOSED

    version: Version
    guidance: Text
    union: UnionInfo
    contact: Contact | None = None
    updated: Day | None = None
    activities: list[Activity]
    #: By period name (`2022-Q2`, `2022-H1`, …); a name that is no period is a finding.
    reports: dict[String, PeriodNotes] | None = None


# --- the central department's words for one report ------------------------------------


@dataclass(slots=True, kw_only=True)
class CentralNotes:
    """`reports/<period>.yaml`: the central department's text for the report's sections."""

    __pydantic_config__ = CLOSED

    situation: Text | None = None
    strengths: Text | None = None
    weaknesses: Text | None = None
    causes: Text | None = None
    direction: Text | None = None
    proposals: Text | None = None


# --- the guidance catalogue ----------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class DocumentRef:
    """A document the guidance refers to (a resolution, plan, decision or campaign)."""

    __pydantic_config__ = CLOSED

    kind: Text
    number: Text | None = None
    date: Day | None = None
    issuer: Text | None = None
    title: Text | None = None

    def label(self) -> str:
        """The way Vietnamese documents cite it: `Kế hoạch số 308/KH-CĐVC ngày 28/9/2020`."""
        if self.number is None:
            title = self.title or ""
            return title if title.startswith(self.kind) else f"{self.kind}: {title}".rstrip(": ")
        label = f"{self.kind} số {self.number}"
        if self.date is not None:
            label += f" ngày {self.date.day}/{self.date.month}/{self.date.year}"
        return label


@dataclass(slots=True, kw_only=True)
class Metric:
    """A result the report sums, with its labels."""

    __pydantic_config__ = CLOSED

    id: Slug
    label: Text
    label_en: Text
    unit: Text | None = None
    #: How a sentence of the report says a result: `tổ chức {n} buổi`, `với {n} lượt
    #: người tham gia`; absent (or without `{n}`): "<label>: n".
    phrase: Text | None = None
    phrase_en: Text | None = None
    #: Said instead of `phrase` when nothing comes before it in the sentence; a metric
    #: with one joins the phrase before it ("… 147 buổi với 14.595 lượt …").
    phrase_alone: Text | None = None
    phrase_alone_en: Text | None = None


#: A share in whole per cent: a coverage target cannot pass 100%.
Percent = Annotated[int, Exact(), Bounds(ge=1, le=100)]
#: A reach may pass 100% (one member takes part in several sessions: "lượt").
ReachPercent = Annotated[int, Exact(), Bounds(ge=1, le=1000)]
#: An organisation-wide total to reach: at least one, or it is not a target.
Total = Annotated[int, Exact(), Bounds(ge=1)]


@dataclass(slots=True, kw_only=True)
class Reach:
    """A metric summed over the unions, as a share of their members (participants: 30%)."""

    __pydantic_config__ = CLOSED

    metric: Slug
    percent: ReachPercent


@dataclass(slots=True, kw_only=True)
class TaskTargets:
    """What the guidance expects of the whole organisation for one task."""

    __pydantic_config__ = CLOSED

    #: The share of roster unions that must hold a non-cancelled activity of the task.
    coverage: Percent | None = None
    reach: Reach | None = None
    #: Totals of metrics the unions together must reach.
    totals: dict[str, Total] | None = None


@dataclass(slots=True, kw_only=True)
class Task:
    """One task (nhiệm vụ) of the guidance."""

    __pydantic_config__ = CLOSED

    number: Annotated[int, Exact(), Bounds(ge=1, le=MAX_NUMBER)]
    title: Text
    title_en: Text
    text: Text
    documents: list[DocumentRef] = field(default_factory=list)
    deadline: Day | None = None
    deadline_text: Text | None = None
    metrics: list[String] = field(default_factory=list)
    targets: TaskTargets | None = None


@dataclass(slots=True, kw_only=True)
class Guidance:
    """A guidance catalogue: the tasks of one year and the metrics their results use."""

    __pydantic_config__ = CLOSED

    version: Version
    id: Text
    year: Year
    title: Text
    issuer: Text
    #: The guidance's own number and date, where it has them (the 2022 one has neither).
    number: Text | None = None
    date: Day | None = None
    #: The document it was issued on the instruction of, cited in the report's opening.
    basis: DocumentRef | None = None
    reporting: Text | None = None
    metrics: list[Metric]
    tasks: list[Task]

    def task(self, number: int) -> Task | None:
        """The task with that number, if the catalogue has it (the first one of it)."""
        return index_by(self.tasks, "number").get(number)

    def metric(self, metric_id: str) -> Metric | None:
        """The metric with that id, if the catalogue has it (the first one of it)."""
        return index_by(self.metrics, "id").get(metric_id)


#: Each catalogue's tasks and metrics by number and id, made once: looked up in a list,
#: 100,000 tasks made `status` take 145 s. Keyed by the list's id, holding the list
#: (so the id cannot be reused while cached); a run knows a few catalogues, and a
#: long-lived process (the language server) keeps only the last few.
_INDEXES: dict[tuple[int, str], tuple[Sequence[Any], int, dict[Any, Any]]] = {}
_MAX_INDEXES = 32


def index_by(items: Sequence[Any], key: str) -> dict[Any, Any]:
    """`items` by their attribute `key` (the first of each value), made once per sequence."""
    found = _INDEXES.get((id(items), key))
    if found is not None and found[0] is items and found[1] == len(items):
        return found[2]
    index: dict[Any, Any] = {}
    for item in items:
        index.setdefault(getattr(item, key), item)
    if len(_INDEXES) >= _MAX_INDEXES:
        del _INDEXES[next(iter(_INDEXES))]
    _INDEXES[(id(items), key)] = (items, len(items), index)
    return index


# --- the workspace config ------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class Organization:
    """The issuing body named at the top of reports."""

    __pydantic_config__ = CLOSED

    parent: Text = "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"
    name: Text = "CÔNG ĐOÀN VIÊN CHỨC VIỆT NAM"
    place: Text = "Hà Nội"
    #: Who reports, as the opening sentence names it ("Ban Thường vụ Công đoàn Viên chức
    #: Việt Nam"); absent: the issuer of the guidance the report answers.
    sender: Text | None = None


@dataclass(slots=True, kw_only=True)
class RosterEntry:
    """A union expected to file a plan."""

    __pydantic_config__ = CLOSED

    id: Slug
    name: Text
    group: Text | None = None
    #: The guidance years the union files a plan for (absent: every year).
    years: list[Year] | None = None

    def files_in(self, year: int) -> bool:
        """Whether the union is expected to file a plan for guidance year `year`."""
        return self.years is None or year in self.years


@dataclass(slots=True, kw_only=True)
class Signer:
    """The signature block of a report."""

    __pydantic_config__ = CLOSED

    on_behalf: Text | None = None
    #: One line, or up to three: `[KT. CHỦ TỊCH, PHÓ CHỦ TỊCH]`.
    title: Text | list[Text] | None = None
    name: Text | None = None


@dataclass(slots=True, kw_only=True)
class ReportSettings:
    """What the report's frame says: its number, recipients and signer."""

    __pydantic_config__ = CLOSED

    number: Text | None = None
    signer: Signer | None = None
    recipients: list[Text] = field(default_factory=list)


#: The periods a union may be asked to report on (`reporting.periods`).
PeriodKindField = Literal["quarter", "half", "nine_months", "year"]


@dataclass(slots=True, kw_only=True)
class Reporting:
    """The periodic reports each union owes: on which periods, and by when.

    One of `due_days` (days after the period's last day) or `due_day_of_next_month`
    (that day of the month after the period ends) says when a report is due.
    """

    __pydantic_config__ = CLOSED

    periods: list[PeriodKindField]
    #: At most 92 days (a quarter): a report due after the next quarter ends is a typo.
    due_days: Annotated[int, Exact(), Bounds(ge=0, le=92)] | None = None
    #: A day of the following month (31 in a 30-day month is its last day).
    due_day_of_next_month: Annotated[int, Exact(), Bounds(ge=1, le=31)] | None = None


@dataclass(slots=True, kw_only=True)
class Config:
    """The workspace config `tuyengiao.yaml`; every key is optional."""

    __pydantic_config__ = CLOSED

    organization: Organization = field(default_factory=Organization)
    #: The catalogues in use: one built-in id or path, or a list of them.
    guidance: Text | list[Text] = "2022"
    timezone: Text = DEFAULT_TIMEZONE
    period_rule: Literal["calendar", "nd09", "tld"] = "calendar"
    #: The periodic reports unions owe; absent, no obligation is checked.
    reporting: Reporting | None = None
    roster: list[RosterEntry] | None = None
    report: ReportSettings = field(default_factory=ReportSettings)
    ignore: list[Text] = field(default_factory=list)
    severity: dict[String, Literal["error", "warning", "info"]] = field(default_factory=dict)
    due_soon_days: Annotated[int, Exact(), Bounds(ge=0, le=366)] = 14
    exclude: list[Text] = field(default_factory=list)

    @property
    def guidance_refs(self) -> list[str]:
        """The catalogues the config names, as a list."""
        return [self.guidance] if isinstance(self.guidance, str) else list(self.guidance)
