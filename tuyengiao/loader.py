"""Read a YAML file into plain Python values while keeping every node's position.

Reading never raises: whatever is wrong with the bytes (encoding, syntax, duplicate
keys, non-standard tags, alias bombs) becomes a `Problem` with a position, and the
caller turns problems into diagnostics. Values keep YAML 1.1 typing (so `no` is a
boolean and `0123` an octal integer) because the models must see the trap to name it.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tuyengiao.yamlio import SafeLoader

#: Larger files are refused unread: a plan is a few kilobytes, and a national
#: workspace's biggest legitimate file (a 100,000-activity export) is under 20 MiB.
MAX_FILE_BYTES = 32 * 1024 * 1024
#: An alias bomb ("billion laughs") is a small file that expands to huge data. Expanded
#: values may be at most this many times the nodes the file really contains.
MAX_ALIAS_EXPANSION = 10
_ALIAS_SLACK = 10_000

_YAML = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (f"{_YAML}{t}" for t in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _MAP, _SEQ, _MERGE = (f"{_YAML}{t}" for t in ("timestamp", "map", "seq", "merge"))
_STANDARD_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _MAP, _SEQ, _MERGE})

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the file itself; `kind` is a message key, `fields` fill it."""

    rule: str
    kind: str
    line: int | None = None
    column: int | None = None
    fields: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    """A parsed file: its values, its node tree (for positions) and how it was written."""

    data: object
    root: Node | None
    problems: list[Problem]
    bom: bool = False
    crlf: bool = False

    def position(self, path: Path, *, key: bool = False) -> tuple[int | None, int | None]:
        """1-based line and column of the value at `path` (of its key with `key=True`).

        Where the path leaves the tree (a missing field), the deepest node that exists
        answers: a missing field is reported on the mapping that lacks it.
        """
        node = self.root
        if node is None:
            return None, None
        mark = node.start_mark
        for index, step in enumerate(path):
            found = _child(node, step)
            if found is None:
                break
            key_node, node = found
            last = index == len(path) - 1
            mark = (
                key_node.start_mark if (key and last and key_node is not None) else node.start_mark
            )
        return mark.line + 1, mark.column + 1

    def raw(self, path: Path) -> str | None:
        """The scalar exactly as written at `path` (before YAML typed it), if it is a scalar."""
        node = self.root
        for step in path:
            found = _child(node, step) if node is not None else None
            if found is None:
                return None
            node = found[1]
        return node.value if isinstance(node, ScalarNode) else None


def _child(node: Node, step: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, SequenceNode) and isinstance(step, int):
        return (None, node.value[step]) if 0 <= step < len(node.value) else None
    if isinstance(node, MappingNode) and isinstance(step, str):
        merged: list[Node] = []
        for key_node, value_node in reversed(node.value):  # the last duplicate wins, as in data
            if key_node.tag == _MERGE:
                merged.append(value_node)
            elif isinstance(key_node, ScalarNode) and _key_text(key_node) == step:
                return key_node, value_node
        for source in merged:
            for candidate in source.value if isinstance(source, SequenceNode) else [source]:
                found = _child(candidate, step)
                if found is not None:
                    return found
    return None


def _key_text(node: ScalarNode) -> str:
    value: str = node.value
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def decode(data: bytes) -> tuple[str | None, Problem | None, bool]:
    """Decode the bytes of a YAML file: UTF-8 with or without BOM, nothing else.

    Returns the text, or a problem naming the encoding when one is recognisable,
    and whether a UTF-8 BOM was present.
    """
    if data.startswith(codecs.BOM_UTF8):
        data, bom = data[len(codecs.BOM_UTF8) :], True
    else:
        bom = False
    named = _utf16_or_32(data)
    if named:
        return None, Problem("encoding", "utf16", fields={"encoding": named}), bom
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        return None, Problem("encoding", "binary", line=line), bom
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        fields: dict[str, object] = {"encoding": _legacy_encoding(data)}
        return None, Problem("encoding", "legacy", line, column, fields), bom
    return text, None, bom


def _utf16_or_32(data: bytes) -> str | None:
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    head = data[:200]
    # ASCII text saved as UTF-16 without a BOM has a NUL in every other byte.
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
        return "UTF-16LE"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0:
        return "UTF-16BE"
    return None


# Windows-1258 writes most tones as combining marks (0xCC 0xD2 0xDE 0xEC 0xF2) and has
# Ă ă Đ đ Ơ ơ Ư ư at 0xC3 0xE3 0xD0 0xF0 0xD5 0xF5 0xDD 0xFD; TCVN3 (ABC) uses other bytes
# for the same letters, so a file with none of these is named as "one of the two".
_CP1258_LETTERS = frozenset(b"\xcc\xd2\xde\xec\xf2\xc3\xe3\xd0\xf0\xd5\xf5\xdd\xfd")


def _legacy_encoding(data: bytes) -> str:
    high = {b for b in data if b >= 0x80}
    if high & _CP1258_LETTERS:
        return "Windows-1258"
    return "TCVN3 (ABC) / Windows-1258"


def load(data: bytes) -> Document:
    """Parse one YAML file's bytes into a `Document`; never raises for any input."""
    text, problem, bom = decode(data)
    if text is None:
        return Document(None, None, [problem] if problem else [], bom=bom)
    crlf = "\r\n" in text
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        return Document(None, None, [_syntax_problem(error, text)], bom=bom, crlf=crlf)
    except yaml.YAMLError as error:  # the reader's "unacceptable character" has no mark
        return Document(None, None, [_reader_problem(error, text)], bom=bom, crlf=crlf)
    except RecursionError:  # only the pure-Python composer recurses; libyaml stops at 1000
        return Document(None, None, [Problem("too-complex", "depth")], bom=bom, crlf=crlf)
    if root is None:
        return Document(None, None, [], bom=bom, crlf=crlf)
    builder = _Builder()
    try:
        value = builder.build(root)
    except _TooLargeError:
        builder.problems.append(Problem("too-complex", "aliases", fields={"count": builder.size}))
        value = None
    except RecursionError:
        builder.problems.append(Problem("too-complex", "depth"))
        value = None
    return Document(value, root, builder.problems, bom=bom, crlf=crlf)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or error.context or "").strip()
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    last = text.count("\n") + 1
    if line is not None and line > last:
        # libyaml ends a file without a final newline on a virtual next line; point at
        # the end of the real last line instead, where an editor can go.
        line, column = last, len(text) - text.rfind("\n")
    if "maximum nesting depth" in problem:
        return Problem("too-complex", "depth", line, column)
    if "tab" in problem or (mark is not None and _char_at(text, mark.line, mark.column) == "\t"):
        return Problem("yaml-syntax", "tab", line, column)
    return Problem("yaml-syntax", "syntax", line, column, {"problem": problem})


def _char_at(text: str, line: int, column: int) -> str:
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start + column : start + column + 1]


def _reader_problem(error: yaml.YAMLError, text: str) -> Problem:
    position = getattr(error, "position", None)
    if isinstance(position, int):
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        return Problem("yaml-syntax", "control", line, column)
    return Problem("yaml-syntax", "syntax", fields={"problem": str(error)})


class _TooLargeError(Exception):
    pass


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, collecting problems on the way."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.size = 0  # values produced, counting every alias expansion
        self.limit = 0
        self._memo: dict[int, object] = {}
        self._constructor = SafeConstructor()

    def build(self, root: Node) -> object:
        self.limit = MAX_ALIAS_EXPANSION * _count_nodes(root) + _ALIAS_SLACK
        return self._value(root)

    def _value(self, node: Node) -> object:
        self.size += 1
        if self.size > self.limit:
            raise _TooLargeError
        memo = self._memo.get(id(node))
        if memo is not None:
            # An alias: the same node again. Reuse its value, but count its size, so a
            # bomb is stopped here, not later in validation.
            self._count(memo)
            return memo
        if node.tag not in _STANDARD_TAGS:
            self.problems.append(
                Problem("unsafe-tag", "tag", *_mark(node), fields={"tag": _short_tag(node.tag)})
            )
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        value: object
        if isinstance(node, MappingNode):
            value = self._mapping(node)
        else:
            value = [self._value(item) for item in node.value]
        self._memo[id(node)] = value
        return value

    def _count(self, value: object) -> None:
        if isinstance(value, dict):
            self.size += len(value)
            for item in value.values():
                self._count(item)
        elif isinstance(value, list):
            self.size += len(value)
            for item in value:
                self._count(item)
        if self.size > self.limit:
            raise _TooLargeError

    def _scalar(self, node: ScalarNode) -> object:
        tag = node.tag
        text: str = node.value
        if tag == _STR:
            return text if text.isascii() else unicodedata.normalize("NFC", text)
        if tag == _NULL:
            return None
        try:
            if tag == _INT:
                return self._constructor.construct_yaml_int(node)
            if tag == _BOOL:
                return self._constructor.construct_yaml_bool(node)
            if tag == _FLOAT:
                return self._constructor.construct_yaml_float(node)
            return self._constructor.construct_yaml_timestamp(node)
        except (ValueError, ConstructorError):
            # `2022-02-31` looks like a timestamp but is no date: keep the text, so the
            # date rule can call it impossible in the user's own words.
            return text

    def _mapping(self, node: MappingNode) -> dict[str, object]:
        result: dict[str, object] = {}
        seen: dict[str, Node] = {}
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode):
                self.problems.append(Problem("invalid-type", "complex_key", *_mark(key_node)))
                continue
            key = _key_text(key_node)
            first = seen.get(key)
            if first is not None:
                self.problems.append(
                    Problem(
                        "duplicate-key",
                        "duplicate_key",
                        *_mark(key_node),
                        {"key": key, "first_line": first.start_mark.line + 1},
                    )
                )
            seen[key] = key_node
            result[key] = self._value(value_node)
        for merge in merges:
            self._merge(result, merge)
        return result

    def _merge(self, result: dict[str, object], source: Node) -> None:
        sources = source.value if isinstance(source, SequenceNode) else [source]
        for item in sources:
            merged = self._value(item)
            if not isinstance(merged, dict):
                self.problems.append(Problem("invalid-type", "merge", *_mark(item)))
                continue
            for key, value in merged.items():
                result.setdefault(key, value)


def _count_nodes(root: Node) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for pair in node.value:
                stack.extend(pair)
    return len(seen)


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag


def iter_paths(value: Any, path: Path = ()) -> Iterator[Path]:
    """Every path into a built value (for tests and the schema cross-check)."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from iter_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_paths(item, (*path, index))
