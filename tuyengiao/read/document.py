"""Read a YAML file into plain Python values while keeping every node's position.

Reading never raises: whatever is wrong with the bytes (encoding, syntax, duplicate
keys, non-standard tags, alias bombs) becomes a `Problem` with a position, and the
caller turns problems into diagnostics. Values keep YAML 1.1 typing (so `no` is a
boolean and `0123` an octal integer) because the models must see the trap to name it.
"""

from __future__ import annotations

import codecs
import datetime
import operator
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tuyengiao.fields import MAX_DIGITS
from tuyengiao.mistakes import Hint, comment_cuts, syntax_hint
from tuyengiao.read.scalars import (
    ALIAS_SLACK,
    BOOL,
    FLOAT,
    INT,
    MAP,
    MAX_ALIAS_EXPANSION,
    MERGE,
    NULL,
    PLAIN_INT,
    SEQ,
    STANDARD_TAGS,
    STR,
    TIMESTAMP,
    YAML_TAGS,
    HugeNumber,
    escaped_control,
    key_text,
)
from tuyengiao.read.syntax import Slip, each_node, recover_syntax, split_lost_dashes
from tuyengiao.read.yamlio import SafeLoader

if TYPE_CHECKING:
    from tuyengiao.diagnostics import Diagnostic

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Yaml11Number:
    """An integer only YAML 1.1 sees in `raw` (`0755` = 493, `1:30` = 90).

    Neither an int nor a str, so every model field refuses it and the finding can
    say what YAML made of the text.
    """

    value: int
    raw: str

    def __str__(self) -> str:
        return self.raw


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the file itself; `kind` is a message key, `fields` fill it."""

    rule: str
    kind: str
    line: int | None = None
    column: int | None = None
    fields: dict[str, object] = field(default_factory=dict)
    #: What the mistake most likely is, where it was recognised (`tuyengiao.mistakes`).
    hint: Hint | None = None


@dataclass(slots=True)
class Document:
    """A parsed file: its node tree (for positions), its values once built, and how it
    was written. `parse` gives the tree only; `build` adds the values (`load` does both).

    A file with errors may instead be read part by part (`tuyengiao.read.validate.recover`
    with `parts`): only the parts the fast reader is not sure of are built (`build_part`),
    and `data`, the whole file's values, is built when first asked for."""

    _data: object
    root: Node | None
    problems: list[Problem]
    bom: bool = False
    crlf: bool = False
    built: bool = False
    index: _Index | None = None
    #: Values a `#` cut short: valid YAML, so found apart from `problems` (both paths).
    cuts: tuple[Problem, ...] = ()
    #: Lines blanked to read the rest of a file with syntax errors (`tuyengiao.read.syntax`):
    #: what they held is unknown, so what their absence causes is not reported.
    masked: frozenset[int] = frozenset()
    split: bool = False
    parts: _Parts | None = None
    #: id(list node) → the items the fast reader read of it before it gave up on one
    #: (`tuyengiao.read.fast.read`): valid, and read as the models read them.
    read_before: dict[int, list[object]] | None = None

    @property
    def data(self) -> object:
        """The file's plain values (None when it has no tree, or too complex a one)."""
        if self.parts is not None and self.parts.done:  # read part by part: built now
            self._data = _build(self.root)[0] if self.root is not None else None
            self.parts = None
        return self._data

    @data.setter
    def data(self, value: object) -> None:
        self._data = value

    def build(self) -> Document:
        """Build the plain values from the tree (once), adding the problems found doing it.

        A file that did not parse has no tree, and nothing to build."""
        if not self.built and self.root is not None:
            self.split_lost_dashes()
            self.parts = None  # a reading part by part given up: all of it again
            self.data, problems, keys = _build(self.root)
            self.problems += problems
            # The keys of each mapping, read while building: positions need not read
            # them again (`_Index`).
            self._index().adopt(keys)
        self.built = True
        return self

    def split_lost_dashes(self) -> None:
        """Split the list items merged by a lost `- ` (`tuyengiao.read.syntax`), once,
        adding a problem for each."""
        if not self.split and self.root is not None:
            # Only a file the fast reader gave up on gets here (it refuses repeated keys).
            self.problems += [_problem(slip) for slip in split_lost_dashes(self.root)]
        self.split = True

    def build_part(self, node: Node) -> object:
        """The plain value of `node`, a part of the tree, as `build` makes it there.

        Each part is built once; its problems are added, in the file's order, by
        `parts_built`. Raises `PartTooComplexError` where `build` would find the whole
        file too complex (then read it whole)."""
        if self.parts is None:
            self.parts = _Parts()
        return self.parts.build(node)

    def parts_built(self) -> None:
        """Add the problems of the parts built to the file's, as `build` would have found
        them: in the order of the file. `data` is built when first asked for."""
        self.built = True
        if self.parts is None:
            self.parts = _Parts()
        self.problems += self.parts.problems()
        self._index().adopt(self.parts.builder.keys)
        self.parts.done = True

    def top(self, key: str) -> object:
        """The plain value of `key` in the file's top mapping, or None."""
        if self.parts is not None and self.parts.done:
            # Every key of the top was read or built: a part built anew had no problem.
            found = self.pair((key,))
            return None if found is None else self.parts.build(found[1])
        data = self.data
        return data.get(key) if isinstance(data, dict) else None

    def caused_by_mask(self, line: int | None) -> bool:
        """Whether a finding at `line` may come of a blanked line (`masked`): it is on one,
        or right below one (the item a blanked `- id:` line began)."""
        if line is None or not self.masked:
            return False
        return line in self.masked or (line - 1) in self.masked

    def position(self, path: Path, *, key: bool = False) -> tuple[int | None, int | None]:
        """1-based line and column of the value at `path` (of its key with `key=True`).

        Where the path leaves the tree (a missing field), the deepest node that exists
        answers: a missing field is reported on the mapping that lacks it. Each step is
        one dict look-up (`_Index`), whatever the mapping's size or its merges.
        """
        node = self.root
        if node is None:
            return None, None
        mark = node.start_mark
        index = self._index()
        for number, step in enumerate(path):
            found = index.child(node, step)
            if found is None:
                break
            key_node, node = found
            last = number == len(path) - 1
            mark = (
                key_node.start_mark if (key and last and key_node is not None) else node.start_mark
            )
        return mark.line + 1, mark.column + 1

    def raw(self, path: Path) -> str | None:
        """The scalar exactly as written at `path` (before YAML typed it), if it is a scalar."""
        node = self.root
        index = self._index()
        for step in path:
            found = index.child(node, step) if node is not None else None
            if found is None:
                return None
            node = found[1]
        return node.value if isinstance(node, ScalarNode) else None

    def pair(self, path: Path) -> tuple[Node | None, Node] | None:
        """The key node and value node at `path` (no key node for a list item), if any."""
        node = self.root
        if node is None:
            return None
        found: tuple[Node | None, Node] | None = (None, node)
        index = self._index()
        for step in path:
            found = index.child(node, step)
            if found is None:
                return None
            node = found[1]
        return found

    def item_lines(self, path: Path) -> list[int]:
        """The 1-based first line of each item of the sequence at `path` (empty if none)."""
        node = self.root
        index = self._index()
        for step in path:
            found = index.child(node, step) if node is not None else None
            if found is None:
                return []
            node = found[1]
        if not isinstance(node, SequenceNode):
            return []
        return [item.start_mark.line + 1 for item in node.value]

    def place(
        self, line: int | None, column: int | None
    ) -> tuple[int | None, int | None, str | None]:
        """The line, column and cell of a position this document gave (a workbook's has a
        cell; see `tuyengiao.read.workbook.SheetDocument`)."""
        return line, column, None

    def locate(self, found: Diagnostic) -> Diagnostic:
        """`found` at its final place (a YAML finding is already there)."""
        return found

    def rename(self, path: Path, key: str) -> None:
        """Let `path` (its last step a field name) find the value written under `key`.

        A key written in Vietnamese (`hạn:`) is read as the field it means (`due`): the
        rules' findings under it are placed by the field's name."""
        parent = self.pair(path[:-1])
        if parent is not None and isinstance(parent[1], MappingNode):
            keys = self._index()._keys(parent[1])
            if key in keys:
                keys.setdefault(str(path[-1]), keys[key])

    def _index(self) -> _Index:
        if self.index is None:
            self.index = _Index()
        return self.index


_Keys = dict[int, dict[str, tuple["Node | None", Node]]]


class PartTooComplexError(Exception):
    """A part of the tree nested too deep to build: the file is built whole instead."""


class _Parts:
    """The parts of a tree built one by one (`Document.build_part`), with their problems."""

    __slots__ = ("_found", "_values", "builder", "done")

    def __init__(self) -> None:
        self.builder = _Builder()
        self.done = False
        self._values: dict[int, object] = {}
        #: Each part that had problems, with them.
        self._found: list[tuple[Node, list[Problem]]] = []

    def build(self, node: Node) -> object:
        found = self._values.get(id(node), _UNBUILT)
        if found is not _UNBUILT:
            return found
        problems = self.builder.problems
        before = len(problems)
        try:
            value = self.builder.build_part(node)
        except RecursionError:
            raise PartTooComplexError from None
        if len(problems) > before:
            self._found.append((node, problems[before:]))
        self._values[id(node)] = value
        return value

    def problems(self) -> list[Problem]:
        """The problems of the parts, in the order of the file (parts never overlap)."""
        if len(self._found) > 1:
            self._found.sort(key=lambda part: (part[0].start_mark.line, part[0].start_mark.column))
        return [problem for _, problems in self._found for problem in problems]


_UNBUILT = object()


def plain_pairs(node: Node) -> dict[str, Node] | None:
    """A mapping's values by key, where `_Builder` finds nothing wrong with the mapping
    itself (no tag, merge, complex, escaped or repeated key); else None."""
    if node.__class__ is not MappingNode or node.tag != MAP:
        return None
    pairs: dict[str, Node] = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is not ScalarNode or key_node.tag == MERGE:
            return None
        if escaped_control(key_node):
            return None
        pairs[key_text(key_node)] = value_node
    return pairs if len(pairs) == len(node.value) else None


class _Index:
    """Each mapping's keys in a dict, made on first look-up and kept.

    Scanning a mapping for each finding made placing 20,000 findings in one mapping of
    20,000 keys take 21 s; and following `<<` merges anew for each look-up made a
    549-byte file of nested merges take 18 s. Here every mapping node is indexed once,
    its merges through the (already indexed) merged nodes, so placing a finding costs
    one look-up per step of its path.
    """

    __slots__ = ("_maps",)

    def __init__(self) -> None:
        self._maps: _Keys = {}

    def adopt(self, keys: _Keys) -> None:
        """Take the keys of mappings already read (by `_Builder`), so as not to read
        them again: 1,000 findings-heavy plans placed 12,487 findings with 34,618
        `_keys` calls, re-reading each mapping on a finding's path."""
        for node_id, found in keys.items():
            self._maps.setdefault(node_id, found)

    def child(self, node: Node, step: str | int) -> tuple[Node | None, Node] | None:
        """The key node and value node of `step` in `node`, if it has one."""
        if isinstance(node, SequenceNode) and isinstance(step, int):
            return (None, node.value[step]) if 0 <= step < len(node.value) else None
        if isinstance(node, MappingNode) and isinstance(step, str):
            return self._keys(node).get(step)
        return None

    def _keys(self, root: MappingNode) -> dict[str, tuple[Node | None, Node]]:
        found = self._maps.get(id(root))
        if found is not None:
            return found
        # A mapping without merges, the usual case: its own keys, the last duplicate
        # winning, as in data (11,700 mappings of 1,000 findings-heavy plans indexed for
        # their findings' places; the walk below cost twice as much).
        keys: dict[str, tuple[Node | None, Node]] = {}
        for key_node, value_node in root.value:
            if key_node.tag == MERGE:
                break
            if isinstance(key_node, ScalarNode):
                keys[key_text(key_node)] = (key_node, value_node)
        else:
            self._maps[id(root)] = keys
            return keys
        # Merged mappings first, innermost first, without recursion: a chain of merges
        # is as deep as the file makes it.
        order: list[MappingNode] = []
        seen: set[int] = set()  # each node expanded once, however many merge it
        stack: list[tuple[MappingNode, bool]] = [(root, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                order.append(node)
                continue
            if id(node) in seen or id(node) in self._maps:
                continue
            seen.add(id(node))
            stack.append((node, True))
            for source in _merge_sources(node):
                if id(source) not in seen and id(source) not in self._maps:
                    stack.append((source, False))
        for node in order:
            if id(node) in self._maps:
                continue
            keys = {}
            # Merged keys count only where the mapping lacks them; an earlier source
            # wins over a later one, as in the values built.
            for source in reversed(_merge_sources(node)):
                keys.update(self._maps.get(id(source), {}))
            for key_node, value_node in node.value:  # the last duplicate wins, as in data
                if key_node.tag != MERGE and isinstance(key_node, ScalarNode):
                    keys[key_text(key_node)] = (key_node, value_node)
            self._maps[id(node)] = keys
        return self._maps[id(root)]


def _merge_sources(node: MappingNode) -> list[MappingNode]:
    """The mappings a mapping merges in (`<<: *a`, `<<: [*a, *b]`), in order."""
    sources: list[MappingNode] = []
    for key_node, value_node in node.value:
        if key_node.tag == MERGE:
            items = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            sources.extend(item for item in items if isinstance(item, MappingNode))
    return list(dict.fromkeys(sources))  # `[*a, *a, *a]` merges `a` once


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
        line, column = _place(data.decode("latin-1"), data.index(b"\x00"))
        return None, Problem("encoding", "binary", line, column), bom
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        # Text that is not UTF-8 has no known characters: its columns count bytes.
        line, column = _place(data.decode("latin-1"), error.start)
        fields: dict[str, object] = {"encoding": _legacy_encoding(data)}
        return None, Problem("encoding", "legacy", line, column, fields), bom
    return text, None, bom


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# What YAML's reader refuses (PyYAML's `Reader.NON_PRINTABLE`), the line breaks only
# YAML knows (NEL, LS, PS: pasted from Word or a web page, they make YAML count lines
# that editors do not show, so every later position would be wrong), and a BOM past
# the start (two files pasted together), which YAML misreads as indentation. Found
# here, not by the parser: libyaml reports a byte offset, PyYAML a character one.
# One character class, not "refused | [LS PS BOM]": the alternation made the scan of
# every file 3-4 times slower. Written as what is refused, not as the complement of what
# is allowed: the same set (checked equal over every code point, 0 to 0x10FFFF) and the
# same speed, but compiling the complement's large ranges took 7 ms of every start-up.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)


def _place(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `text[index]`; CRLF, CR and LF each end a line, as in
    YAML and in editors."""
    line = 1 + len(_LINE_BREAK.findall(text, 0, index))
    start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return line, index - start + 1


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


# The legacy Vietnamese code pages put the same letters at different bytes, and most
# bytes are some letter in each of them, so no single byte tells them apart. Reading
# the file in each one does: only the right one gives words that are Vietnamese
# syllables (Vietnamese letters only, at most one tone mark). The names are those of
# Unikey's converter, which the hint tells the user to run.
_TONE_MARKS = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
_TONED = frozenset(unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONE_MARKS)
_VIETNAMESE = _TONED | frozenset("ăâêôơưđĂÂÊÔƠƯĐ")
_VOWEL_OF = {c: unicodedata.normalize("NFD", c)[0].lower() for c in _TONED | frozenset(_VOWELS)}
_WORD = re.compile(r"[^\W\d_]+")
_STRAY = re.compile("[\ufffd\u0300-\u036f]")
#: A plan's first 64 KiB have words enough to tell the code pages apart.
_ENCODING_SAMPLE = 65536


def _byte_table(*runs: tuple[int, str]) -> dict[int, str]:
    """A decoding table for the high half: runs of letters from a start byte, the rest U+FFFD."""
    table = dict.fromkeys(range(0x80, 0x100), "\ufffd")
    for start, letters in runs:
        table.update({start + offset: letter for offset, letter in enumerate(letters)})
    return table


# TCVN 5712:1993 VN3, the "ABC" fonts (.VnTime): capitals with a tone use these same
# bytes in the capital fonts (.VnTimeH), so the lower-case letters are enough here.
_TCVN3 = _byte_table(
    (0xA1, "ĂÂÊÔƠƯĐăâêôơưđ"), (0xB5, "àảãáạ"), (0xBB, "ằẳẵắ"), (0xC6, "ặầẩẫấậè"),
    (0xCE, "ẻẽéẹềểễếệìỉ"), (0xDC, "ĩíịò"), (0xE1, "ỏõóọồổỗốộờởỡớợù"), (0xF1, "ủũúụừửữứựỳỷỹýỵ"),
)  # fmt: skip
# VISCII (RFC 1456), lower case.
_VISCII = _byte_table(
    (0xA1, "ắằặấầẩậẽẹếềểễệốồổỗ"), (0xB5, "ộờởị"), (0xBD, "ơớ"), (0xCF, "ỳ"), (0xD1, "ứ"),
    (0xD5, "ạỷừử"), (0xDB, "ỹỵ"), (0xDE, "ỡư"), (0xE0, "àáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợ"),
)  # fmt: skip
# VNI Windows writes a letter's marks as Windows-1252 letters after it ("Coâng ñoaøn").
_VNI = str.maketrans({
    "ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
    "â": "\u0302", "à": "\u0302\u0300", "á": "\u0302\u0301", "å": "\u0302\u0309",
    "ã": "\u0302\u0303", "ä": "\u0302\u0323", "ê": "\u0306", "è": "\u0306\u0300",
    "é": "\u0306\u0301", "ú": "\u0306\u0309", "ü": "\u0306\u0303", "ë": "\u0306\u0323",
    "ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
    "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
})  # fmt: skip
# Most used first: ties are named in this order.
_LEGACY_READERS: dict[str, Callable[[bytes], str]] = {
    "TCVN3 (ABC)": lambda data: data.decode("latin-1").translate(_TCVN3),
    "VNI Windows": lambda data: data.decode("cp1252", "replace").translate(_VNI),
    "Windows-1258": lambda data: data.decode("cp1258", "replace"),
    "VISCII": lambda data: data.decode("latin-1").translate(_VISCII),
}


def _legacy_encoding(data: bytes) -> str:
    """The legacy Vietnamese code page `data` reads best in ("A / B" when two tie)."""
    sample = data[:_ENCODING_SAMPLE]
    scores = {name: _syllables(read(sample)) for name, read in _LEGACY_READERS.items()}
    best = max(scores.values())
    if best <= 0:
        return "TCVN3 (ABC) / Windows-1258"  # the two most used, when nothing tells
    return " / ".join([name for name, score in scores.items() if score == best][:2])


def _syllables(text: str) -> int:
    """Words that read as Vietnamese syllables, less those that do not and less the
    bytes the code page has no letter for (U+FFFD) or marks left on no letter."""
    text = unicodedata.normalize("NFC", text)
    score = -len(_STRAY.findall(text))
    for word in _WORD.findall(text):
        if not word.isascii():
            score += 1 if _is_syllable(word) else -1
    return score


def _is_syllable(word: str) -> bool:
    """Vietnamese letters only, one tone mark at most, and one vowel group of at most
    three vowels, no two of them the same letter ("Bôò" is Windows-1258's "Bộ" misread)."""
    if not all(c.isascii() or c in _VIETNAMESE for c in word):
        return False
    if sum(c in _TONED for c in word) > 1:
        return False
    vowels = [_VOWEL_OF[c] for c in word if c in _VOWEL_OF]
    return len(vowels) <= 3 and all(a != b for a, b in pairwise(vowels))


def load(data: bytes) -> Document:
    """Parse one YAML file's bytes into a `Document` with its values; never raises."""
    return parse(data).build()


def parse(data: bytes) -> Document:
    """Parse one YAML file's bytes into a `Document` with its node tree; never raises."""
    text, problem, bom = decode(data)
    if text is None:
        return Document(None, None, [problem] if problem else [], bom=bom)
    crlf = "\r\n" in text
    stray = _CONTROL.search(text)
    if stray is not None:
        line, column = _place(text, stray.start())
        problems = [Problem("yaml-syntax", "control", line, column)]
        return Document(None, None, problems, bom=bom, crlf=crlf)
    # A large file is composed counting its nodes: a 30 MB `[1,1,1,…]` would otherwise
    # be 15 million nodes, and the process was killed for want of memory. Small files
    # (every real plan) skip the count, which costs a Python call per node.
    loader = _CountingLoader if len(text) > COUNT_NODES_FROM_CHARS else _TaggingLoader
    try:
        root = yaml.compose(text, Loader=loader)
    except _TooManyNodesError:
        problems = [Problem("too-complex", "nodes", fields={"limit": MAX_NODES})]
        return Document(None, None, problems, bom=bom, crlf=crlf)
    except yaml.MarkedYAMLError as error:
        return _recovered(text, error, loader, bom=bom, crlf=crlf)
    except yaml.YAMLError as error:  # the reader's "unacceptable character" has no mark
        problems = [_reader_problem(error, text)]
        return Document(None, None, problems, bom=bom, crlf=crlf)
    except RecursionError:  # only the pure-Python composer recurses; libyaml stops at 1000
        problems = [Problem("too-complex", "depth")]
        return Document(None, None, problems, bom=bom, crlf=crlf)
    return Document(None, root, [], bom=bom, crlf=crlf, cuts=_cuts(text, root))


def _recovered(
    text: str, error: yaml.MarkedYAMLError, loader: type[SafeLoader], *, bom: bool, crlf: bool
) -> Document:
    """A file that did not parse: each slip a problem, and the tree of what does parse."""

    def compose(attempt: str) -> Node | None:
        return yaml.compose(attempt, Loader=loader)

    def fallback(error: yaml.MarkedYAMLError, text: str) -> Slip:
        problem = _syntax_problem(error, text)
        line, column = problem.line or 0, problem.column or 0
        return Slip(problem.rule, problem.kind, line, column, problem.fields, problem.hint)

    try:
        found = recover_syntax(text, error, compose, fallback)
    except (yaml.YAMLError, RecursionError, _TooManyNodesError):
        # What the first parse refused otherwise (depth, too many nodes) stops recovery.
        problems = [_syntax_problem(error, text)]
        return Document(None, None, problems, bom=bom, crlf=crlf)
    problems = [_problem(slip) for slip in found.slips]
    if found.root is None:
        return Document(None, None, problems, bom=bom, crlf=crlf)
    cuts = _cuts(found.text, found.root)
    return Document(None, found.root, problems, bom=bom, crlf=crlf, cuts=cuts, masked=found.masked)


def _problem(slip: Slip) -> Problem:
    return Problem(
        slip.rule, slip.kind, slip.line or None, slip.column or None, slip.fields, slip.hint
    )


def _maybe_cut(text: str) -> bool:
    """Whether `text` has a `#` right after a space or Tab and before a non-space: what a
    value cut short by a comment looks like (`re.search(r"[ \\t]#\\S", text)`). The walk
    over the nodes runs only for the files that have one. `str.find` goes from `#` to
    `#`, where the pattern tried every character: 1,000 plans 41 ms -> 2 ms."""
    at = text.find("#", 1)
    while at != -1:
        if text[at - 1] in " \t" and at + 1 < len(text) and not text[at + 1].isspace():
            return True
        at = text.find("#", at + 1)
    return False


def _cuts(text: str, root: Node | None) -> tuple[Problem, ...]:
    """`title: Hội nghị #1 quán triệt` reads as `Hội nghị`: each such cut, as a problem."""
    if root is None or not _maybe_cut(text):
        return ()
    return tuple(
        Problem(
            "cut-by-comment",
            "cut",
            line,
            column,
            {"cut": cut},
            Hint("hint.mistake.comment_cut", {"cut": cut}),
        )
        for line, column, cut in comment_cuts(text, root)
    )


def _build(root: Node) -> tuple[object, list[Problem], _Keys]:
    builder = _Builder()
    try:
        value = builder.build(root)
    except _TooLargeError:
        builder.problems.append(Problem("too-complex", "aliases", fields={"count": builder.size}))
        value = None
    except RecursionError:
        builder.problems.append(Problem("too-complex", "depth"))
        value = None
    return value, builder.problems, builder.keys


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or error.context or "").strip()
    if error.context_mark is not None and (
        "could not find expected ':'" in problem or "quoted scalar" in (error.context or "")
    ):
        # The key that lacks its colon, not the line after; the quote never closed, not
        # the end of the file.
        mark = error.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    last, end = _place(text, len(text))
    if line is not None and line > last:
        # libyaml ends a file without a final newline on a virtual next line; point at
        # the end of the real last line instead, where an editor can go.
        line, column = last, end
    if "maximum nesting depth" in problem:
        return Problem("too-complex", "depth", line, column)
    # What people paste from Word (an invisible space, “ ” quotes, a – bullet, a Tab) is
    # named, at the place to fix it: PyYAML often blames the line after.
    hint = syntax_hint(text, line, column, problem) if line is not None and column else None
    if hint is not None:
        line, column = int(str(hint.fields["line"])), int(str(hint.fields["column"]))
    if "tab" in problem or (mark is not None and _char_at(text, mark.line, mark.column) == "\t"):
        return Problem("yaml-syntax", "tab", line, column, hint=hint)
    # libyaml splits some messages: "found duplicate anchor; first occurrence" is the
    # context and "second occurrence" the problem. Keep both for the translation.
    context = (error.context or "").strip() if error.problem else ""
    fields: dict[str, object] = {"problem": problem, "context": context}
    return Problem("yaml-syntax", "syntax", line, column, fields, hint)


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


# --- resolving tags --------------------------------------------------------------------
#
# libyaml parses in C but asks PyYAML's resolver, in Python, for the tag of every node:
# about 40% of composing a plan. The loader below answers the same tags for less: a
# plain scalar whose first character starts no implicit type (`title`, `Công đoàn…`) is
# text at once, and the others (numbers, dates, `yes`/`no`) are looked up in a small
# memo before the resolver's regular expressions run. Measured on 1,000 generated plans
# (benchmarks/): composing 1.40 s → 1.07 s; `check` as a whole about 10% faster.

#: The resolver's table, first character → (tag, pattern)s, as SafeLoader has it.
_IMPLICIT = {first: tuple(pairs) for first, pairs in SafeLoader.yaml_implicit_resolvers.items()}
_TAG_MEMO: dict[str, str] = {}
#: Enough for the keys, dates and numbers a workspace repeats; cleared when full. 4,096
#: was too few for 1,000 generated plans (their member counts alone are 1,000 numbers):
#: the memo kept filling up and starting over, and 52,000 values went to the patterns.
_TAG_MEMO_SIZE = 16384
#: Of the values that start with a letter only `yes`, `FALSE`, `null`… have another tag
#: than text (asserted below), none longer than this (5, and a pattern's `$` also
#: matches before a final line break). A longer one, a title such as "Tổ chức hội
#: nghị…", is text at once: such titles had filled the memo, and 49,600 values of 1,000
#: plans went to the patterns after it was cleared; now none (`check` 1.5 % faster).
_LONGEST_WORD = 6


class _TaggingLoader(SafeLoader):
    """SafeLoader, answering the resolver's question faster (same answers: see above)."""

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        """The tag of a node, as `yaml.resolver.BaseResolver.resolve` gives it for SafeLoader."""
        if kind is not ScalarNode:
            return SEQ if kind is SequenceNode else MAP
        if not implicit[0]:  # quoted, or a block scalar: always text
            return STR
        assert value is not None
        pairs = _IMPLICIT.get(value[:1])
        if pairs is None or (len(value) > _LONGEST_WORD and value[0].isalpha()):
            return STR
        tag = _TAG_MEMO.get(value)
        if tag is None:
            tag = next((tag for tag, pattern in pairs if pattern.match(value)), STR)
            if len(_TAG_MEMO) >= _TAG_MEMO_SIZE:
                _TAG_MEMO.clear()
            _TAG_MEMO[value] = tag
        return tag

    # libyaml also calls these two for every node it composes (940,000 calls for 1,000
    # plans). They serve path resolvers only, which SafeLoader has none of (asserted
    # below), so PyYAML's versions return at once; but each is still a Python call.
    # C built-ins that accept the same arguments and do nothing that matters stand in
    # for them: `check` on 1,000 generated plans 2.13 s → 2.05 s (benchmarks/).
    descend_resolver = staticmethod(operator.is_)  # type: ignore[assignment]  # an unused bool
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]  # an unused ()


#: Files longer than this are composed by `_CountingLoader`: 4 MiB is some 25,000
#: activities, far beyond any union's plan.
COUNT_NODES_FROM_CHARS = 4 * 1024 * 1024
#: The most nodes one file may have: a 100,000-activity plan has about 1.5 million.
#: Composing 3 million nodes takes some 800 MiB; more is refused as `too-complex`.
MAX_NODES = 3_000_000


class _TooManyNodesError(Exception):
    pass


class _CountingLoader(_TaggingLoader):
    """`_TaggingLoader`, counting the nodes it is asked to tag (one call per node)."""

    nodes = 0

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        """The tag, as `_TaggingLoader` gives it, once the node is counted."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooManyNodesError
        return super().resolve(kind, value, implicit)


# SafeLoader has neither wildcard nor path resolvers, which `resolve` above leaves out,
# and only its booleans and nulls start with a letter (`_LONGEST_WORD`).
assert None not in _IMPLICIT and not SafeLoader.yaml_path_resolvers
assert all(
    {tag for tag, _ in pairs} <= {BOOL, NULL}
    for first, pairs in _IMPLICIT.items()
    if first.isalpha()
)


class _TooLargeError(Exception):
    pass


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, collecting problems on the way."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.size = 0  # values produced, counting every alias expansion
        self.limit = 0
        self._uncounted: Node | None = None  # the tree, until its nodes are counted
        self._memo: dict[int, object] = {}
        self._constructor = SafeConstructor()
        #: Each mapping node's keys, as `_Index` indexes them (mappings without merges).
        self.keys: _Keys = {}

    def build_part(self, node: Node) -> object:
        """The value of `node`, one part of a tree without aliases (`Document.build_part`):
        no alias can make it large, so its values are not counted."""
        self.limit = sys.maxsize
        return self._value(node)

    def build(self, root: Node) -> object:
        # The limit is only reachable once more than ALIAS_SLACK values were produced,
        # so the nodes are counted then (`_over_limit`), not before: a plan never gets
        # there, and counting cost 7% of `check` (0.19 s per 1,000 plans, measured).
        self._uncounted = root
        self.limit = ALIAS_SLACK
        return self._value(root)

    def _over_limit(self) -> bool:
        if self._uncounted is not None:
            self.limit = MAX_ALIAS_EXPANSION * _count_nodes(self._uncounted) + ALIAS_SLACK
            self._uncounted = None
        return self.size > self.limit

    def _value(self, node: Node) -> object:
        self.size += 1
        if self.size > self.limit and self._over_limit():
            raise _TooLargeError
        memo = self._memo.get(id(node))
        if memo is not None:
            # An alias: the same node again. Reuse its value, but count its size, so a
            # bomb is stopped here, not later in validation.
            self._count(memo)
            return memo
        if node.tag not in STANDARD_TAGS:
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
        if self.size > self.limit and self._over_limit():
            raise _TooLargeError

    def _scalar(self, node: ScalarNode) -> object:
        tag = node.tag
        if escaped_control(node):
            self.problems.append(Problem("yaml-syntax", "control", *_mark(node)))
        text = key_text(node)
        if tag == STR:
            return text
        if tag == NULL:
            return None
        try:
            if tag == INT:
                if PLAIN_INT.fullmatch(text):  # the usual case, without PyYAML's parsing
                    return int(text) if len(text.lstrip("+-")) <= MAX_DIGITS else HugeNumber(text)
                number = self._constructor.construct_yaml_int(node)
                if abs(number) >= 10**MAX_DIGITS:  # `0x` and 5,000 hex digits
                    return HugeNumber(text, number)
                return Yaml11Number(number, text)
            if tag == BOOL:
                return self._constructor.construct_yaml_bool(node)
            if tag == FLOAT:
                return self._constructor.construct_yaml_float(node)
            if tag == TIMESTAMP:
                if len(text) == 10:  # a plain date, the usual case: 5x cheaper than PyYAML's
                    return datetime.date.fromisoformat(text)
                return self._constructor.construct_yaml_timestamp(node)
        except Exception:  # PyYAML's constructors fail in many ways on odd input
            # `2022-02-31` looks like a timestamp but is no date, and an explicit tag may
            # sit on text it does not fit (`!!int ''`, `!!bool abc`, `!!timestamp 1`):
            # keep the text, so the rules can name the problem in the user's own words.
            pass
        return text

    def _mapping(self, node: MappingNode) -> dict[str, object]:
        result: dict[str, object] = {}
        seen: dict[str, tuple[Node | None, Node]] = {}
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == MERGE:
                merges.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode):
                self.problems.append(Problem("invalid-type", "complex_key", *_mark(key_node)))
                continue
            key = key_text(key_node)
            if escaped_control(key_node):
                self.problems.append(Problem("yaml-syntax", "control", *_mark(key_node)))
            first = seen.get(key)
            if first is not None and first[0] is not None:
                self.problems.append(
                    Problem(
                        "duplicate-key",
                        "duplicate_key",
                        *_mark(key_node),
                        {"key": key, "first_line": first[0].start_mark.line + 1},
                    )
                )
            seen[key] = (key_node, value_node)
            result[key] = self._value(value_node)
        if merges:
            for merge in merges:
                self._merge(result, merge)
        else:  # as `_Index._keys` makes them: the last duplicate wins
            self.keys[id(node)] = seen
        return result

    def _merge(self, result: dict[str, object], source: Node) -> None:
        sources = source.value if isinstance(source, SequenceNode) else [source]
        for item in sources:
            merged = self._value(item)
            if not isinstance(merged, dict):
                self.problems.append(Problem("invalid-type", "merge", *_mark(item)))
                continue
            # Merged keys are values too: nested merges of merges multiply them, so
            # they count against the same budget as aliases.
            self.size += len(merged)
            if self.size > self.limit and self._over_limit():
                raise _TooLargeError
            for key, value in merged.items():
                result.setdefault(key, value)


def _count_nodes(root: Node) -> int:
    return sum(1 for _ in each_node(root))


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(YAML_TAGS) :] if tag.startswith(YAML_TAGS) else tag
