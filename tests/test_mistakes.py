"""`tuyengiao.mistakes`: the inputs people really write, and the hint each one gets."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tuyengiao.i18n import messages
from tuyengiao.mistakes import (
    Hint,
    closest,
    comma_in_flow_value,
    comment_cuts,
    key_hint,
    syntax_hint,
    value_hint,
)


def syntax_error(text: str) -> tuple[int, int, str]:
    """The 1-based position and problem PyYAML reports for `text`."""
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text)
    mark = caught.value.problem_mark
    assert mark is not None
    return mark.line + 1, mark.column + 1, caught.value.problem or ""


def fills(hint: Hint) -> None:
    """The hint's message exists in both languages and its fields fill every placeholder."""
    for lang in ("vi", "en"):
        text = messages(lang)(hint.key, **hint.fields)
        assert text and not re.search(r"\{[A-Za-z_]*\}", text), text


@pytest.mark.parametrize(
    ("text", "key", "where"),
    [
        # Word's non-breaking space after `due:`: PyYAML blames the next line.
        (
            "version: 1\nactivities:\n  - id: a\n    due:\u00a020/5/2022\n    status: done\n",
            "hint.mistake.invisible",
            (4, 9),
        ),
        ("union:\n  id: x\n  name:\u202fA\n  members: 3\n", "hint.mistake.invisible", (3, 8)),
        ("title: “Hội nghị: quán triệt NQ”\n", "hint.mistake.typographic_quotes", (1, 8)),
        ("title: ‘Hội nghị: quán triệt’\n", "hint.mistake.typographic_quotes", (1, 8)),
        ("activities:\n– id: a\n  task: 1\n", "hint.mistake.dash_bullet", (2, 1)),
        ("activities:\n  — id: a\n    task: 1\n", "hint.mistake.dash_bullet", (2, 3)),
        ("union:\n\tid: x\n", "hint.mistake.tab", (2, 1)),
        ("union:\n  id: x\n \tname: y\n", "hint.mistake.tab", (3, 2)),
        (
            "activities:\n  - id: a\n    title: Hội nghị: quán triệt\n",
            "hint.mistake.colon_in_value",
            (3, 12),
        ),
    ],
)
def test_syntax_hint_names_the_mistake_and_where_it_is(
    text: str, key: str, where: tuple[int, int]
) -> None:
    hint = syntax_hint(text, *syntax_error(text))
    assert hint is not None
    assert hint.key == key
    assert (hint.fields["line"], hint.fields["column"]) == where
    fills(hint)


def test_syntax_hint_details() -> None:
    nbsp = syntax_hint("a:\n  b:\u00a0c\n  d: e\n", 3, 3, "could not find expected ':'")
    assert nbsp is not None and nbsp.fields["code"] == "U+00A0"
    assert nbsp.fields["name"] == "NO-BREAK SPACE"
    colon = syntax_hint("title: A: B # x\n", 1, 9, "mapping values are not allowed here")
    assert colon == Hint(
        "hint.mistake.colon_in_value", {"line": 1, "column": 8, "key": "title", "value": "A: B"}
    )
    assert "Space" in messages("vi")("hint.mistake.tab")
    assert "không dùng phím Tab" in messages("vi")("hint.mistake.tab")


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2\n",  # an unclosed list: nothing of the table
        "a: 'x\n",
        'key: "x" y\n',
    ],
)
def test_syntax_hint_is_none_for_other_errors(text: str) -> None:
    assert syntax_hint(text, *syntax_error(text)) is None


def test_syntax_hint_ignores_positions_outside_the_text() -> None:
    assert syntax_hint("a: b\n", 9, 1, "x") is None
    assert syntax_hint("a: b\n", 0, 1, "x") is None


def test_comment_cuts() -> None:
    text = (
        "title: Hội nghị #1 quán triệt\n"
        "quoted: 'x' #y\n"
        "comment: a # a real comment\n"
        "flow: {d: e #f\n  }\n"
        "block: |\n  text #not a comment\n"
        "tag: Hội nghị#2\n"
    )
    root = yaml.compose(text)
    assert root is not None
    assert comment_cuts(text, root) == [(1, 17, "#1 quán triệt"), (4, 13, "#f")]


def test_comment_cuts_with_crlf_and_aliases() -> None:
    text = "a: &x Hội nghị #1\r\nb: *x\r\n"
    root = yaml.compose(text)
    assert root is not None
    assert comment_cuts(text, root) == [(1, 16, "#1")]


@pytest.mark.parametrize(
    ("expected", "raw", "value", "key", "fields"),
    [
        ("date", "44701", 44701, "hint.mistake.excel_date", {"date": "20/5/2022"}),
        ("date", "44562", None, "hint.mistake.excel_date", {"date": "1/1/2022"}),
        ("date", "30-5-22", None, "hint.mistake.two_digit_year", {"date": "30/5/2022"}),
        ("date", "20/5/22", None, "hint.mistake.two_digit_year", {"date": "20/5/2022"}),
        ("date", "2022-5-20", None, "hint.mistake.loose_iso", {"iso": "2022-05-20"}),
        ("date", "2022/05/20", None, "hint.mistake.loose_iso", {"iso": "2022-05-20"}),
        ("date", "Quý II/2022", None, "hint.mistake.period", {"date": "30/6/2022"}),
        ("date", "quý 4 năm 2022", None, "hint.mistake.period", {"date": "31/12/2022"}),
        ("date", "tháng 5/2022", None, "hint.mistake.period", {"date": "31/5/2022"}),
        ("date", "Tháng 2 năm 2024", None, "hint.mistake.period", {"date": "29/2/2024"}),
        ("date", "6 tháng đầu năm 2022", None, "hint.mistake.period", {"date": "30/6/2022"}),
        ("date", "2022", 2022, "hint.mistake.period", {"date": "31/12/2022"}),
        ("integer", "320 người", None, "hint.mistake.unit", {"number": 320, "unit": "người"}),
        ("count", "1.500 lượt", None, "hint.mistake.unit", {"number": 1500}),
        ("count", "1.500", 1.5, "hint.mistake.thousands", {"number": 1500}),
        ("count", "1,500", None, "hint.mistake.thousands", {"number": 1500}),
        ("count", "12.345.678", None, "hint.mistake.thousands", {"number": 12345678}),
        ("task", "Nhiệm vụ 1", None, "hint.mistake.task_words", {"number": 1}),
        ("task", "NV1", None, "hint.mistake.task_words", {"number": 1}),
        ("task", "nhiệm vụ số 03", None, "hint.mistake.task_words", {"number": 3}),
        ("task", "1", "1", "hint.mistake.task_quoted", {"number": 1}),
        ("text", "2022", 2022, "hint.mistake.text_not_number", {"raw": "2022"}),
        ("status", "xongg", "xongg", "hint.mistake.status_suggest", {"suggestion": "xong"}),
        ("status", "zzz", "zzz", "hint.mistake.status_unknown", {}),
    ],
)
def test_value_hint(
    expected: str, raw: str, value: object, key: str, fields: dict[str, object]
) -> None:
    hint = value_hint(expected, raw, value)
    assert hint is not None
    assert hint.key == key
    assert fields.items() <= hint.fields.items()
    fills(hint)


@pytest.mark.parametrize(
    ("expected", "raw", "value"),
    [
        ("date", "123", 123),  # a number, but no Excel day of this century
        ("date", "hôm qua", None),
        ("date", "31/2/22", None),  # two-digit year, but no such day either
        ("date", "tháng 13/2022", None),
        ("integer", "nhiều", None),
        ("task", "một", None),
        ("text", "yes", True),  # the YAML 1.1 trap has its own hint
        ("text", "Hội nghị", "Hội nghị"),
        ("status", "", ""),
        ("colour", "x", "x"),
    ],
)
def test_value_hint_is_none_when_nothing_is_recognised(
    expected: str, raw: str, value: object
) -> None:
    assert value_hint(expected, raw, value) is None


@pytest.mark.parametrize(
    ("expected", "raw", "key", "fields"),
    [
        # Issue 18: the slips as classes, each with the hint that fits.
        ("date", "30/05", "hint.mistake.missing_year", {"date": "30/5/2022"}),
        ("date", "30.5", "hint.mistake.missing_year", {"date": "30/5/2022"}),
        ("date", "ngày 30 tháng 5", "hint.mistake.missing_year", {"date": "30/5/2022"}),
        ("date", "Quý 3", "hint.mistake.period", {"date": "30/9/2022"}),
        ("date", "quý III", "hint.mistake.period", {"date": "30/9/2022"}),
        ("date", "Q3", "hint.mistake.period", {"date": "30/9/2022"}),
        ("date", "Q1/2023", "hint.mistake.period", {"date": "31/3/2023"}),
        ("date", "13-15/6/2022", "hint.mistake.date_range", {"date": "15/6/2022"}),
        ("date", "13/6 - 15/6/2022", "hint.mistake.date_range", {"first": "13/6/2022"}),
        ("date", "Thứ Hai, 20/6/2022", "hint.mistake.weekday", {"date": "20/6/2022"}),
        ("date", "Chủ nhật 19/6/2022", "hint.mistake.weekday", {"date": "19/6/2022"}),
        ("date", "T3, 20/6/2022", "hint.mistake.weekday_wrong", {"weekday": "thứ Hai"}),
        ("date", "06/20/2022", "hint.mistake.month_first", {"date": "20/6/2022"}),
        ("date", "20/5/2202", "hint.mistake.year_typo", {"date": "20/5/2022"}),
        ("date", "20/5/2022.", "hint.mistake.date_spaces", {"date": "20/5/2022"}),
        ("date", "20 / 5 / 2022", "hint.mistake.date_spaces", {"date": "20/5/2022"}),
        ("date", "ngày 20 tháng 5, năm 2022", "hint.mistake.date_spaces", {"date": "20/5/2022"}),
        ("date", "20 tháng 5 2022.", "hint.mistake.date_spaces", {"date": "20/5/2022"}),
        ("date", "“20/5/2022”", "hint.mistake.typographic_value", {"inner": "20/5/2022"}),
        ("count", "khoảng 250", "hint.mistake.approx", {"number": 250}),
        ("count", "~250", "hint.mistake.approx", {"number": 250}),
        ("task", "1, 2", "hint.mistake.task_two", {"first": "1", "second": "2"}),
        ("task", "1 và 2", "hint.mistake.task_two", {"first": "1", "second": "2"}),
        ("task", "IV", "hint.mistake.task_roman", {"number": 4}),
        ("task", "\uff14", "hint.mistake.lookalike_in_value", {"name": "FULLWIDTH DIGIT FOUR"}),
        ("status", "“hoàn thành”", "hint.mistake.typographic_value", {"inner": "hoàn thành"}),
        ("status", "chưa xong", "hint.mistake.status_not_done", {}),
        ("status", "tạm dừng", "hint.mistake.status_paused", {}),
        ("status", "đã tổ chức xong", "hint.mistake.status_suggest", {"suggestion": "đã tổ chức"}),
    ],
)
def test_value_hint_names_the_class(
    expected: str, raw: str, key: str, fields: dict[str, object]
) -> None:
    hint = value_hint(expected, raw, raw, year=2022, column=10)
    assert hint is not None
    assert hint.key == key
    assert fields.items() <= hint.fields.items()
    fills(hint)


def test_an_invisible_character_is_named_at_its_own_column() -> None:
    hint = value_hint("text", "cd-mau\u200b-x", "cd-mau\u200b-x", column=14)
    assert hint == Hint(
        "hint.mistake.invisible_in_value",
        {"code": "U+200B", "name": "ZERO WIDTH SPACE", "column": 20, "clean": "cd-mau-x"},
    )


def test_value_hint_without_raw_uses_the_value() -> None:
    assert value_hint("date", None, 44701) == Hint(
        "hint.mistake.excel_date", {"raw": "44701", "date": "20/5/2022"}
    )


@pytest.mark.parametrize(
    ("key", "english"),
    [
        ("hạn", "due"),
        ("Hạn", "due"),
        ("han", "due"),
        ("trạng thái", "status"),
        ("TRẠNG_THÁI", "status"),
        ("trang-thai", "status"),
        ("tên", "title"),
        ("nhiệm vụ", "task"),
        ("bắt đầu", "start"),
        ("hoàn thành", "done"),
        ("ngày hoàn thành", "done"),
        ("kết quả", "results"),
        ("minh chứng", "evidence"),
        ("ghi chú", "note"),
        ("phụ trách", "owner"),
        ("deadline", "due"),
        ("tiến độ", "progress"),
    ],
)
def test_key_hint(key: str, english: str) -> None:
    assert key_hint(key) == english


@pytest.mark.parametrize("key", ["tilte", "xyz", "", "due"])
def test_key_hint_is_none_for_other_names(key: str) -> None:
    assert key_hint(key) is None


def _pair(text: str, index: int) -> tuple[yaml.MappingNode, yaml.ScalarNode]:
    node = yaml.compose(text)
    assert isinstance(node, yaml.MappingNode)
    key = node.value[index][0]
    assert isinstance(key, yaml.ScalarNode)
    return node, key


def test_comma_in_flow_value() -> None:
    hint = comma_in_flow_value(*_pair("{id: x, name: A, group: Khối Bộ, ngành TW}", 3))
    assert hint == Hint(
        "hint.mistake.comma_in_flow",
        {"key": "group", "value": "Khối Bộ, ngành TW", "part": "ngành TW"},
    )
    fills(hint)


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("{id: x, name: A, group: Khối Bộ, ngành TW}", 1),  # a known key with its value
        ("{id: x, group: 'Khối Bộ', ngành TW}", 2),  # the value before is quoted
        ("{id: x, group: Khối Bộ, ngành: TW}", 2),  # the unknown key has a value
        ("{ngành TW, id: x}", 0),  # nothing before it
        ("{id: x, group: [a], ngành TW}", 2),  # the value before is not text
        ("id: x\ngroup: Khối Bộ\nngành TW:\n", 2),  # not a flow mapping
    ],
)
def test_comma_in_flow_value_is_none_otherwise(text: str, index: int) -> None:
    assert comma_in_flow_value(*_pair(text, index)) is None


def test_comma_in_flow_value_for_a_key_of_another_mapping() -> None:
    node, _ = _pair("{a: b, c}", 0)
    _, other = _pair("{a: b, c}", 1)
    assert comma_in_flow_value(node, other) is None


def test_every_mistake_message_has_both_languages() -> None:
    vi, en = messages("vi").keys(), messages("en").keys()
    keys = {k for k in vi if k.startswith("hint.mistake.")}
    assert keys and keys == {k for k in en if k.startswith("hint.mistake.")}


_TRICKY = st.sampled_from([*"\u00a0\u200b\ufeff\u2007\u202f“”‘’–—\t:#,{}[]-'\" \n\r", "ab", "9"])


@given(
    text=st.lists(st.one_of(_TRICKY, st.text(max_size=3)), max_size=40).map("".join),
    line=st.integers(-2, 50),
    column=st.integers(-2, 120),
    problem=st.sampled_from(["mapping values are not allowed here", "found character '\\t'", ""]),
)
def test_syntax_hint_never_raises_and_points_inside_the_text(
    text: str, line: int, column: int, problem: str
) -> None:
    hint = syntax_hint(text, line, column, problem)
    if hint is not None:
        at_line, at_column = hint.fields["line"], hint.fields["column"]
        assert isinstance(at_line, int) and isinstance(at_column, int)
        assert 1 <= at_line <= line and at_column >= 1
        fills(hint)


@given(
    expected=st.sampled_from(["date", "integer", "count", "task", "text", "status"]),
    raw=st.one_of(st.none(), st.text(max_size=30)),
    value=st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10)),
)
def test_value_hint_never_raises(expected: str, raw: str | None, value: object) -> None:
    for year in (None, 2022):
        hint = value_hint(expected, raw, value, year=year, column=5)
        if hint is not None:
            fills(hint)


@given(st.text(max_size=30))
def test_key_hint_never_raises(key: str) -> None:
    assert key_hint(key) in (None, *{"due", "status", "title", "task", "start", "done", "results",
        "evidence", "note", "owner", "id", "activities", "union", "name", "members", "contact",
        "phone", "email", "updated", "guidance", "version", "progress", "as_of", "reports",
        "group", "years"})  # fmt: skip


FIELDS = ["done", "due", "evidence", "id", "note", "owner", "progress", "results", "start"]
FIELDS += ["status", "target", "task", "title"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("titel", ["title"]),
        ("stauts", ["status"]),
        ("dute", ["due"]),
        ("resutls", ["results"]),
        ("evidance", ["evidence"]),
        # Close in spelling but another meaning, or two names as close: no guess.
        ("dou", []),
        ("starget", ["target"]),
        ("goal", []),
        ("deadline", []),
    ],
)
def test_closest_keeps_the_meaning(name: str, expected: list[str]) -> None:
    assert closest(name, FIELDS) == expected


@given(st.text(max_size=12))
def test_closest_is_at_most_two_slips_away(name: str) -> None:
    found = closest(name, FIELDS)
    assert len(found) <= 1
