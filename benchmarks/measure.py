"""Running commands for the benchmarks: wall time (alternating, medians), peak memory, machine."""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Peak RSS of a command, from a fresh interpreter whose only child is that command:
#: `ru_maxrss` of RUSAGE_CHILDREN is then the command's own peak (the largest of its
#: processes when it starts workers). Prints the exit code and the peak in KiB.
_PEAK_RSS = """\
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(code, peak // 1024 if sys.platform == "darwin" else peak)
"""


@dataclass(frozen=True, slots=True)
class Timing:
    """Wall time, and CPU time (user + system, every process of the command) in seconds.

    CPU time hardly changes when other work shares the machine, so where wall times
    are disturbed, the CPU ratio of single-process commands is the figure to trust.
    """

    wall: float
    cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class CommandFailedError(Exception):
    """A measured command exited with an unexpected code; the text says which and why."""


@dataclass(frozen=True, slots=True)
class Command:
    """A command line to measure, where to run it, and the exit codes that mean it worked."""

    argv: tuple[str, ...]
    cwd: Path
    ok_codes: frozenset[int] = frozenset({0})
    #: Files to delete before each run (an output the command refuses to overwrite).
    cleanup: tuple[Path, ...] = ()
    env: Mapping[str, str] = field(default_factory=dict)

    def run(self) -> Timing:
        """Run once and return its wall and CPU time; raise CommandFailedError on failure."""
        for path in self.cleanup:
            path.unlink(missing_ok=True)
        before = _children_cpu()
        start = time.perf_counter()
        completed = subprocess.run(
            self.argv,
            cwd=self.cwd,
            env=self._environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )
        elapsed = time.perf_counter() - start
        cpu = _children_cpu() - before
        if completed.returncode not in self.ok_codes:
            detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
            last = detail[-1] if detail else ""
            raise CommandFailedError(f"`{self}` exited with {completed.returncode}: {last}")
        return Timing(elapsed, cpu)

    def peak_rss_mib(self) -> float:
        """Peak resident memory of one run, in MiB."""
        for path in self.cleanup:
            path.unlink(missing_ok=True)
        completed = subprocess.run(
            [sys.executable, "-c", _PEAK_RSS, *self.argv],
            cwd=self.cwd,
            env=self._environment(),
            capture_output=True,
            text=True,
            check=True,
        )
        code, kib = (int(word) for word in completed.stdout.split())
        if code not in self.ok_codes:
            raise CommandFailedError(f"`{self}` exited with {code}")
        return kib / 1024

    def _environment(self) -> dict[str, str]:
        environment = {**os.environ, **self.env}
        # What the user's shell may have set must not change what is measured. Without
        # bytecode caching every start would compile tuyengiao anew, which users never pay.
        for name in (
            "GITHUB_ACTIONS",
            "TUYENGIAO_LANG",
            "FORCE_COLOR",
            "TUYENGIAO_DEBUG",
            "PYTHONDONTWRITEBYTECODE",
        ):
            environment.pop(name, None)
        return environment

    def __str__(self) -> str:
        words = [Path(self.argv[0]).name, *self.argv[1:]]
        if Path(self.argv[0]) == Path(sys.executable):
            words[0] = "python"
        return " ".join(w if " " not in w and w else repr(w) for w in words)


def compare(
    first: Command, second: Command | None, *, repeat: int, warmup: bool = True
) -> tuple[Timing, Timing | None]:
    """Median wall and CPU times of `first` and `second`, run in turn `repeat` times each.

    The order flips every round (A B, B A, …) so that a machine getting slower or
    faster during the run weighs on both alike; a warm-up round fills the caches first.
    """
    commands = [first] if second is None else [first, second]
    samples: list[list[Timing]] = [[] for _ in commands]
    if warmup:
        for command in commands:
            command.run()
    for round_number in range(repeat):
        order = list(range(len(commands)))
        if round_number % 2:
            order.reverse()
        for index in order:
            samples[index].append(commands[index].run())
    medians = [
        Timing(
            statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings)
        )
        for timings in samples
    ]
    return medians[0], (medians[1] if second is not None else None)


def cpu_model() -> str:
    """The CPU's model name (from /proc/cpuinfo on Linux)."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def usable_cores() -> int:
    """The cores this process may use (its affinity where the system reports one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def machine_lines(extra: Sequence[str] = ()) -> list[str]:
    """What the figures were measured on: CPU, cores, Python, OS and the YAML parser."""
    import yaml

    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "without libyaml"
    return [
        f"CPU: {cpu_model()}, {usable_cores()} usable cores ({os.cpu_count()} in the machine)",
        f"Python: {platform.python_implementation()} {platform.python_version()}",
        f"OS: {platform.platform()}",
        f"PyYAML {yaml.__version__} {libyaml}",
        f"Load average (1, 5, 15 min) when measuring began: {load_average()}",
        *extra,
    ]


def load_average() -> str:
    """The system load averages, to tell a quiet machine from a busy one ("?" if unknown)."""
    if not hasattr(os, "getloadavg"):
        return "?"
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())
