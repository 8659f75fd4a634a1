"""`tuyengiao report`: the consolidated report on a period, as Markdown, HTML, Word or JSON."""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt
from tuyengiao.report import FORMATS

if TYPE_CHECKING:
    from tuyengiao.i18n import Messages
    from tuyengiao.models import CentralNotes
    from tuyengiao.periods import Period
    from tuyengiao.workspace import Result, Settings


def register(app: typer.Typer, msg: "Messages") -> None:
    """Add the `report` command to `app`."""

    @app.command("report", help=msg("report.cli.help"))
    def report(
        period: Annotated[
            str,
            typer.Option(
                "--period",
                "-p",
                metavar=msg("report.cli.metavar_period"),
                help=msg("report.cli.period"),
                show_default=False,
            ),
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
        guidance: Annotated[str | None, opt.guidance_option(msg)] = None,
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
    ) -> None:
        if output_format not in FORMATS:
            raise typer.BadParameter(
                msg("cli.bad_format", value=output_format, allowed=", ".join(FORMATS)),
                param_hint="--format",
            )
        if output_format == "docx" and output is None:
            opt.fail(msg("docx.cli.needs_output"))
        request = Request(paths or [Path("plans")], period, output_format, output, force, templates)
        run_report(request, today, config, guidance, lang, msg)


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
    guidance: str | None,
    lang: str,
    msg: "Messages",
) -> None:
    """Check the plans, compute the context once, render it, and print or write it."""
    from tuyengiao.errors import TuyengiaoError
    from tuyengiao.output import RefusedError, check_target, write_bytes, write_text
    from tuyengiao.periods import PeriodError, parse_period
    from tuyengiao.report.context import build_context
    from tuyengiao.report.notes import notes_path
    from tuyengiao.report.render import render_chunks, render_file

    settings = opt.settings_for(
        request.paths, today=today, lang=lang, config=config, guidance=guidance, msg=msg
    )
    try:
        period = parse_period(request.period, settings.config.period_rule)
    except PeriodError:
        opt.fail(msg("report.cli.bad_period", value=request.period))
    overrides = _override_folders(request.templates, settings.config_path, msg)
    notes_folder = settings.config_path.parent if settings.config_path else Path.cwd()
    notes = _central_notes(notes_folder, period.id, msg)
    result = checked_plans(request.paths, settings, period, msg)
    if request.output is not None:
        inputs = [*_inputs(result, overrides, guidance), notes_path(notes_folder, period.id)]
        try:
            check_target(request.output, force=request.force, protected=inputs)
        except RefusedError as error:
            opt.fail(msg(f"report.refused.{error.kind}", path=error.path.as_posix()))
    context = build_context(result, period, english=msg.lang == "en", notes=notes)
    del result  # the digests: on 10,000 plans 120 MB the rendering can use instead
    streamed = request.output is not None and request.fmt in ("md", "html")
    try:
        if streamed:  # written as it renders: a report of 10,000 plans is large
            assert request.output is not None
            write_text(request.output, render_chunks(context, request.fmt, msg, overrides))
        else:
            text = render_file(context, request.fmt, msg, overrides)
    except TuyengiaoError as error:
        opt.fail(str(error))
    if context.left_out:
        typer.echo(msg("report.cli.left_out", count=len(context.left_out)), err=True)
    if request.output is None:
        assert isinstance(text, str)  # docx needs -o (checked with the options)
        sys.stdout.write(text)
        return
    if not streamed:
        if isinstance(text, bytes):
            write_bytes(request.output, text)
        else:
            write_text(request.output, text)
    typer.echo(
        msg("report.cli.written", period=context.period.label, path=request.output.as_posix()),
        err=True,
    )


def _central_notes(folder: Path, period_id: str, msg: "Messages") -> "CentralNotes | None":
    """The central department's `reports/<period>.yaml`; an invalid one is a usage error."""
    from tuyengiao.errors import TuyengiaoError
    from tuyengiao.report.notes import load_central_notes

    try:
        return load_central_notes(folder, period_id, msg)
    except TuyengiaoError as error:
        opt.fail(str(error))


def _inputs(result: "Result", overrides: list[Path], guidance: str | None) -> list[Path]:
    """Every file the report reads: never a target, even with --force."""
    from tuyengiao.guidance import builtin_ids
    from tuyengiao.report.templates import builtin_templates, template_files

    settings = result.settings
    folders = list(overrides)
    builtin = builtin_templates()
    if isinstance(builtin, Path):  # a checkout's templates/ (or an unzipped install)
        folders.append(builtin)
    inputs = [plan_file.path for plan_file in result.files] + template_files(folders)
    config_path = settings.config_path
    if config_path is not None:
        inputs.append(config_path)
    ref = guidance or settings.config.guidance_refs[0]
    if ref not in builtin_ids():  # a catalogue file, found as `load_guidance` finds it
        base = Path.cwd() if guidance or config_path is None else config_path.parent
        inputs.append(Path(ref) if Path(ref).is_absolute() else base / ref)
    return inputs


def _override_folders(
    templates: Path | None, config_path: Path | None, msg: "Messages"
) -> list[Path]:
    """`--templates DIR`, else the workspace's `templates/` folder, else none."""
    from tuyengiao.report.templates import workspace_templates

    if templates is not None:
        if not templates.is_dir():
            opt.fail(msg("report.cli.templates_not_found", path=templates.as_posix()))
        return [templates]
    found = workspace_templates(config_path, Path.cwd())
    return [found] if found is not None else []


def checked_plans(
    paths: list[Path], settings: "Settings", period: "Period", msg: "Messages"
) -> "Result":
    """Every plan under `paths`, checked and digested for a report on `period`.

    As `check` does, on one process per core once there are enough files. A missing
    path or no plan at all is a usage error.
    """
    from tuyengiao import parallel
    from tuyengiao.report.digest import Digester

    found = settings.find_plans(paths)
    if found.missing:
        opt.fail(msg("cli.path_not_found", path=found.missing[0].as_posix()))
    if not found.files:
        opt.fail(msg("cli.no_plans", paths=", ".join(p.as_posix() for p in paths)))
    jobs = parallel.choose_jobs(None, len(found.files))
    digest = Digester.of(period, settings.today)
    return parallel.check_workspace(found.files, settings, jobs=jobs, digest=digest)
