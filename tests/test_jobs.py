"""`check --jobs N` prints exactly what one process prints, and is used only when it pays."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from benchmarks import generate
from tests.conftest import Run
from tuyengiao import parallel
from tuyengiao.config import Settings, resolve_settings
from tuyengiao.diagnostics import Diagnostic, Severity
from tuyengiao.i18n import messages
from tuyengiao.workspace import check_file

TODAY = generate.TODAY.isoformat()
# Settings the workers must rebuild exactly: a rule made an error, a wider due-soon window.
CONFIG = generate.CONFIG + "severity: {late: error}\ndue_soon_days: 30\n"


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """~300 generated plans, one in seven with an error (of every kind, in turn)."""
    root = tmp_path_factory.mktemp("jobs")
    generate.write_workspace(root, 300, broken_every=7)
    (root / "tuyengiao.yaml").write_text(CONFIG, encoding="utf-8")
    return root


@pytest.fixture
def pool_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker counts of every pool started (so a test knows the pool really ran)."""
    started: list[int] = []
    real = parallel._check_in_pool

    def spy(files: list[Path], settings: Settings, jobs: int, digest: Any, *more: Any) -> object:
        started.append(jobs)
        return real(files, settings, jobs, digest, *more)

    monkeypatch.setattr(parallel, "_check_in_pool", spy)
    return started


@pytest.mark.parametrize(
    "options",
    [("--format", "json"), ("--format", "text", "--lang", "en")],
    ids=["json", "text-en"],
)
def test_same_output_with_and_without_jobs(
    run: Run, plans: Path, pool_runs: list[int], options: tuple[str, ...]
) -> None:
    args = ("check", "plans", "--today", TODAY, *options)
    one = run(*args, "--jobs", "1", cwd=plans)
    two = run(*args, "--jobs", "2", cwd=plans)
    assert pool_runs == [2]
    assert (two.exit_code, two.stdout, two.stderr) == (one.exit_code, one.stdout, one.stderr)
    assert one.exit_code == 1
    if "json" in options:
        assert_every_kind_of_finding(json.loads(two.stdout))


def assert_every_kind_of_finding(document: dict[str, Any]) -> None:
    """The compared output is worth comparing: all files, every kind of finding."""
    assert document["summary"]["files"] == 300
    rules = {d["rule"] for d in document["diagnostics"]}
    assert set(generate.BREAKAGES) <= rules  # one error of each kind, cross-file ones too
    assert {"overdue", "due-soon"} <= rules
    # The workspace config reached the workers: `late` is an error there.
    assert {d["severity"] for d in document["diagnostics"] if d["rule"] == "late"} == {"error"}


def test_default_uses_the_pool_only_for_many_files(
    run: Run, plans: Path, pool_runs: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_FILES_FOR_POOL", 6)
    files = [f"plans/2022/{generate.make_plan_id(index)}.yaml" for index in range(6)]
    run("check", *files[:5], "--today", TODAY, "--format", "json", cwd=plans)
    assert pool_runs == []
    run("check", *files, "--today", TODAY, "--format", "json", cwd=plans)
    assert pool_runs == [2]


def test_settings_survive_pickling(plans: Path) -> None:
    # Where workers are spawned, not forked (macOS, Windows), they get pickled settings.
    settings = resolve_settings(
        [plans / "plans"], today=generate.TODAY, msg=messages("en"), cwd=plans
    )
    copy = pickle.loads(pickle.dumps(settings))
    path = plans / "plans" / "2022" / f"{generate.make_plan_id(6)}.yaml"  # a broken one
    found = check_file(path, settings).diagnostics
    assert found
    assert check_file(path, copy).diagnostics == found
    assert copy.config == settings.config


def test_choose_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "available_cores", lambda: 4)
    assert parallel.choose_jobs(None, parallel.MIN_FILES_FOR_POOL - 1) == 1
    assert parallel.choose_jobs(None, parallel.MIN_FILES_FOR_POOL) == 4
    assert parallel.choose_jobs(3, 10) == 3  # asked for: used, even for few files
    assert parallel.choose_jobs(8, 2) == 2  # never more processes than files
    assert parallel.choose_jobs(1, 1000) == 1


@pytest.mark.parametrize("value", ["0", "-2"])
def test_bad_jobs_is_a_usage_error(run: Run, plans: Path, value: str) -> None:
    outcome = run("check", "plans", "--today", TODAY, "--jobs", value, cwd=plans)
    assert outcome.exit_code == 2
    assert "--jobs" in outcome.stderr
    assert f"“{value}”" in outcome.stderr


@pytest.mark.parametrize("severity", list(Severity))
@pytest.mark.parametrize("cell", [None, "Hoạt động!F12"])
@pytest.mark.parametrize("place", [(None, None), (12, 5)])
def test_a_finding_comes_back_from_a_worker_as_it_went(
    severity: Severity, cell: str | None, place: tuple[int | None, int | None]
) -> None:
    """`Diagnostic.__reduce__` pickles the fields: the same finding, the same severity."""
    sent = Diagnostic("plans/a.yaml", *place, severity, "TG401", "overdue", "Quá hạn", None, cell)
    back = pickle.loads(pickle.dumps([sent, replace(sent, hint="→ x")], pickle.HIGHEST_PROTOCOL))
    assert back == [sent, replace(sent, hint="→ x")]
    assert back[0].severity is severity
