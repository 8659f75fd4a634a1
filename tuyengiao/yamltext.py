"""Text written into YAML files by hand-made templates: scalars that read back as written.

Moved out of `tuyengiao.scaffold` (which imports the JSON Schema, and with it pydantic:
0.1 s) so that `tuyengiao.plan_yaml` writes a plan without that import.
"""

from __future__ import annotations

__all__ = ["comment", "yaml_scalar"]


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar that reads back as the same string.

    Plain where YAML would read the plain text back unchanged, as text; otherwise
    double-quoted, with every character YAML may not hold literally escaped.
    """
    if _plain_is_safe(text):
        return text
    return '"' + "".join(_escaped(char) for char in text) + '"'


def _plain_is_safe(text: str) -> bool:
    import yaml

    if not text or text != text.strip() or not all(_printable(c) for c in text):
        return False
    try:
        return bool(yaml.safe_load(f"key: {text}\n") == {"key": text})
    except yaml.YAMLError:
        return False


def _printable(char: str) -> bool:
    """What YAML 1.1 allows literally inside a one-line double-quoted scalar."""
    code = ord(char)
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    ) and char not in "\u2028\u2029"


def _escaped(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    if _printable(char):
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def comment(text: str) -> str:
    """`text` on one line, safe after a `#`."""
    return " ".join("".join(c if _printable(c) else " " for c in text).split())
