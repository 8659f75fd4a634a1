"""Output formats of `check`: a name → module table, imported only when chosen.

Each module has `render(result, stream, options) -> None`. Adding a format is one
module and one line here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO, cast

if TYPE_CHECKING:
    from tuyengiao.workspace import Result

FORMATS: dict[str, str] = {
    "text": "tuyengiao.formatters.text",
    "json": "tuyengiao.formatters.json",
    "github": "tuyengiao.formatters.github",
    "junit": "tuyengiao.formatters.junit",
    "sarif": "tuyengiao.formatters.sarif",
    "gitlab": "tuyengiao.formatters.gitlab",
}


@dataclass(frozen=True, slots=True)
class Options:
    """How to render: colour (text only) and whether to print a summary line."""

    color: bool | None = None
    width: int | None = None


Renderer = Callable[["Result", TextIO, Options], None]


def renderer(name: str) -> Renderer:
    """The render function of format `name` (one of FORMATS)."""
    module = importlib.import_module(FORMATS[name])
    return cast(Renderer, module.render)
