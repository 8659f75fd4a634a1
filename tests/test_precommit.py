"""The `tuyengiao-check` pre-commit hook, run by the real pre-commit against a workspace.

pre-commit installs the hook from a git repository: a copy of this working tree (tracked
and untracked files), committed in a temporary repository, so the test does not depend
on what is committed here. Installing builds the package with pip, which fetches the
build backend and the dependencies from the package index: this test needs PyPI and
takes a minute; the hook environment is built once for the module.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, Run
from tuyengiao.guidance import load_guidance
from tuyengiao.i18n import messages
from tuyengiao.models import Guidance
from tuyengiao.scaffold import workspace_files

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None
    or importlib.util.find_spec("pre_commit") is None
    or not (REPO / ".git").exists(),
    reason="needs git, pre-commit and a git checkout of tuyengiao",
)

BAD_PLAN = """\
version: 1
guidance: "2022"
union: {id: cd-bao-hiem-xa-hoi-viet-nam, name: Công đoàn Bảo hiểm xã hội Việt Nam}
activities:
  - {id: a1, task: 1, title: Hội nghị, due: 20/5/2022, status: chưa rõ}
"""


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=tuyengiao", "-c", "user.email=test@example.vn", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def copy_working_tree(target: Path) -> str:
    """Copy the tracked and untracked (not ignored) files of REPO; commit; return the commit."""
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in sorted(set(filter(None, listed.split("\0")))):
        source = REPO / name
        if not os.path.lexists(source):  # deleted in the working tree, not yet in git
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination, follow_symlinks=False)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "tuyengiao under test")
    return git(target, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The copy of tuyengiao and its commit, with one pre-commit store for the module."""
    root = tmp_path_factory.mktemp("hook-repo")
    commit = copy_working_tree(root)
    store = tmp_path_factory.mktemp("pre-commit-home")
    old = os.environ.get("PRE_COMMIT_HOME")
    os.environ["PRE_COMMIT_HOME"] = str(store)
    try:
        yield root, commit
    finally:
        if old is None:
            del os.environ["PRE_COMMIT_HOME"]
        else:
            os.environ["PRE_COMMIT_HOME"] = old


def pre_commit(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--all-files", "--color", "never"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


@pytest.fixture
def user_repo(workspace: Path, run: Run) -> Path:
    """A union workspace made by `init` and `new`, with one good plan, staged in git."""
    assert run("init").exit_code == 0
    assert run("new", "cd-bo-tu-phap").exit_code == 0
    git(workspace, "init", "-q")
    git(workspace, "add", "-A")
    return workspace


def add_bad_plan(folder: Path) -> Path:
    bad = folder / "plans" / "2022" / "cd-bao-hiem-xa-hoi-viet-nam.yaml"
    bad.write_text(BAD_PLAN, encoding="utf-8")
    git(folder, "add", "-A")
    return bad


def test_the_hook_manifest_is_valid_and_matches_plans() -> None:
    manifest = REPO / ".pre-commit-hooks.yaml"
    validated = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(manifest)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    (hook,) = yaml.safe_load(manifest.read_text("utf-8"))
    assert hook["id"] == "tuyengiao-check"
    assert hook["entry"] == "tuyengiao check"
    assert hook["language"] == "python"
    assert hook.get("pass_filenames", True) is True
    assert hook["require_serial"] is True
    files = re.compile(hook["files"])
    for name in ("plans/2022/cd-bo-tu-phap.yaml", "plans/2023/khoi/cd-x.yml"):
        assert files.search(name), name
    for name in ("tuyengiao.yaml", "docs/plans.yaml", ".gitlab-ci.yml", "plans/2022/x.json"):
        assert not files.search(name), name


def test_try_repo_passes_a_good_plan_and_fails_a_bad_one(
    hook_repo: tuple[Path, str], user_repo: Path
) -> None:
    repo, commit = hook_repo
    good = pre_commit(user_repo, "try-repo", str(repo), "tuyengiao-check", "--ref", commit)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "tuyengiao check" in good.stdout
    add_bad_plan(user_repo)
    bad = pre_commit(user_repo, "try-repo", str(repo), "tuyengiao-check", "--ref", commit)
    assert bad.returncode != 0
    assert "plans/2022/cd-bao-hiem-xa-hoi-viet-nam.yaml" in bad.stdout
    assert "TG204" in bad.stdout  # the unknown status, reported by check itself


def test_the_config_init_writes_runs_the_hook(hook_repo: tuple[Path, str], user_repo: Path) -> None:
    repo, commit = hook_repo
    # The generated config, pointed at the copy under test instead of the public repository.
    (generated,) = [
        new
        for new in workspace_files(user_repo, guidance=_guidance(), schema_text="")
        if new.path.name == ".pre-commit-config.yaml"
    ]
    assert generated.text == (user_repo / ".pre-commit-config.yaml").read_text("utf-8")
    (testing,) = [
        new
        for new in workspace_files(
            user_repo, guidance=_guidance(), schema_text="", hook_repo=str(repo), hook_rev=commit
        )
        if new.path.name == ".pre-commit-config.yaml"
    ]
    testing.path.write_text(testing.text, encoding="utf-8")
    git(user_repo, "add", "-A")
    good = pre_commit(user_repo, "run")
    assert good.returncode == 0, good.stdout + good.stderr
    add_bad_plan(user_repo)
    bad = pre_commit(user_repo, "run")
    assert bad.returncode != 0
    assert "plans/2022/cd-bao-hiem-xa-hoi-viet-nam.yaml" in bad.stdout
    assert "TG204" in bad.stdout


def _guidance() -> Guidance:
    return load_guidance("2022", messages("vi"))
