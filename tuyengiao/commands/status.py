"""`tuyengiao status`: a terminal dashboard of who is behind, per union and per task."""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt

if TYPE_CHECKING:
    from tuyengiao.i18n import Messages


def register(app: typer.Typer, msg: "Messages") -> None:
    """Add the `status` command to `app`."""

    @app.command("status", help=msg("report.dashboard.help"))
    def status(
        paths: Annotated[list[Path] | None, opt.paths_argument(msg)] = None,
        today: Annotated[str | None, opt.today_option(msg)] = None,
        config: Annotated[Path | None, opt.config_option(msg)] = None,
        guidance: Annotated[str | None, opt.guidance_option(msg)] = None,
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
    ) -> None:
        run_status(paths or [Path("plans")], today, config, guidance, lang, msg)


def run_status(
    paths: list[Path],
    today: str | None,
    config: Path | None,
    guidance: str | None,
    lang: str,
    msg: "Messages",
) -> None:
    """The guidance year as of today (or as of its last day, once it is over), on stdout."""
    from rich.console import Console

    from tuyengiao.commands.report import checked_plans
    from tuyengiao.periods import parse_period
    from tuyengiao.report.context import build_context
    from tuyengiao.report.dashboard import print_dashboard

    settings = opt.settings_for(
        paths, today=today, lang=lang, config=config, guidance=guidance, msg=msg
    )
    year = parse_period(str(settings.guidance.year), settings.config.period_rule)
    result = checked_plans(paths, settings, year, msg)
    context = build_context(result, year, english=msg.lang == "en", document=False)
    # Plan text is shown as written: Rich markup (`[red]`) and emoji codes (`:smile:`)
    # in a union name or a title are not interpreted.
    print_dashboard(context, msg, Console(highlight=False, markup=False, emoji=False))
