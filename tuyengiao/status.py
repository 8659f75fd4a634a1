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
    "NOT_DONE",
    "PAUSED",
    "STATUS_LABELS_VI",
    "Status",
    "fold",
    "parse_status",
    "spellings",
    "status_meaning",
    "suggest_status",
]


class Status(StrEnum):
    """The state of an activity; the value is the canonical English name."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


ALIASES: Final[dict[Status, tuple[str, ...]]] = {
    Status.PLANNED: (
        "kế hoạch",
        "chưa thực hiện",
        "chưa bắt đầu",
        # The office's own words, each of one meaning only (issue 18).
        "chưa làm",
        "chưa triển khai",
        "chưa tổ chức",
        "dự kiến",
    ),
    Status.IN_PROGRESS: (
        "đang thực hiện",
        "đang triển khai",
        "đang làm",
        "đang tiến hành",
        "đang tổ chức",
    ),
    Status.DONE: (
        "hoàn thành",
        "đã hoàn thành",
        "xong",
        "đã xong",
        "đã tổ chức",
        "đã thực hiện",
        "đã triển khai",
        "đã tiến hành",
        "đã làm",
        "hoàn tất",
        "đã hoàn tất",
    ),
    Status.CANCELLED: ("hủy", "đã hủy", "không thực hiện", "hủy bỏ", "đã hủy bỏ", "không tổ chức"),
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


#: What a status phrase says by its words, for a phrase that is not an accepted one:
#: `đã …`/`xong …` is done, `đang …` in progress, `chưa …` not started, `hủy`/`không …`
#: cancelled. Two meanings are no status at all: "not done" (`chưa xong` may be planned
#: or in progress) and "paused" (`tạm dừng`: neither cancelled nor going on).
NOT_DONE: Final = "not_done"
PAUSED: Final = "paused"
_CANCEL = re.compile(r"(?:^|.* )huy[a-z]*(?: .*|$)|^khong .+")
_PAUSE = re.compile(r"(?:.* )?tam (?:dung|hoan|ngung|nghi)(?: .*)?|(?:hoan|dung|ngung)(?: lai)?")
_NOT_DONE = re.compile(r"^chua (?:xong|hoan thanh|hoan tat|ket thuc)\b.*")


def status_meaning(text: str) -> Status | str | None:
    """What `text` (a status as written) says: a `Status`, `NOT_DONE`, `PAUSED`, or None.

    An accepted spelling says its status; otherwise the phrase's first word decides.
    """
    folded = fold(text)
    entry = _LOOKUP.get(folded)
    if entry is not None:
        return entry[0]
    if _CANCEL.match(folded):
        return Status.CANCELLED
    if _PAUSE.fullmatch(folded):
        return PAUSED
    if _NOT_DONE.match(folded):
        return NOT_DONE
    first = folded.split(" ", 1)[0]
    if first in ("da", "xong", "done") or folded.startswith(("hoan thanh", "hoan tat")):
        return Status.DONE
    if first == "dang":
        return Status.IN_PROGRESS
    if first == "chua":
        return Status.PLANNED
    return None


def suggest_status(value: str) -> str | None:
    """The accepted spelling `value` most likely means, for a "did you mean" hint.

    Only a spelling of the same meaning is ever suggested (`đã tổ chức xong` → a done
    word, never `đã hủy`); a word of no known meaning gets the nearest spelling only
    when it is close (a typo), and a phrase that names no one status gets none.
    """
    # Imported here: only an unknown status needs it, and `check` stays lean.
    import difflib

    folded = fold(value)
    if not folded:
        return None
    meaning = status_meaning(folded)
    if meaning in (NOT_DONE, PAUSED):
        return None
    if isinstance(meaning, Status):
        same = [known for known, (status, _) in _LOOKUP.items() if status is meaning]
        matches = difflib.get_close_matches(folded, same, n=1, cutoff=0.75)
        return _LOOKUP[matches[0]][1] if matches else ALIASES[meaning][0]
    matches = difflib.get_close_matches(folded, _LOOKUP, n=1, cutoff=0.75)
    return _LOOKUP[matches[0]][1] if matches else None
