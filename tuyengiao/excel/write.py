"""A plan as a workbook an officer fills: sheets, drop-downs, validation, print setup.

Pure: a plan and its catalogue in, the bytes of an `.xlsx` out (XlsxWriter, in memory).
The caller writes them atomically (`tuyengiao.output`). Every text is written as text
(`write_string`), never as a formula; a text a spreadsheet would take for a formula
(`tuyengiao.cells.formula_like`: `=`, `+`, `-`, `@`, Tab, CR first) also carries Excel's
quote prefix, the xlsx form of `cells`' `'`: it keeps the cell text when it is edited or
saved as CSV, and is not part of the value read back, so the plan round-trips.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from typing import Any

from tuyengiao.cells import formula_like
from tuyengiao.excel.columns import Column, Layout, layout, task_label
from tuyengiao.models import Activity, Guidance, Plan
from tuyengiao.status import STATUS_LABELS_VI

#: Rows laid out (formats, drop-downs, validation) below the plan's own, for new ones.
SPARE_ROWS = 200
_FIRST_DAY = datetime.date(1900, 1, 1)
_LAST_DAY = datetime.date(2100, 12, 31)


def plan_workbook(plan: Plan, guidance: Guidance, *, year: int | None = None) -> bytes:
    """The workbook of `plan` on its catalogue `guidance` (no activities: an empty form)."""
    import xlsxwriter

    extra = sorted(
        {name for a in plan.activities for name in _metric_names(a)}
        - {m.id for m in guidance.metrics}
    )
    lay = layout(guidance, extra)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    book.set_properties(
        {"title": lay.title.format(year=year or guidance.year), "comments": "tuyengiao"}
    )
    formats = _Formats(book)
    lists = _lists_sheet(book, lay, guidance, year or guidance.year, formats)
    _info_sheet(book, lay, plan, guidance, year or guidance.year, formats)
    last = len(plan.activities) + SPARE_ROWS
    _activities_sheet(book, lay, plan, guidance, formats, lists, last)
    _progress_sheet(book, lay, plan, formats, last)
    _reports_sheet(book, lay, plan, formats, lists)
    book.close()
    return buffer.getvalue()


def _metric_names(activity: Activity) -> Iterator[str]:
    yield from activity.target or {}
    yield from activity.results or {}
    for entry in activity.progress or []:
        yield from entry.results


class _Formats:
    """The cell formats of the workbook, made once."""

    def __init__(self, book: Any) -> None:
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "top"}
        self.title = book.add_format({**base, "bold": True, "font_size": 14})
        self.header = book.add_format(
            {
                **base,
                "bold": True,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
                "border": 1,
                "bg_color": "#DDEBF7",
            }
        )
        self.label = book.add_format({**base, "bold": True, "text_wrap": True, "border": 1})
        self.help = book.add_format({**base, "italic": True, "text_wrap": True, "font_size": 11})
        self.locked = book.add_format(
            {**base, "text_wrap": True, "border": 1, "bg_color": "#EDEDED", "locked": True}
        )
        self.text = book.add_format({**base, "text_wrap": True, "border": 1, "locked": False})
        self.quoted = book.add_format(
            {**base, "text_wrap": True, "border": 1, "locked": False, "quote_prefix": True}
        )
        self.date = book.add_format(
            {**base, "num_format": "dd/mm/yyyy", "border": 1, "locked": False, "align": "center"}
        )
        self.number = book.add_format({**base, "num_format": "0", "border": 1, "locked": False})
        self.plain = book.add_format(base)


def _write_text(sheet: Any, row: int, col: int, text: str, formats: _Formats, fmt: Any) -> None:
    if formula_like(text):
        fmt = formats.quoted
    sheet.write_string(row, col, text, fmt)


def _write_value(
    sheet: Any, row: int, col: int, column: Column, value: object, formats: _Formats
) -> None:
    """One cell of a column, typed as its kind says (a blank cell keeps the column's format)."""
    if value is None:
        return
    if column.kind == "date" and isinstance(value, datetime.date):
        day = datetime.datetime(value.year, value.month, value.day)
        sheet.write_datetime(row, col, day, formats.date)
    elif column.kind in ("metric", "integer") and isinstance(value, int):
        sheet.write_number(row, col, value, formats.number)
    else:
        _write_text(sheet, row, col, str(value), formats, formats.text)


#: Points per line of 12-point text, and characters per unit of column width (Times New
#: Roman 12 against Excel's unit, the width of a "0" in Calibri 11), as measured on
#: LibreOffice's rendering: neither it nor Excel sizes a wrapped row when it opens one.
LINE_HEIGHT = 16
CHARACTERS_PER_WIDTH = 1.05


def row_height(columns: list[Column], values: dict[str, object]) -> float:
    """The height of a row whose wrapped texts must all show."""
    lines = 1
    for column in columns:
        value = values.get(column.key)
        if isinstance(value, str):
            per_line = max(int(column.width * CHARACTERS_PER_WIDTH), 1)
            lines = max(lines, -(-len(value) // per_line))
    return float(LINE_HEIGHT * lines + 4)


def _print_setup(sheet: Any, header_rows: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.fit_to_pages(1, 0)  # as wide as one page, as long as it takes
    if header_rows:
        sheet.repeat_rows(0, header_rows - 1)
        sheet.freeze_panes(header_rows, 0)


def _validation(column: Column, texts: dict[str, str], lists: dict[str, str]) -> dict[str, Any]:
    """The data validation of a column: its drop-down or type check, and its input message."""
    found: dict[str, Any] = {
        "input_title": column.title[:32],
        "input_message": column.message[:255],
    }
    error = {"error_title": texts["error_title"][:32]}
    if column.kind in ("task", "status", "period"):
        return {**found, **error, "validate": "list", "source": lists[column.kind],
                "error_message": texts["list_error"]}  # fmt: skip
    if column.kind == "activity":  # the ids of sheet Hoạt động; a new one may be typed
        return {**found, **error, "validate": "list", "source": lists[column.kind],
                "error_type": "warning", "error_message": texts["list_error"]}  # fmt: skip
    if column.kind in ("metric", "integer"):
        return {**found, **error, "validate": "integer", "criteria": ">=", "value": 0,
                "error_message": texts["number_error"]}  # fmt: skip
    if column.kind == "date":
        # A warning, not a stop: a date typed as text is read back (and named) on import.
        return {**found, **error, "validate": "date", "criteria": "between",
                "minimum": _FIRST_DAY, "maximum": _LAST_DAY, "error_type": "warning",
                "error_message": texts["date_error"]}  # fmt: skip
    return {**found, "validate": "any"}


def _column_format(column: Column, formats: _Formats) -> Any:
    if column.kind == "date":
        return formats.date
    if column.kind in ("metric", "integer"):
        return formats.number
    return formats.text


def _lists_sheet(
    book: Any, lay: Layout, guidance: Guidance, year: int, formats: _Formats
) -> dict[str, str]:
    """The hidden sheet of the drop-downs' lists (Excel caps an inline list at 255 chars)."""
    name = lay.sheets["lists"]
    sheet = book.add_worksheet(name)
    columns = {
        "task": [task_label(task.number, task.title) for task in guidance.tasks],
        "status": list(STATUS_LABELS_VI.values()),
        "period": [f"{year}-{p}" for p in ("Q1", "Q2", "Q3", "Q4", "H1", "H2", "9M")] + [str(year)],
    }
    heads = {"task": "Nhiệm vụ", "status": "Trạng thái", "period": "Kỳ báo cáo"}
    sources: dict[str, str] = {}
    for col, (kind, values) in enumerate(columns.items()):
        sheet.write_string(0, col, heads[kind], formats.header)
        for row, value in enumerate(values, start=1):
            sheet.write_string(row, col, value)
        letter = chr(ord("A") + col)
        sources[kind] = f"='{name}'!${letter}$2:${letter}${len(values) + 1}"
    # The result and target columns' keys beside their headers: the reader matches a
    # header to its metric by this table, whatever catalogue the workbook was made from.
    sheet.write_string(0, 4, "Mã cột", formats.header)
    sheet.write_string(0, 5, "Cột", formats.header)
    metrics = [c for c in lay.activities if c.metric]
    for row, column in enumerate(metrics, start=1):
        sheet.write_string(row, 4, column.key)
        sheet.write_string(row, 5, column.header)
    sheet.set_column(0, 0, 60)
    sheet.set_column(5, 5, 40)
    sheet.hide()
    return sources


def _info_sheet(
    book: Any, lay: Layout, plan: Plan, guidance: Guidance, year: int, formats: _Formats
) -> None:
    sheet = book.add_worksheet(lay.sheets["info"])
    sheet.activate()
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 2, 60)
    sheet.write_string(0, 0, lay.title.format(year=year), formats.title)
    for col, head in enumerate(lay.info_headers):
        sheet.write_string(1, col, head, formats.header)
    contact = plan.contact
    values: dict[str, object] = {
        "version": plan.version,
        "guidance": plan.guidance,
        "union.id": plan.union.id,
        "union.name": plan.union.name,
        "union.members": plan.union.members,
        "contact.name": contact.name if contact else None,
        "contact.email": contact.email if contact else None,
        "contact.phone": contact.phone if contact else None,
        "updated": plan.updated,
    }
    row = 2
    for column in lay.info:
        sheet.write_string(row, 0, column.header, formats.label)
        value = values.get(column.key)
        fmt = formats.locked if column.locked else _column_format(column, formats)
        if column.locked:
            if isinstance(value, int):
                sheet.write_number(row, 1, value, formats.locked)
            else:
                sheet.write_string(row, 1, str(value or ""), formats.locked)
        elif value is None:
            sheet.write_blank(row, 1, None, fmt)
        else:
            _write_value(sheet, row, 1, column, value, formats)
        sheet.write_string(row, 2, column.message, formats.help)
        if not column.locked:
            sheet.data_validation(row, 1, row, 1, _validation(column, lay.texts, {}))
        row += 1
    row += 1
    sheet.write_string(row, 0, lay.tasks_heading, formats.title)
    row += 1
    for task in guidance.tasks:
        sheet.write_string(row, 0, task_label(task.number, task.title), formats.help)
        sheet.write_string(row, 1, task.deadline_text or "", formats.help)
        row += 1
    # Locked cells hold what must not change (the version, the guidance, the union's id);
    # no password: the protection guards against a slip, not against the officer.
    sheet.protect("", {"format_columns": True, "format_rows": True})
    _print_setup(sheet, 0)
    sheet.set_portrait()


def _activity_values(activity: Activity, guidance: Guidance) -> dict[str, object]:
    task = guidance.task(activity.task)
    values: dict[str, object] = {
        "id": activity.id,
        "task": task_label(task.number, task.title) if task else activity.task,
        "title": activity.title,
        "start": activity.start,
        "due": activity.due,
        "status": STATUS_LABELS_VI[activity.status],
        "done": activity.done,
        "owner": activity.owner,
        "evidence": activity.evidence,
        "note": activity.note,
    }
    for name, count in (activity.target or {}).items():
        values[f"target.{name}"] = count
    for name, count in (activity.results or {}).items():
        values[f"results.{name}"] = count
    return values


def _table(
    sheet: Any,
    columns: list[Column],
    rows: list[dict[str, object]],
    formats: _Formats,
    lay: Layout,
    lists: dict[str, str],
    last: int,
) -> None:
    """A sheet of one header row and one row per item, laid out `last` rows down."""
    sheet.set_row(0, 45)
    for col, column in enumerate(columns):
        sheet.set_column(col, col, column.width, _column_format(column, formats))
        sheet.write_string(0, col, column.header, formats.header)
        sheet.data_validation(1, col, last, col, _validation(column, lay.texts, lists))
    for row, values in enumerate(rows, start=1):
        for col, column in enumerate(columns):
            _write_value(sheet, row, col, column, values.get(column.key), formats)
        sheet.set_row(row, row_height(columns, values))
    sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
    _print_setup(sheet, 1)


def _activities_sheet(
    book: Any,
    lay: Layout,
    plan: Plan,
    guidance: Guidance,
    formats: _Formats,
    lists: dict[str, str],
    last: int,
) -> None:
    sheet = book.add_worksheet(lay.sheets["activities"])
    rows = [_activity_values(activity, guidance) for activity in plan.activities]
    _table(sheet, lay.activities, rows, formats, lay, lists, last)


def _progress_sheet(book: Any, lay: Layout, plan: Plan, formats: _Formats, last: int) -> None:
    sheet = book.add_worksheet(lay.sheets["progress"])
    rows: list[dict[str, object]] = []
    for activity in plan.activities:
        for entry in activity.progress or []:
            values: dict[str, object] = {
                "id": activity.id,
                "as_of": entry.as_of,
                "note": entry.note,
            }
            values.update({f"results.{name}": n for name, n in entry.results.items()})
            rows.append(values)
    ids = f"='{lay.sheets['activities']}'!$A$2:$A${last + 1}"
    columns = [
        Column(c.key, c.header, "activity", c.width, c.title, c.message) if c.key == "id" else c
        for c in lay.progress
    ]
    _table(sheet, columns, rows, formats, lay, {"activity": ids}, last * 2)


def _reports_sheet(
    book: Any, lay: Layout, plan: Plan, formats: _Formats, lists: dict[str, str]
) -> None:
    sheet = book.add_worksheet(lay.sheets["reports"])
    rows: list[dict[str, object]] = []
    for period, notes in (plan.reports or {}).items():
        rows.append(
            {
                "period": period,
                "date": notes.date,
                "highlights": notes.highlights,
                "issues": notes.issues,
                "proposals": notes.proposals,
            }
        )
    _table(sheet, lay.reports, rows, formats, lay, lists, 20)
