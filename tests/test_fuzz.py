"""Fuzzing in the suite: sample plans mutated the way hand edits go wrong, through `check`.

The invariants are in `tests/fuzz/harness.py`; the mutations in
`tests/fuzz/mutations.py`. These runs are short (seconds); run
`python tests/fuzz/fuzz_check.py --runs 100000` by hand for a long one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE_TODAY, Run
from tests.fuzz.harness import (
    assert_document_shape,
    assert_invariants,
    check_bytes,
    fuzz_settings,
    lines_of,
)
from tests.fuzz.mutations import MUTATIONS, SAMPLES, mutated_plans
from tuyengiao.config import Settings

QUICK = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the whole module: each example overwrites its plan file."""
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def core(folder: Path) -> Settings:
    """The settings of an in-process run (no config, built-in guidance, fixed day)."""
    return fuzz_settings(folder)


@pytest.fixture(scope="module")
def core_en(folder: Path) -> Settings:
    """The same, in English."""
    return fuzz_settings(folder, "en")


@QUICK
@given(data=mutated_plans())
def test_mutated_plans_keep_the_invariants(folder: Path, core: Settings, data: bytes) -> None:
    found = check_bytes(data, folder, core)
    assert_invariants(data, found.diagnostics)


@QUICK
@given(data=mutated_plans(max_mutations=12))
def test_badly_mangled_plans_keep_the_invariants(
    folder: Path, core_en: Settings, data: bytes
) -> None:
    found = check_bytes(data, folder, core_en)
    assert_invariants(data, found.diagnostics)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=mutated_plans(), fmt=st.sampled_from(["json", "text", "github"]))
def test_mutated_plans_through_the_cli(run: Run, folder: Path, data: bytes, fmt: str) -> None:
    plan = folder / "cli" / "plan.yaml"
    plan.parent.mkdir(exist_ok=True)
    (plan.parent / "tuyengiao.yaml").write_text("{}\n", encoding="utf-8")
    plan.write_bytes(data)
    outcome = run("check", str(plan), "--today", SAMPLE_TODAY, "--format", fmt)
    assert outcome.exit_code in (0, 1, 2)
    assert "Traceback" not in outcome.stdout + outcome.stderr
    if fmt == "json":
        document = json.loads(outcome.stdout)
        assert_document_shape(document, files=1)
        assert outcome.exit_code == (1 if document["summary"]["errors"] else 0)
        lines = lines_of(data)
        for item in document["diagnostics"]:
            assert item["file"] == plan.as_posix()
            if item["line"] is not None:
                assert item["line"] <= len(lines)


def _mutants(mutation_index: int) -> Iterator[bytes]:
    mutation = MUTATIONS[mutation_index]

    @st.composite
    def one(draw: st.DrawFn) -> bytes:
        lines = draw(st.sampled_from(SAMPLES)).splitlines(keepends=True)
        return b"".join(mutation(draw, lines))

    found: list[bytes] = []

    @settings(max_examples=30, deadline=None, database=None)
    @given(data=one())
    def collect(data: bytes) -> None:
        found.append(data)

    collect()
    yield from found


@pytest.mark.parametrize(
    "index", range(len(MUTATIONS)), ids=[m.__name__ for m in MUTATIONS]
)  # fmt: skip
def test_every_mutation_changes_the_file(index: int) -> None:
    # A mutation that never changes anything would make the fuzzing above a no-op.
    changed = [data for data in _mutants(index) if data not in SAMPLES]
    assert len(changed) >= 10
