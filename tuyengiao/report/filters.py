"""Jinja filters: escaping plan text for Markdown, and numbers and dates the local way."""

from __future__ import annotations

import functools
import re
from datetime import date

from markupsafe import Markup

from tuyengiao.dates import format_long_vi, format_vi
from tuyengiao.i18n import Messages
from tuyengiao.printable import escape_controls

# Characters Markdown (CommonMark, GFM tables and strikethrough, GitHub's math) gives a
# meaning anywhere in a line; each is backslash-escaped, as CommonMark allows for any
# ASCII punctuation. `!` and `(` only act after a `[`, which is escaped.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#$])")
#: Whatever `md_cell` changes in a line: HTML's and Markdown's characters.
_MD_ANY = re.compile(r"[&<>\\`*_\[\]|~#$]")
# What only means something at the start of a line: a list item ("- ", "+ ", "1. ").
_MD_LINE_START = re.compile(r"^([-+](?=\s|$)|[0-9]{1,9}(?=[.)](?:\s|$)))")


# What `str.splitlines` splits on: kept by the control escape, turned into `<br>` here.
_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


class MdSafe(str):
    """Text already escaped for Markdown: the Markdown environment prints it as is."""

    __slots__ = ()


def md_cell(value: object) -> MdSafe:
    """`value` as literal Markdown text that cannot break a table row or add markup.

    HTML is turned into entities (`<script>` shows as text), Markdown punctuation and
    the table pipe are backslash-escaped, and every kind of line break becomes `<br>`
    (GitHub renders it inside a table cell; a raw newline would end the row). Any
    other control character (ESC, BEL from a file name) is written as an escape.
    """
    if isinstance(value, MdSafe):
        return value
    if (
        type(value) is str
        and value.isprintable()  # one line: every line break is unprintable
        and _MD_ANY.search(value) is None
        and value[:1] != " " != value[-1:]
        and _MD_LINE_START.match(value) is None
    ):  # nothing to escape: most table cells (1,000 plans: Markdown render 0.22 s → 0.12 s)
        return MdSafe(value)
    text = escape_controls(str(value), keep=_LINE_BREAKS)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    lines = (_escape_start(line.strip()) for line in text.strip().splitlines())
    return MdSafe("<br>".join(lines))


def _escape_start(line: str) -> str:
    match = _MD_LINE_START.match(line)
    if match is None:
        return line
    if match.group(1) in "-+":
        return "\\" + line
    end = match.end()
    return f"{line[:end]}\\{line[end:]}"


def md_finalize(value: object) -> object:
    """Escape every `{{ … }}` of a Markdown template unless it is a number or already safe."""
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    if numeric or isinstance(value, MdSafe):
        return value
    return md_cell(value)


def html_finalize(value: object) -> object:
    """Every `{{ … }}` of an HTML template: control characters of text written as escapes.

    Autoescaping then turns `<`, `&`… into entities; ESC and BEL it would let through.
    A plain printable string, nearly every one of the 83,000 table cells of 1,000
    plans, is passed on at once: 0.02 s less rendering HTML or Word.
    """
    if type(value) is str and value.isprintable():
        return value
    if isinstance(value, str) and not isinstance(value, Markup):
        return escape_controls(value)
    return value


def short_date(day: date, *, english: bool = False) -> str:
    """A date in tables: `20/5/2022` in Vietnamese, ISO `2022-05-20` in English."""
    return day.isoformat() if english else format_vi(day)


# A report names the same few hundred days tens of thousands of times (10,000 plans:
# 160,000 dates in the annex and section IV): one string per day, not per mention.
@functools.lru_cache(maxsize=1024)
def doc_date(day: date, *, english: bool = False) -> str:
    """A date in the document's sentences: `05/7/2022` (Nghị định 30's padding), ISO in English.

    Days below 10 and the months 1 and 2 take a leading zero, as in the written form.
    """
    if english:
        return day.isoformat()
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def long_date(day: date, msg: Messages) -> str:
    """A date in running text: `ngày 05 tháng 7 năm 2022` (Nghị định 30) or `5 July 2022`."""
    if msg.lang == "vi":  # the decree's rule lives in one place
        return format_long_vi(day)
    month = msg(f"report.month.{day.month}")
    return msg("report.date.long", day=day.day, month=month, year=day.year)
