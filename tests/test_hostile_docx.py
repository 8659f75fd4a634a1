"""The Word template has the `.j2` templates' seal and budget (issue 24, item 1).

- `report.docx` is read only from inside its folder, as a regular file of at most
  16 MiB: a FIFO, a link to `/dev/zero`, to nothing or out of the folder, a folder of
  that name are refused with exit 2, never replaced by the built-in template;
- its zip is bounded before a part is expanded (parts, each part's size, the total, the
  compression ratio), and no XML part may declare a DOCTYPE or an entity;
- it renders under the `.j2` budget (time, output, size of values, memory), with the
  same message naming the file;
- docxtpl's clean-up stays linear (tags must open and close in turn);
- plan text comes out as written (`{_{ 7*7 }_}` included), and a text too long for
  Word is named as that text, not as a fault of the template.

Every hostile file is made here, none committed. Times and peaks are printed, and
checked only loosely (growth ratios, generous bounds).
"""

from __future__ import annotations

import os
import resource
import shutil
import time
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest

from tests.conftest import PLANS, REPO, SAMPLE_TODAY, Run
from tuyengiao.report import budget, docx_seal

BUILTIN = REPO / "templates" / "report.docx"
CRASH = ("Traceback", "Lỗi nội bộ", "Internal error")
PLAN = "plans/2022/cd-bo-tu-phap.yaml"


@pytest.fixture
def ws(workspace: Path) -> Path:
    """The sample workspace as the current folder, with an empty `own/` template folder."""
    shutil.copytree(PLANS, workspace / "plans")
    (workspace / "own").mkdir()
    return workspace


def docx_report(run: Run, ws: Path, *more: str) -> tuple[int, str, float]:
    """`report -f docx -o out.docx --templates own`: exit code, stderr and seconds."""
    args = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", "-f", "docx"]
    started = time.monotonic()
    outcome = run(*args, "-o", "out.docx", "--templates", "own", *more, cwd=ws)
    seconds = time.monotonic() - started
    for crash in CRASH:
        assert crash not in outcome.stdout + outcome.stderr, outcome.stderr
    if outcome.exit_code:
        assert not (ws / "out.docx").exists()  # nothing written, no temporary file
        assert [p.name for p in ws.iterdir() if p.name.startswith(".out")] == []
    return outcome.exit_code, outcome.stderr, seconds


def with_parts(changes: dict[str, bytes], source: Path = BUILTIN) -> bytes:
    """The built-in template with some parts replaced or added."""
    out = BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for entry in old.infolist():
            if entry.filename not in changes:
                new.writestr(entry.filename, old.read(entry))
        for name, data in changes.items():
            new.writestr(name, data)
    return out.getvalue()


def body_with(paragraph_text: str) -> bytes:
    """The built-in template with one more paragraph, holding `paragraph_text`, at the end."""
    with zipfile.ZipFile(BUILTIN) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    end = document.rindex("<w:sectPr")
    text = paragraph_text.replace("&", "&amp;").replace("<", "&lt;")
    paragraph = f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    return with_parts({"word/document.xml": (document[:end] + paragraph + document[end:]).encode()})


# --- loading: the seal ---------------------------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nothing-here.docx")


def _outside(path: Path) -> None:
    secret = path.parent.parent / "secret.docx"
    secret.write_bytes(body_with("BÍ MẬT NGOÀI THƯ MỤC"))
    path.symlink_to(secret)


def _folder(path: Path) -> None:
    path.mkdir()


def _sparse(path: Path) -> None:
    with path.open("wb") as stream:
        stream.truncate(6 * 1024**3)  # 6 GiB, no block written


def _loop(path: Path) -> None:
    path.symlink_to(path)


SPECIAL: dict[str, Callable[[Path], None]] = {
    "fifo": _fifo,
    "dev-zero": _zero,
    "dangling": _dangling,
    "outside": _outside,
    "folder": _folder,
    "sparse-6-GiB": _sparse,
    "loop": _loop,
}


@pytest.mark.parametrize("make", SPECIAL.values(), ids=list(SPECIAL))
def test_a_template_that_is_not_a_plain_file_inside_is_refused(
    run: Run, ws: Path, make: Callable[[Path], None]
) -> None:
    make(ws / "own" / "report.docx")
    code, err, seconds = docx_report(run, ws)
    print(f"\n{make.__name__}: exit {code} in {seconds:.2f} s")
    assert code == 2, err
    assert "report.docx" in err and "own" in err
    assert "BÍ MẬT" not in err
    assert seconds < 30


@pytest.mark.parametrize("make", [_dangling, _loop, _folder], ids=["dangling", "loop", "folder"])
def test_the_j2_templates_share_the_seal(run: Run, ws: Path, make: Callable[[Path], None]) -> None:
    """The same refusals for `report.html.j2` (a link to nothing was the built-in's cue)."""
    make(ws / "own" / "report.html.j2")
    args = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", "-f", "html"]
    outcome = run(*args, "-o", "out.html", "--templates", "own", cwd=ws)
    assert outcome.exit_code == 2, outcome.stderr
    assert "report.html.j2" in outcome.stderr and "own" in outcome.stderr
    assert not (ws / "out.html").exists()


def test_a_plain_template_inside_is_used(run: Run, ws: Path) -> None:
    (ws / "own" / "report.docx").write_bytes(body_with("CHỈ CÓ Ở MẪU RIÊNG"))
    code, err, _ = docx_report(run, ws)
    assert code == 0, err
    with zipfile.ZipFile(ws / "out.docx") as archive:
        assert "CHỈ CÓ Ở MẪU RIÊNG" in archive.read("word/document.xml").decode()


# --- the zip, before a part is expanded ----------------------------------------------


def _many_parts() -> bytes:
    extra = {f"customXml/item{n}.xml": b"<a/>" for n in range(2, docx_seal.MAX_PARTS + 2)}
    return with_parts(extra)


def _big_part() -> bytes:  # a 40 MiB image of zeros: 40 KB in the zip
    return with_parts({"word/media/image1.png": bytes(40 * 1024 * 1024)})


def _bomb() -> bytes:  # a body of 2 MiB of the same run: compressed about 500 times
    with zipfile.ZipFile(BUILTIN) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    end = document.rindex("<w:sectPr")
    runs = "<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 60_000
    return with_parts({"word/document.xml": (document[:end] + runs + document[end:]).encode()})


def _laughs() -> bytes:
    with zipfile.ZipFile(BUILTIN) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    entities = "".join(
        f'<!ENTITY l{n} "{"".join(f"&l{n - 1};" for _ in range(10))}">' for n in range(1, 10)
    )
    head = f'<!DOCTYPE w:document [<!ENTITY l0 "ha">{entities}]>'
    start = document.index("<w:document")
    end = document.rindex("<w:sectPr")
    laughs = "<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>"
    changed = document[:start] + head + document[start:end] + laughs + document[end:]
    return with_parts({"word/document.xml": changed.encode()})


ZIPS: dict[str, tuple[Callable[[], bytes], str]] = {
    "parts": (_many_parts, "1017 phần"),
    "part": (_big_part, "word/media/image1.png"),
    "ratio": (_bomb, "word/document.xml"),
    "doctype": (_laughs, "DOCTYPE"),
}


@pytest.mark.parametrize("case", ZIPS, ids=list(ZIPS))
def test_a_template_zip_past_a_limit_is_refused_unexpanded(run: Run, ws: Path, case: str) -> None:
    make, named = ZIPS[case]
    (ws / "own" / "report.docx").write_bytes(make())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    code, err, seconds = docx_report(run, ws)
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(f"\n{case}: exit {code} in {seconds:.2f} s, peak +{grown / 1024:.0f} MiB")
    assert code == 2, err
    assert "own/report.docx" in err and named in err, err
    assert seconds < 30


def test_an_xml_part_is_bounded_tighter_than_an_image() -> None:
    body = os.urandom(5 * 1024 * 512).hex().encode()  # 5 MiB that hardly compresses
    with pytest.raises(docx_seal.PackageRefusedError) as refused:
        docx_seal.check_package(with_parts({"word/document.xml": body}))
    assert refused.value.kind == "part" and refused.value.fields["limit"] == "4 MiB"
    docx_seal.check_package(with_parts({"word/media/image9.png": body}))  # an image may


def test_the_total_of_the_parts_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_seal, "MAX_TOTAL_BYTES", 50_000)
    with pytest.raises(docx_seal.PackageRefusedError) as refused:
        docx_seal.check_package(BUILTIN.read_bytes())  # 94,658 bytes expanded
    assert refused.value.kind == "total"
    monkeypatch.undo()
    docx_seal.check_package(BUILTIN.read_bytes())  # the built-in one passes every limit


# --- the render budget, the `.j2` one -------------------------------------------------

BUDGET_CASES = {
    "items": ("{{ 'a' * 100000000 }}", "10.000.000"),
    "lipsum": ("{{ lipsum(1000000) }}", "lipsum() tạo ra quá 10.000.000 ký tự"),
    "number": ("{{ 9 ** 999999 }}", "10.000 bit"),
    "output": ("{% for i in range(40) %}{{ 'ab' * 4000000 }}{% endfor %}", "268.435.456 ký tự"),
}


@pytest.mark.parametrize("case", BUDGET_CASES, ids=list(BUDGET_CASES))
def test_the_render_budget_holds_for_word(run: Run, ws: Path, case: str) -> None:
    tag, detail = BUDGET_CASES[case]
    (ws / "own" / "report.docx").write_bytes(body_with(tag))
    code, err, seconds = docx_report(run, ws)
    print(f"\n{case}: exit {code} in {seconds:.2f} s")
    assert code == 2, err
    assert "Mẫu báo cáo own/report.docx đã dừng" in err and detail in err, err
    assert seconds < 30


def test_the_clock_and_output_budgets_hold_for_word(
    run: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "SECONDS", 1.0)
    spin = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    (ws / "own" / "report.docx").write_bytes(body_with(spin))
    code, err, seconds = docx_report(run, ws)
    assert code == 2 and "1 giây" in err, err
    assert seconds < 15
    monkeypatch.setattr(budget, "SECONDS", 30.0)
    monkeypatch.setattr(budget, "OUTPUT_CHARS", 1_000_000)
    (ws / "own" / "report.docx").write_bytes(
        body_with("{% for i in range(500) %}{{ 'a' * 5000 }}{% endfor %}")
    )
    code, err, _ = docx_report(run, ws)
    assert code == 2 and "1.000.000 ký tự" in err, err


def test_the_budget_message_is_the_one_of_j2(run: Run, ws: Path) -> None:
    (ws / "own" / "report.html.j2").write_text("{{ 'a' * 100000000 }}", "utf-8")
    args = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", "-f", "html"]
    html = run(*args, "--templates", "own", cwd=ws)
    (ws / "own" / "report.docx").write_bytes(body_with("{{ 'a' * 100000000 }}"))
    code, err, _ = docx_report(run, ws)
    assert html.exit_code == code == 2
    detail = "một phép tính (*, +, %) tạo ra quá 10.000.000 ký tự hoặc phần tử."
    assert detail in html.stderr and detail in err


# --- docxtpl's clean-up, linear -------------------------------------------------------


def test_braces_after_the_last_tag_are_refused_at_once(run: Run, ws: Path) -> None:
    (ws / "own" / "report.docx").write_bytes(body_with("{{ 1 }}" + "{" * 80_000))
    code, err, seconds = docx_report(run, ws)
    print(f"\n80,000 braces: exit {code} in {seconds:.2f} s (was 78 s)")
    assert code == 2 and "own/report.docx" in err and "{{" in err, err
    assert seconds < 20


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("{{ a {{ b }}", "nested"),
        ("{% if x %}", "ok"),  # closed tags only; Jinja says what is missing
        ("{{ x", "unclosed"),
        ("text -%}" + " -%}" * 10, "stray"),
        ("{# {{ x }} {% y %} #} {{ z }}", "ok"),
        ("{% set d = {'a': {'b': 1}} %}", "ok"),
    ],
)
def test_tags_must_open_and_close_in_turn(text: str, kind: str) -> None:
    xml = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    if kind == "ok":
        docx_seal.check_tags(xml)
        return
    with pytest.raises(docx_seal.TagError) as error:
        docx_seal.check_tags(xml)
    assert error.value.kind == kind


def test_tags_split_over_runs_are_seen_as_docxtpl_joins_them() -> None:
    docx_seal.check_tags("<w:t>{</w:t></w:r><w:r><w:t>{ x }</w:t></w:r><w:r><w:t>}</w:t>")
    with pytest.raises(docx_seal.TagError):
        docx_seal.check_tags("<w:t>{</w:t></w:r><w:r><w:t>{ x </w:t><w:t>{{ y }}</w:t>")


def _clean_up_seconds(count: int) -> float:
    """docxtpl's clean-up of a body holding `count` single braces and `-%` pieces."""
    from tuyengiao.report.docx import _template_class

    template = _template_class()(BytesIO(body_with("{{ 1 }} " + "{ -% %} }" * count)))
    template.init_docx()
    xml = template.get_xml()
    started = time.perf_counter()
    template.patch_xml(xml)
    return time.perf_counter() - started


def test_the_clean_up_grows_linearly() -> None:
    small, large = _clean_up_seconds(5_000), _clean_up_seconds(20_000)
    print(f"\nclean-up: 5,000 pieces {small:.3f} s, 20,000 pieces {large:.3f} s")
    assert large < 5 * small + 0.5


# --- plan text as written ------------------------------------------------------------


def _set_highlights(ws: Path, text: str) -> None:
    plan = ws / PLAN
    lines = plan.read_text("utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("    highlights:"))
    lines[index] = "    highlights: " + text
    plan.write_text("\n".join(lines) + "\n", "utf-8")


def test_docxtpl_escapes_in_plan_text_come_out_as_written(run: Run, ws: Path) -> None:
    _set_highlights(ws, "Thử {_{ 7*7 }_} và {_% if %_}")
    (ws / "own" / "report.docx").write_bytes(body_with("Mẫu: {_{ giữ }_}"))
    code, err, _ = docx_report(run, ws)
    assert code == 0, err
    with zipfile.ZipFile(ws / "out.docx") as archive:
        body = archive.read("word/document.xml").decode()
    assert "Thử {_{ 7*7 }_} và {_% if %_}" in body  # the plan's text, untouched
    assert "Mẫu: {{ giữ }}" in body  # the template's escape, as docxtpl documents it


def test_a_text_too_long_for_word_names_that_text(run: Run, ws: Path) -> None:
    _set_highlights(ws, "Dài " + "x" * 10_000_000)
    args = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", "-f", "docx"]
    started = time.monotonic()
    outcome = run(*args, "-o", "out.docx", cwd=ws)
    print(f"\n10,000,000-character highlights: {time.monotonic() - started:.2f} s")
    assert outcome.exit_code == 2, outcome.stderr
    err = outcome.stderr
    assert "highlights" in err and "Công đoàn Bộ Tư pháp" in err and "10.000.004" in err, err
    assert "mẫu Word không có lỗi" in err
    assert not (ws / "out.docx").exists()


@pytest.mark.parametrize("module", ["docx.oxml.parser", "docx.opc.oxml"])
def test_the_xml_parsers_expand_no_entity(module: str) -> None:
    """python-docx's parsers, which read every part, expand no entity and fetch nothing
    (the DOCTYPE refusal above is the first wall; this is the second)."""
    import importlib

    from lxml import etree

    parser = importlib.import_module(module).oxml_parser
    secret = Path(__file__).resolve()
    xml = (
        f'<!DOCTYPE a [<!ENTITY x "BOOM"><!ENTITY f SYSTEM "file://{secret}">]>'
        "<a><b>&x;</b><c>&f;</c></a>"
    ).encode()
    root = etree.fromstring(xml, parser)
    text = etree.tostring(root, encoding="unicode")
    assert "BOOM" not in "".join(root.itertext()) and "pytest" not in text
    with pytest.raises(etree.XMLSyntaxError):  # huge_tree off: no text node past 10 MB
        etree.fromstring(b"<a>" + b"x" * 11_000_000 + b"</a>", parser)
