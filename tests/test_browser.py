"""The HTML report in a real browser: headless Chromium prints it to A4 and logs no error.

Needs Debian's `chromium` package (CI installs it); skipped, with the reason shown,
only when no `chromium` binary is on PATH, and never when TUYENGIAO_REQUIRE_BROWSER=1.
The page count holds with Liberation Serif (Times New Roman's metrics, package
fonts-liberation) and with the DejaVu Serif fallback. `UPDATE_GOLDEN=1` also
refreshes the README's screenshot, docs/report-q2-2022.png.
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
SAMPLE_PAGES = 5
A4_POINTS = (595.28, 841.89)
SCREENSHOT = REPO / "docs" / "report-q2-2022.png"
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
