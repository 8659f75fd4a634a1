"""The workspace over the years, end to end as the README writes it, and its file truths.

- The yearly routine (README, "A workspace over the years"): export, edit, list, new,
  check, status, report, schema; no trap on the way.
- A stale copy of a plan, beside it or in a subfolder: the report's figures are those
  without the copy; two copies and no plan: exit 2 naming both.
- A plan with one syntax error is filed, never missing.
- Golden files (tests/golden/workspace/, `UPDATE_GOLDEN=1` rewrites them): what status
  and check say of a stale copy, a syntax error, other extensions, an id typo.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import Run

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "plans"
PLAN = SAMPLE / "2022" / "cd-bo-tu-phap.yaml"
IN_2023 = "2023-03-20"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _workspace(root: Path) -> Path:
    (root / "plans" / "2022").mkdir(parents=True)
    shutil.copy(PLAN, root / "plans" / "2022" / PLAN.name)
    (root / "tuyengiao.yaml").write_text(
        'guidance: "2022"\nroster:\n  - {id: cd-bo-tu-phap, name: Công đoàn Bộ Tư pháp}\n',
        encoding="utf-8",
    )
    return root


def test_the_yearly_routine_as_the_readme_writes_it(run: Run, tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    # Last year's editor schema, as `init` or `schema -o` left it.
    assert run("schema", "-o", "tuyengiao-plan.schema.json", cwd=root).exit_code == 0
    # tuyengiao tasks --export guidance/2023.yaml
    exported = run("tasks", "--export", "guidance/2023.yaml", cwd=root)
    assert exported.exit_code == 0, exported.stderr
    again = run("tasks", "--export", "guidance/2023.yaml", cwd=root)
    assert again.exit_code == 2
    assert "guidance/2024.yaml" in again.stderr  # a free name, not the one it refused
    # edit guidance/2023.yaml: id: "2023", year: 2023, the tasks, their deadlines
    catalogue = root / "guidance" / "2023.yaml"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("2022", "2023"), encoding="utf-8")
    # tuyengiao.yaml: guidance: ["2022", guidance/2023.yaml]
    config = root / "tuyengiao.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('"2022"', '["2022", guidance/2023.yaml]'), encoding="utf-8")
    # tuyengiao new cd-bo-tu-phap --year 2023
    new = run("new", "cd-bo-tu-phap", "--year", "2023", cwd=root)
    assert new.exit_code == 0, new.stderr
    plan_2023 = root / "plans" / "2023" / "cd-bo-tu-phap.yaml"
    assert 'guidance: "2023"' in plan_2023.read_text(encoding="utf-8")
    # tuyengiao check plans/  (in March, and again in June: 2022's figures do not grow)
    march = run("check", "plans/", "--today", IN_2023, "--format", "json", cwd=root)
    june = run("check", "plans/", "--today", "2023-06-20", "--format", "json", cwd=root)
    assert march.exit_code in (0, 1), march.stderr
    found = json.loads(march.stdout)["diagnostics"]
    assert not [d for d in found if d["file"].startswith("guidance/")]  # the edit is clean
    old = [d for d in found if d["file"] == "plans/2022/cd-bo-tu-phap.yaml"]
    later = [d for d in json.loads(june.stdout)["diagnostics"] if d["file"] == old[0]["file"]]
    assert old == later  # as 2022 stood when it ended, whatever the day in 2023
    assert {d["rule"] for d in old} <= {"overdue", "late", "task-uncovered", "target-missed"}
    assert all("2022 kết thúc" in d["message"] for d in old if d["rule"] == "overdue")
    assert not [d for d in found if d["rule"] == "missing-plan"]  # both years filed
    # The schema exported in 2022 does not know 2023: said once, with the command.
    stale = [d for d in found if d["rule"] == "schema-outdated"]
    assert [d["file"] for d in stale] == ["tuyengiao-plan.schema.json"]
    assert "tuyengiao schema -o tuyengiao-plan.schema.json" in stale[0]["hint"]
    assert run("schema", "-o", "tuyengiao-plan.schema.json", "--force", cwd=root).exit_code == 0
    again = run("check", "plans/", "--today", IN_2023, "--format", "json", cwd=root)
    assert "schema-outdated" not in again.stdout
    # The rest of the year's commands, on the same workspace.
    for args in (
        ("status", "--today", IN_2023),
        ("report", "--period", "2023-Q1", "--today", IN_2023),
        ("report", "--period", "2022", "--today", IN_2023),
        ("tasks", "--today", IN_2023),
    ):
        outcome = run(*args, cwd=root)
        assert outcome.exit_code == 0, (args, outcome.stderr)
    assert "2023" in run("tasks", "--today", IN_2023, cwd=root).stdout


def _report(run: Run, root: Path, *extra: str) -> tuple[int, str, str]:
    outcome = run(
        "report", "plans", "--period", "2022-Q2", "--today", "2022-06-20", "--format", "json",
        *extra, cwd=root,
    )  # fmt: skip
    return outcome.exit_code, outcome.stdout, outcome.stderr


def test_a_stale_copy_changes_no_figure(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(SAMPLE, root / "plans")
    before = _report(run, root)
    assert before[0] == 0, before[2]
    folder = root / "plans" / "2022"
    plan = folder / "cd-van-phong-chinh-phu.yaml"
    stale = plan.read_text(encoding="utf-8").replace("participants: ", "participants: 1")
    (folder / "cd-van-phong-chinh-phu (ban cu).yaml").write_text(stale, encoding="utf-8")
    (folder / "cu").mkdir()
    (folder / "cu" / plan.name).write_text(stale, encoding="utf-8")
    assert _report(run, root) == before  # the figures, and every word, without the copies
    status = run("status", "plans", "--today", "2022-06-20", "--format", "json", cwd=root)
    assert status.exit_code == 0, status.stderr
    # No file named after the union: neither copy is surely the plan.
    plan.unlink()
    shutil.rmtree(folder / "cu")
    (folder / "cd-van-phong-chinh-phu (moi).yaml").write_text(stale, encoding="utf-8")
    status = run("status", "plans", "--today", "2022-06-20", cwd=root)
    for code, stderr in (
        (_report(run, root)[0], _report(run, root)[2]),
        (status.exit_code, status.stderr),
    ):
        assert code == 2
        assert "cd-van-phong-chinh-phu (ban cu).yaml" in stderr
        assert "cd-van-phong-chinh-phu (moi).yaml" in stderr


def test_a_plan_with_one_syntax_error_is_filed(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(SAMPLE, root / "plans")
    plan = root / "plans" / "2022" / "cd-bo-noi-vu.yaml"
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[11] = "\t" + lines[11].lstrip(" ")  # one Tab, as Word or Notepad leaves it
    plan.write_text("".join(lines), encoding="utf-8")
    code, stdout, stderr = _report(run, root)
    assert code == 0, stderr
    document = json.loads(stdout)
    assert "cd-bo-noi-vu" not in [entry["id"] for entry in document["missing_plans"]]
    check = run("check", "plans", "--today", "2022-06-20", "--format", "json", cwd=root)
    found = json.loads(check.stdout)["diagnostics"]
    missing = [d for d in found if d["rule"] == "missing-plan"]
    assert not [d for d in missing if "cd-bo-noi-vu" in d["message"]]
    assert not [d for d in found if "tuyengiao new cd-bo-noi-vu" in (d["hint"] or "")]


def test_other_extensions_are_named_once(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(SAMPLE, root / "plans")
    folder = root / "plans" / "2022"
    (folder / "cd-thanh-tra-chinh-phu.yaml.txt").write_bytes(PLAN.read_bytes())
    check = run("check", "plans", "--today", "2022-06-20", "--format", "json", cwd=root)
    found = json.loads(check.stdout)["diagnostics"]
    named = [d for d in found if d["file"].endswith(".yaml.txt")]
    assert [d["rule"] for d in named] == ["file-name"]
    assert "cd-thanh-tra-chinh-phu.yaml" in named[0]["message"]
    assert not [d for d in found if d["rule"] == "missing-plan"]  # its union is not missing


# --- golden: what status and check say of each workspace mistake ----------------------

GOLDEN = Path(__file__).parent / "golden" / "workspace"


def _stale_copy(folder: Path) -> None:
    plan = folder / "cd-van-phong-chinh-phu.yaml"
    text = plan.read_text(encoding="utf-8").replace("participants: ", "participants: 1")
    (folder / "cd-van-phong-chinh-phu (ban cu).yaml").write_text(text, encoding="utf-8")
    (folder / "cu").mkdir()
    (folder / "cu" / plan.name).write_text(text, encoding="utf-8")


def _syntax_error(folder: Path) -> None:
    plan = folder / "cd-bo-noi-vu.yaml"
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = "union\n"  # the colon lost: nothing of the union is readable
    plan.write_text("".join(lines), encoding="utf-8")


def _other_extensions(folder: Path) -> None:
    (folder / "cd-bo-tu-phap.yaml").rename(folder / "cd-bo-tu-phap.yaml.txt")
    (folder / "cd-thanh-tra-chinh-phu.docx").write_bytes(b"PK\x03\x04")
    (folder / "cd-bo-noi-vu.YAML").write_bytes((folder / "cd-bo-noi-vu.yaml").read_bytes())


def _id_typo(folder: Path) -> None:
    plan = folder / "cd-kiem-toan-nha-nuoc.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("id: cd-kiem-toan-nha-nuoc", "id: cd-ktnn"), encoding="utf-8")
    other = folder / "cd-bo-noi-vu.yaml"
    text = other.read_text(encoding="utf-8")
    other.rename(folder / "ke-hoach-bo-noi-vu.yaml")
    (folder / "ke-hoach-bo-noi-vu.yaml").write_text(
        text.replace("id: cd-bo-noi-vu", "id: cd-bo-nv"), encoding="utf-8"
    )


MISTAKES = {
    "stale-copy": _stale_copy,
    "syntax-error": _syntax_error,
    "other-extensions": _other_extensions,
    "id-typo": _id_typo,
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_workspace_mistake_matches_golden(run: Run, tmp_path: Path, name: str) -> None:
    """The figures status gives (totals, missing, left out) and check's findings on the files."""
    root = tmp_path / "ws"
    shutil.copytree(SAMPLE, root / "plans")
    MISTAKES[name](root / "plans" / "2022")
    status = run("status", "plans", "--today", "2022-06-20", "--format", "json", cwd=root)
    assert status.exit_code == 0, status.stderr
    document = json.loads(status.stdout)
    check = run("check", "plans", "--today", "2022-06-20", "--format", "json", cwd=root)
    rules = {"duplicate-id", "file-name", "unknown-union", "missing-plan", "yaml-syntax"}
    findings = [
        f"{d['file']}:{d['line']}:{d['column']} {d['rule']}: {d['message']} → {d['hint']}"
        for d in json.loads(check.stdout)["diagnostics"]
        if d["rule"] in rules
    ]
    shown = {
        "totals": document["totals"],
        "missing_plans": document["missing_plans"],
        "left_out": document["left_out"],
        "check": findings,
    }
    text = json.dumps(shown, ensure_ascii=False, indent=2) + "\n"
    golden = GOLDEN / f"{name}.json"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.exists(), f"no golden file {golden.name}: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == golden.read_text(encoding="utf-8")
