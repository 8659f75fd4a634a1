"""`tuyengiao status`: a dashboard of who is behind, per union and per task.

A table on a terminal; `--format json|csv` for scripts and spreadsheets.
"""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt

if TYPE_CHECKING:
    from tuyengiao.i18n import Messages
    from tuyengiao.workspace import Result

FORMATS = ("text", "json", "csv")
#: The width of the dashboard when stdout is not a terminal and COLUMNS says none: no
#: limit, so a pipe or a file gets every name and title whole (Rich would assume 80).
PIPE_WIDTH = 10_000


def register(app: typer.Typer, msg: "Messages") -> None:
    """Add the `status` command to `app`."""

    @app.command("status", help=msg("report.dashboard.help"))
    def status(
        paths: Annotated[list[Path] | None, opt.paths_argument(msg)] = None,
        output_format: Annotated[
            str,
            typer.Option(
                "--format", "-f", metavar="|".join(FORMATS), help=msg("cli.status.format")
            ),
        ] = "text",
        unions: Annotated[
            list[str] | None,
            typer.Option(
                "--union", "-u", metavar=msg("cli.metavar.id"), help=msg("cli.status.union")
            ),
        ] = None,
        today: Annotated[str | None, opt.today_option(msg)] = None,
        config: Annotated[Path | None, opt.config_option(msg)] = None,
        guidance: Annotated[list[str] | None, opt.guidance_option(msg)] = None,
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
        allow_outside: Annotated[bool, opt.allow_outside_option(msg)] = False,
    ) -> None:
        if output_format not in FORMATS:
            raise typer.BadParameter(
                msg("cli.bad_format", value=output_format, allowed=", ".join(FORMATS)),
                param_hint="--format",
            )
        run_status(
            paths or opt.default_paths(),
            today,
            config,
            guidance,
            lang,
            msg,
            output_format=output_format,
            unions=unions or [],
            allow_outside=allow_outside,
        )


def run_status(
    paths: list[Path],
    today: str | None,
    config: Path | None,
    guidance: list[str] | None,
    lang: str,
    msg: "Messages",
    *,
    output_format: str = "text",
    unions: list[str] | None = None,
    allow_outside: bool = False,
) -> None:
    """The guidance year as of today (or as of its last day, once it is over), on stdout."""
    import dataclasses

    from tuyengiao.periods import parse_period
    from tuyengiao.report.context import build_context
    from tuyengiao.report.digest import Digester

    settings = opt.settings_for(
        paths,
        today=today,
        lang=lang,
        config=config,
        guidance=guidance,
        msg=msg,
        allow_outside=allow_outside,
    )
    # The year of the day of the run when a catalogue has it, else the latest in use.
    catalogue = settings.catalogues.for_year(settings.today.year) or settings.guidance
    year = parse_period(str(catalogue.year), settings.config.period_rule)
    result = opt.checked(paths, settings, digest=Digester.of(year, settings.today))
    if unions:
        result = only_unions(result, unions, msg)
    context = build_context(result, year, catalogue, english=msg.lang == "en", document=False)
    if unions:
        wanted = set(unions)
        missing = tuple(entry for entry in context.missing_plans if entry.id in wanted)
        context = dataclasses.replace(context, missing_plans=missing)
    if output_format == "json":
        from tuyengiao.report.status_formats import write_json

        write_json(context, sys.stdout)
    elif output_format == "csv":
        from tuyengiao.report.status_formats import write_csv

        write_csv(context, sys.stdout)
    else:
        from rich.console import Console

        from tuyengiao.report.dashboard import print_dashboard

        width = None if sys.stdout.isatty() else pipe_width()
        # Plan text is shown as written: Rich markup (`[red]`) and emoji codes (`:smile:`)
        # in a union name or a title are not interpreted.
        console = Console(highlight=False, markup=False, emoji=False, width=width)
        print_dashboard(context, msg, console)


def pipe_width() -> int:
    """The width for a pipe: COLUMNS when the shell exports it (the real width), else none."""
    import os

    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else PIPE_WIDTH


def only_unions(result: "Result", unions: list[str], msg: "Messages") -> "Result":
    """The result with the plans of `unions` only; an id no plan has is a usage error."""
    from tuyengiao.workspace import Result

    known = sorted({f.union_id for f in result.files if f.union_id is not None})
    roster = result.settings.config.roster or []
    expected = {entry.id for entry in roster}
    for union in unions:
        if union not in known and union not in expected:
            opt.fail(msg("cli.status.unknown_union", value=union, known=", ".join(known)))
    files = [f for f in result.files if f.union_id in unions]
    names = {f.name for f in files}
    diagnostics = [d for d in result.diagnostics if d.file in names]
    return Result(result.settings, files, diagnostics)
