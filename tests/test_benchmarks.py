"""The benchmark's input is right: generated plans are valid, realistic and deterministic.

No timing here: figures come from `python benchmarks/run.py`, never from the tests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks import generate
from benchmarks.floor import compose_all
from benchmarks.run import Row, markdown_table
from tests.conftest import Run

TODAY = generate.TODAY.isoformat()


def check_json(run: Run, root: Path) -> dict[str, object]:
    """`tuyengiao check plans --format json` in the generated workspace `root`."""
    outcome = run("check", "plans", "--today", TODAY, "--format", "json", cwd=root)
    document: dict[str, object] = json.loads(outcome.stdout)
    document["exit_code"] = outcome.exit_code
    return document


def test_generated_plans_pass_check(run: Run, tmp_path: Path) -> None:
    generate.write_workspace(tmp_path, 40)
    document = check_json(run, tmp_path)
    assert document["exit_code"] == 0
    summary = document["summary"]
    assert isinstance(summary, dict)
    assert summary["files"] == 40
    assert summary["errors"] == 0
    # Realistic plans are not spotless: some activities are overdue or late.
    assert summary["warnings"] > 0


def test_plans_use_every_date_form_and_status_word(tmp_path: Path) -> None:
    workspace = generate.write_workspace(tmp_path, 20)
    text = "".join(path.read_text(encoding="utf-8-sig") for path in workspace.plans)
    dates = re.findall(r"^ +(?:start|due|done): (.+)$", text, re.MULTILINE)
    assert any(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dates)
    assert any(re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", d) for d in dates)
    assert any(re.fullmatch(r"\d{1,2}-\d{1,2}-\d{4}", d) for d in dates)
    assert any(re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", d) for d in dates)
    assert any(d.startswith("ngày ") for d in dates)
    statuses = set(re.findall(r"^ +status: (.+)$", text, re.MULTILINE))
    assert {"hoàn thành", "đang thực hiện", "kế hoạch"} <= statuses
    activities = text.count("\n  - id: ")
    assert activities == 20 * 24


def test_generation_is_deterministic() -> None:
    assert generate.plan_bytes(7) == generate.plan_bytes(7)
    assert generate.plan_bytes(7) != generate.plan_bytes(8)
    assert generate.plan_bytes(7, seed=1) != generate.plan_bytes(7)
    assert generate.plan_bytes(3).startswith(b"\xef\xbb\xbf")  # some files have a BOM
    assert b"\r\n" in generate.plan_bytes(7)  # and some CRLF line ends


@pytest.mark.parametrize("breakage", sorted(generate.BREAKAGES))
def test_each_breakage_gives_its_error(run: Run, tmp_path: Path, breakage: str) -> None:
    folder = tmp_path / "plans" / "2022"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_bytes(generate.plan_bytes(0))
    (folder / "b.yaml").write_bytes(generate.plan_bytes(1, breakage=breakage))
    document = check_json(run, tmp_path)
    assert document["exit_code"] == 1
    diagnostics = document["diagnostics"]
    assert isinstance(diagnostics, list)
    errors = {d["rule"] for d in diagnostics if d["severity"] == "error"}
    assert breakage in errors


def test_floor_composes_every_plan(tmp_path: Path) -> None:
    generate.write_workspace(tmp_path, 3)
    (tmp_path / "plans" / "notes.txt").write_text("not yaml", encoding="utf-8")
    assert compose_all(str(tmp_path / "plans")) == 3


def test_table_marks_targets() -> None:
    rows = [
        Row("fast", 1.0, "s", "floor", 1.0, "≤ 1.3 ×", 1.3),
        Row("slow", 2.0, "s", "floor", 1.0, "≤ 1.3 ×", 1.3),
        Row("memory", 90.0, "MiB", target="≤ 150 MiB", limit=150),
        Row("missing", None, "s", note="skipped"),
    ]
    lines = markdown_table(rows).splitlines()
    assert [line.rstrip(" |").endswith(("yes", "**no**")) for line in lines[2:]] == [
        True,
        True,
        True,
        False,
    ]
    assert "**no**" in lines[3]
    assert "2.00 ×" in lines[3]
    assert "missing (skipped)" in lines[5]
