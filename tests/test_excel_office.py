"""The workbooks as LibreOffice reads, prints and saves them (`soffice --headless`).

Every sample plan's workbook is converted to CSV (each sheet as shown: dates day first)
and to PDF (A4, the tables landscape), and saved again by LibreOffice as `.xlsx`, which
`import` reads back to the same plan: a real client's workbook, not openpyxl's.

Needs Debian's `libreoffice-calc-nogui` (CI installs it); skipped, with the reason
shown, only when `soffice` is missing and TUYENGIAO_REQUIRE_OFFICE is not 1.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_excel import GUIDANCE, SAMPLES, plan_of, read_book
from tuyengiao.excel.write import plan_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFINFO = shutil.which("pdfinfo")
REQUIRED = os.environ.get("TUYENGIAO_REQUIRE_OFFICE") == "1"
pytestmark = pytest.mark.skipif(
    (SOFFICE is None or PDFINFO is None) and not REQUIRED,
    reason="missing soffice or pdfinfo (apt-get install libreoffice-calc-nogui poppler-utils)",
)
#: Comma, double quote, UTF-8, from line 1, …, cells as shown, every sheet (-1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def soffice(folder: Path, target: str, *files: Path) -> None:
    assert SOFFICE is not None, "TUYENGIAO_REQUIRE_OFFICE=1 but no `soffice` (LibreOffice)"
    profile = (folder / "profile").resolve().as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(folder), *map(str, files)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("books")
    found = {}
    for sample in SAMPLES:
        book = folder / f"{sample.stem}.xlsx"
        book.write_bytes(plan_workbook(plan_of(sample.read_bytes()), GUIDANCE))
        found[sample.stem] = book
    return found


def test_libreoffice_shows_every_sheet_of_every_workbook(
    books: dict[str, Path], tmp_path: Path
) -> None:
    soffice(tmp_path, CSV_FILTER, *books.values())
    for sample in SAMPLES:
        plan = plan_of(sample.read_bytes())
        sheet = tmp_path / f"{sample.stem}-Hoạt động.csv"
        rows = list(csv.reader(sheet.read_text("utf-8").splitlines()))
        assert rows[0][:6] == ["Mã", "Nhiệm vụ", "Tên hoạt động", "Bắt đầu", "Hạn", "Trạng thái"]
        assert [row[0] for row in rows[1:]] == [a.id for a in plan.activities]
        for row, activity in zip(rows[1:], plan.activities, strict=True):
            assert row[2] == activity.title
            assert row[4] == activity.due.strftime("%d/%m/%Y")  # a date cell, day first
            assert row[1].startswith(f"{activity.task}. ")
        info = (tmp_path / f"{sample.stem}-Thông tin.csv").read_text("utf-8")
        assert plan.union.name in info and plan.union.id in info


def test_libreoffice_prints_the_tables_on_a4_landscape(
    books: dict[str, Path], tmp_path: Path
) -> None:
    book = books["cd-bo-tu-phap"]
    soffice(tmp_path, "pdf", book)
    assert PDFINFO is not None
    info = subprocess.run(
        [PDFINFO, "-f", "1", "-l", "20", str(tmp_path / "cd-bo-tu-phap.pdf")],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    pages = [(round(float(w)), round(float(h))) for w, h in sizes]
    # Thông tin on a portrait page; Hoạt động, Tiến độ and Báo cáo kỳ on landscape ones.
    assert pages[0] == (595, 842)
    assert pages[1:] and all(page == (842, 595) for page in pages[1:])


def test_a_workbook_saved_by_libreoffice_imports_to_the_same_plan(
    books: dict[str, Path], tmp_path: Path
) -> None:
    saved = tmp_path / "saved"
    saved.mkdir()
    soffice(saved, "xlsx:Calc MS Excel 2007 XML", *books.values())
    for sample in SAMPLES:
        plan, found = read_book((saved / f"{sample.stem}.xlsx").read_bytes())
        assert found == []
        assert plan == plan_of(sample.read_bytes())


def test_libreoffice_reads_the_report_workbook(tmp_path: Path) -> None:
    from tests.conftest import PLANS
    from tuyengiao.cli import main

    target = tmp_path / "bao-cao.xlsx"
    with pytest.raises(SystemExit) as done:
        main(["report", str(PLANS), "--period", "2022-Q2", "--today", "2022-07-05",
              "--format", "xlsx", "-o", str(target)])  # fmt: skip
    assert done.value.code == 0
    soffice(tmp_path, CSV_FILTER, target)
    table = (tmp_path / "bao-cao-Phụ lục 1.csv").read_text("utf-8")
    assert "KẾT QUẢ THỰC HIỆN THEO NHIỆM VỤ" in table and "Kèm theo" in table
    assert "Tổng cộng" in table and "CÔNG ĐOÀN VIÊN CHỨC VIỆT NAM" in table
