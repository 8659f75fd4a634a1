"""Typer's and Click's own words (usage, headings, errors) in the user's language.

Typer 0.28 vendors Click without its gettext calls: "Usage:", "Show this message and
exit.", "No such option" are literals in `typer._click`. Typer itself still reads
its few words ("Options", "default: {default}") through `gettext`. So `install`
replaces typer.core's `_` with a lookup in `data/click/<lang>.json`, and wraps the
three places the vendored Click writes words of its own: the usage line, the rows of
option help, and error messages. English is the words as Click wrote them.

Only a function pointer changes at start-up; the table is read the first time a help
page or an error is shown, never on a normal run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from tuyengiao.i18n import DATA

#: The language the installed wrappers translate into ("en": they leave text alone).
_active = "en"
_installed = False


@cache
def _table(lang: str) -> tuple[dict[str, str], dict[str, str], list[tuple[re.Pattern[str], str]]]:
    path = DATA / "click" / f"{lang}.json"
    if not path.is_file():
        return {}, {}, []
    data = json.loads(path.read_text("utf-8"))
    patterns = [(re.compile(p, re.MULTILINE), r) for p, r in data["patterns"]]
    return data["gettext"], data["phrases"], patterns


def gettext(message: str) -> str:
    """Typer's gettext msgid in the active language."""
    if _active == "en":
        return message
    return _table(_active)[0].get(message, message)


def phrase(text: str) -> str:
    """A help text of Typer's or Click's (a whole option help) in the active language."""
    if _active == "en" or not text:
        return text
    phrases = _table(_active)[1]
    for english, translated in phrases.items():
        if english in text:
            text = text.replace(english, translated)
    return text


def message(text: str) -> str:
    """A usage line or error message Click built, in the active language."""
    if _active == "en" or not text:
        return text
    for pattern, replacement in _table(_active)[2]:
        text = pattern.sub(replacement, text)
    return text


def install(lang: str) -> None:
    """Make Typer and its Click speak `lang` from now on (idempotent; "en" undoes it)."""
    global _active, _installed  # noqa: PLW0603 - one switch for the whole process
    _active = lang
    if _installed:
        return
    _installed = True
    import typer.core
    from typer._click import exceptions, formatting

    typer.core._ = gettext  # type: ignore[attr-defined]

    namespace = vars(exceptions)  # `echo` is imported there, not exported
    real_echo: Callable[..., None] = namespace["echo"]

    def echo(text: Any = None, *args: Any, **kwargs: Any) -> None:
        real_echo(message(text) if isinstance(text, str) else text, *args, **kwargs)

    namespace["echo"] = echo

    formatter = formatting.HelpFormatter
    real_usage: Callable[..., None] = formatter.write_usage
    real_dl: Callable[..., None] = formatter.write_dl

    def write_usage(
        self: formatting.HelpFormatter, prog: str, args: str = "", prefix: str | None = None
    ) -> None:
        if prefix is None and _active != "en":
            prefix = message("Usage: ")
        real_usage(self, prog, message(args), prefix)

    def write_dl(
        self: formatting.HelpFormatter, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any
    ) -> None:
        real_dl(self, [(term, phrase(text)) for term, text in rows], *args, **kwargs)

    formatter.write_usage = write_usage  # type: ignore[method-assign]
    formatter.write_dl = write_dl  # type: ignore[method-assign]
