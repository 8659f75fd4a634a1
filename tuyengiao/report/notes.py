"""The central department's words for one report: `reports/<period>.yaml`.

The file sits in `reports/` beside `tuyengiao.yaml` (or in the current folder when
there is no config) and holds optional text for the report's sections (DESIGN
"Reports"). It is read as the guidance catalogue is: the fast reader first, the
validating path only when that gives up, so a wrong key or type comes out as
`file:line:column: message` lines under one exit-2 error, never as a traceback.
"""

from __future__ import annotations

from pathlib import Path

from tuyengiao.errors import TuyengiaoError
from tuyengiao.files import ReadError, display, read_bytes
from tuyengiao.i18n import Messages
from tuyengiao.loader import parse
from tuyengiao.models import CentralNotes
from tuyengiao.reader import read
from tuyengiao.validate import problem_diagnostic, validate

#: The folder, beside the config, that holds one file per period.
FOLDER = "reports"


def notes_path(folder: Path, period_id: str) -> Path:
    """Where the notes for `period_id` live under the workspace folder `folder`."""
    return folder / FOLDER / f"{period_id}.yaml"


def load_central_notes(folder: Path, period_id: str, msg: Messages) -> CentralNotes | None:
    """The notes for `period_id` in `folder/reports/`, or None when there is no such file.

    An unreadable or invalid file raises TuyengiaoError (exit 2) naming each problem.
    """
    path = notes_path(folder, period_id)
    if not path.is_file():
        return None
    name = display(path)
    try:
        data = read_bytes(path)
    except ReadError as error:
        raise TuyengiaoError(msg("report.notes.unreadable", path=name)) from error
    doc = parse(data)
    notes = read(CentralNotes, doc)
    if notes is not None:
        return notes
    doc.build()
    found = [problem_diagnostic(msg, name, problem) for problem in doc.problems]
    notes, errors = validate(CentralNotes, doc, name, msg) if not found else (None, [])
    found += errors
    if notes is None or found:
        lines = [f"{d.file}:{d.line}:{d.column}: {d.message}" for d in found]
        raise TuyengiaoError("\n".join([msg("report.notes.invalid", path=name), *lines]))
    return notes
