"""`--format text`: findings grouped by file for people, coloured only on a terminal."""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from tuyengiao.diagnostics import Diagnostic, Severity
from tuyengiao.printable import one_line, visible

if TYPE_CHECKING:
    from tuyengiao.formatters import Options
    from tuyengiao.workspace import Result

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}

#: A line of output as (text, Rich style) pieces; the style is "" for plain text.
Line = list[tuple[str, str]]


def render(result: Result, stream: TextIO, options: Options) -> None:
    """Each file once, its findings under it by line, then one summary line.

    A file name, a message and a hint are each one line of printable text (see
    `tuyengiao.printable`): no escape sequence reaches the terminal, and no text from a
    file starts a line of its own (which a CI runner could read as a command).
    """
    lines = _lines(result)
    if not _colour(stream, options):
        # Without colour the pieces are written as they are, line by line as they are
        # made. Going through Rich cost 1.25 s for 4,143 findings (benchmarks/, 1,000
        # plans); this, 0.01 s. Making the whole text first took `check` on 10,000
        # plans from 63 MiB to 126 MiB at its peak. Each line joined from a list, not a
        # generator: 12,487 findings 41 ms -> 32-34 ms (with the labels below; in-process).
        stream.writelines("".join([text for text, _ in line]) + "\n" for line in lines)
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=stream, force_terminal=True, width=options.width, highlight=False, soft_wrap=True
    )
    # One print of the joined lines: a print per line costs Rich's render setup each time.
    console.print(Text("\n").join(Text.assemble(*line) for line in lines))


def _colour(stream: TextIO, options: Options) -> bool:
    """Colour when asked, else on a terminal unless NO_COLOR or TERM=dumb says no."""
    if options.color is not None:
        return options.color
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _lines(result: Result) -> Iterator[Line]:
    msg = result.settings.msg
    # Each severity's word looked up once, not once per finding.
    labels = {severity: msg(f"severity.{severity.value}") for severity in Severity}
    for file, group in groupby(result.diagnostics, key=lambda d: d.file):
        yield [(visible(file), "bold underline")]
        for diagnostic in group:
            yield from _finding(diagnostic, labels)
        yield []
    summary = result.summary
    style = "bold red" if summary.errors else ("yellow" if summary.warnings else "green")
    counts = {
        "files": summary.files,
        "errors": summary.errors,
        "warnings": summary.warnings,
        "infos": summary.infos,
    }
    yield [(msg("cli.summary", **counts), style)]


def _finding(d: Diagnostic, labels: dict[Severity, str]) -> list[Line]:
    where = d.where or "-"
    severity = labels[d.severity]
    line: Line = [
        ("  ", ""),
        (f"{where:<7} ", "dim"),
        (f"{severity:<9} ", _STYLE[d.severity]),
        (f"{d.code} ", "dim"),
        (f"[{d.rule}] ", "dim"),
        (one_line(d.message), ""),
    ]
    if not d.hint:
        return [line]
    return [line, [("          ", ""), ("→ ", "dim"), (one_line(d.hint), "")]]
