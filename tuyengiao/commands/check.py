"""`tuyengiao check`: validate plan files and flag what is late, for people and for CI."""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt
from tuyengiao.formatters import FORMATS

if TYPE_CHECKING:
    from tuyengiao.config import Settings
    from tuyengiao.i18n import Messages
    from tuyengiao.workspace import Result

SEVERITIES = ("error", "warning", "info")
#: A run over fewer files than this ends before a progress bar would say anything.
PROGRESS_FROM_FILES = 50


def register(app: typer.Typer, msg: "Messages") -> None:
    """Add the `check` command to `app`."""
    formats = "|".join(FORMATS)

    @app.command("check", help=msg("cli.check.help"))
    def check(
        paths: Annotated[list[Path] | None, opt.paths_argument(msg)] = None,
        output_format: Annotated[
            str | None,
            typer.Option("--format", "-f", metavar=formats, help=msg("cli.check.format")),
        ] = None,
        strict: Annotated[bool, typer.Option("--strict", help=msg("cli.check.strict"))] = False,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help=msg("cli.check.quiet"))] = False,
        min_severity: Annotated[
            str | None,
            typer.Option(
                "--min-severity", metavar="|".join(SEVERITIES), help=msg("cli.check.min_severity")
            ),
        ] = None,
        today: Annotated[str | None, opt.today_option(msg)] = None,
        config: Annotated[Path | None, opt.config_option(msg)] = None,
        guidance: Annotated[list[str] | None, opt.guidance_option(msg)] = None,
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
        jobs: Annotated[
            int | None, typer.Option("--jobs", "-j", metavar="N", help=msg("jobs.help"))
        ] = None,
        allow_outside: Annotated[bool, opt.allow_outside_option(msg)] = False,
    ) -> None:
        if min_severity is not None and min_severity not in SEVERITIES:
            raise typer.BadParameter(
                msg("cli.check.bad_severity", value=min_severity, allowed=", ".join(SEVERITIES)),
                param_hint="--min-severity",
            )
        raise typer.Exit(
            run_check(
                paths or opt.default_paths(notes=True),
                output_format,
                strict,
                today,
                config,
                guidance,
                lang,
                msg,
                jobs=jobs,
                min_severity="error" if quiet else (min_severity or "info"),
                allow_outside=allow_outside,
            )
        )


def run_check(
    paths: list[Path],
    output_format: str | None,
    strict: bool,
    today: str | None,
    config: Path | None,
    guidance: list[str] | None,
    lang: str,
    msg: "Messages",
    *,
    jobs: int | None = None,
    min_severity: str = "info",
    allow_outside: bool = False,
) -> int:
    """Check, print in the chosen format, and return the exit code (0, 1 or 2).

    `jobs` processes share the files (None: one per core when there are enough files).
    Only findings of `min_severity` or worse are printed; the exit code counts them all.
    """
    from tuyengiao.formatters import Options, renderer

    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    opt.check_format(output_format, FORMATS, msg)
    if jobs is not None and jobs < 1:
        raise typer.BadParameter(msg("jobs.bad", value=jobs), param_hint="--jobs")
    settings = opt.settings_for(
        paths,
        today=today,
        lang=lang,
        config=config,
        guidance=guidance,
        msg=msg,
        allow_outside=allow_outside,
    )
    progress = None if output_format == "text" else False
    result, missing = _check(paths, settings, jobs, msg, progress=progress)
    renderer(output_format)(shown(result, min_severity), sys.stdout, Options())
    summary = result.summary
    if missing or result.unreadable:
        return 2
    if summary.errors or (strict and summary.warnings):
        return 1
    return 0


def shown(result: "Result", min_severity: str) -> "Result":
    """The result with the findings below `min_severity` left out (`--quiet`: errors)."""
    from tuyengiao.diagnostics import Severity
    from tuyengiao.workspace import Result

    limit = Severity(min_severity).rank
    if limit == Severity.INFO.rank:
        return result
    kept = [d for d in result.diagnostics if d.severity.rank <= limit]
    return Result(result.settings, result.files, kept)


def _progress_wanted(files: int) -> bool:
    """A progress bar on stderr: only on a terminal, and only for a run long enough."""
    isatty = getattr(sys.stderr, "isatty", None)
    return files >= PROGRESS_FROM_FILES and bool(isatty and isatty())


def _check(
    paths: Sequence[Path],
    settings: "Settings",
    jobs: int | None,
    msg: "Messages",
    *,
    progress: bool | None,
) -> "tuple[Result, list[Path]]":
    """Every plan under `paths` checked, and the paths that do not exist.

    Found and checked by `parallel.check_paths`, as for `status` and `report` (so
    `check` also names the files that look like plans under another extension). A
    progress bar goes to stderr when `progress` is True, or when it is None and the
    run is long and stderr a terminal. A missing path is named on stderr and the run
    goes on; no plan at all is a usage error (exit 2).
    """
    from tuyengiao import parallel
    from tuyengiao.errors import TuyengiaoError

    def bar(count: int, workers: int) -> "AbstractContextManager[Callable[[], object] | None]":
        wanted = _progress_wanted(count) if progress is None else progress
        return _bar(count, workers, msg) if wanted else nullcontext(None)

    try:
        result, missing = parallel.check_paths(
            paths, settings, jobs=jobs, missing_ok=True, progress=bar
        )
    except TuyengiaoError as error:
        for path in paths:
            if not path.exists() and not path.is_symlink():
                typer.echo(msg("cli.path_not_found", path=path.as_posix()), err=True)
        opt.fail(str(error))
    for path in missing:
        typer.echo(msg("cli.path_not_found", path=path.as_posix()), err=True)
    return result, missing


@contextmanager
def _bar(count: int, jobs: int, msg: "Messages") -> "Iterator[Callable[[], object] | None]":
    """A progress bar on stderr: counting files on one process, pulsing on several."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    label = msg("cli.check.progress", count=count)
    if jobs > 1:  # the workers report nothing back until the end: a pulsing bar
        with Progress(
            TextColumn("{task.description}"), BarColumn(), console=console, transient=True
        ) as pulsing:
            pulsing.add_task(label, total=None)
            yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as counting:
        task = counting.add_task(label, total=count)
        yield lambda: counting.advance(task)
