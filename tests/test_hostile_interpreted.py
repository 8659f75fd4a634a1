"""Outputs that other programs interpret stay inert (issue 24, items 6 and 7).

- a CSV cell from data that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
  Tab, CR first) is written with a `'` in front (OWASP), so it shows as text;
- text from data printed through Rich is never read as Rich markup: `[/]` does not
  crash, `[link=…]` does not become a hidden terminal hyperlink.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import PLANS, Run
from tuyengiao.cells import formula_like, spreadsheet_text

TODAY = "2022-06-20"
PLAN = "plans/2022/cd-bo-tu-phap.yaml"
FORMULAS = [
    '=HYPERLINK("http://example.invalid/?x","Bấm vào đây")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",
]


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    shutil.copytree(PLANS, tmp_path / "plans")
    return tmp_path


def _set_union(ws: Path, name: str, group: str) -> None:
    """Give the first union of the roster (and of its plan) a hostile name and group."""
    config = ws / "plans" / "tuyengiao.yaml"
    old = 'name: Công đoàn Bộ Tư pháp, group: "Khối Bộ, ngành Trung ương"'
    text = config.read_text("utf-8")
    assert old in text
    quoted = f"name: {_yaml(name)}, group: {_yaml(group)}"
    config.write_text(text.replace(old, quoted), "utf-8")
    plan = ws / PLAN
    plan.write_text(
        plan.read_text("utf-8").replace("name: Công đoàn Bộ Tư pháp", f"name: {_yaml(name)}"),
        "utf-8",
    )


def _yaml(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


# --- item 6: CSV formula injection -----------------------------------------------------


@pytest.mark.parametrize("formula", FORMULAS, ids=range(len(FORMULAS)))
def test_status_csv_cells_never_start_a_formula(run: Run, ws: Path, formula: str) -> None:
    _set_union(ws, formula, formula)
    outcome = run("status", "plans", "--today", TODAY, "--format", "csv", cwd=ws)
    assert outcome.exit_code == 0, outcome.stderr
    rows = list(csv.DictReader(io.StringIO(outcome.stdout)))
    first = next(row for row in rows if row["union_id"] == "cd-bo-tu-phap")
    if formula[0] != "\r":  # (a CR in a name is read as U+FFFD, which is inert anyway)
        assert first["union_name"] == "'" + formula
        assert first["group"] == "'" + formula
    for row in rows:
        for value in row.values():
            assert not formula_like(value), row
    assert rows[1]["union_name"] == "Công đoàn Bộ Ngoại giao"  # plain text untouched


@given(st.text())
def test_a_neutralised_cell_is_never_formula_like(text: str) -> None:
    cell = spreadsheet_text(text)
    assert not formula_like(cell)
    assert cell == text or cell == "'" + text  # only ever one quote in front
    if text and text[0] not in "=+-@\t\r\uff1d\uff0b\uff0d\uff20":
        assert cell == text


# --- item 7: text from data is never Rich markup ---------------------------------------

MARKUP = "Tiêu đề [/] [link=https://example.invalid]bấm[/link] [bold red]đỏ :smile:"
COLOUR = {"NO_COLOR": "", "FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "400"}


def _catalogue_with_markup(run: Run, ws: Path) -> None:
    """A workspace whose only catalogue has markup in its title, a task's title and a
    document's label."""
    outcome = run("tasks", "--export", "g.yaml", cwd=ws)
    assert outcome.exit_code == 0, outcome.stderr
    catalogue = ws / "g.yaml"
    text = catalogue.read_text("utf-8")
    text = text.replace('id: "2022"', 'id: "2099"').replace("year: 2022", "year: 2099")
    lines = text.splitlines()
    for key in ("title: ", "    title: ", "        title: "):  # catalogue, task 1, a document
        index = next(i for i, line in enumerate(lines) if line.startswith(key))
        lines[index] = f"{key}{_yaml(MARKUP)}"
    catalogue.write_text("\n".join(lines) + "\n", "utf-8")
    (ws / "tuyengiao.yaml").write_text("guidance: [g.yaml]\n", "utf-8")


@pytest.mark.parametrize("env", [{}, COLOUR], ids=["plain", "colour"])
def test_tasks_shows_markup_as_written(run: Run, tmp_path: Path, env: dict[str, str]) -> None:
    _catalogue_with_markup(run, tmp_path)
    outcome = run("tasks", "--full", cwd=tmp_path, env=env)
    assert outcome.exit_code == 0, outcome.stderr
    assert "Lỗi nội bộ" not in outcome.stdout + outcome.stderr
    assert "\x1b]8;" not in outcome.stdout  # no terminal hyperlink, hidden or not
    shown = outcome.stdout if not env else _uncoloured(outcome.stdout)
    assert shown.count("[link=https://example.invalid]") >= 2, shown
    assert "Tiêu đề [/]" in shown and ":smile:" in shown


def _uncoloured(text: str) -> str:
    import re

    return re.sub("\x1b\\[[0-9;]*m", "", text)


def test_status_shows_markup_in_names_as_written(run: Run, ws: Path) -> None:
    _set_union(ws, MARKUP, MARKUP)
    outcome = run("status", "plans", "--today", TODAY, cwd=ws, env=COLOUR)
    assert outcome.exit_code == 0, outcome.stderr
    assert "\x1b]8;" not in outcome.stdout
    assert "[link=https://example.invalid]" in _uncoloured(outcome.stdout)
