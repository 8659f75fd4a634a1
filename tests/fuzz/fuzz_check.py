"""Fuzz `tuyengiao check` with raw bytes, for as long as you like.

    python tests/fuzz/fuzz_check.py --runs 100000          # atheris if installed
    python tests/fuzz/fuzz_check.py --runs 5000 --hypothesis

With `atheris` (`pip install atheris`), coverage-guided: libFuzzer mutates the bytes,
starting from the sample plans, guided by the coverage of tuyengiao's own code; its
options (`-max_total_time=600`, a corpus folder…) may follow. Without it, a
hypothesis-driven loop feeds the same check with sample plans mutated the way hand
edits go wrong (`tests/fuzz/mutations.py`) and with raw bytes. Every input goes
through the core in this process (`tuyengiao.workspace.check_file`) and must keep
the invariants of `tests/fuzz/harness.py`; the first that does not stops the run,
saved as `fuzz-failure-<sha>.yaml` in the current folder.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.util
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from anywhere


class Fuzzer:
    """One input at a time through `check_file`, counting them, saving the first failure."""

    def __init__(self, folder: Path) -> None:
        from tests.fuzz.harness import fuzz_settings

        self.folder = folder
        self.settings = fuzz_settings(folder)
        self.count = 0

    def one_input(self, data: bytes) -> None:
        """Check `data` as a plan file; an invariant broken saves the input and raises."""
        from tests.fuzz.harness import assert_invariants, check_bytes

        self.count += 1
        try:
            found = check_bytes(data, self.folder, self.settings)
            assert_invariants(data, found.diagnostics)
        except BaseException:
            saved = Path(f"fuzz-failure-{hashlib.sha256(data).hexdigest()[:12]}.yaml")
            saved.write_bytes(data)
            print(f"\nfailing input saved as {saved} ({len(data)} bytes)", file=sys.stderr)
            raise


def run_atheris(folder: Path, runs: int, extra: list[str]) -> None:
    """Coverage-guided fuzzing with atheris, seeded with the sample plans."""
    atheris: Any = importlib.import_module("atheris")
    with atheris.instrument_imports(include=["tuyengiao", "tests.fuzz"]):
        fuzzer = Fuzzer(folder)
        from tests.fuzz.mutations import SAMPLES
    corpus = folder / "corpus"
    corpus.mkdir()
    for index, sample in enumerate(SAMPLES):
        (corpus / f"sample-{index}.yaml").write_bytes(sample)
    argv = [sys.argv[0], f"-runs={runs}", "-max_len=65536", *extra, str(corpus)]
    atheris.Setup(argv, fuzzer.one_input)
    atheris.Fuzz()  # libFuzzer ends the process itself, with its "Done N runs" line


def run_hypothesis(folder: Path, runs: int) -> int:
    """The fallback: hypothesis draws mutated sample plans and raw bytes."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    from tests.fuzz.mutations import mutated_plans

    fuzzer = Fuzzer(folder)
    inputs = mutated_plans() | mutated_plans(max_mutations=12) | st.binary(max_size=4096)

    @settings(
        max_examples=runs,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=inputs)
    def fuzz(data: bytes) -> None:
        fuzzer.one_input(data)

    try:
        fuzz()
    finally:
        print(f"\nhypothesis: {fuzzer.count} inputs", file=sys.stderr)
    return fuzzer.count


def main() -> None:
    """Parse the options and fuzz."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000, help="inputs to try")
    parser.add_argument("--hypothesis", action="store_true", help="even if atheris is there")
    options, extra = parser.parse_known_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tuyengiao-fuzz-") as folder:
        if not options.hypothesis and importlib.util.find_spec("atheris") is not None:
            run_atheris(Path(folder), options.runs, extra)
        else:
            run_hypothesis(Path(folder), options.runs)
    print(f"in {time.monotonic() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
