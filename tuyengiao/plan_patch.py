"""A plan written over the plan file it replaces, keeping what did not change as it was.

`tuyengiao import` reads a workbook into a plan model. Writing that model in the
canonical form (`tuyengiao.plan_yaml`) would lose what only the old file held: its
comments, blank lines, and the date forms and quoting its officer chose. So the new
text is the old text with only what changed rewritten, field by field:

- a field of the plan or of an activity that changed is replaced by its canonical
  lines, at the old indentation; one added goes where the format puts it, one removed
  is dropped; the comment and blank lines between fields stay;
- the activities are matched by id: an unchanged one keeps its lines, a changed one is
  patched field by field, a new one is written where the workbook lists it, a removed
  one goes, each with the comment lines above it.

Comments inside a field that changed go with it. The result must read back as exactly
the imported plan; when it does not (a layout not foreseen, a flow-style list),
`patched` gives None and the caller writes the canonical form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from itertools import pairwise

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from tuyengiao.models import Activity, Plan
from tuyengiao.plan_yaml import activity_lines, plan_lines
from tuyengiao.read.yamlio import SafeLoader

#: The fields of a plan and of an activity in the order of the format (DESIGN.md), the
#: order the models declare them in and `plan_yaml` writes them in.
PLAN_FIELDS = tuple(f.name for f in fields(Plan))
ACTIVITY_FIELDS = tuple(f.name for f in fields(Activity))

#: The lines of a field whose value changed, or None to give up (`_patch_mapping`).
Rewrite = Callable[[str, Node, "_Part"], "list[str] | None"]


@dataclass(frozen=True, slots=True)
class _Part:
    """Lines `start` to `end` (exclusive) of the old file."""

    start: int
    end: int


def patched(old: str, before: Plan, plan: Plan, metrics: Sequence[str] = ()) -> str | None:
    """`plan` written over `old`, the text of a plan file that reads as `before`.

    None when `old` cannot be patched so that it reads back as `plan`: the caller then
    writes `plan_yaml(plan)`. The text keeps `old`'s line ends.
    """
    try:
        root = yaml.compose(old, Loader=SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, MappingNode) or not root.value:
        return None
    lines = old.splitlines(keepends=True)
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    rank = {name: index for index, name in enumerate(metrics)}
    chunks = _chunks(plan_lines(plan, metrics), 0, newline)

    def rewrite(name: str, node: Node, part: _Part) -> list[str] | None:
        if name == "activities":
            return _activities(lines, node, part, before, plan, rank, newline)
        return chunks[name]

    first = root.value[0][0].start_mark.line
    body = _patch_mapping(
        lines, root, len(lines), (before, plan), chunks, PLAN_FIELDS, rewrite, item=False
    )
    if body is None:
        return None
    text = "".join(lines[:first] + body)
    return text if _reads_as(text, plan) else None


def _patch_mapping(
    lines: list[str],
    node: MappingNode,
    end: int,
    models: tuple[object, object],
    chunks: dict[str, list[str]],
    order: tuple[str, ...],
    rewrite: Rewrite,
    *,
    item: bool,
) -> list[str] | None:
    """The lines of a block mapping (from its first key to `end`) read as `models[0]`,
    each field kept or rewritten as `models[1]` has it; the fields only the new model
    has inserted in `order`.

    `chunks` are the canonical lines of each field the new model has, at this mapping's
    indentation. None when a field cannot be placed: in a list `item`, one that changed
    or was added before the first key (whose line holds the item's `- `).
    """
    before, after = models
    names = [key.value for key, _ in node.value]
    starts = [key.start_mark.line for key, _ in node.value]
    if set(names) - set(order) or len(set(starts)) != len(starts):
        return None  # a key of another format, or two keys on one line
    out = _added(chunks, names, None, order)
    if item and out:
        return None
    ends = [*starts[1:], end]
    for index, (name, (_, value)) in enumerate(zip(names, node.value, strict=True)):
        part = _Part(starts[index], _content_end(lines, starts[index], ends[index]))
        if name in chunks and getattr(before, name) == getattr(after, name):
            out += lines[part.start : part.end]
        elif item and index == 0:
            return None  # the first key's line may hold the item's `- `: not rewritten
        elif name in chunks:
            rewritten = rewrite(name, value, part)
            if rewritten is None:
                return None
            out += rewritten
        out += lines[part.end : ends[index]]  # the comment and blank lines after it stay
        out += _added(chunks, names, name, order)
    return out


def _added(
    chunks: dict[str, list[str]], names: list[str], after: str | None, order: tuple[str, ...]
) -> list[str]:
    """The lines of the fields the old mapping lacks that go right after its field `after`
    (None: before its first), in the format's order."""
    lines = []
    for name in order:
        if name not in chunks or name in names:
            continue
        earlier = [field for field in order[: order.index(name)] if field in names]
        if (earlier[-1] if earlier else None) == after:
            lines += chunks[name]
    return lines


def _chunks(lines: list[str], indent: int, newline: str) -> dict[str, list[str]]:
    """Canonical lines by field, each ended by `newline`: a line at `indent` starts a
    field, a line indented further belongs to it (comments left out)."""
    chunks: dict[str, list[str]] = {}
    current: list[str] = []
    for line in lines:
        if line.startswith("#"):
            continue
        if not line[indent:].startswith(" "):
            current = chunks.setdefault(line[indent:].split(":", 1)[0], [])
        current.append(line + newline)
    return chunks


def _content_end(lines: list[str], start: int, end: int) -> int:
    """Where a part running from `start` to `end` ends once the comment and blank lines
    at its end are left to what follows it."""
    while end > start + 1 and _is_aside(lines[end - 1]):
        end -= 1
    return end


def _is_aside(line: str) -> bool:
    """A blank line or one holding only a comment."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _activities(
    lines: list[str],
    node: Node,
    part: _Part,
    before: Plan,
    plan: Plan,
    rank: dict[str, int],
    newline: str,
) -> list[str] | None:
    """The `activities:` field's lines, activity by activity; None for a layout not patched."""
    if not isinstance(node, SequenceNode) or node.flow_style or not node.value:
        return None
    if not plan.activities or len({a.id for a in before.activities}) != len(node.value):
        return None
    starts = [item.start_mark.line for item in node.value]
    dash = lines[starts[0]].find("-")
    if len(set(starts)) != len(starts) or any(
        lines[line].lstrip()[:1] != "-" or lines[line].find("-") != dash for line in starts
    ):
        return None  # a `-` alone on its line, or items not in one column
    items = [
        _Part(start, _content_end(lines, start, end))
        for start, end in zip(starts, [*starts[1:], part.end], strict=True)
    ]
    # The comment and blank lines above an activity are its own: they go where it goes.
    above = [_Part(starts[0], starts[0])] + [_Part(a.end, b.start) for a, b in pairwise(items)]
    old = {activity.id: index for index, activity in enumerate(before.activities)}
    out = lines[part.start : starts[0]]
    for activity in plan.activities:
        at = old.get(activity.id)
        whole = [_moved(line, dash - 2) + newline for line in activity_lines(activity, rank)]
        if at is None:
            out += whole
            continue
        out += lines[above[at].start : above[at].end]
        item = node.value[at]
        if before.activities[at] == activity:
            out += lines[items[at].start : items[at].end]
        elif isinstance(item, MappingNode) and item.value:
            was = before.activities[at]
            fields = _activity_fields(lines, item, items[at], (was, activity), rank, newline)
            out += whole if fields is None else fields
        else:
            out += whole
    return out


def _activity_fields(
    lines: list[str],
    node: MappingNode,
    part: _Part,
    models: tuple[Activity, Activity],
    rank: dict[str, int],
    newline: str,
) -> list[str] | None:
    """One activity patched field by field, at its own indentation."""
    indent = node.value[0][0].start_mark.column
    canonical = list(activity_lines(models[1], rank))
    canonical[0] = "    " + canonical[0][4:]  # `  - id:` as a field like the others
    chunks = _chunks([_moved(line, indent - 4) for line in canonical], indent, newline)

    def rewrite(name: str, _node: Node, _part: _Part) -> list[str]:
        return chunks[name]

    return _patch_mapping(
        lines, node, part.end, models, chunks, ACTIVITY_FIELDS, rewrite, item=True
    )


def _moved(line: str, shift: int) -> str:
    """A canonical line moved `shift` columns right (left when negative)."""
    return " " * shift + line if shift >= 0 else line[-shift:]


def _reads_as(text: str, plan: Plan) -> bool:
    """Whether `text` is a valid plan file that reads as exactly `plan`."""
    from tuyengiao.i18n import messages
    from tuyengiao.read import read_file

    reading = read_file(Plan, text.encode("utf-8"), "plan.yaml", messages("vi"))
    return reading.complete and reading.value == plan and not reading.findings
