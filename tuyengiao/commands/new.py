"""`tuyengiao new`: a union's plan skeleton, one example activity per task, valid as written."""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt

if TYPE_CHECKING:
    from tuyengiao.config import Settings
    from tuyengiao.i18n import Messages
    from tuyengiao.models import Guidance


def register(app: typer.Typer, msg: "Messages") -> None:
    """Add the `new` command to `app`."""

    @app.command("new", help=msg("scaffold.new.help"))
    def new(
        union_id: Annotated[
            str,
            typer.Argument(metavar=msg("cli.metavar.union_id"), help=msg("scaffold.new.union_id")),
        ],
        directory: Annotated[
            Path | None,
            typer.Argument(
                metavar=msg("cli.metavar.dir"), help=msg("scaffold.new.dir"), show_default=False
            ),
        ] = None,
        name: Annotated[
            str | None,
            typer.Option(
                "--name", metavar=msg("scaffold.metavar.name"), help=msg("scaffold.new.name")
            ),
        ] = None,
        year: Annotated[
            int | None,
            opt.year_option(msg),
        ] = None,
        output: Annotated[
            Path | None,
            opt.output_option(msg("scaffold.new.output"), msg),
        ] = None,
        force: Annotated[bool, opt.force_option(msg("scaffold.force"))] = False,
        xlsx: Annotated[bool, typer.Option("--xlsx", help=msg("excel.new.xlsx"))] = False,
        config: Annotated[Path | None, opt.config_option(msg)] = None,
        guidance: Annotated[list[str] | None, opt.guidance_option(msg)] = None,
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
    ) -> None:
        from tuyengiao.commands.init import inputs_of, write_files
        from tuyengiao.read.validate import slugify
        from tuyengiao.scaffold import NewFile, plan_path, plan_text, schema_reference

        if union_id != slugify(union_id) or not union_id:
            suggestion = slugify(union_id) or "cd-bo-tu-phap"
            opt.fail(msg("scaffold.new.bad_union_id", value=union_id, suggestion=suggestion))
        if directory is not None and output is not None:
            opt.fail(msg("scaffold.new.dir_and_output"))
        root = directory or Path()
        settings = opt.settings_for(
            [output.parent if output else root],
            today=None,
            lang=lang,
            config=config,
            guidance=guidance,
            msg=msg,
        )
        union_name, on_roster = _union_name(union_id, (name or "").strip() or None, settings, msg)
        catalogue = settings.guidance if year is None else opt.catalogue_for_year(settings, year)
        target = output or plan_path(root, union_id, catalogue.year)
        if xlsx:
            _new_workbook(union_id, union_name, catalogue, output, target, force, settings, msg)
            return
        schedule = settings.schedule
        current = schedule.current(catalogue.year, settings.today) if schedule else None
        text = plan_text(
            union_id=union_id,
            union_name=union_name,
            guidance=catalogue,
            schema_path=schema_reference(target, root),
            report_period=current.id if current is not None else None,
        )
        write_files(
            [NewFile(target, text)],
            force=force,
            generated=False,
            msg=msg,
            inputs=inputs_of(settings),
        )
        if not on_roster:
            shown = settings.config_path.as_posix() if settings.config_path else ""
            typer.echo(msg("editor.new.add_to_roster", id=union_id, name=union_name, config=shown))
        typer.echo(msg("scaffold.new.next", path=target.as_posix()))


def _union_name(
    union_id: str, name: str | None, settings: "Settings", msg: "Messages"
) -> tuple[str, bool]:
    """The name given, or the roster's; and whether the union is on the roster (or there
    is none). Off the roster, a plan needs `--name`, and the user is told to add it."""
    import difflib

    roster = settings.config.roster
    if roster is None:
        if name is None:
            opt.fail(msg("scaffold.new.no_name", id=union_id))
        return name, True
    entry = next((entry for entry in roster if entry.id == union_id), None)
    if entry is None:
        if name is not None:
            return name, False
        config = settings.config_path.as_posix() if settings.config_path else ""
        lines = [msg("scaffold.new.not_on_roster", id=union_id, config=config)]
        close = difflib.get_close_matches(union_id, [entry.id for entry in roster], n=1)
        if close:
            lines.append(msg("scaffold.new.did_you_mean", suggestion=close[0]))
        opt.fail("\n".join(lines))
    return (name if name is not None else entry.name), True


def _new_workbook(
    union_id: str,
    union_name: str,
    catalogue: "Guidance",
    output: Path | None,
    target: Path,
    force: bool,
    settings: "Settings",
    msg: "Messages",
) -> None:
    """`new --xlsx`: the empty workbook of a union's plan, for its officer to fill."""
    from tuyengiao.commands.export import write_workbook
    from tuyengiao.excel.write import plan_workbook
    from tuyengiao.models import Plan, UnionInfo

    path = output or target.with_suffix(".xlsx")
    if path.suffix.lower() != ".xlsx":
        opt.fail(msg("excel.export.not_xlsx", path=path.as_posix()))
    plan = Plan(
        version=1,
        guidance=catalogue.id,
        union=UnionInfo(id=union_id, name=union_name),
        activities=[],
    )
    write_workbook(
        path, plan_workbook(plan, catalogue), force=force, inputs=settings.inputs(), msg=msg
    )
    typer.echo(msg("scaffold.created", path=path.as_posix()))
