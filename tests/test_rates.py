"""Rates: written the Vietnamese way, never a division by zero, never more than the inputs allow."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuyengiao.obligations import Rate as ReportRate
from tuyengiao.rates import Rate, percent_vi, rate, whole_percent


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [
        (10, 11, "90,9%"),
        (7, 8, "87,5%"),
        (1, 1, "100%"),
        (21, 20, "105%"),
        (0, 3, "0%"),
        (1, 3, "33,3%"),
        (2, 3, "66,7%"),
        (1, 2000, "0,1%"),  # 0.05% rounds half up
        (1, 2001, "0%"),
    ],
)
def test_rates_are_written_the_vietnamese_way(part: int, whole: int, text: str) -> None:
    share = rate(part, whole)
    assert share is not None
    assert share.vi() == text


@pytest.mark.parametrize(
    ("part", "whole", "percent"),
    [(1, 8, 13), (3, 8, 38), (5, 8, 63), (1, 3, 33), (2, 3, 67), (0, 5, 0), (5, 5, 100), (3, 0, 0)],
)
def test_whole_percents_round_half_up_everywhere(part: int, whole: int, percent: int) -> None:
    # One rounding for every whole percent the tool writes: the activities done of a
    # report's table and the reports received of the roll call (Python's `round`
    # would give 12% for 1 of 8 and 38% for 3 of 8).
    assert whole_percent(part, whole) == percent
    roll = ReportRate(None, expected=whole, received=part, on_time=part, stale=0)
    assert roll.received_percent == percent
    assert roll.on_time_percent == percent


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_a_whole_percent_is_the_exact_share_rounded_half_up(part: int, whole: int) -> None:
    exact = Fraction(100 * part, whole)
    assert exact - Fraction(1, 2) < whole_percent(part, whole) <= exact + Fraction(1, 2)


@pytest.mark.parametrize("whole", [None, 0, -4])
def test_no_whole_no_rate(whole: int | None) -> None:
    assert rate(5, whole) is None


def test_a_rate_refuses_a_whole_of_zero() -> None:
    with pytest.raises(ValueError, match="whole > 0"):
        Rate(1, 0)


@given(st.integers(min_value=-10, max_value=10**12), st.integers(min_value=-10, max_value=10**12))
def test_a_rate_never_divides_by_zero_nor_exceeds_its_inputs(part: int, whole: int) -> None:
    share = rate(part, whole)
    if whole <= 0:
        assert share is None
        return
    assert share is not None
    assert share.fraction == Fraction(max(part, 0), whole)
    assert 0 <= share.percent <= max(part, 0) * 100 / whole + 0.05
    assert share.reached == (max(part, 0) >= whole)
    text = share.vi()
    assert text.endswith("%")
    assert "." not in text
    number = text[:-1].replace(",", ".")
    assert abs(float(number) - share.percent) < 1e-9


@given(st.fractions(min_value=0, max_value=100))
def test_percent_has_at_most_one_decimal(share: Fraction) -> None:
    text = percent_vi(share)[:-1]
    whole, _, decimals = text.partition(",")
    assert whole.isdigit()
    assert len(decimals) <= 1
    assert decimals != "0"
