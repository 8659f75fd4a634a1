"""`report --format docx`: the Word document's structure, read back with python-docx.

The page, fonts, header block, page numbers, tables and signature are what Nghị định
30/2020 asks for; the text is the report model's (`report --format json`'s
`document`), placed and not recomputed. LibreOffice's view of the same file is
tests/test_office.py.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Mm, Pt
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import PLANS, REPO, SAMPLE_TODAY, Run
from tests.report_text import section_headings
from tuyengiao.output import MARKER, is_ours
from tuyengiao.report.docx import (
    ANNEX_TABLE_STYLE,
    MARKER_TABLE,
    ORDER,
    TEXT_WIDTH,
    TableStyles,
    elements,
    take_tables,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FONT = "Times New Roman"


def load_builder() -> Any:
    """scripts/build_docx_template.py as a module (scripts/ is not a package)."""
    path = REPO / "scripts" / "build_docx_template.py"
    spec = importlib.util.spec_from_file_location("build_docx_template", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The central department's words for the sample's 2022-Q2: two parts written, the
#: others left to fill in Word.
NOTES = """\
situation: |-
  Quý II năm 2022, các công đoàn trực thuộc triển khai nhiệm vụ trong bối cảnh
  dịch bệnh được kiểm soát.

  Nhiều hoạt động được tổ chức trực tiếp trở lại.
direction: Tiếp tục bám sát Hướng dẫn, đẩy mạnh truyền thông số.
"""


@pytest.fixture
def sample(workspace: Path) -> Path:
    """A copy of the sample workspace, as the current folder, with NOTES for 2022-Q2."""
    shutil.copytree(PLANS, workspace / "plans")
    (workspace / "plans" / "reports").mkdir(exist_ok=True)
    (workspace / "plans" / "reports" / "2022-Q2.yaml").write_text(NOTES, encoding="utf-8")
    return workspace


def report(run: Run, cwd: Path, *more: str, target: str = "report.docx") -> Path:
    """`report --format docx -o target` on the sample's 2022-Q2; must succeed."""
    args = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2"]
    outcome = run(*args, "--format", "docx", "-o", target, *more, cwd=cwd)
    assert outcome.exit_code == 0, outcome.stderr
    return cwd / target


def model(run: Run, cwd: Path) -> dict[str, Any]:
    """The report model's document, from `--format json`."""
    args = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", "--format", "json"]
    outcome = run(*args, cwd=cwd)
    assert outcome.exit_code == 0, outcome.stderr
    document: dict[str, Any] = json.loads(outcome.stdout)["document"]
    return document


@pytest.fixture
def built(run: Run, sample: Path) -> Iterator[tuple[DocumentObject, dict[str, Any]]]:
    """The sample's Word report, opened, with the model it shows."""
    path = report(run, sample)
    yield Document(str(path)), model(run, sample)


def texts(doc: DocumentObject) -> list[str]:
    """Every paragraph's text in the body, tables included, in order."""
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in doc.element.body.iter(f"{W}p")]


def narratives(node: Any) -> Iterator[dict[str, Any]]:
    """Every Narrative (`{"paragraphs", "placeholder"}`) of the model."""
    if isinstance(node, dict):
        if set(node) == {"paragraphs", "placeholder"}:
            yield node
        for value in node.values():
            yield from narratives(value)
    elif isinstance(node, list):
        for value in node:
            yield from narratives(value)


# --- the built-in template ----------------------------------------------------------


def parts(data: bytes) -> list[tuple[str, tuple[int, ...], bytes]]:
    """A zip's entries in order: name, timestamp and uncompressed content."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return [(i.filename, i.date_time, archive.read(i)) for i in archive.infolist()]


def test_template_is_what_the_script_builds() -> None:
    """templates/report.docx is reproducible: what the script builds, part for part.

    Compared uncompressed: another zlib may compress the same parts to other bytes.
    """
    builder = load_builder()
    first, second = builder.build(), builder.build()
    assert first == second
    assert parts((REPO / "templates" / "report.docx").read_bytes()) == parts(first)


def test_template_zip_is_stable() -> None:
    with zipfile.ZipFile(REPO / "templates" / "report.docx") as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert not any("thumbnail" in info.filename for info in infos)


# --- page, fonts ------------------------------------------------------------------


def test_page_is_a4_with_nd30_margins(built: tuple[DocumentObject, dict[str, Any]]) -> None:
    doc, _ = built
    for section in doc.sections:
        assert section.page_width is not None and section.page_height is not None
        assert abs(section.page_width - Mm(210)) < Mm(0.5)
        assert abs(section.page_height - Mm(297)) < Mm(0.5)
        for margin, low, high in (
            (section.top_margin, 20, 25),
            (section.bottom_margin, 20, 25),
            (section.left_margin, 30, 35),
            (section.right_margin, 15, 20),
        ):
            assert margin is not None and low - 0.1 <= margin.mm <= high + 0.1


def test_fonts_are_times_new_roman_in_every_slot(
    built: tuple[DocumentObject, dict[str, Any]],
) -> None:
    doc, _ = built
    styles = doc.styles.element
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults is not None
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert defaults.get(f"{W}{slot}") == FONT
    # No style or run picks another face, or a theme face, for any slot.
    for fonts in [*styles.iter(f"{W}rFonts"), *doc.element.iter(f"{W}rFonts")]:
        for name, value in fonts.attrib.items():
            assert not name.endswith("Theme") and not name.endswith("theme"), name
            assert value == FONT, (name, value)
    normal = doc.styles["Normal"].font
    assert normal.name == FONT and normal.size is not None and 13 <= normal.size.pt <= 14
    for name in ("Body Text", "Heading 1", "Heading 2", "Heading 3"):
        size = doc.styles[name].font.size
        assert size is not None and 13 <= size.pt <= 14, name
    theme = doc.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    ).blob.decode("utf-8")
    assert theme.count(f'<a:latin typeface="{FONT}"/>') == 2  # major and minor fonts
    assert 'typeface="Calibri"' not in theme and 'typeface="Cambria"' not in theme


# --- header block, title, page numbers ---------------------------------------------


def _borders(table: Any) -> dict[str, str | None]:
    node = table._tbl.tblPr.find(f"{W}tblBorders")
    assert node is not None
    return {child.tag.removeprefix(W): child.get(f"{W}val") for child in node}


def test_header_block_is_a_borderless_table(built: tuple[DocumentObject, dict[str, Any]]) -> None:
    doc, document = built
    header = doc.tables[0]
    assert set(_borders(header).values()) == {"nil"}
    assert len(header.rows) == 2 and len(header.columns) == 2
    opening = document["opening"]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert opening["parent"] in left and opening["issuer"] in left
    assert opening["nation"] in right and opening["motto"] in right
    number, place = header.rows[1].cells
    assert number.text.strip() == opening["number"]
    assert place.text.strip() == opening["place_date"]
    assert all(run.italic for run in place.paragraphs[0].runs)
    # The short rules under the issuing body and the motto: top borders of empty lines.
    rules = [p for cell in header.rows[0].cells for p in cell._tc.iter(f"{W}pBdr")]
    assert len(rules) == 2
    issuer = next(p for p in header.rows[0].cells[0].paragraphs if p.text == opening["issuer"])
    assert all(run.bold for run in issuer.runs)


def test_title_is_bold_and_centred(built: tuple[DocumentObject, dict[str, Any]]) -> None:
    doc, document = built
    paragraphs = {p.text: p for p in doc.paragraphs}
    for key in ("kind", "subject"):
        paragraph = paragraphs[document["opening"][key]]
        assert paragraph.alignment == 1  # centre
        assert all(run.bold for run in paragraph.runs)


def test_page_numbers_from_page_two(built: tuple[DocumentObject, dict[str, Any]]) -> None:
    doc, _ = built
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_header._element
    assert not [node for node in first.iter(f"{W}instrText") if "PAGE" in (node.text or "")]
    assert not first.findall(f".//{W}fldSimple")
    header = section.header
    fields = [node.text for node in header._element.iter(f"{W}instrText")]
    assert [text.strip() for text in fields if text] == ["PAGE"]
    assert header.paragraphs[0].alignment == 1  # centred


# --- the body ------------------------------------------------------------------------


def test_sections_in_designs_order(built: tuple[DocumentObject, dict[str, Any]]) -> None:
    doc, document = built
    lines = texts(doc)
    headings = [
        *section_headings(document),
        document["closing"],
        document["signature"]["recipients_label"],
        *[table["label"] for table in document["annex"]["tables"]],
    ]
    positions = [lines.index(heading) for heading in headings]
    assert positions == sorted(positions)
    for task in document["results"]["tasks"]:
        assert task["heading"] in lines and task["summary"] in lines
        for item in task["highlights"]:
            assert f"- {item['line']}" in lines


def test_a_section_without_central_text_gets_one_highlighted_placeholder(
    built: tuple[DocumentObject, dict[str, Any]],
) -> None:
    doc, document = built
    empty = [n["placeholder"] for n in narratives(document) if not n["paragraphs"]]
    written = [n for n in narratives(document) if n["paragraphs"]]
    highlighted = [
        run.text
        for paragraph in doc.paragraphs
        for run in paragraph.runs
        if run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    assert highlighted == empty
    lines = texts(doc)
    for narrative in written:
        assert narrative["placeholder"] not in lines
        for text in narrative["paragraphs"]:
            assert text in lines


def test_sample_has_both_kinds_of_narrative(built: tuple[DocumentObject, dict[str, Any]]) -> None:
    """The test above sees a placeholder and a written text (else it could not fail)."""
    _, document = built
    kinds = {bool(n["paragraphs"]) for n in narratives(document)}
    assert kinds == {True, False}


def _report_tables(doc: DocumentObject) -> list[Any]:
    style_id = doc.styles[ANNEX_TABLE_STYLE].style_id
    found = []
    for table in doc.tables:
        style = table._tbl.tblPr.find(f"{W}tblStyle")
        if style is not None and style.get(f"{W}val") == style_id:
            found.append(table)
    return found


def test_tables_are_real_tables_with_repeating_header_rows(
    built: tuple[DocumentObject, dict[str, Any]],
) -> None:
    doc, document = built
    tables = _report_tables(doc)
    model_tables = [document["results"]["table"], *document["annex"]["tables"]]
    with_rows = [t for t in model_tables if any(g["rows"] for g in t["groups"])]
    assert len(tables) == len(with_rows) >= 3
    bordered = doc.styles[ANNEX_TABLE_STYLE].element.find(f"{W}tblPr/{W}tblBorders")
    assert bordered is not None
    assert {edge.get(f"{W}val") for edge in bordered} == {"single"}
    for table, data in zip(tables, with_rows, strict=True):
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(f"{W}tblHeader") is not None
        labels = [cell.text for cell in table.rows[0].cells]
        assert labels == [column["label"] for column in data["columns"]]
        rows = sum(len(g["rows"]) + (g["label"] is not None) for g in data["groups"])
        assert len(table.rows) == 1 + rows + (data["total"] is not None)
        first = next(row for g in data["groups"] for row in g["rows"])
        cells = next(r for r in table.rows[1:] if len(r._tr.findall(f"{W}tc")) == len(labels))
        assert [cell.text for cell in cells.cells] == first
        widths = [int(col.get(f"{W}w")) for col in table._tbl.tblGrid.iter(f"{W}gridCol")]
        assert len(widths) == len(labels) and sum(widths) == TEXT_WIDTH
        for column, width in zip(data["columns"], widths, strict=True):
            if not column["numeric"]:
                continue
            cell = cells.cells[data["columns"].index(column)]
            styles = [p.style.paragraph_format.alignment for p in cell.paragraphs]
            assert styles == [2], column  # figures right-aligned
            assert width < TEXT_WIDTH // 2


def test_signature_beside_recipients_kept_on_one_page(
    built: tuple[DocumentObject, dict[str, Any]],
) -> None:
    doc, document = built
    signature = document["signature"]
    table = next(t for t in doc.tables if signature["recipients_label"] in t.rows[0].cells[0].text)
    assert set(_borders(table).values()) == {"nil"}
    assert len(table.rows) == 1
    row = table.rows[0]._tr
    assert row.trPr is not None and row.trPr.find(f"{W}cantSplit") is not None
    left, right = table.rows[0].cells
    lefts = [p.text for p in left.paragraphs]
    assert lefts == [signature["recipients_label"], *signature["recipients"]]
    rights = [p.text for p in right.paragraphs if p.text]
    expected = [signature["on_behalf"], *signature["title"], signature["name"]]
    assert rights == [line for line in expected if line]
    assert 1 <= len(signature["title"]) <= 3
    # Every line but the last keeps with the next: Word moves the block whole.
    for cell in (left, right):
        assert all(p.paragraph_format.keep_with_next for p in cell.paragraphs[:-1])


def test_properties_follow_the_schema_order(run: Run, sample: Path) -> None:
    """Word refuses a file whose property elements come out of the schema's order."""
    with zipfile.ZipFile(report(run, sample)) as archive:
        parts = [archive.read(name) for name in archive.namelist() if name.endswith(".xml")]
    checked = 0
    for data in parts:
        root = etree.fromstring(data)
        for tag, names in ORDER.items():
            order = [f"{W}{name}" for name in names.split()]
            for node in root.iter(tag):
                ranks = [order.index(child.tag) for child in node if child.tag in order]
                assert ranks == sorted(ranks), [child.tag for child in node]
                assert all(child.tag in order for child in node), [c.tag for c in node]
                checked += 1
    assert checked > 500


# --- the file ----------------------------------------------------------------------


def test_output_is_stable_and_marked_as_ours(run: Run, sample: Path) -> None:
    first = report(run, sample).read_bytes()
    second = report(run, sample).read_bytes()  # replaces its own file without --force
    assert first == second
    assert is_ours(sample / "report.docx")
    assert MARKER.encode() in first[:4096]
    with zipfile.ZipFile(BytesIO(first)) as archive:
        assert archive.testzip() is None


def test_a_failed_write_keeps_the_old_file(
    run: Run, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The .docx goes through the same atomic replace as text: all of it, or none."""
    import os

    from tuyengiao import output

    old = report(run, sample).read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(output.WriteError, match="No space left"):
        output.write_bytes(sample / "report.docx", b"PK new, never complete")
    assert (sample / "report.docx").read_bytes() == old
    assert sorted(p.name for p in sample.iterdir() if p.name.startswith(".report")) == []


def test_never_writes_over_its_template(run: Run, sample: Path) -> None:
    folder = sample / "plans" / "templates"
    folder.mkdir()
    shutil.copyfile(REPO / "templates" / "report.docx", folder / "report.docx")
    before = (folder / "report.docx").read_bytes()
    args = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", "--format", "docx"]
    outcome = run(*args, "-o", "plans/templates/report.docx", "--force", cwd=sample)
    assert outcome.exit_code == 2
    assert (folder / "report.docx").read_bytes() == before


def test_docx_needs_an_output_file(run: Run, sample: Path) -> None:
    args = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", "--format", "docx"]
    outcome = run(*args, cwd=sample)
    assert outcome.exit_code == 2
    assert "-o" in outcome.stderr and outcome.stdout == ""


def test_plan_text_is_escaped(run: Run, workspace: Path) -> None:
    """Markup and template syntax in plans arrive as text, and the file stays valid XML."""
    from tests.test_report_safety import CONFIG, PLAN

    (workspace / "tuyengiao.yaml").write_text(CONFIG, encoding="utf-8")
    (workspace / "plans").mkdir()
    (workspace / "plans" / "hostile.yaml").write_text(PLAN, encoding="utf-8")
    args = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2"]
    outcome = run(*args, "--format", "docx", "-o", "out.docx", cwd=workspace)
    assert outcome.exit_code == 0, outcome.stderr
    outcome = run(*args, "--format", "json", cwd=workspace)
    document = json.loads(outcome.stdout)["document"]
    lines = texts(Document(str(workspace / "out.docx")))
    assert document["opening"]["issuer"] in lines[0] + "".join(lines[:4])
    markup = [text for text in json.dumps(document, ensure_ascii=False).split('"') if "<" in text]
    assert markup, "the hostile plan puts markup in the report"
    joined = "\n".join(lines)
    assert any(text in joined for text in markup)


# --- the workspace's own template ---------------------------------------------------


def test_workspace_template_keeps_its_letterhead(run: Run, sample: Path) -> None:
    """A template edited in Word (here: python-docx) is used, its own text and styles kept."""
    own = Document(str(REPO / "templates" / "report.docx"))
    own.sections[0].first_page_header.paragraphs[0].text = "CÔNG ĐOÀN MẪU RIÊNG"
    own.styles["Body Text"].font.size = Pt(13)
    folder = sample / "plans" / "templates"  # beside the sample's tuyengiao.yaml
    folder.mkdir()
    own.save(str(folder / "report.docx"))
    doc = Document(str(report(run, sample)))
    assert doc.sections[0].first_page_header.paragraphs[0].text == "CÔNG ĐOÀN MẪU RIÊNG"
    size = doc.styles["Body Text"].font.size
    assert size is not None and round(size.pt) == 13


def test_a_template_of_ones_own_from_scratch(run: Run, sample: Path) -> None:
    """Any Word file with tags is a template: none of the built-in's styles is needed."""
    own = Document()
    own.add_paragraph("Kính gửi: Tổng Liên đoàn Lao động Việt Nam")
    own.add_paragraph("{{ report.document.opening.subject }}")
    own.add_paragraph("{%p for table in report.document.annex.tables %}")
    own.add_paragraph("{{ table.title }}")
    own.add_paragraph("{%p endfor %}")
    folder = sample / "own"
    folder.mkdir()
    own.save(str(folder / "report.docx"))
    doc = Document(str(report(run, sample, "--templates", "own")))
    document = model(run, sample)
    lines = [p.text for p in doc.paragraphs]
    expected = [t["title"] for t in document["annex"]["tables"]]
    assert lines == [
        "Kính gửi: Tổng Liên đoàn Lao động Việt Nam",
        document["opening"]["subject"],
        *expected,
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not a zip at all", "report.docx"),
        (b"PK\x03\x04broken", "report.docx"),
    ],
)
def test_a_template_that_is_not_a_docx_is_a_usage_error(
    run: Run, sample: Path, content: bytes, expected: str
) -> None:
    folder = sample / "own"
    folder.mkdir()
    (folder / "report.docx").write_bytes(content)
    args = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", "--format", "docx"]
    outcome = run(*args, "-o", "out.docx", "--templates", "own", cwd=sample)
    assert outcome.exit_code == 2
    assert "own/report.docx" in outcome.stderr and expected in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert not (sample / "out.docx").exists()
    assert [p.name for p in sample.iterdir() if p.name.startswith(".out")] == []


def test_a_zip_that_is_not_a_word_file_is_a_usage_error(run: Run, sample: Path) -> None:
    folder = sample / "own"
    folder.mkdir()
    with zipfile.ZipFile(folder / "report.docx", "w") as archive:
        archive.writestr("hello.txt", "not a document")
    args = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", "--format", "docx"]
    outcome = run(*args, "-o", "out.docx", "--templates", "own", cwd=sample)
    assert outcome.exit_code == 2 and "own/report.docx" in outcome.stderr
    assert not (sample / "out.docx").exists()


@pytest.mark.parametrize(
    "tag",
    ["{{ report.no_such_thing }}", "{{ 1/0 }}", "{% for x in %}", "{{ report.__class__ }}"],
)
def test_template_mistakes_are_usage_errors(run: Run, sample: Path, tag: str) -> None:
    own = Document(str(REPO / "templates" / "report.docx"))
    own.add_paragraph(tag)
    folder = sample / "own"
    folder.mkdir()
    own.save(str(folder / "report.docx"))
    (sample / "out.docx").write_bytes(b"an older report, kept")
    args = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", "--format", "docx"]
    outcome = run(*args, "-o", "out.docx", "--templates", "own", "--force", cwd=sample)
    assert outcome.exit_code == 2, outcome.stderr
    assert "own/report.docx" in outcome.stderr and "Traceback" not in outcome.stderr
    if "for x in" in tag:  # a syntax error: the paragraph it is in is quoted
        assert tag in outcome.stderr
    assert (sample / "out.docx").read_bytes() == b"an older report, kept"


# --- the model's tables, finished as text -------------------------------------------

STYLES = TableStyles("ReportTable", "Num", "Right")


def _cell(text: str, style: str = "Text") -> str:
    paragraph = f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
    return f"<w:tc>{paragraph}</w:tc>"


def _table_xml(rows: list[str], style: str = "ReportTable", inner: str = "") -> str:
    props = f'<w:tblPr><w:tblStyle w:val="{style}"/></w:tblPr>'
    props += '<w:tblGrid><w:gridCol w:w="1"/></w:tblGrid>'
    return f"<w:tbl>{props}{''.join(f'<w:tr>{row}</w:tr>' for row in rows)}{inner}</w:tbl>"


def test_take_tables_finishes_model_tables_and_leaves_the_others() -> None:
    model_table = _table_xml(
        [
            _cell("TT", "Num") + _cell("Công đoàn"),
            '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + _cell("Khối")[6:],
            _cell("1") + _cell("Công đoàn Bộ Tư pháp"),
        ]
    )
    other = _table_xml([_cell("a") + _cell("b")], style="Plain")
    nested = _table_xml([_cell("x")], inner=_table_xml([_cell("y")]))
    body = f"<w:body><w:p/>{model_table}<w:p/>{other}{nested}</w:body>"
    rest, tables = take_tables(body, STYLES)
    assert rest == f"<w:body><w:p/>{MARKER_TABLE.format(0)}<w:p/>{other}{nested}</w:body>"
    (done,) = tables
    assert done.count("<w:gridCol ") == 2 and 'w:w="1"' not in done
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', done)]
    assert sum(widths) == TEXT_WIDTH and widths[0] < widths[1]
    rows = re.findall(r"<w:tr>.*?</w:tr>", done)
    assert 'w:val="Num"' in rows[0]  # the header keeps its own style
    assert 'w:val="Right"' not in rows[1]  # a group's heading row is left alone
    assert rows[2].count('w:val="Right"') == 1 and "Công đoàn Bộ Tư pháp" in rows[2]


def test_take_tables_without_the_style_or_balanced_tags_changes_nothing() -> None:
    body = "<w:body>" + _table_xml([_cell("1")]) + "</w:body>"
    assert take_tables(body, None) == (body, [])
    broken = body.replace("<w:tbl>", "", 1)
    assert take_tables(broken, STYLES) == (broken, [])


# The pieces a row of Word XML is made of, and some that only look like them: rows and
# cells cut out with `str.find` are the ones the regular expressions found.
_PIECES = st.sampled_from(
    [
        "<w:tc>",
        "<w:tc ",
        "</w:tc>",
        "<w:tcPr>",
        "<w:tcW/>",
        "<w:tc",
        "</w:tc",
        "<w:tr>",
        "<w:tr ",
        "</w:tr>",
        "<w:trPr>",
        "<w:t>",
        "</w:t>",
        ">",
        " ",
        "x",
        "<",
        "\n",
    ]
)


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_elements_are_what_the_regular_expressions_found(text: str) -> None:
    for name in ("w:tc", "w:tr"):
        pattern = re.compile(f"<{name}[ >].*?</{name}>", re.S)
        expected = [(found.start(), found.end()) for found in pattern.finditer(text)]
        assert elements(text, name) == expected
