"""How hand-edited plan files go wrong, as hypothesis strategies over the sample plans' bytes.

Each mutation is one slip a union officer's editor or a merge can make: a key line
deleted or doubled, a value retyped (text, number, list, mapping, true/false, empty),
a line re-indented or tab-indented, text re-encoded (NFD, upper case, Windows-1258,
UTF-16…), the file truncated, random bytes inserted. A drawn case applies a few of
them to one sample plan, so the file stays close enough to a plan to reach the
deeper rules.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

SAMPLES_FOLDER = Path(__file__).resolve().parents[2] / "plans" / "2022"
#: The sample plans, the seeds of every mutation.
SAMPLES: tuple[bytes, ...] = tuple(p.read_bytes() for p in sorted(SAMPLES_FOLDER.glob("*.yaml")))

#: Values a retyped field may get: every YAML type, the YAML 1.1 traps, broken syntax.
VALUES: tuple[bytes, ...] = (
    *(b"0", b"123", b"-5", b"1.5", b"1.0", b"1e400", b".nan", b".inf", b"0x1F", b"0o17"),
    *(b"0123", b"02437654321", b"1:30", b"99999999999999999999999", b"1_000"),
    *(b"yes", b"no", b"on", b"off", b"true", b"False", b"y", b"n"),
    *(b"~", b"null", b"", b"''", b'""', b"' '", b"-"),
    *(b"[1, 2]", b"[]", b"{a: 1}", b"{}", b"[[[]]]", b"{sessions: -1}", b"{x: {y: [1]}}"),
    *(b"2022-02-31", b"2022-05-20", b"2022-05-20T10:00:00", b"20/5/2022", b"31/2/2022"),
    *(b"ng\xc3\xa0y 20 th\xc3\xa1ng 5 n\xc4\x83m 2022", b"th\xc3\xa1ng 5", b"2022", b"20.05"),
    *(b"ho\xc3\xa0n th\xc3\xa0nh", b"HO\xc3\x80N TH\xc3\x80NH", b"hu\xe1\xbb\xb7", b"xong"),
    *(b"!!python/object/apply:os.system ['true']", b"!!binary aGk=", b"!custom x", b"!!int ''"),
    *(b"!!timestamp 1", b"!!bool abc", b"*undefined", b"&a x", b"&a [*a]", b"<<: *a"),
    *(b"'unterminated", b'"bad \\q escape"', b"[", b"{", b"}", b"]", b"- a", b"? x", b": x"),
    *(b"|\n  block\n", b">-\n  folded\n", b"a # comment", b"#", b"%", b"@", b"`", b"\t1"),
    *(b"\xc3", b"\xff\xfe", b"\x00", b"\x07", b"\xc2\x85", b"\xe2\x80\xa8", b"\xef\xbb\xbf"),
)  # fmt: skip

_KEY_LINE = re.compile(rb"^(\s*(?:- )?[^\s#:][^#:]*:)([ \t]*)(.*?)(\r?\n)?$", re.DOTALL)
_ENCODINGS = ("cp1258", "cp1252", "latin-1", "utf-16-le", "utf-16", "utf-32", "utf-8-sig")
_TEXT_FORMS: tuple[Callable[[str], str], ...] = (
    lambda t: unicodedata.normalize("NFD", t),
    lambda t: unicodedata.normalize("NFKC", t),
    str.upper,
    str.lower,
    str.casefold,
    str.swapcase,
    lambda t: t.replace(" ", "\u00a0"),
    lambda t: t.replace(" ", "\u200b "),
)

Lines = list[bytes]


def _line_index(draw: st.DrawFn, lines: Lines) -> int:
    return draw(st.integers(0, max(0, len(lines) - 1)))


def delete_line(draw: st.DrawFn, lines: Lines) -> Lines:
    """A key line deleted (a required field lost, or a mapping left empty)."""
    if lines:
        del lines[_line_index(draw, lines)]
    return lines


def duplicate_line(draw: st.DrawFn, lines: Lines) -> Lines:
    """A line doubled (a duplicate key), or copied somewhere else."""
    if lines:
        line = lines[_line_index(draw, lines)]
        lines.insert(draw(st.integers(0, len(lines))), line)
    return lines


def retype_value(draw: st.DrawFn, lines: Lines) -> Lines:
    """A `key: value` line's value replaced by another type, a trap or broken syntax."""
    keyed = [i for i, line in enumerate(lines) if _KEY_LINE.match(line)]
    if keyed:
        index = draw(st.sampled_from(keyed))
        match = _KEY_LINE.match(lines[index])
        assert match is not None
        value = draw(st.sampled_from(VALUES))
        lines[index] = match[1] + b" " + value + (match[4] or b"")
    return lines


def reindent_line(draw: st.DrawFn, lines: Lines) -> Lines:
    """A line indented more, less, or with a tab."""
    if lines:
        index = _line_index(draw, lines)
        indents = st.sampled_from([b"\t", b" \t", b"  \t"]) | st.integers(0, 12).map(b" ".__mul__)
        lines[index] = draw(indents) + lines[index].lstrip(b" ")
    return lines


def retext_line(draw: st.DrawFn, lines: Lines) -> Lines:
    """A line's text in another Unicode form or case (NFD, upper case, odd spaces)."""
    if lines:
        index = _line_index(draw, lines)
        form = draw(st.sampled_from(_TEXT_FORMS))
        text = lines[index].decode("utf-8", "surrogateescape")
        lines[index] = form(text).encode("utf-8", "surrogateescape")
    return lines


def reencode(draw: st.DrawFn, lines: Lines) -> Lines:
    """One line, or the whole file, saved in another encoding."""
    encoding = draw(st.sampled_from(_ENCODINGS))
    if not lines:
        return lines
    if draw(st.booleans()):
        text = b"".join(lines).decode("utf-8", "replace")
        return [text.encode(encoding, "replace")]
    index = _line_index(draw, lines)
    text = lines[index].decode("utf-8", "replace")
    tones = unicodedata.normalize("NFD", text) if encoding == "cp1258" else text
    lines[index] = tones.encode(encoding, "replace")
    return lines


def truncate(draw: st.DrawFn, lines: Lines) -> Lines:
    """The file cut short (a failed save, a partial download), maybe mid-character."""
    data = b"".join(lines)
    return [data[: draw(st.integers(0, len(data)))]]


def insert_bytes(draw: st.DrawFn, lines: Lines) -> Lines:
    """Random bytes inserted anywhere."""
    data = b"".join(lines)
    at = draw(st.integers(0, len(data)))
    return [data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]]


def swap_lines(draw: st.DrawFn, lines: Lines) -> Lines:
    """Two lines exchanged (a bad merge)."""
    if len(lines) > 1:
        a, b = _line_index(draw, lines), _line_index(draw, lines)
        lines[a], lines[b] = lines[b], lines[a]
    return lines


def line_ends(draw: st.DrawFn, lines: Lines) -> Lines:
    """Line ends changed for the whole file (CRLF, CR only), or a BOM added."""
    data = b"".join(lines)
    kind = draw(st.sampled_from(["crlf", "cr", "bom", "no-final-newline"]))
    if kind == "crlf":
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    elif kind == "cr":
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    elif kind == "bom":
        data = codecs.BOM_UTF8 + data
    else:
        data = data.rstrip(b"\r\n")
    return [data]


MUTATIONS: tuple[Callable[[st.DrawFn, Lines], Lines], ...] = (
    delete_line,
    duplicate_line,
    retype_value,
    retype_value,  # twice the weight: values are what people edit most
    reindent_line,
    retext_line,
    reencode,
    truncate,
    insert_bytes,
    swap_lines,
    line_ends,
)


@st.composite
def mutated_plans(draw: st.DrawFn, max_mutations: int = 4) -> bytes:
    """A sample plan with one to `max_mutations` slips applied, as the bytes of a file."""
    lines = draw(st.sampled_from(SAMPLES)).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, max_mutations))):
        lines = draw(st.sampled_from(MUTATIONS))(draw, lines)
    return b"".join(lines)
