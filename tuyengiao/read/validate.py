"""The validating path: a parsed `Document` read field by field into the models.

Every error is kept with its place and turned into a translated diagnostic, and
whatever is valid is recovered (`recover`), so one mistake never hides the rest of
the file from the rules. pydantic validates each field's value (the same markers
the fast reader follows, `tuyengiao.fields`); the walk over models, lists and
mappings of models is done here, so a bad field costs only itself.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar, get_args, get_origin

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tuyengiao import mistakes
from tuyengiao.diagnostics import Diagnostic
from tuyengiao.fields import MAX_DIGITS, Bounds, Check, Convert, Exact, FieldError
from tuyengiao.i18n import Messages
from tuyengiao.read.document import Document, Path, Yaml11Number, plain_pairs
from tuyengiao.read.fast import UNSURE, read_fields, read_part
from tuyengiao.read.scalars import SEQ, HugeNumber
from tuyengiao.rules.findings import make_diagnostic
from tuyengiao.status import ALIASES, Status

if TYPE_CHECKING:
    from pydantic import TypeAdapter

M = TypeVar("M")
V = TypeVar("V")

# pydantic error types → our rule names; unlisted `*_type` errors are invalid-type.
_RULE_OF_ERROR = {
    "missing": "missing-field",
    "empty_text": "missing-field",
    "extra_forbidden": "unknown-field",
    "unexpected_keyword_argument": "unknown-field",
    "invalid_date": "invalid-date",
    "invalid_status": "invalid-value",
    "invalid_slug": "invalid-value",
    "literal_error": "invalid-value",
    "greater_than_equal": "invalid-value",
    "less_than_equal": "invalid-value",
    "enum": "invalid-value",
}
_EXPECTED_OF_ERROR = {
    "string_type": "text",
    "int_type": "integer",
    "int_from_float": "integer",
    "dataclass_type": "mapping",
    "dict_type": "mapping",
    "list_type": "list",
    "date_type": "date",
    "status_type": "status",
    "bool_type": "boolean",
    "literal_error": "value",
}


def validate(
    model: type[M], doc: Document, file: str, msg: Messages
) -> tuple[M | None, list[Diagnostic]]:
    """`doc.data` as a whole `model`, or None; every error as a located diagnostic."""
    value, recovery, found = recover(model, doc, file, msg)
    return (value if value is not None and recovery.complete(value) else None), found


def recover(
    model: type[M], doc: Document, file: str, msg: Messages, *, parts: bool = False
) -> tuple[M | None, Recovery, list[Diagnostic]]:
    """`doc.data` read as `model` field by field, with every error as a located diagnostic.

    The value is the model when the data is valid; otherwise what could be recovered of
    it: each mapping becomes an instance holding its valid fields, and `Recovery` says
    which fields of which instance are known (an unset required field is not there at
    all). Lists keep their readable items, so one broken activity leaves the others.
    None when the data is not even a mapping.

    With `parts`, `doc` is not built: its tree (without aliases, its top a `plain_pairs`
    mapping the fast reader gave up on) is read part by part, each activity or field the
    fast reader is sure of read by it, only the others built and walked; the same value,
    errors and problems as building it all. Raises `PartTooComplexError` (then build it).
    """
    recovery = Recovery()
    errors = _Errors()
    if parts:
        assert doc.root is not None
        recovery.whole_first = False
        value = recovery.walk_nodes(model, doc.root, (), errors, doc, tried=True)
        doc.parts_built()
    else:
        value = recovery.walk(model, doc.data, (), errors)
    _one_finding_per_misspelt_key(errors)
    if doc.masked:  # a field on a line blanked after a syntax error is not missing
        errors[:] = [detail for detail in errors if not _masked_away(doc, detail)]
    for path, key in recovery.renamed:
        doc.rename(path, key)
    found = [_diagnostic(model, doc, file, msg, detail) for detail in errors]
    recovery.unlisted = errors.dropped
    return (None if value is _INVALID else value), recovery, found


#: Errors kept with their details, in the order the walk meets them (the file's order).
#: `activities: [1, 1, …]` with 200,000 items made 200,000 findings and took 497 MB;
#: a file lists only its first 200 (`tuyengiao.workspace`), so more than ten times that
#: are counted, not kept.
MAX_ERRORS_KEPT = 2000


class _Errors(list[dict[str, Any]]):
    """The walk's errors: the first `MAX_ERRORS_KEPT` kept, the rest only counted."""

    def __init__(self) -> None:
        super().__init__()
        self.dropped = 0

    def append(self, detail: dict[str, Any]) -> None:
        """Keep `detail`, or count it once enough are kept."""
        if len(self) < MAX_ERRORS_KEPT:
            super().append(detail)
        else:
            self.dropped += 1


class _Invalid:
    """What a value that could not be read at all is walked into."""

    __slots__ = ()


_INVALID: Any = _Invalid()


def _same(value: object) -> object:
    return value


class Recovery:
    """Which fields of the instances made from a file with errors are known."""

    __slots__ = ("_indices", "_known", "renamed", "unlisted", "whole_first")

    def __init__(self) -> None:
        #: Whether a mapping is validated whole before field by field (`_model`).
        self.whole_first = True
        #: (path as the models name it, key as written) of each key read under the
        #: field it means (`hạn` as `due`), for the places of the rules' findings.
        self.renamed: list[tuple[Path, str]] = []
        #: Errors found past the ones kept (`MAX_ERRORS_KEPT`): counted, not listed.
        self.unlisted = 0
        # id(instance) → its known fields, for incomplete instances (and lists or dicts
        # holding one) only; the instances stay alive in the value, so their ids are not
        # reused meanwhile.
        self._known: dict[int, frozenset[str]] = {}
        # id(list) → the index in the file of each item kept, where some were left out.
        self._indices: dict[int, list[int]] = {}

    def indices(self, items: list[Any]) -> list[int] | range:
        """Where each item of a recovered list stood in the file's list."""
        return self._indices.get(id(items)) or range(len(items))

    def complete(self, instance: object) -> bool:
        """Whether every field of `instance` (and of what it holds) was valid."""
        return id(instance) not in self._known

    def known(self, instance: object, *fields: str) -> bool:
        """Whether these fields of `instance` were read (valid, or absent and optional)."""
        have = self._known.get(id(instance))
        return have is None or have.issuperset(fields)

    def walk(self, annotation: Any, value: object, loc: Path, errors: list[dict[str, Any]]) -> Any:
        """`value` read as `annotation`, the errors appended; `_INVALID` when nothing is left."""
        model, item, entry, nullable = _shape(annotation)
        if model is not None:
            if value is None and nullable:
                return None
            return self._model(model, value, loc, errors)
        if item is not None:
            if value is None and nullable:
                return None
            if not isinstance(value, list):
                errors.append({"type": "list_type", "loc": loc, "input": value})
                return _INVALID
            return self._kept(
                [self.walk(item, child, (*loc, i), errors) for i, child in enumerate(value)]
            )
        if entry is not None:
            if value is None and nullable:
                return None
            if not isinstance(value, dict):
                errors.append({"type": "dict_type", "loc": loc, "input": value})
                return _INVALID
            key_type, value_type = entry
            result = {}
            for key, child in value.items():
                good_key = self._leaf(key_type, key, (*loc, key), errors)
                read = self.walk(value_type, child, (*loc, key), errors)
                if good_key is not _INVALID and read is not _INVALID:
                    result[good_key] = read
            if len(result) != len(value) or not all(map(self.complete, result.values())):
                self._known[id(result)] = frozenset()
            return result
        return self._leaf(annotation, value, loc, errors)

    def walk_nodes(
        self,
        annotation: Any,
        node: Node,
        loc: Path,
        errors: list[dict[str, Any]],
        doc: Document,
        *,
        tried: bool = False,
    ) -> Any:
        """`walk` of `node`'s value, building only what the fast reader is not sure of.

        A part it reads is valid, and read as pydantic reads it (`tests/test_reader.py`):
        `walk` would give the same value with no error. A list of models is read item
        by item, a mapping of a model field by field where the fast reader is not sure
        of all of it (`read_fields`); any other part it is not sure of is built
        (`Document.build_part`) and walked. `tried`: the fast reader has already given
        up on `node`. 1,000 findings-heavy plans, where every file has errors but most
        of each file is valid: 3,800 parts built and walked instead of every value
        (77,000 walks); `check --format json` 2.89 s -> 2.54 s with the cheaper
        `split_lost_dashes` (median of 5 alternating runs).
        """
        model, item, _, _ = _shape(annotation)
        if item is not None and node.__class__ is SequenceNode and node.tag == SEQ:
            # Item by item, not the whole list first: one broken activity would cost
            # reading the ones before it twice.
            item_model = _shape(item)[0]
            assert item_model is not None  # `_shape` names lists of models only
            items = []
            # The items before the first the fast reader gave up on, as it read them:
            # lost dashes are split at or after that one, so they stand where they stood.
            before = doc.read_before.get(id(node), ()) if doc.read_before else ()
            for index, child in enumerate(node.value):
                if index < len(before):
                    items.append(before[index])
                    continue
                read = read_fields(item_model, child)
                if read is UNSURE or read.__class__ is dict:
                    read = self._mapping_nodes(
                        item_model, item, child, (*loc, index), errors, doc, read
                    )
                items.append(read)
            return self._kept(items)
        if model is None:
            if not tried:
                value = read_part(annotation, node)
                if value is not UNSURE:
                    return value
            return self.walk(annotation, doc.build_part(node), loc, errors)
        read = UNSURE if tried else read_fields(model, node)
        if read is UNSURE or read.__class__ is dict:
            return self._mapping_nodes(model, annotation, node, loc, errors, doc, read)
        return read  # the whole mapping, valid

    def _mapping_nodes(
        self,
        model: type,
        annotation: Any,
        node: Node,
        loc: Path,
        errors: list[dict[str, Any]],
        doc: Document,
        read: Any,
    ) -> Any:
        """`node` read as `model` field by field, `read` what `read_fields` made of it."""
        if read is UNSURE:
            pairs, read = plain_pairs(node), {}
        else:  # plain keys, some values not sure
            pairs = {key.value: value for key, value in node.value}
        if pairs is None:
            return self.walk(annotation, doc.build_part(node), loc, errors)
        hints = _hints(model)

        def field(annotation: Any, child: Node, loc: Path) -> Any:
            if loc[-1] not in hints:  # a key read as the field it means: also an unknown
                # field, whose value is built for its finding
                return self.walk(annotation, doc.build_part(child), loc, errors)
            return self.walk_nodes(annotation, child, loc, errors, doc, tried=loc[-1] in read)

        return self._fields(model, pairs, loc, errors, field, doc.build_part, read)

    def _kept(self, items: list[Any]) -> list[Any]:
        """The items of a list that could be read, and where they stood if some could not."""
        kept = [child for child in items if child is not _INVALID]
        if len(kept) != len(items) or not all(self.complete(child) for child in kept):
            self._known[id(kept)] = frozenset()
            self._indices[id(kept)] = [
                index for index, child in enumerate(items) if child is not _INVALID
            ]
        return kept

    def _leaf(self, annotation: Any, value: object, loc: Path, errors: list[dict[str, Any]]) -> Any:
        plain = _plain_leaf(annotation)
        if plain is not None:
            answer = plain(value)
            if answer is not None:
                read, error = answer
                if error is None:
                    return read
                errors.append({**error, "loc": loc})
                return _INVALID
        from pydantic import ValidationError

        try:
            return adapter(annotation).validate_python(value)
        except ValidationError as error:
            for detail in error.errors():
                errors.append({**detail, "loc": (*loc, *detail["loc"])})
            return _INVALID

    def _model(self, model: type, value: object, loc: Path, errors: list[dict[str, Any]]) -> object:
        if not isinstance(value, dict):
            errors.append(
                {
                    "type": "dataclass_type",
                    "loc": loc,
                    "input": value,
                    "ctx": {"class_name": model.__name__},
                }
            )
            return _INVALID
        # Most mappings are valid, even in a file with errors: one call validates a whole
        # activity in pydantic's compiled code. A 200,000-activity plan took 41 s field by
        # field and 20 s this way; only the mappings that fail are walked field by field.
        # Not for a file read part by part: its few mappings built are broken ones.
        if self.whole_first:
            from pydantic import ValidationError

            try:
                return adapter(model).validate_python(value)
            except ValidationError:
                pass
        return self._fields(model, value, loc, errors, self._walker(errors), _same)

    def _walker(self, errors: list[dict[str, Any]]) -> Callable[[Any, Any, Path], Any]:
        return lambda annotation, value, loc: self.walk(annotation, value, loc, errors)

    def _fields(
        self,
        model: type,
        value: Mapping[str, V],
        loc: Path,
        errors: list[dict[str, Any]],
        read: Callable[[Any, V, Path], Any],
        plain: Callable[[V], object],
        ready: Mapping[str, Any] | None = None,
    ) -> object:
        """The mapping `value` read as `model` field by field, each field's value read by
        `read` (walked) unless `ready` has it (read, valid, or `UNSURE`); `plain` gives
        an unknown field's plain value, for its finding."""
        hints = _hints(model)
        values: dict[str, object] = {}
        known: set[str] = set()
        missing: list[str] = []
        incomplete = self._known
        extra = [key for key in value if key not in hints]
        # A key written in Vietnamese (`hạn:`, `hoạt động:`) is read as the field it
        # names, so what is under it is still checked; it stays an unknown-field finding.
        renamed: dict[str, str] = {}
        for key in extra:
            if isinstance(key, str):
                english = mistakes.key_hint(key, hints)
                if english is not None and english not in value and english not in renamed:
                    renamed[english] = key
                    self.renamed.append(((*loc, english), key))
        for name, required, default, factory in _field_specs(model):
            source = name if name in value else renamed.get(name) if renamed else None
            if source is not None:
                found = UNSURE if ready is None else ready.get(source, UNSURE)
                if found is UNSURE:
                    found = read(hints[name], value[source], (*loc, source))
                if found is not _INVALID:
                    values[name] = found
                    if id(found) not in incomplete:
                        known.add(name)
                    continue
            elif required:
                missing.append(name)
                errors.append({"type": "missing", "loc": (*loc, name), "input": value})
                continue
            else:
                known.add(name)
            if default is not dataclasses.MISSING:
                values[name] = default
            elif factory is not dataclasses.MISSING:
                values[name] = factory()
        meant = {key: english for english, key in renamed.items()}
        for key in extra:
            detail: dict[str, object] = {"type": "unexpected_keyword_argument", "loc": (*loc, key)}
            detail["input"] = plain(value[key])
            if key in meant:
                detail["meant"] = meant[key]
            errors.append(detail)
        if not missing and len(known) == len(hints):
            return model(**values)  # extra keys alone do not make the instance unknown
        instance: Any = object.__new__(model)
        for name, field_value in values.items():
            setattr(instance, name, field_value)
        self._known[id(instance)] = frozenset(known)
        return instance


_FieldSpec = tuple[str, bool, Any, Any]
_SPECS: dict[type, tuple[_FieldSpec, ...]] = {}


def _field_specs(model: type) -> tuple[_FieldSpec, ...]:
    """Each field of `model`: its name, whether it is required, its default and default
    factory (`dataclasses.MISSING` where none). `dataclasses.fields` builds its tuple
    anew on every call, and `_fields` runs for every mapping with an error."""
    found = _SPECS.get(model)
    if found is None:
        found = _SPECS[model] = tuple(
            (
                field.name,
                field.default is dataclasses.MISSING
                and field.default_factory is dataclasses.MISSING,
                field.default,
                field.default_factory,
            )
            for field in dataclasses.fields(model)
        )
    return found


def _one_finding_per_misspelt_key(errors: list[dict[str, Any]]) -> None:
    """`titel:` where `title` is missing is one finding, the unknown key's, naming `title`."""
    missing: dict[Path, dict[str, int]] = {}
    for index, detail in enumerate(errors):
        if detail["type"] == "missing":
            loc = tuple(detail["loc"])
            missing.setdefault(loc[:-1], {})[str(loc[-1])] = index
    if not missing:
        return
    drop: set[int] = set()
    for detail in errors:
        loc = tuple(detail["loc"])
        if detail["type"] != "unexpected_keyword_argument" or not loc:
            continue
        wanted = missing.get(loc[:-1])
        if not wanted:
            continue
        english = mistakes.key_hint(str(loc[-1]), wanted)  # `hạn:` for `due:`
        close = [english] if english is not None else mistakes.closest(str(loc[-1]), list(wanted))
        if close:
            drop.add(wanted.pop(close[0]))
            detail["suggestion"] = close[0]
    errors[:] = [detail for index, detail in enumerate(errors) if index not in drop]


def _masked_away(doc: Document, detail: dict[str, Any]) -> bool:
    """A missing field of a mapping that spans a line blanked after a syntax error."""
    if detail["type"] != "missing":
        return False
    found = doc.pair(tuple(detail["loc"])[:-1])
    if found is None:
        return True
    node = found[1]
    first, last = node.start_mark.line + 1, node.end_mark.line + 1
    return any(first - 1 <= line <= last for line in doc.masked)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(model: type) -> dict[str, Any]:
    found = _HINTS.get(model)
    if found is None:
        found = _HINTS[model] = typing.get_type_hints(model, include_extras=True)
    return found


def _nullable(annotation: Any) -> bool:
    return get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in get_args(
        annotation
    )


_Shape = tuple[type | None, Any, tuple[Any, Any] | None, bool]
#: id(annotation) → (annotation, its shape); the annotation kept so the id stays its own.
_SHAPES: dict[int, tuple[Any, _Shape]] = {}


def _shape(annotation: Any) -> _Shape:
    """What `walk` asks of an annotation: the model it is, the model its list or dict
    holds, and whether it takes None. Worked out once per annotation: `typing`'s
    introspection for every value read cost 81,000 `_model_of` and 178,000 `_unwrap`
    calls on 1,000 findings-heavy plans (a tenth of `check`'s time under cProfile)."""
    found = _SHAPES.get(id(annotation))
    if found is not None and found[0] is annotation:
        return found[1]
    shape: _Shape = (
        _model_of(annotation),
        _list_of_models(annotation),
        _dict_of_models(annotation),
        _nullable(annotation),
    )
    _SHAPES[id(annotation)] = (annotation, shape)
    return shape


def _model_of(annotation: Any) -> type | None:
    """The dataclass model `annotation` is (or `model | None` holds)."""
    inner = _unwrap(annotation)
    return inner if isinstance(inner, type) and dataclasses.is_dataclass(inner) else None


def _list_of_models(annotation: Any) -> Any:
    inner = _unwrap(annotation)
    if get_origin(inner) is list and _model_of(get_args(inner)[0]) is not None:
        return get_args(inner)[0]
    return None


def _dict_of_models(annotation: Any) -> tuple[Any, Any] | None:
    inner = _unwrap(annotation)
    if get_origin(inner) is dict:
        key, value = get_args(inner)
        if _model_of(value) is not None:
            return key, value
    return None


#: pydantic's answer for a leaf's value: (the value read, None) or (None, its error).
_Answer = tuple[object, dict[str, Any] | None]
_Plain = Callable[[object], _Answer | None]
#: id(annotation) → (annotation, its `_plain_leaf` or None), as `_SHAPES`.
_PLAIN: dict[int, tuple[Any, _Plain | None]] = {}


class _AskPydanticError(Exception):
    pass


def _plain_leaf(annotation: Any) -> _Plain | None:
    """pydantic's answer for the simple leaves, without pydantic: text and whole numbers
    of an exact type (`Exact`, then `Check`s or `Bounds`), and a date or a status
    converted (`Convert`), each maybe `| None`. The function returns None where it is
    not sure (a subclass, a converter failing otherwise than with `FieldError`): ask
    pydantic. A file with errors read part by part then needs pydantic only for the
    rarer errors: importing it and making its first validator took 0.13 s of `check` on
    1,000 findings-heavy plans. `tests/test_parts.py` compares both on generated values.
    """
    found = _PLAIN.get(id(annotation))
    if found is not None and found[0] is annotation:
        return found[1]
    plain = _make_plain_leaf(annotation)
    _PLAIN[id(annotation)] = (annotation, plain)
    return plain


def _make_plain_leaf(annotation: Any) -> _Plain | None:
    nullable = False
    if get_origin(annotation) in (typing.Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) != 1 or len(get_args(annotation)) != 2:
            return None
        annotation, nullable = members[0], True
    if get_origin(annotation) is dict:
        return _plain_dict(annotation, nullable)
    if get_origin(annotation) is not typing.Annotated:
        return None
    base, *markers = get_args(annotation)
    steps: list[Callable[[Any], _Answer]] = []
    if markers and isinstance(markers[0], Exact) and base in (str, int):
        steps.append(_exactly(base))
        for marker in markers[1:]:
            if isinstance(marker, Check) and base is str:
                steps.append(_checked(marker.function))
            elif isinstance(marker, Bounds) and base is int:
                steps.append(_bounded(marker))
            else:
                return None
    elif len(markers) == 1 and isinstance(markers[0], Convert) and base in (datetime.date, Status):
        steps.append(_converted(markers[0].function, base))
    else:
        return None

    def plain(value: object) -> _Answer | None:
        if value is None and nullable:
            return None, None
        try:
            for step in steps:
                value, error = step(value)
                if error is not None:
                    return None, error
        except _AskPydanticError:
            return None
        return value, None

    return plain


def _plain_dict(annotation: Any, nullable: bool) -> _Plain | None:
    """`dict[str, leaf]` (results, targets) where every entry is valid; else ask pydantic,
    which places each entry's error."""
    key, leaf = get_args(annotation)
    item = _plain_leaf(leaf)
    if key is not str or item is None:
        return None

    def plain(value: object) -> _Answer | None:
        if value is None and nullable:
            return None, None
        if type(value) is not dict:
            return None
        read = {}
        for name, entry in value.items():
            answer = item(entry) if type(name) is str else None
            if answer is None or answer[1] is not None:
                return None
            read[name] = answer[0]
        return read, None

    return plain


def _exactly(base: type) -> Callable[[Any], _Answer]:
    kind = "string_type" if base is str else "int_type"

    def exactly(value: object) -> _Answer:
        if type(value) is base:
            return value, None
        if isinstance(value, base) and type(value) is not bool:  # a subclass: pydantic's call
            raise _AskPydanticError
        return None, {"type": kind, "input": value}

    return exactly


def _custom(error: FieldError, value: object) -> dict[str, Any]:
    """pydantic's error for a `FieldError` (see `tuyengiao.fields._pydantic`)."""
    return {"type": error.kind, "input": value, "ctx": dict(error.ctx)}


def _checked(function: Callable[[Any], object]) -> Callable[[Any], _Answer]:
    def checked(value: object) -> _Answer:
        try:
            return function(value), None
        except FieldError as error:
            return None, _custom(error, value)
        except Exception:
            raise _AskPydanticError from None

    return checked


def _converted(function: Callable[[Any], object], base: type) -> Callable[[Any], _Answer]:
    def converted(value: object) -> _Answer:
        try:
            read = function(value)
        except FieldError as error:
            return None, _custom(error, value)
        except Exception:
            raise _AskPydanticError from None
        if type(read) is not base:  # what pydantic's own schema would make of it
            raise _AskPydanticError
        return read, None

    return converted


def _bounded(bounds: Bounds) -> Callable[[Any], _Answer]:
    def bounded(value: int) -> _Answer:
        if bounds.ge is not None and value < bounds.ge:
            error = {"type": "greater_than_equal", "input": value, "ctx": {"ge": bounds.ge}}
            return None, error
        if bounds.le is not None and value > bounds.le:
            error = {"type": "less_than_equal", "input": value, "ctx": {"le": bounds.le}}
            return None, error
        return value, None

    return bounded


_ADAPTERS: dict[type, Any] = {}


def adapter(model: type[M]) -> TypeAdapter[M]:
    """pydantic's validator of `model`, made once (importing pydantic: about 0.1 s)."""
    found: TypeAdapter[M] | None = _ADAPTERS.get(model)
    if found is None:
        from pydantic import TypeAdapter

        found = _ADAPTERS[model] = TypeAdapter(model)
    return found


def _diagnostic(model: type, doc: Document, file: str, msg: Messages, detail: Any) -> Diagnostic:
    kind: str = detail["type"]
    loc: Path = tuple(detail["loc"])
    value = detail.get("input")
    rule = _RULE_OF_ERROR.get(kind, "invalid-type")
    field = _field_name(loc)
    fields: dict[str, object] = {"field": _show(field), "value": _show(value)}
    hint: str | None = None
    hint_fields: dict[str, object] = {}
    recognised: mistakes.Hint | None = None

    if not loc and doc.data is None:
        return make_diagnostic(msg, file, "missing-field", "empty_file", 1, 1, {}, "empty")
    if rule in ("invalid-type", "invalid-date") and value is None:
        rule, kind = "missing-field", "empty"
    line, column = doc.position(loc, key=rule == "unknown-field")
    at = _text_column(doc, loc)  # where the text of the value starts, for a character in it
    split = _huge(msg, file, kind, value, fields, (line, column)) or (
        _split_number(msg, file, doc, loc) if rule == "missing-field" else None
    )
    if split is not None:  # `{participants: 1,250}`: the comma made a field `250`
        return split
    if rule == "missing-field":
        kind = "empty" if kind in ("empty", "empty_text") else "missing"
        hint, hint_fields = ("fill_field" if kind == "empty" else "add_field"), {"field": field}
    elif rule == "unknown-field":
        kind = "unknown"
        hint, hint_fields, recognised = _unknown_field_hint(model, doc, loc, detail)
    elif rule == "invalid-date":
        kind = str(detail["ctx"]["reason"])
        hint = "date_forms" if kind == "format" else "date_impossible"
        recognised = mistakes.value_hint(
            "date", doc.raw(loc), value, year=_guidance_year(doc), column=at
        )
    elif rule == "invalid-value":
        kind, hint, hint_fields = _invalid_value(kind, detail, value)
        if kind == "status":
            recognised = mistakes.value_hint("status", doc.raw(loc), value, column=at)
        elif isinstance(value, str):  # `cd-mau\u200b-x`: the character, by its name
            recognised = mistakes.odd_character(value, at)
    elif isinstance(value, Yaml11Number):
        rule, kind = "invalid-type", "yaml11_number"
        fields["number"] = value.value
        expected = _EXPECTED_OF_ERROR.get(detail["type"], "value")
        hint, hint_fields = _yaml11_hint(expected, value)
    else:
        kind = "type" if loc else "root_type"
        expected = _EXPECTED_OF_ERROR.get(detail["type"], "value")
        fields["expected"] = msg(f"type.{expected}")
        fields["actual"] = msg(f"type.{_type_name(value)}")
        raw = doc.raw(loc)
        hint, hint_fields = _type_hint(expected, value, raw)
        wanted = "task" if field == "task" else _MISTAKE_KIND.get(expected)
        if wanted is not None:
            year = _guidance_year(doc)
            recognised = mistakes.value_hint(wanted, raw, value, year=year, column=at)
    found = make_diagnostic(msg, file, rule, kind, line, column, fields, hint, hint_fields)
    if recognised is not None:  # what was meant, where the mistake is a known one
        return replace(found, hint=msg(recognised.key, **recognised.fields))
    return found


def _text_column(doc: Document, loc: Path) -> int | None:
    """The column where the text of the scalar at `loc` starts (inside its quotes)."""
    found = doc.pair(loc) if loc else None
    if found is None or not isinstance(found[1], ScalarNode):
        return None
    node = found[1]
    return node.start_mark.column + 1 + (1 if node.style in ("'", '"') else 0)


def _guidance_year(doc: Document) -> int | None:
    """The year of the guidance the file names (`guidance: "2022"`), if it names one."""
    guidance = doc.top("guidance")
    if guidance is None:
        return None
    year = re.search(r"(?:19|20)[0-9]{2}", str(guidance))
    return int(year[0]) if year else None


def _huge(
    msg: Messages,
    file: str,
    kind: str,
    value: object,
    fields: dict[str, object],
    at: tuple[int | None, int | None],
) -> Diagnostic | None:
    """A number of more digits than any field reads (`HugeNumber`), where one belongs."""
    if not isinstance(value, HugeNumber) or kind == "string_type":
        return None
    fields = {**fields, "digits": value.digits}
    return make_diagnostic(msg, file, "invalid-value", "huge", *at, fields, "huge_number")


def _split_number(msg: Messages, file: str, doc: Document, loc: Path) -> Diagnostic | None:
    """`{participants: 1,250}` read as `participants: 1` and an empty field `250`: one
    finding at the number as written, or None if the empty field is not such a tail."""
    if not loc or not str(loc[-1]).isdigit():
        return None
    mapping, key = doc.pair(loc[:-1]), doc.pair(loc)
    if mapping is None or key is None or not isinstance(mapping[1], MappingNode):
        return None
    pairs = mapping[1].value if mapping[1].flow_style else []
    for index, (key_node, _) in enumerate(pairs):
        if key_node is not key[0] or index == 0:
            continue
        before_key, before = pairs[index - 1]
        if not isinstance(before, ScalarNode) or not before.value.isdigit():
            return None
        if not isinstance(before_key, ScalarNode) or not isinstance(key_node, ScalarNode):
            return None
        if len(before.value) + len(key_node.value) > MAX_DIGITS:  # no int() of 4,301 digits
            return None
        fields: dict[str, object] = {
            "field": before_key.value,
            "key": before_key.value,
            "raw": f"{before.value},{key_node.value}",
            "number": int(before.value + key_node.value),
        }
        line, column = before.start_mark.line + 1, before.start_mark.column + 1
        found = make_diagnostic(msg, file, "invalid-type", "flow_thousands", line, column, fields)
        return replace(found, hint=msg("hint.mistake.flow_thousands", **fields))
    return None


def _unknown_field_hint(
    model: type, doc: Document, loc: Path, detail: Any
) -> tuple[str | None, dict[str, object], mistakes.Hint | None]:
    """The nearest known name, the English key of a Vietnamese one, or the comma to quote."""
    field = _field_name(loc)
    allowed = sorted(_allowed_fields(model, loc[:-1]))
    comma = _comma_in_flow(doc, loc)
    if comma is not None:
        return None, {}, comma
    # What the word means first (`ten` is `tên`, the title), then its spelling.
    odd = mistakes.odd_character(field, doc.position(loc, key=True)[1])
    if odd is not None:  # `ti\u200btle`: the character, by its name
        return None, {}, odd
    english = detail.get("meant") or mistakes.key_hint(field, allowed)
    if english is not None:
        return None, {}, mistakes.Hint("hint.mistake.key", {"key": english})
    close = [detail["suggestion"]] if "suggestion" in detail else mistakes.closest(field, allowed)
    if close:
        return "did_you_mean", {"suggestion": close[0]}, None
    return "allowed_fields", {"allowed": ", ".join(allowed)}, None


#: The kind of value `tuyengiao.mistakes.value_hint` is told a field expected.
_MISTAKE_KIND = {"integer": "count", "text": "text", "date": "date", "status": "status"}


def _comma_in_flow(doc: Document, loc: Path) -> mistakes.Hint | None:
    """`{…, group: Khối Bộ, ngành TW}`: the unknown key is the tail of a value with a comma."""
    mapping, key = doc.pair(loc[:-1]), doc.pair(loc)
    if mapping is None or key is None or key[0] is None:
        return None
    node, key_node = mapping[1], key[0]
    if not isinstance(node, MappingNode) or not isinstance(key_node, ScalarNode):
        return None
    return mistakes.comma_in_flow_value(node, key_node)


def _invalid_value(
    kind: str, detail: Any, value: object
) -> tuple[str, str | None, dict[str, object]]:
    if kind == "invalid_status":  # the hint is `mistakes.status_hint`'s, by meaning
        allowed = ", ".join(names[0] for names in ALIASES.values())
        return "status", "allowed_status", {"allowed": allowed}
    if kind == "invalid_slug":
        return "slug", "slug", {"suggestion": slugify(str(value)) or "cd-bo-tu-phap"}
    if kind == "literal_error":
        return "literal", "one_of", {"allowed": _literal_values(str(detail["ctx"]["expected"]))}
    if kind == "greater_than_equal":
        return "too_small", "at_least", {"limit": detail["ctx"]["ge"]}
    if kind == "less_than_equal":
        return "too_large", "at_most", {"limit": detail["ctx"]["le"]}
    return "value", None, {}


def _yaml11_hint(expected: str, value: Yaml11Number) -> tuple[str, dict[str, object]]:
    fields: dict[str, object] = {"raw": value.raw, "number": value.value}
    if expected == "integer":
        return "plain_number", fields
    return ("quote_sexagesimal" if ":" in value.raw else "quote_octal"), fields


def _literal_values(expected: str) -> str:
    """`'error', 'warning' or 'info'` (pydantic's English) → `error, warning, info`."""
    return ", ".join(re.findall(r"'([^']*)'", expected)) or expected


def _type_hint(
    expected: str, value: object, raw: str | None
) -> tuple[str | None, dict[str, object]]:
    if raw is None:
        return None, {}
    if expected in ("text", "status", "date"):
        if isinstance(value, bool):
            return "quote_bool", {"raw": raw}
        if isinstance(value, int | float | datetime.date):
            return "quote", {"raw": raw}
    if expected == "integer" and isinstance(value, str) and value.strip().isdigit():
        return "unquote", {"raw": value.strip()}
    if expected == "integer" and isinstance(value, float) and value.is_integer():
        return "whole_number", {"raw": raw, "number": int(value)}
    return None, {}


def _field_name(loc: Path) -> str:
    names = [step for step in loc if isinstance(step, str)]
    return names[-1] if names else ""


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return "…"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _type_name(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | HugeNumber):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, datetime.datetime):
        return "datetime"
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return "text"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def slugify(text: str) -> str:
    """A valid id made from free text: `Công đoàn Bộ Tư pháp` → `cong-doan-bo-tu-phap`."""
    folded = _ascii(text.replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _allowed_fields(model: type, loc: Path) -> set[str]:
    """The field names of the model that sits at `loc` inside `model`."""
    current: Any = model
    for step in loc:
        current = _unwrap(current)
        if isinstance(step, int):
            args = get_args(current)
            current = args[0] if args else None
        elif dataclasses.is_dataclass(current):
            hints = _hints(current)  # type: ignore[arg-type]
            # A key read as the field it means (`hạn` as `due`) leads where the field does.
            name = step if step in hints else (mistakes.key_hint(step, hints) or step)
            current = hints.get(name)
        else:  # a dict's values
            args = get_args(current)
            current = args[-1] if args else None
    current = _unwrap(current)
    if dataclasses.is_dataclass(current):
        return {field.name for field in dataclasses.fields(current)}
    return set()


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated so the model or container underneath shows."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            annotation = members[0] if len(members) == 1 else annotation
            if len(members) != 1:
                return annotation
        else:
            return annotation
