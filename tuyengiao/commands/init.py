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
            typer.Argument(
                metavar=msg("cli.metavar.dir"), help=msg("scaffold.init.dir"), show_default=False
            ),
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
        _refuse_links_out(directory, [new.path for new in missing] + [plans], msg)
        new_folder = not plans.is_dir()
        write_files(missing, force=force, generated=False, msg=msg, folders=[plans])
        for kept in files:
            if kept not in missing:
                typer.echo(msg("editor.init.kept", path=kept.path.as_posix()))
        _set_up_editor(directory, msg)
        if new_folder:
            typer.echo(msg("scaffold.created", path=f"{plans.as_posix()}/"))
        typer.echo(msg("scaffold.init.next", config=files[0].path.as_posix()))


def _refuse_links_out(root: Path, targets: list[Path], msg: "Messages") -> None:
    """Exit 2, writing nothing, when a target leads out of the workspace through a link
    (`.github -> /elsewhere`): `init` writes only inside the folder it sets up."""
    import os

    inside = Path(os.path.realpath(root))
    outside = [
        (path, real)
        for path in targets
        if not (real := Path(os.path.realpath(path))).is_relative_to(inside)
    ]
    for path, real in outside:
        text = msg("scaffold.refused.outside", path=path.as_posix(), target=str(real))
        typer.echo(text, err=True)
    if outside:
        opt.fail(msg("scaffold.nothing_written"))


def _exists(path: Path) -> bool:
    # A folder where a file belongs is not "there": `write_files` refuses it by name.
    return path.is_file() or (path.is_symlink() and not path.is_dir())


def _set_up_editor(root: Path, msg: "Messages") -> None:
    """`.vscode/settings.json` and `extensions.json`: merged into what is there, never replaced.

    A file is merged into only when it is a regular file inside the workspace holding
    JSON that can be written back exactly (`scaffold._json_object`); otherwise it is
    left alone, and the message says why and what to add by hand. A link out of the
    workspace is neither read nor written through, and a file that cannot be read at
    all (a FIFO, a folder, a link to itself, over 1 MiB) is not taken as absent: both
    are named, and `init` then ends with exit 2.
    """
    import json
    import os

    from tuyengiao.output import write_text
    from tuyengiao.scaffold import (
        VSCODE_EXTENSION,
        VSCODE_SCHEMAS,
        InexactJSONError,
        vscode_extensions,
        vscode_settings,
    )

    folder = root / ".vscode"
    wanted = [
        (folder / "settings.json", vscode_settings, {"yaml.schemas": VSCODE_SCHEMAS}),
        (folder / "extensions.json", vscode_extensions, {"recommendations": [VSCODE_EXTENSION]}),
    ]
    inside = Path(os.path.realpath(root))
    unreadable = False
    for path, merge, setting in wanted:
        shown = path.as_posix()
        needed = json.dumps(setting, ensure_ascii=False)
        problem, current, broken = _editor_file(path, inside, needed, msg)
        if problem is not None:
            typer.echo(problem, err=True)
            unreadable = unreadable or broken
            continue
        try:
            merged = merge(current)
        except InexactJSONError as error:
            reason = msg(f"editor.init.inexact.{error.kind}")
            typer.echo(
                msg("editor.init.kept_as_is", path=shown, reason=reason, setting=needed), err=True
            )
            continue
        except ValueError:
            typer.echo(msg("editor.init.bad_json", path=shown, setting=needed), err=True)
            continue
        if merged is None:
            typer.echo(msg("editor.init.unchanged", path=shown))
            continue
        try:
            write_text(path, merged)
        except OSError as error:
            opt.fail(msg("scaffold.write_failed", path=shown, error=error.strerror))
        key = "scaffold.created" if current is None else "editor.init.merged"
        typer.echo(msg(key, path=shown))
    if unreadable:
        raise typer.Exit(2)


def _editor_file(
    path: Path, inside: Path, setting: str, msg: "Messages"
) -> tuple[str | None, str | None, bool]:
    """The text of an editor file to merge into (None: there is none), or why it is left
    alone, and whether that is because it cannot be read (or leads out of the
    workspace): then `init` exits with 2."""
    import os

    from tuyengiao.files import ReadError, read_bytes
    from tuyengiao.rules.findings import read_error
    from tuyengiao.scaffold import MAX_EDITOR_BYTES

    shown = path.as_posix()
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(inside):
        text = msg("editor.init.outside", path=shown, target=str(real), setting=setting)
        return text, None, True
    if not os.path.lexists(path):
        return None, None, False
    try:
        return None, read_bytes(path, MAX_EDITOR_BYTES).decode("utf-8-sig"), False
    except ReadError as error:
        reason = read_error(msg, shown, error).message
        return msg("editor.init.unreadable", path=shown, reason=reason, setting=setting), None, True
    except UnicodeDecodeError:
        return msg("editor.init.bad_json", path=shown, setting=setting), None, False


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
