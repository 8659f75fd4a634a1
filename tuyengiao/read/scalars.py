"""The scalar rules both readers follow: the tags YAML gives, and how a scalar's text is read.

`tuyengiao.read.document` builds plain values by them (the validating path) and
`tuyengiao.read.fast` reads valid files by them straight into the models: one
definition, so the two cannot read a value differently.
"""

from __future__ import annotations

import re
import unicodedata

from yaml.nodes import ScalarNode

#: An alias bomb ("billion laughs") is a small file that expands to huge data. Expanded
#: values may be at most this many times the nodes the file really contains.
MAX_ALIAS_EXPANSION = 10
ALIAS_SLACK = 10_000

YAML_TAGS = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (f"{YAML_TAGS}{t}" for t in ("str", "int", "float", "bool", "null"))
TIMESTAMP, MAP, SEQ, MERGE = (f"{YAML_TAGS}{t}" for t in ("timestamp", "map", "seq", "merge"))
STANDARD_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, MAP, SEQ, MERGE})

#: How people write whole numbers; YAML 1.1 also reads `0755` (octal), `1:30` (base
#: 60), `0x1F` and `1_000` as integers, which nobody filling in a plan means.
PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")

#: Whole numbers are read up to `MAX_DIGITS` digits (`tuyengiao.fields`); longer ones
#: are read as `HugeNumber`, which every field refuses.


class HugeNumber:
    """A whole number of more than `MAX_DIGITS` digits, kept as its text.

    Not an int, so every field refuses it, and no sum or formatting downstream ever
    meets it; shown shortened (`1234567890…`), with its count of digits.
    """

    __slots__ = ("digits", "text")

    def __init__(self, text: str, value: int | None = None) -> None:
        self.text = text
        #: How many decimal digits it has (`value`: what YAML 1.1 made of `0x…`).
        self.digits = (
            sum(char.isdigit() for char in text)
            if value is None
            else int(abs(value).bit_length() * 0.30103) + 1
        )

    def __str__(self) -> str:
        return self.text if len(self.text) <= 20 else self.text[:12] + "…"

    def __repr__(self) -> str:
        return f"HugeNumber({self})"


# Escapes in double-quoted text ("\e", "\0", "\x07") still make control characters:
# through the messages they would reach terminals and CI logs (an ESC sequence can
# clear the screen or hide text), so they are refused as raw ones are, and shown as
# U+FFFD. Tab and line feed are ordinary text.
ESCAPED_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def key_text(node: ScalarNode) -> str:
    """A scalar's text as read: NFC, and escaped control characters shown as U+FFFD."""
    value: str = node.value
    if node.style == '"':
        value = ESCAPED_CONTROL.sub("\ufffd", value)
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def escaped_control(node: ScalarNode) -> bool:
    """Whether a double-quoted scalar's escapes made a control character."""
    return node.style == '"' and ESCAPED_CONTROL.search(node.value) is not None
