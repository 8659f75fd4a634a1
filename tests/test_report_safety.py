"""Reports never execute plan text: escaping in every format, the template sandbox, safe writes."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.conftest import PLANS, SAMPLE_TODAY, Run
from tuyengiao.output import MARKER
from tuyengiao.report.filters import html_finalize, md_cell

GOLDEN = Path(__file__).parent / "golden"

HOSTILE_UNION = "Công đoàn <script>alert(1)</script> | {{ 7*7 }}"
HOSTILE_TITLE = "<img src=x onerror=alert(1)>\na | b\n`mã`\n{{ 7*7 }} {% if true %}X{% endif %}"

CONFIG = """\
organization:
  parent: "TỔNG <b>LIÊN</b> ĐOÀN"
  name: "CĐ {{ 7*7 }} | <i>x</i>"
  place: Hà Nội
report:
  number: "<script>1</script>/BC"
  signer: {on_behalf: "TM. <u>BTV</u>", title: "CHỦ TỊCH", name: "Nguyễn `Văn` A"}
  recipients: ["<a href='https://evil.example'>x</a>", "Lưu: VT | TG."]
"""

PLAN = """\
version: 1
guidance: "2022"
union: {id: cd-hostile, name: "Công đoàn <script>alert(1)</script> | {{ 7*7 }}"}
activities:
  - id: overdue-one
    task: 1
    title: |-
      <img src=x onerror=alert(1)>
      a | b
      `mã`
      {{ 7*7 }} {% if true %}X{% endif %}
    due: 2022-05-01
    status: planned
    owner: "<svg onload=alert(1)>"
"""

BROKEN = """\
version: 1
guidance: "2022"
union: {id: cd-broken, name: Công đoàn Lỗi}
activities:
  - {id: a, task: 1, title: T, due: 2022-05-01, status: "<script>x</script>"}
"""


class Page(HTMLParser):
    """The parts of an HTML page a safety check looks at: tags, style sheets, visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._inside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag in ("style", "svg"):
            self._inside.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._inside and self._inside[-1] == tag:
            self._inside.pop()

    def handle_data(self, data: str) -> None:
        if not self._inside:
            self.text.append(data)
        elif self._inside[-1] == "style":
            self.styles.append(data)


_UNSAFE_TAGS = ("script", "iframe", "object", "embed", "link", "img", "base", "form")
# `url(#pattern)` names a pattern of the same page (the chart's fills): no fetch.
_NETWORK = re.compile(r"https?:|//|url\((?!\s*['\"]?#)|@import", re.IGNORECASE)


def html_problems(html: str) -> list[str]:
    """Scripts, event handlers and network references in an HTML report (empty: safe).

    Plan text may mention a URL; shown as text it is harmless. What must not exist is
    markup that runs or fetches: script, handlers, and URLs in attributes or style sheets.
    """
    page = Page()
    page.feed(html)
    problems = []
    if re.search(r"<script", html, re.IGNORECASE):
        problems.append("a <script> tag")
    for tag, attrs in page.tags:
        if tag in _UNSAFE_TAGS or (tag == "meta" and any(n == "http-equiv" for n, _ in attrs)):
            problems.append(f"a <{tag}> element")
        for name, value in attrs:
            if name.lower().startswith("on"):
                problems.append(f"an event handler {name}= on <{tag}>")
            if value and _NETWORK.search(value):
                problems.append(f"a reference {name}={value!r} on <{tag}>")
    if any(_NETWORK.search(style) for style in page.styles):
        problems.append("a network reference in a style sheet")
    return problems


@pytest.fixture
def hostile(workspace: Path) -> Path:
    """A workspace whose config and plans are full of markup and template syntax."""
    (workspace / "tuyengiao.yaml").write_text(CONFIG, encoding="utf-8")
    plans = workspace / "plans"
    plans.mkdir()
    (plans / "hostile.yaml").write_text(PLAN, encoding="utf-8")
    (plans / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return workspace


def report(run: Run, cwd: Path, *args: str) -> str:
    """`tuyengiao report plans` on 2022-Q2 as of the sample day; must succeed."""
    outcome = run("report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", *args, cwd=cwd)
    assert outcome.exit_code == 0, outcome.stderr
    return outcome.stdout


# --- escaping ---------------------------------------------------------------------


def test_html_shows_plan_text_literally(run: Run, hostile: Path) -> None:
    html = report(run, hostile, "--format", "html")
    assert html_problems(html) == []
    page = Page()
    page.feed(html)
    text = "".join(page.text)
    assert HOSTILE_UNION in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "{{ 7*7 }} {% if true %}X{% endif %}" in text
    assert "<svg onload=alert(1)>" not in html  # the owner is not shown, and never raw
    assert "CĐ {{ 7*7 }} | <i>x</i>" in text  # config values are data too
    assert "<script>x</script>" not in text  # the left-out file's error: stderr, not the report
    assert "49" not in text


def test_markdown_shows_plan_text_literally_and_tables_hold(run: Run, hostile: Path) -> None:
    markdown = report(run, hostile)
    assert "<script" not in markdown.lower()
    assert "<img" not in markdown
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script" not in rendered.lower()
    assert "<img" not in rendered
    page = Page()
    page.feed(rendered)
    text = "".join(page.text)
    assert "Công đoàn <script>alert(1)</script> | {{ 7*7 }}" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "a | b" in text
    assert "`mã`" in text  # a backtick stays a character, not code
    assert "{{ 7*7 }} {% if true %}X{% endif %}" in text
    assert "49" not in text
    # Every table row has as many cells as its header: the pipe and newlines did not break it.
    for table in re.findall(r"<table>.*?</table>", rendered, re.DOTALL):
        header = len(re.findall(r"<th[ >]", table.split("</thead>")[0]))
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], re.DOTALL):
            assert len(re.findall(r"<td", row)) == header


def test_json_keeps_plan_text_exactly(run: Run, hostile: Path) -> None:
    document = json.loads(report(run, hostile, "--format", "json"))
    assert HOSTILE_UNION in [union["name"] for union in document["unions"]]
    assert document["overdue"][0]["title"] == HOSTILE_TITLE
    assert document["organization"]["name"] == "CĐ {{ 7*7 }} | <i>x</i>"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a | b", r"a \| b"),
        ("<script>", "&lt;script&gt;"),
        ("x\ny\r\nz\u2028w", "x<br>y<br>z<br>w"),
        ("`code` *b* _i_ [l](u) ~s~ $m$ #h", r"\`code\` \*b\* \_i\_ \[l\](u) \~s\~ \$m\$ \#h"),
        ("- item", r"\- item"),
        ("12. item", r"12\. item"),
        ("1.250 người", "1.250 người"),
        ("A & B", "A &amp; B"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_md_cell(text: str, escaped: str) -> None:
    assert md_cell(text) == escaped


class _Text(str):
    """Text that is not a plain `str`: the filters take their general way for it."""

    __slots__ = ()


#: Cell-like text: letters, digits, spaces, Markdown's and HTML's characters, controls.
_CELLS = st.text(st.sampled_from([*"aĐ ề1.-+)(#*_|<&>`~$[]\\", "\n", "\x1b", "\u2028", "\xa0"]))


@given(_CELLS)
def test_plain_text_short_ways_change_nothing(text: str) -> None:
    """md_cell and html_finalize pass most plain strings on at once: the same result as
    their general way."""
    assert md_cell(text) == md_cell(_Text(text))
    assert html_finalize(text) == html_finalize(_Text(text))


# --- the HTML report is self-contained and inert --------------------------------------


def test_sample_html_report_is_safe() -> None:
    html = (GOLDEN / "sample-2022-q2.html").read_text(encoding="utf-8")
    assert html_problems(html) == []
    assert "http://" not in html and "https://" not in html
    assert re.search(r"""(?:src|href)\s*=\s*["']?//""", html) is None
    assert "<style>" in html and "<svg" in html  # inline CSS and inline charts
    assert html.index(MARKER) < 4096


def test_safety_check_can_fail() -> None:
    """The checker itself: each kind of unsafe HTML is caught."""
    assert html_problems('<p onclick="x()">') == ["an event handler onclick= on <p>"]
    assert html_problems("<SCRIPT>x</SCRIPT>") != []
    assert html_problems('<a href="//cdn.example/x.js">') != []
    assert html_problems('<svg><use href="https://x.example/s.svg#a"></use></svg>') != []
    assert html_problems('<meta http-equiv="refresh" content="0;url=https://x.example">') != []
    assert html_problems("<style>@font-face{src:url(https://f.example/a.woff)}</style>") != []
    assert html_problems("<p>https://example.vn là trang tin</p>") == []  # text, not a link


# --- the sandbox ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "source", "fmt"),
    [
        ("report.md.j2", "{{ ''.__class__.__mro__ }}", "md"),
        ("report.html.j2", "{{ cycler.__init__.__globals__ }}", "html"),
        ("report.md.j2", "{{ report.unions[0].__class__ }}", "md"),
    ],
)
def test_user_template_cannot_reach_python_internals(
    run: Run, workspace: Path, name: str, source: str, fmt: str
) -> None:
    shutil.copytree(PLANS, workspace / "plans")
    folder = workspace / "mine"
    folder.mkdir()
    (folder / name).write_text(source, encoding="utf-8")
    outcome = run(
        "report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", "--format", fmt,
        "--templates", "mine", cwd=workspace,
    )  # fmt: skip
    assert outcome.exit_code == 2
    assert outcome.stdout == ""
    assert f"mine/{name}, dòng 1" in outcome.stderr
    assert "unsafe" in outcome.stderr
    assert "môi trường cách ly" in outcome.stderr
    assert "Traceback" not in outcome.stderr


def test_template_mistakes_are_usage_errors(run: Run, workspace: Path) -> None:
    shutil.copytree(PLANS, workspace / "plans")
    templates = workspace / "plans" / "templates"  # beside the config: the workspace's own
    templates.mkdir()
    (templates / "report.md.j2").write_text("a\n{{ report.no_such_field }}\n", encoding="utf-8")
    outcome = run("report", "--today", SAMPLE_TODAY, "--period", "2022-Q2", cwd=workspace)
    assert outcome.exit_code == 2
    assert "plans/templates/report.md.j2, dòng 2" in outcome.stderr
    assert "no_such_field" in outcome.stderr


def test_workspace_template_overrides_one_file(run: Run, workspace: Path) -> None:
    shutil.copytree(PLANS, workspace / "plans")
    partials = workspace / "plans" / "templates" / "partials"
    partials.mkdir(parents=True)
    (partials / "footer.html.j2").write_text(
        "<footer>Chữ ký riêng: {{ report.unions[0].name }} & {{ '<b>' }}</footer>\n",
        encoding="utf-8",
    )
    html = report(run, workspace, "--format", "html")
    assert "<footer>Chữ ký riêng: Công đoàn Bộ Tư pháp & &lt;b&gt;</footer>" in html
    assert "BÁO CÁO" in html  # the rest is still the built-in template
    assert "Nơi nhận" not in html


# --- writing the report -----------------------------------------------------------------


@pytest.fixture
def sample(workspace: Path) -> Path:
    """A copy of the sample workspace, as the current folder."""
    shutil.copytree(PLANS, workspace / "plans")
    return workspace


def write(run: Run, cwd: Path, target: str, *more: str, today: str = SAMPLE_TODAY) -> int:
    """Run `report -o target`; return the exit code."""
    outcome = run(
        "report", "plans", "--today", today, "--period", "2022-Q2", "-o", target, *more, cwd=cwd
    )
    assert "Traceback" not in outcome.stderr
    return outcome.exit_code


@pytest.mark.parametrize("target", ["plans/2022/cd-bo-tu-phap.yaml", "plans/tuyengiao.yaml"])
def test_never_writes_over_an_input(run: Run, sample: Path, target: str) -> None:
    before = (sample / target).read_bytes()
    assert write(run, sample, target, "--force") == 2
    assert (sample / target).read_bytes() == before


def test_never_writes_over_a_template(run: Run, sample: Path) -> None:
    template = sample / "plans" / "templates" / "report.md.j2"
    template.parent.mkdir()
    template.write_text("{{ report.period.label }}\n", encoding="utf-8")
    assert write(run, sample, "plans/templates/report.md.j2", "--force") == 2
    assert template.read_text(encoding="utf-8") == "{{ report.period.label }}\n"


def test_refuses_a_foreign_file_unless_forced(run: Run, sample: Path) -> None:
    notes = sample / "notes.md"
    notes.write_text("ghi chép của tôi\n", encoding="utf-8")
    outcome = run(
        "report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", "-o", "notes.md",
        cwd=sample,
    )  # fmt: skip
    assert outcome.exit_code == 2
    assert "notes.md" in outcome.stderr and "--force" in outcome.stderr
    assert notes.read_text(encoding="utf-8") == "ghi chép của tôi\n"
    assert write(run, sample, "notes.md", "--force") == 0
    assert MARKER in notes.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_replaces_its_own_output_without_force(run: Run, sample: Path, fmt: str) -> None:
    target = sample / f"out/report.{fmt}"
    assert write(run, sample, f"out/report.{fmt}", "--format", fmt, today="2022-06-01") == 0
    first = target.read_text(encoding="utf-8")
    assert write(run, sample, f"out/report.{fmt}", "--format", fmt) == 0
    second = target.read_text(encoding="utf-8")
    assert first != second  # a different evaluation day, a different report
    assert second == report(run, sample, "--format", fmt)  # the same text as on stdout


def test_refuses_a_folder(run: Run, sample: Path) -> None:
    (sample / "out").mkdir()
    assert write(run, sample, "out") == 2


# --- usage errors ---------------------------------------------------------------------------


@pytest.mark.parametrize("period", ["2022-Q5", "Q2", "quý 2", "2022-H3", ""])
def test_bad_period_is_a_usage_error(run: Run, period: str) -> None:
    outcome = run("report", str(PLANS), "--today", SAMPLE_TODAY, "--period", period)
    assert outcome.exit_code == 2
    assert "không phải kỳ báo cáo hợp lệ" in outcome.stderr
    assert outcome.stdout == ""


def test_missing_templates_folder_and_paths(run: Run, sample: Path) -> None:
    args = ("--today", SAMPLE_TODAY, "--period", "2022-Q2")
    outcome = run("report", "plans", *args, "--templates", "nowhere", cwd=sample)
    assert outcome.exit_code == 2 and "nowhere" in outcome.stderr
    outcome = run("report", "no-such-folder", *args, cwd=sample)
    assert outcome.exit_code == 2 and "no-such-folder" in outcome.stderr
