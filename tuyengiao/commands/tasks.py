"""`tuyengiao tasks`: the tasks of the guidance in use, as a table."""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt

if TYPE_CHECKING:
    from tuyengiao.i18n import Messages
    from tuyengiao.models import Guidance


def register(app: typer.Typer, msg: "Messages") -> None:
    """Add the `tasks` command to `app`."""

    @app.command("tasks", help=msg("cli.tasks.help"))
    def tasks(
        full: Annotated[bool, typer.Option("--full", help=msg("cli.tasks.full"))] = False,
        export: Annotated[
            Path | None,
            typer.Option(
                "--export",
                metavar=msg("editor.tasks.metavar"),
                help=msg("editor.tasks.export"),
                dir_okay=False,
            ),
        ] = None,
        today: Annotated[str | None, opt.today_option(msg)] = None,
        config: Annotated[Path | None, opt.config_option(msg)] = None,
        guidance: Annotated[list[str] | None, opt.guidance_option(msg)] = None,
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
    ) -> None:
        if export is not None:
            from tuyengiao.commands.init import write_files
            from tuyengiao.scaffold import NewFile, exported_catalogue

            opt.check_lang(lang, msg)
            # Never replaces a file: the export is a starting point, not something to redo.
            if export.exists() or export.is_symlink():
                free = free_name(export).as_posix()
                opt.fail(msg("editor.tasks.exists", path=export.as_posix(), free=free))
            new = NewFile(export, exported_catalogue(msg))
            write_files([new], force=False, generated=False, msg=msg)
            typer.echo(msg("editor.tasks.exported", path=export.as_posix()))
            return
        # The catalogue of the year of `--today` when the workspace has one, else the
        # latest in use (`--today` is a common option: every command takes it).
        settings = opt.settings_for(
            [], today=today, lang=lang, config=config, guidance=guidance, msg=msg
        )
        chosen = settings.catalogues.for_year(settings.today.year) if today else None
        print_tasks(chosen or settings.guidance, msg, full=full)


def free_name(path: Path) -> Path:
    """A name beside `path` that no file has: the next year's (`2024.yaml` after
    `2023.yaml`), else `name-2.yaml`, `name-3.yaml`…"""
    stem, suffix = path.stem, path.suffix
    if stem.isdigit() and len(stem) == 4:
        candidates = [path.with_name(f"{int(stem) + n}{suffix}") for n in range(1, 50)]
    else:
        candidates = [path.with_name(f"{stem}-{n}{suffix}") for n in range(2, 100)]
    for candidate in candidates:
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
    return path.with_name(f"{stem}-moi{suffix}")


def print_tasks(guidance: "Guidance", msg: "Messages", *, full: bool) -> None:
    """A Rich table: number, title, referenced documents, deadline (and the full text).

    Every text of the catalogue is a `Text`, its control characters escaped, on a console
    that reads no markup: a title with `[/]` is shown as written, never a markup error,
    and `[link=…]` never becomes a hidden terminal hyperlink.
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from tuyengiao.dates import format_vi
    from tuyengiao.printable import escape_controls, one_line

    def shown(text: str) -> Text:
        return Text(escape_controls(text, keep="\n"))

    english = msg.lang == "en"
    title = Text(one_line(guidance.title))
    table = Table(title=title, show_lines=True, title_justify="left")
    table.add_column(msg("tasks.number"), justify="right", no_wrap=True)
    table.add_column(msg("tasks.task"), ratio=3)
    table.add_column(msg("tasks.documents"), ratio=2)
    table.add_column(msg("tasks.deadline"), no_wrap=True)
    for task in guidance.tasks:
        text = task.title_en if english else task.title
        if full:
            text = f"{text}\n\n{task.text}"
        documents = "\n".join(f"• {one_line(document.label())}" for document in task.documents)
        deadline = format_vi(task.deadline) if task.deadline else ""
        table.add_row(str(task.number), shown(text), shown(documents), deadline)
    Console(highlight=False, markup=False, emoji=False).print(table)
