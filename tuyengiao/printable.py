"""Text from files (names, plan text) made safe to show on a terminal, in CI logs and reports.

A file name may hold any byte but `/` and NUL: `\\e[2J` clears a screen, an OSC
sequence retitles the terminal, a newline followed by `::error file=x::` starts a line
GitHub Actions runs as a workflow command. Plan text itself is refused when it holds
control characters (`yaml-syntax`), but may span lines (a block scalar). Every human
format shows such text through `visible` (one line, control characters as escapes) or
`escape_controls` (line breaks kept for the caller to place); JSON, SARIF and the other
machine formats keep the text as it is, escaped by their own syntax.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the characters that reorder or break lines without being
# controls: bidirectional overrides and isolates (a name that reads backwards), and
# U+2028/U+2029, which some terminals and editors treat as newlines.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_LINE_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: What a line break inside one shown line becomes.
LINE_BREAK = " ↵ "


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_controls(text: str, *, keep: str = "") -> str:
    """`text` with every control character (but those in `keep`) written as an escape."""
    if text.isprintable():  # the common case: one C-level scan, nothing to do
        return text
    return _CONTROLS.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)


def visible(text: str) -> str:
    """A file name or a line of text, shown safely: control characters as `\\x1b`, `\\n`…"""
    return escape_controls(text)


def one_line(text: str) -> str:
    """Plan text on one line: its line breaks as `↵`, other controls but tab escaped."""
    if text.isprintable():
        return text
    return escape_controls(_LINE_BREAKS.sub(LINE_BREAK, text), keep="\t")


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
