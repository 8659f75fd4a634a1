"""Measure tuyengiao on many synthetic plans and print seconds, ratios and targets.

    python benchmarks/run.py                 # full run: 1,000 and 10,000 plans, 5 rounds
    python benchmarks/run.py --quick         # smoke run: 1,000 and 2,000 plans, 2 rounds
    python benchmarks/run.py --markdown benchmarks/results.md --repeat 7

Every figure is the median wall time of a fresh process (start-up included), measured
in turn with the command it is compared with. Plans are generated once into
`benchmarks/.work/` (git-ignored) and reused while the generator is unchanged.
See benchmarks/README.md for what each row means and the targets.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import generate
from benchmarks.measure import (
    Command,
    CommandFailedError,
    compare,
    load_average,
    machine_lines,
)

HERE = Path(__file__).resolve().parent
DEFAULT_WORKDIR = HERE / ".work"
TODAY = generate.TODAY.isoformat()


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table: a figure, what it is compared with, and its target."""

    what: str
    value: float | None  # seconds, MiB or a ratio, per `unit`
    unit: str
    against: str = ""
    against_value: float | None = None
    target: str = ""
    limit: float | None = None  # on the ratio when there is something to compare with
    note: str = ""
    cpu: float | None = None  # CPU seconds of the command, and of what it is compared with
    against_cpu: float | None = None

    @property
    def cpu_ratio(self) -> float | None:
        """`cpu / against_cpu`, when both were measured."""
        if self.cpu is None or not self.against_cpu:
            return None
        return self.cpu / self.against_cpu

    @property
    def ratio(self) -> float | None:
        """`value / against_value`, when both were measured."""
        if self.value is None or not self.against_value:
            return None
        return self.value / self.against_value

    @property
    def met(self) -> str:
        """ "yes" or "no" against the target; empty when there is none or nothing measured."""
        measured = self.ratio if self.against else self.value
        if self.limit is None or measured is None:
            return ""
        return "yes" if measured <= self.limit else "**no**"

    def cells(self) -> list[str]:
        """The row's cells as text."""
        value = "" if self.value is None else f"{self.value:.2f} {self.unit}"
        against = "" if self.against_value is None else f"{self.against_value:.2f} {self.unit}"
        ratio = "" if self.ratio is None else f"{self.ratio:.2f} ×"
        cpu = "" if self.cpu_ratio is None else f"{self.cpu_ratio:.2f} ×"
        what = f"{self.what} ({self.note})" if self.note else self.what
        return [what, value, self.against, against, ratio, cpu, self.target, self.met]


HEADER = ["measurement", "value", "against", "its value", "ratio", "CPU ratio", "target", "met"]


def markdown_table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table, padded so it also reads well in a terminal."""
    lines = [HEADER, *(row.cells() for row in rows)]
    widths = [max(len(line[column]) for line in lines) for column in range(len(HEADER))]

    def join(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([join(lines[0]), rule, *(join(line) for line in lines[1:])])


# --- the workspaces ----------------------------------------------------------------


def workspace(workdir: Path, count: int) -> Path:
    """A folder of `count` generated plans (made again only when the generator changed)."""
    root = workdir / f"plans-{count}"
    source = (HERE / "generate.py").read_bytes()
    stamp = json.dumps({"count": count, "generator": hashlib.sha256(source).hexdigest()})
    stamp_file = root / ".stamp"
    if stamp_file.is_file() and stamp_file.read_text(encoding="utf-8") == stamp:
        return root
    progress(f"generating {count:,} plans in {root}")
    shutil.rmtree(root, ignore_errors=True)
    generate.write_workspace(root, count)
    stamp_file.write_text(stamp, encoding="utf-8")
    return root


# --- the suite ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suite:
    """The commands of one benchmark run and how many times to run each."""

    workdir: Path
    small: int
    large: int
    repeat: int
    check_jsonschema: str | None

    @property
    def tuyengiao(self) -> list[str]:
        """The installed console script, as users run it (else `python -m tuyengiao`)."""
        script = Path(sys.executable).with_name("tuyengiao")
        return [str(script)] if script.is_file() else [sys.executable, "-m", "tuyengiao"]

    def check(self, root: Path, *options: str) -> Command:
        """`tuyengiao check plans --today …` in the workspace `root`."""
        argv = (*self.tuyengiao, "check", "plans", "--today", TODAY, *options)
        # Warnings are expected in realistic plans (exit 0); errors would mean a bad input.
        return Command(argv, root, env={"COLUMNS": "120"})

    def floor(self, root: Path) -> Command:
        """Composing the same files with libyaml in a plain loop (benchmarks/floor.py)."""
        return Command((sys.executable, str(HERE / "floor.py"), "plans"), root)

    def report(self, root: Path, fmt: str = "html") -> Command:
        """`tuyengiao report --format FMT` for the second quarter, into the workspace."""
        out = root / f"report.{fmt}"
        argv = (*self.tuyengiao, "report", "plans", "--period", "2022-Q2", "--format", fmt)
        return Command((*argv, "-o", str(out), "--today", TODAY), root, cleanup=(out,))

    def available(self, command: str) -> str | None:
        """None when `tuyengiao COMMAND --help` works, else why it does not."""
        try:
            Command((*self.tuyengiao, command, "--help"), self.workdir).run()
        except CommandFailedError:
            return f"skipped: `tuyengiao {command}` is not available yet"
        return None


def _installed(script: str) -> str | None:
    """`script` of this interpreter's environment (an unactivated venv), else from PATH."""
    here = Path(sys.executable).with_name(script)
    return str(here) if here.is_file() else shutil.which(script)


def progress(text: str) -> None:
    """A line on stderr, so the table on stdout stays clean."""
    print(f"… {text}", file=sys.stderr, flush=True)


def timed_row(
    suite: Suite,
    what: str,
    command: Command,
    against: tuple[str, Command] | None,
    target: str = "",
    limit: float | None = None,
    *,
    repeat: int | None = None,
) -> Row:
    """Measure `command` (in turn with the command it is compared with) as a row."""
    progress(what)
    other = against[1] if against else None
    rounds = suite.repeat if repeat is None else repeat
    try:
        timing, other_timing = compare(command, other, repeat=rounds, warmup=rounds > 1)
    except CommandFailedError as error:
        return Row(what, None, "s", against[0] if against else "", None, target, limit, str(error))
    if other_timing is None:
        return Row(what, timing.wall, "s", target=target, limit=limit, cpu=timing.cpu)
    name = against[0] if against else ""
    return Row(
        what,
        timing.wall,
        "s",
        name,
        other_timing.wall,
        target,
        limit,
        cpu=timing.cpu,
        against_cpu=other_timing.cpu,
    )


def run_suite(suite: Suite) -> list[Row]:
    """Every measurement of the issue, in the order of the table."""
    small, large = workspace(suite.workdir, suite.small), workspace(suite.workdir, suite.large)
    one = workspace(suite.workdir, 1)
    rows: list[Row] = []
    n_small, n_large = f"{suite.small:,}", f"{suite.large:,}"
    floor_small = (f"floor, {n_small}", suite.floor(small))
    floor_large = (f"floor, {n_large}", suite.floor(large))
    single, pool = ("--jobs", "1"), ()

    for fmt in ("text", "json"):
        for jobs, label, limit in ((single, "1 process", 1.3), (pool, "--jobs default", 0.8)):
            rows.append(
                timed_row(
                    suite,
                    f"check {n_small} plans, {fmt}, {label}",
                    suite.check(small, "--format", fmt, *jobs),
                    floor_small,
                    f"≤ {limit} ×",
                    limit,
                )
            )
    by_jobs: dict[str, tuple[Row, Row]] = {}
    for jobs, label in ((single, "1 process"), (pool, "--jobs default")):
        small_row = next(r for r in rows if r.what == f"check {n_small} plans, text, {label}")
        large_row = timed_row(
            suite, f"check {n_large} plans, text, {label}", suite.check(large, *jobs), floor_large
        )
        rows.append(large_row)
        by_jobs[label] = (small_row, large_row)
    growth = 1.1 * suite.large / suite.small
    for label, (small_row, large_row) in by_jobs.items():
        rows.append(
            Row(
                f"growth: check {n_large} / {n_small} plans, {label}",
                large_row.value,
                "s",
                f"check, {n_small}",
                small_row.value,
                f"≤ {growth:g} ×",
                growth,
                cpu=large_row.cpu,
                against_cpu=small_row.cpu,
            )
        )

    missing_report = suite.available("report")
    if missing_report:
        rows.append(Row(f"report --format html, {n_small} plans", None, "s", note=missing_report))
    else:
        what = f"report --format html, {n_small} plans"
        rows.append(timed_row(suite, what, suite.report(small), floor_small, "≤ 1.5 ×", 1.5))
        what = f"report --format docx, {n_small} plans"
        docx = suite.report(small, "docx")
        rows.append(timed_row(suite, what, docx, floor_small, "≤ 2 ×", 2.0))

    import_typer = (
        "python -c 'import typer'",
        Command((sys.executable, "-c", "import typer"), one),
    )
    version = Command((*suite.tuyengiao, "--version"), one)
    rows.append(timed_row(suite, "tuyengiao --version", version, import_typer, "≤ 1.3 ×", 1.3))
    rows.append(timed_row(suite, "check 1 plan", suite.check(one), import_typer, "≤ 2 ×", 2.0))

    rows += memory_rows(suite, large, missing_report)
    rows.append(jsonschema_row(suite, small, floor_small))
    return rows


def memory_rows(suite: Suite, large: Path, missing_report: str | None) -> list[Row]:
    """Peak RSS of check (one process and the pool) and report on the large workspace."""
    n_large = f"{suite.large:,}"
    rows = [
        memory_row(
            f"peak RSS, check {n_large} plans, 1 process", suite.check(large, "-j", "1"), 150
        ),
        memory_row(f"peak RSS, check {n_large} plans, --jobs default", suite.check(large), 150),
    ]
    what = f"peak RSS, report {n_large} plans"
    if missing_report:
        rows.append(Row(what, None, "MiB", note=missing_report))
    else:
        rows.append(memory_row(what, suite.report(large), 300))
    return rows


def memory_row(what: str, command: Command, limit: float) -> Row:
    """Peak RSS of one run of `command`, against a limit in MiB."""
    progress(what)
    target = f"≤ {limit:g} MiB"
    try:
        peak = command.peak_rss_mib()
    except CommandFailedError as error:
        return Row(what, None, "MiB", target=target, note=str(error))
    return Row(what, peak, "MiB", target=target, limit=limit)


def jsonschema_row(suite: Suite, small: Path, floor: tuple[str, Command]) -> Row:
    """check-jsonschema on the same files with the exported schema, where it is installed."""
    what = f"check-jsonschema, {suite.small:,} plans (reference)"
    if suite.check_jsonschema is None:
        return Row(what, None, "s", note="skipped: check-jsonschema is not installed")
    missing = suite.available("schema")
    if missing:
        return Row(what, None, "s", note=missing)
    schema = small / "plan.schema.json"
    exported = subprocess.run(
        [*suite.tuyengiao, "schema"], cwd=small, capture_output=True, text=True, check=False
    )
    try:
        json.loads(exported.stdout)
    except ValueError:
        return Row(what, None, "s", note="skipped: `tuyengiao schema` printed no JSON")
    schema.write_text(exported.stdout, encoding="utf-8")
    files = sorted(str(p.relative_to(small)) for p in (small / "plans").rglob("*.yaml"))
    argv = (suite.check_jsonschema, "--schemafile", str(schema), *files)
    # Exit 1 means the schema found problems: still a valid timing of the same work.
    # One round: a reference taking a minute a run needs no median to be read.
    return timed_row(suite, what, Command(argv, small, frozenset({0, 1})), floor, repeat=1)


# --- the command line ---------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Parse options, run the suite, print the table (and write it as Markdown)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="1,000/2,000 plans, 2 rounds")
    parser.add_argument("--repeat", type=int, help="rounds per measurement (default 5, quick 2)")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the table here")
    parser.add_argument(
        "--workdir", type=Path, default=DEFAULT_WORKDIR, help="where generated plans are kept"
    )
    parser.add_argument(
        "--check-jsonschema",
        metavar="PATH",
        default=_installed("check-jsonschema"),
        help="check-jsonschema to compare with (default: this environment's, else PATH's)",
    )
    options = parser.parse_args(argv)
    repeat = options.repeat or (2 if options.quick else 5)
    if repeat < 1:
        parser.error("--repeat must be 1 or more")
    suite = Suite(
        workdir=options.workdir.resolve(),
        small=1000,
        large=2000 if options.quick else 10_000,
        repeat=repeat,
        check_jsonschema=options.check_jsonschema,
    )
    suite.workdir.mkdir(parents=True, exist_ok=True)
    head = machine_lines([f"Rounds per measurement: {repeat} (medians), after one warm-up"])
    rows = run_suite(suite)
    head.append(f"Load average when measuring ended: {load_average()}")
    text = "\n".join([*(f"- {line}" for line in head), "", markdown_table(rows), ""])
    print(text)
    if options.markdown:
        options.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
