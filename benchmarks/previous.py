"""The previous release, installed beside today's code so both can be timed on one machine.

`console_script(workdir)` builds the wheel of COMMIT (the release before the one-pass
read/rules rebuild) and installs it into a venv of its own under `workdir`, kept
between runs (keyed by the commit and the environment it borrows from), and returns
its `tuyengiao` console script.

How the venv gets its dependencies: it is an empty venv (no `--system-site-packages`:
the current environment is itself a venv, so the "system" would be the base
interpreter's packages, not the ones tuyengiao runs with) whose site-packages holds
the wheel, installed with `pip install --no-deps --no-index`, and a `.pth` file naming
the current environment's site-packages. So both releases import the very same
typer, PyYAML, pydantic… files (the same versions by construction, no resolver, no
network), and the previous tuyengiao is found first because a venv's own
site-packages comes before the folders a `.pth` file adds. The `.pth` files of the
borrowed folder (today's editable install among them) are not processed, so today's
tuyengiao never shadows the previous one; `console_script` checks that.

Building the wheel runs `pip wheel --no-deps` on the commit's tree (`git archive`),
which needs the build backend (hatchling) from pip's configured index or find-links:
the only step that may need the network, done once per commit.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
from collections.abc import Callable
from pathlib import Path

#: The release before the one-pass read/rules rebuild (2026-11-26).
COMMIT = "d5d7ea5"
REPOSITORY = Path(__file__).resolve().parent.parent


def _git(*args: str) -> bytes:
    return subprocess.run(
        ["git", "-C", str(REPOSITORY), *args], capture_output=True, check=True
    ).stdout


def _borrowed_paths() -> list[str]:
    """The current environment's site-packages (pure and platform), without repeats."""
    paths = sysconfig.get_paths()
    return list(dict.fromkeys([paths["purelib"], paths["platlib"]]))


def console_script(
    workdir: Path, say: Callable[[str], None] = print, commit: str = COMMIT
) -> Path | str:
    """The previous release's `tuyengiao`, built if needed; or why it could not be."""
    try:
        full = _git("rev-parse", "--verify", f"{commit}^{{commit}}").decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return f"skipped: commit {commit} is not in this repository"
    base = workdir / f"previous-{full[:12]}"
    script = base / "venv" / "bin" / "tuyengiao"
    stamp = json.dumps({"commit": full, "python": sys.executable, "paths": _borrowed_paths()})
    stamp_file = base / ".stamp"
    if script.is_file() and stamp_file.is_file() and stamp_file.read_text("utf-8") == stamp:
        return script
    say(f"building the previous release ({commit}) into {base}")
    shutil.rmtree(base, ignore_errors=True)
    try:
        _build(full, base)
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", b"") or b""
        last = detail.decode("utf-8", "replace").strip().splitlines()[-1:] or [str(error)]
        return f"skipped: the previous release could not be built: {last[0]}"
    where = subprocess.run(
        [
            str(base / "venv" / "bin" / "python"),
            "-c",
            "import tuyengiao; print(tuyengiao.__file__)",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=base,  # not the repository: `-c` puts the current folder first on sys.path
    ).stdout.strip()
    if not where.startswith(str(base)):
        return f"skipped: the previous release's venv imports tuyengiao from {where or '?'}"
    stamp_file.write_text(stamp, encoding="utf-8")
    return script


def _build(commit: str, base: Path) -> None:
    source, wheels, env = base / "src", base / "wheel", base / "venv"
    source.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(_git("archive", "--format=tar", commit))) as archive:
        archive.extractall(source, filter="data")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    build = [*pip, "wheel", "--no-deps", "-w", str(wheels), str(source)]
    subprocess.run(build, capture_output=True, check=True)
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    (wheel,) = wheels.glob("tuyengiao-*.whl")
    install = ["--python", str(python), "install", "--no-deps", "--no-index", str(wheel)]
    subprocess.run([*pip, *install], capture_output=True, check=True)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    lines = "".join(f"{path}\n" for path in _borrowed_paths())
    (Path(purelib) / "_benchmark_borrowed_dependencies.pth").write_text(lines, encoding="utf-8")
