"""Activity status: the four states and the Vietnamese words users write for them."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import Final

__all__ = [
    "ALIASES",
    "STATUS_LABELS_VI",
    "Status",
    "fold",
    "parse_status",
    "spellings",
    "suggest_status",
]


class Status(StrEnum):
    """The state of an activity; the value is the canonical English name."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


ALIASES: Final[dict[Status, tuple[str, ...]]] = {
    Status.PLANNED: ("kế hoạch", "chưa thực hiện", "chưa bắt đầu"),
    Status.IN_PROGRESS: ("đang thực hiện", "đang triển khai", "đang làm"),
    Status.DONE: ("hoàn thành", "đã hoàn thành", "xong", "đã xong"),
    Status.CANCELLED: ("hủy", "đã hủy", "không thực hiện"),
}

STATUS_LABELS_VI: Final[dict[Status, str]] = {
    Status.PLANNED: "kế hoạch",
    Status.IN_PROGRESS: "đang thực hiện",
    Status.DONE: "hoàn thành",
    Status.CANCELLED: "đã hủy",
}

_SEPARATORS = re.compile(r"[\s_-]+")
# Letters that NFD leaves whole but a reader sees as a plain letter. U+00D0/U+00F0
# (Icelandic eth) look exactly like Đ/đ and slip in from legacy Vietnamese
# encodings; dotless ı must fold like I, or "HIỆN" and "hıện" would disagree.
_PLAIN_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ı": "i"})


def fold(text: str) -> str:
    """Reduce `text` to a key for matching.

    Case, diacritics, Unicode form and tone-mark placement (`hủy`/`huỷ`) are
    dropped, `đ` becomes `d`, and runs of spaces, `_` and `-` become one space.
    """
    if not text.isascii():
        # NFD both before and after casefold is Unicode's canonical caseless
        # match (D145); dropping the marks then removes every diacritic, which
        # also makes tone placement irrelevant.
        text = unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).casefold())
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.translate(_PLAIN_LETTERS)
    else:
        text = text.casefold()
    return _SEPARATORS.sub(" ", text).strip()


def _spellings() -> dict[str, tuple[Status, str]]:
    """Folded spelling → (status, spelling to show in a hint)."""
    table: dict[str, tuple[Status, str]] = {}
    for status in Status:
        table[fold(status.value)] = (status, status.value)
    table[fold("canceled")] = (Status.CANCELLED, "canceled")
    for status, aliases in ALIASES.items():
        for alias in aliases:
            table[fold(alias)] = (status, alias)
    return table


# Built once at import: `check` looks up a status for every activity.
_LOOKUP: Final[dict[str, tuple[Status, str]]] = _spellings()


def spellings(statuses: Iterable[Status] = Status) -> list[str]:
    """Every spelling `parse_status` accepts for `statuses`, as shown to users (for the schema)."""
    wanted = set(statuses)
    return [shown for status, shown in _LOOKUP.values() if status in wanted]


# Plans repeat a handful of status words; folding each one again (NFD, casefold,
# mark stripping) cost 0.15-0.2 s per 1,000 plans of 24 activities (benchmarks/).
@functools.lru_cache(maxsize=1024)
def parse_status(value: str) -> Status | None:
    """Return the status `value` names (English or a Vietnamese alias), or None."""
    entry = _LOOKUP.get(fold(value))
    return entry[0] if entry else None


def suggest_status(value: str) -> str | None:
    """Return the accepted spelling closest to `value`, for a "did you mean" hint."""
    # Imported here: only an unknown status needs it, and `check` stays lean.
    import difflib

    folded = fold(value)
    if not folded:
        return None
    matches = difflib.get_close_matches(folded, _LOOKUP, n=1, cutoff=0.6)
    if not matches:
        # A word far from every spelling ("đã làm", "chưa xong"): the alias that shares
        # the most of its words, else the closest at a looser cut-off, still one guess.
        words = set(folded.split())
        shared = max(_LOOKUP, key=lambda known: len(words & set(known.split())))
        if words & set(shared.split()):
            matches = [shared]
        else:
            matches = difflib.get_close_matches(folded, _LOOKUP, n=1, cutoff=0.4)
    return _LOOKUP[matches[0]][1] if matches else None
