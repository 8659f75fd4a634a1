"""Message catalogues: every user-facing sentence lives in `data/messages/<lang>/*.json`.

Each feature keeps its own file (`core.json`, `report.json`, …); a language's files
are merged into one table, and two files defining the same key is a bug.

JSON, not YAML, because the CLI needs its help text before anything else is
imported, and `json` costs a fraction of PyYAML's import time on every start.

Keys are dotted paths (`rules.overdue.message`); values are `str.format` templates
whose fields are filled with plan values. Plan text is only ever an argument, never
the template, so a `{` in a title cannot break or inject into a message.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


class Messages:
    """The catalogue of one language, with the Vietnamese one as the fallback."""

    def __init__(self, lang: Lang, table: dict[str, str], fallback: dict[str, str]) -> None:
        self.lang = lang
        self._table = table
        self._fallback = fallback

    def __call__(self, key: str, /, **fields: object) -> str:
        """The message `key` filled with `fields`; a missing key is a bug, so it raises."""
        template = self._table.get(key) or self._fallback[key]
        return template.format(**fields) if fields else template

    def get(self, key: str, /, **fields: object) -> str | None:
        """Like calling, but None where the catalogue has no such key (optional hints)."""
        if key not in self._table and key not in self._fallback:
            return None
        return self(key, **fields)

    def has(self, key: str) -> bool:
        """Whether this language's own catalogue defines `key` (no fallback)."""
        return key in self._table

    def keys(self) -> set[str]:
        """Every key of this language's own catalogue."""
        return set(self._table)


def _flatten(tree: dict[str, object], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, path + "."))
        else:
            flat[path] = str(value)
    return flat


#: The package's data files. A plain path, not `importlib.resources`: tuyengiao is
#: installed as files (pip, pipx), and importing importlib.resources (with zipfile)
#: cost 3.5 ms of every start, a tenth of `check` on one plan beyond Typer's own.
DATA = Path(__file__).resolve().parent / "data"


@cache
def _table(lang: Lang) -> dict[str, str]:
    table: dict[str, str] = {}
    folder = DATA / "messages" / lang
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            part = _flatten(json.loads(entry.read_text("utf-8")))
            clash = table.keys() & part.keys()
            assert not clash, f"{entry.name} redefines {sorted(clash)}"
            table.update(part)
    return table


@cache
def messages(lang: Lang = "vi") -> Messages:
    """The catalogue for `lang` (cached: built once per process)."""
    return Messages(lang, _table(lang), _table("vi"))
