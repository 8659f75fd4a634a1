"""The workbook's sheets and columns, read from `data/excel/workbook.json`.

One definition for both directions: the writer lays the columns out from it, and the
reader matches a filled workbook's headers against it (by header, not by position, so
an officer may move or add columns).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from tuyengiao.i18n import DATA
from tuyengiao.models import Guidance
from tuyengiao.status import fold

#: The fields that hold one figure per metric, and so one column per metric each:
#: `results.sessions`, `target.sessions`.
METRIC_FIELDS = ("target", "results")


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a sheet (or one row of *Thông tin*): what it holds and its help."""

    key: str
    header: str
    kind: str
    width: int = 14
    title: str = ""
    message: str = ""
    locked: bool = False

    @property
    def metric(self) -> str | None:
        """The metric id of a result or target column, else None."""
        field, dot, metric = self.key.partition(".")
        return metric if dot and field in METRIC_FIELDS else None


@dataclass(frozen=True, slots=True)
class Layout:
    """The workbook of one catalogue: sheet names and the columns of each sheet."""

    sheets: dict[str, str]
    title: str
    info_headers: list[str]
    info: list[Column]
    tasks_heading: str
    activities: list[Column]
    progress: list[Column]
    reports: list[Column]
    texts: dict[str, str]


@cache
def _raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "excel" / "workbook.json").read_text("utf-8"))
    return data


def _column(entry: dict[str, Any]) -> Column:
    return Column(
        key=entry["key"],
        header=entry.get("header", ""),
        kind=entry["kind"],
        width=entry.get("width", 14),
        title=entry.get("title", ""),
        message=entry.get("message", ""),
        locked=entry.get("locked", False),
    )


def metric_header(label: str, unit: str | None) -> str:
    """A result column's header: the metric's Vietnamese label and its unit."""
    return f"{label} ({unit})" if unit else label


def _expand(
    entries: list[dict[str, Any]], guidance: Guidance | None, extra: list[str]
) -> list[Column]:
    """The columns of a sheet, the metric placeholder made one column per metric."""
    columns: list[Column] = []
    for entry in entries:
        if entry["kind"] != "metric":
            columns.append(_column(entry))
            continue
        metrics = (
            [(m.id, metric_header(m.label, m.unit), m.unit or "") for m in guidance.metrics]
            if guidance
            else []
        )
        metrics += [(name, name, "") for name in extra]  # a metric the catalogue lacks: kept
        prefix = entry.get("prefix", "")
        for metric_id, header, unit in metrics:
            message = entry["message"].replace("{unit}", unit or "số")
            columns.append(
                Column(
                    key=f"{entry['key']}.{metric_id}",
                    header=prefix + header,
                    kind="metric",
                    width=max(entry.get("width", 14), min(len(header) // 2 + 2, 24)),
                    title=entry["title"],
                    message=message,
                )
            )
    return columns


def layout(guidance: Guidance | None, extra_metrics: list[str] | None = None) -> Layout:
    """The layout of a workbook on `guidance` (None: no metric columns but the extra ones)."""
    raw = _raw()
    extra = extra_metrics or []
    return Layout(
        sheets=dict(raw["sheets"]),
        title=raw["title"],
        info_headers=list(raw["info_headers"]),
        info=[_column(entry) for entry in raw["info"]],
        tasks_heading=raw["tasks_heading"],
        activities=_expand(raw["activities"], guidance, extra),
        progress=_expand(raw["progress"], guidance, extra),
        reports=[_column(entry) for entry in raw["reports"]],
        texts=dict(raw["lists"]),
    )


def header_key(text: str) -> str:
    """What two headers must share to be the same column: case, accents and spaces aside."""
    return fold(text.replace("\n", " "))


def task_label(number: int, title: str) -> str:
    """A task as the drop-down shows it: `1. Quán triệt, triển khai …`."""
    return f"{number}. {title}"
