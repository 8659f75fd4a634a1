"""`tuyengiao status`: the dashboard on the sample workspace, as plain text under CliRunner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PLANS, SAMPLE_TODAY, Run
from tuyengiao.report import dashboard

# The roster order of the sample's config, for the unions that filed a plan.
UNIONS = [
    "Công đoàn Bộ Tư pháp",
    "Công đoàn Bộ Ngoại giao",
    "Công đoàn Bộ Nội vụ",
    "Công đoàn Bộ Kế hoạch và Đầu tư",
    "Công đoàn Văn phòng Chính phủ",
    "Công đoàn Kiểm toán Nhà nước",
    "Công đoàn Đài Tiếng nói Việt Nam",
    "Công đoàn Thông tấn xã Việt Nam",
    "Công đoàn Bảo hiểm xã hội Việt Nam",
    "Công đoàn Viện Hàn lâm Khoa học xã hội Việt Nam",
]
# `check` on 20/6/2022 finds four overdue activities, 21, 20, 10 and 5 days late.
OVERDUE = [
    ("21 ngày", "Công đoàn Viện Hàn lâm Khoa học", "30/5/2022"),
    ("20 ngày", "Công đoàn Bảo hiểm xã hội", "31/5/2022"),
    ("10 ngày", "Công đoàn Đài Tiếng nói Việt", "10/6/2022"),
    ("5 ngày", "Công đoàn Bộ Nội vụ", "15/6/2022"),
]


def status(run: Run, *args: str) -> str:
    """`tuyengiao status` on the sample workspace as of the sample day; must succeed."""
    outcome = run("status", str(PLANS), "--today", SAMPLE_TODAY, *args)
    assert outcome.exit_code == 0, outcome.stderr
    return outcome.stdout


def test_every_union_has_a_row_in_roster_order(run: Run) -> None:
    out = status(run)
    # A long name may wrap within its cell: its first words identify the row.
    starts = {name[:25]: name for name in UNIONS}
    rows = [line for line in out.splitlines() if any(start in line for start in starts)]
    named = [next(starts[s] for s in starts if s in row) for row in rows][: len(UNIONS)]
    assert named == UNIONS
    # Bộ Tư pháp: 14 activities, 6 done, 4 in progress (as written: its planned
    # activity whose start passed is not counted as started), none overdue, 43 %.
    tu_phap = next(line for line in out.splitlines() if "Công đoàn Bộ Tư pháp" in line)
    assert tu_phap.split()[-7:] == ["14", "6", "4", "0", "████░░░░░░", "43%", "4/4"]


def test_overdue_list_most_overdue_first(run: Run) -> None:
    out = status(run)
    listing = out[out.index("Hoạt động quá hạn (4)") :]
    lines = listing.splitlines()
    positions = []
    for days, union, due in OVERDUE:
        index = next(i for i, line in enumerate(lines) if line.split()[:2] == days.split())
        assert union in lines[index] and due in lines[index]
        positions.append(index)
    assert positions == sorted(positions)


def test_only_the_most_overdue_are_listed(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard lists the first OVERDUE_ROWS; the rest are counted, not listed."""
    monkeypatch.setattr(dashboard, "OVERDUE_ROWS", 2)
    out = status(run)
    assert "Hoạt động quá hạn (4)" in out
    assert "… và 2 hoạt động quá hạn khác" in out
    shown = [
        days
        for days, _, _ in OVERDUE
        if any(line.split()[:2] == days.split() for line in out.splitlines())
    ]
    assert shown == [days for days, _, _ in OVERDUE][:2]


def test_tasks_and_missing_plan(run: Run) -> None:
    out = status(run)
    assert "Tiến độ thực hiện năm 2022, tính đến ngày 20/6/2022" in out
    section = out[out.index("Các nhiệm vụ") : out.index("Hoạt động quá hạn")]
    rows = [line.split() for line in section.splitlines() if line.split()[:1] != []]
    assert [row[0] for row in rows if row[0].isdigit()] == [str(n) for n in range(1, 9)]
    # Task 1: 10 unions, 22 activities, 21 done, none in progress, 1 overdue, 95 %.
    first = next(row for row in rows if row[0] == "1")
    assert first[-7:] == ["10", "22", "21", "0", "1", "██████████", "95%"]
    assert "Chưa nộp kế hoạch: Công đoàn Thanh tra Chính phủ (cd-thanh-tra-chinh-phu)." in out


def test_plain_text_and_deterministic(run: Run) -> None:
    first, second = status(run), status(run)
    assert first == second
    assert "\x1b[" not in first  # no colour codes outside a terminal
    assert max(len(line) for line in first.splitlines()) <= 120


def test_english(run: Run) -> None:
    out = status(run, "--lang", "en")
    assert "Progress for year 2022, as of 2022-06-20" in out
    assert "Overdue activities (4), most overdue first" in out
    assert "21 days" in out


def test_plans_with_errors_are_named_not_counted(run: Run, workspace: Path) -> None:
    shutil.copytree(PLANS, workspace / "plans")
    (workspace / "plans" / "2022" / "cd-bo-tu-phap.yaml").write_text(
        "version: 1\nguidance: '2022'\nunion: {id: cd-bo-tu-phap, name: X}\nactivities: 3\n",
        encoding="utf-8",
    )
    outcome = run("status", "--today", SAMPLE_TODAY, cwd=workspace)
    assert outcome.exit_code == 0
    assert "Công đoàn Bộ Tư pháp" not in outcome.stdout
    assert "Kế hoạch có lỗi, chưa tính vào bảng: plans/2022/cd-bo-tu-phap.yaml." in outcome.stdout


def test_no_plans_is_a_usage_error(run: Run, workspace: Path) -> None:
    outcome = run("status", "--today", SAMPLE_TODAY, cwd=workspace)
    assert outcome.exit_code == 2
    assert outcome.stdout == ""


def test_plan_text_is_shown_as_written(run: Run, workspace: Path) -> None:
    """Rich markup and emoji codes in a union name or a title are text, not commands."""
    shutil.copytree(PLANS, workspace, dirs_exist_ok=True)
    plan = next(iter(sorted((workspace / "2022").glob("*.yaml"))))
    text = plan.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("  name: "))
    plan.write_text(text.replace(name, "  name: '[red]CĐ[/red] :smile: X'", 1), encoding="utf-8")
    outcome = run("status", ".", "--today", SAMPLE_TODAY)
    assert outcome.exit_code == 0
    assert "[red]CĐ[/red]" in outcome.stdout
    assert "😄" not in outcome.stdout
