"""Tests for date parsing: every accepted form, every refusal, and the Vietnamese renderings."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuyengiao.dates import DateError, format_long_vi, format_vi, parse_date

NFD = unicodedata.normalize("NFD", "ngày 20 tháng 5 năm 2022")

ACCEPTED: list[tuple[object, date]] = [
    ("2022-05-20", date(2022, 5, 20)),
    ("20/5/2022", date(2022, 5, 20)),
    ("20/05/2022", date(2022, 5, 20)),
    ("20-5-2022", date(2022, 5, 20)),
    ("20.5.2022", date(2022, 5, 20)),
    ("20-05-2022", date(2022, 5, 20)),
    ("20.05.2022", date(2022, 5, 20)),
    ("5/6/2022", date(2022, 6, 5)),
    ("05/06/2022", date(2022, 6, 5)),
    ("ngày 20 tháng 5 năm 2022", date(2022, 5, 20)),
    ("20 tháng 5 năm 2022", date(2022, 5, 20)),
    ("ngày 20/5/2022", date(2022, 5, 20)),
    ("Ngày 20-05-2022", date(2022, 5, 20)),
    ("ngày 5.6.2022", date(2022, 6, 5)),
    ("ngày 05 tháng 07 năm 2022", date(2022, 7, 5)),
    ("ngày 5 tháng 7 năm 2022", date(2022, 7, 5)),
    ("Ngày 20 tháng 02 năm 2022", date(2022, 2, 20)),
    ("NGÀY 20 THÁNG 5 NĂM 2022", date(2022, 5, 20)),
    ("ngày  20   tháng\t5  năm   2022", date(2022, 5, 20)),
    (NFD, date(2022, 5, 20)),
    (NFD.upper(), date(2022, 5, 20)),
    ("  2022-05-20\n", date(2022, 5, 20)),
    (" 20/5/2022 ", date(2022, 5, 20)),
    ("29/2/2024", date(2024, 2, 29)),
    ("29/2/2000", date(2000, 2, 29)),
    ("2024-02-29", date(2024, 2, 29)),
    ("1/1/1900", date(1900, 1, 1)),
    ("31/12/2100", date(2100, 12, 31)),
    (date(2022, 5, 20), date(2022, 5, 20)),
]

IMPOSSIBLE: list[str] = [
    "31/2/2022",
    "29/2/2023",
    "29/2/1900",
    "32/1/2022",
    "0/5/2022",
    "15/13/2022",
    "15/0/2022",
    "31/4/2022",
    "2022-02-30",
    "2022-13-01",
    "2022-00-10",
    "2022-05-00",
    "0000-01-01",
    "31/12/1899",
    "1/1/2101",
    "1899-12-31",
    "9999-12-31",
    "ngày 31 tháng 2 năm 2022",
    "ngày 1 tháng 1 năm 2101",
]

BAD_FORMAT: list[object] = [
    "2022",
    "tháng 5",
    "tháng 5 năm 2022",
    "5/2022",
    "05/2022",
    "2022/05/20",
    "2022.05.20",
    "20/5/22",
    "20/5/02022",
    "020/5/2022",
    "20/5-2022",
    "20.5/2022",
    "20-5.2022",
    "2022-5-20",
    "2022-05-5",
    "22-05-20",
    "20 / 5 / 2022",
    "20/5/2022.",
    "2022-05-20T10:00",
    "2022-05-20 10:00",
    "ngày 20 tháng 5",
    "ngày 2022-05-20",
    "ngày 20/5-2022",
    "20/5/2022 ngày",
    "ngày 20 tháng 5 năm 22",
    "ngày20 tháng 5 năm 2022",
    "ngày20/5/2022",
    "ngay 20 thang 5 nam 2022",
    "20 May 2022",
    "hôm qua",
    # Digits that `\d` would accept: fullwidth, Arabic-Indic, Devanagari.
    "２０/５/２０２２",
    "２０２２-０５-２０",
    "٢٠/٥/٢٠٢٢",
    "२०२२-०५-२०",
    "2022-05-2٠",
    "ngày ２０ tháng ５ năm ２０２２",
    "",
    "   ",
    "\t\n",
    # Not strings at all.
    20220520,
    2022,
    2022.5,
    True,
    False,
    None,
    [2022, 5, 20],
    (20, 5, 2022),
    {"day": 20},
    b"2022-05-20",
]


@pytest.mark.parametrize(("value", "expected"), ACCEPTED)
def test_accepted_forms(value: object, expected: date) -> None:
    assert parse_date(value) == expected


def test_day_comes_first() -> None:
    assert parse_date("05/06/2022") == date(2022, 6, 5)


def test_date_object_is_returned_as_is() -> None:
    day = date(2022, 5, 20)
    assert parse_date(day) is day


@pytest.mark.parametrize("text", IMPOSSIBLE)
def test_impossible_dates(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert caught.value.reason == "impossible"


@pytest.mark.parametrize("value", BAD_FORMAT)
def test_not_an_accepted_form(value: object) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(value)
    assert caught.value.reason == "format"


@pytest.mark.parametrize(
    "value", [datetime(2022, 5, 20), datetime(2022, 5, 20, 10, 30), datetime(2022, 5, 20, 0, 0)]
)
def test_datetime_is_not_a_date(value: datetime) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(value)
    assert caught.value.reason == "format"


def test_date_error_carries_reason_and_text() -> None:
    with pytest.raises(DateError) as caught:
        parse_date(" 31/2/2022 ")
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.reason, error.text) == ("impossible", "31/2/2022")
    assert "31/2/2022" in str(error)

    error = DateError("format", "2022")
    assert (error.reason, error.text) == ("format", "2022")
    assert "2022" in str(error)


@pytest.mark.parametrize(
    ("day", "short", "long"),
    [
        (date(2022, 5, 20), "20/5/2022", "ngày 20 tháng 5 năm 2022"),
        (date(2022, 7, 5), "5/7/2022", "ngày 05 tháng 7 năm 2022"),
        (date(2022, 2, 20), "20/2/2022", "ngày 20 tháng 02 năm 2022"),
        (date(2022, 1, 1), "1/1/2022", "ngày 01 tháng 01 năm 2022"),
        (date(2022, 12, 5), "5/12/2022", "ngày 05 tháng 12 năm 2022"),
        (date(2022, 6, 20), "20/6/2022", "ngày 20 tháng 6 năm 2022"),
        (date(2022, 3, 9), "9/3/2022", "ngày 09 tháng 3 năm 2022"),
        (date(2022, 10, 10), "10/10/2022", "ngày 10 tháng 10 năm 2022"),
        (date(2022, 11, 30), "30/11/2022", "ngày 30 tháng 11 năm 2022"),
    ],
)
def test_vietnamese_renderings(day: date, short: str, long: str) -> None:
    assert format_vi(day) == short
    assert format_long_vi(day) == long
    assert parse_date(short) == parse_date(long) == day


# --- properties -------------------------------------------------------------

IN_RANGE = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def renderings(d: date) -> list[str]:
    """Every way DESIGN.md lets a user write `d`."""
    forms = [d.isoformat(), format_vi(d), format_long_vi(d)]
    for sep in "/-.":
        forms.append(f"{d.day}{sep}{d.month}{sep}{d.year}")
        forms.append(f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}")
        forms.append(f"{d.day:02d}{sep}{d.month}{sep}{d.year}")
        forms.append(f"{d.day}{sep}{d.month:02d}{sep}{d.year}")
    for written in (
        f"ngày {d.day} tháng {d.month} năm {d.year}",
        f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}",
    ):
        forms += [written, written.upper(), unicodedata.normalize("NFD", written)]
    return forms


@given(IN_RANGE)
def test_every_rendering_round_trips(d: date) -> None:
    for text in renderings(d):
        assert parse_date(text) == d, text


DIGIT_RUNS = re.compile(r"[0-9]+")


def check_never_guesses(text: str) -> None:
    """parse_date either refuses `text` or returns a date whose numbers it spells."""
    try:
        result = parse_date(text)
    except DateError as error:
        assert error.reason in ("format", "impossible")
        return
    numbers = [int(n) for n in DIGIT_RUNS.findall(text)]
    assert numbers in (
        [result.year, result.month, result.day],
        [result.day, result.month, result.year],
    )
    assert f"{result.year:04d}" in text


@given(st.text())
def test_arbitrary_text_never_guesses(text: str) -> None:
    check_never_guesses(text)


@given(st.text(alphabet="0123456789/-. \t٠５ngàyáthmăNGÀÁ", max_size=30))
def test_date_like_text_never_guesses(text: str) -> None:
    check_never_guesses(text)


@given(
    st.from_regex(
        r"\s*[0-9]{1,4}[/.\-][0-9]{1,3}[/.\-][0-9]{1,5}\s*|ngày\s+[0-9]{1,3}\s+tháng\s+[0-9]{1,3}\s+năm\s+[0-9]{1,5}",
        fullmatch=True,
    )
)
def test_near_misses_never_guess(text: str) -> None:
    check_never_guesses(text)
