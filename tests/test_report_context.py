"""The report context of tests/data/report-small, every figure computed by hand.

The workspace: a roster of four unions. Alpha (9 activities and 1 cancelled) and Beta
(8) have valid plans; Gamma's one activity has two errors and is left out (the union is
counted, with nothing to count); Delta filed nothing.
Period 2022-Q2 is 1/4–30/6/2022; the run is on 20/6/2022, so E = 20/6/2022.

Standing of each activity at E = 20/6 (done / in progress / overdue / planned):

    Alpha  a1  task 1  done 20/3              done (before the period)
           a2  task 1  done 28/5              done in the period
           a3  task 2  start 10/1, due 20/12  in progress
           a10 task 2  due 15/3, done 5/4     done in the period (late)
           a4  task 3  due 10/6, planned      overdue 10 days
           a5  task 4  due 20/6, in_progress  in progress (due on E is not overdue)
           a6  task 5  start 1/8              planned
           a7  task 6  done 20/5              done in the period
           a8  task 7  cancelled              counted apart
           a9  task 8  start 1/6, planned     planned (as written, though its start passed)
    Beta   b1  task 1  done 29/4              done in the period
           b2  task 2  due 31/5, in_progress  overdue 20 days
           b3  task 3  done 18/6              done in the period
           b4  task 4  due 30/9               planned
           b5  task 5  done 15/4              done in the period
           b6  task 6  due 15/10              planned
           b7  task 7  start 1/3              in progress
           b8  task 8  done 25/1              done (before the period)
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from tuyengiao.config import resolve_settings
from tuyengiao.dates import format_long_vi
from tuyengiao.files import find_plans
from tuyengiao.i18n import messages
from tuyengiao.models import Activity
from tuyengiao.periods import parse_period
from tuyengiao.read.validate import adapter
from tuyengiao.report.context import build_context
from tuyengiao.report.digest import Digester, Standing, standing_at
from tuyengiao.report.figures import Counts, MetricSum, ReportContext
from tuyengiao.status import Status
from tuyengiao.workspace import check_workspace

SMALL = Path(__file__).parent / "data" / "report-small"
RUN_DAY = date(2022, 6, 20)


def context_for(period_id: str, today: date = RUN_DAY, *, english: bool = False) -> ReportContext:
    """The context of the small workspace for `period_id`, run on `today`."""
    msg = messages("en" if english else "vi")
    plans = [Path("plans")]
    # From inside the workspace, as the CLI runs: file names are then "plans/…".
    with contextlib.chdir(SMALL):
        settings = resolve_settings(plans, today=today, msg=msg, cwd=SMALL)
        period = parse_period(period_id, settings.config.period_rule)
        digest = Digester.of(period, settings.today)
        result = check_workspace(find_plans(plans).files, settings, digest=digest)
    return build_context(result, period, settings.guidance, english=english)


def sums(metrics: tuple[MetricSum, ...]) -> dict[str, int]:
    """`{metric: value}` of a results tuple."""
    return {metric.id: metric.value for metric in metrics}


@pytest.fixture(scope="module")
def q2() -> ReportContext:
    """2022-Q2 on 20/6/2022."""
    return context_for("2022-Q2")


def test_period_and_evaluation_day(q2: ReportContext) -> None:
    assert q2.period.id == "2022-Q2"
    assert q2.period.label == "Quý II năm 2022"
    assert (q2.period.start, q2.period.end) == (date(2022, 4, 1), date(2022, 6, 30))
    assert q2.as_of == date(2022, 6, 20)  # E = min(20/6, 30/6)
    assert q2.year_start == date(2022, 1, 1)


def test_totals(q2: ReportContext) -> None:
    totals = q2.totals
    assert totals.unions == 3  # Alpha, Beta, and Gamma, whose one activity is left out
    assert totals.expected == 4  # the roster
    assert totals.left_out == 0  # no plan is left out whole
    # activities 9 + 8; done a1 a2 a10 a7 + b1 b3 b5 b8; in the period all but a1, b8;
    # in progress a3 a5 + b7; overdue a4 + b2; planned a6 a9 + b4 b6; cancelled a8.
    assert totals.counts == Counts(
        activities=17,
        done=8,
        done_in_period=6,
        in_progress=3,
        overdue=2,
        planned=4,
        cancelled=1,
    )


def test_results_in_the_period_and_since_the_start_of_the_year(q2: ReportContext) -> None:
    # In the period: a2 (2 sessions, 200), a7 (1 session, 30 trainees), a10 (12 posts),
    # b1 (1 session, 50), b3 (1 session, 40), b5 (2 events, 120).
    # a3's 10 articles and b7's session are on activities not done: not counted.
    assert sums(q2.totals.results) == {
        "sessions": 2 + 1 + 1 + 1,
        "participants": 200 + 50 + 40 + 120,
        "articles": 0,
        "posts": 12,
        "trainees": 30,
        "banners": 0,
        "events": 2,
        "opinions": 0,
    }
    # Since 1/1: the same plus a1 (1 session, 100) and b8 (5 banners).
    assert sums(q2.totals.results_year) == {
        "sessions": 6,
        "participants": 510,
        "articles": 0,
        "posts": 12,
        "trainees": 30,
        "banners": 5,
        "events": 2,
        "opinions": 0,
    }


# number, unions engaged, counts (activities, done, in period, in progress, overdue,
# planned, cancelled), results in the period (the task's metrics, catalogue order).
TASKS = [
    (1, 2, (3, 3, 2, 0, 0, 0, 0), {"sessions": 3, "participants": 250}),  # a1 a2 b1
    (2, 2, (3, 1, 1, 1, 1, 0, 0), {"articles": 0, "posts": 12}),  # a3 a10 b2
    (3, 2, (2, 1, 1, 0, 1, 0, 0), {"sessions": 1, "participants": 40}),  # a4 b3
    (4, 2, (2, 0, 0, 1, 0, 1, 0), {"sessions": 0, "opinions": 0}),  # a5 b4
    (5, 2, (2, 1, 1, 0, 0, 1, 0), {"participants": 120, "events": 2}),  # a6 b5
    (6, 2, (2, 1, 1, 0, 0, 1, 0), {"sessions": 1, "trainees": 30}),  # a7 b6
    # Alpha's only task-7 activity is cancelled: Beta alone is engaged.
    (7, 1, (1, 0, 0, 1, 0, 0, 1), {"sessions": 0, "participants": 0, "banners": 0}),
    (8, 2, (2, 1, 0, 0, 0, 1, 0), {"participants": 0, "banners": 0, "events": 0}),  # a9 b8
]


@pytest.mark.parametrize(("number", "engaged", "counts", "results"), TASKS)
def test_task_entry(
    q2: ReportContext,
    number: int,
    engaged: int,
    counts: tuple[int, ...],
    results: dict[str, int],
) -> None:
    task = q2.tasks[number - 1]
    assert task.number == number
    assert task.unions_engaged == engaged
    assert task.counts == Counts(*counts)
    assert sums(task.results) == results


def test_task_results_since_the_start_of_the_year(q2: ReportContext) -> None:
    assert sums(q2.tasks[0].results_year) == {"sessions": 4, "participants": 350}  # + a1
    assert sums(q2.tasks[7].results_year) == {"participants": 0, "banners": 5, "events": 0}


def test_union_entries(q2: ReportContext) -> None:
    alpha, beta, gamma = q2.unions  # roster order
    assert (alpha.id, alpha.name, alpha.group, alpha.file) == (
        "cd-alpha",
        "Công đoàn Alpha",
        "Khối A",
        "plans/cd-alpha.yaml",
    )
    assert alpha.counts == Counts(9, 4, 3, 2, 1, 2, 1)
    assert alpha.counts.progress == 44  # 4/9 = 44.4 %
    assert [task.number for task in alpha.uncovered] == [7]
    assert beta.counts == Counts(8, 4, 3, 1, 1, 2, 0)
    assert beta.counts.progress == 50
    assert beta.uncovered == ()
    assert gamma.counts == Counts()  # its only activity is left out
    assert [union.id for union in q2.uncovered] == ["cd-alpha", "cd-gamma"]


def test_overdue_list_latest_first(q2: ReportContext) -> None:
    found = [(e.union_id, e.activity_id, e.due, e.days, e.status) for e in q2.overdue]
    assert found == [
        ("cd-beta", "b2-trang-tin", date(2022, 5, 31), 20, Status.IN_PROGRESS),
        ("cd-alpha", "a4-hoc-tap-chuyen-de", date(2022, 6, 10), 10, Status.PLANNED),
    ]


def test_missing_and_left_out_plans(q2: ReportContext) -> None:
    # Gamma filed a plan whose one activity has errors: that activity is left out and
    # named with its first error; the union is not "missing".
    assert [(m.id, m.name, m.group) for m in q2.missing_plans] == [
        ("cd-delta", "Công đoàn Delta", "Khối B")
    ]
    (gamma,) = q2.left_out
    assert gamma.file == "plans/cd-gamma.yaml"
    assert gamma.union_id == "cd-gamma"
    assert (gamma.errors, gamma.activities) == (1, 1)  # one activity left out
    assert gamma.first_message == "Ngày “31/2/2022” không có thật"


def test_frame_comes_from_the_config(q2: ReportContext) -> None:
    assert q2.organization.name == "CÔNG ĐOÀN VIÊN CHỨC VIỆT NAM"
    assert q2.frame.number == "12/BC-CĐVC"
    assert q2.frame.signer is not None and q2.frame.signer.name == "Trần Văn Bình"
    assert q2.frame.recipients == ["Tổng LĐLĐ Việt Nam (để báo cáo)", "Lưu: VT, TG-NC."]


# --- E before, inside and after the period -------------------------------------------


def test_evaluation_day_inside_the_period(q2: ReportContext) -> None:
    assert q2.period.start < q2.as_of < q2.period.end


def test_evaluation_day_before_the_period() -> None:
    """Q3 on 20/6: E is 20/6, before 1/7; nothing is done in the period yet."""
    q3 = context_for("2022-Q3")
    assert q3.as_of == RUN_DAY < q3.period.start == date(2022, 7, 1)
    counts = q3.totals.counts
    # The same standings as in Q2 (same E), but no activity is done in the period.
    assert counts == Counts(17, 8, 0, 3, 2, 4, 1)
    assert all(metric.value == 0 for metric in q3.totals.results)
    assert sums(q3.totals.results_year)["sessions"] == 6  # unchanged: since 1/1, up to E
    assert [e.days for e in q3.overdue] == [20, 10]


def test_evaluation_day_after_the_period() -> None:
    """Q1 run on 20/6: E is the last day of Q1, 31/3; the report reads as it stood then.

    At 31/3 only a1 (20/3) and b8 (25/1) were done. Done after E: a2, a7, a10, b1, b3, b5.
    a10 (due 15/3, done 5/4) was overdue by 16 days. Statuses count as written, a done
    day after E as in progress: a2, a5, a7, b1, b3, b5 are in progress, with a3, b7 and
    b2 (in_progress, though its start 1/5 is after E); a4, a6, a9, b4, b6 are planned.
    """
    q1 = context_for("2022-Q1")
    assert q1.as_of == date(2022, 3, 31) == q1.period.end
    assert q1.totals.counts == Counts(17, 2, 2, 9, 1, 5, 1)
    assert [(e.activity_id, e.days) for e in q1.overdue] == [("a10-ban-tin-thang-3", 16)]
    assert sums(q1.totals.results) == sums(q1.totals.results_year)
    assert sums(q1.totals.results)["sessions"] == 1  # a1
    assert sums(q1.totals.results)["banners"] == 5  # b8
    # The same report rerun a year later reads the same, but for the day it is issued.
    later = context_for("2022-Q1", date(2023, 6, 20))
    assert later.issued == date(2023, 6, 20)
    assert replace(later, issued=None, document=None) == replace(q1, issued=None, document=None)
    assert later.document is not None and q1.document is not None
    assert replace(later.document, issued="") == replace(
        q1.document,
        opening=replace(q1.document.opening, place_date=later.document.opening.place_date),
        annex=later.document.annex,  # "(Kèm theo Báo cáo số … ngày <issued> …)"
        issued="",
    )
    assert [t.attached for t in later.document.annex.tables] != [
        t.attached for t in q1.document.annex.tables
    ]


def test_english_labels() -> None:
    context = context_for("2022-H1", english=True)
    assert context.period.label == "first half of 2022"
    assert context.tasks[0].title.startswith("Study and implement")
    assert context.totals.results[0].label == "Sessions and meetings"


# --- the standing of one activity ----------------------------------------------------


def activity(**fields: object) -> Activity:
    """An activity with defaults for what a test does not care about."""
    data: dict[str, object] = {"id": "x", "task": 1, "title": "X", "due": date(2022, 6, 20)}
    data.update(fields)
    data.setdefault("status", "planned")
    made: Activity = adapter(Activity).validate_python(data)
    return made


E = date(2022, 6, 20)
AFTER_E = date(2022, 6, 21)


@pytest.mark.parametrize(
    ("fields", "standing"),
    [
        ({"status": "cancelled", "due": date(2022, 1, 1)}, Standing.CANCELLED),
        ({"status": "done", "done": E}, Standing.DONE),
        ({"status": "done", "done": AFTER_E, "due": date(2022, 6, 1)}, Standing.OVERDUE),
        ({"status": "planned", "due": date(2022, 6, 19)}, Standing.OVERDUE),
        ({"status": "planned", "due": E}, Standing.PLANNED),  # due today: not overdue
        ({"status": "in_progress", "due": E}, Standing.IN_PROGRESS),
        # Statuses as written: a start day that passed does not make it in progress.
        ({"status": "planned", "start": date(2022, 6, 1)}, Standing.PLANNED),
        ({"status": "in_progress", "start": AFTER_E, "due": AFTER_E}, Standing.IN_PROGRESS),
        ({"status": "done", "done": date(2022, 6, 25)}, Standing.IN_PROGRESS),
    ],
)
def test_standing_at(fields: dict[str, object], standing: Standing) -> None:
    assert standing_at(activity(**fields), E) is standing


def test_vietnamese_catalogue_dates_follow_the_decree() -> None:
    """The catalogue's long date form (for other languages' fallback) agrees with dates.py."""
    msg = messages("vi")
    for offset in range(365):
        day = date(2022, 1, 1) + timedelta(days=offset)
        month = msg(f"report.month.{day.month}")
        text = msg("report.date.long", day=day.day, month=month, year=day.year)
        assert text == format_long_vi(day)
