"""Figures the Vietnamese way: `1.250`, "91%", "87,5%"; never a division by zero.

One definition for `check`, `status` and `report`: a rate exists only where its whole
does (a target somebody set, members somebody counted), and it is computed exactly
(`Fraction`) and rounded once, half up, when it is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class Rate:
    """`part` of `whole` (whole > 0): a share, reached or not."""

    part: int
    whole: int

    def __post_init__(self) -> None:
        if self.whole <= 0 or self.part < 0:
            raise ValueError(f"a rate needs part >= 0 and whole > 0, not {self}")

    @property
    def fraction(self) -> Fraction:
        """The exact share: 1 is 100%."""
        return Fraction(self.part, self.whole)

    @property
    def percent(self) -> float:
        """The share in per cent, rounded to one decimal (for JSON and CSV)."""
        return float(_rounded(self.fraction))

    @property
    def reached(self) -> bool:
        """Whether the part reaches the whole (100% or more)."""
        return self.part >= self.whole

    def vi(self) -> str:
        """The share as a Vietnamese report writes it: `91%`, `87,5%`, `100%`, `105%`."""
        return percent_vi(self.fraction)


def rate(part: int, whole: int | None) -> Rate | None:
    """`part` of `whole`, or None when there is no whole to measure against."""
    if whole is None or whole <= 0:
        return None
    return Rate(max(part, 0), whole)


def whole_percent(part: int, whole: int) -> int:
    """`part` of `whole` in whole per cent, rounded half up as the rates above (0 of nothing).

    For the counts a table shows in whole per cent (activities done, reports received):
    12.5% is 13%, never 12% as Python's `round` (half to even) would give.
    """
    return (200 * part + whole) // (2 * whole) if whole > 0 else 0


def _rounded(share: Fraction) -> Decimal:
    exact = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def percent_vi(share: Fraction) -> str:
    """`share` (1 = 100%) in per cent with at most one decimal, a comma as its mark."""
    text = format(_rounded(share), "f")
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",") + "%"


def number(value: int, *, english: bool = False) -> str:
    """A whole number with thousands separated: `1.250` in Vietnamese, `1,250` in English."""
    text = f"{value:,}"
    return text if english else text.replace(",", ".")
