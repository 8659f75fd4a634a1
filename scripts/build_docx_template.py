"""Build `templates/report.docx`, the built-in Word template of `report --format docx`.

    python scripts/build_docx_template.py           # write templates/report.docx
    python scripts/build_docx_template.py --check   # exit 1 if the file differs from a build

The template is a Word document with docxtpl's Jinja tags in it: `{{ … }}` in a run,
`{%p … %}` on a paragraph of its own (the paragraph goes, the tag stays), `{%tr … %}`
on a table row and `{%tc … %}` in a cell. It reads only `report.document`, the
report's ready-to-print strings (`tuyengiao.report.document.Document`), and `t(key)`
for the few fixed labels. A workspace replaces it with its own letterhead by saving
an edited copy as `templates/report.docx`.

The page is the one of Nghị định 30/2020/NĐ-CP, Phụ lục I: A4 portrait, margins top
and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt everywhere (the
theme fonts too, with the East Asian and complex-script slots, so no Vietnamese
letter falls to another face); the header block a borderless two-column table with
its short rules; page numbers centred in the top margin from page 2 on.

The output is the same bytes on every run (fixed document dates, fixed zip
timestamps, sorted entries: `tuyengiao.report.docx.docx_bytes`), so the committed
file is reviewable as "what this script builds" and a test checks it is.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from datetime import datetime
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tuyengiao.report.docx import (  # noqa: E402
    ANNEX_TABLE_STYLE,
    GROUP_STYLE,
    NUMBER_STYLE,
    NUMERIC_HEADING,
    TOTAL_STYLE,
    docx_bytes,
    put_in_order,
)
from tuyengiao.report.docx import TEXT_WIDTH as TEXT_TWIPS  # noqa: E402

TARGET = REPO / "templates" / "report.docx"
FONT = "Times New Roman"
#: A fixed day for the document's own dates, so the build is reproducible.
BUILT = datetime(2022, 1, 1)
#: Text width: 210 mm less the 30 mm and 15 mm side margins.
TEXT_WIDTH = Mm(165)
#: The header block reaches 12 mm into the left margin, as offices set it, so that the
#: parent body and the national motto each fit on one line.
HEADER_INDENT = Mm(12)
LEFT_COLUMN = Mm(85)
RIGHT_COLUMN = TEXT_WIDTH + HEADER_INDENT - LEFT_COLUMN

Container = DocumentObject | _Cell


def build() -> bytes:
    """The template as the bytes of a .docx file."""
    doc = Document()
    _drop_thumbnail(doc)
    _page(doc)
    _fonts(doc)
    _styles(doc)
    _page_numbers(doc)
    _clear(doc)
    _header_block(doc)
    _title(doc)
    _sections(doc)
    _signature(doc)
    _annex(doc)
    _properties(doc)
    return docx_bytes(doc)


# --- the page, fonts and styles ---


def _drop_thumbnail(doc: DocumentObject) -> None:
    """Parts of python-docx's default file that describe another document."""
    rels = doc.part.package.rels
    for key, rel in list(rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            rels.pop(key)
    # Word 2010's copy of the styles, still Calibri and blue: later Words ignore it.
    for key, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.rels.pop(key)


def _page(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)


def _fonts(doc: DocumentObject) -> None:
    """Times New Roman in every slot of the defaults and the theme, Vietnamese as language."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    assert defaults is not None
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(run)
    for tag, value in (("w:sz", "28"), ("w:szCs", "28")):
        run.find(qn(tag)).set(qn("w:val"), value)
    lang = run.find(qn("w:lang"))
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    paragraph = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = paragraph.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    theme = doc.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    xml = theme.blob.decode("utf-8")
    for face in ("Calibri", "Cambria", "Times New Roman"):
        xml = xml.replace(f'<a:latin typeface="{face}"/>', f'<a:latin typeface="{FONT}"/>')
    xml = xml.replace('<a:ea typeface=""/>', f'<a:ea typeface="{FONT}"/>')
    xml = xml.replace('<a:cs typeface=""/>', f'<a:cs typeface="{FONT}"/>')
    theme._blob = xml.encode("utf-8")


def _set_fonts(run_properties: BaseOxmlElement) -> None:
    """Explicit faces in all four slots (Word reads `w:eastAsia`/`w:cs` for some letters)."""
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _styles(doc: DocumentObject) -> None:
    """Plain black Times New Roman styles: body 14 pt justified, headings bold.

    python-docx's default file brings about a hundred coloured table styles set in
    the theme's fonts: they go, so Word's style gallery offers only this report's.
    """
    element = doc.styles.element
    for style in element.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) != "TableNormal":
            element.remove(style)
    for fonts in list(element.iter(qn("w:rFonts"))):
        parent = fonts.getparent()
        if parent.getparent() is not None and parent.getparent().tag == qn("w:rPrDefault"):
            continue
        _set_fonts(parent)
    for color in list(element.iter(qn("w:color"))):
        color.getparent().remove(color)
    normal = doc.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _set_fonts(normal.element.get_or_add_rPr())
    body = _paragraph_style(doc, "Body Text", size=14)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.first_line_indent = Mm(10)
    body.paragraph_format.space_before = Pt(3)
    body.paragraph_format.space_after = Pt(3)
    body.paragraph_format.line_spacing = 1.15
    for level, size in ((1, 14), (2, 14), (3, 14)):
        heading = _paragraph_style(doc, f"Heading {level}", size=size, bold=True)
        heading.font.italic = level == 3
        heading.paragraph_format.space_before = Pt(6)
        heading.paragraph_format.space_after = Pt(3)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        heading.paragraph_format.first_line_indent = Mm(10)
    cell = _paragraph_style(doc, "Table Text", size=12)
    cell.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    number = _paragraph_style(doc, NUMBER_STYLE, size=12)
    number.base_style = cell
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    head = _paragraph_style(doc, "Table Heading", size=12, bold=True)
    head.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.paragraph_format.keep_with_next = True
    # The same look; it marks a column of figures, which are then set right-aligned.
    numeric = _paragraph_style(doc, NUMERIC_HEADING, size=12, bold=True)
    numeric.base_style = head
    # A group's heading row keeps with the row under it (`tuyengiao.report.docx` also
    # keeps a table's first, second-to-last and before-total rows with the next).
    group = _paragraph_style(doc, GROUP_STYLE, size=12, bold=True)
    group.base_style = cell
    group.font.italic = True
    group.paragraph_format.keep_with_next = True
    total = _paragraph_style(doc, TOTAL_STYLE, size=12, bold=True)
    total.base_style = cell
    note = _paragraph_style(doc, "Table Note", size=12)
    note.font.italic = True
    note.paragraph_format.space_after = Pt(2)
    header = _paragraph_style(doc, "Header", size=14)
    header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _table_style(doc)


def _paragraph_style(
    doc: DocumentObject, name: str, *, size: int, bold: bool = False
) -> ParagraphStyle:
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
    assert isinstance(style, ParagraphStyle)
    style.font.name = FONT
    _set_fonts(style.element.get_or_add_rPr())
    style.font.size = Pt(size)
    style.font.bold = bold
    style.quick_style = True
    return style


def _table_style(doc: DocumentObject) -> None:
    """The annex tables' style: single black borders all round and inside, small cell margins."""
    style = doc.styles.add_style(ANNEX_TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    props = style.element.find(qn("w:tblPr"))
    if props is None:
        props = OxmlElement("w:tblPr")
        style.element.append(props)
    props.append(_borders("w:tblBorders", "single"))
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 30), ("left", 70), ("bottom", 30), ("right", 70)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(width))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    props.append(margins)


def _borders(tag: str, kind: str) -> BaseOxmlElement:
    borders = OxmlElement(tag)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), kind)
        if kind != "nil":
            edge.set(qn("w:sz"), "4")
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), "000000")
        borders.append(edge)
    return borders


def _page_numbers(doc: DocumentObject) -> None:
    """A centred PAGE field in the top margin of every page but the first."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].text = ""
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = doc.styles["Header"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2")):
        run = paragraph.add_run()
        if kind is not None:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        elif text == "PAGE":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = " PAGE "
            run._r.append(instruction)
        else:
            run.text = text
    end = paragraph.add_run()
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), "end")
    end._r.append(mark)


def _properties(doc: DocumentObject) -> None:
    core = doc.core_properties
    core.author = "tuyengiao"
    core.last_modified_by = "tuyengiao"
    core.title = "Báo cáo kết quả công tác Tuyên giáo Công đoàn"
    core.subject = ""
    core.comments = "Mẫu báo cáo của tuyengiao (scripts/build_docx_template.py)"
    core.keywords = ""
    core.category = ""
    core.created = core.modified = core.last_printed = BUILT
    core.revision = 1
    core.language = "vi-VN"


# --- building blocks ---


def _clear(doc: DocumentObject) -> None:
    """python-docx's default file has one empty paragraph: start from none."""
    body = doc.element.body
    for paragraph in body.findall(qn("w:p")):
        body.remove(paragraph)


def _para(
    where: Container,
    text: str = "",
    *,
    style: str | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    keep: bool = False,
    highlight: bool = False,
) -> Paragraph:
    paragraph = where.add_paragraph(style=style)
    if align is not None:
        paragraph.alignment = align
    if keep:
        paragraph.paragraph_format.keep_with_next = True
    if text:
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if size is not None:
            run.font.size = Pt(size)
        if highlight:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return paragraph


def _tag(where: Container, tag: str) -> None:
    """A paragraph holding only a `{%p … %}` tag: docxtpl removes it, keeps the tag."""
    where.add_paragraph(f"{{%p {tag} %}}")


def _rule(where: Container, *, indent: float) -> None:
    """A short horizontal rule: the top border of an empty, indented, 2-pt paragraph."""
    paragraph = _para(where, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Mm(indent)
    paragraph.paragraph_format.space_before = Pt(2)
    props = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1")):
        top.set(qn(name), value)
    top.set(qn("w:color"), "000000")
    border.append(top)
    put_in_order(props, border)
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    put_in_order(props, mark)


def _frame_table(where: DocumentObject, widths: tuple[int, int], rows: int) -> Table:
    """A borderless two-column table of fixed widths (the header block, the signature)."""
    table: Table = where.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    props = table._tbl.tblPr
    put_in_order(props, _borders("w:tblBorders", "nil"))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    put_in_order(props, layout)
    margins = OxmlElement("w:tblCellMar")  # narrow: the motto must fit on one line
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "30")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    put_in_order(props, margins)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    for cell in table._cells:
        _empty(cell)
    return table


def _empty(cell: _Cell) -> None:
    """Drop the empty paragraph python-docx puts in a new cell (content is added after)."""
    for paragraph in cell._tc.findall(qn("w:p")):
        cell._tc.remove(paragraph)


def _cant_split(table: Table, *, header: bool = False) -> None:
    for row in table.rows[:1] if header else table.rows:
        props = row._tr.get_or_add_trPr()
        put_in_order(props, OxmlElement("w:cantSplit"))
        if header:
            put_in_order(props, OxmlElement("w:tblHeader"))


# --- the document ---

CENTER = WD_ALIGN_PARAGRAPH.CENTER
DOC = "report.document"
#: Stand-ins, in `_table`'s row list, for the cells it writes in full.
HEADER_CELL, ROW_CELL, TOTAL_CELL = "<header>", "<cell>", "<total>"


def _header_block(doc: DocumentObject) -> None:
    """Parent and issuing body | national motto; Số | place and date (ND 30, Phụ lục I)."""
    opening = f"{DOC}.opening"
    table = _frame_table(doc, (LEFT_COLUMN, RIGHT_COLUMN), rows=2)
    table.alignment = None
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(-HEADER_INDENT.twips))
    indent.set(qn("w:type"), "dxa")
    put_in_order(table._tbl.tblPr, indent)
    left, right = table.rows[0].cells
    _para(left, f"{{{{ {opening}.parent }}}}", align=CENTER, size=12)
    _para(left, f"{{{{ {opening}.issuer }}}}", align=CENTER, size=12, bold=True)
    _rule(left, indent=22)
    _para(right, f"{{{{ {opening}.nation }}}}", align=CENTER, size=12, bold=True)
    _para(right, f"{{{{ {opening}.motto }}}}", align=CENTER, size=13, bold=True)
    _rule(right, indent=20)
    number, place = table.rows[1].cells
    _para(number, f"{{{{ {opening}.number }}}}", align=CENTER, size=13)
    _para(place, f"{{{{ {opening}.place_date }}}}", align=CENTER, size=14, italic=True)
    for cell in table.rows[1].cells:
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)


def _title(doc: DocumentObject) -> None:
    opening = f"{DOC}.opening"
    kind = _para(doc, f"{{{{ {opening}.kind }}}}", align=CENTER, bold=True, size=14, keep=True)
    kind.paragraph_format.space_before = Pt(18)
    subject = _para(doc, f"{{{{ {opening}.subject }}}}", align=CENTER, bold=True, keep=True)
    subject.paragraph_format.space_after = Pt(3)
    _rule(doc, indent=62)


def _sections(doc: DocumentObject) -> None:
    """The body: `report.document.blocks` in order, each set by its kind.

    The blocks are the one place the order, the placeholders and what is left out are
    decided (`tuyengiao.report.blocks`): this template only places them.
    """
    _tag(doc, f"for block in {DOC}.blocks")
    _tag(doc, 'if block.kind == "heading" and block.level == 1')
    _para(doc, "{{ block.text }}", style="Heading 1")
    _tag(doc, 'elif block.kind == "heading" and block.level == 2')
    _para(doc, "{{ block.text }}", style="Heading 2")
    _tag(doc, 'elif block.kind == "heading"')
    _para(doc, "{{ block.text }}", style="Heading 3")
    _tag(doc, 'elif block.kind == "text"')
    _para(doc, "{{ block.text }}", style="Body Text")
    _tag(doc, 'elif block.kind == "closing"')
    closing = _para(doc, "{{ block.text }}", style="Body Text")
    closing.paragraph_format.space_before = Pt(6)
    _tag(doc, 'elif block.kind == "placeholder"')
    _para(doc, "{{ block.text }}", style="Body Text", bold=True, highlight=True)
    _tag(doc, 'elif block.kind == "label"')
    _para(doc, "{{ block.text }}", style="Body Text", italic=True, keep=True)
    _tag(doc, 'elif block.kind == "item"')
    item = _para(doc, "- ", style="Body Text")
    lead = item.add_run("{{ block.lead ~ ' ' if block.lead else '' }}")
    lead.bold = True
    item.add_run("{{ block.text }}")
    _tag(doc, 'elif block.kind == "table"')
    _table(doc, "block.table")
    _tag(doc, "endif")
    _tag(doc, "endfor")


def _signature(doc: DocumentObject) -> None:
    """Nơi nhận (left) and the signature (right), one unsplittable row kept together."""
    signature = f"{DOC}.signature"
    spacer = _para(doc, keep=True)
    spacer.paragraph_format.space_before = Pt(6)
    table = _frame_table(doc, (Mm(80), TEXT_WIDTH - Mm(80)), rows=1)
    left, right = table.rows[0].cells
    label = _para(left, f"{{{{ {signature}.recipients_label }}}}", bold=True, italic=True, size=12)
    label.paragraph_format.keep_with_next = True
    _tag(left, f"for line in {signature}.recipients")
    _para(left, "{{ line }}", size=11, keep=True)
    _tag(left, "endfor")
    _tag(right, f"if {signature}.on_behalf")
    _para(right, f"{{{{ {signature}.on_behalf }}}}", align=CENTER, bold=True, keep=True)
    _tag(right, "endif")
    _tag(right, f"for line in {signature}.title")
    _para(right, "{{ line }}", align=CENTER, bold=True, keep=True)
    _tag(right, "endfor")
    for _ in range(4):  # room to sign and stamp
        _para(right, keep=True)
    _tag(right, f"if {signature}.name")
    _para(right, f"{{{{ {signature}.name }}}}", align=CENTER, bold=True)
    _tag(right, "endif")
    _cant_split(table)


def _annex(doc: DocumentObject) -> None:
    """Each annex table on a new page: "Phụ lục N", its name, the "Kèm theo" line, the table."""
    _tag(doc, f"for table in {DOC}.annex.tables")
    _table(doc, "table", annex=True)
    _tag(doc, "endfor")
    _para(doc)  # Word ends a document with a paragraph, not a table


def _annex_head(doc: DocumentObject) -> None:
    """ "Phụ lục N" at the top of a new page, the annex's name, its "Kèm theo" line."""
    label = _para(doc, "{{ table.label }}", align=CENTER, bold=True, keep=True)
    label.paragraph_format.page_break_before = True
    _para(doc, "{{ table.title }}", align=CENTER, bold=True, keep=True)
    attached = _para(doc, "{{ table.attached }}", align=CENTER, italic=True, keep=True)
    attached.paragraph_format.space_after = Pt(6)


def _table(doc: DocumentObject, expression: str, *, annex: bool = False) -> None:
    """A model `Table`: header row repeated on each page, group rows, rows, a total row.

    Columns come from the model (`{%tc for %}`), so one Word table serves every table;
    `tuyengiao.report.docx` sets the column widths after rendering. docxtpl replaces a
    row holding a `{%tr … %}` tag by the tag alone, so each tag has a row of its own.
    """
    _tag(doc, f"with table = {expression}")
    if annex:
        _annex_head(doc)
    _tag(doc, "if table.rows")
    rows: list[tuple[str, ...]] = [
        ("{%tc for column in table.columns %}", HEADER_CELL, "{%tc endfor %}"),
        ("{%tr for group in table.groups %}",),
        ("{%tr if group.label %}",),
        ("{% colspan table.columns|length %}{{ group.label }}",),
        ("{%tr endif %}",),
        ("{%tr for row in group.rows %}",),
        ("{%tc for cell in row %}", ROW_CELL, "{%tc endfor %}"),
        ("{%tr endfor %}",),
        ("{%tr endfor %}",),
        ("{%tr if table.total %}",),
        ("{%tc for cell in table.total %}", TOTAL_CELL, "{%tc endfor %}"),
        ("{%tr endif %}",),
    ]
    table = doc.add_table(rows=len(rows), cols=3)
    table.style = doc.styles[ANNEX_TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # As wide as the text, fixed: Word and LibreOffice then draw the same columns.
    props = table._tbl.tblPr
    width = props.find(qn("w:tblW"))
    width.set(qn("w:w"), str(TEXT_TWIPS))
    width.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    put_in_order(props, layout)
    for row, texts in zip(table.rows, rows, strict=True):
        cells = row.cells
        if len(texts) == 1:  # a tag row, or the group's heading across the whole width
            merged = cells[0].merge(cells[2])
            _empty(merged)
            style = GROUP_STYLE if "group.label" in texts[0] else "Table Text"
            _para(merged, texts[0], style=style)
            continue
        for cell, text in zip(cells, texts, strict=True):
            _empty(cell)
            if text == HEADER_CELL:  # the heading says whether its column holds figures
                _tag(cell, "if column.numeric")
                _para(cell, "{{ column.label }}", style=NUMERIC_HEADING)
                _tag(cell, "else")
                _para(cell, "{{ column.label }}", style="Table Heading")
                _tag(cell, "endif")
            elif text == ROW_CELL:
                _para(cell, "{{ cell }}", style="Table Text")
            elif text == TOTAL_CELL:
                _para(cell, "{{ cell }}", style=TOTAL_STYLE)
            else:
                _para(cell, text, style="Table Text")
    # Cell widths come from the grid (set after rendering): thousands of cells, less XML.
    for cell in table._cells:
        props = cell._tc.tcPr
        if props is not None:
            for width in props.findall(qn("w:tcW")):
                props.remove(width)
            if len(props) == 0:
                cell._tc.remove(props)
    _cant_split(table, header=True)
    for row in table.rows[1:]:
        put_in_order(row._tr.get_or_add_trPr(), OxmlElement("w:cantSplit"))
    _after_table(doc)


def _after_table(doc: DocumentObject) -> None:
    """The legend under a table with rows; else what the table says when it has none."""
    _tag(doc, "for line in table.legend")
    _para(doc, "{{ line }}", style="Table Note")
    _tag(doc, "endfor")
    _tag(doc, "else")
    _tag(doc, "if table.empty")
    _para(doc, "{{ table.empty }}", style="Body Text", italic=True)
    _tag(doc, "endif")
    _tag(doc, "endif")
    _tag(doc, "endwith")


def _parts(data: bytes) -> list[tuple[str, bytes]]:
    """The entries of a zip, uncompressed: another zlib may compress them differently."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def main(argv: list[str] | None = None) -> int:
    """Write the template, or with --check say whether the committed one is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    data = build()
    if args.check:
        if not TARGET.is_file() or _parts(TARGET.read_bytes()) != _parts(data):
            print(f"{TARGET.relative_to(REPO)} is not what this script builds", file=sys.stderr)
            return 1
        return 0
    TARGET.write_bytes(data)
    print(f"wrote {TARGET.relative_to(REPO)} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
