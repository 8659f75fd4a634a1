"""Checking many plan files on several cores, with the same result as on one.

Files are independent until `workspace.finish` looks across them, so worker processes
run `check_file` on slices of the file list and the parent puts the results back in
the original order before finishing. The output is byte for byte what one process
prints (`tests/test_jobs.py` holds us to that).

Each worker receives the run's `Settings` once, when it starts: on Linux the workers
are forked and simply have them; elsewhere they are pickled (config, catalogue and
message table: under 100 KB) rather than resolved again, so no worker can
see a config file that changed in the meantime. The run's `digest` hook (`report`,
`status`) travels the same way, and runs in the worker: only the small digest of
each plan comes back, never the plan.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import NoReturn

from tuyengiao import workspace
from tuyengiao.config import Settings
from tuyengiao.workspace import Digest, PlanFile, Result, check_file, finish

#: What shows a run going: `(files, jobs)` → a context giving a per-file callback, or None.
Progress = Callable[[int, int], AbstractContextManager[Callable[[], object] | None]]

#: Below this many files `--jobs` is not used unless asked for. Forking the workers and
#: sending findings back costs about 0.06 s (2-core machine, measured with
#: benchmarks/), so on idle cores two processes already win at 100 plans (0.28 s →
#: 0.23 s; 200: 0.44 s → 0.32 s; 400: 0.75 s → 0.50 s). On a machine where other work
#: holds the cores (a shared CI runner) the workers wait instead, so the default keeps
#: a margin.
MIN_FILES_FOR_POOL = 200
#: Work is handed out in slices; a few per worker keeps the cores busy to the end
#: (plans differ in size) without paying for a round trip per file.
SLICES_PER_WORKER = 4
#: ...and no slice is longer than this, because on Ctrl-C the workers finish the slice
#: they hold: 1,250-plan slices (10,000 plans, 2 workers) kept the command running
#: 4.5 s after Ctrl-C, 50-plan ones 0.3 s, at no measurable cost (1,000 plans:
#: 1.82 s → 1.85 s, 10,000: 17.0 s → 16.3 s, medians, within the noise).
MAX_SLICE = 50


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def choose_jobs(requested: int | None, files: int) -> int:
    """How many processes to use: as asked, else one per core when there are enough files."""
    if requested is not None:
        return max(1, min(requested, files))
    if files < MIN_FILES_FOR_POOL:
        return 1
    return available_cores()


def check_paths(
    paths: Sequence[Path],
    settings: Settings,
    *,
    jobs: int | None = None,
    digest: Digest | None = None,
    missing_ok: bool = False,
    progress: Progress | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[Result, list[Path]]:
    """Every plan under `paths`, checked (on one process per core once there are enough).

    Returns the result and the paths that do not exist. A missing path (unless
    `missing_ok`: `check` names it and goes on) or no plan at all is a usage error.
    `progress(files, jobs)` opens what shows the run going (`check`'s bar): it gives a
    function called once per file checked on one process, or None. `meanwhile()` runs in
    this process while the workers check, if there are workers (`_check_in_pool`).
    """
    from tuyengiao.errors import TuyengiaoError

    msg = settings.msg
    found = settings.find_plans(paths)
    if found.missing and not missing_ok:
        raise TuyengiaoError(msg("cli.path_not_found", path=found.missing[0].as_posix()))
    if not found.files:
        raise TuyengiaoError(msg("cli.no_plans", paths=", ".join(p.as_posix() for p in paths)))
    workers = choose_jobs(jobs, len(found.files))
    with progress(len(found.files), workers) if progress else nullcontext(None) as advance:
        files: Sequence[Path] = found.files
        if advance is not None and workers == 1:  # the file list is read as it is checked
            return workspace.check_workspace(
                _advancing(files, advance), settings, digest=digest, unread=found.unread
            ), found.missing
        result = check_workspace(
            files, settings, jobs=workers, digest=digest, unread=found.unread, meanwhile=meanwhile
        )
    return result, found.missing


def _advancing(files: Sequence[Path], advance: Callable[[], object]) -> Iterator[Path]:
    for path in files:
        yield path
        advance()


def check_workspace(
    files: Sequence[Path],
    settings: Settings,
    *,
    jobs: int,
    digest: Digest | None = None,
    unread: Sequence[Path] = (),
    meanwhile: Callable[[], object] | None = None,
) -> Result:
    """`workspace.check_workspace` on `jobs` processes (each plan digested in its worker)."""
    if jobs <= 1 or len(files) <= 1:
        return workspace.check_workspace(files, settings, digest=digest, unread=unread)
    return finish(_check_in_pool(list(files), settings, jobs, digest, meanwhile), settings, unread)


def _check_in_pool(
    files: list[Path],
    settings: Settings,
    jobs: int,
    digest: Digest | None,
    meanwhile: Callable[[], object] | None = None,
) -> list[PlanFile]:
    # Imported here: 8 ms of start-up that runs on one process never need.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork on Linux: two workers are up in 9 ms with every module already imported,
    # where spawn starts fresh interpreters that import tuyengiao again.
    # Elsewhere the platform's default (spawn on macOS and Windows) is the safe one.
    method = "fork" if sys.platform == "linux" else None
    context = multiprocessing.get_context(method)
    size = min(MAX_SLICE, max(1, -(-len(files) // (jobs * SLICES_PER_WORKER))))
    slices = [files[start : start + size] for start in range(0, len(files), size)]
    with ProcessPoolExecutor(
        jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(settings, digest, os.getpid()),
    ) as pool:
        previous = _stop_on_signals()
        try:
            checked = pool.map(_check_slice, slices)
            # The workers are forked and busy: what the caller does next without the
            # results (`report` imports and compiles its templates) shares their time.
            if meanwhile is not None:
                meanwhile()
            parts = list(checked)
        except (KeyboardInterrupt, _StoppedError) as stop:
            _stop_workers(pool)
            if isinstance(stop, _StoppedError):
                _exit_now(128 + stop.signum)
            raise
        finally:
            _restore(previous)
    return [plan_file for part in parts for plan_file in part]


# --- workers die with their parent ------------------------------------------------------
#
# Killed while its pool worked (SIGTERM from `timeout` or a CI cancellation, SIGKILL,
# SIGHUP), the main process left its two workers running for ever, adopted by init,
# stuck on a pipe and holding stdout open: `timeout -s TERM 0.8 tuyengiao check | wc -c`
# never ended. Now, whatever kills the parent:
# - SIGTERM and SIGHUP stop the pool and exit 143 and 129 (`_stop_on_signals`);
# - on Linux the kernel kills each worker when the parent dies (`PR_SET_PDEATHSIG`);
# - everywhere, each worker watches its parent's pid and leaves within 0.2 s of it
#   changing (`_watch_parent`), a fallback for SIGKILL where there is no PDEATHSIG;
# - no worker holds stdout at all: it never writes there (`_start_worker`).

#: How often a worker looks whether its parent is still there.
WATCH_SECONDS = 0.2


class _StoppedError(Exception):
    """SIGTERM or SIGHUP reached the parent while its pool worked."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop_on_signals() -> dict[int, object]:
    """Turn SIGTERM and SIGHUP into `_StoppedError` in the main thread; the old handlers."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}

    def stop(signum: int, _frame: object) -> None:
        raise _StoppedError(signum)

    previous: dict[int, object] = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, stop)
    return previous


def _restore(previous: dict[int, object]) -> None:
    import signal

    for number, handler in previous.items():
        signal.signal(number, handler)  # type: ignore[arg-type]


def _exit_now(code: int) -> NoReturn:
    """End at once, as the signal's default action would: the pool's threads, torn
    down at a normal exit, printed "Exception ignored … Bad file descriptor" on
    stderr. Nothing is being written to a file meanwhile (reports are written after
    the pool), so only the standard streams are flushed."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def _stop_workers(pool: object) -> None:
    """Cancel what is queued and end the workers now, not after their slices."""
    from concurrent.futures import ProcessPoolExecutor

    assert isinstance(pool, ProcessPoolExecutor)
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()


#: The settings and digest hook of this worker process, set once by `_start_worker`.
_worker_settings: Settings | None = None
_worker_digest: Digest | None = None


def _start_worker(settings: Settings, digest: Digest | None, parent: int) -> None:
    import signal

    global _worker_settings, _worker_digest  # noqa: PLW0603 - set once per worker process
    # Ctrl-C goes to the whole process group: the parent alone answers it (exit 130),
    # rather than every worker also printing a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's handlers came with fork: a worker ends at once on either signal.
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_DFL)
    _die_with_parent(parent)
    _release_stdout()
    _worker_settings = settings
    _worker_digest = digest


def _die_with_parent(parent: int) -> None:
    """Leave as soon as the parent `parent` is gone (see the comment above `WATCH_SECONDS`)."""
    import threading

    if sys.platform == "linux":
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no libc prctl (musl builds have it)
            pass
    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)
    watcher = threading.Thread(target=_watch_parent, args=(parent,), daemon=True)
    watcher.start()


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def _release_stdout() -> None:
    """Point the worker's stdout at the null device: workers never print, and an
    orphan holding the parent's pipe kept `tuyengiao check | wc -c` waiting for ever."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(null, 1)
    except OSError:
        pass
    finally:
        os.close(null)


def _check_slice(paths: list[Path]) -> list[PlanFile]:
    settings = _worker_settings
    assert settings is not None, "worker used before _start_worker"
    return [check_file(path, settings).digested(_worker_digest) for path in paths]
