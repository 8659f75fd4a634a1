"""The report as a Word document: `templates/report.docx` rendered by docxtpl.

The template is a .docx with Jinja tags in it (built by
`scripts/build_docx_template.py`); a workspace overrides it by putting its own
`report.docx` in its templates folder, as it does for the .j2 templates. docxtpl
renders it in the report's Jinja sandbox (`tuyengiao.report.templates`), with the
same `report` context, so Word shows the same strings as Markdown and HTML.

What a template cannot say well is done here after rendering: the tables whose
columns come from the model get their figures right-aligned and their columns sized
by content (docxtpl would give every column the same width), and the zip is written
the same way every time (`stable_zip`), with the generator marker near the start of
the file so a later run knows the file is its own.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from docx.opc.exceptions import OpcError
from lxml.etree import LxmlError

from tuyengiao.errors import TuyengiaoError
from tuyengiao.i18n import Messages
from tuyengiao.output import MARKER
from tuyengiao.report import docx_seal
from tuyengiao.report.figures import ReportContext

#: The template's file name, in the built-in folder and in a workspace's.
TEMPLATE = "report.docx"
#: The table style of the tables whose columns the model gives (widths set here).
ANNEX_TABLE_STYLE = "Report Table"
#: A header cell in this paragraph style heads a column of figures; its cells are then
#: given NUMBER_STYLE (right-aligned) here, not by a test in every cell of the template.
NUMERIC_HEADING = "Table Heading Number"
NUMBER_STYLE = "Table Number"
#: The paragraph styles of a group's heading row and of the total row: they tell
#: `_finish_table` which rows to keep with the next one.
GROUP_STYLE = "Table Group"
TOTAL_STYLE = "Table Total"
#: Zip entries' timestamp: the earliest a zip can hold, the same on every run.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: The part carrying the marker, stored uncompressed right after [Content_Types].xml.
CORE = "docProps/core.xml"
CONTENT_TYPES = "[Content_Types].xml"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELATIONSHIPS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
#: Text width of the ND 30 page (210 mm less 30 + 15 mm margins) in twentieths of a point.
TEXT_WIDTH = 9355
#: Twips per character of 12-pt Times New Roman (a digit is 6 pt wide), and what the
#: table style's cell margins take (70 twips each side).
CHAR = 125
HEADING_CHAR = 135
CELL_MARGINS = 150
#: Characters beyond which a cell's text wraps rather than widening its column.
LONG_CELL = 40
#: Rows read to size a table's columns: enough to see its typical content.
SAMPLE_ROWS = 200

#: What opening a file that is not a .docx raises (no zip, no document part, bad XML).
NOT_A_DOCX = (zipfile.BadZipFile, OpcError, LxmlError, KeyError, ValueError, OSError)
#: What a mistaken expression in a template raises (`{{ 1/0 }}`, `{{ x[99] }}`), or XML
#: that a template's tags left broken: the template's fault, reported, not a crash.
TEMPLATE_BUGS = (ArithmeticError, LookupError, TypeError, ValueError, RecursionError, LxmlError)

#: docxtpl's escapes for a tag written as text, and the Jinja string each stands for.
_LITERAL = {
    escaped: f'{{{{ "{tag}" }}}}'
    for escaped, tag in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
}
_LITERAL_TAG = re.compile("|".join(map(re.escape, _LITERAL)))
#: A character docxtpl turns into a Word break, inside a run's text.
_BREAKS = re.compile(r"<w:t[ >][^<]*[\t\n\a\f]")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


class DocxTemplateError(TuyengiaoError):
    """A Word template that is not a .docx, or does not render: exit 2, no file written."""


def render_docx(context: ReportContext, msg: Messages, overrides: Sequence[Path] = ()) -> bytes:
    """The report as the bytes of a .docx file; a bad template raises DocxTemplateError.

    The template is read and checked as the `.j2` ones are (`sealed_read`, then
    `docx_seal`), and rendered under the same budget (`tuyengiao.report.budget`): its
    clock and memory limit hold from opening the zip to the last byte written, past
    them the message is the `.j2` one, naming the file.
    """
    from tuyengiao.report.budget import BudgetExceeded, bounded, over_budget
    from tuyengiao.report.templates import environment

    name, data = template_bytes(overrides, msg)
    try:
        docx_seal.check_package(data)
    except docx_seal.PackageRefusedError as error:
        detail = msg(f"docx.template.limit.{error.kind}", **error.fields)
        raise DocxTemplateError(msg("docx.template.package", name=name, detail=detail)) from None
    _refuse_long_text(context, msg)
    # The HTML environment: XML needs the same escaping of every value put into it.
    env = environment("html", overrides, msg)
    try:
        with bounded(env.meter):
            return _render(name, data, context, msg, env)
    except BudgetExceeded as error:
        raise DocxTemplateError(over_budget(error, msg, name)) from None
    except MemoryError:
        raise DocxTemplateError(msg("safety.template.memory_file", name=name)) from None


def _render(name: str, data: bytes, context: ReportContext, msg: Messages, env: Any) -> bytes:
    from jinja2 import TemplateError

    from tuyengiao.report.templates import TemplateRefusedError, refusal

    try:
        template = _template_class()(BytesIO(data))
        template.init_docx()
    except NOT_A_DOCX as error:
        text = msg("docx.template.invalid", name=name, detail=_detail(error))
        raise DocxTemplateError(text) from None
    try:
        template.render({"report": context}, jinja_env=env, autoescape=True)
    except docx_seal.TagError as error:
        detail = msg(f"docx.template.tag.{error.kind}", tag=error.tag, near=error.near)
        raise DocxTemplateError(msg("docx.template.tags", name=name, detail=detail)) from None
    except TemplateRefusedError as error:  # an `{% include %}` of a file it may not read
        raise DocxTemplateError(refusal(error, msg)) from None
    except TemplateError as error:
        lines = " / ".join(line.strip() for line in getattr(error, "docx_context", ()) if line)
        detail = error.message or type(error).__name__
        text = msg("docx.template.failed", name=name, detail=detail)
        if lines:
            text += "\n" + msg("docx.template.near", text=lines)
        raise DocxTemplateError(text) from None
    except TEMPLATE_BUGS as error:
        detail = f"{type(error).__name__}: {error}"
        raise DocxTemplateError(msg("docx.template.failed", name=name, detail=detail)) from None
    document = template.docx
    _stamp(document, context)
    return docx_bytes(document, template.tables)


def _refuse_long_text(context: ReportContext, msg: Messages) -> None:
    """A text of the plans too long for a Word paragraph: said about that text, up front."""
    from tuyengiao.printable import one_line, shorten

    found = docx_seal.long_text(context)
    if found is None:
        return
    limit = docx_seal.WORD_TEXT_CHARS
    separator = "." if msg.lang == "vi" else ","
    text = msg(
        "docx.text_too_long",
        length=f"{len(found.text):,}".replace(",", separator),
        limit=f"{limit:,}".replace(",", separator),
        field=found.field,
        union=shorten(one_line(found.union), 80) or "?",
        start=shorten(one_line(found.text[:200]), 40),
    )
    raise DocxTemplateError(text)


def _template_class() -> Any:
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):  # type: ignore[misc]
        """docxtpl, with the rendered body parsed in place rather than moved in.

        docxtpl parses the rendered body on its own and moves it into the document:
        lxml then walks every node to re-home it (0.9 s of 1.7 for 1,000 plans).
        Here the model's tables, nine tenths of the text, are finished as text and
        left out of the tree (`take_tables`: a marker stands in for each until the
        file is written); the rest of the part is parsed once and becomes the part.
        The column count of tables grown by `{%tc for %}` loops, which docxtpl
        fixes while it parses, is fixed in `_fix_grids`. Its text rewrite (tabs,
        line and page breaks in values into Word's) runs only where a text has one.
        """

        def __init__(self, template_file: Any) -> None:
            super().__init__(template_file)
            self.tables: list[str] = []

        def fix_tables(self, xml: str) -> Any:
            from docx.oxml import parse_xml
            from lxml import etree

            xml, self.tables = take_tables(xml, TableStyles.of(self.docx))
            outer = etree.tostring(self.docx.element, encoding="unicode")
            start, end = outer.find("<w:body"), outer.rfind("</w:body>")
            if start < 0 or end < 0:  # (not from python-docx): docxtpl's way, on our parser
                body = parse_xml(xml)
                _fix_grids(body)
                return body
            root = parse_xml(outer[:start] + xml + outer[end + len("</w:body>") :])
            return root.body

        def fix_docpr_ids(self, tree: Any) -> None:
            # docxtpl's own uses lxml's xpath(namespaces=…), which python-docx's
            # elements do not take; the same renumbering of drawing ids.
            for node in tree.iter(f"{WP}docPr"):
                self.docx_ids_index += 1
                node.set("id", str(self.docx_ids_index))

        def map_tree(self, tree: Any) -> None:
            root = tree.getparent()
            if root is None:  # the fallback above: docxtpl's own way
                super().map_tree(tree)
                return
            self.docx.part._element = root
            self.docx._element = root
            self.docx._Document__body = None
            _fix_grids(root.body)

        def render_xml_part(
            self, src_xml: str, part: Any, context: Any, jinja_env: Any = None
        ) -> str:
            # docxtpl's own, with the template's text made by `jinja_source` and
            # compiled once per process (`from_text`).
            from jinja2 import TemplateError

            from tuyengiao.report.budget import CHUNK
            from tuyengiao.report.templates import from_text

            src_xml = jinja_source(src_xml)
            try:
                self.current_rendering_part = part
                stream = from_text(jinja_env, src_xml).generate(context)
                dst_xml = "".join(jinja_env.meter.chunks(stream, CHUNK))
            except TemplateError as error:
                line = getattr(error, "lineno", None)
                lines = src_xml.splitlines()
                if line is not None and 0 < line <= len(lines):  # its paragraph's text
                    setattr(error, "docx_context", [re.sub(r"<[^>]+>", "", lines[line - 1])])  # noqa: B010
                raise
            dst_xml = dst_xml.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")
            return self.resolve_listing(dst_xml)

        def patch_xml(self, src_xml: str) -> str:
            # Tags that open and close in turn keep docxtpl's expressions linear.
            docx_seal.check_tags(src_xml)
            return str(super().patch_xml(src_xml))

        def resolve_listing(self, xml: str) -> str:
            if _BREAKS.search(xml) is None:
                return xml
            return str(super().resolve_listing(xml))

    return Template


def jinja_source(xml: str) -> str:
    """A part of the Word template, patched by docxtpl, as the Jinja template it renders.

    docxtpl's two regular expressions over every paragraph (`<w:p([ >])` to and from a
    line of its own, which keeps Jinja's line numbers) as the plain replacements they
    amount to: 0.2 s on 1,000 plans. docxtpl's escapes for a literal tag (`{_{` for
    `{{`…) become Jinja strings here, in the template, so that plan text is never
    rewritten: docxtpl replaced them in the output, and `{_{ 7*7 }_}` in a plan came
    out as `{{ 7*7 }}`.
    """
    xml = xml.replace("<w:p>", "\n<w:p>").replace("<w:p ", "\n<w:p ")
    return _LITERAL_TAG.sub(lambda tag: _LITERAL[tag.group()], xml)


def precompile(overrides: Sequence[Path], msg: Messages) -> None:
    """Compile the built-in Word template's parts ahead of the render (`report` does it
    while its workers check the plans): 0.02 s, and the import of python-docx, docxtpl
    and lxml, 0.1 s. Not a workspace's own template: that one is read, checked and
    compiled when it is rendered, under the render's budget.
    """
    from tuyengiao.report.folders import builtin_templates
    from tuyengiao.report.templates import environment, from_text

    if any(os.path.lexists(folder / TEMPLATE) for folder in overrides):
        return
    template = _template_class()(BytesIO(builtin_templates().joinpath(TEMPLATE).read_bytes()))
    template.init_docx()
    env = environment("html", (), msg)
    from_text(env, jinja_source(template.patch_xml(template.get_xml())))
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _, part in template.get_headers_footers(uri):
            from_text(env, jinja_source(template.patch_xml(template.get_part_xml(part))))


def _fix_grids(body: Any) -> None:
    """As many grid columns as a table's first row has cells (docxtpl's fix_tables)."""
    from docx.oxml import OxmlElement

    for table in body.iter(f"{W}tbl"):
        grid = table.find(f"{W}tblGrid")
        row = table.find(f"{W}tr")
        if grid is None or row is None:
            continue
        count = 0
        for cell in row.findall(f"{W}tc"):
            span = cell.find(f"{W}tcPr/{W}gridSpan")
            count += int(span.get(f"{W}val", "1")) if span is not None else 1
        columns = grid.findall(f"{W}gridCol")
        if count == len(columns) or count == 0:
            continue
        total = sum(int(column.get(f"{W}w", "0")) for column in columns) or TEXT_WIDTH
        for column in columns:
            grid.remove(column)
        for width in _spread(total, [1] * count):
            column = OxmlElement("w:gridCol")
            column.set(f"{W}w", str(width))
            grid.append(column)


def template_bytes(overrides: Sequence[Path], msg: Messages) -> tuple[str, bytes]:
    """The template to use (the first override folder's `report.docx`, else the built-in one).

    Read as every template is (`sealed_read`): from inside its folder, a regular file of
    at most MAX_DOCX_BYTES. Anything else at that name (a FIFO, a link to `/dev/zero`,
    to nothing or out of the folder) is refused with exit 2, never replaced by the
    built-in template without a word.
    """
    from tuyengiao.report.folders import builtin_templates
    from tuyengiao.report.templates import TemplateRefusedError, refusal, sealed_read

    for folder in overrides:
        try:
            data = sealed_read(folder, TEMPLATE, docx_seal.MAX_DOCX_BYTES)
        except TemplateRefusedError as error:
            raise DocxTemplateError(refusal(error, msg)) from None
        if data is not None:
            return (folder / TEMPLATE).as_posix(), data
    return TEMPLATE, builtin_templates().joinpath(TEMPLATE).read_bytes()


def _detail(error: Exception) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _stamp(document: Any, context: ReportContext) -> None:
    """The marker, and the document's dates on the issue day (not the clock: reproducible)."""
    core = document.core_properties
    core.comments = MARKER
    core.created = core.modified = datetime.combine(context.dated, time())


@dataclass(frozen=True)
class TableStyles:
    """The style ids that mark the model's tables and their columns of figures."""

    table: str
    numeric_heading: str | None
    number: str | None
    group: str | None = None
    total: str | None = None

    @classmethod
    def of(cls, document: Any) -> TableStyles | None:
        """The template's ids; None when it has no `Report Table` style (nothing to do)."""
        table = _style_id(document, ANNEX_TABLE_STYLE)
        if table is None:
            return None
        return cls(
            table,
            _style_id(document, NUMERIC_HEADING),
            _style_id(document, NUMBER_STYLE),
            _style_id(document, GROUP_STYLE),
            _style_id(document, TOTAL_STYLE),
        )


def _style_id(document: Any, name: str) -> str | None:
    """The id of the style called `name`, or None when the template has no such style."""
    try:
        return str(document.styles[name].style_id)
    except KeyError:
        return None


_TABLE_TAG = re.compile(r"<w:tbl(?=[ >])|</w:tbl>")
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_PARAGRAPH_STYLE = re.compile(r'<w:pStyle w:val="[^"]*"/>')
_GRID = re.compile(r"<w:tblGrid>.*?</w:tblGrid>|<w:tblGrid/>", re.S)
#: What stands in the parsed document for the n-th table finished as text.
MARKER_TABLE = "<w:tbl><!--tuyengiao-table-{}--></w:tbl>"
_MARKER_TABLE = re.compile(rb"<w:tbl><!--tuyengiao-table-(\d+)--></w:tbl>")


def take_tables(xml: str, styles: TableStyles | None) -> tuple[str, list[str]]:
    """The rendered body with each model table replaced by a marker, and the tables.

    A model table (style `Report Table`, no table inside) is finished here as text:
    figures right-aligned, columns sized by content. Its thousands of rows never
    become lxml elements, which would take about 200 bytes each of memory and time.
    """
    if styles is None:
        return xml, []
    mark = f'<w:tblStyle w:val="{styles.table}"/>'
    pieces: list[str] = []
    tables: list[str] = []
    depth = start = last = 0
    for tag in _TABLE_TAG.finditer(xml):
        if tag.group() != "</w:tbl>":
            depth, start = depth + 1, (tag.start() if depth == 0 else start)
            continue
        depth -= 1
        if depth < 0:  # unbalanced (not XML a renderer could have made): leave it be
            return xml, []
        if depth:
            continue
        span = xml[start : tag.end()]
        head = span[: span.find("<w:tr")]
        if mark not in head or len(_TABLE_TAG.findall(span)) != 2:
            continue
        pieces += [xml[last:start], MARKER_TABLE.format(len(tables))]
        tables.append(_finish_table(span, styles))
        last = tag.end()
    pieces.append(xml[last:])
    return "".join(pieces), tables


def _finish_table(table: str, styles: TableStyles) -> str:
    """One model table: grid columns sized by content, its figures' cells right-aligned.

    Rows and cells are cut out with `str.find` (`elements`), each row's cells once:
    the same spans as the regular expressions `<w:tr[ >].*?</w:tr>` and
    `<w:tc[ >].*?</w:tc>` (tests/test_docx.py holds them equal), which scanned the
    12 MB body character by character, three times a row. 1,000 plans, `take_tables`:
    0.30 s → 0.16 s (CPU, in-process, best of 5).
    """
    rows = elements(table, "w:tr")
    if not rows:
        return table
    row_texts = [table[start:end] for start, end in rows]
    row_cells = [_cells(row) for row in row_texts]
    header = row_cells[0]
    count = len(header)
    texts = [["".join(_TEXT.findall(cell)) for cell in header]]
    for cells in row_cells[1 : SAMPLE_ROWS + 1]:
        if len(cells) == count:  # not a group's heading row
            texts.append(["".join(_TEXT.findall(cell)) for cell in cells])
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in _widths(texts, count))
    out = [_GRID.sub(f"<w:tblGrid>{grid}</w:tblGrid>", table[: rows[0][0]], count=1)]
    numeric = {
        index
        for index, cell in enumerate(header)
        if styles.numeric_heading and f'w:val="{styles.numeric_heading}"' in cell
    }
    number = f'<w:pStyle w:val="{styles.number}"/>'
    pairs = list(zip(row_texts, row_cells, strict=True))
    keep = _kept_rows([_row_kind(row, len(cells), count, styles) for row, cells in pairs])
    position = rows[0][0]
    for index, ((start, end), (row, cells)) in enumerate(zip(rows, pairs, strict=True)):
        out.append(table[position:start])
        text = row
        if index and numeric and styles.number:
            text = _right_align(text, cells, count, numeric, number)
        if index in keep:
            text = _KEEP.sub(r"\1<w:keepNext/>", text)
        out.append(text)
        position = end
    out.append(table[position:])
    return "".join(out)


def elements(text: str, name: str) -> list[tuple[int, int]]:
    """Where the elements `name` of `text` start and end, as the regular expression
    `<name[ >].*?</name>` (DOTALL) finds them: elements of that name do not nest in a
    model table (it has no table inside)."""
    opening, closing = f"<{name}", f"</{name}>"
    found: list[tuple[int, int]] = []
    position = 0
    while True:
        start = text.find(opening, position)
        if start < 0:
            return found
        after = start + len(opening)
        if text[after : after + 1] not in (" ", ">"):  # `<w:trPr>`, `<w:tcW …>`
            position = after
            continue
        end = text.find(closing, after + 1)
        if end < 0:
            return found
        position = end + len(closing)
        found.append((start, position))


def _cells(row: str) -> list[str]:
    """The row's cells (`<w:tc>…</w:tc>`), as `elements` finds them."""
    return [row[start:end] for start, end in elements(row, "w:tc")]


#: A paragraph's style, to put "keep with next" right after it (the schema's order).
_KEEP = re.compile(r'(<w:pStyle w:val="[^"]*"/>)(?!<w:keepNext/>)')


def _row_kind(row: str, cells: int, count: int, styles: TableStyles) -> str:
    """`group`, `total` or `data`, from the row's paragraph style and its `cells`."""
    if styles.group and f'w:val="{styles.group}"' in row:
        return "group"
    if styles.total and f'w:val="{styles.total}"' in row:
        return "total"
    return "data" if cells == count else "group"


def _kept_rows(kinds: list[str]) -> set[int]:
    """The rows kept with the next one, so that no page starts with a total row or a
    group's last row alone, and none ends with a header, a group row or one row alone.

    Row 0 is the header (repeated on each page: its own style keeps it with row 1).
    """
    keep: set[int] = set()
    last = len(kinds) - 1
    for index in range(1, last):
        kind, after = kinds[index], kinds[index + 1]
        if kind == "group" or after == "total":
            keep.add(index)
        elif kind == "data" and after == "data":
            before = kinds[index - 1]
            second_to_last = index + 1 == last or kinds[index + 2] != "data"
            if index == 1 or before == "group" or second_to_last:
                keep.add(index)
    return keep


def _right_align(row: str, cells: list[str], count: int, columns: set[int], style: str) -> str:
    """The row with its cells of the given columns in the right-aligned paragraph style."""
    if len(cells) != count:  # a group's heading row
        return row
    start = row.find("<w:tc")
    if len(row) - start - len("</w:tr>") != sum(map(len, cells)):  # more than cells inside
        return row
    cells = list(cells)
    for column in columns:
        cells[column] = _PARAGRAPH_STYLE.sub(style, cells[column], count=1)
    return row[:start] + "".join(cells) + "</w:tr>"


def _widths(rows: list[list[str]], count: int) -> list[int]:
    """Column widths summing to TEXT_WIDTH, from the header's and the first rows' text.

    A column is at least as wide as its longest word (a date or a figure never
    breaks); what is left goes to the columns whose text runs longer than that.
    """
    least = [1] * count
    want = [1] * count
    for index, row in enumerate(rows):
        for column, text in enumerate(row):
            word = max((len(part) for part in text.split()), default=1)
            if not index:  # headers are bold: wider letters
                word = -(-word * HEADING_CHAR // CHAR)
            least[column] = max(least[column], word)
            if index:  # a header may wrap over lines; cells should not, up to a point
                want[column] = max(want[column], min(len(text), LONG_CELL))
    least_twips = [CHAR * chars + CELL_MARGINS for chars in least]
    if sum(least_twips) >= TEXT_WIDTH:
        return _spread(TEXT_WIDTH, least_twips)
    extra = [max(0, need - chars) for need, chars in zip(want, least, strict=True)]
    if not any(extra):
        extra = least_twips
    spare = TEXT_WIDTH - sum(least_twips)
    return [base + share for base, share in zip(least_twips, _spread(spare, extra), strict=True)]


def _spread(width: int, weights: list[int]) -> list[int]:
    """`width` shared in proportion to `weights`, the rounding left on the last one."""
    total = sum(weights)
    widths = [width * weight // total for weight in weights]
    widths[-1] += width - sum(widths)
    return widths


#: The order WordprocessingML's schema gives the children of these property elements:
#: Word refuses a file ("unreadable content") where they come in another order.
ORDER = {
    f"{W}tblPr": (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW"
        " jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption"
        " tblDescription tblPrChange"
    ),
    f"{W}pPr": (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr"
        " suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap"
        " overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid"
        " spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection"
        " textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
    ),
    f"{W}trPr": (
        "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader"
        " tblCellSpacing jc hidden ins del trPrChange"
    ),
}


def put_in_order(parent: Any, child: Any) -> Any:
    """Insert `child` into `parent` where the schema's order puts it; return it."""
    order = [f"{W}{name}" for name in ORDER[parent.tag].split()]
    rank = order.index(child.tag)
    for sibling in parent:
        if sibling.tag in order and order.index(sibling.tag) > rank:
            sibling.addprevious(child)
            return child
    parent.append(child)
    return child


def docx_bytes(document: Any, tables: Sequence[str] = ()) -> bytes:
    """A python-docx document as the bytes of its .docx file, the same on every run.

    What python-docx's `save` writes, part for part, but zipped once and the same way
    every time (`stable_zip`) rather than zipped, unzipped and zipped again; `tables`
    are the texts `take_tables` left markers for, put back as the part is zipped.
    """
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    files: dict[str, bytes | list[bytes]] = {
        CONTENT_TYPES: _content_types(parts),
        "_rels/.rels": package.rels.xml,
    }
    for part in parts:
        blob: bytes = part.blob
        if part is document.part and tables:
            # text, index, text, index, …, text: each index the table that goes there
            chunks = _MARKER_TABLE.split(blob)
            files[part.partname.membername] = [
                tables[int(chunk)].encode("utf-8") if index % 2 else chunk
                for index, chunk in enumerate(chunks)
            ]
        else:
            files[part.partname.membername] = blob
        if len(part.rels):
            files[part.partname.rels_uri.membername] = part.rels.xml
    return stable_zip(files)


def _content_types(parts: list[Any]) -> bytes:
    """`[Content_Types].xml`: every part named with its type (an Override each)."""
    rows = [
        f"<Override PartName={quoteattr(str(part.partname))}"
        f" ContentType={quoteattr(part.content_type)}/>"
        for part in sorted(parts, key=lambda part: str(part.partname))
    ]
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Types xmlns="{CONTENT_TYPES_NS}">'
        f'<Default Extension="rels" ContentType="{RELATIONSHIPS_TYPE}"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
    )
    return (head + "".join(rows) + "</Types>").encode("utf-8")


def stable_zip(files: Mapping[str, bytes | list[bytes]]) -> bytes:
    """The parts of a .docx zipped the same way every time.

    Fixed timestamps and sorted entries make equal documents equal bytes;
    `[Content_Types].xml` stays first and `docProps/core.xml` (which carries the
    generator marker) comes next, uncompressed, inside the first 4 KiB that
    `tuyengiao.output.is_ours` reads.
    """
    first = [name for name in (CONTENT_TYPES, CORE) if name in files]
    order = first + sorted(name for name in files if name not in first)
    out = BytesIO()
    with zipfile.ZipFile(out, "w", compresslevel=6) as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name == CORE else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            content = files[name]
            with target.open(info, "w") as stream:  # chunks one by one: no joined copy
                for chunk in [content] if isinstance(content, bytes) else content:
                    stream.write(chunk)
    return out.getvalue()
