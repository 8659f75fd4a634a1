"""No command ever changes a plan, the config or a template: inputs are read, never written.

A copy of the sample workspace is hashed file by file, every command that exists is
run on it (with every output format, and with `-o`/`--force` aimed at the inputs
themselves), and the copy is hashed again. Only the files a command is asked to
create may appear; nothing that was there may change, lose its mode or vanish.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import stat
from pathlib import Path

import pytest

from tests.conftest import PLANS, REPO, SAMPLE_TODAY, Run

PLAN = "plans/2022/cd-bo-tu-phap.yaml"
CONFIG = "plans/tuyengiao.yaml"
TEMPLATE = "plans/templates/report.md.j2"  # the workspace's own, beside the config
T = ("--today", SAMPLE_TODAY)

#: (command, arguments, exit code, files it may create). Every `-o` aimed at an input
#: must be refused (exit 2), even with `--force`.
INVOCATIONS: list[tuple[str, tuple[str, ...], int, tuple[str, ...]]] = [
    *(("check", ("plans", *T, "--format", f), 0, ()) for f in ("text", "json", "github")),
    *(("check", ("plans", *T, "--format", f), 0, ()) for f in ("junit", "sarif", "gitlab")),
    ("check", ("plans", *T, "--strict"), 1, ()),
    ("check", ("plans", *T, "--jobs", "2"), 0, ()),
    ("check", (PLAN, CONFIG, *T), 0, ()),
    ("check", (*T,), 0, ()),
    ("tasks", ("--full",), 0, ()),
    ("status", ("plans", *T), 0, ()),
    ("remind", ("plans", *T), 0, ()),
    *(("report", ("plans", *T, "--period", "2022-Q2", "-f", f), 0, ())
      for f in ("md", "html", "json")),
    ("report", ("plans", *T, "--period", "2022-H1", "-o", "out/bao-cao.html", "-f", "html"), 0,
     ("out/bao-cao.html",)),
    ("report", ("plans", *T, "--period", "2022-Q2", "-o", PLAN, "--force"), 2, ()),
    ("report", ("plans", *T, "--period", "2022-Q2", "-o", CONFIG, "--force"), 2, ()),
    ("report", ("plans", *T, "--period", "2022-Q2", "-o", TEMPLATE, "--force"), 2, ()),
    ("report", ("plans", *T, "--period", "2022-Q2", "--templates", "mau", "-o", "mau/report.md.j2",
                "--force"), 2, ()),
    ("rules", (), 0, ()),
    ("schema", (), 0, ()),
    ("schema", ("-o", "plan.schema.json"), 0, ("plan.schema.json",)),
    ("schema", ("-o", PLAN), 2, ()),
    ("schema", ("-o", CONFIG, "--force"), 2, ()),
    ("init", (), 0, ("*",)),  # a scaffold may add files, but must keep every existing one
    ("new", ("cd-bo-tu-phap",), 2, ()),
    ("new", ("cd-moi", "--name", "Công đoàn Mới"), 0, ("plans/2022/cd-moi.yaml",)),
    ("new", ("cd-thanh-tra-chinh-phu", "-o", PLAN), 2, ()),
    ("new", ("cd-thanh-tra-chinh-phu", "-o", CONFIG, "--force"), 2, ()),
    ("new", ("cd-moi", "--name", "Công đoàn Mới", "--xlsx"), 0, ("plans/2022/cd-moi.xlsx",)),
    ("export", (PLAN, "-o", "ke-hoach.xlsx"), 0, ("ke-hoach.xlsx",)),
    ("export", (PLAN, "-o", PLAN, "--force"), 2, ()),
    ("export", (PLAN, "-o", CONFIG, "--force"), 2, ()),
    ("import", (PLAN, "-o", PLAN, "--force", *T), 1, ()),  # a YAML file is no workbook
    ("import", (CONFIG, *T), 1, ()),
]  # fmt: skip

#: Known bugs, by invocation (reason): the test must fail until they are fixed.
BUGS: dict[tuple[str, tuple[str, ...]], str] = {}


def _params() -> list[object]:
    params: list[object] = []
    for command, args, code, creates in INVOCATIONS:
        bug = BUGS.get((command, args))
        marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
        name = f"{command} {' '.join(args)}"
        params.append(pytest.param(command, args, code, creates, id=name, marks=marks))
    return params


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under `root`: its SHA-256 and its mode."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[path.relative_to(root).as_posix()] = (digest, stat.S_IMODE(path.stat().st_mode))
    return found


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the sample workspace, with report template overrides in two places."""
    shutil.copytree(PLANS, tmp_path / "plans")
    builtin = REPO / "templates" / "report.md.j2"
    text = builtin.read_text("utf-8") if builtin.is_file() else ""
    for name in (TEMPLATE, "mau/report.md.j2"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _built(command: str) -> bool:
    from tuyengiao.cli import MODULES

    return (
        importlib.util.find_spec(f"tuyengiao.commands.{MODULES.get(command, command)}") is not None
    )


@pytest.mark.parametrize(("command", "args", "code", "creates"), _params())
def test_a_command_never_changes_an_input(
    run: Run,
    sample: Path,
    command: str,
    args: tuple[str, ...],
    code: int,
    creates: tuple[str, ...],
) -> None:
    if not _built(command):
        pytest.skip(f"`tuyengiao {command}` is not built yet")
    before = snapshot(sample)
    outcome = run(command, *args, cwd=sample)  # any exception propagates: no traceback
    after = snapshot(sample)
    changed = sorted(name for name in before if after.get(name) != before[name])
    assert changed == [], f"{command} changed or removed {changed}"
    added = sorted(set(after) - set(before))
    if creates != ("*",):
        assert added == sorted(creates), outcome.stdout + outcome.stderr
    assert outcome.exit_code == code, outcome.stderr
    if code == 2:  # refused: said so, in words
        assert outcome.stderr.strip()


def test_every_command_is_covered() -> None:
    from tuyengiao.cli import COMMANDS

    assert set(COMMANDS) == {command for command, *_ in INVOCATIONS}


def test_all_commands_in_a_row_leave_every_plan_as_it_was(run: Run, sample: Path) -> None:
    plans = snapshot(sample / "plans")
    for command, args, *_ in INVOCATIONS:
        if _built(command) and (command, args) not in BUGS:
            run(command, *args, cwd=sample)
    after = snapshot(sample / "plans")
    assert {name: after.get(name) for name in plans} == plans
