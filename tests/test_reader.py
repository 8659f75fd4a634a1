"""The fast reader agrees with pydantic, and reads the files it is there for.

`tuyengiao.read.fast.read` turns a valid file's YAML nodes into the models without
pydantic; when it is not sure it gives up and the slow path (plain values, then
pydantic) decides. So, on any input: when the reader gives a value, pydantic must give
the same one. And the reader must not give up on plainly written valid files, or
`check` silently loses its speed: the sample workspace, the built-in catalogue and the
benchmark's generated plans (every date form, statuses in mixed case, CRLF, BOM).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from benchmarks.generate import BREAKAGES, plan_bytes
from tests.conftest import PLANS, REPO
from tests.fuzz.mutations import mutated_plans
from tests.test_check_property import documents
from tuyengiao.models import Config, Guidance, Plan
from tuyengiao.read.document import load, parse
from tuyengiao.read.fast import read
from tuyengiao.read.validate import adapter

MODELS: tuple[type[Any], ...] = (Plan, Config, Guidance)
CORPUS = sorted(
    path
    for folder in (REPO / "tests", PLANS, REPO / "tuyengiao" / "data")
    for path in folder.rglob("*.y*ml")
    if path.is_file()  # the unreadable cases hold a broken link
)
AGREE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def slow(model: type[Any], data: bytes) -> object:
    """What the slow path makes of `data`: the model, or None when anything is wrong."""
    doc = load(data)
    if doc.problems or doc.root is None:
        return None
    try:
        return adapter(model).validate_python(doc.data)
    except ValidationError:
        return None


def agree(model: type[Any], data: bytes) -> object:
    """The reader's answer, after checking pydantic gives the same one when it answers."""
    quick = read(model, parse(data))
    if quick is not None:
        assert quick == slow(model, data)
    return quick


def test_the_corpus_is_large() -> None:
    assert len(CORPUS) > 150


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_agrees_on_every_file_of_the_repository(model: type[Any]) -> None:
    """Every YAML file of the tests, the sample and the package, read as every model."""
    for path in CORPUS:
        agree(model, path.read_bytes())


def test_reads_the_sample_workspace_and_the_catalogue() -> None:
    for path in sorted((PLANS / "2022").glob("*.yaml")):
        assert agree(Plan, path.read_bytes()) is not None, path
    assert agree(Config, (PLANS / "tuyengiao.yaml").read_bytes()) is not None
    catalogue = REPO / "tuyengiao" / "data" / "guidance-2022.yaml"
    assert agree(Guidance, catalogue.read_bytes()) is not None


def test_reads_every_generated_benchmark_plan() -> None:
    """The benchmark's plans are valid and written in every accepted way: no slow path."""
    for index in range(40):
        assert agree(Plan, plan_bytes(index)) is not None, index


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_gives_up_on_every_kind_of_error(breakage: str) -> None:
    data = plan_bytes(8, breakage=breakage)
    if breakage not in ("invalid-task", "duplicate-id", "date-order"):  # rules, not the format
        assert agree(Plan, data) is None


@AGREE
@given(data=mutated_plans(max_mutations=6))
def test_agrees_on_mutated_plans(data: bytes) -> None:
    agree(Plan, data)


#: A valid plan to put generated parts in.
SKELETON: dict[str, Any] = {
    "version": 1,
    "guidance": "2022",
    "union": {"id": "cd-x", "name": "X"},
    "activities": [
        {
            "id": "a",
            "task": 1,
            "title": "T",
            "due": "20/5/2022",
            "status": "hoàn thành",
            "done": "19/5/2022",
        }
    ],
}


def dumped(document: object) -> bytes:
    return yaml.safe_dump(document, allow_unicode=True).encode()


@AGREE
@given(document=documents)
def test_agrees_on_any_document_inside_a_plan_skeleton(document: Any) -> None:
    agree(Plan, dumped({**SKELETON, "activities": [*SKELETON["activities"], document]}))
    if isinstance(document, dict):
        agree(Plan, dumped({**SKELETON, **document}))
        agree(Config, dumped(document))


def _field(*values: object) -> st.SearchStrategy[object]:
    return st.sampled_from(values)


#: Activities whose every field is valid, invalid, or a near miss of the two.
activities = st.fixed_dictionaries(
    {
        "id": _field("a-1", "b", "A", "a b", "", 1),
        "task": _field(1, 8, 3, 0, True, "1", 1.0),
        "title": _field("Tập huấn", "T", "", " ", 5, None, "a\u0301"),
        "due": _field("2022-05-20", "20/5/2022", "ngày 20 tháng 5 năm 2022", "31/2/2022", 1, None),
        "status": _field("planned", "Hoàn thành", "ĐANG thực hiện", "huỷ", "xong", "", True),
    },
    optional={
        "start": _field("2022-01-10", "10.1.2022", "2022-1-10", None, "x"),
        "done": _field("2022-05-19", "19-5-2022", None, 20220519),
        "owner": _field("Ban Tuyên giáo", "", None),
        "results": st.dictionaries(_field("sessions", "people", "x"), _field(0, 3, -1, True, "2")),
        "evidence": _field("Báo cáo số 1", None),
        "note": _field("", "ghi chú", None, 3),
        "titel": _field("a typo"),
    },
)


@AGREE
@given(plan=st.lists(activities, min_size=1, max_size=4))
def test_agrees_on_generated_activities(plan: list[dict[str, object]]) -> None:
    agree(Plan, dumped({**SKELETON, "activities": plan}))


def test_generated_activities_are_often_valid() -> None:
    """The strategy above reaches the reader's accepting side too, not only the slow path."""
    accepted = []

    @settings(max_examples=200, deadline=None, database=None)
    @given(plan=st.lists(activities, min_size=1, max_size=2))
    def count(plan: list[dict[str, object]]) -> None:
        accepted.append(agree(Plan, dumped({**SKELETON, "activities": plan})) is not None)

    count()
    assert any(accepted)


def test_gives_up_quickly_on_repeated_aliases() -> None:
    """An alias repeated over and over makes a small file a huge tree: not the reader's job."""
    metrics = ", ".join(f"m{n}: 1" for n in range(2000))
    activity = "{id: a, task: 1, title: T, due: 2022-05-20, status: planned, results: *r}"
    text = f"x: &r {{{metrics}}}\n" + "activities:\n" + f"  - {activity}\n" * 2000
    started = time.perf_counter()
    assert read(Plan, parse(text.encode())) is None
    assert time.perf_counter() - started < 5  # a guard against a hang, not a benchmark


@pytest.mark.parametrize("repeats", [10, 1000, 2500])
def test_aliases_agree_with_the_slow_paths_limit(repeats: int) -> None:
    """One activity repeated by alias: fine a few times, refused (too complex) past the
    slow path's limit, which the reader must not read past."""
    first = "&a {id: a, task: 1, title: T, due: 2022-05-20, status: planned}"
    text = (
        'version: 1\nguidance: "2022"\nunion: {id: cd-x, name: X}\n'
        f"activities: [{first}{', *a' * repeats}]\n"
    )
    quick = agree(Plan, text.encode())
    assert (quick is not None) is (repeats < 2500)
    assert (slow(Plan, text.encode()) is not None) is (repeats < 2500)


def test_gives_up_on_what_only_the_slow_path_names(tmp_path: Path) -> None:
    base = (PLANS / "2022").glob("*.yaml")
    plan = next(iter(sorted(base))).read_text(encoding="utf-8")
    for before, after in [
        ("version: 1", "version: !!int 1"),  # an explicit tag is fine…
        ("version: 1", "version: 0x1"),  # …a YAML 1.1 number is not
        ("version: 1", 'version: "1"'),
        ("version: 1", "version: 1\nversion: 1"),  # a repeated key
        ("version: 1", "<<: {version: 1}"),  # a merge key
    ]:
        changed = plan.replace(before, after, 1).encode()
        expected = before == "version: 1" and after == "version: !!int 1"
        assert (agree(Plan, changed) is not None) is expected, after


_DAYS = st.sampled_from(
    ["2022-05-20", "20/5/2022", "31/2/2022", "2022-13-01", "ngày 20 tháng 5 năm 2022", "1:30"]
)
_STATUSES = st.sampled_from(["hoàn thành", "Hoàn Thành", "done", "xong rồi", "yes", "~", ""])
_NUMBERS = st.sampled_from(["12", "0", "-3", "1.250", "0x1F", "2022-05-20", "~"])
_STYLES = st.sampled_from(["{}", "'{}'", '"{}"'])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_DAYS, _STATUSES, _NUMBERS, _STYLES, _STYLES, _STYLES), max_size=12))
def test_a_remembered_scalar_reads_as_one_read_afresh(
    values: list[tuple[str, str, str, str, str, str]],
) -> None:
    # The fast reader remembers days, statuses and numbers by tag and text
    # (`fast._memoized`): whatever was read before, a plan reads as pydantic reads it.
    for day, status, number, *styles in values:
        written = zip(styles, (day, status, number), strict=True)
        due, state, count = (style.format(value) for style, value in written)
        text = (
            "version: 1\nguidance: '2022'\nunion: {id: cd-x, name: X}\nactivities:\n"
            f"  - id: a1\n    task: 1\n    title: T\n    due: {due}\n"
            f"    status: {state}\n    results: {{sessions: {count}}}\n"
        )
        agree(Plan, text.encode())


def test_remembered_scalars_are_told_apart_by_their_tag() -> None:
    # `12` is a number, `'12'` text: the same characters, remembered apart.
    def plan(count: str) -> bytes:
        return (
            "version: 1\nguidance: '2022'\nunion: {id: cd-x, name: X}\nactivities:\n"
            "  - id: a1\n    task: 1\n    title: T\n    due: 2022-05-20\n"
            f"    status: done\n    done: 2022-05-20\n    results: {{sessions: {count}}}\n"
        ).encode()

    assert agree(Plan, plan("12")) is not None
    assert agree(Plan, plan("'12'")) is None
    assert agree(Plan, plan("12")) is not None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \t#a\n\r\x0b\x1c\xa0\u3000\u2028\u0301é", max_size=40))
def test_a_maybe_cut_comment_is_told_as_the_pattern_tells_it(text: str) -> None:
    # `_maybe_cut` goes from `#` to `#` (1,000 plans: 41 ms -> 2 ms) and must say what
    # the pattern it replaced says, whitespace of every kind included.
    import re

    from tuyengiao.read.document import _maybe_cut

    assert _maybe_cut(text) == bool(re.search(r"[ \t]#\S", text))


_PLAIN_STARTS = "yYnNtTfFoO~-+.0123456789<=aĐT"


@settings(max_examples=800, deadline=None)
@given(
    st.text(alphabet=_PLAIN_STARTS, min_size=1, max_size=1).flatmap(
        lambda first: st.text(alphabet="aelnorsuTUEYSRNLOF eẩ0123456789:.-_", max_size=9).map(
            lambda rest: first + rest
        )
    )
    | st.sampled_from(["yes", "FALSE", "Off", "null", "NULL", "~", "true", "Tổ chức hội nghị"])
)
def test_the_tagging_loader_tags_every_plain_value_as_pyyaml_does(value: str) -> None:
    # `_TaggingLoader.resolve` answers from a memo, and a letter-first value longer than
    # any boolean or null at once: the same tag as PyYAML's own resolver, always.
    import yaml

    from tuyengiao.read.document import _TaggingLoader

    ours = _TaggingLoader("").resolve(yaml.ScalarNode, value, (True, False))
    theirs = yaml.SafeLoader("").resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    assert ours == theirs
