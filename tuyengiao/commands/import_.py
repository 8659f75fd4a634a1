"""`tuyengiao import`: a filled workbook back into the plan file, findings at their cells.

The module is `import_` (`import` is Python's keyword); the command is `import`.
"""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt
from tuyengiao.formatters import FORMATS

if TYPE_CHECKING:
    from tuyengiao.i18n import Messages
    from tuyengiao.models import Plan


def register(app: typer.Typer, msg: "Messages") -> None:
    """Add the `import` command to `app`."""
    formats = "|".join(FORMATS)

    @app.command("import", help=msg("excel.import.help"))
    def import_(
        workbook: Annotated[
            Path,
            typer.Argument(metavar="FILE.xlsx", help=msg("excel.import.workbook"), dir_okay=False),
        ],
        output: Annotated[Path | None, opt.output_option(msg("excel.import.output"), msg)] = None,
        force: Annotated[bool, opt.force_option(msg("excel.import.force"))] = False,
        output_format: Annotated[
            str | None,
            typer.Option("--format", "-f", metavar=formats, help=msg("excel.import.format")),
        ] = None,
        today: Annotated[str | None, opt.today_option(msg)] = None,
        config: Annotated[Path | None, opt.config_option(msg)] = None,
        guidance: Annotated[list[str] | None, opt.guidance_option(msg)] = None,
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
    ) -> None:
        opt.check_format(output_format, FORMATS, msg)
        settings = opt.settings_for(
            [workbook], today=today, lang=lang, config=config, guidance=guidance, msg=msg
        )
        raise typer.Exit(run_import(workbook, output, force, output_format or "text", settings))


def run_import(
    workbook: Path, output: Path | None, force: bool, output_format: str, settings: object
) -> int:
    """Read, check, show; then write the plan, or say why not. The exit code."""
    from tuyengiao.config import Settings
    from tuyengiao.diagnostics import Severity
    from tuyengiao.files import ReadError, display, find_workspace, read_bytes
    from tuyengiao.formatters import Options, renderer
    from tuyengiao.read import read_workbook_plan
    from tuyengiao.rules.findings import read_error
    from tuyengiao.workspace import check_reading, finish

    assert isinstance(settings, Settings)
    msg = settings.msg
    name = display(workbook)
    try:
        data = read_bytes(workbook)
    except ReadError as error:
        opt.fail(f"{name}: {read_error(msg, name, error).message}")
    reading = read_workbook_plan(data, name, msg)
    checked = check_reading(workbook, name, reading, settings)
    result = finish([checked], settings)
    errors = any(d.severity is Severity.ERROR for d in result.diagnostics)
    if result.diagnostics or output_format != "text":
        renderer(output_format)(result, sys.stdout, Options())
    plan = reading.value
    if errors or plan is None or not reading.complete:
        typer.echo(msg("excel.import.invalid"), err=True)
        return 1
    catalogue = settings.context_for(plan.guidance).guidance
    metrics = [m.id for m in catalogue.metrics] if catalogue else []
    if output is None:
        if catalogue is None:
            opt.fail(msg("excel.import.no_union"))
        from tuyengiao.scaffold import plan_path

        root = find_workspace(Path.cwd()) or Path()
        output = plan_path(root, plan.union.id, catalogue.year)
    from tuyengiao.plan_patch import patched
    from tuyengiao.plan_yaml import plan_yaml

    text = None
    if output.exists():
        before, old = _existing(output, msg)
        if before == plan:
            typer.echo(msg("excel.import.unchanged", path=output.as_posix()))
            return 0
        typer.echo(msg("excel.import.changes", path=output.as_posix()))
        for line in changes(before, plan, msg):
            typer.echo(line)
        if not force:
            typer.echo(msg("excel.import.need_force", path=output.as_posix()), err=True)
            return 1
        # What did not change stays as the officer wrote it: comments, date forms.
        text = patched(old, before, plan, metrics) if before is not None else None
        if text is None and "#" in old:
            typer.echo(msg("excel.import.rewritten", path=output.as_posix()))
    if text is None:  # a new plan, or one not patched: the canonical form
        text = plan_yaml(plan, metrics)
    _write(output, text, inputs=[workbook, *settings.inputs()], msg=msg)
    typer.echo(msg("excel.import.written", path=output.as_posix(), activities=len(plan.activities)))
    return 0


def _existing(path: Path, msg: "Messages") -> "tuple[Plan | None, str]":
    """The plan a file holds now, when it is whole and valid (else None: all is new),
    and its text ("" when it cannot be read)."""
    from tuyengiao.files import ReadError, read_bytes
    from tuyengiao.models import Plan
    from tuyengiao.read import read_file

    try:
        data = read_bytes(path)
    except ReadError:
        return None, ""
    reading = read_file(Plan, data, path.as_posix(), msg)
    text = data.decode("utf-8-sig", errors="replace")
    return (reading.value if reading.complete else None), text


def changes(before: "Plan | None", after: "Plan", msg: "Messages") -> list[str]:
    """What importing changes in a plan: its details, and each activity added, changed, removed."""
    from tuyengiao.plan_patch import ACTIVITY_FIELDS, PLAN_FIELDS

    lines: list[str] = []
    old = {a.id: a for a in before.activities} if before is not None else {}
    if before is not None:
        fields = [  # the version is always 1; the activities are listed one by one below
            name
            for name in PLAN_FIELDS
            if name not in ("version", "activities")
            and getattr(before, name) != getattr(after, name)
        ]
        if fields:
            lines.append(msg("excel.import.plan_changed", fields=", ".join(fields)))
    new = {a.id: a for a in after.activities}
    for key, activity in new.items():
        if key not in old:
            lines.append(msg("excel.import.added", id=key, title=activity.title))
            continue
        was = old[key]
        fields = [
            name
            for name in ACTIVITY_FIELDS
            if name != "id"  # what the two were matched by
            and getattr(was, name) != getattr(activity, name)
        ]
        if fields:
            lines.append(msg("excel.import.changed", id=key, fields=", ".join(fields)))
    for key, activity in old.items():
        if key not in new:
            lines.append(msg("excel.import.removed", id=key, title=activity.title))
    return lines


def _write(path: Path, text: str, *, inputs: list[Path], msg: "Messages") -> None:
    from tuyengiao.output import RefusedError, WriteError, check_target, explain, write_text

    try:
        # The plan is the workspace's own file: replaced only after `--force` (checked
        # above), and never when it is the workbook read or a file the run read.
        check_target(path, force=True, protected=inputs, generated=False)
    except RefusedError as error:
        opt.fail(msg(f"scaffold.refused.{error.kind}", path=path.as_posix()))
    try:
        write_text(path, text)
    except WriteError as error:
        opt.fail(explain(error, msg))
