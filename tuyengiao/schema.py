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
import copy
import json
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cache
from typing import Any, get_args

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from tuyengiao import __version__, models
from tuyengiao.dates import MAX_YEAR, MIN_YEAR, format_vi
from tuyengiao.fields import Check, Convert
from tuyengiao.i18n import Messages
from tuyengiao.models import Guidance, Metric, Plan, Task
from tuyengiao.output import MARKER
from tuyengiao.read.validate import adapter
from tuyengiao.status import ALIASES, Status, fold, spellings

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
    # One pattern, not an `anyOf` of two: an editor merges the failures of `anyOf`
    # branches into its own English message. No `format: date` either: the pattern
    # names only real days, and an editor adds "String is not a RFC3339 date".
    return {"type": "string", "pattern": date_pattern()}


def date_pattern() -> str:
    """Either of `date_patterns()`: every form `parse_date` accepts."""
    iso, vietnamese = date_patterns()
    return f"(?:{iso})|(?:{vietnamese})"


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


def plan_schema(guidances: Sequence[Guidance], msg: Messages) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan file for `guidances`, worded in `msg`'s language.

    With one catalogue its tasks and metrics close the activity's sets; with several, each
    plan gets the sets of the catalogue its `guidance:` names (`allOf` of `if`/`then`).
    """
    if not guidances:
        raise ValueError("plan_schema needs at least one guidance catalogue")
    generated = adapter(Plan).json_schema(schema_generator=PlanSchemaGenerator)
    definitions: dict[str, Fragment] = generated.get("$defs", {})
    activity, progress = definitions["Activity"], definitions["Progress"]
    ids = [guidance.id for guidance in guidances]
    guidance_field = generated["properties"]["guidance"]
    guidance_field["enum"] = ids
    guidance_field["enumDescriptions"] = [
        msg("editor.guidance_item", title=g.title, year=g.year) for g in guidances
    ]
    guidance_field["errorMessage"] = msg("editor.guidance", ids=", ".join(ids), first=ids[0])
    generated["properties"]["version"]["errorMessage"] = msg("editor.version")
    sets = {guidance.id: _closed_sets(guidance, msg) for guidance in guidances}
    if len(guidances) == 1:
        task, results = sets[ids[0]]
    else:  # every catalogue's numbers and metrics here; each plan's own ones in `allOf`
        task, results = _closed_sets(_merged(guidances), msg)
        generated["allOf"] = [_per_guidance(id_, *sets[id_]) for id_ in ids]
    activity["properties"]["task"].update(task)
    _not_null(activity["properties"]["results"]).update(results)
    _not_null(activity["properties"]["target"]).update(copy.deepcopy(results))
    progress["properties"]["results"].update(copy.deepcopy(results))
    _done_needs_date(activity, msg)
    latest = max(guidances, key=lambda g: g.year)
    activity["defaultSnippets"] = _activity_snippets(latest, msg)
    progress["defaultSnippets"] = _progress_snippets(latest, msg)
    facts = _facts(guidances, msg)
    for name, definition in definitions.items():
        definitions[name] = _described(name, definition, facts, msg)
    body = _described("Plan", generated, facts, msg)
    _worded(body, msg)
    tag = "+".join(ids)
    head = {
        "$schema": DRAFT,
        "$id": f"urn:tuyengiao:plan:{tag}",
        "$comment": f"{MARKER} {__version__} ({tag}, {msg.lang}): tuyengiao schema",
    }
    return {**head, **body}


def _closed_sets(guidance: Guidance, msg: Messages) -> tuple[Fragment, Fragment]:
    """The task numbers and the results mapping of `guidance`, described for an editor."""
    english = msg.lang == "en"
    numbers = [task.number for task in guidance.tasks]
    items = []
    for item in guidance.tasks:
        text = msg("editor.task_item", number=item.number, title=_title(item, english))
        if item.deadline is not None:
            text += " " + msg("editor.task_deadline", deadline=format_vi(item.deadline))
        items.append(text)
    task: Fragment = {
        "enum": numbers,
        "markdownEnumDescriptions": items,
        "enumDescriptions": [_plain(item) for item in items],
        "errorMessage": msg(
            "editor.task", guidance=guidance.id, numbers=", ".join(map(str, numbers))
        ),
    }
    properties = {}
    for metric in guidance.metrics:
        unit = msg("schema.metric", unit=metric.unit) if metric.unit else msg("schema.count")
        label = metric.label_en if english else metric.label
        properties[metric.id] = {
            "title": label,
            "description": unit,
            "markdownDescription": f"**{label}**. {unit}",
            "type": "integer",
            "minimum": 0,
        }
    metrics = ", ".join(_metric_ids(guidance))
    results: Fragment = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "errorMessage": msg("editor.metrics", guidance=guidance.id, metrics=metrics),
    }
    return task, results


def _metric_ids(guidance: Guidance) -> list[str]:
    """The metric names a plan of `guidance` may use, in the catalogue's order."""
    return [metric.id for metric in guidance.metrics]


def _title(task: Task, english: bool) -> str:
    return task.title_en if english else task.title


def _plain(markdown: str) -> str:
    return markdown.replace("**", "")


def _merged(guidances: Sequence[Guidance]) -> Guidance:
    """One catalogue holding every task number and metric of `guidances` (the first wins)."""
    tasks: dict[int, Task] = {}
    metrics: dict[str, Metric] = {}
    for guidance in guidances:
        for task in guidance.tasks:
            tasks.setdefault(task.number, task)
        for metric in guidance.metrics:
            metrics.setdefault(metric.id, metric)
    merged = copy.copy(guidances[0])
    merged.id = ", ".join(guidance.id for guidance in guidances)
    merged.tasks = sorted(tasks.values(), key=lambda task: task.number)
    merged.metrics = list(metrics.values())
    return merged


def _per_guidance(guidance_id: str, task: Fragment, results: Fragment) -> Fragment:
    """`if guidance is <id> then` the activities' task numbers and metrics are its own."""
    activity = {
        "properties": {
            "task": task,
            "results": {"anyOf": [results, {"type": "null"}]},
            "target": {"anyOf": [results, {"type": "null"}]},
            "progress": {
                "anyOf": [
                    {"type": "array", "items": {"properties": {"results": results}}},
                    {"type": "null"},
                ],
            },
        }
    }
    return {
        "if": {"required": ["guidance"], "properties": {"guidance": {"const": guidance_id}}},
        "then": {"properties": {"activities": {"type": "array", "items": activity}}},
    }


def _done_needs_date(activity: Fragment, msg: Messages) -> None:
    """A done activity needs its `done` date."""
    done_words = status_pattern(status_spellings([Status.DONE]))
    activity["if"] = {
        "required": ["status"],
        "properties": {"status": {"type": "string", "pattern": done_words}},
    }
    activity["then"] = {
        "required": ["done"],
        "properties": {"done": {"not": {"type": "null"}}},
        "errorMessage": msg("editor.done_needs_date"),
    }


def _status_words(msg: Messages) -> dict[Status, str]:
    """The word a snippet writes for each status: the first Vietnamese one, or the name."""
    english = msg.lang == "en"
    return {status: status.value if english else ALIASES[status][0] for status in Status}


def _activity_snippets(guidance: Guidance, msg: Messages) -> list[Fragment]:
    """A new activity, and a done one with its results (the first task's metrics)."""
    first = guidance.tasks[0] if guidance.tasks else None
    number = first.number if first else 1
    due = format_vi(date(guidance.year, 12, 15))
    words = _status_words(msg)
    fresh = {
        "id": f"${{1:{msg('editor.snippet.id')}}}",
        "task": f"^${{2:{number}}}",
        "title": f"${{3:{msg('editor.snippet.title')}}}",
        "due": f"${{4:{due}}}",
        "status": f"${{5|{','.join(words.values())}|}}",
    }
    metrics = (first.metrics if first and first.metrics else _metric_ids(guidance))[:2]
    done = {
        "id": f"${{1:{msg('editor.snippet.id')}}}",
        "task": f"^${{2:{number}}}",
        "title": f"${{3:{msg('editor.snippet.title')}}}",
        "due": f"${{4:{due}}}",
        "status": words[Status.DONE],
        "done": f"${{5:{due}}}",
        "results": {m: f"^${{{6 + i}:0}}" for i, m in enumerate(metrics)},
        "evidence": f"${{{6 + len(metrics)}:{msg('editor.snippet.evidence')}}}",
    }
    return [_snippet("activity", fresh, msg), _snippet("done", done, msg)]


def _progress_snippets(guidance: Guidance, msg: Messages) -> list[Fragment]:
    """A `progress` entry: a day and running totals."""
    first = guidance.tasks[0] if guidance.tasks else None
    metrics = (first.metrics if first and first.metrics else _metric_ids(guidance))[:2]
    body = {
        "as_of": f"${{1:{format_vi(date(guidance.year, 6, 30))}}}",
        "results": {m: f"^${{{2 + i}:0}}" for i, m in enumerate(metrics)},
    }
    return [_snippet("progress", body, msg)]


def _snippet(kind: str, body: Fragment, msg: Messages) -> Fragment:
    return {
        "label": msg(f"editor.snippet.{kind}.label"),
        "description": msg(f"editor.snippet.{kind}.description"),
        "body": body,
    }


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
        description = msg(f"schema.{model}.{field}.description", **facts)
        # The editor lists an enum's values with their descriptions under the text.
        markdown = msg(f"schema.{model}.{field}.description", **{**facts, "tasks": ""}).strip()
        if fragment.get("default", ...) is None:  # not offered as `null` in completions
            del fragment["default"]
        properties[field] = {
            "title": msg(f"schema.{model}.{field}.title"),
            "description": description,
            "markdownDescription": markdown,
            **fragment,
        }
    definition.pop("title", None)
    definition.pop("description", None)
    title = msg(f"schema.model.{model}.title", **facts)
    description = msg(f"schema.model.{model}.description", **facts)
    required = definition.get("required", [])
    optional = [field for field in properties if field not in required]
    if required:
        wording = msg(
            "editor.model", title=title, required=", ".join(required), optional=", ".join(optional)
        )
    else:
        wording = msg("editor.model_optional", title=title, optional=", ".join(optional))
    return {
        "title": title,
        "description": description,
        "markdownDescription": description,
        **definition,
        "errorMessage": wording,
    }


def _facts(guidances: Sequence[Guidance], msg: Messages) -> dict[str, object]:
    """What descriptions may name: the guidance, its tasks and metrics, the status words."""
    english = msg.lang == "en"
    latest = max(guidances, key=lambda g: g.year)
    tasks = "; ".join(f"{t.number}: {_title(t, english)}" for t in latest.tasks)
    metrics = ", ".join(dict.fromkeys(m.id for g in guidances for m in g.metrics))
    statuses = "; ".join(f"{s.value}: {', '.join(ALIASES[s])}" for s in Status)
    return {
        "guidance": '", "'.join(g.id for g in guidances),
        "guidance_title": latest.title,
        "year": latest.year if len(guidances) == 1 else ", ".join(str(g.year) for g in guidances),
        "tasks": tasks,
        "metrics": metrics,
        "statuses": statuses,
        "dates": msg("schema.date_forms"),
    }


def _worded(schema: Fragment, msg: Messages) -> None:
    """Every pattern, type and enum failure of the schema said in words, never a regex."""
    statuses = [status.value for status in Status]
    by_pattern = {
        date_pattern(): msg("editor.date", dates=msg("schema.date_forms")),
        status_pattern(status_spellings()): msg(
            "editor.status", words=msg("editor.status_words"), names=", ".join(statuses)
        ),
        f"^{models.SLUG.pattern}$": msg("editor.slug"),
        "\\S": msg("editor.text"),
    }
    meanings = {
        spelling: msg(f"editor.meaning.{status.value}")
        for status in Status
        for spelling in status_spellings([status])
    }

    def visit(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
            return
        if not isinstance(node, dict):
            return
        _nullable(node)
        wording = by_pattern.get(node.get("pattern", ""))
        types = node.get("type")
        kind = next((t for t in types if t != "null"), None) if isinstance(types, list) else types
        if wording is not None and "errorMessage" not in node:
            node["patternErrorMessage"] = node["errorMessage"] = wording
        elif kind == "integer" and node.get("minimum") == 0:
            node.setdefault("errorMessage", msg("editor.count"))
        elif kind == "string" and "pattern" not in node:
            node.setdefault("errorMessage", msg("editor.string"))
        elif kind == "array":
            node.setdefault("errorMessage", msg("editor.list"))
        enum = node.get("enum")
        if enum and all(isinstance(value, str) and value in meanings for value in enum):
            described = [
                msg("editor.status_item", word=value, meaning=meanings[value]) for value in enum
            ]
            node["markdownEnumDescriptions"] = described
            node["enumDescriptions"] = [_plain(text) for text in described]
        for key, value in node.items():
            if key not in ("if", "defaultSnippets"):
                visit(value)
        branches = node.get("anyOf")
        if isinstance(branches, list):  # `null`, or the enum beside a pattern, says the same
            said = next((b["errorMessage"] for b in branches if "errorMessage" in b), None)
            for branch in branches:
                if said is not None:
                    branch.setdefault("errorMessage", said)

    visit(schema)


def _nullable(node: Fragment) -> None:
    """`anyOf: [{type: T, …}, {type: null}]` as `type: [T, null]`, in place.

    The same schema, and an editor then says the field's own `errorMessage` on a wrong
    type instead of merging the branches' failures into "Incorrect type. Expected …".
    """
    branches = node.get("anyOf")
    if not isinstance(branches, list) or len(branches) != 2 or {"type": "null"} not in branches:
        return
    other = next(branch for branch in branches if branch != {"type": "null"})
    if not isinstance(other.get("type"), str) or other.keys() & node.keys() - {"anyOf"}:
        return
    del node["anyOf"]
    node.update(other)
    node["type"] = [other["type"], "null"]


def render(schema: dict[str, Any]) -> str:
    """The schema as a JSON text: UTF-8 unescaped, two-space indented, one final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
