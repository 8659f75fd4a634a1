"""The benchmark's input is right: generated plans are valid, realistic and deterministic.

No timing here: figures come from `python benchmarks/run.py`, never from the tests.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import generate, published
from benchmarks.floor import compose_all
from benchmarks.run import Row, markdown_table, with_reasons
from tests.conftest import Run

TODAY = generate.TODAY.isoformat()
FINDINGS_TODAY = generate.FINDINGS_TODAY.isoformat()


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


# --- the findings-heavy corpus --------------------------------------------------------


def test_findings_corpus_has_about_twelve_findings_a_plan(run: Run, tmp_path: Path) -> None:
    generate.write_workspace(tmp_path, 30, findings=True)
    outcome = run("check", "plans", "--today", FINDINGS_TODAY, "--format", "json", cwd=tmp_path)
    assert outcome.exit_code == 1
    diagnostics = json.loads(outcome.stdout)["diagnostics"]
    assert 10 * 30 <= len(diagnostics) <= 14 * 30
    rules = Counter(d["rule"] for d in diagnostics)
    # Every slip, in every plan; the day's warnings besides; nothing the slips did not mean.
    for slip in generate.SLIPS:
        assert rules[slip] >= 30, slip
    assert rules["overdue"] and rules["late"] and rules["due-soon"]
    # (An unknown status word on done work leaves a done date on work not done.)
    day = {"overdue", "late", "due-soon", "not-started", "done-while-open"}
    assert set(rules) <= {*generate.SLIPS, *day}
    hinted = [d for d in diagnostics if d["rule"] == "unknown-field"]
    assert all(d.get("hint") for d in hinted)


def test_findings_corpus_is_deterministic() -> None:
    assert generate.findings_plan_bytes(5) == generate.findings_plan_bytes(5)
    assert generate.findings_plan_bytes(5) != generate.plan_bytes(5)
    # The valid corpus is the same bytes as before the findings-heavy one was added.
    assert hashlib.sha256(generate.plan_bytes(5)).hexdigest().startswith("f0ed11b453ec984e")


# --- the README's table ---------------------------------------------------------------


def test_readme_block_is_written_and_read_back(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# T\n\n{published.START}\nold\n{published.END}\n\nAfter.\n", "utf-8")
    rows = [
        Row("check fast", 1.0, "s", "floor", 1.0, "≤ 1.3 ×", 1.3),
        Row("check slow", 2.0, "s", "floor", 1.0, "≤ 1.3 ×", 1.3),
        Row("memory", 90.0, "MiB", target="≤ 150 MiB", limit=150),
    ]
    body = "- CPU: Some CPU, 2 usable cores (2 in the machine)\n\n" + markdown_table(rows)
    published.write_block(body, readme)
    text = readme.read_text("utf-8")
    assert text.startswith("# T\n\n") and text.endswith("\n\nAfter.\n")
    assert "old" not in text
    figures = published.read_block(readme)
    assert figures.cpu == "CPU: Some CPU, 2 usable cores (2 in the machine)"
    assert figures.ratios == {"check fast": 1.0, "check slow": 2.0}
    # Up to 25 % worse passes; more fails; rows the README lacks are not compared.
    measured = [("check fast", 1.25), ("check slow", 2.6), ("new row", 9.0)]
    assert [r.what for r in published.regressions(figures, measured)] == ["check slow"]


def test_readme_has_the_generated_block() -> None:
    figures = published.read_block()
    assert figures.cpu.startswith("CPU: ")
    assert figures.ratios


def test_missed_targets_say_why() -> None:
    rows = [
        Row(
            "check 1,000 plans, text, 1 process",
            2.0,
            "s",
            "floor",
            1.0,
            "≤ 1.3 ×",
            1.3,
            cpu=1.2,
            against_cpu=1.0,
        ),
        Row("check 1,000 plans, text, --jobs default", 1.0, "s", "floor", 1.0, "≤ 0.8 ×", 0.8),
        Row("check 1 plan", 3.0, "s", "typer", 1.0, "≤ 2 ×", 2.0, cpu=3.0, against_cpu=1.0),
        Row("fine", 1.0, "s", "floor", 1.0, "≤ 1.3 ×", 1.3),
    ]
    # The load average counts the benchmark's own process: 2.5 is 1.5 of other work.
    reasons = [row.reason for row in with_reasons(rows, load=2.5, cores=2)]
    assert "CPU ratio meets it" in reasons[0]
    assert "busy machine" in reasons[1]
    assert reasons[2].startswith("start-up")
    assert reasons[3] == ""
    alone = with_reasons(rows, load=1.5, cores=2)[1].reason
    assert "busy machine" not in alone
    assert "near 1.6 ×" in alone  # the pool's ratio follows the single process's
    # A known reason, by the longest start of the row's text that has one.
    known = [
        Row(f"check 1,000 plans with findings{tail}", 3.0, "s", "x", 1.0, "≤ 1 ×", 1.0)
        for tail in (", json, 1 process", " at 2022-06-01, json, 1 process")
    ]
    first, second = (row.reason for row in with_reasons(known, load=0.2, cores=2))
    assert "read twice" in first
    assert "previous release" in second
