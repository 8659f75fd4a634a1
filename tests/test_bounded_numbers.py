"""Numbers bounded where they are read (issue 24, item 2).

Every integer and year of a plan, the config or a catalogue is checked against a
sane range at its line: a finding, never an exception. 4,301 digits (past Python's
limit for turning text into an int) once stopped every command with "Lỗi nội bộ";
two 4,300-digit results made every report fail on their sum; `year: 0` and a
256-character `timezone:` stopped them too. The big texts are made here.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_TODAY, Run
from tests.test_hostile import VALID, measure, workspace_with
from tuyengiao.data import __file__ as data_init
from tuyengiao.models import MAX_NUMBER

BIG = "9" * 4301
CRASH = ("Traceback", "Lỗi nội bộ", "Internal error")
CATALOGUE = (Path(data_init).parent / "guidance-2022.yaml").read_text("utf-8")


def plan(old: str, new: str, union: str = "cd-mau") -> bytes:
    text = VALID.decode("utf-8")
    assert old in text
    return text.replace(old, new, 1).replace("cd-mau", union).encode("utf-8")


DONE = "done: 18/5/2022}"

#: name → (the plan, the field its finding names)
PLANS = {
    "members": (plan("  name: Công đoàn Mẫu\n", f"  name: Công đoàn Mẫu\n  members: {BIG}\n"), 7),
    "task": (plan("task: 1,", f"task: {BIG},"), 8),
    "task-quoted": (plan("task: 1,", f'task: "{BIG}",'), 8),
    "task-negative": (plan("task: 1,", f"task: -{BIG},"), 8),
    "task-hex": (plan("task: 1,", f"task: 0x{'f' * 5000},"), 8),
    "version": (plan("version: 1", f"version: {BIG}"), 2),
    "due": (plan("due: 20/5/2022", f"due: {BIG}"), 8),
    "due-quoted": (plan("due: 20/5/2022", f'due: "{BIG}"'), 8),
    "due-year-9999": (plan("due: 20/5/2022", "due: 9999-12-31"), 8),
    "result": (plan(DONE, f"done: 18/5/2022, results: {{participants: {BIG}}}}}"), 8),
    "result-over-limit": (
        plan(DONE, f"done: 18/5/2022, results: {{participants: {MAX_NUMBER + 1}}}}}"),
        8,
    ),
    "result-thousands": (
        plan(DONE, 'done: 18/5/2022, results: {participants: "' + ",".join(["123"] * 2000) + '"}}'),
        8,
    ),
    "result-flow-thousands": (
        plan(DONE, f"done: 18/5/2022, results: {{participants: 1,{BIG}}}}}"),
        8,
    ),
    "result-approx": (
        plan(DONE, f'done: 18/5/2022, results: {{participants: "khoảng {BIG}"}}}}'),
        8,
    ),
    "progress": (
        plan(
            DONE,
            f"done: 18/5/2022, progress: [{{as_of: 1/5/2022, results: {{participants: {BIG}}}}}]}}",
        ),
        8,
    ),
}


def assert_no_crash(*texts: str) -> None:
    for text in texts:
        for word in CRASH:
            assert word not in text, text[:2000]


@pytest.mark.parametrize("name", sorted(PLANS))
def test_a_huge_number_in_a_plan_is_a_finding_at_its_line(
    run: Run, tmp_path: Path, name: str
) -> None:
    data, line = PLANS[name]
    folder = workspace_with(tmp_path / name, {"plans/p.yaml": data})
    started = time.process_time()
    outcome = run("check", "--today", SAMPLE_TODAY, "--format", "json", cwd=folder)
    assert time.process_time() - started < 10
    assert_no_crash(outcome.stdout, outcome.stderr)
    assert outcome.exit_code == 1
    found = json.loads(outcome.stdout)["diagnostics"]
    at_line = [d for d in found if d["line"] == line and d["severity"] == "error"]
    assert at_line, found
    # Values are shown shortened (a key is shown whole: `1,999…` makes a key of the tail).
    assert all(len(d["message"]) < 400 for d in found if d["rule"] != "unknown-field")
    for command in (["status"], ["status", "-f", "csv"], ["report", "-p", "2022-Q2"]):
        other = run(*command, "--today", "2022-07-05", cwd=folder)
        assert_no_crash(other.stdout, other.stderr)
        assert other.exit_code == 0, other.stderr


def test_two_results_at_the_limit_sum_in_every_report(run: Run, tmp_path: Path) -> None:
    result = f"done: 18/5/2022, results: {{participants: {MAX_NUMBER}}}}}"
    folder = workspace_with(
        tmp_path / "ws",
        {
            "plans/a.yaml": plan(DONE, result, "cd-a"),
            "plans/b.yaml": plan(DONE, result, "cd-b"),
        },
    )
    assert run("check", "--today", SAMPLE_TODAY, cwd=folder).exit_code == 0
    for fmt in ("md", "html", "json"):
        outcome = run("report", "-p", "2022-Q2", "-f", fmt, "--today", "2022-07-05", cwd=folder)
        assert outcome.exit_code == 0, outcome.stderr
        assert_no_crash(outcome.stdout, outcome.stderr)


def test_the_huge_member_count_in_a_subprocess_is_quick_and_small(tmp_path: Path) -> None:
    data, _ = PLANS["members"]
    other = VALID.replace(b"cd-mau", b"cd-khac")
    folder = workspace_with(tmp_path / "members", {"plans/p.yaml": data, "plans/q.yaml": other})
    measured = measure(folder, "check", "--today", SAMPLE_TODAY, timeout=60)
    assert measured.exit_code == 1
    assert_no_crash(measured.stdout, measured.stderr)
    assert "plans/q.yaml" not in measured.stdout  # the other plan is checked, and valid
    assert measured.peak_mib < 300


CONFIGS = {
    "due_soon_days": f"due_soon_days: {BIG}\n",
    "roster-years": f"roster: [{{id: cd-mau, name: Mẫu, years: [{BIG}]}}]\n",
    "roster-year-0": "roster: [{id: cd-mau, name: Mẫu, years: [0]}]\n",
    "timezone-256": f"timezone: {'A' * 256}\n",
    "timezone-path": "timezone: ../../../../etc/passwd\n",
}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_a_bad_number_or_timezone_in_the_config_is_a_finding(
    run: Run, tmp_path: Path, name: str
) -> None:
    folder = workspace_with(tmp_path / name, {"plans/p.yaml": VALID})
    (folder / "tuyengiao.yaml").write_text(CONFIGS[name], "utf-8")
    # No --today: the workspace's timezone is read to know the day.
    for command in (["check", "--format", "json"], ["status"], ["report", "-p", "2022-Q2"]):
        outcome = run(*command, cwd=folder)
        assert_no_crash(outcome.stdout, outcome.stderr)
        assert outcome.exit_code in (0, 1), outcome.stderr
    outcome = run("check", "--format", "json", "--today", SAMPLE_TODAY, cwd=folder)
    found = json.loads(outcome.stdout)["diagnostics"]
    assert [d["line"] for d in found if d["file"] == "tuyengiao.yaml"] == [1]


CATALOGUES = {
    "year-0": ("year: 2022", "year: 0"),
    "year-negative": ("year: 2022", "year: -5"),
    "year-20-digits": ("year: 2022", "year: 99999999999999999999"),
    "year-9999": ("year: 2022", "year: 9999"),
    "year-huge": ("year: 2022", f"year: {BIG}"),
    "number-20-digits": ("number: 1\n", "number: 99999999999999999999\n"),
    "number-huge": ("number: 1\n", f"number: {BIG}\n"),
    "deadline-9999": ("deadline: 2022-", "deadline: 9999-"),
}


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_a_bad_number_in_a_catalogue_is_a_finding_at_its_line(
    run: Run, tmp_path: Path, name: str
) -> None:
    old, new = CATALOGUES[name]
    assert old in CATALOGUE
    text = CATALOGUE.replace(old, new, 1).replace('id: "2022"', 'id: "2023"', 1)
    folder = workspace_with(
        tmp_path / name,
        {
            "plans/p.yaml": plan('guidance: "2022"', 'guidance: "2023"'),
            "guidance/2023.yaml": text.encode(),
        },
    )
    (folder / "tuyengiao.yaml").write_text("guidance: guidance/2023.yaml\n", "utf-8")
    line = CATALOGUE[: CATALOGUE.index(old)].count("\n") + 1
    outcome = run("check", "--format", "json", "--today", "2023-06-20", cwd=folder)
    assert_no_crash(outcome.stdout, outcome.stderr)
    assert outcome.exit_code in (1, 2)
    found = json.loads(outcome.stdout)["diagnostics"]
    assert ("guidance/2023.yaml", line) in {(d["file"], d["line"]) for d in found}
    for command in (
        ["status"],
        ["tasks"],
        ["report", "-p", "2023-Q2"],
        ["new", "cd-x", "-o", str(tmp_path / f"{name}-new.yaml")],
    ):
        other = run(*command, "--today", "2023-06-20", cwd=folder)
        assert_no_crash(other.stdout, other.stderr)
        assert other.exit_code in (0, 1, 2)
