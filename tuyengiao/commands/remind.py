"""`tuyengiao remind`: one message per roster union, for a day and a period; sends nothing."""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt

if TYPE_CHECKING:
    from tuyengiao.i18n import Messages

FORMATS = ("text", "md", "json")


def register(app: typer.Typer, msg: "Messages") -> None:
    """Add the `remind` command to `app`."""

    @app.command("remind", help=msg("remind.help"))
    def remind(
        paths: Annotated[list[Path] | None, opt.paths_argument(msg)] = None,
        period: Annotated[str | None, opt.period_option(msg("remind.period"), msg)] = None,
        output_format: Annotated[
            str,
            typer.Option("--format", "-f", metavar="|".join(FORMATS), help=msg("remind.format")),
        ] = "text",
        today: Annotated[str | None, opt.today_option(msg)] = None,
        config: Annotated[Path | None, opt.config_option(msg)] = None,
        guidance: Annotated[list[str] | None, opt.guidance_option(msg)] = None,
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
    ) -> None:
        if output_format not in FORMATS:
            raise typer.BadParameter(
                msg("cli.bad_format", value=output_format, allowed=", ".join(FORMATS)),
                param_hint="--format",
            )
        run_remind(
            paths or opt.default_paths(), period, output_format, today, config, guidance, lang, msg
        )


def run_remind(
    paths: list[Path],
    period: str | None,
    output_format: str,
    today: str | None,
    config: Path | None,
    guidance: list[str] | None,
    lang: str,
    msg: "Messages",
) -> None:
    """The reminders of `period` (default: the report due next) on `today`, on stdout."""
    from tuyengiao.obligations import Expected, roll_call, roster_expected
    from tuyengiao.remind import ChoreDigest, Chores, as_json, as_markdown, as_text, reminders

    settings = opt.settings_for(
        paths, today=today, lang=lang, config=config, guidance=guidance, msg=msg
    )
    schedule = opt.schedule_of(settings)
    if schedule is None:
        opt.fail(msg("remind.no_reporting"))
    day = settings.today
    if period is not None:
        chosen = opt.period_of(period, schedule.rule, msg)
        catalogue = opt.catalogue_for_year(settings, chosen.year)
    else:
        catalogue = settings.catalogues.for_year(day.year) or settings.guidance
        upcoming = schedule.upcoming(catalogue.year, day)
        if upcoming is None:
            opt.fail(msg("remind.no_reporting"))
        chosen = upcoming
    digest = ChoreDigest(day, settings.config.due_soon_days)
    result = opt.checked(paths, settings, digest=digest)
    plans = [
        f
        for f in result.files
        if f.counted and f.union_id is not None and f.guidance_id == catalogue.id
    ]
    chores = {f.union_id: f.digest for f in plans if f.union_id and isinstance(f.digest, Chores)}
    standings = {f.union_id: f.standings for f in plans if f.union_id}
    roster = settings.config.roster
    if roster is not None:
        expected = roster_expected(roster, chosen.year)
    else:
        expected = [Expected(union, found.name, None) for union, found in sorted(chores.items())]
    roll = roll_call(chosen, schedule, day, expected, standings)
    before = schedule.previous(chosen)
    previous = roll_call(before, schedule, day, expected, standings) if before else None
    found = reminders(roll, previous, chores)
    write = {"text": as_text, "md": as_markdown, "json": as_json}[output_format]
    sys.stdout.write(write(found, roll, previous, msg))
