"""The HTML report in a real browser: headless Chromium prints it to A4 and logs no error.

Needs Debian's `chromium` package, and poppler-utils' `pdffonts` and `pdftotext` for
the printed PDF (CI installs them); skipped, with the reason shown, only when no
`chromium` binary is on PATH, and never when TUYENGIAO_REQUIRE_BROWSER=1 (then a
missing tool fails). The page count holds with Tinos (Times New Roman's metrics,
package fonts-croscore) and Liberation Serif. `UPDATE_GOLDEN=1` also refreshes the
README's screenshot, docs/report-q2-2022.png, and its printed page 2,
docs/report-q2-2022-html-page2.png.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_TODAY

CHROMIUM = shutil.which("chromium")
# CI sets this so that a missing browser fails the run instead of skipping the test.
REQUIRED = os.environ.get("TUYENGIAO_REQUIRE_BROWSER") == "1"
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not REQUIRED,
    reason="no `chromium` binary on PATH (apt-get install chromium)",
)

#: Pages of the sample's 2022-Q2 report; a change here is a layout change to review.
SAMPLE_PAGES = 22
#: Families the printed report may embed: Times New Roman and its metric twins with
#: every Vietnamese letter, or a serif fallback; never a sans face.
SERIF_FAMILIES = ("TimesNewRoman", "Times-", "Tinos", "LiberationSerif", "DejaVuSerif")
A4_POINTS = (595.28, 841.89)
SCREENSHOT = REPO / "docs" / "report-q2-2022.png"
#: The README's printed page 2 (results table and chart), refreshed with UPDATE_GOLDEN=1.
PRINTED_PAGE = REPO / "docs" / "report-q2-2022-html-page2.png"
WINDOW = (1240, 1754)  # A4 at 150 dpi

_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def chromium(page: Path, profile: Path, *flags: str) -> str:
    """Run headless Chromium on `page` with output `flags`; return what it logged."""
    assert CHROMIUM is not None, "TUYENGIAO_REQUIRE_BROWSER=1 but no `chromium` on PATH"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        "--enable-logging=stderr",
        "--v=0",
        *flags,
        page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr


def console_errors(log: str) -> list[str]:
    """Lines of Chromium's log that come from the page's console or an uncaught error."""
    return [line for line in log.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def pdf_pages(pdf: bytes) -> tuple[int, list[tuple[float, float]]]:
    """The page count and each MediaBox's width and height in points."""
    boxes = [
        (float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in _MEDIA_BOX.findall(pdf)
    ]
    return len(_PAGE.findall(pdf)), boxes


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's HTML report on 2022-Q2, written by the console script."""
    target = tmp_path_factory.mktemp("browser") / "report.html"
    script = Path(sys.executable).with_name("tuyengiao")  # the installed console script
    program = [str(script)] if script.exists() else [sys.executable, "-m", "tuyengiao"]
    arguments = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2"]
    arguments += ["--format", "html", "-o", str(target)]
    subprocess.run([*program, *arguments], cwd=REPO, check=True, capture_output=True, timeout=60)
    return target


def test_prints_to_stable_a4_pages_without_console_errors(
    sample_html: Path, tmp_path: Path
) -> None:
    counts = []
    for attempt in (1, 2):
        pdf = tmp_path / f"report-{attempt}.pdf"
        log = chromium(sample_html, tmp_path / f"profile-{attempt}", f"--print-to-pdf={pdf}")
        assert console_errors(log) == []
        count, boxes = pdf_pages(pdf.read_bytes())
        assert len(boxes) == count
        for width, height in boxes:  # A4 portrait, to within a point
            assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1
        counts.append(count)
    assert counts == [SAMPLE_PAGES, SAMPLE_PAGES]


def poppler(tool: str, *arguments: str) -> str:
    """The output of a poppler-utils tool (`pdffonts`, `pdftotext`)."""
    binary = shutil.which(tool)
    assert binary is not None, f"no `{tool}` on PATH (apt-get install poppler-utils)"
    done = subprocess.run([binary, *arguments], capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8", errors="replace")


def embedded_fonts(pdf: Path) -> list[tuple[str, bool]]:
    """Each font of the PDF by base name (subset prefix dropped) and whether it is embedded."""
    lines = poppler("pdffonts", str(pdf)).splitlines()[2:]  # after the two header lines
    found = []
    for line in lines:
        fields = line.split()
        name = fields[0].split("+", 1)[-1]
        embedded = fields[-5] == "yes"  # emb sub uni object ID: the fifth from the end
        found.append((name, embedded))
    return found


@pytest.fixture(scope="module")
def sample_pdf(sample_html: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's HTML report printed to PDF by Chromium."""
    folder = tmp_path_factory.mktemp("print")
    pdf = folder / "report.pdf"
    chromium(sample_html, folder / "profile", f"--print-to-pdf={pdf}")
    return pdf


def test_printed_fonts_are_embedded_serif_faces_only(sample_pdf: Path) -> None:
    fonts = embedded_fonts(sample_pdf)
    assert fonts, "the PDF names no font"
    for name, embedded in fonts:
        assert embedded, f"{name} is not embedded"
        assert name.startswith(SERIF_FAMILIES), f"{name} is not a serif face of the stack"
        assert "Sans" not in name


def test_font_check_catches_a_sans_fallback(tmp_path: Path) -> None:
    """The check above can fail: a page set in a sans face is caught."""
    page = tmp_path / "sans.html"
    page.write_text('<!DOCTYPE html><p style="font-family: sans-serif">ạ ỹ ơ ư</p>', "utf-8")
    pdf = tmp_path / "sans.pdf"
    chromium(page, tmp_path / "profile", f"--print-to-pdf={pdf}")
    assert not all(name.startswith(SERIF_FAMILIES) for name, _ in embedded_fonts(pdf))


def test_printed_report_has_every_section_in_order(sample_pdf: Path) -> None:
    text = " ".join(poppler("pdftotext", "-layout", str(sample_pdf), "-").split())
    headings = [
        "BÁO CÁO",
        "I. ĐẶC ĐIỂM TÌNH HÌNH",
        "II. KẾT QUẢ THỰC HIỆN",
        "Hoạt động tiêu biểu:",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ III NĂM 2022",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
        "Trên đây là báo cáo",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
        "Phụ lục 1",
        "CÁC HOẠT ĐỘNG HOÀN THÀNH TRONG KỲ",
        "TỔNG HỢP KIẾN NGHỊ CỦA CÁC CÔNG ĐOÀN TRỰC THUỘC",
    ]
    place = 0
    for heading in headings:  # each found after the one before it
        found = text.find(heading, place)
        assert found >= 0, heading
        place = found + len(heading)
    assert "cd-thanh-tra-chinh-phu" not in text  # no slug in the document


def test_printed_page_picture(sample_pdf: Path, tmp_path: Path) -> None:
    """The README's picture of a printed page is an A4 page at 80 dpi."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        poppler("pdftoppm", "-f", "2", "-l", "2", "-r", "80", "-png", "-singlefile",
                str(sample_pdf), str(tmp_path / "page"))  # fmt: skip
        shutil.copyfile(tmp_path / "page.png", PRINTED_PAGE)
    width, height = png_size(PRINTED_PAGE.read_bytes())
    assert (width, height) == (662, 936)  # A4 at 80 dpi, rounded up


def test_screenshot(sample_html: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    width, height = WINDOW
    size = f"--window-size={width},{height}"
    log = chromium(sample_html, tmp_path / "profile", f"--screenshot={shot}", size)
    assert console_errors(log) == []
    assert png_size(shot.read_bytes()) == (width, height)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
    assert png_size(SCREENSHOT.read_bytes()) == (width, height)


def test_console_check_catches_a_script_error(tmp_path: Path) -> None:
    """The check above can fail: a page whose script throws is caught."""
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>no_such_function()</script>", "utf-8")
    log = chromium(page, tmp_path / "profile", f"--print-to-pdf={tmp_path / 'bad.pdf'}")
    assert any("no_such_function" in line for line in console_errors(log))
