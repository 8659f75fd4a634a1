"""After a YAML syntax error: the file's other syntax errors, and the parts that parse.

A syntax error stops YAML at the first slip, and a file with three slips took four runs
to fix while every other finding of the file stayed hidden. Here, only for a file that
did not parse (a valid file never comes here), each slip is named and taken out of the
way, and the text is parsed again:

- a slip whose meaning is plain is repaired on its line, so its data are still read and
  checked: a Word bullet `•` or dash `–` becomes `-`, a non-breaking space a space, a
  lost colon after a field name is put back, a value Word broke over two lines is joined,
  a lost `- ` before an activity is put back, Tab indentation becomes spaces;
- any other offending line is masked (blanked): a row of Tab-separated cells pasted from
  Excel, or whatever YAML could not read.

Lines are never added or removed, so every later finding stays at its true line, and a
repair that inserts characters moves the columns of that line back after parsing. The
rounds are bounded (`MAX_ROUNDS`, `MAX_SECONDS`); past them the file is reported with
the slips found so far and nothing else. What a masked line may have caused (a field
missing because its line was blanked) is the caller's to leave out: `Recovered.masked`.
"""

from __future__ import annotations

import dataclasses
import re
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tuyengiao.mistakes import BULLETS, INVISIBLE, Hint, key_hint, syntax_hint

__all__ = [
    "MAX_ROUNDS",
    "MAX_SECONDS",
    "Recovered",
    "Slip",
    "each_node",
    "recover_syntax",
    "split_lost_dashes",
]

#: How many slips one file may have named and taken away before recovery stops: a file
#: with more is not a plan with a few slips, and the first ones are enough to go on.
MAX_ROUNDS = 30
#: And how long recovery may take in all (each round parses the file once more).
MAX_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class Slip:
    """One syntax error: its rule, message kind and place, and what was done to its line."""

    rule: str
    kind: str
    line: int
    column: int
    fields: dict[str, object] = field(default_factory=dict)
    hint: Hint | None = None


@dataclass(slots=True)
class Recovered:
    """The tree of the text with its slips repaired or masked (None if it never parsed)."""

    root: Node | None
    text: str
    slips: list[Slip]
    #: 1-based lines blanked: what was on them is unknown.
    masked: frozenset[int]


Compose = Callable[[str], Node | None]
Fallback = Callable[[yaml.MarkedYAMLError, str], Slip]

_BULLET = re.compile(rf"([ \t]*)([{BULLETS}])[ \t\u00a0]*")
#: `title Hội nghị`: a field name, spaces, and a value, no colon.
_NO_COLON = re.compile(r"([ \t]*(?:- +)?)([A-Za-z_][A-Za-z0-9_]*)([ \t]+)(\S.*)?")
_KEY_LINE = re.compile(r"([ \t]*)(?:- +)?([^\s:#'\"{}\[\],-][^:#]*?):(?:[ \t]+(.*))?")
_DASH_ITEM = re.compile(r"([ \t]*)- +\S")


def recover_syntax(
    text: str, error: yaml.MarkedYAMLError, compose: Compose, fallback: Fallback
) -> Recovered:
    """Every slip of `text` (the first is `error`), and the tree once they are taken away.

    `compose` parses a text (raising YAML's errors); `fallback` names an error no slip
    here explains (the generic message, at YAML's place).
    """
    lines = text.splitlines(keepends=True)  # as YAML counts them: others are refused
    slips: list[Slip] = []
    masked: set[int] = set()
    touched: set[int] = set()
    shifts: dict[int, tuple[int, int]] = {}
    started = time.monotonic()
    for _ in range(MAX_ROUNDS):
        slip, number, repaired = _take(lines, error, touched, fallback)
        if slip is not None:
            slips.append(slip)
            if slip.rule != "yaml-syntax":  # too deep, too many nodes: not a slip
                return Recovered(None, text, slips, frozenset())
        if number is None or number in masked:
            break
        if "single document" in f"{error.context} {error.problem}":
            # A second document (`---`, two plans pasted together): the first one is read.
            for rest in range(number, len(lines) + 1):
                masked.add(rest)
                lines[rest - 1] = _ending(lines[rest - 1])
            repaired = _ending(lines[number - 1])
        touched.add(number)
        old = lines[number - 1]
        if repaired is None:
            masked.add(number)
            lines[number - 1] = _ending(old)
            shifts.pop(number, None)
        else:
            lines[number - 1] = repaired
            shift = _shift(_body(old), _body(repaired))
            if shift is not None:
                shifts[number] = shift
            if slip is not None and slip.kind == "tab":  # the lines below it, alike
                for below, retabbed in _retab(lines, number, old, repaired).items():
                    shift = _shift(_body(lines[below - 1]), _body(retabbed))
                    lines[below - 1] = retabbed
                    if shift is not None:
                        shifts[below] = shift
        attempt = "".join(lines)
        try:
            root = compose(attempt)
        except yaml.MarkedYAMLError as again:
            error = again
            if time.monotonic() - started > MAX_SECONDS:
                break
            continue
        if root is not None and shifts:
            _move_back(root, shifts)
        return Recovered(root, attempt, _unique(slips), frozenset(masked))
    return Recovered(None, text, _unique(slips), frozenset(masked))


def _unique(slips: list[Slip]) -> list[Slip]:
    """One slip a line: a repair that did not hold is the same slip, found again."""
    seen: set[int] = set()
    kept = []
    for slip in slips:
        if slip.line not in seen:
            seen.add(slip.line)
            kept.append(slip)
    return sorted(kept, key=lambda s: (s.line, s.column))


def _take(
    lines: list[str], error: yaml.MarkedYAMLError, touched: set[int], fallback: Fallback
) -> tuple[Slip | None, int | None, str | None]:
    """The slip behind `error`, the 1-based line to change, and its repair (None: mask)."""
    text = "".join(lines)
    problem = (error.problem or "").strip()
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return fallback(error, text), None, None
    line = min(mark.line + 1, len(lines))
    if error.context_mark is not None and (
        "could not find expected ':'" in problem or "quoted scalar" in (error.context or "")
    ):
        line = min(error.context_mark.line + 1, len(lines))  # the key, the open quote
    elif error.context_mark is not None and "flow" in (error.context or ""):
        line = min(error.context_mark.line + 1, len(lines))  # the `[` or `{` never closed
    column = mark.column + 1
    while line > 1 and not lines[line - 1].strip():
        line -= 1  # the end of the file, or a blank line: the slip is above
    hint = syntax_hint(text, line, column, problem)
    if hint is not None:
        line = int(str(hint.fields["line"]))
    number = line
    body = _body(lines[number - 1])
    if number in touched:  # a repair that did not hold: mask the line
        return None, number, None
    for check in (_invisible, _bullet, _excel_row, _tab, _lost_dash, _missing_colon, _broken):
        found = check(lines, number, body, problem)
        if found is not None:
            slip, repaired = found
            return slip, number, None if repaired is None else repaired + _ending(lines[number - 1])
    return fallback(error, text), number, _quoted(lines[number - 1], hint)


def _quoted(line: str, hint: Hint | None) -> str | None:
    """`title: Hội nghị: bàn` quoted whole (the colon-in-value hint): its data kept."""
    if hint is None or hint.key != "hint.mistake.colon_in_value":
        return None
    pair = _KEY_LINE.fullmatch(_body(line))
    if pair is None or pair[3] is None:
        return None
    value = pair[3].split(" #", 1)[0].rstrip().replace("\\", "\\\\").replace('"', '\\"')
    return f'{_body(line)[: pair.start(3)]}"{value}"{_ending(line)}'


# --- the slips, each: (slip, repaired line or None to mask), or None if not this one ---

Found = tuple[Slip, str | None] | None


def _invisible(lines: list[str], number: int, body: str, problem: str) -> Found:
    """A non-breaking space (or another invisible character) where YAML wants a space."""
    index = next((i for i, char in enumerate(body) if char in INVISIBLE), None)
    if index is None:
        return None
    char = body[index]
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, code)
    fields: dict[str, object] = {"line": number, "column": index + 1, "code": code, "name": name}
    repaired = "".join(
        (" " if unicodedata.category(c) == "Zs" else "") if c in INVISIBLE else c for c in body
    )
    return Slip(
        "yaml-syntax",
        "invisible",
        number,
        index + 1,
        fields,
        Hint("hint.mistake.invisible", fields),
    ), repaired


def _bullet(lines: list[str], number: int, body: str, problem: str) -> Found:
    """`• id: a2`: a Word bullet (or a long dash) where YAML's `- ` belongs."""
    match = _BULLET.match(body)
    if match is None or match.end() == len(body):
        return None
    fields: dict[str, object] = {"bullet": match[2], "line": number, "column": len(match[1]) + 1}
    repaired = f"{match[1]}- {body[match.end() :]}"
    hint = Hint("hint.mistake.bullet", fields)
    return Slip("yaml-syntax", "bullet", number, len(match[1]) + 1, fields, hint), repaired


def _excel_row(lines: list[str], number: int, body: str, problem: str) -> Found:
    """`a9<Tab>2<Tab>Hội nghị<Tab>…`: a row of cells pasted from a spreadsheet."""
    cells = [cell for cell in body.strip().split("\t") if cell.strip()]
    if len(cells) < 3 or ": " in body.split("\t", 1)[0]:
        return None
    indent = len(body) - len(body.lstrip(" \t"))
    fields: dict[str, object] = {"cells": len(cells)}
    hint = Hint("hint.mistake.excel_row", fields)
    return Slip("yaml-syntax", "excel_row", number, indent + 1, fields, hint), None


def _tab(lines: list[str], number: int, body: str, problem: str) -> Found:
    """Tab indentation: spaces instead, as deep as the line above's fields."""
    indent = body[: len(body) - len(body.lstrip(" \t"))]
    if "\t" not in indent and "tab" not in problem:
        return None
    if "\t" not in indent:
        return None
    fields: dict[str, object] = {"line": number, "column": indent.index("\t") + 1}
    depth = _sibling_depth(lines, number)
    repaired = " " * depth + body.lstrip(" \t")
    return Slip(
        "yaml-syntax", "tab", number, indent.index("\t") + 1, {}, Hint("hint.mistake.tab", fields)
    ), repaired


def _lost_dash(lines: list[str], number: int, body: str, problem: str) -> Found:
    """`  id: a2` where `  - id: a2` belongs: a new item of the list above lost its `- `."""
    if "expected '-' indicator" not in problem:
        return None
    pair = _KEY_LINE.fullmatch(body)
    if pair is None or body.lstrip().startswith("-"):
        return None
    indent = len(pair[1])
    above = _previous_item(lines, number, indent)
    if above is None:
        return None
    fields: dict[str, object] = {"key": pair[2].strip(), "line": number}
    hint = Hint("hint.mistake.lost_dash", fields)
    repaired = f"{body[:indent]}- {body[indent:]}"
    return Slip("yaml-syntax", "lost_dash", number, indent + 1, fields, hint), repaired


def _missing_colon(lines: list[str], number: int, body: str, problem: str) -> Found:
    """`title Hội nghị`: a field name, then its value, without the colon between."""
    if "could not find expected ':'" not in problem:
        return None
    match = _NO_COLON.fullmatch(body)
    if match is None or not _field_name(match[2]):
        return None
    column = match.end(2) + 1
    fields: dict[str, object] = {"key": match[2], "line": number, "column": column}
    hint = Hint("hint.mistake.missing_colon", fields)
    repaired = f"{body[: match.end(2)]}:{body[match.end(2) :]}"
    return Slip("yaml-syntax", "missing_colon", number, column, fields, hint), repaired


def _broken(lines: list[str], number: int, body: str, problem: str) -> Found:
    """A value Word broke over two lines: the second part stands alone, no key, no colon."""
    if "could not find expected ':'" not in problem or ":" in body:
        return None
    above = number - 1
    while above >= 1 and not lines[above - 1].strip():
        above -= 1
    if above < 1:
        return None
    pair = _KEY_LINE.fullmatch(_body(lines[above - 1]))
    if pair is None or not pair[3] or pair[3][0] in "'\"[{|>&*!" or " #" in pair[3]:
        return None
    key_indent = len(pair[1])
    fields: dict[str, object] = {"key": pair[2].strip(), "key_line": above}
    hint = Hint("hint.mistake.broken_value", fields)
    indent = len(body) - len(body.lstrip(" \t"))
    repaired = " " * (key_indent + 2 + (2 if lines[above - 1].lstrip().startswith("-") else 0))
    return Slip(
        "yaml-syntax", "broken_value", number, indent + 1, fields, hint
    ), repaired + body.lstrip(" \t")


# --- helpers ------------------------------------------------------------------------------


def _field_name(word: str) -> bool:
    """Whether `word` is a field name of the plan format (in English or Vietnamese)."""
    return word in _field_names() or key_hint(word) is not None


_FIELD_NAMES: set[str] = set()


def _field_names() -> set[str]:
    """Every field name of the models files are read into."""
    if not _FIELD_NAMES:
        from tuyengiao import models

        for value in vars(models).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value):
                _FIELD_NAMES.update(item.name for item in dataclasses.fields(value))
    return _FIELD_NAMES


def _sibling_depth(lines: list[str], number: int) -> int:
    """How deep a field below the line above stands (`  - id: x` → 4, `union:` → 2)."""
    for above in range(number - 1, 0, -1):
        body = _body(lines[above - 1])
        if not body.strip() or body.lstrip().startswith("#"):
            continue
        dash = _DASH_ITEM.match(body)
        depth = len(dash[0]) - 1 if dash is not None else len(body) - len(body.lstrip(" "))
        opens = body.split(" #", 1)[0].rstrip().endswith(":")  # `union:`: its fields below
        return depth + 2 if opens else depth
    return 0


def _retab(lines: list[str], number: int, old: str, repaired: str) -> dict[int, str]:
    """The Tab-indented lines right below line `number`, indented as its repair was.

    A file indented with Tab throughout is one slip, not one a line: each level of Tab
    becomes two spaces more, from the depth the first line was given.
    """

    def level(body: str) -> int:
        indent = body[: len(body) - len(body.lstrip(" \t"))]
        return 2 * indent.count("\t") + indent.count(" ")

    base = len(repaired) - len(repaired.lstrip(" ")) - level(_body(old))
    found: dict[int, str] = {}
    for below in range(number + 1, len(lines) + 1):
        body = _body(lines[below - 1])
        if not body.strip():
            continue
        indent = body[: len(body) - len(body.lstrip(" \t"))]
        if "\t" not in indent:
            break
        depth = max(0, base + level(body))
        found[below] = " " * depth + body.lstrip(" \t") + _ending(lines[below - 1])
    return found


def _previous_item(lines: list[str], number: int, indent: int) -> int | None:
    """The line of the list item above whose dash stands at `indent`, if any."""
    for above in range(number - 1, 0, -1):
        body = _body(lines[above - 1])
        if not body.strip() or body.lstrip().startswith("#"):
            continue
        depth = len(body) - len(body.lstrip(" "))
        if depth < indent:
            return None
        if depth == indent:
            return above if body[indent:].startswith("- ") else None
    return None


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def _ending(line: str) -> str:
    return line[len(_body(line)) :]


def _shift(old: str, new: str) -> tuple[int, int] | None:
    """Where a repair inserted characters on a line (0-based column, how many)."""
    delta = len(new) - len(old)
    if delta == 0:
        return None
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    return start, delta


def _move_back(root: Node, shifts: dict[int, tuple[int, int]]) -> None:
    """Put the marks of a repaired line back where the user's text has them.

    Only the nodes whose lines reach a repaired line are visited: a 20,000-activity
    plan with one slip is not walked whole.
    """
    first, last = min(shifts) - 1, max(shifts) - 1  # 0-based, as marks count

    def reaches(node: Node) -> bool:
        return node.end_mark.line >= first and node.start_mark.line <= last

    for node in each_node(root, reaches):
        node.start_mark = _moved(node.start_mark, shifts)
        node.end_mark = _moved(node.end_mark, shifts)


def _moved(mark: Mark, shifts: dict[int, tuple[int, int]]) -> Mark:
    """`mark`, or a new one (libyaml's are read-only) where a repair moved it."""
    shift = shifts.get(mark.line + 1)
    if shift is None or mark.column <= shift[0]:
        return mark
    column = max(shift[0], mark.column - shift[1])
    return Mark(mark.name, mark.index - (mark.column - column), mark.line, column, None, 0)


def split_lost_dashes(root: Node) -> list[Slip]:
    """Activities merged into the one above because their `- ` was lost, split apart.

    ```
      - id: a1
        task: 1
        id: a2        ← the `- ` lost: YAML reads id, task… of a2 as a1's again
        task: 2
    ```
    Each list item that repeats two or more of its keys in a run is cut where the run
    starts; the tree is changed in place (so every place stays true), and the cut is
    one `duplicate-key` finding that says so, not one per repeated key.
    """
    # The walk of `each_node`, written out, over containers only: this one runs over
    # every file that reaches the slow path, and a scalar (most nodes) can hold no list.
    # Pushing every key and scalar made it 0.29 s of 1,000 findings-heavy plans, against
    # 0.12 s this way (in-process, median of 5); the containers are met in the same order.
    slips: list[Slip] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if not isinstance(key, ScalarNode):
                    stack.append(key)
                if not isinstance(value, ScalarNode):
                    stack.append(value)
            continue
        if not isinstance(node, SequenceNode):
            continue
        items: list[Node] | None = None  # the items, once one is cut
        for index, item in enumerate(node.value):
            parts = _cut(item, slips) if isinstance(item, MappingNode) else None
            if parts is not None and items is None:
                items = node.value[:index]
            if items is not None:
                items.extend(parts or (item,))
        if items is not None:
            node.value = items
        stack.extend(item for item in node.value if not isinstance(item, ScalarNode))
    return slips


def each_node(root: Node, keep: Callable[[Node], bool] | None = None) -> Iterator[Node]:
    """Every node of the tree under `root` once (an alias's node once), depth first,
    leaving out the nodes `keep` turns down and all under them. The children of the node
    given are read when the next one is asked for: the caller may replace them."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen or (keep is not None and not keep(node)):
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for pair in node.value:
                stack.extend(pair)


def _cut(item: MappingNode, slips: list[Slip]) -> list[Node] | None:
    """The mappings `item` holds, each lost `- ` named in `slips`; None if it holds one."""
    if item.flow_style or len(item.value) < 4:
        return None
    try:  # no key repeated, the usual case: nothing to cut
        if len({key.value for key, _ in item.value}) == len(item.value):
            return None
    except TypeError:  # a list or mapping as a key: see below
        pass
    keys = [key.value if isinstance(key, yaml.ScalarNode) else None for key, _ in item.value]
    starts = [0]
    current: set[object] = set()
    for index, key in enumerate(keys):
        if key in current and key is not None:
            run: list[object] = []
            for later in keys[index:]:
                if later in run:
                    break
                run.append(later)
            repeated = [name for name in run if name in current]
            if len(repeated) >= 2:
                first = item.value[starts[-1]][0].start_mark.line + 1
                key_node = item.value[index][0]
                fields: dict[str, object] = {
                    "key": key,
                    "first_line": first,
                    "keys": ", ".join(str(name) for name in repeated),
                }
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                hint = Hint("hint.mistake.lost_dash_split", fields)
                slips.append(Slip("duplicate-key", "lost_dash", line, column, fields, hint))
                starts.append(index)
                current = set()
        current.add(key)
    if len(starts) == 1:
        return None
    bounds = [*starts, len(item.value)]
    return [
        MappingNode(
            item.tag,
            item.value[start:end],
            item.value[start][0].start_mark,
            item.value[end - 1][1].end_mark,
            flow_style=False,
        )
        for start, end in pairwise(bounds)
    ]
