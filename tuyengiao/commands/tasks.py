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
                opt.fail(msg("editor.tasks.exists", path=export.as_posix()))
            new = NewFile(export, exported_catalogue(msg))
            write_files([new], force=False, generated=False, msg=msg)
            typer.echo(msg("editor.tasks.exported", path=export.as_posix()))
            return
        settings = opt.settings_for(
            [], today="2000-01-01", lang=lang, config=config, guidance=guidance, msg=msg
        )
        print_tasks(settings.guidance, msg, full=full)


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
