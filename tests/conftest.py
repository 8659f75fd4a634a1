"""Shared fixtures: a deterministic CLI runner and the paths of the repository's data."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from typer.testing import CliRunner

from tuyengiao.cli import build_app, choose_lang

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"
SAMPLE_TODAY = "2022-06-20"
#: The annex tables of the sample's report on 2022-Q2, in order (those with rows);
#: `reports` because the sample's `reporting:` asks for quarterly reports.
SAMPLE_ANNEX = (
    "tasks",
    "unions",
    "results",
    "targets",
    "overdue",
    "late",
    "done",
    "reports",
    "proposals",
)


def console_script() -> str:
    """The installed `tuyengiao` script, for tests that run it as a user would."""
    # The script pip installed beside this interpreter (the venv's bin/), else PATH.
    beside = Path(sys.executable).with_name("tuyengiao")
    found = str(beside) if beside.exists() else shutil.which("tuyengiao")
    if found is None:
        pytest.fail("the tuyengiao console script is not installed: pip install -e .")
    return found


@dataclass(frozen=True)
class Outcome:
    """What one CLI invocation produced."""

    exit_code: int
    stdout: str
    stderr: str


Run = Callable[..., Outcome]


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No colour, a fixed width, no CI auto-detection, Vietnamese unless a test asks."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    for name in ("TUYENGIAO_LANG", "GITHUB_ACTIONS", "GITLAB_CI", "FORCE_COLOR", "TUYENGIAO_DEBUG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def run() -> Run:
    """Invoke the CLI in-process (`run("check", "plans", "--today", …)`), exceptions propagate."""

    def invoke(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Outcome:
        argv = list(args)
        with mock.patch.dict(os.environ, env or {}):  # the language is read from it up front
            app = build_app(choose_lang(argv))
        runner = CliRunner()
        old = Path.cwd()
        if cwd is not None:
            os.chdir(cwd)
        try:
            result = runner.invoke(app, argv, catch_exceptions=False, env=env, terminal_width=120)
        finally:
            os.chdir(old)
        return Outcome(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Path]:
    """An empty folder to build a workspace in, as the current directory."""
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)
