"""A workspace that lives for years (issue 11), proven on `tests/data/two-years/`.

The workspace names two catalogues, `guidance: ["2022", guidance/2023.yaml]`; the
2023 one was made from the 2022 one with another year, other deadlines (task 1 by
30/4/2023, task 2 by 30/6/2023, which 2022 did not set) and a different task 8. Its
roster has `years:`: Alpha files every year, Beta only 2022, Gamma only 2023 (and has
not filed yet), Delta 2022 and 2023. Each union's plans sit under `plans/<year>/`.

The plan data is chosen so that checking a plan against the wrong catalogue shows:
every 2023 date is outside 2022, Alpha's 2023 task 1 is due 25/4/2023 (after the 2022
deadline 30/5/2022, before the 2023 one), its task 2 is due 30/9/2023 (after the 2023
deadline only). `test_the_data_tells_the_catalogues_apart` proves that.

Golden reports: the Markdown and JSON of both years, compared byte for byte. The
report's sections are being rewritten; after an intended change to the report, run

    UPDATE_GOLDEN=1 pytest tests/test_years.py

and review the diff of `tests/golden/two-years-*`.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import Run

TWO_YEARS = Path(__file__).parent / "data" / "two-years"
GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
#: A day in the first quarter of 2023: both guidance years have begun.
IN_2023 = "2023-03-20"

Finding = tuple[str, int | None, int | None, str]

#: What `check` finds in the workspace as of IN_2023, and nothing else: no duplicate-id
#: (Alpha and Delta file once a year), no outside-year (each plan against its own
#: year), the 2023 deadline of task 2, and one missing plan (Gamma's, for 2023).
FINDINGS_2023: list[Finding] = [
    ("plans/2023/cd-alpha.yaml", 14, 10, "after-deadline"),
    ("plans/2023/cd-delta.yaml", 9, 71, "overdue"),
    ("tuyengiao.yaml", 13, 5, "missing-plan"),
]


def check(run: Run, workspace: Path, today: str, *paths: str) -> tuple[int, dict[str, object]]:
    """`check` run from `workspace` as of `today`: its exit code and its JSON document."""
    outcome = run("check", *(paths or (".",)), "--today", today, "--format", "json", cwd=workspace)
    return outcome.exit_code, json.loads(outcome.stdout)


def findings(document: dict[str, object]) -> list[Finding]:
    """The findings of a JSON document as (file, line, column, rule)."""
    diagnostics = document["diagnostics"]
    assert isinstance(diagnostics, list)
    return [(d["file"], d["line"], d["column"], d["rule"]) for d in diagnostics]


def by_rule(document: dict[str, object], rule: str) -> list[dict[str, str]]:
    """The findings of `rule` in a JSON document, whole."""
    diagnostics = document["diagnostics"]
    assert isinstance(diagnostics, list)
    return [d for d in diagnostics if d["rule"] == rule]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the two-year workspace to change."""
    return Path(shutil.copytree(TWO_YEARS, tmp_path / "two-years"))


def add_to_roster(workspace: Path, entry: str) -> None:
    """Add a roster entry (a flow mapping) after the last one."""
    config = workspace / "tuyengiao.yaml"
    text = config.read_text("utf-8")
    assert "\nreport:" in text
    config.write_text(text.replace("\nreport:", f"\n  - {entry}\nreport:", 1), "utf-8")


# --- check ---------------------------------------------------------------------------


def test_each_plan_is_checked_against_its_own_year(run: Run) -> None:
    code, document = check(run, TWO_YEARS, IN_2023)
    assert findings(document) == FINDINGS_2023
    assert code == 0  # warnings only
    # The catalogue file in the workspace is not a plan: 3 plans of 2022, 2 of 2023.
    assert document["summary"] == {"files": 5, "errors": 0, "warnings": 3, "infos": 0}
    [late] = by_rule(document, "after-deadline")
    assert "30/9/2023" in late["message"] and "30/6/2023" in late["message"]
    assert "30/6/2023" in late["hint"]  # the 2023 catalogue's deadline_text


def test_missing_plan_only_for_the_year_a_union_is_on_the_roster(run: Run) -> None:
    _, document = check(run, TWO_YEARS, IN_2023)
    [missing] = by_rule(document, "missing-plan")
    # Gamma (years: [2023]) has no 2023 plan; Beta (years: [2022]) none either, rightly.
    assert "cd-gamma" in missing["message"] and "2023" in missing["message"]
    assert missing["hint"].endswith("tuyengiao new cd-gamma --year 2023")


def test_a_year_not_begun_expects_no_plan(run: Run) -> None:
    """On the last day of 2022 the 2023 plans are not yet expected, and Gamma not at all."""
    code, document = check(run, TWO_YEARS, "2022-12-31", "plans/2022")
    assert findings(document) == []
    assert code == 0


def test_the_data_tells_the_catalogues_apart(run: Run, copy: Path) -> None:
    """Alpha's 2023 plan held to the 2022 catalogue gives what the right one does not."""
    plan = copy / "plans" / "2023" / "cd-alpha.yaml"
    plan.write_text(
        plan.read_text("utf-8").replace('guidance: "2023"', 'guidance: "2022"'), "utf-8"
    )
    _, document = check(run, copy, IN_2023)
    wrong = [f for f in findings(document) if f[0] == "plans/2023/cd-alpha.yaml"]
    rules = [rule for *_, rule in wrong]
    assert rules.count("outside-year") == 8  # every activity
    # Task 1 due 25/4/2023 is after 30/5/2022; task 2 has no deadline in 2022.
    assert ("plans/2023/cd-alpha.yaml", 9, 10, "after-deadline") in wrong
    assert ("plans/2023/cd-alpha.yaml", 14, 10, "after-deadline") not in wrong
    # And Alpha then has two 2022 plans.
    assert ("plans/2023/cd-alpha.yaml", 4, 13, "duplicate-id") in wrong


def test_a_plan_of_an_unknown_guidance_names_the_ids_on_offer(run: Run, copy: Path) -> None:
    (copy / "plans" / "2024").mkdir()
    (copy / "plans" / "2024" / "cd-alpha.yaml").write_text(
        'version: 1\nguidance: "2024"\nunion: {id: cd-alpha, name: Công đoàn Alpha}\n'
        "activities:\n"
        "  - {id: a1, task: 1, title: Quán triệt nghị quyết, due: 2024-05-20, status: planned}\n",
        "utf-8",
    )
    code, document = check(run, copy, IN_2023)
    unknown = ("plans/2024/cd-alpha.yaml", 2, 11, "invalid-value")
    # No year-bound rule from another year's catalogue on it, no duplicate of Alpha.
    assert findings(document) == [*FINDINGS_2023[:2], unknown, FINDINGS_2023[2]]
    assert code == 1
    [found] = by_rule(document, "invalid-value")
    assert "2024" in found["message"]
    assert '"2022", "2023"' in found["hint"]


def test_a_second_catalogue_of_one_id_is_a_finding_and_unused(run: Run, copy: Path) -> None:
    """`check` and `report` then agree on the first; each missing plan is said once."""
    first = copy / "guidance" / "2023.yaml"
    text = first.read_text("utf-8").replace("kỷ niệm 94 năm", "kỷ niệm (bản sửa)")
    (copy / "guidance" / "2023-bis.yaml").write_text(text, "utf-8")
    config = copy / "tuyengiao.yaml"
    listed = "guidance/2023.yaml]"
    config.write_text(
        config.read_text("utf-8").replace(listed, "guidance/2023.yaml, guidance/2023-bis.yaml]"),
        "utf-8",
    )
    code, document = check(run, copy, IN_2023)
    assert findings(document) == [("guidance/2023-bis.yaml", 5, 5, "duplicate-id"), *FINDINGS_2023]
    assert code == 1
    q1 = json.loads(report(run, copy, "2023-Q1", "json"))
    assert q1["tasks"][7]["title"].startswith("Tuyên truyền kỷ niệm 94 năm")


# --- report --------------------------------------------------------------------------

# (golden name, period): each rendered from the workspace as of IN_2023.
REPORTS = [("two-years-2022", "2022"), ("two-years-2023-q1", "2023-Q1")]
FORMATS = ["md", "json"]


def report(run: Run, workspace: Path, period: str, fmt: str, today: str = IN_2023) -> str:
    """The report on `period` of `workspace`'s plans, as printed on stdout."""
    outcome = run(
        "report", "plans", "--today", today, "--period", period, "--format", fmt, cwd=workspace
    )
    assert outcome.exit_code == 0, outcome.stderr
    return outcome.stdout


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "period"), REPORTS, ids=[n for n, _ in REPORTS])
def test_report_matches_golden(run: Run, name: str, period: str, fmt: str) -> None:
    text = report(run, TWO_YEARS, period, fmt)
    golden = GOLDEN / f"{name}.{fmt}"
    if UPDATE:
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.exists(), f"no golden file {golden.name}: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == golden.read_text(encoding="utf-8")


def test_each_report_counts_the_plans_of_its_year(run: Run) -> None:
    """Read from the reports themselves, not the golden files: which plans, which tasks."""
    year_2022 = json.loads(report(run, TWO_YEARS, "2022", "json"))
    q1_2023 = json.loads(report(run, TWO_YEARS, "2023-Q1", "json"))
    assert [u["file"] for u in year_2022["unions"]] == [
        "plans/2022/cd-alpha.yaml",
        "plans/2022/cd-beta.yaml",
        "plans/2022/cd-delta.yaml",
    ]
    assert [u["file"] for u in q1_2023["unions"]] == [
        "plans/2023/cd-alpha.yaml",
        "plans/2023/cd-delta.yaml",
    ]
    assert year_2022["missing_plans"] == []  # Gamma is not on the 2022 roster
    assert [m["id"] for m in q1_2023["missing_plans"]] == ["cd-gamma"]  # Beta is not on 2023's
    assert year_2022["tasks"][7]["title"].endswith("năm 2022")
    assert q1_2023["tasks"][7]["title"].startswith("Tuyên truyền kỷ niệm 94 năm")
    assert (year_2022["totals"]["activities"], q1_2023["totals"]["activities"]) == (24, 16)
    assert q1_2023["totals"]["results"]["participants"] == 75 + 140 + 120  # 2023 only


def test_the_report_compares_each_task_with_the_same_period_last_year(run: Run) -> None:
    """2023-Q1 against 2022-Q1 (the 2022 plans digested on that quarter, in the same pass)."""
    document = json.loads(report(run, TWO_YEARS, "2023-Q1", "json"))
    tasks = {task["number"]: task for task in document["measures"]["tasks"]}
    third = tasks[3]["previous_year"]
    assert third["period"] == "2022-Q1"
    assert third["results"] == [
        {"metric": "sessions", "now": 1, "before": 3, "change_percent": -66.7},
        {"metric": "participants", "now": 75, "before": 180, "change_percent": -58.3},
    ]
    # Nothing a year earlier: no rate of change, never a division by zero.
    assert tasks[2]["previous_year"]["results"] == [
        {"metric": "articles", "now": 9, "before": 0, "change_percent": None}
    ]
    # Task 8 of 2023 is another task than task 8 of 2022: compared, and said so.
    assert tasks[8]["previous_year"]["task_changed"] is True
    text = report(run, TWO_YEARS, "2023-Q1", "md")
    assert (
        "So với cùng kỳ năm 2022, số buổi, hội nghị giảm 66,7% và lượt người tham gia giảm 58,3%."
    ) in text
    assert "**KẾT QUẢ SO VỚI CÙNG KỲ NĂM 2022**" in text
    assert "Nhiệm vụ 8 năm 2022 là: Tuyên truyền, kỷ niệm các ngày lễ lớn" in text
    # The first year of a workspace has nothing to compare with.
    assert all(
        t["previous_year"] is None
        for t in json.loads(report(run, TWO_YEARS, "2022", "json"))["measures"]["tasks"]
    )


@pytest.mark.parametrize("period", ["2022", "2023-Q1"])
def test_expected_unions_are_those_of_the_year(run: Run, period: str) -> None:
    """Three roster unions file each year (Beta only 2022, Gamma only 2023): 3, not 4."""
    document = json.loads(report(run, TWO_YEARS, period, "json"))
    assert document["totals"]["expected_unions"] == 3


def test_report_of_a_year_without_catalogue_names_the_years(run: Run) -> None:
    outcome = run("report", "plans", "--today", IN_2023, "--period", "2021-Q1", cwd=TWO_YEARS)
    assert outcome.exit_code == 2
    assert outcome.stdout == ""
    assert "2021" in outcome.stderr and "2022, 2023" in outcome.stderr


def test_report_refuses_a_catalogue_with_errors(run: Run) -> None:
    """Two tasks numbered 1: the report listed task 1 twice and counted its activity twice."""
    case = Path(__file__).parent / "cases" / "duplicate-id" / "catalogue-task-twice"
    outcome = run("report", ".", "--today", "2023-06-01", "--period", "2023-Q2", cwd=case)
    assert outcome.exit_code == 2
    assert "guidance-2023.yaml:16:13" in outcome.stderr


# --- the yearly routine --------------------------------------------------------------


def start_2024(run: Run, workspace: Path) -> None:
    """The README's routine: export the catalogue, make it 2024's, add it to `guidance:`."""
    outcome = run("tasks", "--export", "guidance/2024.yaml", cwd=workspace)
    assert outcome.exit_code == 0, outcome.stderr
    catalogue = workspace / "guidance" / "2024.yaml"
    text = catalogue.read_text("utf-8")
    assert 'id: "2022"\nyear: 2022\n' in text
    text = text.replace('id: "2022"\nyear: 2022\n', 'id: "2024"\nyear: 2024\n')
    catalogue.write_text(text.replace("deadline: 2022-05-30", "deadline: 2024-05-30"), "utf-8")
    config = workspace / "tuyengiao.yaml"
    listed = 'guidance: ["2022", guidance/2023.yaml]'
    assert listed in config.read_text("utf-8")
    config.write_text(
        config.read_text("utf-8").replace(listed, f"{listed[:-1]}, guidance/2024.yaml]"), "utf-8"
    )


def line_of(path: Path, text: str) -> int:
    """The number of the line of `path` that starts with `text`."""
    lines = path.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.lstrip().startswith(text))


def test_the_routines_likeliest_slips_are_findings_on_the_catalogue(run: Run, copy: Path) -> None:
    """Exported, the id made 2024's but not the year; then the year, not task 1's deadline."""
    outcome = run("tasks", "--export", "guidance/2024.yaml", cwd=copy)
    assert outcome.exit_code == 0, outcome.stderr
    catalogue = copy / "guidance" / "2024.yaml"
    catalogue.write_text(catalogue.read_text("utf-8").replace('id: "2022"', 'id: "2024"'), "utf-8")
    config = copy / "tuyengiao.yaml"
    config.write_text(
        config.read_text("utf-8").replace(
            "guidance/2023.yaml]", "guidance/2023.yaml, guidance/2024.yaml]"
        ),
        "utf-8",
    )
    code, document = check(run, copy, IN_2023)
    year_line = line_of(catalogue, "year: 2022")
    assert findings(document) == [
        ("guidance/2024.yaml", year_line, 7, "duplicate-id"),  # a second 2022 catalogue
        *FINDINGS_2023,
    ]
    assert code == 1
    catalogue.write_text(catalogue.read_text("utf-8").replace("year: 2022", "year: 2024"), "utf-8")
    code, document = check(run, copy, IN_2023)
    deadline_line = line_of(catalogue, "deadline: 2022-05-30")
    assert findings(document) == [
        ("guidance/2024.yaml", deadline_line, 15, "invalid-value"),
        *FINDINGS_2023,
    ]
    [found] = by_rule(document, "invalid-value")
    assert "30/5/2022" in found["message"] and "2024" in found["message"]


def test_a_year_with_a_catalogue_and_no_plans_is_an_honest_empty_report(
    run: Run, copy: Path
) -> None:
    start_2024(run, copy)
    document = json.loads(report(run, copy, "2024-Q1", "json", today="2024-02-01"))
    totals = document["totals"]
    assert (totals["unions"], totals["activities"], totals["done_in_period"]) == (0, 0, 0)
    assert document["unions"] == [] and document["overdue"] == []
    # Alpha files every year (no `years:`): its 2024 plan is missing; the others are not due.
    assert [m["id"] for m in document["missing_plans"]] == ["cd-alpha"]
    assert [t["activities"] for t in document["tasks"]] == [0] * 8
    text = report(run, copy, "2024-Q1", "md", today="2024-02-01")
    assert "năm 2024" in text and "Công đoàn Alpha" in text
    assert "cd-alpha" not in text  # no slug in the document


def test_exported_catalogue_passes_check_once_named(run: Run, copy: Path) -> None:
    """The catalogue written by `tasks --export` and edited as the README says: no finding."""
    start_2024(run, copy)
    add_to_roster(copy, "{id: cd-epsilon, name: Công đoàn Epsilon, years: [2024]}")
    outcome = run("new", "cd-epsilon", "--year", "2024", cwd=copy)
    assert outcome.exit_code == 0, outcome.stderr
    code, document = check(run, copy, "2024-01-02", "plans/2024/cd-epsilon.yaml")
    assert (findings(document), code) == ([], 0)
    # The whole workspace on that day: the 2023 plans are overdue (not shown here); no
    # finding on the new catalogue or plan; Alpha owes 2024, Gamma still owes 2023.
    _, whole = check(run, copy, "2024-01-02")
    assert [f for f in findings(whole) if not f[0].startswith("plans/2023/")] == [
        ("tuyengiao.yaml", 11, 5, "missing-plan"),
        ("tuyengiao.yaml", 13, 5, "missing-plan"),
    ]
    assert [m["message"][-4:] for m in by_rule(whole, "missing-plan")] == ["2024", "2023"]


def test_checking_this_year_folder_claims_no_plan_of_another_year_missing(run: Run) -> None:
    """`check plans/2023`: the 2022 plans are not in it, but they are not missing either."""
    _, document = check(run, TWO_YEARS, IN_2023, "plans/2023")
    assert findings(document) == FINDINGS_2023
    [missing] = by_rule(document, "missing-plan")
    assert "(cd-gamma)" in missing["message"] and missing["message"].endswith("2023")


def test_a_year_begun_and_not_filed_at_all_is_still_missing(run: Run, copy: Path) -> None:
    """In January 2024, with no 2024 plan yet, the whole 2024 roster is missing."""
    start_2024(run, copy)
    _, document = check(run, copy, "2024-01-02")
    missing = [m["message"] for m in by_rule(document, "missing-plan")]
    assert [m[-4:] for m in missing] == ["2024", "2023"]  # Alpha (every year), Gamma (2023)


@pytest.mark.parametrize("year", [2022, 2023])
def test_new_plan_of_each_configured_year_passes_check(run: Run, copy: Path, year: int) -> None:
    add_to_roster(copy, f"{{id: cd-epsilon, name: Công đoàn Epsilon, years: [{year}]}}")
    outcome = run("new", "cd-epsilon", "--year", str(year), cwd=copy)
    assert outcome.exit_code == 0, outcome.stderr
    plan = copy / "plans" / str(year) / "cd-epsilon.yaml"
    text = plan.read_text("utf-8")
    assert f'guidance: "{year}"' in text
    # The skeleton follows its year's catalogue: task 1's deadline, task 8's title.
    deadline = {2022: "due: 30/5/2022", 2023: "due: 30/4/2023"}[year]
    task_8 = {2022: "sự kiện lịch sử năm 2022", 2023: "kỷ niệm 94 năm"}[year]
    assert deadline in text and task_8 in text
    code, document = check(run, copy, f"{year}-01-02", f"plans/{year}/cd-epsilon.yaml")
    assert findings(document) == []
    assert code == 0


def test_the_readme_shows_the_real_output(run: Run) -> None:
    """The README's two-year sample is what `check` and `report` print on this workspace."""
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    check_line = "$ tuyengiao check plans/ --today 2023-03-20\n"
    report_line = "$ tuyengiao report plans/ --today 2023-03-20 --period 2021-Q1\n"
    shown = readme.split(check_line, 1)[1].split("```", 1)[0]
    shown_check, shown_report = shown.split(report_line)
    checked = run("check", "plans/", "--today", IN_2023, cwd=TWO_YEARS)
    assert (checked.stdout, checked.exit_code) == (shown_check, 0)
    reported = run("report", *report_line.split()[3:], cwd=TWO_YEARS)
    assert (reported.stderr, reported.exit_code) == (shown_report, 2)
