"""Unreadable is an error, never "absent" (issue 24, item 8).

- a `tuyengiao.yaml`, a catalogue or a `reports/<period>.yaml` that is a FIFO, a
  folder, a link to `/dev/zero`, to nothing or to itself is named with exit 2 (the
  config was skipped, and the roster's findings vanished with exit 0);
- `init` merges into `.vscode/*.json` only JSON it can write back exactly; anything
  else is left alone with a message saying what to add; a file it cannot read (or a
  link out of the workspace) is named and `init` exits with 2, without hanging on a
  FIFO, reading `/dev/zero`, or writing through a `.vscode` link out of the workspace.

Every hostile file is made here, none committed.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PLANS, SAMPLE_TODAY, Run

CRASH = ("Traceback", "Lỗi nội bộ", "Internal error")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _dangling(path: Path) -> None:
    path.symlink_to(path.with_name("nothing-here.yaml"))


UNREADABLE: dict[str, Callable[[Path], None]] = {
    "fifo": _fifo,
    "folder": _folder,
    "dev-zero": _zero,
    "loop": _loop,
}


@pytest.fixture
def ws(workspace: Path) -> Path:
    """The sample workspace (config in plans/), as the current folder."""
    shutil.copytree(PLANS, workspace / "plans")
    return workspace


def _no_crash(text: str) -> None:
    for crash in CRASH:
        assert crash not in text, text


# --- the config, catalogues and reports files ----------------------------------------


@pytest.mark.parametrize("make", UNREADABLE.values(), ids=list(UNREADABLE))
@pytest.mark.parametrize("command", ["check", "status", "report"])
def test_an_unreadable_config_is_named(
    run: Run, ws: Path, make: Callable[[Path], None], command: str
) -> None:
    config = ws / "plans" / "tuyengiao.yaml"
    config.unlink()
    make(config)
    more = ["--period", "2022-Q2"] if command == "report" else []
    started = time.monotonic()
    outcome = run(command, "plans", "--today", SAMPLE_TODAY, *more, cwd=ws)
    assert time.monotonic() - started < 30
    assert outcome.exit_code == 2, outcome.stdout + outcome.stderr
    assert "plans/tuyengiao.yaml" in outcome.stderr
    _no_crash(outcome.stdout + outcome.stderr)


@pytest.mark.parametrize("make", [*UNREADABLE.values(), _dangling], ids=[*UNREADABLE, "dangling"])
def test_an_unreadable_catalogue_is_named(run: Run, ws: Path, make: Callable[[Path], None]) -> None:
    make(ws / "plans" / "guidance-2099.yaml")
    config = ws / "plans" / "tuyengiao.yaml"
    text = config.read_text("utf-8").replace(
        'guidance: "2022"', 'guidance: ["2022", guidance-2099.yaml]'
    )
    config.write_text(text, "utf-8")
    outcome = run("check", "plans", "--today", SAMPLE_TODAY, cwd=ws)
    assert outcome.exit_code == 2, outcome.stdout + outcome.stderr
    # A link out of the workspace (`/dev/zero`) is refused unread by a finding at the
    # config's line (on stdout); the others fail to read (on stderr).
    assert "guidance-2099.yaml" in outcome.stdout + outcome.stderr
    _no_crash(outcome.stdout + outcome.stderr)


@pytest.mark.parametrize("make", [*UNREADABLE.values(), _dangling], ids=[*UNREADABLE, "dangling"])
def test_an_unreadable_reports_file_is_named(
    run: Run, ws: Path, make: Callable[[Path], None]
) -> None:
    notes = ws / "plans" / "reports" / "2022-Q2.yaml"
    notes.parent.mkdir(exist_ok=True)
    if notes.exists() or notes.is_symlink():
        notes.unlink()
    make(notes)
    args = ["report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2"]
    outcome = run(*args, "-o", "out.md", cwd=ws)
    assert outcome.exit_code == 2, outcome.stdout + outcome.stderr
    assert "reports/2022-Q2.yaml" in outcome.stderr
    assert not (ws / "out.md").exists()
    _no_crash(outcome.stdout + outcome.stderr)


# --- init and .vscode/ -----------------------------------------------------------------


def _init(run: Run, folder: Path) -> tuple[int, str]:
    started = time.monotonic()
    outcome = run("init", cwd=folder)
    assert time.monotonic() - started < 30
    _no_crash(outcome.stdout + outcome.stderr)
    assert (folder / "tuyengiao.yaml").is_file()  # the workspace itself is made
    return outcome.exit_code, outcome.stdout + outcome.stderr


def _huge(path: Path) -> None:
    path.write_text('{"a": "' + "x" * (2 * 1024 * 1024) + '"}', "utf-8")


@pytest.mark.parametrize(
    "make",
    [*UNREADABLE.values(), _huge],
    ids=[*UNREADABLE, "2-MiB"],
)
def test_init_names_an_editor_file_it_cannot_read(
    run: Run, workspace: Path, make: Callable[[Path], None]
) -> None:
    (workspace / ".vscode").mkdir()
    settings = workspace / ".vscode" / "settings.json"
    make(settings)
    code, out = _init(run, workspace)
    assert code == 2, out
    assert ".vscode/settings.json" in out and "yaml.schemas" in out
    assert json.loads((workspace / ".vscode" / "extensions.json").read_text("utf-8"))


def test_init_never_writes_through_a_link_out_of_the_workspace(run: Run, tmp_path: Path) -> None:
    root, elsewhere = tmp_path / "ws", tmp_path / "elsewhere"
    root.mkdir()
    elsewhere.mkdir()
    (elsewhere / "extensions.json").write_text('{"recommendations": []}', "utf-8")
    (root / ".vscode").symlink_to(elsewhere)
    code, out = _init(run, root)
    assert code == 2, out
    assert sorted(p.name for p in elsewhere.iterdir()) == ["extensions.json"]
    assert (elsewhere / "extensions.json").read_text("utf-8") == '{"recommendations": []}'
    assert str(elsewhere) in out


INEXACT = {
    "nan": '{"editor.tabSize": NaN}',
    "infinity": '{"editor.tabSize": -Infinity}',
    "1e999": '{"editor.tabSize": 1e999}',
    "rounded": '{"editor.tabSize": 0.1000000000000000055}',
    "duplicate": '{"editor.tabSize": 2, "editor.tabSize": 4}',
    "nested-duplicate": '{"a": {"b": 1, "b": 2}}',
    "deep": '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "deep-but-parsed": '{"a": ' + "[" * 200 + "]" * 200 + "}",
    "huge-int": '{"a": ' + "9" * 5000 + "}",
}


@pytest.mark.parametrize("case", INEXACT, ids=list(INEXACT))
def test_init_leaves_json_it_cannot_write_back_exactly(
    run: Run, workspace: Path, case: str
) -> None:
    (workspace / ".vscode").mkdir()
    settings = workspace / ".vscode" / "settings.json"
    settings.write_text(INEXACT[case], "utf-8")
    code, out = _init(run, workspace)
    assert code == 0, out
    assert settings.read_text("utf-8") == INEXACT[case]  # left exactly as it was
    assert ".vscode/settings.json" in out and "yaml.schemas" in out


def test_init_still_merges_exact_json(run: Run, workspace: Path) -> None:
    (workspace / ".vscode").mkdir()
    settings = workspace / ".vscode" / "settings.json"
    settings.write_text('{"a": 0.1, "b": 1e300, "c": -0.0, "d": [1, {"e": null}]}', "utf-8")
    code, out = _init(run, workspace)
    assert code == 0, out
    merged = json.loads(settings.read_text("utf-8"))
    assert merged["a"] == 0.1 and merged["b"] == 1e300 and merged["d"] == [1, {"e": None}]
    assert "yaml.schemas" in merged


@pytest.mark.parametrize("make", UNREADABLE.values(), ids=list(UNREADABLE))
def test_a_config_named_by_option_is_read_or_named(
    run: Run, ws: Path, make: Callable[[Path], None]
) -> None:
    make(ws / "other.yaml")
    outcome = run("check", "plans", "--today", SAMPLE_TODAY, "--config", "other.yaml", cwd=ws)
    assert outcome.exit_code == 2, outcome.stdout + outcome.stderr
    assert "other.yaml" in outcome.stderr
    _no_crash(outcome.stdout + outcome.stderr)


@pytest.mark.parametrize("link", [".github", "plans"])
def test_init_writes_nothing_through_a_folder_linked_out(
    run: Run, tmp_path: Path, link: str
) -> None:
    root, elsewhere = tmp_path / "ws", tmp_path / "elsewhere"
    root.mkdir()
    elsewhere.mkdir()
    (root / link).symlink_to(elsewhere)
    outcome = run("init", cwd=root)
    _no_crash(outcome.stdout + outcome.stderr)
    assert outcome.exit_code == 2, outcome.stdout + outcome.stderr
    assert link in outcome.stderr and str(elsewhere) in outcome.stderr
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in root.iterdir()) == [link]  # nothing written at all
