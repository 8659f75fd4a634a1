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

from tests.conftest import Run
from tuyengiao import __version__
from tuyengiao.guidance import load_guidance
from tuyengiao.i18n import messages
from tuyengiao.scaffold import yaml_scalar
from tuyengiao.schema import FILE_NAME, plan_schema
from tuyengiao.workspace import load_config

WORKSPACE_FILES = [
    ".github/workflows/tuyengiao.yml",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    FILE_NAME,
    "tuyengiao.yaml",
]


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
    assert files_under(initialised) == WORKSPACE_FILES
    assert (initialised / "plans" / "2022").is_dir()


def test_init_says_what_it_created(workspace: Path, run: Run) -> None:
    outcome = run("init", "ws")
    assert outcome.exit_code == 0
    for name in WORKSPACE_FILES:
        assert f"ws/{name}" in outcome.stdout
    assert "ws/plans/2022/" in outcome.stdout
    assert "tuyengiao new" in outcome.stdout
    assert files_under(workspace / "ws") == WORKSPACE_FILES


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


def test_init_touches_nothing_when_one_file_exists(workspace: Path, run: Run) -> None:
    mine = workspace / ".gitlab-ci.yml"
    mine.write_text("stages: [build]\n", encoding="utf-8")
    outcome = run("init")
    assert outcome.exit_code == 2
    assert ".gitlab-ci.yml" in outcome.stderr
    assert files_under(workspace) == [".gitlab-ci.yml"]
    assert not (workspace / "plans").exists()
    assert mine.read_text("utf-8") == "stages: [build]\n"


def test_init_twice_refuses_every_file(initialised: Path, run: Run) -> None:
    config = initialised / "tuyengiao.yaml"
    config.write_text("# đã sửa\n", encoding="utf-8")
    outcome = run("init")
    assert outcome.exit_code == 2
    for name in WORKSPACE_FILES:
        assert name in outcome.stderr
    assert config.read_text("utf-8") == "# đã sửa\n"


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


def test_new_off_the_roster_is_refused_with_a_suggestion(initialised: Path, run: Run) -> None:
    outcome = run("new", "cd-bo-tu-phap-x", "--name", "Công đoàn X")
    assert outcome.exit_code == 2
    assert "cd-bo-tu-phap" in outcome.stderr
    assert not (initialised / "plans/2022/cd-bo-tu-phap-x.yaml").exists()


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


def test_new_into_another_folder_and_year(workspace: Path, run: Run) -> None:
    outcome = run("new", "cd-bo-y-te", "ws", "--name", "Công đoàn Bộ Y tế", "--year", "2023")
    assert outcome.exit_code == 0, outcome.stderr
    path = workspace / "ws/plans/2023/cd-bo-y-te.yaml"
    assert path.read_text("utf-8").startswith(f"# yaml-language-server: $schema=../../{FILE_NAME}")
    code, document = check_json(run, "ws/plans", today="2023-01-10")
    assert code == 0  # a 2022 guidance: warnings about the year, but a valid plan
    assert {d["rule"] for d in document["diagnostics"]} <= {"outside-year", "after-deadline"}


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
