"""The data models of every file users write, validated strictly (no silent coercion).

Field-level parsing that is part of the format (dates in Vietnamese forms, status
aliases, slugs) happens here and fails with a `PydanticCustomError` whose type names
the rule; `tuyengiao.validate` maps every error back to a YAML position and a
Vietnamese message. Checks that need the catalogue or the calendar are rules, not
models (`tuyengiao.checks`), so the models stay the single source of the JSON Schema.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from tuyengiao.dates import DateError, parse_date
from tuyengiao.status import Status, parse_status

#: A stable id: lower-case ASCII letters and digits in words joined by single hyphens.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _to_date(value: object) -> date:
    if isinstance(value, list | dict):
        raise PydanticCustomError("date_type", "a date, not a list or mapping")
    try:
        return parse_date(value)
    except DateError as error:
        raise PydanticCustomError("invalid_date", "{reason}", {"reason": error.reason}) from None


def _to_status(value: object) -> Status:
    if not isinstance(value, str):
        raise PydanticCustomError("status_type", "a status word")
    status = parse_status(value)
    if status is None:
        raise PydanticCustomError("invalid_status", "unknown status")
    return status


def _whole_number(value: object) -> object:
    # `True == 1 == 1.0` in Python, so a Literal[1] alone would accept `version: yes`
    # and `version: 1.0`; and "1" must be named as text where a number belongs.
    if type(value) is not int:
        raise PydanticCustomError("int_type", "a whole number")
    return value


def _check_slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise PydanticCustomError("invalid_slug", "not a slug")
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_text", "empty text")
    return value


Day = Annotated[date, BeforeValidator(_to_date)]
Slug = Annotated[str, AfterValidator(_check_slug)]
Text = Annotated[str, AfterValidator(_check_text)]
Count = Annotated[int, Field(ge=0)]
StatusField = Annotated[Status, BeforeValidator(_to_status)]


class Model(BaseModel):
    """Strict, closed, immutable: unknown keys are errors and nothing is coerced."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# --- the plan file -------------------------------------------------------------------


class UnionInfo(Model):
    """The union that files the plan."""

    id: Slug
    name: Text
    members: Count | None = None


class Contact(Model):
    """Who to call about the plan."""

    name: Text | None = None
    email: Text | None = None
    phone: Text | None = None


class Activity(Model):
    """One planned activity against one task of the guidance."""

    id: Slug
    task: int
    title: Text
    start: Day | None = None
    due: Day
    status: StatusField
    done: Day | None = None
    owner: Text | None = None
    results: dict[str, Count] | None = None
    evidence: Text | None = None
    note: str | None = None


class Plan(Model):
    """One union's plan for one guidance year."""

    version: Annotated[Literal[1], BeforeValidator(_whole_number)]
    guidance: Text
    union: UnionInfo
    contact: Contact | None = None
    updated: Day | None = None
    activities: list[Activity]


# --- the guidance catalogue ----------------------------------------------------------


class DocumentRef(Model):
    """A document the guidance refers to (a resolution, plan, decision or campaign)."""

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


class Metric(Model):
    """A result the report sums, with its labels."""

    id: Slug
    label: Text
    label_en: Text
    unit: Text | None = None


class Task(Model):
    """One task (nhiệm vụ) of the guidance."""

    number: Annotated[int, Field(ge=1)]
    title: Text
    title_en: Text
    text: Text
    documents: list[DocumentRef] = []
    deadline: Day | None = None
    deadline_text: Text | None = None
    metrics: list[str] = []


class Guidance(Model):
    """A guidance catalogue: the tasks of one year and the metrics their results use."""

    version: Annotated[Literal[1], BeforeValidator(_whole_number)]
    id: Text
    year: int
    title: Text
    issuer: Text
    basis: DocumentRef | None = None
    reporting: Text | None = None
    metrics: list[Metric]
    tasks: list[Task]

    def task(self, number: int) -> Task | None:
        """The task with that number, if the catalogue has it."""
        return next((task for task in self.tasks if task.number == number), None)

    def metric(self, metric_id: str) -> Metric | None:
        """The metric with that id, if the catalogue has it."""
        return next((metric for metric in self.metrics if metric.id == metric_id), None)


# --- the workspace config ------------------------------------------------------------


class Organization(Model):
    """The issuing body named at the top of reports."""

    parent: Text = "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"
    name: Text = "CÔNG ĐOÀN VIÊN CHỨC VIỆT NAM"
    place: Text = "Hà Nội"


class RosterEntry(Model):
    """A union expected to file a plan."""

    id: Slug
    name: Text
    group: Text | None = None


class Signer(Model):
    """The signature block of a report."""

    on_behalf: Text | None = None
    title: Text | None = None
    name: Text | None = None


class ReportSettings(Model):
    """What the report's frame says: its number, recipients and signer."""

    number: Text | None = None
    signer: Signer | None = None
    recipients: list[Text] = []


class Config(Model):
    """The workspace config `tuyengiao.yaml`; every key is optional."""

    organization: Organization = Organization()
    guidance: Text = "2022"
    timezone: Text = "Asia/Ho_Chi_Minh"
    period_rule: Literal["calendar", "nd09"] = "calendar"
    roster: list[RosterEntry] | None = None
    report: ReportSettings = ReportSettings()
    ignore: list[Text] = []
    severity: dict[str, Literal["error", "warning", "info"]] = {}
    due_soon_days: Annotated[int, Field(ge=0, le=366)] = 14
    exclude: list[Text] = []
