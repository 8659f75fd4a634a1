"""Read a valid file's YAML nodes straight into the models, without pydantic.

Most files are valid, and for them this is all the work there is: one walk over the
node tree libyaml composed, each field converted as its annotation says
(`tuyengiao.fields`). It spares building plain values from the nodes and validating
them with pydantic: `check` on 1,000 generated plans (benchmarks/, one process) takes
1.71 s with it and 1.98 s when every file takes the slow path, and `check` on a valid
plan does not import pydantic at all.

The reader gives up (`read` returns None) at the first thing it is not sure of: a
value a field refuses, an unknown or repeated key, a tag, an escaped control
character, a merge key, a value that is not written the plain way (`0x1F`, `1:30`),
or more values than the slow path reads without measuring aliases (10,000). The
caller then takes the slow path, which builds plain values (`tuyengiao.read.document`) and
asks pydantic (`tuyengiao.read.validate`) for every error with its place. So the reader
must never accept what the slow path refuses, nor read a value differently:
`tests/test_reader.py` compares the two on every test file and on generated ones.
"""

from __future__ import annotations

import dataclasses
import datetime
import types
import typing
import unicodedata
from collections.abc import Callable
from typing import Any, Literal, TypeVar, get_args, get_origin

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tuyengiao.fields import MAX_DIGITS, Bounds, Check, Convert, Exact, FieldError
from tuyengiao.read.document import Document
from tuyengiao.read.scalars import (
    ALIAS_SLACK,
    ESCAPED_CONTROL,
    INT,
    MAP,
    NULL,
    PLAIN_INT,
    SEQ,
    STR,
    TIMESTAMP,
)

T = TypeVar("T")


class _NotSureError(Exception):
    """The reader is not sure: the slow path decides."""


class _Budget:
    """Values the reader may still read: aliases can make a small file a huge tree."""

    __slots__ = ("kept", "left")

    def __init__(self, left: int) -> None:
        self.left = left
        #: id(list node) → the items read of it before the reader gave up on one.
        self.kept: dict[int, list[object]] | None = None

    def keep(self, node: Node, items: list[object]) -> None:
        if self.kept is None:
            self.kept = {}
        self.kept[id(node)] = items

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise _NotSureError


Reader = Callable[[Node, _Budget], Any]


def read(model: type[T], doc: Document) -> T | None:
    """`doc` as a `model` when it is valid and plainly written, else None (ask pydantic)."""
    if doc.root is None or doc.problems:
        return None
    # Aliases can repeat a part of the tree many times over: the slow path refuses a
    # file whose values, counted with every repeat, pass a limit that is never below
    # ALIAS_SLACK (`loader._Builder`). Reading no more values than that, the reader
    # can never accept what the slow path refuses. A plan has a few hundred values;
    # the rare file with more takes the slow path.
    budget = _Budget(ALIAS_SLACK)
    try:
        value: T = _reader(model)(doc.root, budget)
    except (_NotSureError, FieldError):
        # What was read of a list before the item given up on is not read again
        # (`tuyengiao.read.validate.recover` with `parts`): 1,000 findings-heavy plans
        # read about 7,000 activities here twice.
        doc.read_before = budget.kept
        return None
    return value


#: What `read_part` gives for a part it is not sure of.
UNSURE: Any = object()


def read_part(annotation: object, node: Node) -> Any:
    """`node` as `annotation` (a model, a field's type) when it is valid and plainly
    written, else `UNSURE`: the part of a file with errors that is read as a valid
    file is (`tuyengiao.read.validate.recover`). The tree must have no aliases."""
    try:
        return _reader(annotation)(node, _Budget(ALIAS_SLACK))
    except (_NotSureError, FieldError):
        return UNSURE


# --- scalars ---------------------------------------------------------------------------


# The scalar readers take the budget they do not need: they then are readers
# themselves, called straight from the model's loop, not through one more function.


def _text(node: Node, _budget: object = None) -> str:
    """A text scalar as the loader gives it (see `loader.key_text`)."""
    if node.__class__ is not ScalarNode or node.tag != STR:
        raise _NotSureError
    value: str = node.value
    if node.style == '"' and ESCAPED_CONTROL.search(value):
        raise _NotSureError
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def _integer(node: Node, _budget: object = None) -> int:
    """A whole number written the plain way (`12`, not `0x0C` or `1_2`), of a sane length."""
    if node.__class__ is not ScalarNode or node.tag != INT or not PLAIN_INT.fullmatch(node.value):
        raise _NotSureError
    if len(node.value.lstrip("+-")) > MAX_DIGITS:  # the slow path names it (`HugeNumber`)
        raise _NotSureError
    return int(node.value)


def _scalar(node: Node, _budget: object = None) -> object:
    """Text, a plain whole number or an ISO date: what a converter may be given."""
    tag = node.tag
    if tag == STR:
        return _text(node)
    if tag == INT:
        return _integer(node)
    if tag == TIMESTAMP and node.__class__ is ScalarNode and len(node.value) == 10:
        try:
            return datetime.date.fromisoformat(node.value)
        except ValueError:
            raise _NotSureError from None
    raise _NotSureError


def _is_null(node: Node) -> bool:
    # Not `!!null "\e"`: its escape makes a control character, which the slow path names.
    return node.tag == NULL and node.__class__ is ScalarNode and node.style != '"'


# --- readers, made once per annotation --------------------------------------------------

_READERS: dict[object, Reader] = {}


def _reader(annotation: object) -> Reader:
    """The reader of one annotation, made on first use."""
    reader = _READERS.get(annotation)
    if reader is None:
        reader = _READERS[annotation] = _make_reader(annotation)
    return reader


def _make_reader(annotation: Any) -> Reader:
    if dataclasses.is_dataclass(annotation):
        return _model_reader(annotation)  # type: ignore[arg-type]
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is typing.Annotated:
        return _annotated_reader(args[0], args[1:])
    if origin in (typing.Union, types.UnionType):
        optional = _optional(annotation)
        if optional is not None:
            inner = _reader(optional)
            return lambda node, budget: None if _is_null(node) else inner(node, budget)
        return _union_reader(args)
    if origin is list:
        item = _reader(args[0])

        def read_list(node: Node, budget: _Budget) -> list[object]:
            if node.__class__ is not SequenceNode or node.tag != SEQ:
                raise _NotSureError
            budget.spend(len(node.value))
            items: list[object] = []
            try:
                for child in node.value:
                    items.append(item(child, budget))
            except (_NotSureError, FieldError):
                budget.keep(node, items)
                raise
            return items

        return read_list
    if origin is dict:
        key, value = _reader(args[0]), _reader(args[1])

        def read_dict(node: Node, budget: _Budget) -> dict[object, object]:
            if node.__class__ is not MappingNode or node.tag != MAP:
                raise _NotSureError
            budget.spend(len(node.value))
            result = {key(k, budget): value(v, budget) for k, v in node.value}
            if len(result) != len(node.value):
                raise _NotSureError  # a repeated key
            return result

        return read_dict
    if origin is Literal:
        return _literal_reader(args)
    if annotation is str:
        return _text
    if annotation is int:
        return _integer
    raise TypeError(f"no reader for {annotation!r}")


def _union_reader(members: tuple[object, ...]) -> Reader:
    """`A | B [| None]` (a title of one line or a list of lines): the first member that
    reads the node, as pydantic's strict union takes the member the value is exactly."""
    nullable = type(None) in members
    readers = [_reader(member) for member in members if member is not type(None)]

    def read_union(node: Node, budget: _Budget) -> object:
        if nullable and _is_null(node):
            return None
        for reader in readers:
            try:
                return reader(node, budget)
            except (_NotSureError, FieldError):
                continue
        raise _NotSureError

    return read_union


def _literal_reader(allowed: tuple[object, ...], convert: Reader | None = None) -> Reader:
    def read_literal(node: Node, budget: _Budget) -> object:
        value = convert(node, budget) if convert else _scalar(node)
        if not any(type(value) is type(a) and value == a for a in allowed):
            raise _NotSureError
        return value

    return read_literal


def _annotated_reader(base: Any, markers: tuple[object, ...]) -> Reader:
    """`Annotated[base, markers…]`: a scalar converted, checked and bounded in order;
    remembered by its text, but for texts (`_memoized`)."""
    reader = _scalar_reader(base, markers)
    return reader if base is str else _memoized(reader)


#: Scalars remembered per reader (`_memoized`): the days, statuses and numbers a
#: workspace repeats; cleared when full, so a file of distinct values costs no memory.
MEMO_SIZE = 4096
_MISSING = object()


def _memoized(read: Reader) -> Reader:
    """`read`, remembering what it made of each plain or single-quoted scalar by tag and
    text: for those its answer depends on nothing else (`_text` looks at the style only
    for a double-quoted one's escapes, which are read every time). Only answers are
    remembered: a value refused is refused again, the same way.

    Days, statuses and counts repeat (1,000 generated plans: 65,000 days, 24,000
    statuses, 60,000 numbers), so each is converted and checked once per text: reading
    the nodes of 1,000 plans into models 0.25 s -> 0.18 s (in process, best of 7)."""
    memo: dict[str, dict[str, object]] = {}

    def read_memo(node: Node, budget: _Budget) -> object:
        if node.__class__ is not ScalarNode or node.style == '"':
            return read(node, budget)
        known = memo.get(node.tag)
        if known is None:
            known = memo[node.tag] = {}
        value = known.get(node.value, _MISSING)
        if value is _MISSING:
            value = read(node, budget)
            if len(known) >= MEMO_SIZE:
                known.clear()
            known[node.value] = value
        return value

    return read_memo


def _scalar_reader(base: Any, markers: tuple[object, ...]) -> Reader:
    """`Annotated[base, markers…]` read afresh each time."""
    first: Reader
    converters = [m.function for m in markers if isinstance(m, Convert)]
    if converters:
        (convert,) = converters

        def first(node: Node, budget: _Budget) -> object:
            return convert(_scalar(node))

    elif base is str:
        first = _text
    elif base is int:
        first = _integer
    else:
        raise TypeError(f"no reader for {base!r} without a Convert marker")
    steps: list[Callable[[Any], object]] = []
    for marker in markers:
        if isinstance(marker, Check):
            steps.append(marker.function)
        elif isinstance(marker, Bounds):
            steps.append(_bounded(marker))
        elif not isinstance(marker, Exact | Convert):
            raise TypeError(f"unknown marker {marker!r}")
    if get_origin(base) is Literal:
        if steps:
            raise TypeError(f"no reader for checks on {base!r}")
        return _literal_reader(get_args(base), first)
    if not steps:
        return first
    if len(steps) == 1:  # text, an id, a count: one call less per value
        (step,) = steps
        return lambda node, budget: step(first(node, budget))

    def read_checked(node: Node, budget: _Budget) -> object:
        value = first(node, budget)
        for step in steps:
            value = step(value)
        return value

    return read_checked


def _bounded(bounds: Bounds) -> Callable[[int], int]:
    def check(value: int) -> int:
        if value not in bounds:
            raise _NotSureError
        return value

    return check


_Fields = tuple[dict[str, tuple[Reader, bool]], frozenset[str]]
_FIELDS: dict[type, _Fields] = {}


def _fields(model: type) -> _Fields:
    """field → (reader, whether it may be null), and the required fields, of `model`.

    The model's loop tests null itself, rather than through one more function per
    optional value."""
    found = _FIELDS.get(model)
    if found is not None:
        return found
    hints = typing.get_type_hints(model, include_extras=True)
    fields: dict[str, tuple[Reader, bool]] = {}
    for field in dataclasses.fields(model):
        inner = _optional(hints[field.name])
        fields[field.name] = (_reader(inner or hints[field.name]), inner is not None)
    required = frozenset(
        f.name
        for f in dataclasses.fields(model)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    found = _FIELDS[model] = fields, required
    return found


def read_fields(model: type, node: Node) -> Any:
    """`node` as a `model` (an instance) when valid and plainly written; where only some
    of its fields are not (or a required one is missing), each field's value by name,
    `UNSURE` for those; `UNSURE` when its keys are not plainly the model's fields.

    One pass over a mapping of a file with errors (`tuyengiao.read.validate`): a
    broken activity's fields are not read twice, once to fail and once one by one."""
    if node.__class__ is not MappingNode or node.tag != MAP:
        return UNSURE
    fields, required = _fields(model)
    budget = _Budget(ALIAS_SLACK)
    values: dict[str, object] = {}
    sure = True
    for key_node, value_node in node.value:
        name = key_node.value
        field = fields.get(name) if key_node.tag == STR else None
        if field is None or name in values:
            return UNSURE
        reader, nullable = field
        if (
            nullable
            and value_node.tag == NULL
            and value_node.__class__ is ScalarNode
            and value_node.style != '"'
        ):
            values[name] = None
            continue
        try:
            values[name] = reader(value_node, budget)
        except (_NotSureError, FieldError):
            values[name] = UNSURE
            sure = False
    if sure and required <= values.keys():
        return model(**values)
    return values


def _model_reader(model: type) -> Reader:
    """A model from a mapping: known keys once each, every required one present."""
    fields, required = _fields(model)

    def read_model(node: Node, budget: _Budget) -> object:
        if node.__class__ is not MappingNode or node.tag != MAP:
            raise _NotSureError
        budget.spend(len(node.value))
        values: dict[str, object] = {}
        for key_node, value_node in node.value:
            name = key_node.value
            field = fields.get(name) if key_node.tag == STR else None
            if field is None or name in values:
                raise _NotSureError  # an unknown or repeated key, a merge (`<<`) or a tagged key
            reader, nullable = field
            if (
                nullable
                and value_node.tag == NULL
                and value_node.__class__ is ScalarNode
                and value_node.style != '"'  # as in `_is_null`
            ):
                values[name] = None
            else:
                values[name] = reader(value_node, budget)
        if not required <= values.keys():
            raise _NotSureError
        return model(**values)

    return read_model


def _optional(annotation: object) -> object | None:
    """`X` of `X | None`, else None."""
    if get_origin(annotation) in (typing.Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) == 1 and len(get_args(annotation)) == 2:
            inner: object = members[0]
            return inner
    return None
