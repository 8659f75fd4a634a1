"""Workers die with their parent (issue 24, item 3).

Killed while its pool worked, the main process left its workers running for ever,
adopted by init and holding stdout: `timeout -s TERM 0.8 tuyengiao check | wc -c`
never ended. Here the parent is killed by SIGTERM, SIGHUP and SIGKILL mid-run, and
`/proc` is searched for its workers (psutil is no dependency): none may survive it by
more than a second or two, and a pipe reading stdout must end.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks import generate

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads /proc to find the workers"
)

#: Plans enough for the pool to work a few seconds on the slow CI machine too.
PLANS = 600


@pytest.fixture(scope="module")
def busy_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("orphans")
    generate.write_workspace(root, PLANS, broken_every=5)
    return root


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc/*/stat)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Whether `pid` still runs (a zombie waiting for init to reap it is dead)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def _command(root: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tuyengiao",
        "check",
        "--jobs",
        "2",
        "--today",
        generate.TODAY.isoformat(),
        str(root / "plans"),
    ]


def _environment() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}


def _workers_of(parent: subprocess.Popen[bytes], timeout: float = 30) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = _children(parent.pid)
        if len(workers) >= 2:
            return workers
        if parent.poll() is not None:
            pytest.skip("the run ended before its workers could be seen")
        time.sleep(0.02)
    pytest.fail("no workers started")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_workers_end_within_a_second_of_the_parent(
    busy_workspace: Path, tmp_path: Path, signum: int
) -> None:
    errors = tmp_path / "stderr"
    workers: list[int] = []
    with errors.open("wb") as stderr:
        parent = subprocess.Popen(
            _command(busy_workspace),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=_environment(),
        )
    try:
        workers = _workers_of(parent)
        time.sleep(0.2)  # at work on their slices
        parent.send_signal(signum)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 2.0  # "within a second", with room for a busy CI
        while time.monotonic() < deadline and any(map(_alive, workers)):
            time.sleep(0.02)
        assert not [pid for pid in workers if _alive(pid)], "workers outlived their parent"
        if signum != signal.SIGKILL:
            assert parent.returncode in (128 + signum, -signum)
            assert b"Traceback" not in errors.read_bytes()
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        for pid in workers:  # a failed run leaves none behind either
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_pipe_on_stdout_ends_with_the_parent(busy_workspace: Path) -> None:
    """`timeout -s TERM 0.8 tuyengiao check | wc -c` ends: nothing else holds the pipe."""
    reader, writer = os.pipe()
    parent = subprocess.Popen(
        _command(busy_workspace), stdout=writer, stderr=subprocess.DEVNULL, env=_environment()
    )
    os.close(writer)
    workers: list[int] = []
    try:
        workers = _workers_of(parent)
        parent.send_signal(signal.SIGTERM)
        started = time.monotonic()
        os.set_blocking(reader, False)
        ended = False
        while time.monotonic() - started < 5:
            try:
                chunk = os.read(reader, 65536)
            except BlockingIOError:
                time.sleep(0.02)
                continue
            if not chunk:  # end of file: no process holds the write end any more
                ended = True
                break
        assert ended, "stdout still held after the parent was stopped"
    finally:
        os.close(reader)
        if parent.poll() is None:
            parent.kill()
        parent.wait()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
