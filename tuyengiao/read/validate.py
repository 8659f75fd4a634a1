"""Turn a parsed `Document` into a validated model plus located, translated diagnostics."""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import re
import types
import typing
import unicodedata
from typing import TYPE_CHECKING, Any, TypeVar, get_args, get_origin

from tuyengiao.diagnostics import Diagnostic
from tuyengiao.i18n import Messages
from tuyengiao.read.document import Document, Path, Yaml11Number
from tuyengiao.rules.findings import make_diagnostic
from tuyengiao.status import ALIASES, suggest_status

if TYPE_CHECKING:
    from pydantic import TypeAdapter

M = TypeVar("M")

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
    """Validate `doc.data` as `model` with pydantic; every error becomes a located diagnostic.

    The slow path: `tuyengiao.read.fast.read` gave up on the file (or was not asked).
    """
    from pydantic import ValidationError

    try:
        return adapter(model).validate_python(doc.data), []
    except ValidationError as error:
        found = [_diagnostic(model, doc, file, msg, detail) for detail in error.errors()]
        return None, found


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
    fields: dict[str, object] = {"field": field, "value": _show(value)}
    hint: str | None = None
    hint_fields: dict[str, object] = {}

    if not loc and doc.data is None:
        return make_diagnostic(msg, file, "missing-field", "empty_file", 1, 1, {}, "empty")
    if rule in ("invalid-type", "invalid-date") and value is None:
        rule, kind = "missing-field", "empty"
    line, column = doc.position(loc, key=rule == "unknown-field")

    if rule == "missing-field":
        kind = "empty" if kind in ("empty", "empty_text") else "missing"
        hint, hint_fields = ("fill_field" if kind == "empty" else "add_field"), {"field": field}
    elif rule == "unknown-field":
        allowed = sorted(_allowed_fields(model, loc[:-1]))
        close = difflib.get_close_matches(_ascii(field), allowed, n=1, cutoff=0.6)
        kind = "unknown"
        if close:
            hint, hint_fields = "did_you_mean", {"suggestion": close[0]}
        else:
            hint, hint_fields = "allowed_fields", {"allowed": ", ".join(allowed)}
    elif rule == "invalid-date":
        kind = str(detail["ctx"]["reason"])
        hint = "date_forms" if kind == "format" else "date_impossible"
    elif rule == "invalid-value":
        kind, hint, hint_fields = _invalid_value(kind, detail, value)
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
    return make_diagnostic(msg, file, rule, kind, line, column, fields, hint, hint_fields)


def _invalid_value(
    kind: str, detail: Any, value: object
) -> tuple[str, str | None, dict[str, object]]:
    if kind == "invalid_status":
        suggestion = suggest_status(str(value))
        allowed = ", ".join(names[0] for names in ALIASES.values())
        if suggestion:
            return "status", "did_you_mean_status", {"suggestion": suggestion, "allowed": allowed}
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
    if isinstance(value, int):
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
            current = typing.get_type_hints(current, include_extras=True).get(step)
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
