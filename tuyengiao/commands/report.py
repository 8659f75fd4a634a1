"""`tuyengiao report`: the consolidated report on a period, as Markdown, HTML, Word or JSON."""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt
from tuyengiao.report import FORMATS

if TYPE_CHECKING:
    from tuyengiao.config import Settings
    from tuyengiao.i18n import Messages
    from tuyengiao.models import CentralNotes, Guidance
    from tuyengiao.periods import Period
    from tuyengiao.report.figures import ReportContext
    from tuyengiao.workspace import Result


def register(app: typer.Typer, msg: "Messages") -> None:
    """Add the `report` command to `app`."""

    @app.command("report", help=msg("report.cli.help"))
    def report(
        period: Annotated[
            str, opt.period_option(msg("report.cli.period"), msg, show_default=False)
        ],
        paths: Annotated[list[Path] | None, opt.paths_argument(msg)] = None,
        output_format: Annotated[
            str,
            typer.Option(
                "--format", "-f", metavar="|".join(FORMATS), help=msg("report.cli.format")
            ),
        ] = "md",
        output: Annotated[
            Path | None,
            opt.output_option(msg("report.cli.output"), msg, dir_okay=True),
        ] = None,
        force: Annotated[bool, opt.force_option(msg("report.cli.force"))] = False,
        templates: Annotated[
            Path | None,
            typer.Option(
                "--templates",
                metavar=msg("report.cli.metavar_dir"),
                help=msg("report.cli.templates"),
            ),
        ] = None,
        today: Annotated[str | None, opt.today_option(msg)] = None,
        config: Annotated[Path | None, opt.config_option(msg)] = None,
        guidance: Annotated[list[str] | None, opt.guidance_option(msg)] = None,
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
        allow_outside: Annotated[bool, opt.allow_outside_option(msg)] = False,
    ) -> None:
        opt.check_format(output_format, FORMATS, msg)
        if output_format == "docx" and output is None:
            opt.fail(msg("docx.cli.needs_output"))
        if output_format == "xlsx" and output is None:
            opt.fail(msg("excel.report.needs_output"))
        request = Request(
            paths or opt.default_paths(), period, output_format, output, force, templates
        )
        run_report(request, today, config, guidance, lang, msg, allow_outside=allow_outside)


@dataclass(frozen=True)
class Request:
    """What to report on and where to put it, as given on the command line."""

    paths: list[Path]
    period: str
    fmt: str
    output: Path | None
    force: bool
    templates: Path | None


def run_report(
    request: Request,
    today: str | None,
    config: Path | None,
    guidance: list[str] | None,
    lang: str,
    msg: "Messages",
    *,
    allow_outside: bool = False,
) -> None:
    """Check the plans, compute the context once, render it, and print or write it."""
    from tuyengiao.errors import TuyengiaoError
    from tuyengiao.output import (
        RefusedError,
        WriteError,
        check_target,
        explain,
        write_bytes,
        write_text,
    )
    from tuyengiao.report.digest import Digester
    from tuyengiao.report.notes import notes_path

    settings = opt.settings_for(
        request.paths,
        today=today,
        lang=lang,
        config=config,
        guidance=guidance,
        msg=msg,
        allow_outside=allow_outside,
    )
    opt.schedule_of(settings)
    period = opt.period_of(request.period, settings.config.period_rule, msg)
    catalogue = opt.catalogue_for_year(settings, period.year)
    overrides = _override_folders(request.templates, settings.config_path, msg)
    notes_folder = settings.config_path.parent if settings.config_path else Path.cwd()
    notes = _central_notes(notes_folder, period.id, msg, allow_outside=settings.allow_outside)
    previous = _previous_year(settings, period)
    digester = Digester.of(
        period, settings.today, (previous[0].id, previous[1]) if previous else None
    )
    # While the workers check, this process imports what computes and renders the
    # report and compiles the built-in templates (`_prepare`).
    result = opt.checked(
        request.paths,
        settings,
        digest=digester,
        meanwhile=partial(_prepare, request.fmt, overrides, msg),
    )
    from tuyengiao.report.context import build_context
    from tuyengiao.report.render import render_chunks, render_file

    if request.output is not None:
        inputs, folders = _inputs(result, overrides)
        inputs.append(notes_path(notes_folder, period.id))
        try:
            check_target(
                request.output, force=request.force, protected=inputs, protected_folders=folders
            )
        except RefusedError as error:
            opt.fail(msg(f"report.refused.{error.kind}", path=error.path.as_posix()))
    context = build_context(
        result,
        period,
        catalogue,
        english=msg.lang == "en",
        notes=notes,
        previous=previous[0] if previous else None,
    )
    del result  # the digests: on 10,000 plans 120 MB the rendering can use instead
    _say_left_out(context, msg)
    try:
        if request.output is None:
            text = render_file(context, request.fmt, msg, overrides)
            assert isinstance(text, str)  # docx needs -o (checked with the options)
            sys.stdout.write(text)
            return
        if request.fmt in (
            "md",
            "html",
        ):  # written as it renders: a report of 10,000 plans is large
            write_text(request.output, render_chunks(context, request.fmt, msg, overrides))
        else:
            content = render_file(context, request.fmt, msg, overrides)
            if isinstance(content, bytes):
                write_bytes(request.output, content)
            else:
                write_text(request.output, content)
    except WriteError as error:
        opt.fail(explain(error, msg))
    except TuyengiaoError as error:
        opt.fail(str(error))
    typer.echo(
        msg("report.cli.written", period=context.period.label, path=request.output.as_posix()),
        err=True,
    )


def _prepare(fmt: str, overrides: list[Path], msg: "Messages") -> None:
    """What the render needs before the figures: the modules, and the built-in templates
    compiled (`tuyengiao.report.templates.precompile`). Run while the worker processes
    check the plans, it shares their time instead of adding to the run's (1,000 plans:
    html 0.08 s, docx 0.18 s of imports and compiling, measured in-process). Nothing
    here may fail the run: a template that does not compile is reported by the render.
    """
    import tuyengiao.report.context  # noqa: F401 - imported now, used after the check

    try:
        if fmt == "docx":
            from tuyengiao.report.docx import precompile as precompile_docx

            precompile_docx(overrides, msg)
        elif fmt in ("md", "html"):
            from tuyengiao.report.templates import precompile

            precompile(fmt, overrides, msg)
        elif fmt == "xlsx":  # the workbook's writer: 0.06 s to import
            import importlib

            importlib.import_module("xlsxwriter")
    except Exception:  # the render says what is wrong, in its own words
        pass


def _previous_year(settings: "Settings", period: "Period") -> "tuple[Guidance, Period] | None":
    """The previous year's catalogue and the same period of that year (`2022-Q2` for
    `2023-Q2`), when the workspace has that catalogue without errors: the report then
    compares each task's results with it."""
    from tuyengiao.periods import PeriodError, parse_period

    previous = settings.catalogues.for_year(period.year - 1)
    if previous is None:
        return None
    if any(d.severity == "error" for d in settings.catalogues.findings_of(previous)):
        return None  # a catalogue with errors is not counted on (as for the year itself)
    try:
        earlier = parse_period(
            f"{period.year - 1}{period.id[len(str(period.year)) :]}", settings.config.period_rule
        )
    except PeriodError:
        return None
    return previous, earlier


def _say_left_out(context: "ReportContext", msg: "Messages") -> None:
    """What the report left out and why, on standard error: never in the báo cáo itself."""
    from tuyengiao.printable import visible

    if not context.left_out:
        return
    typer.echo(msg("report.cli.left_out", count=len(context.left_out)), err=True)
    for entry in context.left_out:
        if entry.activities:
            line = msg(
                "report.cli.left_out_activities",
                file=visible(entry.file),
                count=entry.activities,
                message=visible(entry.first_message),
            )
        else:
            line = msg(
                "report.cli.left_out_file",
                file=visible(entry.file),
                errors=entry.errors,
                message=visible(entry.first_message),
            )
        typer.echo(line, err=True)


def _central_notes(
    folder: Path, period_id: str, msg: "Messages", *, allow_outside: bool = False
) -> "CentralNotes | None":
    """The central department's `reports/<period>.yaml`; an invalid one is a usage error."""
    from tuyengiao.errors import TuyengiaoError
    from tuyengiao.report.notes import load_central_notes

    try:
        return load_central_notes(folder, period_id, msg, allow_outside=allow_outside)
    except TuyengiaoError as error:
        opt.fail(str(error))


def _inputs(result: "Result", overrides: list[Path]) -> tuple[list[Path], list[Path]]:
    """The files the report reads, and the template folders: never a target, even forced.

    Template folders are protected as a whole, by path: walking `--templates /usr` to
    list its files took 18 s.
    """
    from tuyengiao.report.folders import builtin_templates, workspace_templates

    settings = result.settings
    folders = list(overrides)
    builtin = builtin_templates()
    if isinstance(builtin, Path):  # a checkout's templates/ (or an unzipped install)
        folders.append(builtin)
    workspace = workspace_templates(settings.config_path, Path.cwd())
    if workspace is not None:  # protected even when --templates names another folder
        folders.append(workspace)
    inputs = [plan_file.path for plan_file in result.files] + settings.inputs()
    return inputs, folders


def _override_folders(
    templates: Path | None, config_path: Path | None, msg: "Messages"
) -> list[Path]:
    """`--templates DIR`, else the workspace's `templates/` folder, else none."""
    from tuyengiao.report.folders import workspace_templates

    if templates is not None:
        if not templates.is_dir():
            opt.fail(msg("report.cli.templates_not_found", path=templates.as_posix()))
        return [templates]
    found = workspace_templates(config_path, Path.cwd())
    return [found] if found is not None else []
