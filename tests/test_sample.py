"""The bundled sample workspace: clean, with exactly the findings it was written to show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import PLANS, REPO, SAMPLE_TODAY, Run

# Each finding the sample was written to produce, as of 2022-06-20, and nothing else.
EXPECTED = [
    ("plans/2022/cd-bao-hiem-xa-hoi-viet-nam.yaml", 80, 10, "overdue"),
    ("plans/2022/cd-bo-ke-hoach-dau-tu.yaml", 17, 11, "late"),
    # About one activity in six done with a target fell short of it (a note, not a warning).
    ("plans/2022/cd-bo-ke-hoach-dau-tu.yaml", 19, 41, "target-missed"),
    ("plans/2022/cd-bo-ngoai-giao.yaml", 88, 10, "due-soon"),
    ("plans/2022/cd-bo-ngoai-giao.yaml", 105, 41, "target-missed"),
    ("plans/2022/cd-bo-noi-vu.yaml", 52, 10, "overdue"),
    ("plans/2022/cd-bo-noi-vu.yaml", 108, 23, "target-missed"),
    ("plans/2022/cd-bo-tu-phap.yaml", 67, 10, "due-soon"),
    # Planned to start on 1/6 and still "kế hoạch": the union should update its status.
    ("plans/2022/cd-bo-tu-phap.yaml", 68, 13, "not-started"),
    ("plans/2022/cd-dai-tieng-noi-viet-nam.yaml", 18, 41, "target-missed"),
    ("plans/2022/cd-dai-tieng-noi-viet-nam.yaml", 34, 10, "overdue"),
    ("plans/2022/cd-kiem-toan-nha-nuoc.yaml", 11, 1, "task-uncovered"),
    ("plans/2022/cd-kiem-toan-nha-nuoc.yaml", 28, 24, "target-missed"),
    ("plans/2022/cd-kiem-toan-nha-nuoc.yaml", 28, 42, "target-missed"),
    # Its report for Q1 was sent on 12/4, seven days after the due day (5/4).
    ("plans/2022/cd-kiem-toan-nha-nuoc.yaml", 88, 11, "report-late"),
    ("plans/2022/cd-thong-tan-xa-viet-nam.yaml", 92, 11, "late"),
    # No report for Q1 at all (the sample's `reporting:` asks for one each quarter).
    ("plans/2022/cd-van-phong-chinh-phu.yaml", 4, 1, "report-missing"),
    ("plans/2022/cd-vien-han-lam-khxh-viet-nam.yaml", 25, 10, "overdue"),
    ("plans/2022/cd-vien-han-lam-khxh-viet-nam.yaml", 53, 41, "target-missed"),
    ("plans/tuyengiao.yaml", 25, 5, "missing-plan"),
]


def test_sample_workspace_findings_are_exactly_the_intended_ones(run: Run) -> None:
    outcome = run("check", "plans", "--today", SAMPLE_TODAY, "--format", "json", cwd=REPO)
    assert outcome.exit_code == 0, outcome.stdout
    document = json.loads(outcome.stdout)
    found = [(d["file"], d["line"], d["column"], d["rule"]) for d in document["diagnostics"]]
    assert found == EXPECTED
    # Ten plans and the central department's plans/reports/2022-Q2.yaml, checked as notes.
    assert document["summary"] == {"files": 11, "errors": 0, "warnings": 10, "infos": 10}


def test_sample_is_clean_under_strict_only_without_warnings(run: Run) -> None:
    outcome = run("check", "plans", "--today", SAMPLE_TODAY, "--strict", cwd=REPO)
    assert outcome.exit_code == 1  # the sample deliberately carries warnings


def test_default_path_is_plans(run: Run) -> None:
    with_default = run("check", "--today", SAMPLE_TODAY, "--format", "json", cwd=REPO)
    explicit = run("check", "plans", "--today", SAMPLE_TODAY, "--format", "json", cwd=REPO)
    assert with_default.exit_code == 0
    assert with_default.stdout == explicit.stdout


def test_config_found_when_checking_single_files(run: Run, tmp_path: Path) -> None:
    # pre-commit passes file names: the config is still found by walking up from them,
    # and the unions of files not named are not reported missing.
    shutil.copytree(PLANS, tmp_path / "plans")
    plan = tmp_path / "plans" / "2022" / "cd-bo-noi-vu.yaml"
    plan.write_text(plan.read_text("utf-8").replace("id: cd-bo-noi-vu", "id: cd-la"), "utf-8")
    outcome = run("check", str(plan), "--today", SAMPLE_TODAY, "--format", "json")
    rules = {d["rule"] for d in json.loads(outcome.stdout)["diagnostics"]}
    assert "unknown-union" in rules  # only the roster of plans/tuyengiao.yaml can say this
    assert "missing-plan" not in rules
    assert outcome.exit_code == 1


def test_sample_plan_files_are_all_checked() -> None:
    assert len(list((PLANS / "2022").glob("*.yaml"))) == 10
