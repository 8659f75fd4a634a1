"""The command line through Typer's CliRunner: every option of `check` and every exit code."""

from __future__ import annotations

import io
import json
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import PLANS, REPO, SAMPLE_TODAY, Run
from tuyengiao import __version__
from tuyengiao.cli import COMMANDS, _command_of, build_app

GOOD = PLANS / "2022" / "cd-bo-tu-phap.yaml"

BAD_PLAN = """\
version: 1
guidance: "2022"
union: {id: cd-thu, name: Công đoàn Thử}
activities:
  - id: a1
    task: 1
    titel: Hội nghị quán triệt
    due: 31/2/2022
    status: chưa rõ
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_version(run: Run) -> None:
    for flag in ("--version", "-V"):
        outcome = run(flag)
        assert outcome.exit_code == 0
        assert outcome.stdout.strip() == f"tuyengiao {__version__}"


def test_help_is_vietnamese_by_default_and_english_on_request(run: Run) -> None:
    vi = run("check", "--help")
    en = run("check", "--help", "--lang", "en")
    assert vi.exit_code == en.exit_code == 0
    assert "Kiểm tra các tệp kế hoạch" in vi.stdout
    assert "Kiểm tra các tệp kế hoạch" not in en.stdout
    assert "--today" in en.stdout


def test_language_from_environment(run: Run) -> None:
    outcome = run("check", "--help", env={"TUYENGIAO_LANG": "en"})
    assert "Kiểm tra các tệp kế hoạch" not in outcome.stdout


def test_no_arguments_shows_help(run: Run) -> None:
    outcome = run()
    assert "check" in outcome.stdout + outcome.stderr
    assert outcome.exit_code in (0, 2)  # click's no_args_is_help exits 2 since 8.2


def test_clean_file_exits_0(run: Run, workspace: Path) -> None:
    shutil.copy(GOOD, workspace / "plan.yaml")
    outcome = run("check", "plan.yaml", "--today", SAMPLE_TODAY)
    assert outcome.exit_code == 0, outcome.stdout
    assert "0 lỗi" in outcome.stdout


def test_errors_exit_1_and_name_file_line_column(run: Run, workspace: Path) -> None:
    write(workspace, "plans/bad.yaml", BAD_PLAN)
    outcome = run("check", "plans", "--today", SAMPLE_TODAY, "--format", "json")
    assert outcome.exit_code == 1
    listed = [
        (d["line"], d["column"], d["rule"]) for d in json.loads(outcome.stdout)["diagnostics"]
    ]
    found = set(listed)
    assert (7, 5, "unknown-field") in found
    assert (8, 10, "invalid-date") in found
    assert (9, 13, "invalid-value") in found
    # `titel` is the misspelt `title`: one finding, not also a missing `title`.
    assert (5, 5, "missing-field") not in found
    # The broken activity still covers its task: tasks 2 to 8 are uncovered.
    assert sum(rule == "task-uncovered" for _, _, rule in listed) == 7


def test_text_output_groups_by_file_with_hints(run: Run, workspace: Path) -> None:
    write(workspace, "plans/bad.yaml", BAD_PLAN)
    outcome = run("check", "plans", "--today", SAMPLE_TODAY)
    lines = outcome.stdout.splitlines()
    assert lines[0] == "plans/bad.yaml"
    assert any("7:5" in line and "unknown-field" in line for line in lines)
    assert any("Có phải ý bạn là “title”?" in line for line in lines)
    # One of the warnings is file-name: under plans/, bad.yaml is not named after its union.
    assert lines[-1] == "Đã kiểm tra 1 tệp: 3 lỗi, 8 cảnh báo, 0 lưu ý."
    assert "\x1b[" not in outcome.stdout  # no colour when not a terminal


def test_english_messages(run: Run, workspace: Path) -> None:
    write(workspace, "plans/bad.yaml", BAD_PLAN)
    outcome = run("check", "plans", "--today", SAMPLE_TODAY, "--lang", "en")
    assert outcome.exit_code == 1
    assert "Đã kiểm tra" not in outcome.stdout


def test_strict_turns_warnings_into_failure(run: Run, workspace: Path) -> None:
    text = GOOD.read_text(encoding="utf-8")
    write(workspace, "plan.yaml", text)
    late = run("check", "plan.yaml", "--today", "2022-12-31")  # many activities now overdue
    assert late.exit_code == 0
    assert run("check", "plan.yaml", "--today", "2022-12-31", "--strict").exit_code == 1


def test_json_document_is_exactly_the_documented_shape(run: Run, workspace: Path) -> None:
    write(workspace, "plans/bad.yaml", BAD_PLAN)
    outcome = run("check", "plans", "--today", "20/6/2022", "--format", "json")
    document = json.loads(outcome.stdout)
    assert list(document) == ["version", "today", "summary", "diagnostics"]
    assert document["version"] == 1
    assert document["today"] == "2022-06-20"
    assert list(document["summary"]) == ["files", "errors", "warnings", "infos"]
    for diagnostic in document["diagnostics"]:
        assert list(diagnostic) == [
            "file", "line", "column", "severity", "code", "rule", "message", "hint",
        ]  # fmt: skip
        assert diagnostic["code"].startswith("TG")
        assert diagnostic["severity"] in ("error", "warning", "info")


def test_github_annotations(run: Run, workspace: Path) -> None:
    write(workspace, "plans/bad.yaml", BAD_PLAN)
    outcome = run("check", "plans", "--today", SAMPLE_TODAY, "--format", "github")
    assert outcome.exit_code == 1
    line = next(x for x in outcome.stdout.splitlines() if "unknown-field" in x)
    assert line.startswith("::error file=plans/bad.yaml,line=7,col=5,title=TG202 unknown-field::")
    assert "%0A" in line  # the hint follows on a second line of the annotation


def test_github_format_is_automatic_on_github_actions(run: Run, workspace: Path) -> None:
    write(workspace, "plans/bad.yaml", BAD_PLAN)
    outcome = run("check", "plans", "--today", SAMPLE_TODAY, env={"GITHUB_ACTIONS": "true"})
    lines = outcome.stdout.splitlines()
    assert all(line.startswith("::") for line in lines[:-1])
    assert sum(line.startswith("::error ") for line in lines) == 3


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["check", "no-such-folder"], "no-such-folder"),
        (["check", ".", "--today", "tháng 5"], "--today"),
        (["check", ".", "--format", "xml"], "xml"),
        (["check", ".", "--lang", "fr"], "fr"),
        (["check", ".", "--config", "missing.yaml"], "missing.yaml"),
        (["check", ".", "--guidance", "2099"], "2099"),
    ],
)
def test_usage_errors_exit_2(run: Run, workspace: Path, args: list[str], needle: str) -> None:
    shutil.copy(GOOD, workspace / "plan.yaml")
    outcome = run(*args)
    assert outcome.exit_code == 2
    assert needle in outcome.stderr + outcome.stdout


def test_no_plan_found_exits_2(run: Run, workspace: Path) -> None:
    (workspace / "plans").mkdir()
    outcome = run("check", "plans", "--today", SAMPLE_TODAY)
    assert outcome.exit_code == 2
    assert "Không tìm thấy tệp kế hoạch nào" in outcome.stderr


def test_missing_path_beside_good_one_still_checks_and_exits_2(run: Run, workspace: Path) -> None:
    shutil.copy(GOOD, workspace / "plan.yaml")
    outcome = run("check", "plan.yaml", "gone.yaml", "--today", SAMPLE_TODAY)
    assert outcome.exit_code == 2
    assert "Đã kiểm tra 1 tệp" in outcome.stdout


def test_explicit_config_and_guidance_file(run: Run, workspace: Path) -> None:
    shutil.copy(GOOD, workspace / "plan.yaml")
    catalogue = REPO / "tuyengiao" / "data" / "guidance-2022.yaml"
    shutil.copy(catalogue, workspace / "my-guidance.yaml")
    write(workspace, "conf/settings.yaml", "due_soon_days: 0\n")
    outcome = run(
        "check", "plan.yaml", "--today", SAMPLE_TODAY, "--guidance", "my-guidance.yaml",
        "--config", "conf/settings.yaml", "--format", "json",
    )  # fmt: skip
    assert outcome.exit_code == 0, outcome.stderr
    rules = [d["rule"] for d in json.loads(outcome.stdout)["diagnostics"]]
    assert "due-soon" not in rules  # due_soon_days: 0 from the explicit config


def test_a_broken_catalogue_is_a_finding_on_its_file(run: Run, workspace: Path) -> None:
    """Not a crash and not silence: located findings, and the plans are still checked."""
    shutil.copy(GOOD, workspace / "plan.yaml")
    write(workspace, "g.yaml", "version: 1\nid: x\ntasks: nope\n")
    args = ("--guidance", "g.yaml", "--today", SAMPLE_TODAY, "--format", "json")
    outcome = run("check", "plan.yaml", *args)
    assert outcome.exit_code == 1
    found = json.loads(outcome.stdout)["diagnostics"]
    on_catalogue = {(d["line"], d["rule"]) for d in found if d["file"].endswith("g.yaml")}
    assert (3, "invalid-type") in on_catalogue  # tasks: nope
    assert (1, "missing-field") in on_catalogue  # no year, title, …


def test_tasks_lists_the_eight_tasks(run: Run) -> None:
    outcome = run("tasks")
    assert outcome.exit_code == 0
    assert "3710/TLĐ-TG" not in outcome.stdout  # the basis is not a task document
    for document in ("02-NQ/TW", "308/KH-CĐVC", "35-NQ/TW", "2214/QĐ-TTg"):
        assert document in outcome.stdout
    assert "30/5/2022" in outcome.stdout
    full = run("tasks", "--full")
    assert len(full.stdout) > 2 * len(outcome.stdout)  # the full texts of the guidance
    assert "Covid-19" in full.stdout


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("args", [["--help"], ["--no-such-option"]], ids=["help", "bad"])
def test_a_command_built_alone_answers_as_in_the_whole_app(command: str, args: list[str]) -> None:
    """`main` registers only the command being run (start-up): nothing a user sees changes."""
    runner = CliRunner()
    whole = runner.invoke(build_app("vi"), [command, *args], terminal_width=120)
    alone = runner.invoke(build_app("vi", command), [command, *args], terminal_width=120)
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)
    assert whole.exit_code == (0 if args == ["--help"] else 2)


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["check", "plans"], "check"),
        (["report", "-p", "2022-Q2"], "report"),
        (["--help"], None),
        (["chek"], None),
        (["--show-completion", "bash"], None),
    ],
)
def test_the_command_to_build_is_read_from_the_arguments(
    args: list[str], command: str | None
) -> None:
    assert _command_of(args) == command


def test_lang_before_the_command(run: Run, workspace: Path) -> None:
    write(workspace, "plans/bad.yaml", BAD_PLAN)
    before = run("--lang", "en", "check", "plans", "--today", SAMPLE_TODAY)
    after = run("check", "plans", "--today", SAMPLE_TODAY, "--lang", "en")
    assert before.exit_code == after.exit_code == 1
    assert before.stdout == after.stdout
    assert "Checked 1 file" in before.stdout or "Đã kiểm tra" not in before.stdout
    assert _command_of(["--lang", "en", "check"]) == "check"
    assert _command_of(["--lang=en", "status"]) == "status"


def _overdue_workspace(workspace: Path) -> None:
    write(workspace, "plans/bad.yaml", BAD_PLAN)
    shutil.copy(GOOD, workspace / "plans" / "good.yaml")


def test_quiet_prints_errors_only_and_keeps_the_exit_code(run: Run, workspace: Path) -> None:
    _overdue_workspace(workspace)
    every = run("check", "plans", "--today", "2022-12-31", "--format", "json")
    quiet = run("check", "plans", "--today", "2022-12-31", "--format", "json", "--quiet")
    severities = {d["severity"] for d in json.loads(every.stdout)["diagnostics"]}
    assert severities >= {"error", "warning"}
    kept = json.loads(quiet.stdout)["diagnostics"]
    assert kept and {d["severity"] for d in kept} == {"error"}
    assert kept == [d for d in json.loads(every.stdout)["diagnostics"] if d["severity"] == "error"]
    assert quiet.exit_code == every.exit_code == 1
    text = run("check", "plans", "--today", "2022-12-31", "-q")
    assert "cảnh báo  " not in text.stdout and "lỗi  " in text.stdout


def test_quiet_under_strict_still_fails_on_warnings(run: Run, workspace: Path) -> None:
    shutil.copy(GOOD, workspace / "plan.yaml")
    outcome = run("check", "plan.yaml", "--today", "2022-12-31", "--strict", "--quiet")
    assert outcome.exit_code == 1
    assert outcome.stdout.splitlines() == [outcome.stdout.splitlines()[-1]]  # the summary only


@pytest.mark.parametrize(
    ("level", "wanted"),
    [
        ("error", {"error"}),
        ("warning", {"error", "warning"}),
        ("info", {"error", "warning", "info"}),
    ],
)
def test_min_severity(run: Run, workspace: Path, level: str, wanted: set[str]) -> None:
    _overdue_workspace(workspace)
    args = ["check", "plans", "--today", "2022-12-31", "--format", "json"]
    outcome = run(*args, "--min-severity", level)
    assert {d["severity"] for d in json.loads(outcome.stdout)["diagnostics"]} == wanted


def test_min_severity_keeps_infos_at_info(run: Run, workspace: Path) -> None:
    shutil.copy(GOOD, workspace / "plan.yaml")
    args = ["check", "plan.yaml", "--today", "2022-06-10", "--format", "json"]
    infos = [d for d in json.loads(run(*args).stdout)["diagnostics"] if d["severity"] == "info"]
    assert infos  # due-soon findings on this day
    warning = json.loads(run(*args, "--min-severity", "warning").stdout)["diagnostics"]
    assert all(d["severity"] != "info" for d in warning)


def test_check_from_inside_plans_finds_the_workspace(run: Run, workspace: Path) -> None:
    write(workspace, "tuyengiao.yaml", "{}\n")
    write(workspace, "plans/2022/bad.yaml", BAD_PLAN)
    shutil.copy(GOOD, workspace / "plans" / "2022" / "good.yaml")
    write(workspace, "notes/other.yaml", "not: a plan\n")  # beside plans/: not checked
    inside = run(
        "check", "--today", SAMPLE_TODAY, "--format", "json", cwd=workspace / "plans" / "2022"
    )
    document = json.loads(inside.stdout)
    assert inside.exit_code == 1
    assert document["summary"]["files"] == 2
    files = {d["file"] for d in document["diagnostics"]}
    assert "../../plans/2022/bad.yaml" in files  # a path that opens from where one stands
    assert all(file.startswith("../../plans/2022/") for file in files)
    at_root = run("check", "--today", SAMPLE_TODAY, "--format", "json", cwd=workspace)
    assert json.loads(at_root.stdout)["summary"] == document["summary"]


def test_check_inside_plans_without_a_config(run: Run, workspace: Path) -> None:
    write(workspace, "plans/2022/bad.yaml", BAD_PLAN)
    outcome = run(
        "check", "--today", SAMPLE_TODAY, "--format", "json", cwd=workspace / "plans" / "2022"
    )
    assert json.loads(outcome.stdout)["summary"]["files"] == 1


def test_default_paths() -> None:
    from tuyengiao.commands._options import default_paths

    assert default_paths(REPO) == [Path("plans")]
    assert default_paths(REPO / "plans" / "2022") == [Path("..")]  # plans/ holds the config


def test_progress_bar_changes_nothing_checked(tmp_path: Path) -> None:
    from tuyengiao.commands.check import _check
    from tuyengiao.config import resolve_settings
    from tuyengiao.i18n import messages

    files = sorted((PLANS / "2022").glob("*.yaml"))
    msg = messages("vi")
    settings = resolve_settings(files, today=date(2022, 6, 20), msg=msg, cwd=REPO)
    plain = _check(files, settings, 1, msg, progress=False)[0].diagnostics
    for jobs in (1, 2):
        assert _check(files, settings, jobs, msg, progress=True)[0].diagnostics == plain


def _status(run: Run, *args: str, env: dict[str, str] | None = None) -> str:
    outcome = run("status", str(PLANS), "--today", SAMPLE_TODAY, *args, env=env)
    assert outcome.exit_code == 0, outcome.stderr
    return outcome.stdout


def test_status_json_lists_unions_tasks_and_overdue(run: Run) -> None:
    document = json.loads(_status(run, "--format", "json"))
    assert list(document) == [
        "version", "period", "as_of", "totals", "unions", "tasks", "overdue",
        "missing_plans", "left_out", "measures",
        "reports",  # the sample has `reporting:`
    ]  # fmt: skip
    tasks = document["measures"]["tasks"]
    assert tasks[0]["coverage_target_percent"] == 100  # task 1 of 2022: every union
    assert tasks[0]["unions_expected"] == 11
    assert document["version"] == 1 and document["as_of"] == "2022-06-20"
    assert document["reports"]["period"] == "2022-Q1"
    assert len(document["tasks"]) == 8
    totals = document["totals"]
    assert totals["activities"] == sum(u["activities"] for u in document["unions"])
    assert totals["overdue"] == len(document["overdue"]) > 0
    first = document["overdue"][0]
    assert {"union_id", "activity_id", "due", "days", "status"} <= set(first)


def test_status_csv_is_one_row_per_union(run: Run) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(_status(run, "--format", "csv"))))
    document = json.loads(_status(run, "--format", "json"))
    assert [row["union_id"] for row in rows] == [u["id"] for u in document["unions"]]
    assert [int(row["overdue"]) for row in rows] == [u["overdue"] for u in document["unions"]]


def test_status_for_one_union(run: Run) -> None:
    document = json.loads(_status(run, "--format", "json", "--union", "cd-bo-tu-phap"))
    assert [u["id"] for u in document["unions"]] == ["cd-bo-tu-phap"]
    assert {o["union_id"] for o in document["overdue"]} <= {"cd-bo-tu-phap"}
    assert document["missing_plans"] == []
    two = json.loads(_status(run, "-f", "json", "-u", "cd-bo-tu-phap", "-u", "cd-bo-noi-vu"))
    assert {u["id"] for u in two["unions"]} == {"cd-bo-tu-phap", "cd-bo-noi-vu"}
    text = _status(run, "--union", "cd-bo-tu-phap")
    assert "Công đoàn Bộ Tư pháp" in text and "Công đoàn Bộ Nội vụ" not in text


def test_status_unknown_union_is_a_usage_error(run: Run) -> None:
    outcome = run("status", str(PLANS), "--today", SAMPLE_TODAY, "--union", "cd-khong-co")
    assert outcome.exit_code == 2
    assert "cd-khong-co" in outcome.stderr and "cd-bo-tu-phap" in outcome.stderr


def test_status_in_a_pipe_cuts_no_column(run: Run) -> None:
    text = _status(run, env={"COLUMNS": ""})  # a pipe: no width known
    titles = [line for line in text.splitlines() if "…" in line]
    assert not titles, titles  # every task title whole, not cut with an ellipsis
    document = json.loads(_status(run, "--format", "json"))
    for task in document["tasks"]:
        assert task["title"] in text


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from tuyengiao.commands.check import PROGRESS_FROM_FILES, _check, _progress_wanted
    from tuyengiao.config import resolve_settings
    from tuyengiao.i18n import messages

    assert not _progress_wanted(PROGRESS_FROM_FILES)  # pytest's stderr is no terminal
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("TERM", "xterm")  # Rich draws no live bar on a "dumb" terminal
    assert _progress_wanted(PROGRESS_FROM_FILES)
    assert not _progress_wanted(PROGRESS_FROM_FILES - 1)  # too short a run to bother
    files = sorted((PLANS / "2022").glob("*.yaml"))
    msg = messages("vi")
    settings = resolve_settings(files, today=date(2022, 6, 20), msg=msg, cwd=REPO)
    _check(files, settings, 1, msg, progress=True)
    shown = terminal.getvalue()
    assert f"Đang kiểm tra {len(files)} tệp kế hoạch" in shown
    assert f"{len(files)}/{len(files)}" in shown  # it counted every file


def test_no_progress_bar_in_a_pipe(run: Run, workspace: Path) -> None:
    shutil.copy(GOOD, workspace / "plan.yaml")
    outcome = run("check", "plan.yaml", "--today", SAMPLE_TODAY)
    assert "Đang kiểm tra" not in outcome.stderr + outcome.stdout
