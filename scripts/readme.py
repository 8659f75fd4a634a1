"""Keep the README's sample outputs true: each is the tool's real output, made by a command.

    python scripts/readme.py --check     # exit 1 and a diff when a sample has drifted (CI)
    python scripts/readme.py --write     # regenerate every sample in place

A sample is a fenced block right after a marker line:

    <!-- readme: run="tuyengiao check plans/ --today 2022-06-20" show=":8,-4:" -->
    ```text
    $ tuyengiao check plans/ --today 2022-06-20
    …
    ```

The marker's attributes, each `name="value"`:

- `run`: the command line, run by bash in `cwd` with this interpreter's `tuyengiao` first
  on PATH; several commands are separated by ` ;; `, each shown after a `$ ` prompt.
  Standard output and standard error are shown together, as a terminal shows them.
- `cwd`: the folder, relative to the repository (default: the repository); `@tmp` is a new
  empty folder, made a git repository, for commands that write (`init`, `new`).
- `setup`: a command run in `cwd` before `run`, not shown (for example a file to create).
- `show`: which lines of the block to keep, Python slices separated by commas (`:8,-4:`
  keeps the first eight and the last four lines); a gap between kept parts is shown as
  one `…` line. Default: every line.
- `prompt`: `no` to leave out the `$ command` lines.

Terminal width is fixed at 100 columns and colour is off, so the output is the same on
every machine.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
MARKER = re.compile(r"^<!-- readme: (?P<attrs>.*) -->$")
ATTR = re.compile(r'(\w+)="([^"]*)"')
FENCE = re.compile(r"^(```+)")
GAP = "…"
COLUMNS = "100"


class SampleError(Exception):
    """A marker that cannot be honoured (its line and why)."""


@dataclass(frozen=True)
class Sample:
    """One marked block: where its body is in the file and how to make it."""

    line: int  # 1-based line of the marker
    attrs: dict[str, str]
    start: int  # index of the first body line
    end: int  # index of the closing fence


def find_samples(lines: list[str]) -> list[Sample]:
    """Every marked block of the README, in order."""
    samples = []
    for index, line in enumerate(lines):
        match = MARKER.match(line)
        if not match:
            continue
        attrs = dict(ATTR.findall(match["attrs"]))
        if "run" not in attrs:
            raise SampleError(f'README.md:{index + 1}: the marker has no run="…"')
        opening = FENCE.match(lines[index + 1]) if index + 1 < len(lines) else None
        if not opening:
            raise SampleError(f"README.md:{index + 1}: the marker is not followed by a ``` block")
        close = next(
            (i for i in range(index + 2, len(lines)) if lines[i].rstrip() == opening[1]),
            None,
        )
        if close is None:
            raise SampleError(f"README.md:{index + 2}: the block is never closed")
        samples.append(Sample(index + 1, attrs, index + 2, close))
    return samples


def environment() -> dict[str, str]:
    """The same terminal everywhere: no colour, 100 columns, UTF-8, this venv's tools."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TUYENGIAO_", "FORCE_COLOR", "PY_COLORS"))
    }
    bindir = str(Path(sys.executable).parent)
    env |= {
        "PATH": bindir + os.pathsep + env.get("PATH", ""),
        "COLUMNS": COLUMNS,
        "LINES": "50",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }
    return env


def run(command: str, cwd: Path, env: dict[str, str]) -> list[str]:
    """The lines a command prints, stdout and stderr together, right-trimmed."""
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=300,
        check=False,
    )
    text = done.stdout.decode("utf-8", errors="replace")
    return [line.rstrip() for line in text.rstrip("\n").splitlines()]


def select(lines: list[str], show: str) -> list[str]:
    """Keep the slices `show` names; a gap between kept parts becomes one `…` line."""
    if not show:
        return lines
    kept: set[int] = set()
    for part in show.split(","):
        bounds = part.strip().split(":")
        if len(bounds) != 2:
            raise SampleError(f"show={show!r}: each part is a slice like ':8' or '-4:'")
        start, stop = (int(b) if b.strip() else None for b in bounds)
        kept.update(range(len(lines))[slice(start, stop)])
    out: list[str] = []
    previous = -1
    for index in sorted(kept):
        if index != previous + 1 and (out or index > 0):
            out.append(GAP)
        out.append(lines[index])
        previous = index
    if previous != len(lines) - 1 and out:
        out.append(GAP)
    return out


def render(sample: Sample) -> list[str]:
    """The block's body as the commands print it now."""
    attrs = sample.attrs
    env = environment()
    with tempfile.TemporaryDirectory(prefix="tuyengiao-readme-") as tmp:
        if attrs.get("cwd") == "@tmp":
            cwd = Path(tmp)
            subprocess.run(["git", "init", "-q", str(cwd)], check=True)
        else:
            cwd = REPO / attrs.get("cwd", ".")
        if not cwd.is_dir():
            raise SampleError(f"README.md:{sample.line}: no folder {attrs['cwd']}")
        if attrs.get("setup"):
            run(attrs["setup"], cwd, env)
        lines: list[str] = []
        for command in attrs["run"].split(" ;; "):
            if attrs.get("prompt", "yes") != "no":
                lines.append(f"$ {command}")
            lines.extend(run(command, cwd, env))
    return select(lines, attrs.get("show", ""))


def regenerate(text: str) -> str:
    """The README with every marked block made anew."""
    lines = text.split("\n")
    samples = find_samples(lines)
    for sample in reversed(samples):  # from the end, so earlier indexes stay valid
        lines[sample.start : sample.end] = render(sample)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="fail with a diff on drift")
    mode.add_argument("--write", action="store_true", help="rewrite README.md in place")
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args(argv)
    old = args.readme.read_text("utf-8")
    try:
        new = regenerate(old)
    except SampleError as error:
        print(error, file=sys.stderr)
        return 2
    if args.write:
        if new != old:
            tmp = args.readme.with_name(f".{args.readme.name}.tmp")
            tmp.write_text(new, "utf-8")
            tmp.replace(args.readme)
            print(f"{args.readme.name}: samples regenerated")
        return 0
    if new == old:
        return 0
    diff = difflib.unified_diff(
        old.splitlines(),
        new.splitlines(),
        "README.md (written)",
        "README.md (tool's output)",
        lineterm="",
    )
    print("\n".join(diff))
    print("\nThe README's samples have drifted: run `python scripts/readme.py --write`.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
