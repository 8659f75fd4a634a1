"""A file with errors read part by part says what building it whole says.

`tuyengiao.read.read_file` reads a file the fast reader gave up on part by part: each
activity and field the fast reader is sure of is read by it, and only the others are
built and validated (`tuyengiao.read.validate.recover` with `parts`). The file it
would otherwise build whole and validate field by field. Both must give the same
findings in the same order, the same recovered value, and the same `known`, `complete`
and `indices` answers the rules and the report rely on: compared here on every YAML
file of the repository, the benchmark's broken plans and generated ones.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from yaml.nodes import MappingNode, Node, SequenceNode

import tuyengiao.read
from benchmarks.generate import BREAKAGES, findings_plan_bytes, plan_bytes
from tests.fuzz.mutations import mutated_plans
from tests.test_check_property import documents
from tests.test_reader import AGREE, CORPUS, MODELS, SKELETON, activities, dumped
from tuyengiao.i18n import messages
from tuyengiao.models import (
    Activity,
    Config,
    Contact,
    Guidance,
    PeriodNotes,
    Plan,
    Progress,
    UnionInfo,
)
from tuyengiao.read import Reading, read_file
from tuyengiao.read.document import Yaml11Number, parse
from tuyengiao.read.scalars import HugeNumber
from tuyengiao.read.syntax import Slip, _cut, split_lost_dashes
from tuyengiao.read.validate import _plain_leaf, adapter

MSG = messages("vi")


@contextmanager
def whole() -> Iterator[None]:
    """Every file built whole, as before files were read part by part."""
    with mock.patch.object(tuyengiao.read, "_recover_parts", return_value=None):
        yield


def described(reading: Reading[Any]) -> list[object]:
    """All a reading says: findings, problems, values, and what is known of each."""
    said: list[object] = [reading.findings, reading.doc.problems, reading.complete]
    if reading.recovery is not None:
        said += [reading.recovery.unlisted, reading.recovery.renamed]
    _describe(reading, reading.value, "", said)
    said.append(repr(reading.doc.data))  # built when asked for, after reading part by part
    return said


def _describe(reading: Reading[Any], value: object, path: str, said: list[object]) -> None:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        complete = reading.recovery is None or reading.recovery.complete(value)
        said.append((path, type(value).__name__, complete))
        for field in dataclasses.fields(value):
            known = reading.known(value, field.name)
            said.append((path, field.name, known, hasattr(value, field.name)))
            if hasattr(value, field.name):
                _describe(reading, getattr(value, field.name), f"{path}.{field.name}", said)
    elif isinstance(value, list):
        complete = reading.recovery is None or reading.recovery.complete(value)
        said.append((path, list(reading.indices(value)), complete))
        for index, item in enumerate(value):
            _describe(reading, item, f"{path}[{index}]", said)
    elif isinstance(value, dict):
        complete = reading.recovery is None or reading.recovery.complete(value)
        said.append((path, "dict", complete))
        for key, item in value.items():
            _describe(reading, item, f"{path}[{key!r}]", said)
    else:
        said.append((path, repr(value)))


def agree(model: type[Any], data: bytes, name: str = "plan.yaml") -> None:
    with whole():
        expected = described(read_file(model, data, name, MSG))
    assert described(read_file(model, data, name, MSG)) == expected


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_agrees_on_every_file_of_the_repository(model: type[Any]) -> None:
    for path in CORPUS:
        agree(model, path.read_bytes(), path.name)


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_agrees_on_every_kind_of_error(breakage: str) -> None:
    for index in range(6):
        agree(Plan, plan_bytes(index, breakage=breakage))


def test_agrees_on_findings_heavy_plans() -> None:
    """The benchmark's findings-heavy plans: about 12 findings each, all kinds."""
    for index in range(40):
        agree(Plan, findings_plan_bytes(index))


def test_agrees_on_keys_in_vietnamese_and_lost_dashes() -> None:
    text = (
        'version: 1\nguidance: "2022"\nunion: {id: cd-x, name: X}\n'
        "hoạt động:\n"
        "  - {id: a, task: 1, title: T, due: 2022-05-20, status: planned, hạn: 1/6/2022}\n"
        "  - id: b\n    task: 2\n    title: U\n    due: 2022-05-20\n    status: xong\n"
        "    id: c\n    task: 3\n    title: V\n    due: x\n    status: planned\n"
        '  - {id: d, task: 1, title: "\\e", due: 2022-05-20, status: planned, note: !!null "\\a"}\n'
    )
    agree(Plan, text.encode())


def test_agrees_where_the_fast_reader_gave_up_midway() -> None:
    """The items the fast reader read before giving up are not read again: a lost dash
    or a broken progress entry after them leaves them where they stood."""
    valid = "{id: a, task: 1, title: T, due: 2022-05-20, status: planned}"
    progress = "progress: [{as_of: 2022-04-01, results: {x: 1}}, {as_of: 31/2/2022, results: {}}]"
    for broken in (
        f"- {{id: b, task: 1, title: T, due: 2022-05-20, status: doing, {progress}}}",
        "- id: c\n    task: 2\n    title: U\n    due: 2022-05-20\n    status: xong\n"
        "    id: d\n    task: 3\n    title: V\n    due: x\n    status: planned",
    ):
        text = (
            'version: 1\nguidance: "2022"\nunion: {id: cd-x, name: X}\nactivities:\n'
            f"  - {valid}\n  - {valid}\n  {broken}\n  - {valid}\n"
        )
        agree(Plan, text.encode())


@AGREE
@given(data=mutated_plans(max_mutations=6))
def test_agrees_on_mutated_plans(data: bytes) -> None:
    agree(Plan, data)


@AGREE
@given(plan=st.lists(activities, min_size=1, max_size=4), top=documents)
def test_agrees_on_generated_activities(plan: list[dict[str, object]], top: Any) -> None:
    agree(Plan, dumped({**SKELETON, "activities": plan}))
    if isinstance(top, dict):
        agree(Plan, dumped({**SKELETON, **top, "activities": plan}))


def _plain_split(root: Node) -> list[Slip]:
    """`split_lost_dashes` as first written: every node walked, every item's keys listed."""
    slips: list[Slip] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for pair in node.value:
                stack.extend(pair)
            continue
        if not isinstance(node, SequenceNode):
            continue
        items: list[Node] = []
        for item in node.value:
            parts = _cut(item, slips) if isinstance(item, MappingNode) else None
            items.extend(parts or [item])
        node.value = items
        stack.extend(items)
    return slips


_keys = st.sampled_from(["id", "task", "title", "due", "[a, b]", "{k: v}", "1", '"1"'])
_items = st.lists(st.tuples(_keys, st.sampled_from(["1", "x", "[1, 2]", "{a: 1}"])), max_size=12)


@AGREE
@given(lists=st.lists(st.lists(_items, max_size=4), min_size=1, max_size=3))
def test_lost_dashes_are_cut_as_by_the_plain_walk(lists: list[list[list[tuple[str, str]]]]) -> None:
    lines = []
    for number, items in enumerate(lists):
        lines.append(f"l{number}:")
        for item in items:
            lines.append("  - x: 0")
            lines += [f"    ? {key}\n    : {value}" for key, value in item]
    text = "\n".join(lines) + "\n"
    first, second = parse(text.encode()).root, parse(text.encode()).root
    assert first is not None and second is not None
    assert split_lost_dashes(first) == _plain_split(second)
    assert yaml.serialize(first) == yaml.serialize(second)


#: Every leaf annotation of the models `validate._plain_leaf` answers for, in field order.
_LEAVES = list(
    dict.fromkeys(
        annotation
        for model in (Plan, Config, Guidance, Activity, Progress, UnionInfo, Contact, PeriodNotes)
        for annotation in typing.get_type_hints(model, include_extras=True).values()
        if _plain_leaf(annotation) is not None
    )
)
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**10), max_value=10**10),
    st.floats(allow_nan=False),
    st.dates(),
    st.datetimes(),
    st.sampled_from(("", " ", "a", "A b", "cd-x", "2022-05-20", "31/2/2022", "1", "yes")),
    st.sampled_from(("ngày 5 tháng 6 năm 2022", "hoàn thành", "xong", "Đang thực hiện")),
    st.text(max_size=8),
    st.builds(HugeNumber, st.just("9" * 30)),
    st.builds(Yaml11Number, st.integers(0, 999), st.just("0755")),
)
_values = st.one_of(
    _scalars,
    st.lists(_scalars, max_size=2),
    st.dictionaries(st.one_of(st.text(max_size=3), st.integers()), _scalars, max_size=3),
)


def test_the_plain_leaves_are_the_usual_ones() -> None:
    assert len(_LEAVES) >= 8


@AGREE
@given(value=_values, annotation=st.sampled_from(_LEAVES))
def test_plain_leaves_answer_as_pydantic(value: object, annotation: Any) -> None:
    """`validate._plain_leaf` gives pydantic's value or error, or leaves it to pydantic."""
    plain = _plain_leaf(annotation)
    assert plain is not None
    answer = plain(value)
    if answer is None:
        return
    try:
        expected = adapter(annotation).validate_python(value)
    except ValidationError as error:
        (detail,) = error.errors()
        assert answer[1] is not None, (annotation, value, detail)
        assert answer[1]["type"] == detail["type"]
        assert answer[1]["input"] is detail["input"] or answer[1]["input"] == detail["input"]
        assert answer[1].get("ctx") == detail.get("ctx")
        assert detail["loc"] == ()
    else:
        assert answer[1] is None, (annotation, value, expected)
        assert answer[0] == expected and type(answer[0]) is type(expected)
