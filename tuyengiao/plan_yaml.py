"""A plan model written as a plan file, in one canonical form (`tuyengiao import`).

Keys in the order of the format (DESIGN.md), dates ISO, statuses in their Vietnamese
words, results as one flow mapping per line, every text a YAML scalar that reads back
as itself (`tuyengiao.yamltext.yaml_scalar`). Reading the text back gives the same
model; writing that model again gives the same text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from tuyengiao.models import Activity, Plan, Progress
from tuyengiao.status import STATUS_LABELS_VI
from tuyengiao.yamltext import comment
from tuyengiao.yamltext import yaml_scalar as _quoted_if_needed

#: Text YAML reads back as itself when written plain: a letter first (no number, date or
#: indicator), no control character, no `: ` or ` #` inside, no `:` last.
_PLAIN = re.compile(r"[^\W\d_][^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]*")
_KEYWORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar that reads back as itself.

    Most texts are told plain by one pattern; the rest go to `yamltext.yaml_scalar`,
    which asks YAML itself (a parse per text: a 500-activity plan took 3.9 s that way,
    0.05 s this way).
    """
    if (
        _PLAIN.fullmatch(text)
        and text[-1] not in " :"
        and ": " not in text
        and " #" not in text
        and text.lower() not in _KEYWORDS
    ):
        return text
    return _quoted_if_needed(text)


def plan_yaml(plan: Plan, metrics: Sequence[str] = ()) -> str:
    """The plan file of `plan`; results list `metrics` (the catalogue's) first, in order."""
    return "".join(f"{line}\n" for line in plan_lines(plan, metrics))


def plan_lines(plan: Plan, metrics: Sequence[str] = ()) -> list[str]:
    """The lines of `plan_yaml`, without their line ends."""
    rank = {name: index for index, name in enumerate(metrics)}
    return list(_plan_lines(plan, rank))


def _plan_lines(plan: Plan, rank: dict[str, int]) -> Iterator[str]:
    yield f"# {comment(f'Kế hoạch công tác tuyên giáo – {plan.union.name}')}"
    yield f"version: {plan.version}"
    yield f"guidance: {yaml_scalar(plan.guidance)}"
    yield "union:"
    yield f"  id: {yaml_scalar(plan.union.id)}"
    yield f"  name: {yaml_scalar(plan.union.name)}"
    if plan.union.members is not None:
        yield f"  members: {plan.union.members}"
    contact = plan.contact
    if contact is not None:
        fields = [(k, getattr(contact, k)) for k in ("name", "email", "phone")]
        present = [(k, v) for k, v in fields if v is not None]
        if present:
            yield "contact:"
            yield from (f"  {k}: {yaml_scalar(v)}" for k, v in present)
        else:
            yield "contact: {}"
    if plan.updated is not None:
        yield f"updated: {plan.updated.isoformat()}"
    if not plan.activities:
        yield "activities: []"
    else:
        yield "activities:"
        for activity in plan.activities:
            yield from activity_lines(activity, rank)
    if plan.reports is not None:
        if not plan.reports:
            yield "reports: {}"
        else:
            yield "reports:"
            for period, notes in plan.reports.items():
                fields = [(k, getattr(notes, k)) for k in ("highlights", "issues", "proposals")]
                present = [(k, v) for k, v in fields if v is not None]
                if not present and notes.date is None:
                    yield f"  {yaml_scalar(period)}: {{}}"
                    continue
                yield f"  {yaml_scalar(period)}:"
                if notes.date is not None:  # the day the union sent the report
                    yield f"    date: {notes.date.isoformat()}"
                yield from (f"    {k}: {yaml_scalar(v)}" for k, v in present)


def _results(results: dict[str, int], rank: dict[str, int]) -> str:
    names = sorted(results, key=lambda name: (rank.get(name, len(rank)), name))
    return "{" + ", ".join(f"{yaml_scalar(k)}: {results[k]}" for k in names) + "}"


def activity_lines(activity: Activity, rank: dict[str, int]) -> Iterator[str]:
    """One activity as an item of `activities:` (its `-` in column 2)."""
    yield f"  - id: {yaml_scalar(activity.id)}"
    yield f"    task: {activity.task}"
    yield f"    title: {yaml_scalar(activity.title)}"
    if activity.start is not None:
        yield f"    start: {activity.start.isoformat()}"
    yield f"    due: {activity.due.isoformat()}"
    yield f"    status: {yaml_scalar(STATUS_LABELS_VI[activity.status])}"
    if activity.done is not None:
        yield f"    done: {activity.done.isoformat()}"
    if activity.owner is not None:
        yield f"    owner: {yaml_scalar(activity.owner)}"
    if activity.target is not None:
        yield f"    target: {_results(activity.target, rank)}"
    if activity.results is not None:
        yield f"    results: {_results(activity.results, rank)}"
    if activity.progress is not None:
        if not activity.progress:
            yield "    progress: []"
        else:
            yield "    progress:"
            for entry in activity.progress:
                yield from _progress_lines(entry, rank)
    if activity.evidence is not None:
        yield f"    evidence: {yaml_scalar(activity.evidence)}"
    if activity.note is not None:
        yield f"    note: {yaml_scalar(activity.note)}"


def _progress_lines(entry: Progress, rank: dict[str, int]) -> Iterator[str]:
    yield f"      - as_of: {entry.as_of.isoformat()}"
    yield f"        results: {_results(entry.results, rank)}"
    if entry.note is not None:
        yield f"        note: {yaml_scalar(entry.note)}"
