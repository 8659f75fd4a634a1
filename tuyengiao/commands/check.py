"""`tuyengiao check`: validate plan files and flag what is late, for people and for CI."""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt
from tuyengiao.formatters import FORMATS

if TYPE_CHECKING:
    from tuyengiao.i18n import Messages


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
        today: Annotated[str | None, opt.today_option(msg)] = None,
        config: Annotated[Path | None, opt.config_option(msg)] = None,
        guidance: Annotated[list[str] | None, opt.guidance_option(msg)] = None,
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
        jobs: Annotated[
            int | None, typer.Option("--jobs", "-j", metavar="N", help=msg("jobs.help"))
        ] = None,
    ) -> None:
        raise typer.Exit(
            run_check(
                paths or [Path("plans")],
                output_format,
                strict,
                today,
                config,
                guidance,
                lang,
                msg,
                jobs=jobs,
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
) -> int:
    """Check, print in the chosen format, and return the exit code (0, 1 or 2).

    `jobs` processes share the files (None: one per core when there are enough files).
    """
    from tuyengiao import parallel
    from tuyengiao.formatters import Options, renderer

    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if output_format not in FORMATS:
        raise typer.BadParameter(
            msg("cli.bad_format", value=output_format, allowed=", ".join(FORMATS)),
            param_hint="--format",
        )
    if jobs is not None and jobs < 1:
        raise typer.BadParameter(msg("jobs.bad", value=jobs), param_hint="--jobs")
    settings = opt.settings_for(
        paths, today=today, lang=lang, config=config, guidance=guidance, msg=msg
    )
    found = settings.find_plans(paths)
    for missing in found.missing:
        typer.echo(msg("cli.path_not_found", path=missing.as_posix()), err=True)
    if not found.files:
        opt.fail(msg("cli.no_plans", paths=", ".join(p.as_posix() for p in paths)))
    workers = parallel.choose_jobs(jobs, len(found.files))
    result = parallel.check_workspace(found.files, settings, jobs=workers)
    renderer(output_format)(result, sys.stdout, Options())
    summary = result.summary
    if found.missing or result.unreadable:
        return 2
    if summary.errors or (strict and summary.warnings):
        return 1
    return 0
