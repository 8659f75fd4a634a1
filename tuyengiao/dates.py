"""Dates as users write them in plan files: parsed strictly, never guessed."""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from typing import Literal

__all__ = ["DateError", "format_long_vi", "format_vi", "parse_date"]

MIN_YEAR = 1900
MAX_YEAR = 2100

# `[0-9]`, not `\d`: `\d` also matches Arabic-Indic, fullwidth and other digits,
# which int() would happily convert into a date nobody can read back.
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# The back-reference makes `20/5-2022` a format error rather than a guess.
_DAY_FIRST = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})")
# `ngày 20 tháng 5 năm 2022`, `20 tháng 5 năm 2022` and `ngày 20/5/2022` (DESIGN.md).
_WRITTEN = re.compile(
    r"(?:ngày\s+)?([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})",
    re.IGNORECASE,
)
_WRITTEN_DAY_FIRST = re.compile(
    r"ngày\s+([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})", re.IGNORECASE
)


class DateError(ValueError):
    """A value that is not an accepted date.

    `reason` is "format" (not one of the accepted forms) or "impossible"
    (an accepted form naming no real day, e.g. 31/2/2022, or a year outside
    1900–2100). `text` is the offending value as text.
    """

    def __init__(self, reason: Literal["format", "impossible"], text: str) -> None:
        super().__init__(reason, text)
        self.reason: Literal["format", "impossible"] = reason
        self.text = text

    def __str__(self) -> str:
        if self.reason == "impossible":
            return f"impossible date: {self.text!r}"
        return f"not an accepted date: {self.text!r}"


def parse_date(value: object) -> datetime.date:
    """Return the date `value` names, or raise DateError.

    Accepts a `datetime.date` (what PyYAML makes of an unquoted ISO date) or a
    string in one of the forms of DESIGN.md: `2022-05-20`, `20/5/2022`,
    `20-5-2022`, `20.5.2022` (day first, one separator), or written out:
    `ngày 20 tháng 5 năm 2022`, `20 tháng 5 năm 2022`, `ngày 20/5/2022`.
    """
    # datetime is a subclass of date, so it must be ruled out first:
    # a timestamp carries a time the plan format has no place for.
    if isinstance(value, datetime.datetime):
        raise DateError("format", str(value))
    if isinstance(value, datetime.date):
        # `9999-12-31` is a date to YAML, but adding a day to it overflows; the year
        # range is the one the text forms follow.
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise DateError("impossible", value.isoformat())
        return value
    if not isinstance(value, str):
        raise DateError("format", str(value))
    return _parse_text(value)


# Plans repeat the same days: parsing each text once per run, not once per activity,
# took `check` on 1,000 generated plans (53,000 dates) from 1.79 s to 1.71 s.
@functools.lru_cache(maxsize=4096)
def _parse_text(value: str) -> datetime.date:
    text = value.strip()
    match = _ISO.fullmatch(text)
    if match:
        return _build(text, match[1], match[2], match[3])
    match = _DAY_FIRST.fullmatch(text)
    if match:
        return _build(text, match[4], match[3], match[1])
    # Only the written form has letters, so only it pays for normalisation
    # (NFD "ngày" typed on some keyboards must match the NFC pattern).
    text = unicodedata.normalize("NFC", text)
    match = _WRITTEN.fullmatch(text)
    if match:
        return _build(text, match[3], match[2], match[1])
    match = _WRITTEN_DAY_FIRST.fullmatch(text)
    if match:
        return _build(text, match[4], match[3], match[1])
    raise DateError("format", text)


def _build(text: str, year: str, month: str, day: str) -> datetime.date:
    """Turn matched digit groups into a date, or raise DateError("impossible")."""
    y = int(year)
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise DateError("impossible", text)
    try:
        return datetime.date(y, int(month), int(day))
    except ValueError:
        raise DateError("impossible", text) from None


def format_vi(d: datetime.date) -> str:
    """Short day-first form for messages, without zero padding: `20/5/2022`."""
    return f"{d.day}/{d.month}/{d.year}"


def format_long_vi(d: datetime.date) -> str:
    """Written form for documents, per Nghị định 30/2020: `ngày 05 tháng 7 năm 2022`.

    Days below 10 and the months 1 and 2 take a leading zero; other months do not.
    """
    # Only January and February are padded: the decree's rule, meant to keep a
    # handwritten "1" or "2" from being extended into "11" or "12".
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"
