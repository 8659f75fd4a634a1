"""`--format json`: the stable document of DESIGN.md, for scripts and dashboards."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from tuyengiao.formatters import Options
    from tuyengiao.workspace import Result

VERSION = 1


def document(result: Result) -> dict[str, object]:
    """The JSON document as a Python object."""
    return {
        "version": VERSION,
        "today": result.settings.today.isoformat(),
        "summary": result.summary.to_json(),
        "diagnostics": [d.to_json() for d in result.diagnostics],
    }


def render(result: Result, stream: TextIO, options: Options) -> None:
    """Write the document, UTF-8 text unescaped, two-space indented."""
    json.dump(document(result), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
