"""`report` and `status` on a pool of workers print exactly what one process prints.

Each worker digests the plans it checks and sends back only the digests
(`tuyengiao.report.digest`); which digests the report keeps is decided after
`workspace.finish`, so severity overrides and cross-file findings still leave plans out.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks import generate
from tests.conftest import Run
from tuyengiao import parallel
from tuyengiao.config import Settings, resolve_settings
from tuyengiao.i18n import messages
from tuyengiao.periods import parse_period
from tuyengiao.report.digest import Digester, PlanDigest
from tuyengiao.report.figures import Counts
from tuyengiao.workspace import Digest, check_file

TODAY = generate.TODAY.isoformat()
PLANS = 60


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 generated plans, one in seven broken; a roster in reverse order; `late` an error."""
    root = tmp_path_factory.mktemp("report-jobs")
    generate.write_workspace(root, PLANS, broken_every=7)
    ids = [generate.make_plan_id(index) for index in reversed(range(PLANS))]
    roster = "".join(f"  - id: {union}\n    name: Công đoàn {union}\n" for union in ids)
    roster += "  - id: cd-chua-nop\n    name: Công đoàn chưa nộp\n"  # filed nothing
    config = generate.CONFIG + "severity: {late: error}\nroster:\n" + roster
    (root / "tuyengiao.yaml").write_text(config, encoding="utf-8")
    return root


def with_pool(monkeypatch: pytest.MonkeyPatch, pool: bool) -> list[int]:
    """Make the default choice of workers use two processes, or one; spy on the pool."""
    started: list[int] = []
    real = parallel._check_in_pool

    def spy(
        files: list[Path],
        settings: Settings,
        jobs: int,
        digest: Digest | None,
        meanwhile: Callable[[], object] | None = None,
    ) -> object:
        started.append(jobs)
        return real(files, settings, jobs, digest, meanwhile)

    monkeypatch.setattr(parallel, "_check_in_pool", spy)
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_FILES_FOR_POOL", 1 if pool else PLANS + 1)
    return started


@pytest.mark.parametrize(
    "command",
    [
        ("report", "--period", "2022-Q2", "--format", "md"),
        ("report", "--period", "2022-Q2", "--format", "html"),
        ("report", "--period", "2022-Q2", "--format", "json", "--lang", "en"),
        ("status",),
    ],
    ids=["md", "html", "json-en", "status"],
)
def test_same_output_with_and_without_the_pool(
    run: Run, plans: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    args = (command[0], "plans", "--today", TODAY, *command[1:])
    started = with_pool(monkeypatch, pool=False)
    one = run(*args, cwd=plans)
    assert started == []
    started = with_pool(monkeypatch, pool=True)
    two = run(*args, cwd=plans)
    assert started == [2]
    assert (two.exit_code, two.stdout, two.stderr) == (one.exit_code, one.stdout, one.stderr)
    assert one.exit_code == 0, one.stderr


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
def test_templates_compiled_while_the_workers_check_render_the_same(
    run: Run, plans: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """With a pool, `report` compiles the built-in templates while the workers check
    (`commands.report._prepare`); the file is the one a single process writes."""
    from tuyengiao.commands import report as command
    from tuyengiao.report import templates

    prepared: list[str] = []
    real = command._prepare

    def spy(*args: object) -> None:
        prepared.append(str(args[0]))
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(command, "_prepare", spy)
    args = ("report", "plans", "--today", TODAY, "--period", "2022-Q2", "--format", fmt, "--force")
    with_pool(monkeypatch, pool=False)
    monkeypatch.setattr(templates, "COMPILED", {"md": templates.CompiledTemplates()})
    one = run(*args, "-o", "one." + fmt, cwd=plans)
    assert prepared == []
    with_pool(monkeypatch, pool=True)
    fresh = {"md": templates.CompiledTemplates(), "html": templates.CompiledTemplates()}
    monkeypatch.setattr(templates, "COMPILED", fresh)
    two = run(*args, "-o", "two." + fmt, cwd=plans)
    assert prepared == [fmt]
    assert fresh["html"].texts if fmt == "docx" else fresh[fmt].codes  # compiled once, here
    assert (two.exit_code, two.stderr.replace("two.", "one.")) == (one.exit_code, one.stderr)
    assert (plans / f"two.{fmt}").read_bytes() == (plans / f"one.{fmt}").read_bytes()


def test_what_the_workers_wait_for_never_fails_the_report(
    run: Run, plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tuyengiao.report import templates

    def broken(*args: object) -> None:
        raise RuntimeError("not now")

    args = ("report", "plans", "--today", TODAY, "--period", "2022-Q2")
    with_pool(monkeypatch, pool=False)
    one = run(*args, cwd=plans)
    monkeypatch.setattr(templates, "precompile", broken)
    with_pool(monkeypatch, pool=True)
    two = run(*args, cwd=plans)
    assert (two.exit_code, two.stdout, two.stderr) == (one.exit_code, one.stdout, one.stderr)
    assert one.exit_code == 0, one.stderr


def test_the_compared_report_is_worth_comparing(run: Run, plans: Path) -> None:
    outcome = run(
        "report", "plans", "--today", TODAY, "--period", "2022-Q2", "--format", "json", cwd=plans
    )
    document = json.loads(outcome.stdout)
    # Roster order (reversed file order), some plans in, some left out, some missing.
    unions = [union["id"] for union in document["unions"]]
    assert unions == sorted(unions, reverse=True)
    assert 0 < len(unions) < PLANS
    # One plan is filed under another union's id: a copy of that union's plan (named
    # after it), in no figure, not even among the plans left out.
    assert document["totals"]["plans_left_out"] == PLANS - len(unions) - 1
    assert "cd-chua-nop" in [entry["id"] for entry in document["missing_plans"]]
    assert document["overdue"]
    assert any(task["results"] for task in document["tasks"])
    # A plan that validated is left out for a warning the config makes an error.
    late = [entry for entry in document["left_out"] if entry["union"] in valid_ids(plans)]
    assert late


def valid_ids(root: Path) -> set[str]:
    """The unions whose plan has no error before the config's overrides."""
    import dataclasses

    settings = settings_of(root)
    settings = dataclasses.replace(
        settings, config=dataclasses.replace(settings.config, severity={})
    )
    found = set()
    for path in sorted((root / "plans").rglob("*.yaml")):
        plan_file = check_file(path, settings)
        if plan_file.plan is not None and not plan_file.has_errors:
            found.add(plan_file.plan.union.id)
    return found


def settings_of(root: Path) -> Settings:
    """The workspace's settings, on the test day."""
    return resolve_settings([root / "plans"], today=generate.TODAY, msg=messages("vi"), cwd=root)


def test_digester_and_digest_survive_pickling(plans: Path) -> None:
    # Where workers are spawned, not forked, the hook goes to them pickled, and
    # every digest comes back pickled wherever the workers run.
    settings = settings_of(plans)
    digester = Digester.of(parse_period("2022-Q2", "calendar"), settings.today)
    assert pickle.loads(pickle.dumps(digester)) == digester
    path = plans / "plans" / "2022" / f"{generate.make_plan_id(0)}.yaml"
    plan_file = check_file(path, settings).digested(digester)
    assert plan_file.plan is None
    assert isinstance(plan_file.digest, PlanDigest)
    assert pickle.loads(pickle.dumps(plan_file)).digest == plan_file.digest


def test_counts_add_up() -> None:
    one = Counts(activities=3, done=1, done_in_period=1, in_progress=1, planned=1, cancelled=2)
    two = Counts(activities=2, done=1, overdue=1)
    assert one + two == Counts(
        activities=5, done=2, done_in_period=1, in_progress=1, overdue=1, planned=1, cancelled=2
    )
    assert sum((one, two), Counts()) == one + two
