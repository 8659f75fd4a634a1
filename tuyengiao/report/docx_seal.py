"""What a Word template must be before docxtpl reads it.

A `report.docx` is a file anyone who can push to the workspace may change, like the
`.j2` templates, and it is read by three libraries that trust it: python-docx reads
every part of the zip whole, lxml parses each XML part, and docxtpl cleans the body up
with regular expressions before Jinja sees it. Measured on the unsealed path: a 727 KB
template whose body expanded to 200 MB took 76 s and 5.9 GB; a 2.3 MB zip bomb 8.4 GB;
a 3 GiB image part ended in an internal error; 80,000 `{` after the last tag of a
15.6 KB template kept docxtpl's expressions busy for 78 s (each opening brace scanned
to the end of the text for a closing one). So, before any of them runs:

- the zip (`check_package`): at most MAX_PARTS parts, each expanding to at most
  MAX_PART_BYTES (an XML part MAX_XML_BYTES), all of them to MAX_TOTAL_BYTES, none
  compressed more than MAX_RATIO times once past RATIO_FROM bytes (sizes the zip
  declares, which `zipfile` holds a part to), and no XML part with a DOCTYPE or an
  entity (a Word file has none; lxml then never sees one to expand or fetch);
- the template tags (`check_tags`): each `{{`, `{%`, `{#` closed before the next one
  opens, none left open, no `-%}` that closes nothing. That is what Jinja accepts
  anyway (a comment may hold tags), and it keeps every one of docxtpl's expressions
  linear: each scan from an opening tag stops at its own closing one.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from dataclasses import dataclass
from io import BytesIO

#: The largest `report.docx` read (the built-in one is 14 KiB; a letterhead with a
#: logo a few hundred KiB).
MAX_DOCX_BYTES = 16 * 1024 * 1024
#: Parts of the zip (the built-in template has 17; Word's own files a few dozen).
MAX_PARTS = 1000
#: Expanded size of one part (an image), of one XML part, and of all of them. The
#: built-in body is 23 KB; a body of 32 MiB of tags (4.3 MB zipped) took the whole
#: render budget (31.7 s, 1.9 GB) to be stopped, one of 4 MiB takes a few seconds.
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_XML_BYTES = 4 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
#: Compression ratio allowed to a part past RATIO_FROM bytes (Word's XML: 10 to 20).
MAX_RATIO = 100
RATIO_FROM = 1024 * 1024
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


class PackageRefusedError(Exception):
    """A template zip past a limit: `kind` names the message, `fields` fill it."""

    def __init__(self, kind: str, **fields: object) -> None:
        super().__init__(kind, fields)
        self.kind = kind
        self.fields = fields


def mib(size: int) -> str:
    """A size as people read it: `32 MiB`, `0.4 MiB`."""
    return f"{size / 1048576:.1f}".removesuffix(".0") + " MiB"


def check_package(data: bytes) -> None:
    """Refuse a template zip past a limit, from its directory, before a part is expanded.

    A file that is not a zip at all passes: python-docx says that better.
    """
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_PARTS:
            raise PackageRefusedError("parts", count=len(entries), limit=MAX_PARTS)
        total = 0
        for entry in entries:
            size = entry.file_size
            xml = entry.filename.endswith((".xml", ".rels"))
            limit = MAX_XML_BYTES if xml else MAX_PART_BYTES
            if size > limit:
                raise PackageRefusedError(
                    "part", part=entry.filename, size=mib(size), limit=mib(limit)
                )
            total += size
            if total > MAX_TOTAL_BYTES:
                raise PackageRefusedError("total", size=mib(total), limit=mib(MAX_TOTAL_BYTES))
            ratio = size / max(entry.compress_size, 1)
            if size > RATIO_FROM and ratio > MAX_RATIO:
                raise PackageRefusedError(
                    "ratio", part=entry.filename, ratio=int(ratio), limit=MAX_RATIO
                )
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")) and _declares_dtd(archive, entry):
                raise PackageRefusedError("doctype", part=entry.filename)


def _declares_dtd(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    try:
        return _DTD.search(archive.read(entry)) is not None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False  # python-docx reports a broken part as it reads it


# docxtpl's first clean-up (`patch_xml`): `{<w:r>…</w:r>{` becomes `{{`. Linear: each
# run of tags is tried from the one brace before it.
_JOINED = re.compile(r"(?<={)(<[^>]*>)+(?=[\{%\#])|(?<=[%\}\#])(<[^>]*>)+(?=\})", re.S)
_TAGS = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
_CLOSES = {"{{": "}}", "{%": "%}", "{#": "#}"}
_MARKUP = re.compile(r"<[^>]*>")


class TagError(Exception):
    """A template tag that does not open and close in turn: `kind`, the tag, its text."""

    def __init__(self, kind: str, tag: str, near: str) -> None:
        super().__init__(kind, tag, near)
        self.kind = kind
        self.tag = tag
        self.near = near


def check_tags(xml: str) -> None:
    """Refuse a part whose template tags do not open and close in turn (see the module)."""
    text = _JOINED.sub("", xml)
    opened: tuple[str, int] | None = None
    inner: str | None = None  # a tag inside a comment, which Jinja ignores
    for match in _TAGS.finditer(text):
        tag, where = match.group(), match.start()
        if tag in _CLOSES:
            if opened is None:
                opened = (tag, where)
            elif opened[0] == "{#" and inner is None:
                inner = tag
            else:
                raise TagError("nested", tag, _near(text, where))
        elif opened is None:
            if tag == "%}" and text[where - 1 : where] == "-":
                raise TagError("stray", "-%}", _near(text, where))
        elif inner is not None and tag == _CLOSES[inner]:
            inner = None
        elif tag == _CLOSES[opened[0]]:
            opened, inner = None, None
    if opened is not None:
        raise TagError("unclosed", opened[0], _near(text, opened[1]))


def _near(text: str, where: int) -> str:
    """The document's words around `where`, without its XML, on one short line."""
    from tuyengiao.printable import one_line, shorten

    before = _MARKUP.sub("", text[max(0, where - 400) : where])[-30:]
    after = _MARKUP.sub("", text[where : where + 400])[:30]
    return shorten(one_line(before + after), 60)


#: The longest text one Word paragraph is given. lxml refuses a text node past 10 MB
#: of UTF-8 (`huge_tree` stays off), which a 10-million-character `highlights` passed,
#: and the error named the template; a Vietnamese character takes up to 3 bytes.
WORD_TEXT_CHARS = 1_000_000
#: The plan's field behind a part of the report model, where its name differs.
_FIELDS = {"strengths": "highlights", "weaknesses": "issues"}


@dataclass(frozen=True, slots=True)
class LongText:
    """A text of the report too long for Word: the plan field, the union, the text."""

    field: str
    union: str
    text: str


def long_text(root: object, limit: int = WORD_TEXT_CHARS) -> LongText | None:
    """The first text of the report model longer than `limit`, with where it comes from.

    A quick walk first, which only looks (0.05 s on 1,000 plans); the path to the text
    is traced only when there is one to name.
    """
    stack: list[object] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if len(node) > limit:
                return _traced(root, limit)
        elif isinstance(node, (tuple, list)):
            stack.extend(node)
        else:
            names = _field_names(type(node))
            if names:
                stack.extend(getattr(node, name) for name in names)
    return None


_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    """The fields of a dataclass (none for anything else), looked up once per class."""
    names = _NAMES.get(kind)
    if names is None:
        fields = dataclasses.fields(kind) if dataclasses.is_dataclass(kind) else ()
        names = _NAMES[kind] = tuple(field.name for field in fields)
    return names


def _traced(root: object, limit: int) -> LongText | None:
    """`long_text`, keeping the path and the union of each text on the way."""
    stack: list[tuple[object, tuple[str, ...], str]] = [(root, (), "")]
    while stack:
        node, path, union = stack.pop()
        if isinstance(node, str):
            if len(node) > limit:
                named = [_FIELDS.get(part, part) for part in path if part in _FIELDS]
                return LongText((named or [path[-1] if path else "?"])[0], union, node)
            continue
        if isinstance(node, (tuple, list)):
            stack.extend((item, path, union) for item in reversed(node))
            continue
        owner = getattr(node, "union", None)
        if isinstance(owner, str):
            union = owner
        names = _field_names(type(node))
        stack.extend((getattr(node, name), (*path, name), union) for name in reversed(names))
    return None
