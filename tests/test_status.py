"""Tests for status matching: aliases in every spelling, English names, hints."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuyengiao.status import (
    ALIASES,
    STATUS_LABELS_VI,
    Status,
    fold,
    parse_status,
    status_meaning,
    suggest_status,
)

# Every alias of DESIGN.md, as written there.
DESIGN_ALIASES: list[tuple[str, Status]] = [
    ("kế hoạch", Status.PLANNED),
    ("chưa thực hiện", Status.PLANNED),
    ("chưa bắt đầu", Status.PLANNED),
    ("đang thực hiện", Status.IN_PROGRESS),
    ("đang triển khai", Status.IN_PROGRESS),
    ("đang làm", Status.IN_PROGRESS),
    ("hoàn thành", Status.DONE),
    ("đã hoàn thành", Status.DONE),
    ("xong", Status.DONE),
    ("đã xong", Status.DONE),
    ("hủy", Status.CANCELLED),
    ("đã hủy", Status.CANCELLED),
    ("không thực hiện", Status.CANCELLED),
]
#: The office's synonyms accepted besides (issue 18): each says one status only.
OFFICE_SYNONYMS: list[tuple[str, Status]] = [
    ("chưa làm", Status.PLANNED),
    ("chưa triển khai", Status.PLANNED),
    ("chưa tổ chức", Status.PLANNED),
    ("dự kiến", Status.PLANNED),
    ("đang tiến hành", Status.IN_PROGRESS),
    ("đang tổ chức", Status.IN_PROGRESS),
    ("đã tổ chức", Status.DONE),
    ("đã thực hiện", Status.DONE),
    ("đã triển khai", Status.DONE),
    ("đã tiến hành", Status.DONE),
    ("đã làm", Status.DONE),
    ("hoàn tất", Status.DONE),
    ("đã hoàn tất", Status.DONE),
    ("hủy bỏ", Status.CANCELLED),
    ("đã hủy bỏ", Status.CANCELLED),
    ("không tổ chức", Status.CANCELLED),
]


def variants(alias: str) -> list[str]:
    """The same alias as users' keyboards and editors may produce it."""
    nfd = unicodedata.normalize("NFD", alias)
    return [
        alias,
        nfd,
        alias.upper(),
        nfd.upper(),
        alias.title(),
        f"  {alias}  ",
        alias.replace(" ", "   "),
        alias.replace(" ", "\t"),
        alias.replace(" ", "_"),
        alias.replace(" ", "-"),
    ]


SPELLINGS: list[tuple[str, Status]] = [
    (variant, status) for alias, status in DESIGN_ALIASES for variant in variants(alias)
]

OTHER_SPELLINGS: list[tuple[str, Status]] = [
    # Tone mark on the other vowel (new style vs old style).
    ("huỷ", Status.CANCELLED),
    ("đã huỷ", Status.CANCELLED),
    ("ĐÃ HUỶ", Status.CANCELLED),
    # Any diacritics at all: matching ignores them, so a wrong one is forgiven too.
    ("hoàn thầnh", Status.DONE),
    # Diacritics left out entirely.
    ("hoan thanh", Status.DONE),
    ("da huy", Status.CANCELLED),
    ("dang trien khai", Status.IN_PROGRESS),
    ("ke hoach", Status.PLANNED),
    ("Đang Thực Hiện", Status.IN_PROGRESS),
    # Eth for Đ, as some legacy encodings type it.
    ("Ðã hủy", Status.CANCELLED),
    # Dotless ı upper-cases to I, so it must match like i.
    ("chưa thực hıện", Status.PLANNED),
    # English names.
    ("planned", Status.PLANNED),
    ("PLANNED", Status.PLANNED),
    ("in_progress", Status.IN_PROGRESS),
    ("in progress", Status.IN_PROGRESS),
    ("in-progress", Status.IN_PROGRESS),
    ("In Progress", Status.IN_PROGRESS),
    ("done", Status.DONE),
    ("Done", Status.DONE),
    ("cancelled", Status.CANCELLED),
    ("canceled", Status.CANCELLED),
    (" cancelled\n", Status.CANCELLED),
]


@pytest.mark.parametrize(("text", "expected"), SPELLINGS + OTHER_SPELLINGS)
def test_parse_status(text: str, expected: Status | None) -> None:
    assert parse_status(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "xongg",
        "chưa xong",
        "no",
        "yes",
        "",
        "   ",
        "-",
        "hoàn",
        "đã",
        "thực hiện",
        "progress",
        "cancel",
        "hoà n thành",
    ],
)
def test_unknown_status(text: str) -> None:
    assert parse_status(text) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("hủy", "huỷ"),
        ("hoá", "hóa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("Đà", "da"),
        ("đang  thực_hiện", "dang thuc hien"),
    ],
)
def test_fold_ignores_tone_placement_and_diacritics(a: str, b: str) -> None:
    assert fold(a) == fold(b)
    assert fold(unicodedata.normalize("NFD", a)) == fold(b)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hoàn Thành", "hoan thanh"),
        ("  in__progress--now ", "in progress now"),
        ("ĐÃ HỦY", "da huy"),
        ("a \t\n b", "a b"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_aliases_match_design() -> None:
    listed = [(alias, status) for status, aliases in ALIASES.items() for alias in aliases]
    assert sorted(listed) == sorted(DESIGN_ALIASES + OFFICE_SYNONYMS)
    for alias, _ in listed:
        assert unicodedata.is_normalized("NFC", alias)


def test_labels() -> None:
    assert STATUS_LABELS_VI == {
        Status.PLANNED: "kế hoạch",
        Status.IN_PROGRESS: "đang thực hiện",
        Status.DONE: "hoàn thành",
        Status.CANCELLED: "đã hủy",
    }
    for status, label in STATUS_LABELS_VI.items():
        assert parse_status(label) is status


def test_status_values_are_the_english_names() -> None:
    assert [s.value for s in Status] == ["planned", "in_progress", "done", "cancelled"]
    assert Status("done") is Status.DONE
    assert str(Status.IN_PROGRESS) == "in_progress"
    assert f"{Status.CANCELLED}" == "cancelled"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("hoan thnh", "hoàn thành"),
        ("hoàn thàn", "hoàn thành"),
        ("đang thưc hien", "đang thực hiện"),
        ("dang trien kai", "đang triển khai"),
        ("ke hoac", "kế hoạch"),
        ("da huyy", "đã hủy"),
        ("planed", "planned"),
        ("inprogress", "in_progress"),
        ("cancelld", "cancelled"),
        ("xongg", "xong"),
        ("dang lam", "đang làm"),
        # By meaning: the first word says done, in progress, not started or cancelled,
        # and only a spelling of that meaning is ever suggested.
        ("đã tổ chức xong", "đã tổ chức"),
        ("đã gửi báo cáo", "hoàn thành"),
        ("xong rồi", "hoàn thành"),
        ("đang chờ", "đang thực hiện"),
        ("chưa có", "kế hoạch"),
        ("không làm nữa", "hủy"),
        ("da huyy", "đã hủy"),
        # Two meanings, or none of the four: no guess.
        ("chưa xong", None),
        ("chưa hoàn thành", None),
        ("tạm dừng", None),
        ("đang tạm dừng", None),
        ("hoãn lại", None),
        ("no", None),
        ("", None),
        ("   ", None),
    ],
)
def test_suggest_status(text: str, hint: str | None) -> None:
    assert suggest_status(text) == hint
    if hint is not None:
        assert parse_status(hint) is not None


@given(st.text())
def test_parse_ignores_form_and_case(text: str) -> None:
    expected = parse_status(text)
    assert parse_status(unicodedata.normalize("NFD", text)) == expected
    assert parse_status(unicodedata.normalize("NFC", text)) == expected
    assert parse_status(text.upper()) == expected
    assert parse_status(text.lower()) == expected


@given(st.sampled_from(DESIGN_ALIASES), st.sampled_from(["", " ", "  ", "\t"]))
def test_padded_alias_in_any_form(entry: tuple[str, Status], pad: str) -> None:
    alias, status = entry
    for text in (alias, unicodedata.normalize("NFD", alias), alias.upper(), alias.casefold()):
        assert parse_status(pad + text + pad) is status


@pytest.mark.parametrize(("alias", "status"), DESIGN_ALIASES + OFFICE_SYNONYMS)
@pytest.mark.parametrize("tail", [" xong", " rồi", " theo kế hoạch", "."])
def test_a_suggestion_keeps_the_meaning(alias: str, status: Status, tail: str) -> None:
    """A word of one meaning with more written after it is never told to be another."""
    hint = suggest_status(alias + tail)
    if status_meaning(alias + tail) == status:
        assert hint is not None
        assert parse_status(hint) is status


@given(st.text())
def test_suggest_never_fails(text: str) -> None:
    hint = suggest_status(text)
    assert hint is None or parse_status(hint) is not None
