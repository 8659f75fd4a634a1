"""Tests for reporting periods: windows under both rules, labels, parsing."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuyengiao.periods import (
    Period,
    PeriodError,
    PeriodRule,
    parse_period,
    periods_of_year,
)

RULES: tuple[PeriodRule, ...] = ("calendar", "nd09", "tld")
ONE_DAY = timedelta(days=1)

# (id, rule, start, end): every period of 2022 under both rules.
WINDOWS_2022: list[tuple[str, PeriodRule, date, date]] = [
    ("2022-Q1", "calendar", date(2022, 1, 1), date(2022, 3, 31)),
    ("2022-Q2", "calendar", date(2022, 4, 1), date(2022, 6, 30)),
    ("2022-Q3", "calendar", date(2022, 7, 1), date(2022, 9, 30)),
    ("2022-Q4", "calendar", date(2022, 10, 1), date(2022, 12, 31)),
    ("2022-H1", "calendar", date(2022, 1, 1), date(2022, 6, 30)),
    ("2022-H2", "calendar", date(2022, 7, 1), date(2022, 12, 31)),
    ("2022-9M", "calendar", date(2022, 1, 1), date(2022, 9, 30)),
    ("2022", "calendar", date(2022, 1, 1), date(2022, 12, 31)),
    ("2022-Q1", "nd09", date(2021, 12, 15), date(2022, 3, 14)),
    ("2022-Q2", "nd09", date(2022, 3, 15), date(2022, 6, 14)),
    ("2022-Q3", "nd09", date(2022, 6, 15), date(2022, 9, 14)),
    ("2022-Q4", "nd09", date(2022, 9, 15), date(2022, 12, 14)),
    ("2022-H1", "nd09", date(2021, 12, 15), date(2022, 6, 14)),
    ("2022-H2", "nd09", date(2022, 6, 15), date(2022, 12, 14)),
    ("2022-9M", "nd09", date(2021, 12, 15), date(2022, 9, 14)),
    ("2022", "nd09", date(2021, 12, 15), date(2022, 12, 14)),
    # Tổng Liên đoàn's statistics year: figures close on 31/5 and 30/11.
    ("2022-Q1", "tld", date(2021, 12, 1), date(2022, 2, 28)),
    ("2022-Q2", "tld", date(2022, 3, 1), date(2022, 5, 31)),
    ("2022-Q3", "tld", date(2022, 6, 1), date(2022, 8, 31)),
    ("2022-Q4", "tld", date(2022, 9, 1), date(2022, 11, 30)),
    ("2022-H1", "tld", date(2021, 12, 1), date(2022, 5, 31)),
    ("2022-H2", "tld", date(2022, 6, 1), date(2022, 11, 30)),
    ("2022-9M", "tld", date(2021, 12, 1), date(2022, 8, 31)),
    ("2022", "tld", date(2021, 12, 1), date(2022, 11, 30)),
]

# (id, kind, index, label_vi, label_en)
LABELS_2022: list[tuple[str, str, int, str, str]] = [
    ("2022-Q1", "quarter", 1, "Quý I năm 2022", "Q1 2022"),
    ("2022-Q2", "quarter", 2, "Quý II năm 2022", "Q2 2022"),
    ("2022-Q3", "quarter", 3, "Quý III năm 2022", "Q3 2022"),
    ("2022-Q4", "quarter", 4, "Quý IV năm 2022", "Q4 2022"),
    ("2022-H1", "half", 1, "6 tháng đầu năm 2022", "first half of 2022"),
    ("2022-H2", "half", 2, "6 tháng cuối năm 2022", "second half of 2022"),
    ("2022-9M", "nine_months", 0, "9 tháng đầu năm 2022", "first nine months of 2022"),
    ("2022", "year", 0, "năm 2022", "year 2022"),
]


@pytest.mark.parametrize(("period_id", "rule", "start", "end"), WINDOWS_2022)
def test_window_2022(period_id: str, rule: PeriodRule, start: date, end: date) -> None:
    period = parse_period(period_id, rule)
    assert (period.id, period.rule, period.year) == (period_id, rule, 2022)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("rule", RULES)
def test_periods_of_year_order_and_windows(rule: PeriodRule) -> None:
    periods = periods_of_year(2022, rule)
    expected = [(pid, s, e) for pid, r, s, e in WINDOWS_2022 if r == rule]
    assert [(p.id, p.start, p.end) for p in periods] == expected
    assert all(p.rule == rule for p in periods)


def test_periods_of_year_defaults_to_calendar() -> None:
    assert periods_of_year(2022) == periods_of_year(2022, "calendar")
    assert parse_period("2022-Q2") == parse_period("2022-Q2", "calendar")


@pytest.mark.parametrize("year", [1899, 2101])
def test_periods_of_year_rejects_out_of_range_year(year: int) -> None:
    with pytest.raises(ValueError, match="between 1900 and 2100"):
        periods_of_year(year)


@pytest.mark.parametrize(("period_id", "kind", "index", "label_vi", "label_en"), LABELS_2022)
def test_labels(period_id: str, kind: str, index: int, label_vi: str, label_en: str) -> None:
    # Labels name the period, not its window: they must not depend on the rule.
    for rule in RULES:
        period = parse_period(period_id, rule)
        assert (period.kind, period.index) == (kind, index)
        assert period.label_vi == label_vi
        assert period.label_en == label_en


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("2022-Q1", "2022-Q1"),
        ("2022-Q2", "2022-Q2"),
        ("2022-Q3", "2022-Q3"),
        ("2022-Q4", "2022-Q4"),
        ("2022-q2", "2022-Q2"),
        ("2022-H1", "2022-H1"),
        ("2022-H2", "2022-H2"),
        ("2022-h2", "2022-H2"),
        ("2022-9M", "2022-9M"),
        ("2022-9m", "2022-9M"),
        ("2022", "2022"),
        ("2022-6T", "2022-H1"),
        ("2022-6t", "2022-H1"),
        ("2022-9T", "2022-9M"),
        ("2022-9t", "2022-9M"),
        ("  2022-Q2  ", "2022-Q2"),
        ("\t2022-H1\n", "2022-H1"),
        ("1900", "1900"),
        ("2100-Q4", "2100-Q4"),
    ],
)
def test_parse_accepts(text: str, canonical: str) -> None:
    assert parse_period(text).id == canonical


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2022-Q5",
        "2022-Q0",
        "2022-H3",
        "2022-H0",
        "2022-3M",
        "2022-12M",
        "2022-6M",
        "2022-3T",
        "Q2",
        "Q2-2022",
        "2022Q2",
        "2022 Q2",
        "2022-Q2-extra",
        "2022-",
        "22-Q1",
        "02022",
        "2022-Q2\n2023",
        "１２３４",  # full-width digits
        "٢٠٢٢",  # Arabic-Indic digits
        "1899",
        "2101-Q1",
        "0000",
    ],
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert caught.value.text == text
    assert "not a period" in str(caught.value)


def test_period_error_is_value_error_with_english_reason() -> None:
    with pytest.raises(ValueError, match="between 1900 and 2100"):
        parse_period("1899-Q1")
    with pytest.raises(ValueError, match="expected YYYY"):
        parse_period("2022-Q5")


@pytest.mark.parametrize(("period_id", "rule", "start", "end"), WINDOWS_2022)
def test_contains_boundaries(period_id: str, rule: PeriodRule, start: date, end: date) -> None:
    period = parse_period(period_id, rule)
    assert not period.contains(start - ONE_DAY)
    assert period.contains(start)
    assert period.contains(end)
    assert not period.contains(end + ONE_DAY)


@pytest.mark.parametrize(
    ("period_id", "rule", "today", "expected"),
    [
        # today before the period: E is today, so nothing in the period has happened yet
        ("2022-Q2", "calendar", date(2022, 3, 1), date(2022, 3, 1)),
        ("2022-Q2", "calendar", date(2022, 5, 20), date(2022, 5, 20)),
        ("2022-Q2", "calendar", date(2022, 6, 30), date(2022, 6, 30)),
        ("2022-Q2", "calendar", date(2022, 7, 5), date(2022, 6, 30)),
        ("2022-Q2", "calendar", date(2030, 1, 1), date(2022, 6, 30)),
        ("2022-Q2", "nd09", date(2022, 3, 1), date(2022, 3, 1)),
        ("2022-Q2", "nd09", date(2022, 5, 20), date(2022, 5, 20)),
        ("2022-Q2", "nd09", date(2022, 6, 14), date(2022, 6, 14)),
        ("2022-Q2", "nd09", date(2022, 6, 15), date(2022, 6, 14)),
        ("2022", "nd09", date(2022, 12, 31), date(2022, 12, 14)),
        ("2022-H1", "tld", date(2022, 6, 20), date(2022, 5, 31)),
        ("2022", "tld", date(2022, 12, 31), date(2022, 11, 30)),
    ],
)
def test_evaluation_day(period_id: str, rule: PeriodRule, today: date, expected: date) -> None:
    assert parse_period(period_id, rule).evaluation_day(today) == expected


def test_leap_year_2024() -> None:
    q1 = parse_period("2024-Q1", "calendar")
    assert (q1.start, q1.end) == (date(2024, 1, 1), date(2024, 3, 31))
    assert q1.contains(date(2024, 2, 29))
    h1 = parse_period("2024-H1", "nd09")
    assert (h1.start, h1.end) == (date(2023, 12, 15), date(2024, 6, 14))
    nd09_q1 = parse_period("2024-Q1", "nd09")
    assert (nd09_q1.start, nd09_q1.end) == (date(2023, 12, 15), date(2024, 3, 14))
    assert nd09_q1.contains(date(2024, 2, 29))
    tld_q1 = parse_period("2024-Q1", "tld")  # December to February: a leap February ends it
    assert (tld_q1.start, tld_q1.end) == (date(2023, 12, 1), date(2024, 2, 29))


@pytest.mark.parametrize(
    ("rule", "expected"),
    [("calendar", date(2022, 1, 1)), ("nd09", date(2021, 12, 15)), ("tld", date(2021, 12, 1))],
)
def test_year_start(rule: PeriodRule, expected: date) -> None:
    for period in periods_of_year(2022, rule):
        assert period.year_start() == expected
    assert parse_period("2022", rule).start == expected


def test_period_is_frozen() -> None:
    period = parse_period("2022-Q2")
    with pytest.raises(AttributeError):
        period.year = 2023  # type: ignore[misc]


@given(year=st.integers(min_value=1900, max_value=2100), rule=st.sampled_from(RULES))
def test_windows_tile_the_year(year: int, rule: PeriodRule) -> None:
    by_id: dict[str, Period] = {p.id: p for p in periods_of_year(year, rule)}
    whole = by_id[str(year)]
    quarters = [by_id[f"{year}-Q{q}"] for q in range(1, 5)]
    halves = [by_id[f"{year}-H{h}"] for h in (1, 2)]
    nine = by_id[f"{year}-9M"]
    for parts in (quarters, halves):
        assert parts[0].start == whole.start
        for previous, following in pairwise(parts):
            assert following.start == previous.end + ONE_DAY
        assert parts[-1].end == whole.end
    assert (nine.start, nine.end) == (quarters[0].start, quarters[2].end)
    assert (halves[0].start, halves[0].end) == (quarters[0].start, quarters[1].end)
    assert whole.year_start() == whole.start


@given(year=st.integers(min_value=1900, max_value=2100), rule=st.sampled_from(RULES))
def test_ids_round_trip(year: int, rule: PeriodRule) -> None:
    for period in periods_of_year(year, rule):
        assert parse_period(period.id, rule) == period
        assert parse_period(f" {period.id.lower()} ", rule) == period


@given(text=st.text(max_size=20))
def test_parse_never_raises_anything_but_period_error(text: str) -> None:
    try:
        period = parse_period(text)
    except PeriodError as error:
        assert error.text == text
    else:
        assert parse_period(period.id) == period
