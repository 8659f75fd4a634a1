"""The JSON Schema of the plan file, generated from the models that validate it.

pydantic's JSON Schema of `Plan` gives the structure (required fields, closed mappings, types).
`PlanSchemaGenerator` replaces what the models check in code with what an editor can
check: the date forms, the status words, slugs and non-empty text become patterns built
from the same definitions (`tuyengiao.dates`, `tuyengiao.status`, `tuyengiao.models`).
Then the catalogue in use closes the open sets (task numbers, metric names, the guidance
id) and the message catalogue gives every field a title and a description.
"""

from __future__ import annotations

import calendar
import json
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, get_args

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from tuyengiao import __version__, models
from tuyengiao.dates import MAX_YEAR, MIN_YEAR
from tuyengiao.fields import Check, Convert
from tuyengiao.i18n import Messages
from tuyengiao.models import Guidance, Plan
from tuyengiao.output import MARKER
from tuyengiao.status import ALIASES, Status, fold, spellings
from tuyengiao.validate import adapter

DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: The file name `init` writes and the plan skeletons' modeline points at.
FILE_NAME = "tuyengiao-plan.schema.json"

Fragment = dict[str, Any]

# --- dates ---------------------------------------------------------------------------------

# Days every month has, then 29–30, then 31; February 29 needs a leap year.
_DAYS_ANY = ("0?[1-9]|1[0-9]|2[0-8]", "0[1-9]|1[0-9]|2[0-8]")  # (day-first, ISO)


def _months(min_days: int, *, padded: bool) -> str:
    """The months of a common year with at least `min_days` days, as an alternation."""
    months = [m for m in range(1, 13) if calendar.monthrange(2001, m)[1] >= min_days]
    return "|".join(f"{m:02d}" if padded else (f"0?{m}" if m < 10 else str(m)) for m in months)


def _years(*, leap: bool) -> str:
    """The years `parse_date` accepts (MIN_YEAR..MAX_YEAR), or only the leap ones."""
    parts: list[str] = []
    for century in range(MIN_YEAR // 100, MAX_YEAR // 100 + 1):
        first, last = century * 100, century * 100 + 99
        if first >= MIN_YEAR and last <= MAX_YEAR:
            if not leap:
                parts.append(f"{century}[0-9]{{2}}")
            else:  # multiples of 4, and the century year itself only when divisible by 400
                even = "[02468][048]" if calendar.isleap(first) else "0[48]|[2468][048]"
                parts.append(f"{century}(?:{even}|[13579][26])")
        else:
            span = range(max(first, MIN_YEAR), min(last, MAX_YEAR) + 1)
            parts += [str(y) for y in span if not leap or calendar.isleap(y)]
    return "|".join(parts)


def _days(*, padded: bool) -> list[tuple[str, str, str]]:
    """(day, month, year) alternations that together name exactly the real days."""
    years, leap_years = _years(leap=False), _years(leap=True)
    feb = "02" if padded else "0?2"
    return [
        (_DAYS_ANY[padded], _months(28, padded=padded), years),
        ("29|30", _months(30, padded=padded), years),
        ("31", _months(31, padded=padded), years),
        ("29", feb, leap_years),
    ]


def _caseless(word: str) -> str:
    """`word` in any case, its accented letters composed (NFC) or not (NFD)."""
    parts = []
    for char in word:
        forms = {
            unicodedata.normalize(nf, variant)
            for variant in (char.lower(), char.upper())
            for nf in ("NFC", "NFD")
        }
        singles = sorted(f for f in forms if len(f) == 1)
        multi = sorted(f for f in forms if len(f) > 1)
        choice = f"[{''.join(singles)}]" if len(singles) > 1 else "".join(singles)
        parts.append(f"(?:{'|'.join([choice, *multi])})" if multi else choice)
    return "".join(parts)


@cache
def date_patterns() -> tuple[str, str]:
    """Patterns for ISO dates and for the Vietnamese forms, naming only real days.

    They accept exactly what `tuyengiao.dates.parse_date` accepts (tests compare them).
    """
    iso = [f"(?:{y})-(?:{m})-(?:{d})" for d, m, y in _days(padded=True)]
    words = [_caseless(w) for w in ("ngày", "tháng", "năm")]
    # `ngày 20/5/2022` and `20 tháng 5 năm 2022`: the word "ngày" is optional in both.
    day_first = [
        f"(?:{words[0]}\\s+)?(?:{d}){sep}(?:{m}){sep}(?:{y})"
        for sep in ("/", "-", "\\.")
        for d, m, y in _days(padded=False)
    ]
    written = [
        f"(?:{words[0]}\\s+)?(?:{d})\\s+{words[1]}\\s+(?:{m})\\s+{words[2]}\\s+(?:{y})"
        for d, m, y in _days(padded=False)
    ]
    return _whole(iso), _whole(day_first + written)


def _whole(alternatives: Iterable[str]) -> str:
    # `parse_date` strips the value first, so surrounding blanks are allowed.
    return f"^\\s*(?:{'|'.join(alternatives)})\\s*$"


# --- statuses ------------------------------------------------------------------------------

_MARKS = "[\\u0300-\\u036f]*"  # combining diacritics (NFD input), which `fold` drops
_SEPARATOR = "[\\s_-]"


@cache
def _letter_classes() -> dict[str, str]:
    """For each ASCII letter, a class of every character `fold` turns into it (BMP)."""
    found: dict[str, list[str]] = {}
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:  # surrogates are not characters
            continue
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and "a" <= folded <= "z":
            found.setdefault(folded, []).append(char)
    return {letter: f"[{''.join(chars)}]" for letter, chars in found.items()}


def status_spellings(statuses: Iterable[Status] = Status) -> list[str]:
    """Every spelling `check` accepts for `statuses` (canonical names, `canceled`, aliases)."""
    return spellings(statuses)


def status_pattern(spellings: Iterable[str]) -> str:
    """A pattern matching what `parse_status` matches for these spellings.

    Case, diacritics, NFC/NFD, tone-mark placement and runs of blanks, `_` or `-` do not
    matter, as in `tuyengiao.status.fold`.
    """
    classes = _letter_classes()
    words = []
    for spelling in dict.fromkeys(fold(s) for s in spellings):
        pieces = [
            f"(?:{_SEPARATOR}{_MARKS})+" if char == " " else f"{classes.get(char, char)}{_MARKS}"
            for char in spelling
        ]
        words.append("".join(pieces))
    blank = f"(?:{_SEPARATOR}{_MARKS})*"
    return f"^{_MARKS}{blank}(?:{'|'.join(words)}){blank}$"


# --- the generator -------------------------------------------------------------------------


def _validator(alias: object) -> Callable[..., Any]:
    """The function of the `Convert` or `Check` marker of a models' type alias."""
    function: Callable[..., Any] = next(
        marker.function for marker in get_args(alias)[1:] if isinstance(marker, Convert | Check)
    )
    return function


def _function(schema: Any) -> Callable[..., Any]:
    """The models' own function behind a validator schema (`tuyengiao.fields` wraps it)."""
    function: Callable[..., Any] = schema["function"]["function"]
    return getattr(function, "__wrapped__", function)


def _date_fragment() -> Fragment:
    iso, vietnamese = date_patterns()
    return {
        "anyOf": [
            {"type": "string", "format": "date", "pattern": iso},
            {"type": "string", "pattern": vietnamese},
        ]
    }


def _status_fragment() -> Fragment:
    spellings = status_spellings()
    return {
        "anyOf": [{"enum": spellings}, {"type": "string", "pattern": status_pattern(spellings)}]
    }


def _slug_fragment() -> Fragment:
    # The models' own regular expression, anchored: JSON Schema patterns search.
    return {"type": "string", "pattern": f"^{models.SLUG.pattern}$"}


def _text_fragment() -> Fragment:
    return {"type": "string", "minLength": 1, "pattern": "\\S"}


# The models' validators, found through their public aliases, and what stands for them.
_FRAGMENTS: dict[Callable[..., Any], Callable[[], Fragment]] = {
    _validator(models.Day): _date_fragment,
    _validator(models.StatusField): _status_fragment,
    _validator(models.Slug): _slug_fragment,
    _validator(models.Text): _text_fragment,
}


class PlanSchemaGenerator(GenerateJsonSchema):
    """pydantic's generator, with the plan format's own types spelled out as patterns."""

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        """A date or a status: the forms users may write, not the Python type."""
        fragment = _FRAGMENTS.get(_function(schema))
        return fragment() if fragment else super().function_before_schema(schema)

    def function_after_schema(
        self, schema: core_schema.AfterValidatorFunctionSchema
    ) -> JsonSchemaValue:
        """A slug or a non-empty text: a string with a pattern."""
        fragment = _FRAGMENTS.get(_function(schema))
        return fragment() if fragment else super().function_after_schema(schema)


# --- the schema document -------------------------------------------------------------------


def plan_schema(guidance: Guidance, msg: Messages) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan file for `guidance`, worded in `msg`'s language."""
    generated = adapter(Plan).json_schema(schema_generator=PlanSchemaGenerator)
    definitions: dict[str, Fragment] = generated.get("$defs", {})
    _close_sets(generated, definitions["Activity"], guidance, msg)
    facts = _facts(guidance, msg)
    for name, definition in definitions.items():
        definitions[name] = _described(name, definition, facts, msg)
    body = _described("Plan", generated, facts, msg)
    head = {
        "$schema": DRAFT,
        "$id": f"urn:tuyengiao:plan:{guidance.id}",
        "$comment": f"{MARKER} {__version__} ({guidance.id}, {msg.lang}): tuyengiao schema",
    }
    return {**head, **body}


def _close_sets(plan: Fragment, activity: Fragment, guidance: Guidance, msg: Messages) -> None:
    """The catalogue's tasks, metrics and id; a done activity needs its `done` date."""
    plan["properties"]["guidance"]["enum"] = [guidance.id]
    fields = activity["properties"]
    fields["task"]["enum"] = [task.number for task in guidance.tasks]
    results = _not_null(fields["results"])
    count = results.pop("additionalProperties")
    english = msg.lang == "en"
    results["properties"] = {}
    for metric in guidance.metrics:
        unit = msg("schema.metric", unit=metric.unit) if metric.unit else msg("schema.count")
        title = metric.label_en if english else metric.label
        results["properties"][metric.id] = {"title": title, "description": unit, **count}
    results["additionalProperties"] = False
    done_words = status_pattern(status_spellings([Status.DONE]))
    activity["if"] = {
        "required": ["status"],
        "properties": {"status": {"type": "string", "pattern": done_words}},
    }
    activity["then"] = {"required": ["done"], "properties": {"done": {"not": {"type": "null"}}}}


def _not_null(fragment: Fragment) -> Fragment:
    """The part of an optional field's `anyOf` that is not `null`."""
    branches: list[Fragment] = fragment.get("anyOf", [])
    return next((b for b in branches if b.get("type") != "null"), fragment)


def _described(
    model: str, definition: Fragment, facts: dict[str, object], msg: Messages
) -> Fragment:
    """`definition` with the catalogue's title and description on it and on each field."""
    properties = definition.get("properties", {})
    for field, fragment in properties.items():
        fragment.pop("title", None)
        properties[field] = {
            "title": msg(f"schema.{model}.{field}.title"),
            "description": msg(f"schema.{model}.{field}.description", **facts),
            **fragment,
        }
    definition.pop("title", None)
    definition.pop("description", None)
    return {
        "title": msg(f"schema.model.{model}.title", **facts),
        "description": msg(f"schema.model.{model}.description", **facts),
        **definition,
    }


def _facts(guidance: Guidance, msg: Messages) -> dict[str, object]:
    """What descriptions may name: the guidance, its tasks and metrics, the status words."""
    english = msg.lang == "en"
    tasks = "; ".join(f"{t.number}: {t.title_en if english else t.title}" for t in guidance.tasks)
    metrics = ", ".join(m.id for m in guidance.metrics)
    statuses = "; ".join(f"{s.value}: {', '.join(ALIASES[s])}" for s in Status)
    return {
        "guidance": guidance.id,
        "guidance_title": guidance.title,
        "year": guidance.year,
        "tasks": tasks,
        "metrics": metrics,
        "statuses": statuses,
        "dates": msg("schema.date_forms"),
    }


def render(schema: dict[str, Any]) -> str:
    """The schema as a JSON text: UTF-8 unescaped, two-space indented, one final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
