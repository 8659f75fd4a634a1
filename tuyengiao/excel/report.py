"""`report --format xlsx`: the report's annex tables as a workbook, one sheet per Phụ lục.

A writer only: what each table says is the report's document model's (`Document.annex`,
`Document.opening`), as for md, html and docx. Each sheet has the header block of the
report (the issuing bodies on the left, the nation and motto on the right, the number
and place and date), the table's label, name and "Kèm theo" line, its headings, its
row groups, its total row and its legend. A figure of a numeric column is a number cell (`1.320`
is 1320, `43%` is 0.43 shown as a percentage, a day a date cell); totals are the
model's values, not formulas, so the sheet says what the report says.
"""

from __future__ import annotations

import datetime
import io
import re
from typing import TYPE_CHECKING, Any

from tuyengiao.cells import formula_like

if TYPE_CHECKING:
    from tuyengiao.report.document import Document, Table

_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})*")
_PERCENT = re.compile(r"([0-9]{1,3}(?:[.,][0-9]+)?)\s*%")
_DAY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
#: Excel's longest sheet name.
MAX_SHEET_NAME = 31


def figure(text: str) -> int | float | datetime.date | str:
    """A printed figure as the number or day it prints (`22.023` → 22023), else the text."""
    text = text.strip()
    if _THOUSANDS.fullmatch(text):
        return int(text.replace(".", ""))
    match = _PERCENT.fullmatch(text)
    if match:
        return float(match[1].replace(",", ".")) / 100
    match = _DAY.fullmatch(text)
    if match:
        try:
            return datetime.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return text
    return text


def annex_workbook(document: Document, day: datetime.date) -> bytes:
    """The workbook of the report's annex: one sheet per table, dated `day` (the issue
    day, as the Word report: the same inputs give the same bytes, not the clock's)."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    created = datetime.datetime.combine(day, datetime.time())
    book.set_properties(
        {"title": document.opening.subject, "comments": "tuyengiao", "created": created}
    )
    formats = _Formats(book)
    used: set[str] = set()
    for number, table in enumerate(document.annex.tables, start=1):
        name = _sheet_name(table.label or f"Phụ lục {number}", number, used)
        _annex_sheet(book.add_worksheet(name), document, table, formats)
    if not document.annex.tables:  # every table empty: the annex has none
        book.add_worksheet("Phụ lục")
    book.close()
    return buffer.getvalue()


def _sheet_name(label: str, number: int, used: set[str]) -> str:
    """The table's label, `Phụ lục 1`, as Excel allows a sheet's name (31 characters,
    none of `[]:*?/\\'`)."""
    name = re.sub(r"[\[\]:*?/\\']", " ", label)[:MAX_SHEET_NAME].strip() or str(number)
    while name.lower() in used:
        name = f"{name[: MAX_SHEET_NAME - 4]} ({number})"
    used.add(name.lower())
    return name


class _Formats:
    def __init__(self, book: Any) -> None:
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "top"}
        center = {**base, "align": "center"}
        self.bold_center = book.add_format({**center, "bold": True})
        self.center = book.add_format(center)
        self.italic_center = book.add_format({**center, "italic": True})
        self.title = book.add_format({**center, "bold": True, "font_size": 13})
        cell = {**base, "border": 1, "text_wrap": True}
        self.header = book.add_format(
            {**cell, "bold": True, "align": "center", "valign": "vcenter", "bg_color": "#EDEDED"}
        )
        self.text = book.add_format(cell)
        self.quoted = book.add_format({**cell, "quote_prefix": True})
        self.number = book.add_format({**cell, "num_format": "#,##0"})
        self.percent = book.add_format({**cell, "num_format": "0%"})
        self.date = book.add_format({**cell, "num_format": "dd/mm/yyyy", "align": "center"})
        self.group = book.add_format({**cell, "bold": True, "italic": True})
        self.total_text = book.add_format({**cell, "bold": True})
        self.total_number = book.add_format({**cell, "bold": True, "num_format": "#,##0"})
        self.note = book.add_format({**base, "italic": True, "text_wrap": True})


def _write(sheet: Any, row: int, col: int, text: str, numeric: bool, formats: _Formats,
           total: bool = False) -> None:  # fmt: skip
    value = figure(text) if numeric else text
    if isinstance(value, bool | str):
        fmt = formats.total_text if total else formats.text
        sheet.write_string(row, col, text, formats.quoted if formula_like(text) else fmt)
    elif isinstance(value, datetime.date):
        day = datetime.datetime(value.year, value.month, value.day)
        sheet.write_datetime(row, col, day, formats.date)
    elif isinstance(value, float):
        sheet.write_number(row, col, value, formats.percent)
    else:
        sheet.write_number(row, col, value, formats.total_number if total else formats.number)


def _annex_sheet(sheet: Any, document: Document, table: Table, formats: _Formats) -> None:
    opening = document.opening
    width = max(len(table.columns), 4)
    left_end = max(width // 2 - 1, 1)
    right_start = left_end + 1
    block = [
        (opening.parent, opening.nation, formats.center, formats.bold_center),
        (opening.issuer, opening.motto, formats.bold_center, formats.bold_center),
        (opening.number, opening.place_date, formats.center, formats.italic_center),
    ]
    for row, (left, right, left_fmt, right_fmt) in enumerate(block):
        sheet.merge_range(row, 0, row, left_end, left, left_fmt)
        sheet.merge_range(row, right_start, row, width - 1, right, right_fmt)
    row = len(block) + 1
    for text, fmt in ((table.label, formats.title), (table.title, formats.title),
                      (table.attached, formats.italic_center)):  # fmt: skip
        if text:
            sheet.merge_range(row, 0, row, width - 1, text, fmt)
            row += 1
    row += 1
    header_row = row
    sheet.set_row(header_row, 32)
    for col, column in enumerate(table.columns):
        sheet.write_string(row, col, column.label, formats.header)
        sheet.set_column(col, col, _width(column.label, column.numeric, table, col))
    row += 1
    if not table.rows and table.empty:
        sheet.merge_range(row, 0, row, len(table.columns) - 1, table.empty, formats.text)
        row += 1
    for group in table.groups:
        if group.label is not None:
            sheet.merge_range(row, 0, row, len(table.columns) - 1, group.label, formats.group)
            row += 1
        for values in group.rows:
            for col, (text, column) in enumerate(zip(values, table.columns, strict=False)):
                _write(sheet, row, col, text, column.numeric, formats)
            row += 1
    if table.total is not None:
        for col, (text, column) in enumerate(zip(table.total, table.columns, strict=False)):
            _write(sheet, row, col, text, column.numeric, formats, total=True)
        row += 1
    for line in table.legend:
        row += 1
        sheet.merge_range(row, 0, row, len(table.columns) - 1, line, formats.note)
    sheet.freeze_panes(header_row + 1, 0)
    sheet.repeat_rows(header_row)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)


def _width(label: str, numeric: bool, table: Table, col: int) -> int:
    """A column as wide as its longest text, within reason."""
    longest = max([len(label) // 2 + 2, *(len(row[col]) for row in table.rows if col < len(row))])
    return max(6, min(longest + 2, 12 if numeric else 60))
