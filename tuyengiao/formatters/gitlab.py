"""`--format gitlab`: a GitLab Code Quality report (`artifacts:reports:codequality`).

Each finding is one issue with a fingerprint that stays the same from run to run
(whatever the day or the language of the messages), so GitLab can tell new findings
from old ones in a merge request.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tuyengiao.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from tuyengiao.formatters import Options
    from tuyengiao.workspace import Result

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprints(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """A stable SHA-256 per finding: its file, its rule and the text of its line.

    Not its line number (a line added above would change it) nor its message (which
    names today's date and the language); the occurrence count separates findings of
    one rule on identical lines.
    """
    lines = _Lines()
    seen: Counter[tuple[str, str, str]] = Counter()
    found = []
    for d in diagnostics:
        # A workbook's cell stands for the text of its line (the file is a zip).
        key = (d.file, d.rule, d.cell if d.cell is not None else lines.text(d.file, d.line))
        seen[key] += 1
        facts = "\0".join([*key, str(seen[key])])
        found.append(hashlib.sha256(facts.encode("utf-8")).hexdigest())
    return found


class _Lines:
    """The text of a line of a file, each file read once; '' where it cannot be read."""

    def __init__(self) -> None:
        self._files: dict[str, list[str]] = {}

    def text(self, file: str, line: int | None) -> str:
        if line is None:
            return ""
        if file not in self._files:
            try:
                data = Path(file).read_bytes().removeprefix(b"\xef\xbb\xbf")
                self._files[file] = data.decode("utf-8", errors="replace").splitlines()
            except OSError:
                self._files[file] = []
        lines = self._files[file]
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def relative_path(file: str) -> str:
    """The path as the report wants it: `/`-separated, without a leading `./`."""
    while file.startswith("./"):
        file = file[2:]
    return file


def render(result: Result, stream: TextIO, options: Options) -> None:
    """A JSON array of Code Quality issues (an empty array when all is well)."""
    issues = [
        {
            "type": "issue",
            "description": (f"{d.cell}: " if d.cell else "")
            + (d.message if d.hint is None else f"{d.message} → {d.hint}"),
            "check_name": d.rule,
            "categories": ["Style"],
            "fingerprint": fingerprint,
            "severity": _SEVERITY[d.severity],
            # A finding about a whole file goes on its first line: GitLab needs a line.
            "location": {
                "path": relative_path(d.file),
                "lines": {"begin": (d.line if d.cell is None else None) or 1},
            },
        }
        for d, fingerprint in zip(result.diagnostics, fingerprints(result.diagnostics), strict=True)
    ]
    json.dump(issues, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
