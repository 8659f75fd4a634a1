"""The periodic report each union owes: due days, states, stale data (obligations.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import REPO, Run
from tuyengiao.models import Activity, Config, PeriodNotes, Reporting
from tuyengiao.obligations import Schedule, standings
from tuyengiao.periods import parse_period
from tuyengiao.status import Status


def schedule(**reporting: object) -> Schedule:
    found = Schedule.of(Config(reporting=Reporting(**reporting)))  # type: ignore[arg-type]
    assert found is not None
    return found


def test_no_reporting_no_schedule() -> None:
    assert Schedule.of(Config()) is None
    assert Schedule.of(Config(reporting=Reporting(periods=["quarter"]))) is None  # no due day


@pytest.mark.parametrize(
    ("reporting", "period", "due"),
    [
        ({"periods": ["quarter"], "due_days": 5}, "2022-Q2", date(2022, 7, 5)),
        ({"periods": ["quarter"], "due_days": 0}, "2022-Q2", date(2022, 6, 30)),
        ({"periods": ["year"], "due_days": 10}, "2022", date(2023, 1, 10)),
        ({"periods": ["quarter"], "due_day_of_next_month": 10}, "2022-Q1", date(2022, 4, 10)),
        # 31 in a 30-day month is its last day; 29 in February 2022 its 28th.
        ({"periods": ["quarter"], "due_day_of_next_month": 31}, "2022-Q1", date(2022, 4, 30)),
        ({"periods": ["half"], "due_day_of_next_month": 29}, "2022-H1", date(2022, 7, 29)),
    ],
)
def test_due_day(reporting: dict[str, object], period: str, due: date) -> None:
    assert schedule(**reporting).due(parse_period(period)) == due


def test_tld_half_year_due_in_june() -> None:
    tld = Schedule(("half", "year"), "tld", 10)
    h1 = parse_period("2022-H1", "tld")
    assert tld.due(h1) == date(2022, 6, 10)
    assert tld.latest_due(2022, date(2022, 6, 20)) == h1
    assert [p.id for p in tld.periods(2022)] == ["2022-H1", "2022-H2", "2022"]


def test_latest_due_and_previous() -> None:
    quarters = schedule(periods=["quarter"], due_days=5)
    assert quarters.latest_due(2022, date(2022, 7, 4)) == parse_period("2022-Q1")
    assert quarters.latest_due(2022, date(2022, 7, 5)) == parse_period("2022-Q2")
    assert quarters.latest_due(2022, date(2022, 3, 1)) is None
    assert quarters.previous(parse_period("2022-Q3")) == parse_period("2022-Q2")
    assert quarters.previous(parse_period("2022-Q1")) is None


def activity(**fields: object) -> Activity:
    base: dict[str, object] = {"id": "a", "task": 1, "title": "Việc", "due": date(2022, 8, 15)}
    return Activity(**{**base, **fields})  # type: ignore[arg-type]


QUARTERS = Schedule(("quarter",), "calendar", 5)


def q3(activities: list[Activity], updated: date | None = date(2022, 6, 15)) -> object:
    reports = {"2022-Q3": PeriodNotes(date=date(2022, 10, 4))}
    found = standings(reports, updated, activities, QUARTERS, 2022, date(2022, 10, 20))
    return next(s for s in found if s.period.id == "2022-Q3")


def test_the_samples_q3_situation_is_stale() -> None:
    open_training = activity(status=Status.PLANNED)  # due 15/8, never updated
    standing = q3([open_training])
    assert standing.stale and standing.received  # type: ignore[attr-defined]
    assert standing.data_until == date(2022, 6, 15)  # type: ignore[attr-defined]
    assert standing.state(date(2022, 10, 20)) == "on_time"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "work",
    [
        activity(status=Status.DONE, done=date(2022, 6, 1), due=date(2022, 6, 30)),
        activity(status=Status.PLANNED, start=date(2022, 11, 1), due=date(2022, 12, 1)),
        activity(status=Status.PLANNED, due=date(2022, 12, 1)),  # no start, due later
        activity(status=Status.CANCELLED),
    ],
)
def test_nothing_to_do_in_the_period_is_not_stale(work: Activity) -> None:
    assert not q3([work]).stale  # type: ignore[attr-defined]


def test_any_fact_in_the_period_is_enough() -> None:
    ongoing = activity(status=Status.IN_PROGRESS, due=date(2022, 12, 1))
    assert q3([ongoing]).stale  # type: ignore[attr-defined]
    assert not q3([ongoing], updated=date(2022, 9, 28)).stale  # type: ignore[attr-defined]


def test_states() -> None:
    reports = {
        "2022-Q1": PeriodNotes(date=date(2022, 4, 12)),
        "2022-q2": PeriodNotes(highlights="Bản nháp"),
        "2022-Q3": PeriodNotes(date=date(2022, 10, 30)),  # after the day of the run
    }
    today = date(2022, 10, 20)
    found = {s.period.id: s for s in standings(reports, None, [], QUARTERS, 2022, today)}
    assert found["2022-Q1"].state(today) == "late"
    assert found["2022-Q1"].late_days == 7
    assert found["2022-Q2"].key == "2022-q2"
    assert found["2022-Q2"].state(today) == "missing"  # a draft is not a report sent
    assert found["2022-Q3"].state(today) == "pending"  # dated later: `date-order` says so
    assert found["2022-Q4"].state(today) == "pending"


BAD_REPORTING = """reporting:
  periods: [quarter, month]
  due_days: 5
roster:
  - {id: cd-a, name: Công đoàn A}
"""


@pytest.mark.parametrize("command", [["status"], ["report", "--period", "2022-Q2"]])
def test_status_and_report_refuse_a_bad_schedule(
    run: Run, workspace: Path, command: list[str]
) -> None:
    (workspace / "tuyengiao.yaml").write_text(BAD_REPORTING, "utf-8")
    (workspace / "plans").mkdir()
    plan = Path(__file__).parent / "cases" / "report-late" / "late" / "cd-a.yaml"
    (workspace / "plans" / "cd-a.yaml").write_bytes(plan.read_bytes())
    outcome = run(*command, "plans", "--today", "2022-07-20")
    assert outcome.exit_code == 2
    assert "tuyengiao.yaml:2:" in outcome.stderr
    assert "month" in outcome.stderr


CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize(
    ("case", "today", "line"),
    [
        ("report-missing/on-time", "2022-07-20", "Công đoàn A   05/7 đúng hạn"),
        ("report-late/late", "2022-07-20", "Công đoàn A   12/7 muộn 7 ngày"),
        ("report-missing/not-sent", "2022-07-20", "Công đoàn A   chưa gửi"),
        ("report-missing/draft", "2022-07-20", "Công đoàn A   chưa gửi"),
        ("stale-data/q3-no-update", "2022-10-20", "04/10 đúng hạn; số liệu chỉ đến 30/6"),
    ],
)
def test_status_says_who_sent_and_when(run: Run, case: str, today: str, line: str) -> None:
    outcome = run("status", ".", "--today", today, cwd=CASES / case)
    assert outcome.exit_code == 0, outcome.stderr
    assert line in outcome.stdout
    assert "Công đoàn B   chưa có kế hoạch" in outcome.stdout
    assert "Tỷ lệ gửi báo cáo: đã gửi" in outcome.stdout
    assert "  Khối A: " in outcome.stdout


def test_status_without_reporting_has_no_roll_call(run: Run) -> None:
    outcome = run("status", ".", "--today", "2022-07-20", cwd=CASES / "report-missing/no-reporting")
    assert "Báo cáo định kỳ" not in outcome.stdout
    document = run(
        "status",
        ".",
        "--today",
        "2022-07-20",
        "-f",
        "json",
        cwd=CASES / "report-missing/no-reporting",
    )
    assert "reports" not in json.loads(document.stdout)


def test_status_period_option_and_documents(run: Run) -> None:
    folder = CASES / "report-late/late"
    q1 = run("status", ".", "--today", "2022-07-20", "--period", "2022-Q1", cwd=folder)
    assert "04/4 đúng hạn" in q1.stdout and "(2022-Q1), hạn gửi 5/4/2022" in q1.stdout
    document = json.loads(
        run("status", ".", "--today", "2022-07-20", "-f", "json", cwd=folder).stdout
    )
    reports = document["reports"]
    assert reports["period"] == "2022-Q2" and reports["due"] == "2022-07-05"
    assert reports["unions"][0] == {
        "id": "cd-a", "name": "Công đoàn A", "group": "Khối A", "state": "late",
        "sent": "2022-07-12", "late_days": 7, "stale": False, "data_until": "2022-06-30",
    }  # fmt: skip
    assert reports["rates"][0] == {
        "group": None,
        "expected": 2,
        "received": 1,
        "on_time": 0,
        "stale": 0,
    }
    rows = run("status", ".", "--today", "2022-07-20", "-f", "csv", cwd=folder).stdout.splitlines()
    assert rows[0].endswith(",report_period,report_state,report_sent,report_late_days,stale")
    assert rows[1].endswith(",2022-Q2,late,2022-07-12,7,0")
    unscheduled = run("status", ".", "--today", "2022-07-20", "--period", "2022-H1", cwd=folder)
    assert unscheduled.exit_code == 2
    assert "reporting.periods: quarter" in unscheduled.stderr


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2022, 5, 2), "2022-Q2"),
        (date(2021, 12, 1), "2022-Q1"),  # before the year: its first period
        (date(2023, 3, 1), "2022-Q4"),  # after it: its last, the shortest of those
    ],
)
def test_current_period_for_a_new_plan(today: date, expected: str) -> None:
    found = Schedule(("quarter", "year"), "calendar", 5).current(2022, today)
    assert found is not None and found.id == expected


@pytest.mark.parametrize(
    ("case", "args", "lines"),
    [
        (
            "report-late/late",
            ["--period", "2022-Q2", "--today", "2022-07-20"],
            [
                "Tính đến ngày 20/7/2022, 1/2 công đoàn đã gửi báo cáo quý II năm 2022, "
                "đều sau hạn gửi (05/7/2022).",
                "| 1 | Công đoàn A | 12/7/2022 | Muộn 7 ngày | 30/6/2022 |",
                "| 2 | Công đoàn B |  | Chưa có kế hoạch |  |",
            ],
        ),
        (
            "report-missing/on-time",
            ["--period", "2022-Q2", "--today", "2022-07-20"],
            [
                "1/2 công đoàn đã gửi báo cáo quý II năm 2022 (1 đúng hạn; hạn gửi 05/7/2022).",
                "| 1 | Công đoàn A | 05/7/2022 | Đúng hạn | 30/6/2022 |",
            ],
        ),
        (
            "report-missing/not-sent",
            ["--period", "2022-Q2", "--today", "2022-07-20"],
            [
                "chưa công đoàn nào gửi báo cáo quý II năm 2022 (hạn gửi 05/7/2022).",
                "- 1 công đoàn chưa gửi báo cáo quý II năm 2022: Công đoàn A.",
                "| 1 | Công đoàn A |  | Chưa gửi | 30/6/2022 |",
            ],
        ),
        (
            "stale-data/q3-no-update",
            ["--period", "2022-Q3", "--today", "2022-10-20"],
            [
                "Số liệu trong kế hoạch của 1 công đoàn chưa cập nhật đến hết kỳ",
                "- 1 công đoàn có số liệu chưa cập nhật đến hết kỳ: "
                "Công đoàn A (số liệu đến ngày 30/6/2022).",
                "| 1 | Công đoàn A | 04/10/2022 | Đúng hạn | 30/6/2022 (chưa cập nhật hết kỳ) |",
            ],
        ),
    ],
)
def test_report_says_who_sent(run: Run, case: str, args: list[str], lines: list[str]) -> None:
    outcome = run("report", ".", *args, cwd=CASES / case)
    assert outcome.exit_code == 0, outcome.stderr
    for line in lines:
        assert line in outcome.stdout
    assert "TÌNH HÌNH GỬI BÁO CÁO ĐỊNH KỲ CỦA CÁC CÔNG ĐOÀN TRỰC THUỘC" in outcome.stdout


def test_report_without_reporting_says_nothing_of_it(run: Run) -> None:
    folder = CASES / "report-missing/no-reporting"
    outcome = run("report", ".", "--period", "2022-Q2", "--today", "2022-07-20", cwd=folder)
    assert "gửi báo cáo quý" not in outcome.stdout
    assert "TÌNH HÌNH GỬI BÁO CÁO" not in outcome.stdout


def test_the_samples_q3_report_names_who_has_not_reported_and_whose_data_stop_in_june(
    run: Run,
) -> None:
    outcome = run("report", "plans", "--period", "2022-Q3", "--today", "2022-10-05", cwd=REPO)
    text = outcome.stdout
    assert "chưa công đoàn nào gửi báo cáo quý III năm 2022 (hạn gửi 05/10/2022)." in text
    assert "Số liệu trong kế hoạch của 10 công đoàn chưa cập nhật đến hết kỳ" in text
    # III.2: on the due day, every union with a plan that has not reported, by name.
    assert "- 10 công đoàn chưa gửi báo cáo quý III năm 2022: Công đoàn Bộ Tư pháp," in text
    assert "Công đoàn Bộ Tư pháp (số liệu đến ngày 17/6/2022)" in text
    assert (
        "| 7 | Công đoàn Kiểm toán Nhà nước |  | Chưa gửi | 30/5/2022 (chưa cập nhật hết kỳ) |"
        in text
    )
    # Still counted: the stale unions' activities are in the figures.
    assert "Các kế hoạch đề ra 116 hoạt động" in text
