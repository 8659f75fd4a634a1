"""`tuyengiao init` and `tuyengiao new`: every generated file works as generated, and
nothing that exists is ever touched without --force."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import REPO, Run
from tuyengiao import __version__
from tuyengiao.config import load_config
from tuyengiao.guidance import load_guidance
from tuyengiao.i18n import messages
from tuyengiao.schema import FILE_NAME, plan_schema
from tuyengiao.yamltext import yaml_scalar

WORKSPACE_FILES = [
    ".github/workflows/tuyengiao.yml",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    FILE_NAME,
    "tuyengiao.yaml",
]
EDITOR_FILES = [".vscode/extensions.json", ".vscode/settings.json"]


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def check_json(run: Run, *args: str, today: str = "2022-01-10") -> tuple[int, dict[str, Any]]:
    outcome = run("check", *args, "--today", today, "--format", "json")
    document: dict[str, Any] = json.loads(outcome.stdout)
    return outcome.exit_code, document


@pytest.fixture
def initialised(workspace: Path, run: Run) -> Path:
    outcome = run("init")
    assert outcome.exit_code == 0, outcome.stderr
    return workspace


# --- init ----------------------------------------------------------------------------------


def test_init_creates_the_workspace(initialised: Path) -> None:
    assert files_under(initialised) == sorted(WORKSPACE_FILES + EDITOR_FILES)
    assert (initialised / "plans" / "2022").is_dir()


def test_init_says_what_it_created(workspace: Path, run: Run) -> None:
    outcome = run("init", "ws")
    assert outcome.exit_code == 0
    for name in WORKSPACE_FILES:
        assert f"ws/{name}" in outcome.stdout
    assert "ws/plans/2022/" in outcome.stdout
    assert "tuyengiao new" in outcome.stdout
    assert files_under(workspace / "ws") == sorted(WORKSPACE_FILES + EDITOR_FILES)


def test_the_generated_config_loads_without_findings(initialised: Path) -> None:
    config, _, found = load_config(initialised / "tuyengiao.yaml", messages("vi"))
    assert found == []
    assert config.roster is not None
    assert len(config.roster) == 2
    # The group with a comma survived the flow mapping because it is quoted.
    assert config.roster[0].group == "Khối Bộ, ngành Trung ương"
    assert config.guidance == "2022"


def test_the_generated_schema_is_the_schema(initialised: Path) -> None:
    msg = messages("vi")
    written = json.loads((initialised / FILE_NAME).read_text("utf-8"))
    assert written == plan_schema([load_guidance("2022", msg)], msg)


def test_the_github_workflow_installs_and_checks(initialised: Path) -> None:
    workflow = yaml.safe_load((initialised / ".github/workflows/tuyengiao.yml").read_text("utf-8"))
    assert set(workflow) == {"name", "on", "jobs"}  # "on" quoted: YAML 1.1 reads on as true
    assert set(workflow["on"]) == {"push", "pull_request"}
    steps = workflow["jobs"]["check"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)
    runs = [step["run"] for step in steps if "run" in step]
    assert runs == [f'pip install "tuyengiao=={__version__}"', "tuyengiao check plans/"]


def test_the_gitlab_ci_reports_code_quality_and_junit(initialised: Path) -> None:
    ci = yaml.safe_load((initialised / ".gitlab-ci.yml").read_text("utf-8"))
    job = ci["tuyengiao"]
    script = " ".join(job["script"])
    assert "--format gitlab > gl-code-quality-report.json" in script
    assert "--format junit > tuyengiao-junit.xml" in script
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"] == {
        "codequality": "gl-code-quality-report.json",
        "junit": "tuyengiao-junit.xml",
    }
    # The job's last command is the one that fails it when a plan has errors.
    assert job["script"][-1].startswith("tuyengiao check plans/ --format gitlab")


def test_the_pre_commit_config_is_valid_and_uses_the_hook(initialised: Path) -> None:
    path = initialised / ".pre-commit-config.yaml"
    config = yaml.safe_load(path.read_text("utf-8"))
    (repo,) = config["repos"]
    assert repo["rev"] == f"v{__version__}"
    assert repo["hooks"] == [{"id": "tuyengiao-check"}]
    validated = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_init_year(workspace: Path, run: Run) -> None:
    assert run("init", "--year", "2023").exit_code == 0
    assert (workspace / "plans" / "2023").is_dir()
    assert not (workspace / "plans" / "2022").exists()


def test_init_in_a_repository_writes_what_is_missing_and_keeps_the_rest(
    workspace: Path, run: Run
) -> None:
    mine = {".gitlab-ci.yml": "stages: [build]\n", ".pre-commit-config.yaml": "repos: []\n"}
    for name, text in mine.items():
        (workspace / name).write_text(text, encoding="utf-8")
    outcome = run("init")
    assert outcome.exit_code == 0, outcome.stderr
    for name, text in mine.items():
        assert (workspace / name).read_text("utf-8") == text
        assert f"Giữ nguyên {name}" in outcome.stdout
    assert files_under(workspace) == sorted(WORKSPACE_FILES + EDITOR_FILES)
    assert "Đã tạo tuyengiao.yaml" in outcome.stdout
    assert (workspace / "plans" / "2022").is_dir()


def test_init_twice_keeps_every_file(initialised: Path, run: Run) -> None:
    config = initialised / "tuyengiao.yaml"
    config.write_text("# đã sửa\n", encoding="utf-8")
    outcome = run("init")
    assert outcome.exit_code == 0
    for name in WORKSPACE_FILES:
        assert f"Giữ nguyên {name}" in outcome.stdout
    for name in EDITOR_FILES:
        assert name in outcome.stdout  # already set up: said, and left as it is
    assert "Đã tạo" not in outcome.stdout
    assert config.read_text("utf-8") == "# đã sửa\n"


def test_init_refuses_a_folder_where_a_file_goes(workspace: Path, run: Run) -> None:
    (workspace / "tuyengiao.yaml").mkdir()
    outcome = run("init")
    assert outcome.exit_code == 2
    assert "tuyengiao.yaml" in outcome.stderr
    assert files_under(workspace) == []


def test_init_merges_the_editor_settings_into_existing_ones(workspace: Path, run: Run) -> None:
    folder = workspace / ".vscode"
    folder.mkdir()
    settings = {"editor.tabSize": 2, "yaml.schemas": {"other.json": "ci/*.yml"}}
    (folder / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    extensions = {"recommendations": ["ms-python.python"]}
    (folder / "extensions.json").write_text(json.dumps(extensions), encoding="utf-8")
    outcome = run("init")
    assert outcome.exit_code == 0, outcome.stderr
    merged = json.loads((folder / "settings.json").read_text("utf-8"))
    assert merged == {
        "editor.tabSize": 2,
        "yaml.schemas": {"other.json": "ci/*.yml", f"./{FILE_NAME}": ["plans/**/*.yaml"]},
    }
    recommended = json.loads((folder / "extensions.json").read_text("utf-8"))
    assert recommended == {"recommendations": ["ms-python.python", "redhat.vscode-yaml"]}
    assert "Đã bổ sung .vscode/settings.json" in outcome.stdout
    again = run("init")
    assert again.exit_code == 0
    assert json.loads((folder / "settings.json").read_text("utf-8")) == merged


def test_init_leaves_editor_settings_it_cannot_read(workspace: Path, run: Run) -> None:
    folder = workspace / ".vscode"
    folder.mkdir()
    commented = '{\n  // mine\n  "editor.tabSize": 2\n}\n'
    (folder / "settings.json").write_text(commented, encoding="utf-8")
    outcome = run("init")
    assert outcome.exit_code == 0
    assert (folder / "settings.json").read_text("utf-8") == commented
    assert "yaml.schemas" in outcome.stderr  # says what to add by hand


def test_the_editor_settings_map_the_plans_to_the_schema(initialised: Path) -> None:
    settings = json.loads((initialised / ".vscode" / "settings.json").read_text("utf-8"))
    ((schema, globs),) = settings["yaml.schemas"].items()
    assert (initialised / schema).is_file()
    assert globs == ["plans/**/*.yaml"]
    extensions = json.loads((initialised / ".vscode" / "extensions.json").read_text("utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]


def test_init_force_overwrites(initialised: Path, run: Run) -> None:
    config = initialised / "tuyengiao.yaml"
    config.write_text("# đã sửa\n", encoding="utf-8")
    assert run("init", "--force").exit_code == 0
    assert config.read_text("utf-8").startswith("# Cấu hình không gian làm việc")


def test_init_never_replaces_a_file_where_the_plans_folder_goes(workspace: Path, run: Run) -> None:
    (workspace / "plans").mkdir()
    (workspace / "plans" / "2022").write_text("x", encoding="utf-8")
    outcome = run("init", "--force")
    assert outcome.exit_code == 2
    assert files_under(workspace) == ["plans/2022"]


def test_init_in_english(workspace: Path, run: Run) -> None:
    outcome = run("init", "--lang", "en")
    assert outcome.exit_code == 0
    assert "Created tuyengiao.yaml" in outcome.stdout
    schema = json.loads((workspace / FILE_NAME).read_text("utf-8"))
    assert schema["$defs"]["Activity"]["title"] == "Activity"


# --- new -----------------------------------------------------------------------------------


def test_new_plan_passes_check(initialised: Path, run: Run) -> None:
    outcome = run("new", "cd-bo-tu-phap")
    assert outcome.exit_code == 0, outcome.stderr
    plan = "plans/2022/cd-bo-tu-phap.yaml"
    assert (initialised / plan).is_file()
    assert f"Đã tạo {plan}" in outcome.stdout
    code, document = check_json(run, plan)
    assert code == 0
    assert [d for d in document["diagnostics"] if d["file"] == plan] == []
    # Later in the year the examples fall due: warnings, still no error.
    code, document = check_json(run, plan, today="2022-12-31")
    assert code == 0
    assert document["summary"]["errors"] == 0
    assert document["summary"]["warnings"] > 0


def test_new_plan_covers_every_task_with_the_roster_name(initialised: Path, run: Run) -> None:
    run("new", "cd-bao-hiem-xa-hoi-viet-nam")
    text = (initialised / "plans/2022/cd-bao-hiem-xa-hoi-viet-nam.yaml").read_text("utf-8")
    plan = yaml.safe_load(text)
    assert plan["union"] == {
        "id": "cd-bao-hiem-xa-hoi-viet-nam",
        "name": "Công đoàn Bảo hiểm xã hội Việt Nam",
    }
    assert [a["task"] for a in plan["activities"]] == list(range(1, 9))
    assert {a["status"] for a in plan["activities"]} == {"kế hoạch"}
    assert plan["activities"][0]["due"] == "30/5/2022"  # task 1's deadline in the guidance
    assert "# Nhiệm vụ 1: Quán triệt" in text


def test_new_plan_points_at_the_schema_and_validates_against_it(
    initialised: Path, run: Run
) -> None:
    run("new", "cd-bo-tu-phap")
    path = initialised / "plans/2022/cd-bo-tu-phap.yaml"
    first = path.read_text("utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    schema_file = (path.parent / match[1]).resolve()
    assert schema_file == (initialised / FILE_NAME).resolve()
    schema = json.loads(schema_file.read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(path.read_text("utf-8")))


def test_new_refuses_an_existing_plan(initialised: Path, run: Run) -> None:
    path = initialised / "plans/2022/cd-bo-tu-phap.yaml"
    path.write_text("# kế hoạch đã viết\n", encoding="utf-8")
    outcome = run("new", "cd-bo-tu-phap")
    assert outcome.exit_code == 2
    assert "cd-bo-tu-phap.yaml" in outcome.stderr
    assert path.read_text("utf-8") == "# kế hoạch đã viết\n"
    assert run("new", "cd-bo-tu-phap", "--force").exit_code == 0
    assert path.read_text("utf-8").startswith("# yaml-language-server:")


def test_new_never_writes_over_the_config_it_read(initialised: Path, run: Run) -> None:
    config = initialised / "tuyengiao.yaml"
    before = config.read_bytes()
    outcome = run("new", "cd-bo-tu-phap", "-o", "tuyengiao.yaml", "--force")
    assert outcome.exit_code == 2
    assert config.read_bytes() == before


@pytest.mark.parametrize(
    ("union_id", "suggestion"),
    [("Công đoàn Bộ Y tế", "cong-doan-bo-y-te"), ("cd_bo_noi_vu", "cd-bo-noi-vu"), ("cd-", "cd")],
)
def test_new_wants_a_slug(workspace: Path, run: Run, union_id: str, suggestion: str) -> None:
    outcome = run("new", union_id, "--name", "Công đoàn Thử")
    assert outcome.exit_code == 2
    assert suggestion in outcome.stderr
    assert files_under(workspace) == []


def test_new_off_the_roster_without_a_name_is_refused_with_a_suggestion(
    initialised: Path, run: Run
) -> None:
    outcome = run("new", "cd-bo-tu-phap-x")
    assert outcome.exit_code == 2
    assert "cd-bo-tu-phap" in outcome.stderr
    assert not (initialised / "plans/2022/cd-bo-tu-phap-x.yaml").exists()


def test_new_off_the_roster_with_a_name_writes_and_says_to_add_it(
    initialised: Path, run: Run
) -> None:
    outcome = run("new", "cd-bo-y-te", "--name", "Công đoàn Bộ Y tế")
    assert outcome.exit_code == 0, outcome.stderr
    plan = initialised / "plans/2022/cd-bo-y-te.yaml"
    assert yaml.safe_load(plan.read_text("utf-8"))["union"]["name"] == "Công đoàn Bộ Y tế"
    assert "roster" in outcome.stdout and "tuyengiao.yaml" in outcome.stdout
    assert "{id: cd-bo-y-te, name: Công đoàn Bộ Y tế}" in outcome.stdout
    code, document = check_json(run, "plans")
    assert code == 1
    assert "unknown-union" in {d["rule"] for d in document["diagnostics"]}  # until added


def test_new_without_a_roster_needs_a_name(workspace: Path, run: Run) -> None:
    outcome = run("new", "cd-bo-y-te")
    assert outcome.exit_code == 2
    assert "--name" in outcome.stderr
    assert files_under(workspace) == []


def test_new_keeps_any_name_exactly(workspace: Path, run: Run) -> None:
    name = 'Công đoàn "Bộ Y tế": khối #1, {Hà Nội}'
    outcome = run("new", "cd-bo-y-te", "--name", name)
    assert outcome.exit_code == 0, outcome.stderr
    plan = yaml.safe_load((workspace / "plans/2022/cd-bo-y-te.yaml").read_text("utf-8"))
    assert plan["union"]["name"] == name
    code, _ = check_json(run, "plans")
    assert code == 0


def test_new_with_a_slug_yaml_would_read_as_a_boolean(workspace: Path, run: Run) -> None:
    assert run("new", "no", "--name", "Công đoàn No").exit_code == 0
    plan = yaml.safe_load((workspace / "plans/2022/no.yaml").read_text("utf-8"))
    assert plan["union"]["id"] == "no"
    assert check_json(run, "plans")[0] == 0


def test_new_for_a_year_without_a_catalogue_lists_the_years(workspace: Path, run: Run) -> None:
    outcome = run("new", "cd-bo-y-te", "--name", "Công đoàn Bộ Y tế", "--year", "2023")
    assert outcome.exit_code == 2
    assert "2023" in outcome.stderr and "2022" in outcome.stderr
    assert files_under(workspace) == []


def test_new_for_the_year_of_another_catalogue(workspace: Path, run: Run) -> None:
    builtin = yaml.safe_load(
        (REPO / "tuyengiao" / "data" / "guidance-2022.yaml").read_text("utf-8")
    )
    builtin.update(id="2023", year=2023)
    for task in builtin["tasks"]:
        task["deadline"] = task["deadline"] and task["deadline"].replace(year=2023)
    (workspace / "g2023.yaml").write_text(yaml.safe_dump(builtin, allow_unicode=True), "utf-8")
    args = ("--name", "Công đoàn Bộ Y tế", "--guidance", "g2023.yaml", "--year", "2023")
    outcome = run("new", "cd-bo-y-te", "ws", *args)
    assert outcome.exit_code == 0, outcome.stderr
    path = workspace / "ws/plans/2023/cd-bo-y-te.yaml"
    plan = yaml.safe_load(path.read_text("utf-8"))
    assert plan["guidance"] == "2023"
    assert {activity["due"].rsplit("/", 1)[1] for activity in plan["activities"]} == {"2023"}
    assert path.read_text("utf-8").startswith(f"# yaml-language-server: $schema=../../{FILE_NAME}")
    outcome = run("check", "ws/plans", "--guidance", "g2023.yaml", "--today", "2023-01-10")
    assert outcome.exit_code == 0, outcome.stdout


def test_new_to_a_file(workspace: Path, run: Run) -> None:
    outcome = run("new", "cd-bo-y-te", "--name", "Công đoàn Bộ Y tế", "-o", "drafts/y-te.yaml")
    assert outcome.exit_code == 0, outcome.stderr
    text = (workspace / "drafts/y-te.yaml").read_text("utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../{FILE_NAME}\n")
    assert run("new", "cd-x", "ws", "--name", "X", "-o", "x.yaml").exit_code == 2


def test_new_in_english(initialised: Path, run: Run) -> None:
    outcome = run("new", "cd-bo-tu-phap", "--lang", "en")
    assert outcome.exit_code == 0
    assert "Created plans/2022/cd-bo-tu-phap.yaml" in outcome.stdout


# --- quoting --------------------------------------------------------------------------------


@given(st.text(max_size=40))
@example("no")
@example("2022")
@example("0912 345 678")
@example("a: b")
@example("x # y")
@example(" lề ")
@example("\x85\u2028\ufeff\x7f")
@example("[1, 2]")
@example("")
def test_yaml_scalar_reads_back_as_the_same_text(text: str) -> None:
    assert yaml.safe_load(f"key: {yaml_scalar(text)}\n") == {"key": text}


# --- tasks --export --------------------------------------------------------------------------


def test_tasks_export_writes_the_builtin_catalogue_under_a_header(
    workspace: Path, run: Run
) -> None:
    outcome = run("tasks", "--export", "guidance/2023.yaml")
    assert outcome.exit_code == 0, outcome.stderr
    written = (workspace / "guidance/2023.yaml").read_bytes()
    builtin = (REPO / "tuyengiao" / "data" / "guidance-2022.yaml").read_bytes()
    header, body = written[: len(written) - len(builtin)], written[len(written) - len(builtin) :]
    assert body == builtin
    assert all(line.startswith(b"#") for line in header.splitlines())
    assert b"id" in header and b"year" in header and b"deadline" in header
    assert "guidance:" in outcome.stdout  # the next step: add it to the config
    listed = run("tasks", "--guidance", "guidance/2023.yaml")
    assert listed.exit_code == 0, listed.stderr


def test_tasks_export_never_replaces_a_file(workspace: Path, run: Run) -> None:
    mine = workspace / "mine.yaml"
    mine.write_text("# của tôi\n", encoding="utf-8")
    outcome = run("tasks", "--export", "mine.yaml")
    assert outcome.exit_code == 2
    assert "mine.yaml" in outcome.stderr
    assert mine.read_text("utf-8") == "# của tôi\n"
    assert files_under(workspace) == ["mine.yaml"]


# --- the periodic report ---------------------------------------------------------------------


def test_init_asks_for_quarterly_reports_and_new_writes_a_draft_entry(
    initialised: Path, run: Run
) -> None:
    config, _, found = load_config(initialised / "tuyengiao.yaml", messages("vi"))
    assert found == []
    assert config.reporting is not None
    assert (config.reporting.periods, config.reporting.due_days) == (["quarter", "year"], 5)
    assert run("new", "cd-bo-tu-phap").exit_code == 0
    plan = initialised / "plans" / "2022" / "cd-bo-tu-phap.yaml"
    reports = yaml.safe_load(plan.read_text("utf-8"))["reports"]
    # The run's real day is after 2022: the draft is for the year's last quarter.
    assert reports == {"2022-Q4": {}}
    # A draft is no report sent: once Q1 is past due the plan is told, nothing else.
    code, document = check_json(run, str(plan), today="2022-04-20")
    assert code == 0
    assert [d["rule"] for d in document["diagnostics"]] == ["report-missing"]
