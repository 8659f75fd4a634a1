"""`tuyengiao init`: a new workspace (config, plans folder, schema, pre-commit and CI files)."""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt

if TYPE_CHECKING:
    from tuyengiao.i18n import Messages
    from tuyengiao.scaffold import NewFile
    from tuyengiao.workspace import Settings


def register(app: typer.Typer, msg: "Messages") -> None:
    """Add the `init` command to `app`."""

    @app.command("init", help=msg("scaffold.init.help"))
    def init(
        directory: Annotated[
            Path,
            typer.Argument(metavar="DIR", help=msg("scaffold.init.dir"), show_default=False),
        ] = Path(),
        force: Annotated[bool, opt.force_option(msg("scaffold.force"))] = False,
        year: Annotated[
            int | None,
            opt.year_option(msg),
        ] = None,
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
    ) -> None:
        from tuyengiao.guidance import load_guidance
        from tuyengiao.models import Config
        from tuyengiao.scaffold import workspace_files
        from tuyengiao.schema import plan_schema, render

        opt.check_lang(lang, msg)
        guidance = load_guidance(Config().guidance_refs[0], msg)
        files = workspace_files(
            directory, guidance=guidance, schema_text=render(plan_schema(guidance, msg))
        )
        plans = directory / "plans" / str(year or guidance.year)
        if plans.exists() and not plans.is_dir():  # not even --force replaces it
            typer.echo(msg("scaffold.refused.not_folder", path=plans.as_posix()), err=True)
            opt.fail(msg("scaffold.nothing_written"))
        new_folder = not plans.is_dir()
        write_files(files, force=force, generated=False, msg=msg, folders=[plans])
        if new_folder:
            typer.echo(msg("scaffold.created", path=f"{plans.as_posix()}/"))
        typer.echo(msg("scaffold.init.next", config=files[0].path.as_posix()))


def write_files(
    files: Sequence["NewFile"],
    *,
    force: bool,
    generated: bool,
    msg: "Messages",
    inputs: Iterable[Path] = (),
    folders: Sequence[Path] = (),
) -> None:
    """Write all of `files` (and make `folders`) and say so, or, if any fails, none (exit 2).

    `inputs` (the config, a catalogue file) are refused even with `--force`.
    """
    from tuyengiao.output import WriteError, explain
    from tuyengiao.scaffold import refusals, write_all

    refused = refusals(files, force=force, generated=generated, protected=tuple(inputs))
    for error in refused:
        typer.echo(msg(f"scaffold.refused.{error.kind}", path=error.path.as_posix()), err=True)
    if refused:
        opt.fail(msg("scaffold.nothing_written"))
    try:
        write_all(files, folders)
    except WriteError as error:
        opt.fail(explain(error, msg))
    for new in files:
        typer.echo(msg("scaffold.created", path=new.path.as_posix()))


def inputs_of(settings: "Settings", guidance: str | None) -> list[Path]:
    """The files a command read its settings from: the config and a catalogue file."""
    from tuyengiao.guidance import builtin_ids

    found = [settings.config_path] if settings.config_path is not None else []
    ref = guidance or settings.config.guidance_refs[0]
    if ref not in builtin_ids():
        # Resolved as `resolve_settings` does: `--guidance` from the current folder, the
        # config's `guidance:` from the config's folder.
        config = settings.config_path
        base = config.parent if config is not None and guidance is None else Path()
        found.append(base / ref)
    return found
