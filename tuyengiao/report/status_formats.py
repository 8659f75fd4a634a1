"""`status --format json|csv`: the dashboard's figures as documents for scripts.

Both are stable: fields are only ever added, never renamed or dropped. JSON holds the
whole dashboard (totals, unions, tasks, every overdue activity, missing plans, plans
left out); CSV is one row per union, for a spreadsheet, every text cell neutralised
so that a spreadsheet shows it as text, never runs it as a formula (`cells.py`).
"""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from tuyengiao.cells import spreadsheet_text
from tuyengiao.report.figures import Counts, ReportContext

#: The columns of `status --format csv`, in order.
CSV_COLUMNS = (
    "union_id",
    "union_name",
    "group",
    "file",
    "activities",
    "done",
    "done_in_period",
    "in_progress",
    "overdue",
    "planned",
    "cancelled",
    "progress",
    "targets_set",
    "targets_met",
)


def _counts(counts: Counts) -> dict[str, int]:
    return {**counts.to_json(), "progress": counts.progress}


def status_document(context: ReportContext) -> dict[str, Any]:
    """The dashboard as one JSON-ready document (`version` 1)."""
    return {
        "version": 1,
        "period": context.period.id,
        "as_of": context.as_of.isoformat(),
        "totals": {
            "unions": context.totals.unions,
            "expected": context.totals.expected,
            "left_out": context.totals.left_out,
            **_counts(context.totals.counts),
        },
        "unions": [
            {
                "id": union.id,
                "name": union.name,
                "group": union.group,
                "file": union.file,
                **_counts(union.counts),
                "uncovered_tasks": [task.number for task in union.uncovered],
            }
            for union in context.unions
        ],
        "tasks": [
            {
                "number": task.number,
                "title": task.title,
                "unions_engaged": task.unions_engaged,
                **_counts(task.counts),
            }
            for task in context.tasks
        ],
        "overdue": [
            {
                "union_id": entry.union_id,
                "union_name": entry.union_name,
                "file": entry.file,
                "activity_id": entry.activity_id,
                "task": entry.task,
                "title": entry.title,
                "due": entry.due.isoformat(),
                "days": entry.days,
                "status": entry.status.value,
                "owner": entry.owner,
            }
            for entry in context.overdue
        ],
        "missing_plans": [
            {"id": entry.id, "name": entry.name, "group": entry.group}
            for entry in context.missing_plans
        ],
        "left_out": [
            {"file": entry.file, "union_id": entry.union_id, "errors": entry.errors}
            for entry in context.left_out
        ],
        "measures": context.measures.to_json() if context.measures else None,
    }


def write_json(context: ReportContext, stream: TextIO) -> None:
    """`status --format json`."""
    json.dump(status_document(context), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_csv(context: ReportContext, stream: TextIO) -> None:
    """`status --format csv`: a header, then one row per union."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    measures = context.measures
    for union in context.unions:
        measured = measures.union(union.id) if measures else None
        counts = {
            **_counts(union.counts),
            "targets_set": measured.targets_set if measured else 0,
            "targets_met": measured.targets_met if measured else 0,
        }
        texts = (union.id, union.name, union.group or "", union.file)
        writer.writerow(
            [spreadsheet_text(text) for text in texts]
            + [counts[column] for column in CSV_COLUMNS[4:]]
        )
