"""Options every command shares (`--today`, `--lang`, `--config`, `--guidance`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

if TYPE_CHECKING:
    from tuyengiao.config import Settings
    from tuyengiao.i18n import Messages
    from tuyengiao.models import Config, Guidance
    from tuyengiao.obligations import Schedule
    from tuyengiao.periods import Period, PeriodRule
    from tuyengiao.workspace import Digest, Result


def today_option(msg: Messages) -> Any:
    """`--today DATE`: evaluate as of that day (any accepted date form)."""
    return typer.Option("--today", metavar=msg("cli.metavar.date"), help=msg("cli.opt.today"))


def period_option(help_text: str, msg: Messages, **more: Any) -> Any:
    """`--period/-p P` (`2022-Q2`, `2022-H1`, …) of `report`, `status` and `remind`."""
    return typer.Option(
        "--period", "-p", metavar=msg("report.cli.metavar_period"), help=help_text, **more
    )


def period_of(text: str, rule: PeriodRule, msg: Messages) -> Period:
    """`--period`'s period under `rule`; one that cannot be read is a usage error."""
    from tuyengiao.periods import PeriodError, parse_period

    try:
        return parse_period(text, rule)
    except PeriodError:
        fail(msg("report.cli.bad_period", value=text))


def lang_option(msg: Messages) -> Any:
    """`--lang vi|en`: read before the app is built (see `cli.choose_lang`); kept for --help."""
    return typer.Option("--lang", metavar="vi|en", help=msg("cli.opt.lang"))


def config_option(msg: Messages) -> Any:
    """`--config FILE`: the workspace config, instead of searching for `tuyengiao.yaml`."""
    return typer.Option(
        "--config", metavar=msg("cli.metavar.file"), help=msg("cli.opt.config"), dir_okay=False
    )


def allow_outside_option(msg: Messages) -> Any:
    """`--allow-outside`: follow links out of the workspace instead of refusing them."""
    return typer.Option("--allow-outside", help=msg("cli.opt.allow_outside"))


def guidance_option(msg: Messages) -> Any:
    """`--guidance FILE_OR_ID`, repeatable: other catalogues than the workspace's."""
    return typer.Option(
        "--guidance", metavar=msg("cli.metavar.guidance"), help=msg("cli.opt.guidance")
    )


def output_option(help_text: str, msg: Messages, *, dir_okay: bool = False) -> Any:
    """`-o/--output FILE`: write there (atomically) instead of printing."""
    return typer.Option(
        "--output", "-o", metavar=msg("cli.metavar.file"), help=help_text, dir_okay=dir_okay
    )


def year_option(msg: Messages) -> Any:
    """`--year YYYY`: the plan year of a scaffold (default: the catalogue's year)."""
    from tuyengiao.dates import MAX_YEAR, MIN_YEAR

    return typer.Option(
        "--year",
        min=MIN_YEAR,
        max=MAX_YEAR,
        metavar=msg("scaffold.metavar.year"),
        help=msg("scaffold.year"),
    )


def force_option(help_text: str) -> Any:
    """`--force`: replace an existing file tuyengiao did not write."""
    return typer.Option("--force", help=help_text)


def paths_argument(msg: Messages) -> Any:
    """`PATH...`: plan files and folders, `plans/` by default."""
    return typer.Argument(
        metavar=msg("cli.metavar.paths"), help=msg("cli.arg.paths"), show_default=False
    )


def default_paths(cwd: Path | None = None, *, notes: bool = False) -> list[Path]:
    """What a command reads when given no PATH: the `plans/` of the workspace `cwd` is in.

    Run from `plans/2022/`, that is `../../plans`, found by walking up to
    `tuyengiao.yaml`; outside any workspace, `plans/` of the current folder. With
    `notes` (`check`: the whole workspace), also the `reports/` beside the config when
    it is not inside `plans/` (the config and its catalogues are always checked).
    """
    from tuyengiao.files import find_workspace

    here = Path.cwd() if cwd is None else cwd
    workspace = find_workspace(here)
    if workspace is not None and (here / workspace / "plans").is_dir():
        found = [Path(os.path.normpath(workspace / "plans"))]
        reports = here / workspace / "reports"
        if notes and reports.is_dir():
            found.append(Path(os.path.normpath(workspace / "reports")))
        return found
    # A workspace without a config (DESIGN: it is optional): inside its plans/ folder.
    folder = here.resolve()
    for candidate in (folder, *folder.parents):
        if candidate.name == "plans":
            return [Path(os.path.relpath(candidate, folder))]
    return [Path("plans")]


def parse_today(value: str | None, msg: Messages) -> date | None:
    """The `--today` value as a date; a bad one is a usage error (exit 2)."""
    if value is None:
        return None
    from tuyengiao.dates import DateError, parse_date

    try:
        return parse_date(value)
    except DateError:
        raise typer.BadParameter(msg("cli.bad_today", value=value), param_hint="--today") from None


def check_format(value: str | None, allowed: Collection[str], msg: Messages) -> None:
    """Reject a `--format` the command does not write (None: not given)."""
    if value is not None and value not in allowed:
        raise typer.BadParameter(
            msg("cli.bad_format", value=value, allowed=", ".join(allowed)),
            param_hint="--format",
        )


def check_lang(value: str, msg: Messages) -> None:
    """Reject an unknown `--lang` (it was already applied from the raw arguments)."""
    from tuyengiao.i18n import LANGS

    if value not in LANGS:
        raise typer.BadParameter(msg("cli.bad_lang", value=value), param_hint="--lang")


def settings_for(
    paths: list[Path],
    *,
    today: str | None,
    lang: str,
    config: Path | None,
    guidance: list[str] | None,
    msg: Messages,
    allow_outside: bool = False,
) -> Settings:
    """Resolve the run's settings; a usage problem exits with code 2 and a clear message."""
    from tuyengiao.config import resolve_settings
    from tuyengiao.errors import TuyengiaoError

    check_lang(lang, msg)
    day = parse_today(today, msg)
    if config is not None and not (config.exists() or config.is_symlink()):
        fail(msg("cli.config_not_found", path=config.as_posix()))
    try:
        return resolve_settings(
            paths,
            today=day or _today_in_workspace,
            msg=msg,
            cwd=Path.cwd(),
            config_path=config,
            guidance_refs=guidance or (),
            allow_outside=allow_outside,
        )
    except TuyengiaoError as error:
        fail(str(error))


def checked(
    paths: list[Path],
    settings: Settings,
    *,
    digest: Digest | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Result:
    """Every plan under `paths`, checked (and digested); a usage problem exits with 2.
    `meanwhile()` runs while worker processes check, when there are some."""
    from tuyengiao import parallel
    from tuyengiao.errors import TuyengiaoError

    try:
        result, _ = parallel.check_paths(paths, settings, digest=digest, meanwhile=meanwhile)
    except TuyengiaoError as error:
        fail(str(error))
    # Two files of one union, neither surely its plan: the figures would depend on
    # which one was taken, so none is (`duplicate-id` on each says which to keep).
    for plan_file in result.files:
        if plan_file.rivals:
            files = ", ".join([plan_file.name, *plan_file.rivals])
            fail(settings.msg("cli.rival_plans", id=plan_file.union_id, files=files))
    return result


def catalogue_for_year(settings: Settings, year: int) -> Guidance:
    """The catalogue of guidance year `year`; none is a usage error naming the years there are."""
    found = settings.catalogues.for_year(year)
    if found is None:
        years = ", ".join(str(y) for y in settings.catalogues.years())
        fail(settings.msg("cli.no_guidance_for_year", year=year, years=years))
    # A report on a catalogue with errors (two tasks numbered 1) would count wrong.
    errors = [d for d in settings.catalogues.findings_of(found) if d.severity == "error"]
    if errors:
        lines = [f"{d.file}:{d.line}:{d.column}: {d.message}" for d in errors]
        fail("\n".join([settings.msg("cli.guidance_invalid", path=errors[0].file), *lines]))
    return found


def schedule_of(settings: Settings) -> Schedule | None:
    """The periodic reports unions owe; a `reporting:` with errors exits 2 naming them.

    A schedule read past its mistakes would claim reports missing or late that are
    not: `status`, `report` and `remind` refuse it, as `check` flags it.
    """
    from tuyengiao.files import display

    doc, path = settings.config_doc, settings.config_path
    found = doc.pair(("reporting",)) if doc is not None and path is not None else None
    if found is None or path is None:
        return None
    key, value = found
    first = (key or value).start_mark.line + 1
    end = value.end_mark  # a block ends at the start of the next key's line
    last = end.line + (1 if end.column > 0 else 0)
    name = display(path)
    inside = [
        d
        for d in settings.config_diagnostics
        if d.severity == "error"
        and d.file == name
        and d.line is not None
        and first <= d.line <= last
    ]
    if inside:
        lines = [f"{d.file}:{d.line}:{d.column}: {d.message}" for d in inside]
        fail("\n".join([settings.msg("cli.reporting_invalid", path=name), *lines]))
    return settings.schedule


def _today_in_workspace(config: Config) -> date:
    """Today in the workspace's timezone: the CLI is the one place that reads the clock."""
    from tuyengiao.clock import today_in

    return today_in(config.timezone)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print `message` on stderr and exit with `code` (2: usage or unreadable input)."""
    typer.echo(message, err=True)
    raise typer.Exit(code)
