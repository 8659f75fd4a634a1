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
    from typing import TextIO

    from tuyengiao.i18n import Messages
    from tuyengiao.obligations import Roll, Schedule
    from tuyengiao.report.figures import ReportContext
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
        period: Annotated[str | None, opt.period_option(msg("cli.status.period"), msg)] = None,
        today: Annotated[str | None, opt.today_option(msg)] = None,
        config: Annotated[Path | None, opt.config_option(msg)] = None,
        guidance: Annotated[list[str] | None, opt.guidance_option(msg)] = None,
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
        allow_outside: Annotated[bool, opt.allow_outside_option(msg)] = False,
    ) -> None:
        opt.check_format(output_format, FORMATS, msg)
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
            period=period,
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
    period: str | None = None,
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
    schedule = opt.schedule_of(settings)
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
    roll = None
    if schedule is not None:
        roll = roll_of(result, context, schedule, period, catalogue.year)
    if output_format == "json":
        from tuyengiao.report.status_formats import write_json

        if roll is None:
            write_json(context, sys.stdout)
        else:
            write_json_with_roll(context, roll, sys.stdout)
    elif output_format == "csv":
        from tuyengiao.report.status_formats import write_csv

        if roll is None:
            write_csv(context, sys.stdout)
        else:
            write_csv_with_roll(context, roll, sys.stdout)
    else:
        from rich.console import Console

        from tuyengiao.report.dashboard import print_dashboard

        width = None if sys.stdout.isatty() else pipe_width()
        # Plan text is shown as written: Rich markup (`[red]`) and emoji codes (`:smile:`)
        # in a union name or a title are not interpreted.
        console = Console(highlight=False, markup=False, emoji=False, width=width)
        print_dashboard(context, msg, console)
        if roll is not None:
            from tuyengiao.rollcall import roll_table

            console.print()
            console.print(roll_table(roll, msg))


def roll_of(
    result: "Result",
    context: "ReportContext",
    schedule: "Schedule",
    period: str | None,
    year: int,
) -> "Roll | None":
    """Who sent the report of `--period`, else of the latest period due by the day of the run."""
    from tuyengiao.obligations import Expected, roll_call

    settings = result.settings
    msg = settings.msg
    if period is not None:
        chosen = opt.period_of(period, schedule.rule, msg)
        if chosen.kind not in schedule.kinds or chosen.year != year:
            kinds = ", ".join(schedule.kinds)
            opt.fail(msg("cli.status.period_unscheduled", value=period, kinds=kinds, year=year))
    else:
        latest = schedule.latest_due(year, settings.today)
        if latest is None:
            return None
        chosen = latest
    expected = [Expected(u.id, u.name, u.group) for u in context.unions]
    expected += [Expected(m.id, m.name, m.group) for m in context.missing_plans]
    roster = [entry.id for entry in settings.config.roster or ()]
    if roster:  # roster order, as the config lists the unions
        place = {union_id: index for index, union_id in enumerate(roster)}
        expected.sort(key=lambda e: place.get(e.id, len(place)))
    standings = {
        f.union_id: f.standings
        for f in result.files
        if f.counted
        and f.union_id is not None
        and f.standings
        and f.standings[0].period.year == year
    }
    return roll_call(chosen, schedule, settings.today, expected, standings)


def write_json_with_roll(context: "ReportContext", roll: "Roll", stream: "TextIO") -> None:
    """`status --format json` with the roll call of the period's reports (key `reports`)."""
    import json

    from tuyengiao.report.status_formats import status_document
    from tuyengiao.rollcall import roll_json

    document = {**status_document(context), "reports": roll_json(roll)}
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_csv_with_roll(context: "ReportContext", roll: "Roll", stream: "TextIO") -> None:
    """`status --format csv` with the roll-call columns after the dashboard's own."""
    import csv
    import io

    from tuyengiao.report.status_formats import write_csv
    from tuyengiao.rollcall import CSV_COLUMNS, csv_cells

    plain = io.StringIO()
    write_csv(context, plain)
    writer = csv.writer(stream, lineterminator="\n")
    rows = csv.reader(io.StringIO(plain.getvalue()))
    writer.writerow([*next(rows), *CSV_COLUMNS])
    for row in rows:
        writer.writerow([*row, *csv_cells(roll, row[0])])


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
