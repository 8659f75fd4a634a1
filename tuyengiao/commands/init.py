"""`tuyengiao init`: a new workspace (config, plans folder, schema, pre-commit and CI files)."""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt

if TYPE_CHECKING:
    from tuyengiao.config import Settings
    from tuyengiao.i18n import Messages
    from tuyengiao.scaffold import NewFile


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
            directory, guidance=guidance, schema_text=render(plan_schema([guidance], msg))
        )
        plans = directory / "plans" / str(year or guidance.year)
        if plans.exists() and not plans.is_dir():  # not even --force replaces it
            typer.echo(msg("scaffold.refused.not_folder", path=plans.as_posix()), err=True)
            opt.fail(msg("scaffold.nothing_written"))
        # In an existing repository: write what is missing, leave the rest (--force replaces).
        missing = [new for new in files if force or not _exists(new.path)]
        new_folder = not plans.is_dir()
        write_files(missing, force=force, generated=False, msg=msg, folders=[plans])
        for kept in files:
            if kept not in missing:
                typer.echo(msg("editor.init.kept", path=kept.path.as_posix()))
        _set_up_editor(directory, msg)
        if new_folder:
            typer.echo(msg("scaffold.created", path=f"{plans.as_posix()}/"))
        typer.echo(msg("scaffold.init.next", config=files[0].path.as_posix()))


def _exists(path: Path) -> bool:
    # A folder where a file belongs is not "there": `write_files` refuses it by name.
    return path.is_file() or (path.is_symlink() and not path.is_dir())


def _set_up_editor(root: Path, msg: "Messages") -> None:
    """`.vscode/settings.json` and `extensions.json`: merged into what is there, never replaced."""
    import json

    from tuyengiao.output import write_text
    from tuyengiao.scaffold import (
        VSCODE_EXTENSION,
        VSCODE_SCHEMAS,
        vscode_extensions,
        vscode_settings,
    )

    folder = root / ".vscode"
    wanted = [
        (folder / "settings.json", vscode_settings, {"yaml.schemas": VSCODE_SCHEMAS}),
        (folder / "extensions.json", vscode_extensions, {"recommendations": [VSCODE_EXTENSION]}),
    ]
    for path, merge, setting in wanted:
        shown = path.as_posix()
        try:
            current = path.read_text("utf-8-sig") if path.exists() else None
            text = merge(current)
        except (OSError, UnicodeDecodeError, ValueError):
            needed = json.dumps(setting, ensure_ascii=False)
            typer.echo(msg("editor.init.bad_json", path=shown, setting=needed), err=True)
            continue
        if text is None:
            typer.echo(msg("editor.init.unchanged", path=shown))
            continue
        try:
            write_text(path, text)
        except OSError as error:
            opt.fail(msg("scaffold.write_failed", path=shown, error=error.strerror))
        key = "scaffold.created" if current is None else "editor.init.merged"
        typer.echo(msg(key, path=shown))


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


def inputs_of(settings: "Settings") -> list[Path]:
    """The files a command read its settings from: the config and the catalogue files."""
    return settings.inputs()
