"""Reporting periods: parse ids like ``2022-Q2`` and compute their date windows.

Three rules give the windows. ``calendar`` uses calendar months. ``nd09`` uses the
official data cut-off of Nghị định 09/2019/NĐ-CP, where every window is shifted
back to start on the 15th of the month before it and end on the 14th of its
last month. ``tld`` is the union statistics year of Tổng Liên đoàn's forms (Mẫu
01/02-HĐCĐ, Quyết định 1454/QĐ-TLĐ), whose figures close on 31/5 and 30/11: the
year runs 1/12 of the year before to 30/11, the first half to 31/5, and the
quarters and nine months follow from the same anchor (Q1 is December to February,
Q3 June to August, the nine months December to August). All three are the same
arithmetic from a different anchor (1/1 of the year, 15/12 or 1/12 of the year
before), so every window is "anchor + m0 months" to "anchor + m1 months - 1 day"
and the quarters tile the year by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

from dateutil.relativedelta import relativedelta

__all__ = [
    "Period",
    "PeriodError",
    "PeriodKind",
    "PeriodRule",
    "parse_period",
    "periods_of_year",
]

PeriodRule = Literal["calendar", "nd09", "tld"]
PeriodKind = Literal["quarter", "half", "nine_months", "year"]

MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2100

_ONE_DAY: Final = timedelta(days=1)
_ROMAN: Final = ("I", "II", "III", "IV")
_EXPECTED: Final = "expected YYYY, YYYY-Q1..YYYY-Q4, YYYY-H1, YYYY-H2, YYYY-9M, YYYY-6T or YYYY-9T"

# ASCII digits only: str.isdigit and \d also accept e.g. Arabic-Indic digits,
# which int() would then silently convert.
_PERIOD_RE: Final = re.compile(r"([0-9]{4})(?:-(Q[1-4]|H[12]|9M|6T|9T))?", re.ASCII | re.IGNORECASE)


class PeriodError(ValueError):
    """Text that is not a period id; message in English, ``.text`` holds the input."""

    def __init__(self, text: str, reason: str = _EXPECTED) -> None:
        super().__init__(f"not a period: {text!r} ({reason})")
        self.text = text


@dataclass(frozen=True, slots=True)
class Period:
    """One reporting period under one rule, with its inclusive first and last day."""

    id: str
    kind: PeriodKind
    year: int
    index: int
    rule: PeriodRule
    start: date
    end: date

    @property
    def label_vi(self) -> str:
        """The period named the way Vietnamese reports name it, e.g. "Quý II năm 2022"."""
        match self.kind:
            case "quarter":
                return f"Quý {_ROMAN[self.index - 1]} năm {self.year}"
            case "half":
                part = "đầu" if self.index == 1 else "cuối"
                return f"6 tháng {part} năm {self.year}"
            case "nine_months":
                return f"9 tháng đầu năm {self.year}"
            case "year":
                return f"năm {self.year}"

    @property
    def label_en(self) -> str:
        """The period named in English, e.g. "Q2 2022"."""
        match self.kind:
            case "quarter":
                return f"Q{self.index} {self.year}"
            case "half":
                part = "first" if self.index == 1 else "second"
                return f"{part} half of {self.year}"
            case "nine_months":
                return f"first nine months of {self.year}"
            case "year":
                return f"year {self.year}"

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls in the period, both ends included."""
        return self.start <= day <= self.end

    def evaluation_day(self, today: date) -> date:
        """The day E the report is evaluated at: the earlier of ``today`` and the last day.

        A past period is judged as it stood on its last day, so a report on it
        does not change when rerun later.
        """
        return min(today, self.end)

    def year_start(self) -> date:
        """First day of the "since the start of the year" window under the same rule."""
        return _anchor(self.year, self.rule)


def _anchor(year: int, rule: PeriodRule) -> date:
    """Day zero of ``year`` under ``rule``: every window is counted in months from it."""
    if rule == "calendar":
        return date(year, 1, 1)
    if rule == "nd09":
        # Decree 09's reporting year opens on 15/12 of the previous year.
        return date(year - 1, 12, 15)
    if rule == "tld":
        # The union statistics year closes on 30/11: it opens on 1/12 of the year before.
        return date(year - 1, 12, 1)
    raise ValueError(f"unknown period rule: {rule!r} (expected 'calendar', 'nd09' or 'tld')")


def _layout(kind: PeriodKind, index: int) -> tuple[str, int, int]:
    """Id suffix and the months the period covers, as offsets from the anchor (end exclusive)."""
    match kind:
        case "quarter":
            return f"-Q{index}", 3 * (index - 1), 3 * index
        case "half":
            return f"-H{index}", 6 * (index - 1), 6 * index
        case "nine_months":
            return "-9M", 0, 9
        case "year":
            return "", 0, 12


def _make(kind: PeriodKind, year: int, index: int, rule: PeriodRule) -> Period:
    suffix, first_month, end_month = _layout(kind, index)
    anchor = _anchor(year, rule)
    return Period(
        id=f"{year}{suffix}",
        kind=kind,
        year=year,
        index=index,
        rule=rule,
        # Anchors are on day 1 or 15, so adding months never clips to a month's end.
        start=anchor + relativedelta(months=first_month),
        end=anchor + relativedelta(months=end_month) - _ONE_DAY,
    )


def parse_period(text: str, rule: PeriodRule = "calendar") -> Period:
    """Parse a period id such as ``2022-Q2``, ``2022-H1``, ``2022-9M`` or ``2022``.

    Case and surrounding whitespace are ignored; ``6T`` and ``9T`` ("tháng") are
    accepted for the first six and nine months. Raises PeriodError otherwise.
    """
    match = _PERIOD_RE.fullmatch(text.strip())
    if match is None:
        raise PeriodError(text)
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(text, f"year must be between {MIN_YEAR} and {MAX_YEAR}")
    part = (match.group(2) or "").upper()
    if part == "":
        return _make("year", year, 0, rule)
    if part in ("9M", "9T"):
        return _make("nine_months", year, 0, rule)
    if part == "6T":
        return _make("half", year, 1, rule)
    index = int(part[1])
    return _make("quarter" if part[0] == "Q" else "half", year, index, rule)


def periods_of_year(year: int, rule: PeriodRule = "calendar") -> list[Period]:
    """Every period of ``year``: Q1..Q4, H1, H2, 9M, then the whole year."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year must be between {MIN_YEAR} and {MAX_YEAR}, got {year}")
    quarters = [_make("quarter", year, q, rule) for q in range(1, 5)]
    halves = [_make("half", year, h, rule) for h in (1, 2)]
    return [*quarters, *halves, _make("nine_months", year, 0, rule), _make("year", year, 0, rule)]
