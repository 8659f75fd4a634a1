"""The mistakes people really make in plan files, recognised so a hint can name them.

Union officers copy text from Word and dates from Excel: a non-breaking space after a
colon, typographic quotes, an en dash as a list bullet, `44701` for a date, `1.500`
for a number, `hạn:` for `due:`. YAML and the field rules see only "not valid"; these
pure functions look at what was written and say what was meant. Each returns None
(nothing recognised) or a `Hint`: a message key of `data/messages/*/mistakes.json`
and the fields to fill it with (`msg(hint.key, **hint.fields)`). They read text and
YAML nodes only, so the reading layer can call them wherever it builds a finding.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final

import yaml

from tuyengiao.dates import MAX_YEAR, MIN_YEAR, DateError, format_vi, parse_date
from tuyengiao.fields import MAX_DIGITS
from tuyengiao.status import ALIASES, NOT_DONE, PAUSED, fold, status_meaning, suggest_status

__all__ = [
    "Hint",
    "closest",
    "comma_in_flow_value",
    "comment_cuts",
    "key_hint",
    "status_hint",
    "syntax_hint",
    "value_hint",
]


@dataclass(frozen=True, slots=True)
class Hint:
    """A recognised mistake: the catalogue key of its explanation and the key's fields."""

    key: str
    fields: dict[str, object] = field(default_factory=dict)


# --- YAML syntax errors --------------------------------------------------------------

#: Characters that look like a space or like nothing, and that YAML does not take as
#: one: Word's non-breaking space, zero-width space and joiners, a BOM in mid-file.
INVISIBLE: Final[frozenset[str]] = frozenset(
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u200c\u200d\u2060\u202f\u205f\u3000\ufeff\u00ad"
)
_TYPOGRAPHIC_QUOTES: Final = "“”„‟‘’‚‛«»"
#: Word's long dashes and bullets where a list's `-` belongs (`tuyengiao.read.syntax`
#: repairs them).
BULLETS: Final = "–—―−•●▪◦·‣⁃∙○■□➢➤►▸"
_DASH_BULLET = re.compile(rf"([ \t]*)([{BULLETS}])[ \t\u00a0]")
_KEY_VALUE = re.compile(r"([ \t]*(?:- +)?)([^\s:#'\"{}\[\],][^:#]*?):[ \t]+([^'\"{\[|>].*)")
#: How far above the reported line an invisible character is looked for: PyYAML
#: reports `due:<NBSP>20/5/2022` on the line after, where the next key starts.
_LOOK_BACK = 2
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def lines_of(text: str) -> list[str]:
    """The lines of `text` as PyYAML counts them (its marks are per these lines)."""
    return _LINE_BREAK.split(text)


def syntax_hint(text: str, line: int, column: int, problem: str) -> Hint | None:
    """What a YAML syntax error at 1-based `line`/`column` most likely comes from.

    The hint's `line`/`column` fields are where the user must look (an invisible
    character is often reported a line late); the others fill its message.
    """
    lines = lines_of(text)
    if not 1 <= line <= len(lines):
        return None
    invisible = _invisible_near(lines, line, column)
    if invisible is not None:
        return invisible
    # A dash bullet reads as the key `– id`: YAML stumbles only on the line after it.
    for number in range(line, max(0, line - 1 - _LOOK_BACK), -1):
        dash = _DASH_BULLET.match(lines[number - 1])
        if dash:
            return Hint(
                "hint.mistake.dash_bullet",
                {"line": number, "column": len(dash[1]) + 1, "dash": dash[2]},
            )
    current = lines[line - 1]
    quote = next((i for i, ch in enumerate(current) if ch in _TYPOGRAPHIC_QUOTES), None)
    if quote is not None:
        return Hint(
            "hint.mistake.typographic_quotes",
            {"line": line, "column": quote + 1, "quote": current[quote]},
        )
    indent = current[: len(current) - len(current.lstrip(" \t"))]
    if "\\t" in problem or "\t" in problem or "\t" in indent:
        tab = current.index("\t") if "\t" in current else max(column - 1, 0)
        return Hint("hint.mistake.tab", {"line": line, "column": tab + 1})
    if "mapping values are not allowed" in problem:
        pair = _KEY_VALUE.match(current)
        if pair and ":" in pair[3]:
            value = pair[3].split(" #", 1)[0].rstrip()
            return Hint(
                "hint.mistake.colon_in_value",
                {
                    "line": line,
                    "column": pair.start(3) + 1,
                    "key": pair[2],
                    "value": value.replace('"', '\\"'),
                },
            )
    return None


def _invisible_near(lines: list[str], line: int, column: int) -> Hint | None:
    """The invisible character nearest before the error, on its line or just above."""
    for number in range(line, max(0, line - 1 - _LOOK_BACK), -1):
        text = lines[number - 1]
        # On the error line itself, only what comes before (or at) the mark counts.
        limit = column if number == line else len(text)
        for index in range(min(limit, len(text)) - 1, -1, -1):
            char = text[index]
            if char in INVISIBLE:
                code = f"U+{ord(char):04X}"
                name = unicodedata.name(char, code)
                return Hint(
                    "hint.mistake.invisible",
                    {"line": number, "column": index + 1, "code": code, "name": name},
                )
    return None


# --- comments that cut a value ---------------------------------------------------------

_CUT = re.compile(r"[ \t]+(#\S.*)")


def comment_cuts(text: str, root: yaml.Node) -> list[tuple[int, int, str]]:
    """(line, column, cut text) where a plain one-line value is followed by ` #` + text.

    `title: Hội nghị #1 quán triệt` reads as `Hội nghị`: the rest is a YAML comment.
    A comment written as one (`# ...`, a space after the `#`) is not reported.
    Positions are 1-based, at the `#`.
    """
    lines = lines_of(text)
    found: list[tuple[int, int, str]] = []
    for node in _scalars(root):
        start, end = node.start_mark, node.end_mark
        if not _plain(node) or start.line != end.line or end.line >= len(lines):
            continue
        rest = lines[end.line][end.column :]
        cut = _CUT.match(rest)
        if cut:
            found.append((end.line + 1, end.column + cut.start(1) + 1, cut[1].rstrip()))
    return sorted(set(found))


def _scalars(root: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """Every scalar under `root`, each once (aliases make a graph, not a tree)."""
    seen: set[int] = set()
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            yield node
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


# --- values a field refused --------------------------------------------------------------

#: Serial numbers Excel gives 1/1/1955 … 31/12/2100: a bare number in that range in a
#: date field is almost surely a cell pasted as its number.
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_EXCEL_SERIALS = range(20090, 73416)
_TWO_DIGIT_YEAR = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{2})")
_LOOSE_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_YEAR_FIRST_SLASH = re.compile(r"([0-9]{4})[/.]([0-9]{1,2})[/.]([0-9]{1,2})")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = re.compile(r"quy\s*(iv|iii|ii|i|[1-4])\s*(?:[/.-]|\s+nam\s+|\s+)\s*([0-9]{4})")
_MONTH = re.compile(r"thang\s*([0-9]{1,2})\s*(?:[/.-]|\s+nam\s+|\s+)\s*([0-9]{4})")
_HALF = re.compile(r"(6|sau)\s*thang\s*(dau|cuoi)\s*(?:nam\s*)?([0-9]{4})")
_YEAR_ONLY = re.compile(r"(?:nam\s*)?([0-9]{4})")
_NUMBER_WITH_WORDS = re.compile(r"([0-9]+(?:[.,][0-9]{3})*)\s*[^\W\d_].*")
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:([.,  ])[0-9]{3})+")
_TASK = re.compile(r"(?:nhiem\s*vu|nv|task)\s*(?:so\s*)?0*([0-9]+)")
_INTEGER = re.compile(r"[+-]?[0-9]+")


#: Letters and digits that look like the ASCII ones an id, a date or a number is made
#: of, but are not: Cyrillic and Greek letters, fullwidth forms, Unicode hyphens.
LOOKALIKES: Final[dict[str, str]] = {
    **dict(zip("аеорсухіјѕԁһӏ", "aeopcyxijsdhl", strict=True)),
    **dict(zip("АВЕКМНОРСТХІЈЅ", "ABEKMHOPCTXIJS", strict=True)),
    **dict(zip("οαιντκΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "oaivtkABEZHIKMNOPTYX", strict=True)),
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\uff0f": "/",
    "\u2215": "/",
}
_QUOTED = re.compile(r"^[“”„‟‘’‚‛«»](.*)[“”„‟‘’‚‛«»]$", re.DOTALL)


def value_hint(
    expected: str,
    raw: str | None,
    value: object,
    *,
    year: int | None = None,
    column: int | None = None,
) -> Hint | None:
    """Why `raw` (as written; `value`, as YAML read it) is not the `expected` kind of value.

    `expected` is `date`, `integer`, `count`, `task`, `text` or `status`. `year` is the
    plan's guidance year (a date written without one is of it), `column` where the text
    starts on its line (to place an invisible character).
    """
    text = raw if raw is not None else ("" if value is None else str(value))
    text = unicodedata.normalize("NFC", text.strip())
    odd = odd_character(text, column)
    if odd is not None:
        return odd
    quoted = _QUOTED.match(text)
    if quoted and expected != "text":
        inner = quoted[1].strip()
        return Hint("hint.mistake.typographic_value", {"raw": text, "inner": inner})
    if expected == "date":
        return _date_slip(text, year) or _date_hint(text, value)
    if expected in ("integer", "count"):
        return _number_hint(text, value)
    if expected == "task":
        return _task_hint(text, value)
    if expected == "text":
        return _text_hint(text, value)
    if expected == "status":
        return _status_hint(text, value)
    return None


def _date_hint(text: str, value: object) -> Hint | None:
    serial = value if isinstance(value, int) and not isinstance(value, bool) else _whole(text)
    if serial is not None and serial in _EXCEL_SERIALS:
        day = _EXCEL_EPOCH + datetime.timedelta(days=serial)
        return Hint("hint.mistake.excel_date", {"raw": text, "date": format_vi(day)})
    match = _TWO_DIGIT_YEAR.fullmatch(text)
    if match:
        guess = _day(2000 + int(match[4]), int(match[3]), int(match[1]))
        if guess is not None:
            return Hint("hint.mistake.two_digit_year", {"raw": text, "date": format_vi(guess)})
    for pattern in (_LOOSE_ISO, _YEAR_FIRST_SLASH):
        match = pattern.fullmatch(text)
        if match:
            guess = _day(int(match[1]), int(match[2]), int(match[3]))
            if guess is not None:
                iso = guess.isoformat()
                return Hint(
                    "hint.mistake.loose_iso",
                    {"raw": text, "iso": iso, "date": format_vi(guess)},
                )
    return _period_hint(text)


def _period_hint(text: str) -> Hint | None:
    """`Quý II/2022`, `tháng 5/2022`, `6 tháng đầu năm 2022`: a period, not a day."""
    folded = fold(text)
    last: datetime.date | None = None
    if match := _QUARTER.fullmatch(folded):
        year, month = int(match[2]), _ROMAN[match[1]] * 3
        last = _last_day(year, month)
    elif match := _MONTH.fullmatch(folded):
        year, month = int(match[2]), int(match[1])
        last = _last_day(year, month) if 1 <= month <= 12 else None
    elif match := _HALF.fullmatch(folded):
        year = int(match[3])
        last = _last_day(year, 6 if match[2] == "dau" else 12)
    elif match := _YEAR_ONLY.fullmatch(folded):
        last = _last_day(int(match[1]), 12)
    if last is None:
        return None
    return Hint("hint.mistake.period", {"raw": text, "date": format_vi(last)})


def _last_day(year: int, month: int) -> datetime.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int, month: int, day: int) -> datetime.date | None:
    try:
        parsed = datetime.date(year, month, day)
    except ValueError:
        return None
    try:  # the suggestion must itself be accepted
        return parse_date(parsed.isoformat())
    except DateError:
        return None


def _whole(text: str) -> int | None:
    """The whole number `text` writes in ASCII digits, unless it is too long to be one.

    Quoted digits reach the hints as text: 4,301 of them made `int()` fail and every
    command stop (`tuyengiao.read.scalars.MAX_DIGITS`).
    """
    if not _INTEGER.fullmatch(text) or len(text.lstrip("+-")) > MAX_DIGITS:
        return None
    return int(text)


def odd_character(text: str, column: int | None = None) -> Hint | None:
    """The first invisible or look-alike character of `text`, by its Unicode name.

    `column` is where `text` starts on its line (1-based); the hint's column is then
    the character's own, else its place in the text.
    """
    for index, char in enumerate(text):
        if char in INVISIBLE or char in LOOKALIKES:
            code = f"U+{ord(char):04X}"
            clean = "".join(
                LOOKALIKES.get(c, "" if c in INVISIBLE and c != "\u00a0" else " ")
                if c in INVISIBLE or c in LOOKALIKES
                else c
                for c in text
            )
            fields: dict[str, object] = {
                "code": code,
                "name": unicodedata.name(char, code),
                "column": (column or 1) + index,
                "clean": clean,
            }
            key = "invisible_in_value" if char in INVISIBLE else "lookalike_in_value"
            return Hint(f"hint.mistake.{key}", fields)
    return None


# Dates as people write them in Word, each recognised as what it is (`_date_slip`).
_D = r"([0-9]{1,2})"
_SEP = r"\s*([/.-])\s*"
_DAY_MONTH = re.compile(rf"(?:ngay\s+)?{_D}{_SEP}{_D}")
_DAY_MONTH_WRITTEN = re.compile(rf"(?:ngay\s+)?{_D}\s+thang\s+{_D}")
_FULL = re.compile(rf"{_D}{_SEP}{_D}\s*\2\s*([0-9]{{4}})")
_RANGE = re.compile(
    rf"(?:tu\s+)?(?:ngay\s+)?{_D}(?:\s*[/.]\s*{_D})?\s*(?:-|–|—|den|toi)\s*(?:ngay\s+)?"
    rf"{_D}\s*([/.-])\s*{_D}\s*(?:\4\s*([0-9]{{4}}))?"
)
_WRITTEN_LOOSE = re.compile(
    rf"(?:ngay\s+)?{_D}\s+thang\s+{_D}\s*[,.]?\s*(?:nam\s+)?([0-9]{{4}})\s*\.?"
)
_WEEKDAY = re.compile(
    r"(?:thu\s*(hai|ba|tu|nam|sau|bay|[2-7])|chu\s*nhat|cn|t([2-7]))\s*[,.:-]?\s*(.+)"
)
_WEEKDAYS = {"hai": 0, "ba": 1, "tu": 2, "nam": 3, "sau": 4, "bay": 5}
_WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_QUARTER_ONLY = re.compile(r"(?:quy|q)\s*(iv|iii|ii|i|[1-4])\s*(?:[/.-]?\s*(?:nam\s*)?([0-9]{4}))?")


def _date_slip(text: str, year: int | None) -> Hint | None:
    """A date written the way of an office, not of the format: what it names, if one day."""
    folded = _unaccented(text)
    weekday = _WEEKDAY.fullmatch(folded)
    if weekday:
        rest = text[len(text) - len(weekday[3]) :] if len(weekday[3]) <= len(text) else text
        day = _any_day(rest.strip(), year)
        if day is None:
            return None
        written = weekday[1] or weekday[2]
        number = (_WEEKDAYS.get(written) if written in _WEEKDAYS else None) if written else 6
        if number is None and written and written.isdigit():
            number = int(written) - 2
        if number is not None and number != day.weekday():
            said = _WEEKDAY_NAMES[number]
            fields = {"date": format_vi(day), "weekday": _WEEKDAY_NAMES[day.weekday()]}
            return Hint("hint.mistake.weekday_wrong", {**fields, "written": said})
        return Hint("hint.mistake.weekday", {"date": format_vi(day)})
    quarter = _QUARTER_ONLY.fullmatch(folded)
    if quarter and (quarter[2] or year):
        last = _last_day(int(quarter[2] or year or 0), _ROMAN[quarter[1]] * 3)
        if last is not None:
            return Hint("hint.mistake.period", {"raw": text, "date": format_vi(last)})
    match = _RANGE.fullmatch(folded)
    if match:
        range_year = int(match[6]) if match[6] else year
        last = _day(range_year, int(match[5]), int(match[3])) if range_year else None
        first_month = int(match[2]) if match[2] else int(match[5])
        first = _day(range_year, first_month, int(match[1])) if range_year else None
        if last is not None and first is not None and first <= last:
            spans: dict[str, object] = {"raw": text, "date": format_vi(last)}
            return Hint("hint.mistake.date_range", {**spans, "first": format_vi(first)})
    for pattern in (_DAY_MONTH, _DAY_MONTH_WRITTEN):
        match = pattern.fullmatch(folded)
        if match and year:
            day = _day(year, int(match.groups()[-1]), int(match[1]))
            if day is not None:
                return Hint("hint.mistake.missing_year", {"raw": text, "date": format_vi(day)})
    written = _WRITTEN_LOOSE.fullmatch(folded)
    if written:  # `ngày 20 tháng 5, năm 2022`, `20 tháng 5 2022.`
        day = _day(int(written[3]), int(written[2]), int(written[1]))
        if day is not None:
            return Hint("hint.mistake.date_spaces", {"raw": text, "date": format_vi(day)})
    match = _FULL.fullmatch(folded.rstrip("."))
    if match:
        first_number, second, written_year = int(match[1]), int(match[3]), int(match[4])
        if second > 12 and first_number <= 12:
            day = _day(written_year, first_number, second)
            if day is not None:
                return Hint("hint.mistake.month_first", {"raw": text, "date": format_vi(day)})
        day = _day(written_year, second, first_number)
        if day is not None and folded != f"{match[1]}{match[2]}{match[3]}{match[2]}{match[4]}":
            return Hint("hint.mistake.date_spaces", {"raw": text, "date": format_vi(day)})
        if year and written_year != year and _year_typo(written_year, year):
            day = _day(year, second, first_number)
            if day is not None:
                typo: dict[str, object] = {"raw": text, "year": written_year}
                return Hint("hint.mistake.year_typo", {**typo, "date": format_vi(day)})
    return None


def _unaccented(text: str) -> str:
    """`text` in lower case without accents, its punctuation kept (`fold` drops `-`)."""
    text = unicodedata.normalize("NFD", text.casefold()).replace("đ", "d")
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", text).strip()


def _any_day(text: str, year: int | None) -> datetime.date | None:
    """The day `text` names, in an accepted form or without its year."""
    try:
        return parse_date(text)
    except DateError:
        pass
    folded = _unaccented(text)
    match = _DAY_MONTH.fullmatch(folded) or _DAY_MONTH_WRITTEN.fullmatch(folded)
    if match and year:
        return _day(year, int(match.groups()[-1]), int(match[1]))
    return None


def _year_typo(written: int, year: int) -> bool:
    """`2202`, `2023` for 2022: the same digits swapped, or one digit off."""
    a, b = str(written), str(year)
    if len(a) != len(b):
        return False
    if sorted(a) == sorted(b):
        return True
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1 and abs(written - year) > 1


_ROMAN_TASK = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}
_TWO_TASKS = re.compile(r"([0-9]+)\s*(?:,|;|va|&|\+|-|/|\s)\s*([0-9]+)")
_APPROX = re.compile(
    r"(khoang|gan|hon|tren|duoi|chung|xap xi|it nhat|toi thieu|toi da|~|>|<|>=|<=)\s*"
    r"([0-9]+(?:[.,][0-9]{3})*)\s*(.*)"
)


def _number_hint(text: str, value: object) -> Hint | None:
    approx = _APPROX.fullmatch(_unaccented(text))
    if approx:
        number = _whole(re.sub(r"[^0-9]", "", approx[2]))
        if number is not None:
            return Hint("hint.mistake.approx", {"raw": text, "number": number})
    if _THOUSANDS.fullmatch(text):
        digits = _whole(re.sub(r"[^0-9]", "", text))
        return (
            None
            if digits is None
            else Hint("hint.mistake.thousands", {"raw": text, "number": digits})
        )
    match = _NUMBER_WITH_WORDS.fullmatch(text)
    if match:
        number = _whole(re.sub(r"[^0-9]", "", match[1]))
        if number is None:
            return None
        unit = text[match.end(1) :].strip()
        return Hint("hint.mistake.unit", {"raw": text, "number": number, "unit": unit})
    return None


def _task_hint(text: str, value: object) -> Hint | None:
    folded = _unaccented(text)
    if folded in _ROMAN_TASK:
        return Hint("hint.mistake.task_roman", {"raw": text, "number": _ROMAN_TASK[folded]})
    two = _TWO_TASKS.fullmatch(folded)
    if two:
        return Hint("hint.mistake.task_two", {"raw": text, "first": two[1], "second": two[2]})
    if isinstance(value, str) and _INTEGER.fullmatch(text):
        number = _whole(text)
        return (
            None
            if number is None
            else Hint("hint.mistake.task_quoted", {"raw": text, "number": number})
        )
    match = _TASK.fullmatch(fold(text))
    if match and (number := _whole(match[1])) is not None:
        return Hint("hint.mistake.task_words", {"raw": text, "number": number})
    return _number_hint(text, value)


def _text_hint(text: str, value: object) -> Hint | None:
    if isinstance(value, bool):
        return None  # the YAML 1.1 yes/no trap has its own hint
    if isinstance(value, int | float | datetime.date):
        return Hint("hint.mistake.text_not_number", {"raw": text})
    return None


def _status_hint(text: str, value: object) -> Hint | None:
    if not isinstance(value, str) or not text:
        return None
    return status_hint(text)


# Kept per text: a workspace repeats its few wrong words (`đang làm dở` in plan after
# plan), and each took difflib's close matches over every accepted spelling. 1,000
# findings-heavy plans, 1,516 wrong statuses of 2 spellings: 0.10 s to nothing (in-process).
# A `Hint` is frozen and its fields are only read, so one may be shared.
@functools.lru_cache(maxsize=1024)
def status_hint(text: str) -> Hint:
    """What a status that is not accepted means, by its words, and what to write.

    Never a status of another meaning: `đã tổ chức xong` gets a done word, `chưa xong`
    (planned or in progress?) and `tạm dừng` (no status) get the choice explained.
    """
    fields: dict[str, object] = {
        "raw": text,
        "allowed": ", ".join(names[0] for names in ALIASES.values()),
    }
    meaning = status_meaning(text)
    if meaning in (NOT_DONE, PAUSED):
        return Hint(f"hint.mistake.status_{meaning}", fields)
    suggestion = suggest_status(text)
    if suggestion is None:
        return Hint("hint.mistake.status_unknown", fields)
    return Hint("hint.mistake.status_suggest", {**fields, "suggestion": suggestion})


# --- keys ------------------------------------------------------------------------------

#: Key names people write, Vietnamese or from other tools, folded → the English key.
_KEYS: Final[dict[str, tuple[str, ...]]] = {
    "due": (
        "hạn",
        "hạn chót",
        "thời hạn",
        "hạn hoàn thành",
        "ngày hết hạn",
        "deadline",
        "due date",
        "end",
        "end date",
        "kết thúc",
        "ngày kết thúc",
    ),
    "status": ("trạng thái", "tình trạng", "tiến độ thực hiện", "state"),
    "title": ("tên", "tên hoạt động", "tiêu đề", "nội dung", "hoạt động", "name of activity"),
    "task": ("nhiệm vụ", "nv", "số nhiệm vụ", "nhiệm vụ số"),
    "start": ("bắt đầu", "ngày bắt đầu", "từ ngày", "start date", "begin"),
    "done": (
        "hoàn thành",
        "ngày hoàn thành",
        "đã hoàn thành",
        "xong",
        "ngày xong",
        "done date",
        "completed",
        "finished",
    ),
    "results": ("kết quả", "số liệu", "result"),
    "evidence": ("minh chứng", "bằng chứng", "văn bản", "proof"),
    "note": ("ghi chú", "chú thích", "lưu ý", "notes", "comment", "remark"),
    "owner": (
        "phụ trách",
        "người phụ trách",
        "đơn vị phụ trách",
        "chủ trì",
        "đơn vị chủ trì",
        "responsible",
    ),
    "id": ("mã", "mã hoạt động", "mã số", "ký hiệu"),
    "activities": ("các hoạt động", "danh sách hoạt động", "hoạt động", "activity"),
    "union": ("công đoàn", "đơn vị"),
    "name": ("tên công đoàn", "tên đơn vị"),
    "members": ("đoàn viên", "số đoàn viên", "số lượng đoàn viên"),
    "contact": ("liên hệ", "người liên hệ"),
    "phone": ("điện thoại", "số điện thoại", "sđt"),
    "email": ("thư điện tử", "e-mail", "mail"),
    "updated": ("cập nhật", "ngày cập nhật", "ngày sửa"),
    "guidance": ("hướng dẫn", "văn bản hướng dẫn"),
    "version": ("phiên bản",),
    "progress": ("tiến độ", "lũy kế", "luỹ kế"),
    "as_of": ("tính đến", "tính đến ngày", "đến ngày"),
    "reports": ("báo cáo",),
    "group": ("nhóm", "khối"),
    "years": ("năm", "các năm"),
}
# "hoạt động" alone is a title inside an activity and the list at the top: the first
# entry above wins, which the reading layer narrows by where the key is.
_KEY_TABLE: Final[dict[str, tuple[str, ...]]] = {}
for _english, _words in _KEYS.items():
    for _word in _words:
        _folded = fold(_word)
        _KEY_TABLE[_folded] = (*_KEY_TABLE.get(_folded, ()), _english)


def key_hint(key: str, allowed: Iterable[str] | None = None) -> str | None:
    """The English key a Vietnamese (or other common) key name means: `hạn` → `due`.

    Matched without regard to case, diacritics (`ten` is `tên`) or `_`/`-`/space; None
    if unknown. With `allowed` (the keys of the mapping it stands in), only one of them:
    `hoạt động` is the title inside an activity and the list of activities at the top.
    """
    found = _KEY_TABLE.get(fold(key), ())
    if allowed is not None:
        wanted = set(allowed)
        found = tuple(english for english in found if english in wanted)
    return found[0] if found else None


def closest(name: str, names: list[str]) -> list[str]:
    """The one name of `names` that `name` is a slip of (a letter or two), if one is.

    Close in spelling is not enough: `target` is not `start`, and where two names are
    as close (`dou`: `due` or `done`?) guessing could change the meaning: none is given.
    """
    return list(_closest(name, tuple(names)))


@functools.lru_cache(maxsize=1024)
def _closest(name: str, names: tuple[str, ...]) -> tuple[str, ...]:
    # Remembered: a slip is made again and again across a workspace's plans, and
    # weighing it against every field name costs (with difflib, 1,527 slips of 1,000
    # plans took 2.0 s under cProfile).
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    allowed = 1 if len(folded) <= 4 else 2
    scored = sorted((_slips(folded, known), known) for known in names)
    near = [known for distance, known in scored if distance <= allowed]
    if not near or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return ()
    return (near[0],)


def _slips(a: str, b: str) -> int:
    """Typing slips from `a` to `b`: letters left out, added, changed or swapped."""
    previous, current = list(range(len(b) + 1)), [0] * (len(b) + 1)
    before: list[int] = []
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cost = 0 if x == y else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], before[j - 2] + 1)
        before, previous = previous, current
    return previous[len(b)]


# --- flow mappings -------------------------------------------------------------------------


def comma_in_flow_value(mapping: yaml.MappingNode, key: yaml.ScalarNode) -> Hint | None:
    """A hint when unknown `key` of flow `mapping` is the tail of the previous value.

    `{id: x, group: Khối Bộ, ngành TW}` reads `ngành TW` as a key: the comma ended the
    value `Khối Bộ`. Recognised when `key` has no value and the value before it is
    a plain (unquoted) text; the hint shows the value quoted whole.
    """
    if not mapping.flow_style:
        return None
    pairs = mapping.value
    for index, (candidate, value) in enumerate(pairs):
        if candidate is not key:
            continue
        if index == 0 or not _empty(value) or not isinstance(key, yaml.ScalarNode):
            return None
        previous_key, previous = pairs[index - 1]
        if not isinstance(previous, yaml.ScalarNode) or not _plain(previous):
            return None
        if not isinstance(previous_key, yaml.ScalarNode) or not previous.value:
            return None
        whole = f"{previous.value}, {key.value}"
        return Hint(
            "hint.mistake.comma_in_flow",
            {"key": previous_key.value, "value": whole.replace('"', '\\"'), "part": key.value},
        )
    return None


def _empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value == "" and _plain(node)


def _plain(node: yaml.ScalarNode) -> bool:
    """Written without quotes: PyYAML says so with None, libyaml's composer with ""."""
    return node.style in (None, "")
