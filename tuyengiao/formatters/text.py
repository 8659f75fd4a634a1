"""`--format text`: findings grouped by file for people, coloured only on a terminal."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.text import Text

from tuyengiao.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from tuyengiao.formatters import Options
    from tuyengiao.workspace import Result

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(result: Result, stream: TextIO, options: Options) -> None:
    """Each file once, its findings under it by line, then one summary line."""
    msg = result.settings.msg
    console = Console(
        file=stream,
        force_terminal=options.color,
        no_color=options.color is False,
        width=options.width,
        highlight=False,
        soft_wrap=True,
    )
    for file, group in groupby(result.diagnostics, key=lambda d: d.file):
        console.print(Text(file, style="bold underline"))
        for diagnostic in group:
            _print(console, diagnostic, msg(f"severity.{diagnostic.severity.value}"))
        console.print()
    summary = result.summary
    style = "bold red" if summary.errors else ("yellow" if summary.warnings else "green")
    line = msg(
        "cli.summary",
        files=summary.files,
        errors=summary.errors,
        warnings=summary.warnings,
        infos=summary.infos,
    )
    console.print(Text(line, style=style))


def _print(console: Console, d: Diagnostic, severity: str) -> None:
    where = f"{d.line}:{d.column}" if d.line is not None else "-"
    text = Text("  ")
    text.append(f"{where:<7} ", style="dim")
    text.append(f"{severity:<9} ", style=_STYLE[d.severity])
    text.append(f"{d.code} ", style="dim")
    text.append(f"[{d.rule}] ", style="dim")
    text.append(d.message)
    console.print(text)
    if d.hint:
        console.print(Text.assemble("          ", ("→ ", "dim"), d.hint))
