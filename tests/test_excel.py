"""Plans as Excel workbooks: export, fill as an officer would, import, check at the cell.

The sample workspace round-trips (the model, and the text of a plan `import` wrote);
the workbook's drop-downs, validations, protection and print setup are read back with
openpyxl; hostile workbooks (not a zip, a zip bomb, a million rows, `.xls`, `.ods`,
formulas, merged cells, hidden rows, extra or renamed sheets, moved columns) give a
clear finding and write nothing. LibreOffice's own reading of the workbooks is in
tests/test_excel_office.py.
"""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import PLANS, SAMPLE_TODAY, Run
from tuyengiao.diagnostics import Diagnostic, Severity
from tuyengiao.excel.write import plan_workbook
from tuyengiao.guidance import load_guidance
from tuyengiao.i18n import messages
from tuyengiao.models import Plan
from tuyengiao.plan_yaml import plan_yaml
from tuyengiao.plan_yaml import yaml_scalar as plan_yaml_scalar
from tuyengiao.read import read_file
from tuyengiao.read.workbook import MAX_ROWS

SAMPLES = sorted((PLANS / "2022").glob("*.yaml"))
MSG = messages("vi")
GUIDANCE = load_guidance("2022", MSG)
METRICS = [m.id for m in GUIDANCE.metrics]
#: The sample plan the cell tests edit: its first activity is on row 2 of *Hoạt động*.
TU_PHAP = PLANS / "2022" / "cd-bo-tu-phap.yaml"
ACTIVITIES = "Hoạt động"


def plan_of(data: bytes, name: str = "plan.yaml") -> Plan:
    reading = read_file(Plan, data, name, MSG)
    assert reading.value is not None and reading.complete, reading.findings
    return reading.value


def read_book(data: bytes, name: str = "ke-hoach.xlsx") -> tuple[Plan | None, list[Diagnostic]]:
    reading = read_file(Plan, data, name, MSG)
    complete = reading.value if reading.complete else None
    return complete, [reading.doc.locate(d) for d in reading.findings]


def edited(data: bytes, edit: Callable[[Any], None]) -> bytes:
    """The workbook after `edit(book)`, saved by openpyxl (as another program would)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def tu_phap() -> bytes:
    return plan_workbook(plan_of(TU_PHAP.read_bytes()), GUIDANCE)


# --- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_plan_round_trips_through_its_workbook(sample: Path) -> None:
    plan = plan_of(sample.read_bytes())
    back, found = read_book(plan_workbook(plan, GUIDANCE))
    assert found == []
    assert back == plan
    # The form `import` writes is a fixed point: its workbook reads back to the same text.
    text = plan_yaml(plan, METRICS)
    assert plan_of(text.encode()) == plan
    again, _ = read_book(plan_workbook(plan_of(text.encode()), GUIDANCE))
    assert again is not None
    assert plan_yaml(again, METRICS) == text


def test_export_then_import_leaves_the_plan_file_as_it_was(run: Run, tmp_path: Path) -> None:
    plan = tmp_path / "cd-bo-tu-phap.yaml"
    shutil.copyfile(TU_PHAP, plan)
    book = tmp_path / "ke-hoach.xlsx"
    assert run("export", str(plan), "-o", str(book)).exit_code == 0
    outcome = run("import", str(book), "-o", str(plan), "--today", SAMPLE_TODAY)
    assert outcome.exit_code == 0, outcome.stderr
    assert "không thay đổi" in outcome.stdout
    assert plan.read_bytes() == TU_PHAP.read_bytes()  # comments, date forms and all


def _fill_as_an_officer(data: bytes) -> bytes:
    """What an officer does: a new activity with dates typed as text, a status with a
    trailing space, Vietnamese text, a result; an old activity marked done."""

    def fill(book: Any) -> None:
        sheet = book[ACTIVITIES]
        headers = {cell.value: cell.column for cell in sheet[1]}
        row = sheet.max_row + 1
        while row > 2 and sheet.cell(row - 1, headers["Tên hoạt động"]).value is None:
            row -= 1
        values = {
            "Nhiệm vụ": "3. Giáo dục chính trị tư tưởng, pháp luật; học tập và làm theo Bác",
            "Tên hoạt động": "Tọa đàm “Học tập và làm theo Bác” – chuyên đề năm 2022",
            "Bắt đầu": "01/09/2022",
            "Hạn": "30/9/2022",
            "Trạng thái": "kế hoạch ",
            "Đơn vị thực hiện": "Ban Tuyên giáo – Nữ công",
            "Ghi chú": "Mời báo cáo viên của Ban Tuyên giáo Đảng ủy",
        }
        for header, value in values.items():
            sheet.cell(row, headers[header], value)
        sheet.cell(2, headers["Minh chứng"], "Biên bản số 07/BB-CĐ (đã số hóa)")

    return edited(data, fill)


def test_the_sample_workspace_round_trips_filled_as_an_officer_would(
    run: Run, tmp_path: Path
) -> None:
    shutil.copytree(PLANS, tmp_path / "plans")
    books = tmp_path / "excel"
    books.mkdir()
    for sample in sorted((tmp_path / "plans" / "2022").glob("*.yaml")):
        book = books / f"{sample.stem}.xlsx"
        assert run("export", str(sample), "-o", str(book)).exit_code == 0
        book.write_bytes(_fill_as_an_officer(book.read_bytes()))
        outcome = run("import", str(book), "-o", str(sample), "--today", SAMPLE_TODAY)
        assert outcome.exit_code == 1  # a change: shown, not written without --force
        assert "+ thêm hoạt động toa-dam-hoc-tap-va-lam-theo-bac" in outcome.stdout
        outcome = run("import", str(book), "-o", str(sample), "--force", "--today", SAMPLE_TODAY)
        assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
        plan = plan_of(sample.read_bytes())
        new = plan.activities[-1]
        assert (new.task, new.start.isoformat() if new.start else None) == (3, "2022-09-01")
        assert new.due.isoformat() == "2022-09-30" and new.status == "planned"
        # Imported once more, the plan it wrote is unchanged: a fixed point.
        again = run("import", str(book), "-o", str(sample), "--today", SAMPLE_TODAY)
        assert "không thay đổi" in again.stdout
    outcome = run("check", str(tmp_path / "plans"), "--today", SAMPLE_TODAY)
    assert outcome.exit_code == 0, outcome.stdout


def test_import_writes_the_plan_where_the_workspace_keeps_it(run: Run, workspace: Path) -> None:
    shutil.copytree(PLANS, workspace / "plans")
    (workspace / "plans" / "2022" / "cd-bo-tu-phap.yaml").unlink()
    book = workspace / "ke-hoach.xlsx"
    assert run("export", str(TU_PHAP), "-o", str(book)).exit_code == 0
    outcome = run("import", str(book), "--today", SAMPLE_TODAY)
    assert outcome.exit_code == 0, outcome.stderr
    written = workspace / "plans" / "2022" / "cd-bo-tu-phap.yaml"
    assert plan_of(written.read_bytes()) == plan_of(TU_PHAP.read_bytes())


def test_new_xlsx_writes_an_empty_form(run: Run, tmp_path: Path) -> None:
    book = tmp_path / "cd-bo-y-te.xlsx"
    outcome = run("new", "cd-bo-y-te", "--name", "Công đoàn Bộ Y tế", "--xlsx", "-o", str(book))
    assert outcome.exit_code == 0, outcome.stderr
    plan, found = read_book(book.read_bytes())
    assert plan is not None and plan.activities == [] and plan.union.name == "Công đoàn Bộ Y tế"
    assert all(d.severity is not Severity.ERROR for d in found)
    again = run("new", "cd-bo-y-te", "--name", "Công đoàn Bộ Y tế", "--xlsx", "-o", str(book))
    assert again.exit_code == 2 and "--force" in again.stderr


# --- the workbook itself -----------------------------------------------------------------


def test_the_workbook_has_its_drop_downs_validations_and_print_setup(tu_phap: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(tu_phap))
    assert book.sheetnames == ["Danh mục", "Thông tin", ACTIVITIES, "Tiến độ", "Báo cáo kỳ"]
    assert book["Danh mục"].sheet_state == "hidden"
    sheet = book[ACTIVITIES]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:8] == [
        "Mã", "Nhiệm vụ", "Tên hoạt động", "Bắt đầu", "Hạn", "Trạng thái", "Ngày hoàn thành",
        "Đơn vị thực hiện",
    ]  # fmt: skip
    assert "Số buổi, hội nghị (buổi)" in headers and headers[-2:] == ["Minh chứng", "Ghi chú"]
    validations = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    assert len(validations) == len(headers)  # one per column, each with its input message
    assert all(v.prompt and v.promptTitle for v in validations.values())
    assert validations["B2"].type == "list"
    assert validations["B2"].formula1 == "'Danh mục'!$A$2:$A$9"
    assert validations["F2"].type == "list" and validations["F2"].formula1.startswith(
        "'Danh mục'!$B"
    )
    assert validations["E2"].type == "date"
    metric = validations[
        f"{openpyxl.utils.get_column_letter(headers.index('Số buổi, hội nghị (buổi)') + 1)}2"
    ]
    assert (metric.type, metric.operator, metric.formula1) == ("whole", "greaterThanOrEqual", "0")
    lists = book["Danh mục"]
    assert [lists.cell(r, 1).value for r in range(2, 4)] == [
        "1. Quán triệt, triển khai Nghị quyết Đại hội XIII và Nghị quyết 02-NQ/TW",
        "2. Đẩy mạnh công tác truyền thông công đoàn theo Kế hoạch 308/KH-CĐVC",
    ]
    assert [lists.cell(r, 2).value for r in range(2, 6)] == [
        "kế hoạch", "đang thực hiện", "hoàn thành", "đã hủy",
    ]  # fmt: skip
    # Dates are date cells shown day first; numbers are numbers.
    assert sheet["E3"].is_date and sheet["E3"].number_format == "dd/mm/yyyy"
    for name in (ACTIVITIES, "Tiến độ", "Báo cáo kỳ"):
        page = book[name]
        assert page.freeze_panes == "A2"
        assert page.page_setup.orientation == "landscape" and int(page.page_setup.paperSize) == 9
    info = book["Thông tin"]
    assert info.protection.sheet
    assert [info.cell(r, 1).value for r in (3, 4, 5, 6)] == [
        "Phiên bản định dạng", "Hướng dẫn", "Mã công đoàn", "Tên công đoàn",
    ]  # fmt: skip
    assert info["B5"].value == "cd-bo-tu-phap" and info["B5"].protection.locked
    assert not info["B6"].protection.locked  # the name may be corrected


def test_text_that_looks_like_a_formula_stays_text() -> None:
    plan = plan_of(TU_PHAP.read_bytes())
    plan.activities[0].title = '=HYPERLINK("http://example.invalid";"bấm vào")'
    plan.activities[0].note = "-5 buổi so với kế hoạch"
    plan.activities[1].owner = "@Ban Tuyên giáo"
    data = plan_workbook(plan, GUIDANCE)
    sheet = openpyxl.load_workbook(io.BytesIO(data))[ACTIVITIES]
    assert sheet["C2"].data_type == "s" and sheet["C2"].quotePrefix
    back, found = read_book(data)
    assert found == [] and back == plan


# --- findings at their cells ---------------------------------------------------------------

CELL_CASES = {
    # case: (cell, value, rule at that cell or None, a piece of the message or hint)
    "impossible-date": ("E2", "31/2/2022", "invalid-date", "31/2/2022"),
    "date-typed-as-text": ("E2", "31/3/2022", None, ""),
    "thousands-separator": ("J2", "1.250", "invalid-type", "1250"),
    "number-with-unit": ("J2", "250 người", "invalid-type", "người"),
    "status-trailing-space": ("F2", "hoàn thành ", None, ""),
    "status-unknown": ("F2", "xong rồi", "invalid-value", "xong"),
    "excel-serial": ("E2", 44651, "invalid-date", "31/3/2022"),
    "task-in-words": ("B2", "Nhiệm vụ 9", "invalid-type", "9"),
    "title-empty": ("C2", None, "missing-field", "Điền ô Hoạt động!C2"),
}


@pytest.mark.parametrize("case", CELL_CASES)
def test_a_mistake_in_a_cell_is_a_finding_at_that_cell(tu_phap: bytes, case: str) -> None:
    cell, value, rule, text = CELL_CASES[case]

    def edit(book: Any) -> None:
        book[ACTIVITIES][cell] = value
        book[ACTIVITIES][cell].number_format = "General"

    _, found = read_book(edited(tu_phap, edit))
    here = [d for d in found if d.cell == f"{ACTIVITIES}!{cell}" and d.severity is Severity.ERROR]
    if rule is None:
        assert here == []
        return
    assert [d.rule for d in here] == [rule]
    assert text in f"{here[0].message} {here[0].hint}"
    assert (here[0].line, here[0].column) == (2, ord(cell[0]) - ord("A") + 1)


@pytest.mark.parametrize("output_format", ["text", "json", "github", "junit", "sarif", "gitlab"])
def test_every_output_format_names_the_cell(
    run: Run, tmp_path: Path, tu_phap: bytes, output_format: str
) -> None:
    book = tmp_path / "ke-hoach.xlsx"
    book.write_bytes(edited(tu_phap, lambda b: b[ACTIVITIES].__setitem__("F12", "xong rồi")))
    outcome = run("check", str(book), "--today", SAMPLE_TODAY, "--format", output_format)
    assert outcome.exit_code == 1
    assert f"{ACTIVITIES}!F12" in outcome.stdout
    if output_format == "github":
        assert "line=" not in outcome.stdout.split("::error", 1)[1].split("::", 1)[0]


def test_progress_of_an_unknown_activity_and_a_period_twice(tu_phap: bytes) -> None:
    def edit(book: Any) -> None:
        book["Tiến độ"]["A3"] = "khong-co-ma-nay"
        # Rows 2 and 3 are the plan's 2022-Q1 and 2022-Q2; column B is the day sent.
        book["Báo cáo kỳ"]["A4"] = "2022-Q2"
        book["Báo cáo kỳ"]["C4"] = "Lặp lại"

    _, found = read_book(edited(tu_phap, edit))
    by_cell = {d.cell: d.rule for d in found}
    assert by_cell["Tiến độ!A3"] == "invalid-value"
    assert by_cell["Báo cáo kỳ!A4"] == "duplicate-key"


# --- workbooks that are not what they should be --------------------------------------------


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _rows(tu_phap: bytes, count: int) -> bytes:
    """The sample's workbook with a sheet *Hoạt động* of `count` rows (its size written)."""
    source = zipfile.ZipFile(io.BytesIO(tu_phap))
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, count + 1))
    head = '<row r="1"><c r="C1" t="inlineStr"><is><t>Tên hoạt động</t></is></c></row>'
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:C{count}"/><sheetData>{head}{rows}</sheetData></worksheet>'
    )
    members = {name: source.read(name) for name in source.namelist()}
    members["xl/worksheets/sheet3.xml"] = sheet.encode()
    return _zip(members)


HOSTILE: dict[str, tuple[Callable[[bytes], bytes], str, str]] = {
    # case: (the bytes, the rule, a piece of the message or hint)
    "not-a-zip": (lambda _: b"version: 1\n", "encoding", "không phải sổ tính"),
    "xls": (
        lambda _: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000),
        "encoding",
        "dưới dạng .xlsx",
    ),
    "ods": (
        lambda _: _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
        "encoding",
        "dưới dạng .xlsx",
    ),
    "zip-bomb": (
        lambda _: _zip(
            {"[Content_Types].xml": b"<x/>", "xl/worksheets/sheet1.xml": bytes(20 << 20)}
        ),
        "too-complex",
        "phá hoại",
    ),
    "damaged": (
        lambda _: _zip({"[Content_Types].xml": b"<x", "xl/workbook.xml": b"\x00garbage"}),
        "encoding",
        "hỏng",
    ),
    "zip-of-something-else": (
        lambda _: _zip({"a.txt": b"hello"}),
        "encoding",
        "không phải sổ tính",
    ),
    "million-rows": (lambda data: _rows(data, 1_000_000), "too-complex", "quá lớn"),
    "rows-past-the-limit": (lambda data: _rows(data, 4 * MAX_ROWS), "too-complex", str(MAX_ROWS)),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_workbook_is_named_and_nothing_is_written(
    run: Run, tmp_path: Path, tu_phap: bytes, case: str
) -> None:
    make, rule, text = HOSTILE[case]
    book = tmp_path / ("ke-hoach.xls" if case == "xls" else "ke-hoach.xlsx")
    book.write_bytes(make(tu_phap))
    target = tmp_path / "plan.yaml"
    outcome = run("import", str(book), "-o", str(target), "--today", SAMPLE_TODAY)
    assert outcome.exit_code == 1
    assert not target.exists()
    assert "Traceback" not in outcome.stdout + outcome.stderr
    checked = run("check", str(book), "--today", SAMPLE_TODAY, "--format", "json")
    assert checked.exit_code == 1
    assert f'"rule": "{rule}"' in checked.stdout
    assert text in checked.stdout


def _move_due_to_the_end(book: Any) -> None:
    sheet = book[ACTIVITIES]
    values = [sheet.cell(row, 5).value for row in range(1, sheet.max_row + 1)]
    sheet.delete_cols(5)
    last = sheet.max_column + 1
    for row, value in enumerate(values, start=1):
        sheet.cell(row, last, value)


def _merge_cells(book: Any) -> None:
    book[ACTIVITIES].merge_cells("N40:P41")
    book["Thông tin"].merge_cells("D3:E4")


TOLERATED: dict[str, Callable[[Any], None]] = {
    "extra-sheet": lambda book: book.create_sheet("Ghi chép riêng").append(["Mã", "ghi chú"]),
    "renamed-sheet": lambda book: setattr(book[ACTIVITIES], "title", "Sheet1"),
    "moved-column": _move_due_to_the_end,
    "hidden-rows": lambda book: setattr(book[ACTIVITIES].row_dimensions[3], "hidden", True),
    "merged-cells": _merge_cells,
}


@pytest.mark.parametrize("case", TOLERATED)
def test_a_workbook_rearranged_in_excel_still_reads_the_same(tu_phap: bytes, case: str) -> None:
    plan, found = read_book(edited(tu_phap, TOLERATED[case]))
    assert found == []
    assert plan == plan_of(TU_PHAP.read_bytes())


def test_a_formula_gives_its_value_and_one_without_a_value_is_named(tu_phap: bytes) -> None:
    _, found = read_book(edited(tu_phap, lambda b: b[ACTIVITIES].__setitem__("J3", "=SUM(1,2)")))
    # openpyxl saves a formula without its value, as a program that does not compute does.
    formula = [d for d in found if d.cell == f"{ACTIVITIES}!J3"]
    assert [d.rule for d in formula] == ["missing-field"]
    assert "công thức" in formula[0].message and formula[0].hint


def test_an_unknown_column_is_named_at_its_header(tu_phap: bytes) -> None:
    _, found = read_book(
        edited(tu_phap, lambda b: b[ACTIVITIES].__setitem__("C1", "Tên hoat đông mới"))
    )
    header = [d for d in found if d.cell == f"{ACTIVITIES}!C1"]
    assert [d.rule for d in header] == ["unknown-field"]
    assert "Tên hoạt động" in (header[0].hint or "")
    column = [d for d in found if d.rule == "missing-field" and d.cell == f"{ACTIVITIES}!A1"]
    assert column, found


def test_export_refuses_a_plan_with_errors_and_an_existing_file(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TU_PHAP.read_text("utf-8").replace("due: 2022-03-31", "due: 31/2/2022"), "utf-8")
    outcome = run("export", str(bad), "-o", str(tmp_path / "a.xlsx"))
    assert outcome.exit_code == 1 and "31/2/2022" in outcome.stderr
    assert not (tmp_path / "a.xlsx").exists()
    assert run("export", str(TU_PHAP), "-o", str(tmp_path / "a.csv")).exit_code == 2
    assert run("export", str(TU_PHAP), "-o", str(tmp_path / "a.xlsx")).exit_code == 0
    assert run("export", str(TU_PHAP), "-o", str(tmp_path / "a.xlsx")).exit_code == 2
    assert run("export", str(TU_PHAP), "-o", str(tmp_path / "a.xlsx"), "--force").exit_code == 0


@given(st.text(min_size=1, max_size=40))
@settings(max_examples=400, deadline=None)
def test_a_text_written_into_a_plan_reads_back_as_itself(text: str) -> None:
    scalar = plan_yaml_scalar(text)
    assert yaml.safe_load(f"key: {scalar}\n") == {"key": text}


# --- the report's annex as a workbook -------------------------------------------------------


def test_report_xlsx_has_one_sheet_per_annex_table_with_numbers_as_numbers(
    run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "bao-cao.xlsx"
    outcome = run(
        "report", str(PLANS), "--period", "2022-Q2", "--today", "2022-07-05",
        "--format", "xlsx", "-o", str(target),
    )  # fmt: skip
    assert outcome.exit_code == 0, outcome.stderr
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[:3] == ["Phụ lục 1", "Phụ lục 2", "Phụ lục 3"]
    first = book["Phụ lục 1"]
    rows = list(first.iter_rows(values_only=True))
    assert rows[0][0] == "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"
    assert rows[2][0].startswith("Số:")
    assert rows[4][0] == "Phụ lục 1"
    assert rows[5][0] == "KẾT QUẢ THỰC HIỆN THEO NHIỆM VỤ"
    assert rows[6][0].startswith("(Kèm theo Báo cáo")
    header = rows.index(next(r for r in rows if r[0] == "TT"))
    body = [r for r in rows[header + 1 :] if isinstance(r[0], int)]
    assert len(body) == 8 and all(isinstance(v, int) for r in body for v in r[2:6])
    total = next(r for r in rows if r[1] == "Tổng cộng")
    assert total[3] == sum(r[3] for r in body)  # the model's total, as a value
    assert first.freeze_panes == f"A{header + 2}"
    overdue = next(
        book[name] for name in book.sheetnames if "QUÁ HẠN" in str(book[name].cell(6, 1).value)
    )
    days = [r[4] for r in overdue.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert days and all(hasattr(d, "year") for d in days)  # due days as date cells


def test_report_xlsx_is_the_same_bytes_for_the_same_inputs(run: Run, tmp_path: Path) -> None:
    # Dated by the issue day, as the Word report, not by the clock: a report committed
    # or compared again is unchanged (its core.xml held the time of the run).
    written = []
    for name in ("a.xlsx", "b.xlsx"):
        target = tmp_path / name
        argv = ("report", str(PLANS), "--period", "2022-Q2", "--today", "2022-07-05")
        outcome = run(*argv, "--format", "xlsx", "-o", str(target))
        assert outcome.exit_code == 0, outcome.stderr
        written.append(target.read_bytes())
        time.sleep(1.1)  # the clock's seconds would show
    assert written[0] == written[1]
    with zipfile.ZipFile(io.BytesIO(written[0])) as book:
        assert b"<dcterms:created" in book.read("docProps/core.xml")
        assert b"2022-07-05T00:00:00Z" in book.read("docProps/core.xml")


def test_report_xlsx_needs_an_output_file(run: Run) -> None:
    outcome = run("report", str(PLANS), "--period", "2022-Q2", "--format", "xlsx")
    assert outcome.exit_code == 2 and "-o" in outcome.stderr


@pytest.mark.parametrize("sample", SAMPLES[:4], ids=lambda p: p.stem)
def test_the_fast_way_and_the_validating_way_read_a_workbook_alike(sample: Path) -> None:
    from tuyengiao.read.fast import read
    from tuyengiao.read.validate import recover
    from tuyengiao.read.workbook import read_workbook

    data = _fill_as_an_officer(plan_workbook(plan_of(sample.read_bytes()), GUIDANCE))
    book = read_workbook(data, "ke-hoach.xlsx", MSG)
    assert book.doc is not None
    fast = read(Plan, book.doc.as_nodes())
    slow, recovery, errors = recover(Plan, book.doc, "ke-hoach.xlsx", MSG)
    assert errors == [] and slow is not None and recovery.complete(slow)
    assert fast == slow


def test_check_finds_workbooks_in_the_plans_folder(run: Run, tmp_path: Path) -> None:
    shutil.copytree(PLANS, tmp_path / "plans")
    folder = tmp_path / "plans" / "2022"
    (folder / "cd-bo-tu-phap.xlsx").write_bytes(
        plan_workbook(plan_of(TU_PHAP.read_bytes()), GUIDANCE)
    )
    (folder / "~$cd-bo-tu-phap.xlsx").write_bytes(b"Excel's lock file")
    outcome = run("check", str(tmp_path / "plans"), "--today", SAMPLE_TODAY, "--format", "json")
    # Two files claim one union: the later one's finding is at the cell of its id.
    assert '"cell": "Thông tin!B5"' in outcome.stdout
    assert '"rule": "duplicate-id"' in outcome.stdout
    assert "~$" not in outcome.stdout
