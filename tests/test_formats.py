"""The CI output formats of `check`, each read back by its own parser or schema:
JUnit XML (junitparser), SARIF 2.1.0 and GitLab Code Quality (jsonschema)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from junitparser import Failure, JUnitXml, TestSuite

from tests.conftest import REPO, Run
from tuyengiao.formatters import FORMATS
from tuyengiao.i18n import messages
from tuyengiao.rules import RULES

TODAY = "2022-06-20"

#: Every task covered, nothing due soon or overdue on TODAY: no finding at all.
CLEAN = """\
version: 1
guidance: "2022"
union: {id: cd-sach, name: Công đoàn Sạch}
activities:
  - {id: a1, task: 1, title: Việc 1, due: 30/5/2022, status: hoàn thành, done: 20/5/2022}
""" + "".join(
    f"  - {{id: a{n}, task: {n}, title: Việc {n}, due: 15/12/2022, status: kế hoạch}}\n"
    for n in range(2, 9)
)

#: Three errors: a missing title, an unknown status, an impossible date.
BROKEN = """\
version: 1
guidance: "2022"
union: {id: cd-loi, name: Công đoàn Lỗi}
activities:
  - id: a1
    task: 1
    due: 20/5/2022
    status: chưa rõ
  - id: a2
    task: 2
    title: Tin bài
    due: 31/2/2022
    status: kế hoạch
"""

#: Valid, with warnings (one overdue, six uncovered tasks) and a note (due soon).
LATE = """\
version: 1
guidance: "2022"
union: {id: cd-cham, name: Công đoàn Chậm}
activities:
  - id: a1
    task: 1
    title: Hội nghị quán triệt
    due: 20/5/2022
    status: kế hoạch
  - id: a2
    task: 2
    title: Tin bài trên cổng thông tin
    due: 25/6/2022
    status: đang thực hiện
"""


@pytest.fixture
def plans(workspace: Path) -> Path:
    """A workspace with a clean, a broken and a late plan (as the current folder)."""
    folder = workspace / "plans" / "2022"
    folder.mkdir(parents=True)
    for name, text in (("sach", CLEAN), ("loi", BROKEN), ("cham", LATE)):
        (folder / f"cd-{name}.yaml").write_text(text, encoding="utf-8")
    return workspace


def check(run: Run, output_format: str, *args: str) -> tuple[int, str]:
    outcome = run("check", "plans", "--today", TODAY, "--format", output_format, *args)
    return outcome.exit_code, outcome.stdout


def findings(run: Run, *args: str) -> list[dict[str, Any]]:
    """The same run's findings, from the stable JSON document."""
    _, stdout = check(run, "json", *args)
    found: list[dict[str, Any]] = json.loads(stdout)["diagnostics"]
    return found


def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((REPO / "tests" / "data" / name).read_text("utf-8"))
    return schema


def test_every_format_is_listed_in_the_table() -> None:
    assert list(FORMATS) == ["text", "json", "github", "junit", "sarif", "gitlab"]


def test_an_unknown_format_names_them_all(plans: Path, run: Run) -> None:
    outcome = run("check", "plans", "--today", TODAY, "--format", "xml")
    assert outcome.exit_code == 2
    for name in FORMATS:
        assert name in outcome.stderr


# --- JUnit --------------------------------------------------------------------------------


def test_junit_one_suite_per_file_one_failure_per_error(plans: Path, run: Run) -> None:
    code, stdout = check(run, "junit")
    assert code == 1
    report = JUnitXml.fromstring(stdout.encode())
    suites: dict[str, TestSuite] = {suite.name: suite for suite in report}
    assert sorted(suites) == [
        "plans/2022/cd-cham.yaml",
        "plans/2022/cd-loi.yaml",
        "plans/2022/cd-sach.yaml",
    ]
    found = findings(run)
    for name, suite in suites.items():
        errors = [d for d in found if d["file"] == name and d["severity"] == "error"]
        others = [d for d in found if d["file"] == name and d["severity"] != "error"]
        failed = [case for case in suite if not case.is_passed]
        assert suite.failures == len(failed) == len(errors)
        assert suite.tests == len(errors) + len(others) + (0 if errors else 1)
        assert len({case.name for case in suite}) == suite.tests  # names are unique
        for case, error in zip(failed, errors, strict=True):
            (failure,) = case.result
            assert isinstance(failure, Failure)
            assert failure.type == error["rule"]
            assert failure.message == error["message"]
            assert case.classname == name
    assert report.tests == sum(suite.tests for suite in suites.values())
    assert report.failures == 3


def test_junit_a_clean_file_is_one_passing_case(plans: Path, run: Run) -> None:
    _, stdout = check(run, "junit")
    suite = next(s for s in JUnitXml.fromstring(stdout.encode()) if s.name.endswith("cd-sach.yaml"))
    (case,) = list(suite)
    assert case.is_passed
    assert case.name == messages("vi")("formats.junit.clean")


def test_junit_warnings_pass_and_say_what_was_found(plans: Path, run: Run) -> None:
    _, stdout = check(run, "junit")
    suite = next(s for s in JUnitXml.fromstring(stdout.encode()) if s.name.endswith("cd-cham.yaml"))
    cases = list(suite)
    assert all(case.is_passed for case in cases)
    overdue = next(case for case in cases if "overdue" in case.name)
    assert "TG401 [overdue]" in overdue.system_out
    assert "quá hạn" in overdue.system_out
    assert sum("task-uncovered" in case.name for case in cases) == 6


def test_junit_in_english(plans: Path, run: Run) -> None:
    _, stdout = check(run, "junit", "--lang", "en")
    suite = next(s for s in JUnitXml.fromstring(stdout.encode()) if s.name.endswith("cd-sach.yaml"))
    assert next(iter(suite)).name == "no errors"


def test_junit_survives_characters_xml_cannot_hold(workspace: Path, run: Run) -> None:
    # A file name is the one place such characters reach a report unfiltered.
    folder = workspace / "plans"
    folder.mkdir()
    (folder / "cd-\x1b.yaml").write_text(BROKEN, encoding="utf-8")
    _, stdout = check(run, "junit")
    (suite,) = list(JUnitXml.fromstring(stdout.encode()))
    assert suite.name == "plans/cd-\ufffd.yaml"
    assert suite.failures == 3


# --- SARIF --------------------------------------------------------------------------------


def sarif(run: Run, *args: str) -> dict[str, Any]:
    _, stdout = check(run, "sarif", *args)
    log: dict[str, Any] = json.loads(stdout)
    jsonschema.Draft7Validator(
        load_schema("sarif-2.1.0-subset.schema.json"),
        format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER,
    ).validate(log)
    return log


def test_sarif_is_valid_and_describes_every_rule(plans: Path, run: Run) -> None:
    log = sarif(run)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [rule["name"] for rule in rules] == list(RULES)
    msg = messages("vi")
    for rule in rules:
        meta = RULES[rule["name"]]
        assert rule["id"] == meta.code
        assert rule["shortDescription"]["text"] == msg(f"rules.{meta.name}")
        level = {"error": "error", "warning": "warning", "info": "note"}[meta.severity]
        assert rule["defaultConfiguration"]["level"] == level


def test_sarif_results_match_the_findings(plans: Path, run: Run) -> None:
    (run_,) = sarif(run)["runs"]
    rules = run_["tool"]["driver"]["rules"]
    found = findings(run)
    assert len(run_["results"]) == len(found)
    for result, d in zip(run_["results"], found, strict=True):
        assert result["ruleId"] == d["code"] == rules[result["ruleIndex"]]["id"]
        assert (
            result["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[d["severity"]]
        )
        assert result["message"]["text"].startswith(d["message"])
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": d["file"], "uriBaseId": "%SRCROOT%"}
        assert physical["region"] == {"startLine": d["line"], "startColumn": d["column"]}
    levels = {result["level"] for result in run_["results"]}
    assert levels == {"error", "warning", "note"}


def test_sarif_in_english_documents_rules_in_english(plans: Path, run: Run) -> None:
    (run_,) = sarif(run, "--lang", "en")["runs"]
    assert run_["tool"]["driver"]["language"] == "en"
    overdue = next(r for r in run_["tool"]["driver"]["rules"] if r["name"] == "overdue")
    assert overdue["shortDescription"]["text"] == messages("en")("rules.overdue")


def test_sarif_uris_are_encoded_and_whole_file_findings_sit_on_line_1(
    workspace: Path, run: Run
) -> None:
    folder = workspace / "plans" / "kế hoạch"
    folder.mkdir(parents=True)
    (folder / "gone.yaml").symlink_to(folder / "nowhere.yaml")  # unreadable: no line
    (folder / "cd loi.yaml").write_text(BROKEN, encoding="utf-8")
    (run_,) = sarif(run)["runs"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]
    }
    assert uris == {
        "plans/k%E1%BA%BF%20ho%E1%BA%A1ch/cd%20loi.yaml",
        "plans/k%E1%BA%BF%20ho%E1%BA%A1ch/gone.yaml",
    }
    unreadable = next(r for r in run_["results"] if r["ruleId"] == RULES["unreadable"].code)
    assert unreadable["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}


# --- GitLab Code Quality ---------------------------------------------------------------------


def gitlab(run: Run, *args: str) -> list[dict[str, Any]]:
    _, stdout = check(run, "gitlab", *args)
    issues: list[dict[str, Any]] = json.loads(stdout)
    jsonschema.Draft202012Validator(load_schema("gitlab-codequality.schema.json")).validate(issues)
    return issues


def test_gitlab_issues_match_the_findings(plans: Path, run: Run) -> None:
    issues = gitlab(run)
    found = findings(run)
    assert len(issues) == len(found)
    severity = {"error": "major", "warning": "minor", "info": "info"}
    for issue, d in zip(issues, found, strict=True):
        assert issue["check_name"] == d["rule"]
        assert issue["severity"] == severity[d["severity"]]
        assert issue["location"] == {"path": d["file"], "lines": {"begin": d["line"]}}
        assert issue["description"].startswith(d["message"])
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_gitlab_all_clean_is_an_empty_list(plans: Path, run: Run) -> None:
    outcome = run("check", "plans/2022/cd-sach.yaml", "--today", TODAY, "--format", "gitlab")
    assert outcome.exit_code == 0
    assert json.loads(outcome.stdout) == []


def test_gitlab_fingerprints_are_stable(plans: Path, run: Run) -> None:
    first = {
        (i["check_name"], i["location"]["lines"]["begin"]): i["fingerprint"] for i in gitlab(run)
    }
    assert first == {
        (i["check_name"], i["location"]["lines"]["begin"]): i["fingerprint"] for i in gitlab(run)
    }
    # Another day and another language change the messages, not the fingerprints.
    later = gitlab(run, "--lang", "en", "--today", "2022-06-26")
    overdue = [i for i in later if i["check_name"] == "overdue"]
    assert len(overdue) == 2  # the second activity is overdue now too
    assert {i["fingerprint"] for i in later} > {
        fp for (rule, _), fp in first.items() if rule != "due-soon"
    }


def test_gitlab_fingerprints_survive_lines_added_above(plans: Path, run: Run) -> None:
    before = gitlab(run)
    for path in (plans / "plans" / "2022").iterdir():
        path.write_text("# Một dòng chú thích mới\n\n" + path.read_text("utf-8"), encoding="utf-8")
    after = gitlab(run)
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    shifted = [i["location"]["lines"]["begin"] - 2 for i in after]
    assert shifted == [i["location"]["lines"]["begin"] for i in before]


def test_gitlab_fingerprints_tell_findings_on_equal_lines_apart(plans: Path, run: Run) -> None:
    uncovered = [
        i
        for i in gitlab(run)
        if i["check_name"] == "task-uncovered" and i["location"]["path"].endswith("cd-cham.yaml")
    ]
    assert len(uncovered) == 6
    assert len({i["location"]["lines"]["begin"] for i in uncovered}) == 1
    assert len({i["fingerprint"] for i in uncovered}) == 6


# --- GitHub ------------------------------------------------------------------------------------


def test_github_format_is_chosen_under_github_actions(plans: Path, run: Run) -> None:
    outcome = run("check", "plans", "--today", TODAY, env={"GITHUB_ACTIONS": "true"})
    assert outcome.exit_code == 1
    lines = outcome.stdout.splitlines()
    assert lines[0].startswith("::")
    assert any(
        line.startswith("::error file=plans/2022/cd-loi.yaml,line=5,col=5,") for line in lines
    )
    # 6 uncovered tasks in each of the broken and the late plan, and the late activity.
    assert sum(line.startswith("::warning ") for line in lines) == 13
    assert sum(line.startswith("::notice ") for line in lines) == 1


def test_an_explicit_format_wins_over_github_actions(plans: Path, run: Run) -> None:
    outcome = run(
        "check", "plans", "--today", TODAY, "--format", "gitlab", env={"GITHUB_ACTIONS": "true"}
    )
    assert json.loads(outcome.stdout)


def test_github_actions_false_keeps_text(plans: Path, run: Run) -> None:
    outcome = run("check", "plans", "--today", TODAY, env={"GITHUB_ACTIONS": "false"})
    assert not outcome.stdout.startswith("::")
    assert "plans/2022/cd-loi.yaml\n" in outcome.stdout
    assert os.environ.get("GITHUB_ACTIONS") is None  # the runner's env did not leak
