"""The same inputs give byte-identical outputs, whatever the hash seed or the file system's order.

CI diffs reports and annotations between runs, and a committed Markdown report must
not change when nothing in the plans did. The installed console script runs in
subprocesses under different `PYTHONHASHSEED`s, on the sample workspace and on a
copy whose files were created in a shuffled order (so a directory listing in
creation order, as on tmpfs, differs from the original's).
"""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PLANS, SAMPLE_TODAY, console_script

#: Each output is made three times: two hash seeds on the sample, one on the shuffled copy.
RUNS = (("sample", "0"), ("shuffled", "4242"), ("sample", "1"))
CHECK_FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab")


def output(cwd: Path, seed: str, *args: str) -> bytes:
    """Everything one run prints (stdout, then stderr), as bytes."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("GITHUB_ACTIONS", "GITLAB_CI", "TUYENGIAO_LANG", "FORCE_COLOR")
    }
    env.update(
        PYTHONHASHSEED=seed, NO_COLOR="1", COLUMNS="120", TERM="dumb", PYTHONIOENCODING="utf-8"
    )
    done = subprocess.run(
        [console_script(), *args], cwd=cwd, env=env, capture_output=True, timeout=120, check=False
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    trailer = f"\n--- stderr, exit {done.returncode}\n".encode()
    return done.stdout + trailer + done.stderr


@pytest.fixture(scope="module")
def shuffled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample workspace whose folders and files were created in a random order."""
    root = tmp_path_factory.mktemp("shuffled")
    sources = [p for p in PLANS.rglob("*") if p.is_file()]
    random.Random(20220620).shuffle(sources)
    for source in sources:
        target = root / "plans" / source.relative_to(PLANS)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    assert sorted(p.name for p in (root / "plans" / "2022").iterdir()) == sorted(
        p.name for p in (PLANS / "2022").iterdir()
    )
    return root


@pytest.fixture(scope="module")
def workspaces(shuffled: Path) -> dict[str, Path]:
    """The sample workspace and its shuffled copy (both checked as `plans`)."""
    return {"sample": PLANS.parent, "shuffled": shuffled}


def outputs(workspaces: dict[str, Path], *args: str) -> dict[str, bytes]:
    """The output of every run of `RUNS`, by a name that says which it was."""
    return {f"{where} seed={seed}": output(workspaces[where], seed, *args) for where, seed in RUNS}


def assert_all_equal(runs: dict[str, bytes]) -> None:
    first_name, first = next(iter(runs.items()))
    assert first.strip(), "no output at all"
    for name, text in runs.items():
        assert text == first, f"{name} differs from {first_name}"


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_check_output_is_byte_identical(workspaces: dict[str, Path], fmt: str) -> None:
    assert_all_equal(outputs(workspaces, "check", "plans", "--today", SAMPLE_TODAY, "-f", fmt))


def test_parallel_check_gives_the_same_bytes(workspaces: dict[str, Path]) -> None:
    args = ("check", "plans", "--today", SAMPLE_TODAY, "--format", "json", "--jobs")
    runs = {
        "sample --jobs 1": output(workspaces["sample"], "1", *args, "1"),
        "shuffled --jobs 2": output(workspaces["shuffled"], "2", *args, "2"),
    }
    assert_all_equal(runs)


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_report_is_byte_identical(workspaces: dict[str, Path], fmt: str) -> None:
    args = ("report", "plans", "--today", SAMPLE_TODAY, "--period", "2022-Q2", "--format", fmt)
    assert_all_equal(outputs(workspaces, *args))


@pytest.mark.parametrize("command", [("status", "plans", "--today", SAMPLE_TODAY), ("tasks",)])
def test_other_commands_are_byte_identical(
    workspaces: dict[str, Path], command: tuple[str, ...]
) -> None:
    assert_all_equal(outputs(workspaces, *command))


def test_findings_in_many_files_come_in_one_order(tmp_path: Path) -> None:
    # Files that sort differently by byte, by case and by Vietnamese letters, created in
    # reverse order, each with findings: the order of the findings is the sorted one.
    names = ["Đ.yaml", "a.yaml", "B.yaml", "á.yaml", "b/c.yaml", "a-b.yaml", "a_b.yaml", "z.yml"]
    for name in reversed(names):
        path = tmp_path / "plans" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("version: 2\nversion: 3\nstatus: no\n", encoding="utf-8")
    (tmp_path / "tuyengiao.yaml").write_text("{}\n", encoding="utf-8")
    args = ("check", "plans", "--today", SAMPLE_TODAY, "--format", "json")
    runs = {f"seed={seed}": output(tmp_path, seed, *args) for seed in ("0", "1", "2")}
    assert_all_equal(runs)
    files = [line for line in runs["seed=0"].decode().splitlines() if '"file":' in line]
    order = [line.split('"file": ')[1].strip('",') for line in files]
    assert order == sorted(order)
