"""A filled workbook read into the plan model, every problem a finding at its cell.

The workbook becomes the plain values a YAML plan would give (`{"union": {...},
"activities": [...]}`), read by the same validating path (`tuyengiao.read.validate`)
and checked by the same rules: one set of rules, messages and hints for both readers.
Columns are matched by their header, not their place; sheets by their name, else by
their headers. openpyxl reads in read-only, values-only mode (a formula gives its
cached value), after `tuyengiao.excel.guard` has measured the zip, and at most
`MAX_ROWS` rows of each sheet.

Findings are placed at cells. The rules place a finding by its path in the plan
(`("activities", 3, "due")`); `SheetDocument` answers with a stand-in line number per
cell, in the plan's order (so one activity's cells are one run of lines, as its YAML
lines are), and `SheetDocument.locate` turns that line into the cell afterwards.
"""

from __future__ import annotations

import datetime
import difflib
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tuyengiao.diagnostics import Diagnostic
from tuyengiao.excel.columns import Column, Layout, header_key, layout
from tuyengiao.excel.guard import check_container
from tuyengiao.i18n import Messages
from tuyengiao.models import Guidance
from tuyengiao.read.document import Document, Path
from tuyengiao.rules.findings import make_diagnostic

#: Rows read of each sheet: a plan has tens of activities, a big one a few hundred.
MAX_ROWS = 5000
#: Columns read of each row: the workbook has some twenty.
MAX_COLUMNS = 100
#: Rows at the top of a sheet searched for its header row.
HEADER_SEARCH = 5
#: How many of a table's headers make a sheet of another name that table.
MIN_HEADERS = 3


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell of the workbook: its sheet, and its 1-based row and column."""

    sheet: str
    row: int
    column: int
    #: The header of the cell's column (the label of its row on *Thông tin*).
    header: str = field(default="", compare=False)

    @property
    def ref(self) -> str:
        """`Hoạt động!F12`, the way the findings name it."""
        return f"{self.sheet}!{column_letter(self.column)}{self.row}"


def _node(value: object) -> Node | None:
    """`value` as a YAML node tagged as YAML types it; None for what YAML never gives
    (a float, a time of day, a boolean: those go the validating way, and are named)."""
    from tuyengiao.read.scalars import INT, MAP, SEQ, STR, TIMESTAMP

    if isinstance(value, str):
        return ScalarNode(STR, value, style='"')  # an escaped control: the slow way
    if isinstance(value, bool | datetime.datetime):
        return None
    if isinstance(value, int):
        return ScalarNode(INT, str(value))
    if isinstance(value, datetime.date):
        return ScalarNode(TIMESTAMP, value.isoformat())
    if isinstance(value, dict):
        pairs = []
        for key, item in value.items():
            node = _node(item)
            if node is None:
                return None
            pairs.append((ScalarNode(STR, str(key)), node))
        return MappingNode(MAP, pairs)
    if isinstance(value, list):
        items = [_node(item) for item in value]
        if any(item is None for item in items):
            return None
        return SequenceNode(SEQ, items)
    return None


def column_letter(number: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class SheetDocument(Document):
    """A workbook's values as a `Document`: positions are cells, given as stand-in lines."""

    def __init__(self, data: object, msg: Messages | None = None) -> None:
        super().__init__(data, None, [], built=True)
        #: The catalogue the findings were made in, for the hints a workbook needs.
        self.msg = msg
        self.cells: list[Cell] = []
        #: The field name each cell holds (`title`), said as its header in findings.
        self.names: list[str] = []
        self.lines: dict[Path, int] = {}
        self.raws: dict[Path, str] = {}
        self.starts: list[int] = []

    def add(self, path: Path, cell: Cell, raw: str | None = None) -> None:
        """Place `path` at `cell` (the next stand-in line)."""
        self.cells.append(cell)
        self.names.append(str(path[-1]) if path else "")
        self.lines.setdefault(path, len(self.cells))
        if raw is not None:
            self.raws[path] = raw

    def position(self, path: Path, *, key: bool = False) -> tuple[int | None, int | None]:
        """The stand-in line of the cell of `path`, else of the nearest path above it."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line, 1
        return (1, 1) if self.cells else (None, None)

    def raw(self, path: Path) -> str | None:
        """The cell's text as typed, where it held text or a number."""
        return self.raws.get(path)

    def pair(self, path: Path) -> None:
        """No YAML nodes here."""
        return None

    def item_lines(self, path: Path) -> list[int]:
        """The first stand-in line of each activity (for `workspace._countable`)."""
        return list(self.starts) if path == ("activities",) else []

    def as_nodes(self) -> Document:
        """The values as the YAML nodes a file holding them would give (for the fast
        reader, `tuyengiao.read.fast`); no tree when a value is none YAML would give."""
        return Document(None, _node(self.data), [], built=True)

    def cell_at(self, line: int | None) -> Cell | None:
        """The cell of a stand-in line."""
        if line is None or not 0 < line <= len(self.cells):
            return None
        return self.cells[line - 1]

    def place(
        self, line: int | None, column: int | None
    ) -> tuple[int | None, int | None, str | None]:
        """The row, column and name of the cell of a stand-in line."""
        cell = self.cell_at(line)
        return (line, column, None) if cell is None else (cell.row, cell.column, cell.ref)

    def locate(self, found: Diagnostic) -> Diagnostic:
        """`found` placed at its cell: row and column as line and column, and `cell` set."""
        if found.cell is not None:
            return found
        cell = self.cell_at(found.line)
        if cell is None:
            return found
        message, hint = found.message, found.hint
        name = self.names[found.line - 1] if found.line else ""
        if cell.header and name:  # “title” is the column “Tên hoạt động” here
            message = message.replace(f"“{name}”", f"“{cell.header}”")
            if found.rule == "missing-field" and self.msg is not None:
                # "Add a line `title: …`" is YAML's fix; here the cell is to be filled.
                hint = self.msg("hint.excel.fill_cell", header=cell.header, cell=cell.ref)
        return replace(
            found, line=cell.row, column=cell.column, cell=cell.ref, message=message, hint=hint
        )


@dataclass(slots=True)
class Workbook:
    """What was read of a workbook: its document, its own findings, and the catalogue's layout."""

    doc: SheetDocument | None
    findings: list[Diagnostic]


class _Sheet:
    """The rows of one sheet, as read (values only), with the sheet's name."""

    def __init__(self, name: str, rows: list[tuple[Any, ...]], cut: bool) -> None:
        self.name = name
        self.rows = rows
        self.cut = cut  # more rows than MAX_ROWS

    def cell(self, index: int, column: int) -> Any:
        """The value at 0-based row `index` and column `column`."""
        row = self.rows[index] if index < len(self.rows) else ()
        return row[column] if column < len(row) else None


def read_workbook(
    data: bytes, file: str, msg: Messages, guidance: Guidance | None = None
) -> Workbook:
    """The plan's values and their cells, or the one finding that says why there are none.

    `guidance` gives the result columns their labels (None: the built-in catalogue of
    the workbook's own guidance, when it has one).
    """
    refusal = check_container(data)
    if refusal is not None:
        hint = f"excel.{refusal.kind}"
        found = make_diagnostic(
            msg, file, refusal.rule, refusal.kind, None, None, refusal.fields, hint
        )
        return Workbook(None, [found])
    try:
        sheets, formulas = _load(data)
    except Exception:  # openpyxl on a damaged workbook: many kinds of error, one meaning
        found = make_diagnostic(
            msg, file, "encoding", "xlsx_broken", None, None, {}, "excel.xlsx_broken"
        )
        return Workbook(None, [found])
    reader = _Reader(sheets, formulas, file, msg, guidance)
    return Workbook(reader.read(), reader.findings)


def _load(data: bytes) -> tuple[list[_Sheet], set[tuple[str, int, int]]]:
    """Every sheet's first `MAX_ROWS` rows (values), and the formula cells with no value."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():  # openpyxl warns of what it does not support (styles)
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
        try:
            sheets = [_rows(book[name], name) for name in book.sheetnames]
        finally:
            book.close()
        formulas: set[tuple[str, int, int]] = set()
        if _has_formulas(data):
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, keep_links=False)
            try:
                for sheet in sheets:
                    formulas |= _uncached(book[sheet.name], sheet)
            finally:
                book.close()
    return sheets, formulas


def _rows(worksheet: Any, name: str) -> _Sheet:
    if not hasattr(worksheet, "iter_rows"):  # a chart sheet
        return _Sheet(name, [], False)
    rows: list[tuple[Any, ...]] = []
    cut = False
    for index, row in enumerate(
        worksheet.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
    ):
        if index == MAX_ROWS:
            cut = any(value is not None for value in row)
            break
        rows.append(tuple(row))
    while rows and all(value is None for value in rows[-1]):
        rows.pop()
    return _Sheet(name, rows, cut)


def _has_formulas(data: bytes) -> bool:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.infolist():
            name = member.filename
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                text = archive.read(member)  # measured by the guard: bounded
                if _FORMULA.search(text):
                    return True
    return False


def _uncached(worksheet: Any, sheet: _Sheet) -> set[tuple[str, int, int]]:
    """The cells holding a formula whose value was never computed (saved by a program)."""
    found: set[tuple[str, int, int]] = set()
    if not hasattr(worksheet, "iter_rows"):
        return found
    rows = worksheet.iter_rows(min_row=1, max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True)
    for index, row in enumerate(rows):
        for column, value in enumerate(row):
            if (
                isinstance(value, str)
                and value.startswith("=")
                and sheet.cell(index, column) is None
            ):
                found.add((sheet.name, index + 1, column + 1))
    return found


# --- cell values ------------------------------------------------------------------------

#: A cell's formula element (`<f>`, `<f t="shared" …>`, `<x:f>`), not `<formula1>` of a
#: data validation.
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
_TASK_LABEL = re.compile(r"\s*([0-9]{1,3})\s*[.)]\s+\S")
_DIGITS = re.compile(r"[0-9]{1,15}")


def cell_value(kind: str, value: Any) -> tuple[object, str | None]:
    """A cell's value as the plan's field reads it, and its text as typed (for hints).

    What Excel's typing does to a cell an officer cannot see is undone here: a whole
    number stored as 250.0 is 250, text "250" in a number column is 250, a date cell is
    a date. What needs the officer's eye ("1.250", "250 người", a date typed as text
    in a form no one accepts) is kept as typed, for the finding and its hint.
    """
    if value is None:
        return None, None
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).strip()
        if not text:
            return None, None
        if kind in ("integer", "metric") and _DIGITS.fullmatch(text):
            return int(text), text
        if kind == "task":
            match = _TASK_LABEL.match(text)
            if match or _DIGITS.fullmatch(text):
                return int(match[1] if match else text), text
        return text, text
    if isinstance(value, bool):
        return value, "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        if kind == "text":
            return f"{value.day}/{value.month}/{value.year}", None
        if value.time() == datetime.time(0):
            return value.date(), None
        return value, None
    if isinstance(value, datetime.date):
        return value, None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | float):
        raw = str(value)
        if kind in ("text", "period"):
            return raw, raw
        return value, raw
    return str(value), str(value)  # a time, a timedelta: shown as typed, refused as such


# --- the reader ---------------------------------------------------------------------------


class _Reader:
    """One workbook's sheets made into plan values, with the cells of each."""

    def __init__(
        self,
        sheets: list[_Sheet],
        formulas: set[tuple[str, int, int]],
        file: str,
        msg: Messages,
        guidance: Guidance | None,
    ) -> None:
        self.sheets = sheets
        self.formulas = formulas
        self.file = file
        self.msg = msg
        self.guidance = guidance
        self.findings: list[Diagnostic] = []
        self.doc = SheetDocument(None, msg)

    def finding(
        self,
        rule: str,
        kind: str,
        cell: Cell | None,
        fields: dict[str, object],
        hint: str | None = None,
        hint_fields: Mapping[str, object] | None = None,
    ) -> None:
        """A finding of the workbook's own (its sheets and columns), at `cell`."""
        found = make_diagnostic(
            self.msg, self.file, rule, kind, None, None, fields, hint, hint_fields
        )
        if cell is not None:
            found = replace(found, line=cell.row, column=cell.column, cell=cell.ref)
        self.findings.append(found)

    def read(self) -> SheetDocument:
        base = layout(None)
        info_sheet = self._sheet(base, "info")
        data: dict[str, object] = {}
        if info_sheet is not None:
            data = self._info(base, info_sheet)
        # The result columns are the ones the workbook lists (sheet Danh mục, each metric's
        # id beside its header), whatever catalogue made it; or the catalogue given.
        lay = _with_listed_metrics(layout(self.guidance), self._listed_metrics(base))
        activities_sheet = self._sheet(lay, "activities")
        if activities_sheet is None:
            self.finding("missing-field", "sheet", None, {"sheet": lay.sheets["activities"]})
        activities = self._table(lay, activities_sheet, lay.activities, "activities")
        progress = self._table(lay, self._sheet(lay, "progress"), lay.progress, "progress")
        reports = self._table(lay, self._sheet(lay, "reports"), lay.reports, "reports")
        self._assemble(data, activities, progress, reports)
        self.doc.data = data
        return self.doc

    def _listed_metrics(self, lay: Layout) -> list[tuple[str, str]]:
        """The (key, header) of each result and target column, from the hidden sheet."""
        wanted = header_key(lay.sheets["lists"])
        sheet = next((s for s in self.sheets if header_key(s.name) == wanted), None)
        if sheet is None:
            return []
        found = []
        for index in range(1, len(sheet.rows)):
            metric, header = sheet.cell(index, 4), sheet.cell(index, 5)
            if isinstance(metric, str) and isinstance(header, str) and metric and header:
                found.append((metric.strip(), header.strip()))
        return found

    # sheets ------------------------------------------------------------------------------

    def _sheet(self, lay: Layout, role: str) -> _Sheet | None:
        """The sheet of `role`: by its name, else the one whose headers are that table's."""
        wanted = header_key(lay.sheets[role])
        for sheet in self.sheets:
            if header_key(sheet.name) == wanted:
                return sheet
        others = {header_key(name) for name in lay.sheets.values()}
        best, score = None, 0
        for sheet in self.sheets:
            if header_key(sheet.name) in others:
                continue
            found = self._score(lay, sheet, role)
            if found > score:
                best, score = sheet, found
        return best if score >= MIN_HEADERS else None

    def _score(self, lay: Layout, sheet: _Sheet, role: str) -> int:
        if role == "info":
            labels = {header_key(c.header) for c in lay.info}
            return sum(
                1
                for row in sheet.rows[:40]
                if row and isinstance(row[0], str) and header_key(row[0]) in labels
            )
        columns: list[Column] = getattr(lay, role)
        heads = {header_key(c.header) for c in columns if c.header}
        return max(
            (
                sum(1 for v in row if isinstance(v, str) and header_key(v) in heads)
                for row in sheet.rows[:HEADER_SEARCH]
            ),
            default=0,
        )

    def _info(self, lay: Layout, sheet: _Sheet) -> dict[str, object]:
        """Sheet *Thông tin*: one field per row, its label in column A, its value in B."""
        by_label = {header_key(c.header): c for c in lay.info}
        stop = header_key(lay.tasks_heading)
        data: dict[str, object] = {}
        seen: set[str] = set()
        for index, row in enumerate(sheet.rows):
            label = row[0] if row else None
            if not isinstance(label, str):
                continue
            key = header_key(label)
            if key == stop:
                break
            column = by_label.get(key)
            if column is None or column.key in seen:
                continue
            seen.add(column.key)
            cell = Cell(sheet.name, index + 1, 2, column.header)
            value, raw = self._value(column.kind, sheet, index, 1)
            path = tuple(column.key.split("."))
            self.doc.add(path, cell, raw)
            if value is not None:
                _put(data, path, value)
        return data

    def _value(
        self, kind: str, sheet: _Sheet, index: int, column: int
    ) -> tuple[object, str | None]:
        raw_value = sheet.cell(index, column)
        if raw_value is None and (sheet.name, index + 1, column + 1) in self.formulas:
            self.finding(
                "missing-field", "formula", Cell(sheet.name, index + 1, column + 1), {}, "formula"
            )
        return cell_value(kind, raw_value)

    def _table(
        self, lay: Layout, sheet: _Sheet | None, columns: list[Column], role: str
    ) -> list[_Row]:
        """The rows of a table sheet below its header row, each with its cells by key."""
        if sheet is None:
            return []
        if sheet.cut:
            self.finding(
                "too-complex", "xlsx_rows", Cell(sheet.name, MAX_ROWS + 1, 1), {"limit": MAX_ROWS},
                "excel.xlsx_rows",
            )  # fmt: skip
        header_at, keys = self._headers(sheet, columns)
        required = {"activities": ("task", "title", "due", "status"), "progress": ("id", "as_of"),
                    "reports": ("period",)}[role]  # fmt: skip
        found_keys = set(keys.values())
        for key in required:
            if key not in found_keys:
                column = next(c for c in columns if c.key == key)
                self.finding(
                    "missing-field", "column", Cell(sheet.name, header_at + 1, 1),
                    {"column": column.header, "sheet": sheet.name}, "column",
                )  # fmt: skip
        kinds = {c.key: c.kind for c in columns}
        headers = {c.key: c.header for c in columns}
        rows: list[_Row] = []
        for index in range(header_at + 1, len(sheet.rows)):
            if all(value is None for value in sheet.rows[index]):
                continue
            cells: dict[str, tuple[Cell, object, str | None]] = {}
            for position, key in keys.items():
                value, raw = self._value(kinds[key], sheet, index, position)
                cell = Cell(sheet.name, index + 1, position + 1, headers[key])
                cells[key] = (cell, value, raw)
            if any(value is not None for _, value, _ in cells.values()):
                rows.append(_Row(Cell(sheet.name, index + 1, 1), cells))
        return rows

    def _headers(self, sheet: _Sheet, columns: list[Column]) -> tuple[int, dict[int, str]]:
        """The header row (0-based) and, by column index, the key of each known header."""
        names: dict[str, str] = {}
        for column in columns:
            names[header_key(column.header)] = column.key
            if column.metric and column.key.startswith("results."):
                names[header_key(column.metric)] = column.key
                names.setdefault(header_key(column.header.rsplit(" (", 1)[0]), column.key)
        best, best_count = 0, -1
        for index, row in enumerate(sheet.rows[:HEADER_SEARCH]):
            count = sum(1 for v in row if isinstance(v, str) and header_key(v) in names)
            if count > best_count:
                best, best_count = index, count
        keys: dict[int, str] = {}
        shown = {header_key(c.header): c.header for c in columns}
        row = sheet.rows[best] if sheet.rows else ()
        for position, value in enumerate(row):
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            text = str(value)
            key = names.get(header_key(text))
            cell = Cell(sheet.name, best + 1, position + 1)
            if key is None:
                close = difflib.get_close_matches(header_key(text), list(shown), n=1, cutoff=0.6)
                hint, fields = (
                    ("did_you_mean", {"suggestion": shown[close[0]]})
                    if close
                    else ("excel.columns", {"allowed": ", ".join(shown.values())})
                )
                self.finding("unknown-field", "column", cell, {"field": text}, hint, fields)
            elif key in keys.values():
                self.finding("duplicate-key", "column", cell, {"field": text})
            else:
                keys[position] = key
        return best, keys

    # the plan's values --------------------------------------------------------------------

    def _assemble(
        self,
        data: dict[str, object],
        activities: list[_Row],
        progress: list[_Row],
        reports: list[_Row],
    ) -> None:
        """The rows as the plan's values, each cell placed, in the order of a plan file."""
        entries = self._progress_of(progress, _ids(activities))
        items: list[dict[str, object]] = []
        for place, row in enumerate(activities):
            item: dict[str, object] = {}
            self.doc.starts.append(len(self.doc.cells) + 1)
            path: Path = ("activities", place)
            self.doc.add(path, row.first)
            _fill(self.doc, item, path, row, skip=())
            listed: list[dict[str, object]] = []
            for number, entry in enumerate(entries.get(place, [])):
                progress_item: dict[str, object] = {}
                entry_path: Path = (*path, "progress", number)
                self.doc.add(entry_path, entry.first)
                _fill(self.doc, progress_item, entry_path, entry, skip=("id",))
                listed.append(progress_item)
            if listed:
                item["progress"] = listed
            items.append(item)
        data["activities"] = items
        notes = self._reports(reports)
        if notes:
            data["reports"] = notes

    def _progress_of(self, progress: list[_Row], index_of: dict[str, int]) -> dict[int, list[_Row]]:
        """The rows of *Tiến độ* by the activity they name; a row naming none is a finding."""
        entries: dict[int, list[_Row]] = {}
        for row in progress:
            key = row.value("id")
            if key is None:
                cell = row.cells["id"][0] if "id" in row.cells else row.first
                self.finding("missing-field", "progress_id", cell, {})
                continue
            place = index_of.get(str(key))
            if place is None:
                self.finding(
                    "invalid-value", "progress_activity", row.cells["id"][0],
                    {"value": str(key)}, "progress_activity",
                )  # fmt: skip
                continue
            entries.setdefault(place, []).append(row)
        return entries

    def _reports(self, reports: list[_Row]) -> dict[str, object]:
        """The rows of *Báo cáo kỳ* by period; a period twice is a finding."""
        notes: dict[str, object] = {}
        for row in reports:
            period = row.value("period")
            if period is None:
                cell = row.cells["period"][0] if "period" in row.cells else row.first
                self.finding("missing-field", "period", cell, {})
                continue
            name = str(period)
            if name in notes:
                self.finding("duplicate-key", "period", row.cells["period"][0], {"key": name})
                continue
            entry: dict[str, object] = {}
            self.doc.add(("reports", name), row.cells["period"][0])
            _fill(self.doc, entry, ("reports", name), row, skip=("period",))
            notes[name] = entry
        return notes


def _ids(activities: list[_Row]) -> dict[str, int]:
    """Each activity's place by its id; a new row (no id, a title) gets one from its title."""
    ids = {str(row.value("id")) for row in activities if row.value("id") is not None}
    index_of: dict[str, int] = {}
    for place, row in enumerate(activities):
        if row.value("id") is None and isinstance(row.value("title"), str):
            generated = _new_id(str(row.value("title")), ids)
            ids.add(generated)
            cell = row.cells["id"][0] if "id" in row.cells else row.first
            row.cells["id"] = (cell, generated, generated)
        if isinstance(row.value("id"), str):
            index_of.setdefault(str(row.value("id")), place)
    return index_of


@dataclass(slots=True)
class _Row:
    """One row of a table: its first cell, and by key each cell with its value and text."""

    first: Cell
    cells: dict[str, tuple[Cell, object, str | None]]

    def value(self, key: str) -> object:
        found = self.cells.get(key)
        return found[1] if found is not None else None


def _fill(
    doc: SheetDocument, item: dict[str, object], path: Path, row: _Row, skip: tuple[str, ...]
) -> None:
    """The row's values into `item`, each cell placed at its path."""
    figures: dict[str, dict[str, object]] = {}
    for key, (cell, value, raw) in row.cells.items():
        if key in skip:
            continue
        field, dot, metric = key.partition(".")
        if dot:  # `results.sessions`: one figure of a mapping
            doc.add((*path, field, metric), cell, raw)
            if value is not None:
                figures.setdefault(field, {})[metric] = value
            continue
        doc.add((*path, key), cell, raw)
        if value is not None:
            item[key] = value
    item.update(figures)
    if "results" not in figures and "as_of" in row.cells:
        item["results"] = {}  # a progress entry's results are required: an empty row of them


def _with_listed_metrics(lay: Layout, listed: list[tuple[str, str]]) -> Layout:
    """`lay` with a result column for each listed metric it lacks (another catalogue's)."""
    if not listed:
        return lay

    def more(columns: list[Column], fields: tuple[str, ...]) -> list[Column]:
        have = {c.key for c in columns}
        template = next((c for c in columns if c.metric), None)
        added = [
            Column(key, header, "metric")
            for key, header in listed
            if key not in have and key.partition(".")[0] in fields
        ]
        if not added:
            return columns
        at = columns.index(template) if template else len(columns) - 1
        return [*columns[:at], *added, *columns[at:]]

    return replace(
        lay,
        activities=more(lay.activities, ("target", "results")),
        progress=more(lay.progress, ("results",)),
    )


def _put(data: dict[str, object], path: tuple[str, ...], value: object) -> None:
    target = data
    for step in path[:-1]:
        target = target.setdefault(step, {})  # type: ignore[assignment]
    target[path[-1]] = value


def _new_id(title: str, taken: set[str]) -> str:
    """An id made from a new activity's title, unique in the workbook."""
    from tuyengiao.read.validate import slugify

    words = slugify(title).split("-")
    base = ""
    for word in words:
        if len(base) + len(word) + 1 > 40:
            break
        base = f"{base}-{word}" if base else word
    base = base or "hoat-dong"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def iter_cells(doc: SheetDocument) -> Iterator[Cell]:
    """Every placed cell, in the plan's order."""
    yield from doc.cells
