"""The báo cáo's sections: dated results, the central text, and sentences as an officer writes.

The sample workspace (plans/) is reported on 2022-Q2 and issued on 05/7/2022, as in
DESIGN's example; E is then 30/6/2022. Smaller cases build their own workspace.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_ANNEX, Run
from tuyengiao.config import resolve_settings
from tuyengiao.files import find_plans
from tuyengiao.guidance import load_guidance
from tuyengiao.i18n import messages
from tuyengiao.models import Activity, Progress
from tuyengiao.periods import parse_period
from tuyengiao.report.context import build_context
from tuyengiao.report.digest import Digester, next_period, results_between, totals_at
from tuyengiao.report.document import Document
from tuyengiao.report.figures import ReportContext
from tuyengiao.report.filters import doc_date
from tuyengiao.report.notes import load_central_notes
from tuyengiao.report.sections import HIGHLIGHTS_PER_TASK
from tuyengiao.report.wording import Writer
from tuyengiao.status import Status
from tuyengiao.workspace import check_workspace

ISSUED = "2022-07-05"


def sample_context(period_id: str = "2022-Q2", today: date = date(2022, 7, 5)) -> ReportContext:
    """The sample's context, with the central notes the CLI would read."""
    msg = messages("vi")
    plans = [Path("plans")]
    with contextlib.chdir(REPO):
        settings = resolve_settings(plans, today=today, msg=msg, cwd=REPO)
        period = parse_period(period_id)
        notes = load_central_notes(REPO / "plans", period.id, msg)
        found = settings.find_plans(plans).files
        result = check_workspace(found, settings, digest=Digester.of(period, today))
    return build_context(result, period, settings.guidance, notes=notes)


@pytest.fixture(scope="module")
def q2() -> Document:
    document = sample_context().document
    assert document is not None
    return document


# --- dated results ------------------------------------------------------------------


def running(*entries: tuple[date, dict[str, int]], **fields: object) -> Activity:
    """An activity of task 2 with `progress` entries (as_of, results)."""
    data: dict[str, object] = {
        "id": "a",
        "task": 2,
        "title": "Tin, bài",
        "due": date(2022, 12, 15),
        "status": Status.IN_PROGRESS,
        "progress": [Progress(as_of=day, results=results) for day, results in entries],
    }
    data.update(fields)
    return Activity(**data)  # type: ignore[arg-type]


Q2 = (date(2022, 4, 1), date(2022, 6, 30))
YEAR = (date(2022, 1, 1), date(2022, 6, 30))


def test_a_window_gets_what_the_totals_grew_in_it() -> None:
    activity = running(
        (date(2022, 3, 31), {"articles": 24, "posts": 60}),
        (date(2022, 6, 30), {"articles": 55, "posts": 131}),
    )
    assert results_between(activity, *Q2) == {"articles": 31, "posts": 71}
    assert results_between(activity, *YEAR) == {"articles": 55, "posts": 131}
    # Before the first entry nothing is known; a window that ends before it gets nothing.
    assert results_between(activity, date(2022, 1, 1), date(2022, 3, 30)) == {}


def test_each_metric_keeps_its_last_known_total() -> None:
    """An entry that leaves a metric out does not reset it."""
    activity = running(
        (date(2022, 3, 31), {"articles": 10, "opinions": 5}),
        (date(2022, 5, 15), {"articles": 20}),
    )
    assert totals_at(activity, date(2022, 6, 30)) == {"articles": 20, "opinions": 5}
    assert results_between(activity, *Q2) == {"articles": 10}


def test_done_day_results_are_the_last_total() -> None:
    activity = running(
        (date(2022, 3, 31), {"articles": 24}),
        status=Status.DONE,
        done=date(2022, 6, 10),
        results={"articles": 50},
    )
    assert results_between(activity, *Q2) == {"articles": 26}
    # Evaluated before the done day, only the progress entries count.
    assert results_between(activity, date(2022, 4, 1), date(2022, 6, 1)) == {}


def test_results_of_an_activity_not_done_count_nowhere() -> None:
    activity = running(results={"articles": 99})
    activity.progress = None
    assert results_between(activity, *YEAR) == {}
    assert totals_at(activity, date(2022, 12, 31)) == {}


def test_totals_that_go_down_add_nothing() -> None:
    """A `date-order` error let through by a severity override never makes a negative figure."""
    activity = running(
        (date(2022, 3, 31), {"articles": 30}),
        (date(2022, 5, 31), {"articles": 20}),
    )
    assert results_between(activity, *Q2) == {}


def test_the_sample_counts_the_articles_of_ongoing_work(q2: Document) -> None:
    """The issue's case: 224 articles written against ongoing activities by 30/6."""
    text = " ".join(q2.results.summary)
    assert "đăng 224 tin, bài" in text  # since 1 January
    assert "đăng 122 tin, bài" in text  # in the period: the totals' growth since 31/3


# --- the next period ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "following"),
    [
        ("2022-Q2", "2022-Q3"),
        ("2022-Q4", "2023-Q1"),
        ("2022-H1", "2022-H2"),
        ("2022-9M", "2022-Q4"),
    ],
)
def test_next_period(period: str, following: str) -> None:
    found = next_period(parse_period(period))
    assert found is not None and found.id == following


def test_after_the_last_period_of_the_catalogue_no_activity_is_listed() -> None:
    document = sample_context("2022-Q4", date(2023, 1, 5)).document
    assert document is not None
    assert document.direction.next_period is None
    assert document.direction.tasks == ()


# --- the document ----------------------------------------------------------------------


def test_dated_the_issue_day_with_figures_as_of_e(q2: Document) -> None:
    assert q2.opening.place_date == "Hà Nội, ngày 05 tháng 7 năm 2022"
    assert q2.opening.paragraphs[1] == (
        "Kỳ báo cáo từ ngày 01/4/2022 đến ngày 30/6/2022; số liệu tính đến ngày 30/6/2022."
    )
    assert (q2.issued, q2.as_of) == ("05/7/2022", "30/6/2022")


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2022, 7, 5), "05/7/2022"),
        (date(2022, 1, 20), "20/01/2022"),
        (date(2022, 12, 31), "31/12/2022"),
    ],
)
def test_document_dates_follow_the_decree(day: date, text: str) -> None:
    assert doc_date(day) == text


def sentences(document: Document) -> list[str]:
    """Every generated sentence of the body (not the tables, not the central text)."""
    found = [*document.situation.facts, *document.results.summary]
    for task in document.results.tasks:
        found += [task.summary, *(line.line for line in task.highlights)]
    found += list(document.assessment.weaknesses.facts)
    for due in document.direction.tasks:
        found += [line.line for line in due.activities]
    return found


def test_sentences_have_no_zero_figure_and_vietnamese_numbers(q2: Document) -> None:
    for sentence in sentences(q2):
        assert not re.search(r"(?<![\d.,/])0(?![\d.,/])", sentence), sentence
        assert not re.search(r"\d,\d{3}", sentence), sentence  # 13.665, never 13,665
    assert any("14.595" in sentence for sentence in sentences(q2))


def test_no_slug_in_the_markdown_body(run: Run) -> None:
    outcome = run("report", "plans", "--today", ISSUED, "--period", "2022-Q2", cwd=REPO)
    assert outcome.exit_code == 0, outcome.stderr
    slugs = re.findall(r"\bcd-[a-z0-9-]+", outcome.stdout)
    assert slugs == []


def test_each_task_has_its_counts_and_highlights(q2: Document) -> None:
    first = q2.results.tasks[0]
    assert first.heading.startswith("2.1. Quán triệt")  # under "2. Kết quả thực hiện …"
    # The states partition the task's activities, and the sentence says every one.
    assert first.summary.startswith(
        "10/11 công đoàn (90,9%) triển khai 22 hoạt động, gồm: 17 hoạt động hoàn thành trong kỳ,"
        " 4 hoạt động hoàn thành trước kỳ và 1 hoạt động quá hạn chưa hoàn thành."
    )
    assert "tổ chức 147 buổi, hội nghị với 14.595 lượt người tham gia" in first.summary
    assert len(first.highlights) == HIGHLIGHTS_PER_TASK
    assert first.more == 17 - HIGHLIGHTS_PER_TASK
    assert first.more_text == (
        "Ngoài ra, còn 12 hoạt động khác hoàn thành trong kỳ (chi tiết tại Phụ lục 7)."
    )
    line = first.highlights[0]
    assert line.line == f"{line.union}: {line.detail}"
    assert "hoàn thành ngày" in line.detail
    # The annex has every one of them, grouped by task.
    done = q2.annex.table("done")
    assert done is not None and len(done.rows) == 39
    assert done.groups[0].label == "1. " + first.heading.split(". ", 1)[1]
    assert len(done.groups[0].rows) == 17


def test_the_central_text_and_the_unions_words(q2: Document) -> None:
    assert q2.situation.central.paragraphs[0].startswith("Quý II năm 2022, tình hình")
    assert len(q2.situation.central.paragraphs) == 2  # one paragraph per line
    weaknesses = q2.assessment.weaknesses
    assert weaknesses.central.paragraphs
    assert any(fact.startswith("Còn 1 công đoàn chưa gửi kế hoạch") for fact in weaknesses.facts)
    assert [note.union for note in weaknesses.unions] == [
        "Công đoàn Bộ Tư pháp",
        "Công đoàn Bộ Nội vụ",
        "Công đoàn Đài Tiếng nói Việt Nam",
    ]
    # The unions' proposals are addressed to CĐVCVN: an annex for it to decide, not V.
    assert q2.proposals.unions == ()
    assert q2.proposals.central.paragraphs[0].startswith("Đề nghị Tổng Liên đoàn")
    proposals = q2.annex.table("proposals")
    assert proposals is not None and proposals.title == (
        "TỔNG HỢP KIẾN NGHỊ CỦA CÁC CÔNG ĐOÀN TRỰC THUỘC"
    )
    assert proposals.rows[0][1:] == (
        "Công đoàn Bộ Tư pháp",
        "Đề nghị Công đoàn Viên chức Việt Nam tổ chức tập huấn kỹ năng truyền thông số"
        " cho cán bộ công đoàn cơ sở.",
    )


def test_without_central_text_a_placeholder_is_ready(tmp_path: Path, run: Run) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(REPO / "plans", workspace / "plans")
    (workspace / "plans" / "reports" / "2022-Q2.yaml").unlink()
    outcome = run(
        "report", "plans", "--today", ISSUED, "-p", "2022-Q2", "-f", "json", cwd=workspace
    )
    assert outcome.exit_code == 0, outcome.stderr
    document = json.loads(outcome.stdout)["document"]
    assert document["situation"]["central"] == {
        "paragraphs": [],
        "placeholder": "[Bổ sung đặc điểm tình hình của kỳ báo cáo.]",
    }
    # The same placeholder in every format: bold in Markdown, highlighted in HTML.
    md = run("report", "plans", "--today", ISSUED, "-p", "2022-Q2", cwd=workspace).stdout
    assert "**\\[Bổ sung đặc điểm tình hình của kỳ báo cáo.\\]**" in md
    html = run("report", "plans", "--today", ISSUED, "-p", "2022-Q2", "-f", "html", cwd=workspace)
    assert "<mark>[Bổ sung đặc điểm tình hình của kỳ báo cáo.]</mark>" in html.stdout
    assert md.count("**\\[Bổ sung") == html.stdout.count("<mark>[Bổ sung") == 6
    assert "**\\[Bổ sung phương hướng, nhiệm vụ quý III năm 2022.\\]**" in md


def test_signature_with_three_title_lines_and_recipients(q2: Document) -> None:
    closing = q2.signature
    assert closing.on_behalf == "TM. BAN THƯỜNG VỤ"
    assert closing.title == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert closing.recipients == (
        "- Tổng LĐLĐ Việt Nam (để báo cáo);",
        "- Thường trực BTV CĐVCVN;",
        "- Lưu: VT, TG-NC.",
    )


def test_annex_groups_unions_by_roster_group(q2: Document) -> None:
    unions = q2.annex.table("unions")
    assert unions is not None
    assert [group.label for group in unions.groups] == [
        "Khối Bộ, ngành Trung ương",
        "Khối cơ quan báo chí, truyền thông",
        "Khối đơn vị sự nghiệp",
    ]
    numbers = [row[0] for row in unions.rows]
    assert numbers == [str(n) for n in range(1, 11)]  # numbered across the groups
    assert [table.id for table in q2.annex.tables] == list(SAMPLE_ANNEX)
    labels = [f"Phụ lục {n}" for n in range(1, len(SAMPLE_ANNEX) + 1)]
    assert [table.label for table in q2.annex.tables] == labels


def test_overdue_list_shows_the_status_at_e() -> None:
    """Q1 of the small workspace run on 20/6: a10, due 15/3 and done 5/4, was open at E = 31/3."""
    from tests.test_report_context import context_for

    context = context_for("2022-Q1")
    assert [(e.activity_id, e.status) for e in context.overdue] == [
        ("a10-ban-tin-thang-3", Status.IN_PROGRESS)  # written "hoàn thành", not yet at E
    ]
    overdue = context.document.annex.table("overdue") if context.document else None
    assert overdue is not None
    assert overdue.rows[0][-1] == "Đang thực hiện"


def test_english_document_has_every_part() -> None:
    msg = messages("en")
    with contextlib.chdir(REPO):
        settings = resolve_settings([Path("plans")], today=date(2022, 7, 5), msg=msg, cwd=REPO)
        period = parse_period("2022-Q2")
        found = find_plans([Path("plans")], settings.config.exclude, REPO / "plans").files
        result = check_workspace(found, settings, digest=Digester.of(period, settings.today))
    document = build_context(result, period, settings.guidance, english=True).document
    assert document is not None
    assert document.results.heading == "II. RESULTS"
    assert document.as_of == "2022-06-30"
    assert "14,595" in document.results.tasks[0].summary


# --- reports/<period>.yaml --------------------------------------------------------------


def write_notes(workspace: Path, text: str) -> Path:
    folder = workspace / "reports"
    folder.mkdir(exist_ok=True)
    path = folder / "2022-Q2.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_notes_file_is_none(tmp_path: Path) -> None:
    assert load_central_notes(tmp_path, "2022-Q2", messages("vi")) is None


def test_notes_are_read(tmp_path: Path) -> None:
    write_notes(tmp_path, "situation: Tình hình ổn định.\nproposals: |\n  Một.\n  Hai.\n")
    notes = load_central_notes(tmp_path, "2022-Q2", messages("vi"))
    assert notes is not None
    assert notes.situation == "Tình hình ổn định."
    assert notes.proposals == "Một.\nHai.\n"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("situation: Có.\nsituaton: Sai tên khóa.\n", 2),  # unknown key
        ("situation: Có.\nstrengths: [một, hai]\n", 2),  # a list where text belongs
        ("situation: [\n", 2),  # not YAML
    ],
)
def test_invalid_notes_are_a_located_usage_error(
    run: Run, workspace: Path, text: str, line: int
) -> None:
    """Exit 2 naming file:line:column, never a traceback, and no half-written -o file."""
    (workspace / "tuyengiao.yaml").write_text("guidance: '2022'\n", encoding="utf-8")
    shutil.copytree(REPO / "tests" / "data" / "report-small" / "plans", workspace / "plans")
    write_notes(workspace, text)
    outcome = run("report", "plans", "--today", ISSUED, "-p", "2022-Q2", "-o", "out.md")
    assert outcome.exit_code == 2
    assert "reports/2022-Q2.yaml" in outcome.stderr
    assert re.search(rf"reports/2022-Q2\.yaml:{line}:\d+: ", outcome.stderr), outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert not (workspace / "out.md").exists()


def test_the_notes_file_is_never_a_target(run: Run, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(REPO / "plans", workspace / "plans")
    target = "plans/reports/2022-Q2.yaml"
    before = (workspace / target).read_bytes()
    outcome = run(
        "report",
        "plans",
        "--today",
        ISSUED,
        "-p",
        "2022-Q2",
        "-o",
        target,
        "--force",
        cwd=workspace,
    )
    assert outcome.exit_code == 2
    assert (workspace / target).read_bytes() == before


def test_notes_and_union_words_are_text_in_every_format(run: Run, tmp_path: Path) -> None:
    """Markup or template syntax in the central text or a plan's `reports:` is shown as written."""
    workspace = tmp_path / "ws"
    shutil.copytree(REPO / "plans", workspace / "plans")
    hostile = "<script>alert(1)</script> {{ 7*7 }} | *đậm*"
    write_notes(workspace / "plans", f"situation: '{hostile}'\n")
    plan = workspace / "plans" / "2022" / "cd-bo-noi-vu.yaml"
    text = re.sub(
        r"(?m)^    highlights: .*$", f"    highlights: '{hostile}'", plan.read_text("utf-8")
    )
    plan.write_text(text, encoding="utf-8")
    args = ("report", "plans", "--today", ISSUED, "-p", "2022-Q2")
    html = run(*args, "-f", "html", cwd=workspace).stdout
    assert "<script>alert" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} | *đậm*") == 2
    markdown = run(*args, cwd=workspace).stdout
    assert "<script>" not in markdown
    assert markdown.count(r"&lt;script&gt;alert(1)&lt;/script&gt; {{ 7\*7 }} \| \*đậm\*") == 2


def test_html_chart_reads_in_black_and_white(run: Run) -> None:
    """Patterns besides colours, counts on the bars, task titles on the axis; serif faces."""
    html = run("report", "plans", "--today", ISSUED, "-p", "2022-Q2", "-f", "html", cwd=REPO).stdout
    assert '<pattern id="pat-in_progress"' in html and '<pattern id="pat-overdue"' in html
    assert ".seg-in_progress { fill: url(#pat-in_progress);" in html
    assert '<rect class="tag"' in html  # a count on a white tag
    assert '<text x="30.0" y="15.0" font-size="13.5" class="bar-title">Quán triệt' in html
    # At least 10 pt printed: 165 mm for the chart's width in units.
    width = float(re.search(r'<svg viewBox="0 0 ([\d.]+) ', html)[1])  # type: ignore[index]
    sizes = [float(size) for size in re.findall(r'<text [^>]*font-size="([\d.]+)"', html)]
    assert min(sizes) * (165 / 25.4 * 72) / width >= 10
    # Done in the period and done before it apart, as the text counts them: task 1's
    # bar carries 17 and 4, the sentence says 17 in the period and 4 before it.
    assert '<pattern id="pat-done_before"' in html
    assert "Hoàn thành trong kỳ: 17</title>" in html
    assert "Hoàn thành trước kỳ: 4</title>" in html
    families = set(re.findall(r"font-family: ([^;]+);", html))
    assert families == {'"Times New Roman", Tinos, "Liberation Serif", "DejaVu Serif", serif'}


def test_a_template_failing_mid_report_leaves_the_old_file(run: Run, tmp_path: Path) -> None:
    """`-o` writes as it renders; a failure in the annex keeps the previous report whole."""
    workspace = tmp_path / "ws"
    shutil.copytree(REPO / "plans", workspace / "plans")
    args = ("report", "plans", "--today", ISSUED, "-p", "2022-Q2", "-f", "html", "-o", "bc.html")
    assert run(*args, cwd=workspace).exit_code == 0
    before = (workspace / "bc.html").read_bytes()
    partials = workspace / "plans" / "templates" / "partials"
    partials.mkdir(parents=True)
    (partials / "annex.html.j2").write_text("<p>\n{{ 1 / 0 }}\n", encoding="utf-8")
    outcome = run(*args, cwd=workspace)
    assert outcome.exit_code == 2
    assert "partials/annex.html.j2, dòng 2" in outcome.stderr
    assert (workspace / "bc.html").read_bytes() == before
    assert sorted(path.name for path in workspace.iterdir()) == ["bc.html", "plans"]


def test_sentences_an_officer_would_write(q2: Document) -> None:
    """Phrases from the catalogue, counts that add up, one spelling, unbreakable numbers."""
    summary = " ".join(q2.results.summary)
    assert (
        "trong 116 hoạt động của các kế hoạch có 39 hoạt động hoàn thành trong kỳ, 13 hoạt"
        " động hoàn thành trước kỳ, 26 hoạt động đang thực hiện trong hạn, 6 hoạt động quá"
        " hạn chưa hoàn thành và 32 hoạt động chưa triển khai" in summary
    )
    assert 39 + 13 + 26 + 6 + 32 == 116
    every = [block.text for block in q2.blocks]
    assert not [text for text in every if text.startswith(("Và ", "và "))]
    assert not [text for text in every if "văn hoá" in text or "bao quát" in text]
    assert any("với tổng số 22.850 đoàn viên" in text for text in every)
    assert any("308/KH\u2011CĐVC" in text for text in every)
    assert not any("308/KH-CĐVC" in text for text in every)
    # IV's sub-heads are numbered 1, 2, 3, … whatever the tasks' own numbers.
    numbers = [task.heading.split(".", 1)[0] for task in q2.direction.tasks]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]


# --- targets and rates ------------------------------------------------------------------


def test_a_task_is_measured_against_its_coverage_and_the_targets_set(q2: Document) -> None:
    first = q2.results.tasks[0]
    # Task 1 of the 2022 catalogue wants every roster union (coverage: 100); one has no plan.
    assert first.summary.startswith("10/11 công đoàn (90,9%) triển khai")
    assert "Chưa đạt chỉ tiêu 100% công đoàn triển khai nhiệm vụ." in first.summary
    assert (
        "Các hoạt động hoàn thành trong kỳ có đặt chỉ tiêu đạt 110,9% chỉ tiêu về số buổi, "
        "hội nghị (51/46) và 97,5% chỉ tiêu về lượt người tham gia (8.030/8.240)."
    ) in first.summary
    # A task without a coverage target states the share, with no target beside it.
    second = q2.results.tasks[1].summary
    assert second.startswith("10/11 công đoàn (90,9%) triển khai")
    assert "đạt chỉ tiêu 100%" not in second


def test_the_annex_measures_each_union_against_its_own_targets(q2: Document) -> None:
    table = q2.annex.table("targets")
    assert table is not None
    assert [column.label for column in table.columns][:4] == [
        "TT",
        "Công đoàn",
        "Số HĐ có chỉ tiêu",
        "Số HĐ đạt chỉ tiêu",
    ]
    tu_phap = next(row for row in table.rows if row[1] == "Công đoàn Bộ Tư pháp")
    assert tu_phap[2:4] == ("3", "3")
    assert tu_phap[4:6] == ("15/11 (136,4%)", "1.810/1.750 (103,4%)")
    assert table.legend


# --- results in a sentence ----------------------------------------------------------------

TWO_YEARS_2023 = REPO / "tests" / "data" / "two-years" / "guidance" / "2023.yaml"


@pytest.mark.parametrize(
    ("lang", "ref", "results", "sentence"),
    [
        (
            "vi",
            "2022",
            {"sessions": 3, "participants": 335, "articles": 9},
            "Trong kỳ, các công đoàn đã tổ chức 3 buổi, hội nghị với 335 lượt người tham gia;"
            " đăng 9 tin, bài.",
        ),
        # A catalogue without phrases: the labels take a sentence of their own.
        (
            "vi",
            str(TWO_YEARS_2023),
            {"sessions": 3, "participants": 335, "articles": 9},
            "Kết quả trong kỳ: số buổi, hội nghị: 3; lượt người tham gia: 335; tin, bài: 9.",
        ),
        (
            "en",
            str(TWO_YEARS_2023),
            {"sessions": 3, "participants": 335},
            "Results in the period: sessions and meetings: 3; participants (attendances): 335.",
        ),
        ("vi", str(TWO_YEARS_2023), {"sessions": 0}, None),
    ],
)
def test_results_read_as_a_sentence_with_or_without_phrases(
    lang: str, ref: str, results: dict[str, int], sentence: str | None
) -> None:
    msg = messages(lang)
    writer = Writer(msg, load_guidance(ref, msg))
    assert writer.achieved("in_period", results) == sentence


def test_one_metric_without_a_phrase_puts_the_whole_sentence_in_labels() -> None:
    msg = messages("vi")
    guidance = load_guidance("2022", msg)
    metrics = [replace(guidance.metrics[0], phrase=None), *guidance.metrics[1:]]
    bare = replace(guidance, metrics=metrics)
    writer = Writer(msg, bare)
    text = writer.achieved("in_year", {"sessions": 2, "articles": 4}, start="01/01/2022")
    assert text == "Kết quả lũy kế từ ngày 01/01/2022: số buổi, hội nghị: 2; tin, bài: 4."
