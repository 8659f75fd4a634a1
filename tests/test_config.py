"""The workspace config `tuyengiao.yaml`: ignore, severity, due_soon_days, exclude, its
discovery (walking up from the checked paths, then the current folder) and --config."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run

TODAY = "2022-06-20"

#: Every task covered. On TODAY: a1 overdue, a2 late, a3 due in 5 days, a4 in 10 days.
PLAN = """\
version: 1
guidance: "2022"
union: {{id: {union}, name: Công đoàn Thử}}
activities:
  - {{id: a1, task: 1, title: Hội nghị, due: 20/5/2022, status: kế hoạch}}
  - {{id: a2, task: 2, title: Tin bài, due: 10/6/2022, status: hoàn thành, done: 15/6/2022}}
  - {{id: a3, task: 3, title: Học tập, due: 25/6/2022, status: kế hoạch}}
  - {{id: a4, task: 4, title: Dư luận, due: 30/6/2022, status: đang thực hiện}}
  - {{id: a5, task: 5, title: Văn hoá, due: 15/12/2022, status: kế hoạch}}
  - {{id: a6, task: 6, title: Tập huấn, due: 15/12/2022, status: kế hoạch}}
  - {{id: a7, task: 7, title: Vận động, due: 15/12/2022, status: kế hoạch}}
  - {{id: a8, task: 8, title: Kỷ niệm, due: 15/12/2022, status: kế hoạch}}
"""

DEFAULT_FINDINGS = [
    ("overdue", "warning"),
    ("late", "warning"),
    ("due-soon", "info"),
    ("due-soon", "info"),
]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def plan(folder: Path, union: str = "cd-thu", name: str | None = None) -> Path:
    return write(folder / f"{name or union}.yaml", PLAN.format(union=union))


def check(run: Run, *args: str, cwd: Path | None = None) -> tuple[int, list[dict[str, Any]]]:
    outcome = run("check", *args, "--today", TODAY, "--format", "json", cwd=cwd)
    assert outcome.stdout, outcome.stderr
    document = json.loads(outcome.stdout)
    return outcome.exit_code, document["diagnostics"]


def rules(found: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(d["rule"], d["severity"]) for d in found]


@pytest.fixture
def plans(workspace: Path) -> Path:
    """A workspace with one plan in plans/2022/ (the current folder), no config yet."""
    plan(workspace / "plans" / "2022")
    return workspace


def test_without_a_config_the_defaults_apply(plans: Path, run: Run) -> None:
    code, found = check(run, "plans")
    assert code == 0
    assert rules(found) == DEFAULT_FINDINGS


def test_an_empty_config_is_a_valid_one(plans: Path, run: Run) -> None:
    write(plans / "tuyengiao.yaml", "# nothing yet\n")
    assert check(run, "plans") == (0, check(run, "plans", "--config", "tuyengiao.yaml")[1])
    assert rules(check(run, "plans")[1]) == DEFAULT_FINDINGS


# --- ignore, severity, due_soon_days --------------------------------------------------------


def test_ignore_drops_the_rules_named(plans: Path, run: Run) -> None:
    write(plans / "tuyengiao.yaml", "ignore: [due-soon, late]\n")
    code, found = check(run, "plans")
    assert code == 0
    assert rules(found) == [("overdue", "warning")]


def test_severity_overrides_change_findings_and_the_exit_code(plans: Path, run: Run) -> None:
    write(plans / "tuyengiao.yaml", "severity: {late: error, overdue: info, due-soon: warning}\n")
    code, found = check(run, "plans")
    assert code == 1  # a warning made an error fails the check
    assert rules(found) == [
        ("overdue", "info"),
        ("late", "error"),
        ("due-soon", "warning"),
        ("due-soon", "warning"),
    ]


def test_an_error_made_a_warning_no_longer_fails(workspace: Path, run: Run) -> None:
    text = PLAN.format(union="cd-thu").replace("status: kế hoạch}", "status: chưa rõ}", 1)
    write(workspace / "plans" / "cd-thu.yaml", text)
    assert check(run, "plans")[0] == 1
    write(workspace / "tuyengiao.yaml", "severity: {invalid-value: warning}\n")
    code, found = check(run, "plans")
    assert code == 0
    assert ("invalid-value", "warning") in rules(found)
    assert run("check", "plans", "--today", TODAY, "--strict").exit_code == 1


def test_strict_ignores_what_was_made_info(plans: Path, run: Run) -> None:
    write(plans / "tuyengiao.yaml", "severity: {overdue: info, late: info}\n")
    assert run("check", "plans", "--today", TODAY, "--strict").exit_code == 0


def test_due_soon_days_sets_the_window(plans: Path, run: Run) -> None:
    write(plans / "tuyengiao.yaml", "due_soon_days: 7\n")
    assert [d["line"] for d in check(run, "plans")[1] if d["rule"] == "due-soon"] == [7]
    write(plans / "tuyengiao.yaml", "due_soon_days: 0\n")
    assert [d for d in check(run, "plans")[1] if d["rule"] == "due-soon"] == []
    write(plans / "tuyengiao.yaml", "due_soon_days: 366\n")
    assert len([d for d in check(run, "plans")[1] if d["rule"] == "due-soon"]) == 6


def test_ignore_and_severity_apply_to_roster_findings(plans: Path, run: Run) -> None:
    roster = (
        "roster:\n  - {id: cd-thu, name: Công đoàn Thử}\n  - {id: cd-khac, name: Công đoàn Khác}\n"
    )
    write(plans / "tuyengiao.yaml", roster)
    assert ("missing-plan", "warning") in rules(check(run, "plans")[1])
    write(plans / "tuyengiao.yaml", roster + "severity: {missing-plan: error}\n")
    code, found = check(run, "plans")
    assert (code, ("missing-plan", "error") in rules(found)) == (1, True)
    write(plans / "tuyengiao.yaml", roster + "ignore: [missing-plan]\n")
    assert "missing-plan" not in {d["rule"] for d in check(run, "plans")[1]}


# --- exclude --------------------------------------------------------------------------------


def test_exclude_skips_matching_files_when_walking(plans: Path, run: Run) -> None:
    plan(plans / "plans" / "luu-tru", "cd-cu")
    plan(plans / "plans" / "2022", "cd-nhap", "cd-nhap.draft")
    assert check(run, "plans")[0] == 0
    outcome = run("check", "plans", "--today", TODAY, "--format", "json")
    assert json.loads(outcome.stdout)["summary"]["files"] == 3
    write(plans / "tuyengiao.yaml", 'exclude: ["plans/luu-tru/*", "*.draft.yaml"]\n')
    outcome = run("check", "plans", "--today", TODAY, "--format", "json")
    document = json.loads(outcome.stdout)
    assert document["summary"]["files"] == 1
    assert {d["file"] for d in document["diagnostics"]} == {"plans/2022/cd-thu.yaml"}


def test_excluding_everything_finds_no_plan(plans: Path, run: Run) -> None:
    write(plans / "tuyengiao.yaml", 'exclude: ["*"]\n')
    outcome = run("check", "plans", "--today", TODAY)
    assert outcome.exit_code == 2


def test_exclude_patterns_are_relative_to_the_config(plans: Path, run: Run) -> None:
    plan(plans / "plans" / "luu-tru", "cd-cu")
    write(plans / "tuyengiao.yaml", 'exclude: ["plans/luu-tru/*"]\n')
    elsewhere = plans / "plans"
    outcome = run("check", ".", "--today", TODAY, "--format", "json", cwd=elsewhere)
    assert json.loads(outcome.stdout)["summary"]["files"] == 1


# --- discovery and --config ------------------------------------------------------------------


def test_the_config_is_found_walking_up_from_the_checked_path(
    plans: Path, run: Run, tmp_path_factory: pytest.TempPathFactory
) -> None:
    write(plans / "tuyengiao.yaml", "ignore: [due-soon]\n")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    for target in (plans / "plans", plans / "plans" / "2022" / "cd-thu.yaml"):
        _, found = check(run, str(target), cwd=elsewhere)
        assert "due-soon" not in {d["rule"] for d in found}, target


def test_the_nearest_config_wins(plans: Path, run: Run) -> None:
    write(plans / "tuyengiao.yaml", "ignore: [due-soon]\n")
    write(plans / "plans" / "tuyengiao.yaml", "ignore: [overdue]\n")
    found = check(run, "plans/2022")[1]
    assert {d["rule"] for d in found} == {"late", "due-soon"}


def test_the_config_of_the_current_folder_is_the_fallback(
    plans: Path, run: Run, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    plan(outside)
    write(plans / "tuyengiao.yml", "ignore: [due-soon, late]\n")  # the .yml spelling too
    assert rules(check(run, str(outside))[1]) == [("overdue", "warning")]


def test_an_explicit_config_wins_over_discovery(plans: Path, run: Run) -> None:
    write(plans / "tuyengiao.yaml", "ignore: [due-soon]\n")
    write(plans / "other" / "strict.yaml", "severity: {overdue: error}\n")
    code, found = check(run, "plans", "--config", "other/strict.yaml")
    assert code == 1
    assert "due-soon" in {d["rule"] for d in found}


def test_a_missing_explicit_config_is_a_usage_error(plans: Path, run: Run) -> None:
    outcome = run("check", "plans", "--today", TODAY, "--config", "nowhere.yaml")
    assert outcome.exit_code == 2
    assert "nowhere.yaml" in outcome.stderr


def test_the_config_is_never_read_as_a_plan(plans: Path, run: Run) -> None:
    write(plans / "plans" / "tuyengiao.yaml", "ignore: [due-soon]\n")
    outcome = run("check", "plans", "--today", TODAY, "--format", "json")
    assert json.loads(outcome.stdout)["summary"]["files"] == 1


# --- mistakes in the config are findings -----------------------------------------------------


def config_findings(run: Run, text: str, workspace: Path) -> tuple[int, list[dict[str, Any]]]:
    write(workspace / "tuyengiao.yaml", text)
    code, found = check(run, "plans")
    return code, [d for d in found if d["file"] == "tuyengiao.yaml"]


def test_an_unknown_key_is_an_unknown_field(plans: Path, run: Run) -> None:
    code, found = config_findings(run, "timezone: Asia/Ho_Chi_Minh\nigonre: [due-soon]\n", plans)
    assert code == 1
    (finding,) = found
    assert (finding["rule"], finding["line"], finding["column"]) == ("unknown-field", 2, 1)
    assert "ignore" in finding["hint"]


def test_an_unknown_rule_in_ignore_is_an_invalid_value(plans: Path, run: Run) -> None:
    code, found = config_findings(run, "ignore: [overdue, due-son]\n", plans)
    assert code == 1
    (finding,) = found
    assert (finding["rule"], finding["line"], finding["column"]) == ("invalid-value", 1, 19)
    assert "due-soon" in finding["hint"]
    # The rest of the list still applies.
    assert "overdue" not in {d["rule"] for d in check(run, "plans")[1]}


def test_an_unknown_rule_in_severity_is_an_invalid_value(plans: Path, run: Run) -> None:
    _, found = config_findings(run, "severity:\n  lat: info\n", plans)
    assert [(d["rule"], d["line"]) for d in found] == [("invalid-value", 2)]
    assert "late" in found[0]["hint"]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("severity: {late: fatal}\n", "invalid-value"),
        ("due_soon_days: -1\n", "invalid-value"),
        ("due_soon_days: '7'\n", "invalid-type"),
        ("period_rule: weekly\n", "invalid-value"),
        ("timezone: Asia/Hanoi\n", "invalid-value"),
        ("ignore: due-soon\n", "invalid-type"),
        ("roster:\n  - {id: CĐ Thử, name: Công đoàn Thử}\n", "invalid-value"),
        ("roster:\n  - {id: cd-thu}\n", "missing-field"),
    ],
)
def test_a_bad_value_is_a_finding_in_the_config(
    plans: Path, run: Run, text: str, rule: str
) -> None:
    code, found = config_findings(run, text, plans)
    assert code == 1
    assert [d["rule"] for d in found] == [rule]
    assert found[0]["line"] is not None


def test_a_bad_config_does_not_stop_the_plans_being_checked(plans: Path, run: Run) -> None:
    _, found = config_findings(run, "igonre: []\n", plans)
    assert found
    assert rules([d for d in check(run, "plans")[1] if d["file"] != "tuyengiao.yaml"]) == (
        DEFAULT_FINDINGS
    )


def test_one_bad_key_keeps_the_rest_of_the_config(plans: Path, run: Run) -> None:
    roster = "roster:\n  - {id: cd-thu, name: Công đoàn Thử}\n  - {id: cd-khac, name: Khác}\n"
    _, found = config_findings(run, roster + "igonre: []\n", plans)
    assert "missing-plan" in {d["rule"] for d in found}


def test_the_allowed_values_hint_is_in_the_users_language(plans: Path, run: Run) -> None:
    _, found = config_findings(run, "severity: {late: fatal}\n", plans)
    assert " or " not in found[0]["hint"]


def test_the_default_timezone_exists() -> None:
    """`check` does not look the default up at every start: this test does it once."""
    from zoneinfo import ZoneInfo

    from tuyengiao.models import DEFAULT_TIMEZONE

    assert ZoneInfo(DEFAULT_TIMEZONE).key == "Asia/Ho_Chi_Minh"
