"""`--format github`: GitHub Actions workflow commands, shown as annotations on the lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from tuyengiao.diagnostics import Severity
from tuyengiao.printable import escape_controls

if TYPE_CHECKING:
    from tuyengiao.formatters import Options
    from tuyengiao.workspace import Result

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    # The escapes GitHub's runner undoes (actions/toolkit, command.ts); then every other
    # control character (ESC, BEL, U+2028…) of a file name, written visibly.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escape_controls(text)


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: Result, stream: TextIO, options: Options) -> None:
    """One `::error file=…,line=…,col=…,title=…::message` line per finding."""
    for d in result.diagnostics:
        props = [f"file={_property(d.file)}"]
        if d.line is not None and d.cell is None:  # a workbook's cell is no line of text
            props.append(f"line={d.line}")
        if d.column is not None and d.cell is None:
            props.append(f"col={d.column}")
        props.append(f"title={_property(f'{d.code} {d.rule}')}")
        message = d.message if d.hint is None else f"{d.message}\n{d.hint}"
        if d.cell is not None:
            message = f"{d.cell}: {message}"
        stream.write(f"::{_COMMAND[d.severity]} {','.join(props)}::{_data(message)}\n")
    summary = result.summary
    msg = result.settings.msg
    stream.write(
        msg(
            "cli.summary",
            files=summary.files,
            errors=summary.errors,
            warnings=summary.warnings,
            infos=summary.infos,
        )
        + "\n"
    )
