"""Spreadsheet cells that stay text: the one neutraliser for CSV and xlsx output.

A spreadsheet takes a cell that starts with `=`, `+`, `-` or `@` as a formula (and
some also after a leading Tab or CR), so a union named `=HYPERLINK("http://…")`
would run when the CSV is opened. OWASP's rule ("CSV Injection"): put a `'` in
front of such a cell; spreadsheets then show the text as written. Every writer of
cells from data (`status --format csv`, the xlsx output) goes through here.
"""

from __future__ import annotations

#: The first characters that make a spreadsheet read a cell as a formula (OWASP),
#: with their full-width forms, which some spreadsheets fold to the ASCII ones.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could take `text` as a formula, not as text."""
    return bool(text) and text[0] in FORMULA_STARTS


def spreadsheet_text(text: str) -> str:
    """`text` as a cell value that every spreadsheet shows as text (`'` in front if needed)."""
    return "'" + text if formula_like(text) else text
