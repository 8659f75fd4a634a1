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
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import generate, previous, published
from benchmarks.measure import (
    Command,
    CommandFailedError,
    compare,
    load_average,
    machine_lines,
    usable_cores,
)

HERE = Path(__file__).resolve().parent
DEFAULT_WORKDIR = HERE / ".work"
TODAY = generate.TODAY.isoformat()
FINDINGS_TODAY = generate.FINDINGS_TODAY.isoformat()


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
    reason: str = ""  # why a target is missed (`with_reasons`)

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
        return [what, value, self.against, against, ratio, cpu, self.target, self.met, self.reason]


HEADER = [
    "measurement",
    "value",
    "against",
    "its value",
    "ratio",
    "CPU ratio",
    "target",
    "met",
    "why not",
]

#: Why a row misses its target when the run itself does not show it (a busy machine
#: shows itself: `with_reasons`). Keyed by the start of the row's text (the longest
#: that fits wins).
KNOWN_REASONS: dict[str, str] = {
    "check 1,000 plans with findings": (
        "composing alone is 0.73 × the floor; reading with ~12 findings a plan (part by"
        " part, each finding placed and worded with its hint) adds 0.86 ×, the rules"
        " 0.45 ×: Python work per finding, no file read twice (in process, this machine)"
    ),
    "check 1,000 plans with findings at": (
        "the previous release runs no rule on a file with an error; today's runs them all"
    ),
    "check 1,000 plans, ": (
        "composing alone is 0.75 × the floor (libyaml asks Python each node's tag), reading"
        " the nodes into models adds 0.19 ×, the rules and their ~5 findings a plan"
        " 0.28 ×, start-up 0.1 × (in process, this machine): Python work per node"
    ),
    "report --format": (
        "the report checks every plan as check does, then computes and renders (after the"
        " check, CPU in process: HTML 0.29 s, Word 0.64 s): it misses by what check misses"
    ),
    "import, a": (
        "its yardstick, check of the same YAML, got faster this round (0.16 s → 0.12 s) than"
        " reading a workbook can: openpyxl's import alone is 0.07 s; import itself went"
        " from 0.31 s to 0.26 s"
    ),
    "check 1 plan": "start-up: typer is 37 ms of 80 ms of imports; the read layer and catalogue",
}


def with_reasons(rows: Sequence[Row], load: float, cores: int) -> list[Row]:
    """The rows, each missed target given its reason (the CPU ratio, the load, or known)."""
    done = []
    for row in rows:
        if row.met != "**no**":
            done.append(row)
            continue
        cpu = row.cpu_ratio
        others = max(0.0, load - 1.0)  # the load average counts the benchmark's own process
        if "--jobs" in row.what and others >= cores / 2:
            reason = f"busy machine: load {load:.1f} on {cores} cores, the workers waited"
        elif "--jobs" in row.what:
            reason = (
                f"the pool splits the 1-process row's work over {cores} cores: it meets"
                f" {row.limit} × only when one process is near {(row.limit or 0) * cores:.1f} ×"
            )
        elif cpu is not None and row.limit is not None and cpu <= row.limit:
            reason = f"the CPU ratio meets it: wall time slowed by other work (load {load:.1f})"
        else:
            starts = [start for start in KNOWN_REASONS if row.what.startswith(start)]
            known = KNOWN_REASONS[max(starts, key=len)] if starts else None
            reason = known or f"slower than the target on this run (load {load:.1f})"
        done.append(replace(row, reason=reason))
    return done


def markdown_table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table, padded so it also reads well in a terminal."""
    lines = [HEADER, *(row.cells() for row in rows)]
    widths = [max(len(line[column]) for line in lines) for column in range(len(HEADER))]

    def join(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([join(lines[0]), rule, *(join(line) for line in lines[1:])])


# --- the workspaces ----------------------------------------------------------------


def workspace(workdir: Path, count: int, *, findings: bool = False) -> Path:
    """A folder of `count` generated plans (made again only when the generator changed).

    With `findings`, the findings-heavy corpus: about 12 findings a plan as of
    FINDINGS_TODAY (`generate.findings_plan_bytes`).
    """
    root = workdir / f"{'findings' if findings else 'plans'}-{count}"
    source = (HERE / "generate.py").read_bytes()
    stamp = json.dumps({"count": count, "generator": hashlib.sha256(source).hexdigest()})
    stamp_file = root / ".stamp"
    if stamp_file.is_file() and stamp_file.read_text(encoding="utf-8") == stamp:
        return root
    kind = "findings-heavy plans" if findings else "plans"
    progress(f"generating {count:,} {kind} in {root}")
    shutil.rmtree(root, ignore_errors=True)
    generate.write_workspace(root, count, findings=findings)
    stamp_file.write_text(stamp, encoding="utf-8")
    return root


#: The groups of rows `--only` chooses from, in the order of the table.
GROUPS = (
    "check", "findings", "previous", "large", "report", "start", "excel", "memory", "jsonschema",
)  # fmt: skip


# --- the suite ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suite:
    """The commands of one benchmark run and how many times to run each."""

    workdir: Path
    small: int
    large: int
    repeat: int
    check_jsonschema: str | None
    only: frozenset[str] = frozenset(GROUPS)  # the groups of rows to measure

    @property
    def tuyengiao(self) -> list[str]:
        """The installed console script, as users run it (else `python -m tuyengiao`)."""
        script = Path(sys.executable).with_name("tuyengiao")
        return [str(script)] if script.is_file() else [sys.executable, "-m", "tuyengiao"]

    def check(
        self,
        root: Path,
        *options: str,
        today: str = TODAY,
        ok: frozenset[int] = frozenset({0}),
        script: Sequence[str] = (),
    ) -> Command:
        """`tuyengiao check plans --today TODAY …` in the workspace `root`.

        Warnings are expected in realistic plans (exit 0); errors would mean a bad
        input, unless `ok` says so (the findings-heavy corpus exits 1). `script`:
        another `tuyengiao` to run (the previous release).
        """
        argv = (*(script or self.tuyengiao), "check", "plans", "--today", today, *options)
        return Command(argv, root, ok, env={"COLUMNS": "120"})

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
    """Every measurement of the issue (of the groups `suite.only` names), in table order."""
    wants = suite.only.__contains__
    small = workspace(suite.workdir, suite.small)
    rows: list[Row] = []
    n_small = f"{suite.small:,}"
    floor_small = (f"floor, {n_small}", suite.floor(small))
    if wants("check") or wants("large"):
        rows += check_rows(suite, small, floor_small)
    if wants("findings") or wants("previous"):
        findings = workspace(suite.workdir, suite.small, findings=True)
        if wants("findings"):
            rows += findings_rows(suite, findings)
        if wants("previous"):
            rows += previous_rows(suite, small, findings)
    large = workspace(suite.workdir, suite.large) if wants("large") or wants("memory") else None
    if large is not None and wants("large"):
        rows += large_rows(suite, large, rows)
    missing_report = suite.available("report")
    if wants("report"):
        rows += report_rows(suite, small, floor_small, missing_report)
    if wants("start"):
        rows += start_rows(suite)
    if wants("excel"):
        rows += excel_rows(suite)
    if large is not None and wants("memory"):
        rows += memory_rows(suite, large, missing_report)
    if wants("jsonschema"):
        rows.append(jsonschema_row(suite, small, floor_small))
    return rows


SINGLE, POOL = ("--jobs", "1"), ()


def check_rows(suite: Suite, small: Path, floor_small: tuple[str, Command]) -> list[Row]:
    """`check` on the valid corpus, text and json, one process and the pool."""
    rows = []
    for fmt in ("text", "json"):
        for jobs, label, limit in ((SINGLE, "1 process", 1.3), (POOL, "--jobs default", 0.8)):
            rows.append(
                timed_row(
                    suite,
                    f"check {suite.small:,} plans, {fmt}, {label}",
                    suite.check(small, "--format", fmt, *jobs),
                    floor_small,
                    f"≤ {limit} ×",
                    limit,
                )
            )
    return rows


def large_rows(suite: Suite, large: Path, rows: Sequence[Row]) -> list[Row]:
    """`check` on the large corpus, and its growth over the small one's rows in `rows`."""
    n_small, n_large = f"{suite.small:,}", f"{suite.large:,}"
    floor_large = (f"floor, {n_large}", suite.floor(large))
    added: list[Row] = []
    by_jobs: dict[str, tuple[Row, Row]] = {}
    for jobs, label in ((SINGLE, "1 process"), (POOL, "--jobs default")):
        small_row = next(r for r in rows if r.what == f"check {n_small} plans, text, {label}")
        large_row = timed_row(
            suite, f"check {n_large} plans, text, {label}", suite.check(large, *jobs), floor_large
        )
        added.append(large_row)
        by_jobs[label] = (small_row, large_row)
    growth = 1.1 * suite.large / suite.small
    for label, (small_row, large_row) in by_jobs.items():
        added.append(
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
    return added


def report_rows(
    suite: Suite, small: Path, floor_small: tuple[str, Command], missing: str | None
) -> list[Row]:
    """`report` as html and docx on the valid corpus, against the floor."""
    n_small = f"{suite.small:,}"
    if missing:
        return [Row(f"report --format html, {n_small} plans", None, "s", note=missing)]
    what = f"report --format html, {n_small} plans"
    html = timed_row(suite, what, suite.report(small), floor_small, "≤ 1.5 ×", 1.5)
    what = f"report --format docx, {n_small} plans"
    docx = timed_row(suite, what, suite.report(small, "docx"), floor_small, "≤ 2 ×", 2.0)
    return [html, docx]


def start_rows(suite: Suite) -> list[Row]:
    """Start-up: `--version` and `check` on one plan, against importing typer."""
    one = workspace(suite.workdir, 1)
    import_typer = (
        "python -c 'import typer'",
        Command((sys.executable, "-c", "import typer"), one),
    )
    version = Command((*suite.tuyengiao, "--version"), one)
    return [
        timed_row(suite, "tuyengiao --version", version, import_typer, "≤ 1.3 ×", 1.3),
        timed_row(suite, "check 1 plan", suite.check(one), import_typer, "≤ 2 ×", 2.0),
    ]


#: Activities of the plan whose workbook `import` reads (issue 21: "a 500-activity workbook").
EXCEL_ACTIVITIES = 500


def excel_rows(suite: Suite) -> list[Row]:
    """`export` of one plan, `import` of a 500-activity workbook: each against `check` on
    the same plan's YAML, within 2 × of it plus Python's start-up (issue 21)."""
    missing = suite.available("import")
    if missing is not None:
        return [Row("import, a 500-activity workbook", None, "s", note=missing)]
    root = suite.workdir / "excel"
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random("excel")
    activities = tuple(
        generate.make_activity(1 + number % 8, number, rng) for number in range(EXCEL_ACTIVITIES)
    )
    plan = replace(generate.make_plan(0), activities=activities)
    big = root / "big.yaml"
    big.write_text("\n".join(generate.render(plan, rng)) + "\n", encoding="utf-8")
    book = root / "big.xlsx"
    tool = suite.tuyengiao
    Command((*tool, "export", str(big), "-o", str(book), "--force"), root).run()
    one = next((workspace(suite.workdir, 1) / "plans").rglob("*.yaml"))
    python = Command((sys.executable, "-c", "pass"), root)
    start = python.run().cpu

    def check(path: Path) -> tuple[str, Command]:
        argv = (*tool, "check", str(path), "--today", TODAY)
        return "check, the same plan's YAML", Command(argv, root, env={"COLUMNS": "120"})

    out = root / "imported.yaml"
    rows = [
        timed_row(
            suite,
            "export, one plan",
            Command((*tool, "export", str(one), "-o", str(root / "one.xlsx"), "--force"), root),
            check(one),
        ),
        timed_row(
            suite,
            f"import, a {EXCEL_ACTIVITIES}-activity workbook",
            Command(
                (*tool, "import", str(book), "-o", str(out), "--today", TODAY), root, cleanup=(out,)
            ),
            check(big),
        ),
    ]
    # The target is 2 × `check` plus Python's own start-up: as a ratio, 2 + start/check.
    return [
        replace(
            row,
            target="≤ 2 × + start-up",
            limit=2 + start / row.against_cpu if row.against_cpu else 2.0,
        )
        for row in rows
    ]


def findings_rows(suite: Suite, findings: Path) -> list[Row]:
    """`check` on the findings-heavy corpus (about 12 findings a plan), against its floor."""
    n_small = f"{suite.small:,}"
    floor = (f"floor, {n_small} with findings", suite.floor(findings))
    rows = []
    for fmt, jobs, label, limit in (
        ("text", ("--jobs", "1"), "1 process", 1.3),
        ("json", ("--jobs", "1"), "1 process", 1.3),
        ("text", (), "--jobs default", 0.8),
        ("json", (), "--jobs default", 0.8),
    ):
        what = f"check {n_small} plans with findings, {fmt}, {label}"
        command = suite.check(
            findings, "--format", fmt, *jobs, today=FINDINGS_TODAY, ok=frozenset({1})
        )
        rows.append(timed_row(suite, what, command, floor, f"≤ {limit} ×", limit))
    return rows


def previous_rows(suite: Suite, small: Path, findings: Path) -> list[Row]:
    """Today's `check` against the previous release's on the same plans (paired, medians).

    Both corpora are checked at FINDINGS_TODAY, the issue's run (the valid corpus then
    has date-order errors and overdue warnings too). The previous release does less
    on them: it reads `progress:` as an unknown field and runs no rule on a file with
    an error, so its figure is what users waited, not the same work.
    """
    n_small = f"{suite.small:,}"
    script = previous.console_script(suite.workdir, progress)
    rows = []
    options = ("--format", "json", "--jobs", "1")
    for root, corpus in ((small, "valid"), (findings, "with findings")):
        what = f"check {n_small} plans {corpus} at {FINDINGS_TODAY}, json, 1 process"
        if isinstance(script, str):
            rows.append(Row(what, None, "s", note=script))
            continue
        either = frozenset({0, 1})
        mine = suite.check(root, *options, today=FINDINGS_TODAY, ok=either)
        theirs = suite.check(root, *options, today=FINDINGS_TODAY, ok=either, script=(str(script),))
        against = (f"previous release {previous.COMMIT}", theirs)
        rows.append(timed_row(suite, what, mine, against, "≤ 1.0 ×", 1.0))
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
    """Parse options, run the suite, print the table (and write or check the README's)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="1,000/2,000 plans, 2 rounds")
    parser.add_argument("--repeat", type=int, help="rounds per measurement (default 5, quick 2)")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the table here")
    parser.add_argument(
        "--readme", action="store_true", help="write the table into README.md's benchmark block"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when a ratio is more than 25 %% worse than README.md's (same CPU only)",
    )
    parser.add_argument(
        "--only",
        metavar="GROUPS",
        help=f"measure only these groups of rows, comma-separated: {','.join(GROUPS)}",
    )
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
    only = frozenset(options.only.split(",")) if options.only else frozenset(GROUPS)
    if only - set(GROUPS):
        parser.error(f"--only: unknown groups {', '.join(sorted(only - set(GROUPS)))}")
    if options.readme and (options.quick or options.only or options.repeat):
        parser.error("--readme publishes the full run only (no --quick, --only, --repeat)")
    suite = Suite(
        workdir=options.workdir.resolve(),
        small=1000,
        large=2000 if options.quick else 10_000,
        repeat=repeat,
        check_jsonschema=options.check_jsonschema,
        only=only,
    )
    suite.workdir.mkdir(parents=True, exist_ok=True)
    run = "quick run" if options.quick else "full run"
    head = machine_lines([f"Rounds per measurement: {repeat} (medians), after one warm-up ({run})"])
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    rows = run_suite(suite)
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    head.append(f"Load average when measuring ended: {load_average()}")
    rows = with_reasons(rows, max(load_before, load_after), usable_cores())
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"Measured {when} by `python benchmarks/run.py --readme`:", ""]
    text = "\n".join([*lines, *(f"- {line}" for line in head), "", markdown_table(rows), ""])
    print(text)
    if options.markdown:
        options.markdown.write_text(text, encoding="utf-8")
    if options.readme:
        published.write_block(text)
        progress(f"wrote the table into {published.README}")
    if options.check:
        return check_against_readme(head, rows)
    return 0


def check_against_readme(head: Sequence[str], rows: Sequence[Row]) -> int:
    """1 when a ratio is more than TOLERANCE worse than the README's on the same CPU."""
    figures = published.read_block()
    cpu = next(line for line in head if line.startswith("CPU: "))
    if cpu != figures.cpu:
        progress(f"not compared: README's figures are from another machine ({figures.cpu})")
        return 0
    measured = [(row.what, row.ratio) for row in rows if row.ratio is not None]
    worse = published.regressions(figures, measured)
    compared = sum(1 for what, _ in measured if what in figures.ratios)
    for regression in worse:
        print(f"slower than README.md: {regression}", file=sys.stderr)
    progress(f"{compared} ratios compared with README.md, {len(worse)} more than 25 % worse")
    return 1 if worse else 0


if __name__ == "__main__":
    raise SystemExit(main())
