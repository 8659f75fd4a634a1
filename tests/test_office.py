"""The Word report through LibreOffice, and the fonts of both printed reports, via poppler.

`soffice --headless --convert-to pdf` lays the docx out as an office would print it;
poppler's `pdfinfo`, `pdftotext` and `pdffonts` then read the PDF: A4 pages, a page
count that does not move between runs, the text of every section, and only serif
faces embedded (Times New Roman, or the metric twins LibreOffice and Chromium put in
its place on Linux: Liberation Serif, Tinos), never a sans fallback for ạ…ỹ.
The HTML report printed by Chromium (tests/test_browser.py's helpers) gets the same
font check.

Needs Debian's `libreoffice-writer-nogui` and `poppler-utils` (CI installs them);
skipped, with the reason shown, only when they are missing and
TUYENGIAO_REQUIRE_OFFICE is not 1. `UPDATE_GOLDEN=1` refreshes the README's picture
of the docx's first page, docs/report-q2-2022-docx.png.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, SAMPLE_TODAY
from tests.report_text import section_headings
from tests.test_browser import CHROMIUM, chromium, png_size, sample_html  # noqa: F401 - a fixture
from tests.test_browser import REQUIRED as BROWSER_REQUIRED

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = {name: shutil.which(name) for name in ("pdfinfo", "pdftotext", "pdffonts", "pdftoppm")}
# CI sets this so that a missing LibreOffice or poppler fails the run instead of skipping.
REQUIRED = os.environ.get("TUYENGIAO_REQUIRE_OFFICE") == "1"
MISSING = [name for name, path in {"soffice": SOFFICE, **POPPLER}.items() if path is None]
pytestmark = pytest.mark.skipif(
    bool(MISSING) and not REQUIRED,
    reason=f"missing {', '.join(MISSING)} (apt-get install libreoffice-writer-nogui poppler-utils)",
)

PICTURE = REPO / "docs" / "report-q2-2022-docx.png"
#: Faces a printed report may embed: Times New Roman and its serif metric twins.
SERIF = re.compile(r"^(TimesNewRoman|Times-Roman|Times|LiberationSerif|Tinos)([,-].*)?$")
A4 = (595.28, 841.89)


def tool(name: str) -> str:
    """The path of a poppler tool, failing (not skipping) when it is missing."""
    path = POPPLER.get(name)
    assert path is not None, f"TUYENGIAO_REQUIRE_OFFICE=1 but no `{name}` (poppler-utils)"
    return path


def run_tool(*command: str, timeout: float = 60) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def to_pdf(docx: Path, folder: Path) -> Path:
    """LibreOffice's PDF of `docx`, with a private profile so parallel runs do not clash."""
    assert SOFFICE is not None, "TUYENGIAO_REQUIRE_OFFICE=1 but no `soffice` (LibreOffice)"
    folder.mkdir(parents=True, exist_ok=True)
    profile = (folder / "profile").resolve().as_uri()
    command = [
        SOFFICE,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(docx),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    pdf = folder / f"{docx.stem}.pdf"
    assert done.returncode == 0 and pdf.is_file(), done.stdout + done.stderr
    return pdf


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Every page's width and height in points, from `pdfinfo -f 1 -l N`."""
    found = re.search(r"^Pages:\s+(\d+)", run_tool(tool("pdfinfo"), str(pdf)), re.M)
    assert found is not None, "pdfinfo gave no page count"
    pages = int(found[1])
    info = run_tool(tool("pdfinfo"), "-f", "1", "-l", str(pages), str(pdf))
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    return [(float(width), float(height)) for width, height in sizes]


def fonts(pdf: Path) -> list[tuple[str, bool]]:
    """Each font of the PDF: its name without the subset prefix, and whether it is embedded."""
    lines = run_tool(tool("pdffonts"), str(pdf)).splitlines()[2:]
    found = []
    for line in lines:
        fields = line.split()
        name = fields[0].split("+", 1)[-1]
        # name, type (one or more words), encoding, emb, sub, uni, object, id
        found.append((name, fields[-5] == "yes"))
    return found


def not_serif(pdf: Path) -> list[str]:
    """The fonts of `pdf` that are not an embedded serif face of the allowed ones."""
    return [name for name, embedded in fonts(pdf) if not embedded or not SERIF.match(name)]


def words(text: str) -> str:
    """Text without white space: pdftotext breaks lines, and justified lines inside words.

    A non-breaking hyphen (in "308/KH‑CĐVC") is extracted as a plain one.
    """
    return "".join(text.replace("\u2011", "-").split())


def report(cwd: Path, target: Path, fmt: str) -> None:
    """The sample's 2022-Q2 report, by the installed console script."""
    script = Path(sys.executable).with_name("tuyengiao")
    program = [str(script)] if script.exists() else [sys.executable, "-m", "tuyengiao"]
    arguments = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2"]
    arguments += ["--format", fmt, "-o", str(target)]
    subprocess.run([*program, *arguments], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The sample's Word report on 2022-Q2, and the JSON model it shows."""
    folder = tmp_path_factory.mktemp("office")
    target = folder / "report.docx"
    report(REPO, target, "docx")
    report(REPO, folder / "report.json", "json")
    document = json.loads((folder / "report.json").read_text("utf-8"))["document"]
    return target, document


def test_libreoffice_prints_stable_a4_pages_with_every_section(
    sample_docx: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    docx, document = sample_docx
    counts = []
    text = ""
    for attempt in (1, 2):
        pdf = to_pdf(docx, tmp_path / f"run-{attempt}")
        sizes = page_sizes(pdf)
        assert sizes, "no page"
        for width, height in sizes:  # A4 portrait, to within a point
            assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1
        counts.append(len(sizes))
        text = words(run_tool(tool("pdftotext"), "-layout", str(pdf), "-"))
    assert counts[0] == counts[1] and counts[0] >= 2
    expected = [
        document["opening"]["kind"],
        document["opening"]["subject"],
        document["opening"]["place_date"],
        *section_headings(document),
        document["closing"],
        document["signature"]["recipients_label"],
    ]
    expected += [task["heading"] for task in document["results"]["tasks"]]
    expected += [table["title"] for table in document["annex"]["tables"]]
    expected += [table["attached"] for table in document["annex"]["tables"]]
    expected += list(document["signature"]["title"])
    expected += [document["signature"]["name"]] if document["signature"]["name"] else []
    for line in expected:
        assert words(line) in text, line
    sections = [text.index(words(line)) for line in expected[3:10]]
    assert sections == sorted(sections)  # DESIGN's order


def test_libreoffice_embeds_serif_faces_only(
    sample_docx: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    docx, _ = sample_docx
    pdf = to_pdf(docx, tmp_path)
    assert fonts(pdf), "no font in the PDF"
    assert not_serif(pdf) == []
    # The README's picture of page 1, as LibreOffice draws it.
    prefix = tmp_path / "page"
    run_tool(
        tool("pdftoppm"),
        "-png",
        "-r",
        "60",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        str(pdf),
        str(prefix),
    )
    shot = prefix.with_suffix(".png")
    expected = png_size(shot.read_bytes())
    assert abs(expected[0] - 496) <= 1 and abs(expected[1] - 702) <= 1  # A4 at 60 dpi
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.copyfile(shot, PICTURE)
    assert png_size(PICTURE.read_bytes()) == expected


def test_chromium_embeds_serif_faces_only(sample_html: Path, tmp_path: Path) -> None:  # noqa: F811
    """The HTML report printed by the browser: the same serif-only check."""
    if CHROMIUM is None and not (BROWSER_REQUIRED or REQUIRED):
        pytest.skip("no `chromium` binary on PATH (apt-get install chromium)")
    pdf = tmp_path / "report.pdf"
    chromium(sample_html, tmp_path / "profile", f"--print-to-pdf={pdf}")
    assert fonts(pdf), "no font in the PDF"
    assert not_serif(pdf) == []


def test_font_check_catches_a_sans_face(tmp_path: Path) -> None:
    """The check above can fail: a document set in a sans face is caught."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("Chữ không chân: ạ ặ ỹ ơ ư").runs[0].font.name = "DejaVu Sans"
    doc.save(str(tmp_path / "sans.docx"))
    pdf = to_pdf(tmp_path / "sans.docx", tmp_path / "out")
    assert any("Sans" in name for name in not_serif(pdf))
