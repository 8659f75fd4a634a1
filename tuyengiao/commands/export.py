"""`tuyengiao export`: a plan as an Excel workbook for the union's officer to fill."""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt

if TYPE_CHECKING:
    from tuyengiao.i18n import Messages
    from tuyengiao.models import Guidance, Plan


def register(app: typer.Typer, msg: "Messages") -> None:
    """Add the `export` command to `app`."""

    @app.command("export", help=msg("excel.export.help"))
    def export(
        plan: Annotated[
            Path, typer.Argument(metavar="PLAN.yaml", help=msg("excel.export.plan"), dir_okay=False)
        ],
        output: Annotated[Path | None, opt.output_option(msg("excel.export.output"), msg)] = None,
        force: Annotated[bool, opt.force_option(msg("excel.export.force"))] = False,
        config: Annotated[Path | None, opt.config_option(msg)] = None,
        guidance: Annotated[list[str] | None, opt.guidance_option(msg)] = None,
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
    ) -> None:
        if output is None:
            opt.fail(msg("excel.export.need_output"))
        if output.suffix.lower() != ".xlsx":
            opt.fail(msg("excel.export.not_xlsx", path=output.as_posix()))
        settings = opt.settings_for(
            [plan], today=None, lang=lang, config=config, guidance=guidance, msg=msg
        )
        value, catalogue = read_plan(plan, settings.msg, settings)
        from tuyengiao.excel.write import plan_workbook

        write_workbook(
            output, plan_workbook(value, catalogue), force=force, inputs=[plan, *settings.inputs()],
            msg=msg,
        )  # fmt: skip
        typer.echo(
            msg("excel.export.written", path=output.as_posix(), activities=len(value.activities))
        )


def read_plan(path: Path, msg: "Messages", settings: object) -> tuple["Plan", "Guidance"]:
    """The plan of a YAML file, whole and valid, and its catalogue; else exit with why."""
    from tuyengiao.config import Settings
    from tuyengiao.diagnostics import Severity
    from tuyengiao.files import ReadError, display, read_bytes
    from tuyengiao.models import Plan
    from tuyengiao.read import read_file
    from tuyengiao.rules.findings import read_error

    assert isinstance(settings, Settings)
    name = display(path)
    try:
        data = read_bytes(path)
    except ReadError as error:
        opt.fail(f"{name}: {read_error(msg, name, error).message}")
    reading = read_file(Plan, data, name, msg)
    errors = [d for d in reading.findings if d.severity is Severity.ERROR]
    if errors or not reading.complete or reading.value is None:
        lines = [f"{d.file}:{d.where or '-'}: {d.message}" for d in errors]
        opt.fail("\n".join([msg("excel.export.invalid", path=name), *lines]), code=1)
    plan = reading.value
    catalogue = settings.context_for(plan.guidance).guidance
    if catalogue is None:
        opt.fail(msg("excel.export.unknown_guidance", path=name, guidance=plan.guidance))
    return plan, catalogue


def write_workbook(
    path: Path, data: bytes, *, force: bool, inputs: list[Path], msg: "Messages"
) -> None:
    """Write a workbook atomically; an existing file only with `force` (exit 2 otherwise)."""
    from tuyengiao.output import RefusedError, WriteError, check_target, explain, write_bytes

    try:
        check_target(path, force=force, protected=inputs, generated=False)
    except RefusedError as error:
        key = "excel.export.exists" if error.kind == "exists" else f"report.refused.{error.kind}"
        opt.fail(msg(key, path=path.as_posix()))
    try:
        write_bytes(path, data)
    except WriteError as error:
        opt.fail(explain(error, msg))
