"""The central department's words for one report: `reports/<period>.yaml`.

The file sits in `reports/` beside `tuyengiao.yaml` (or in the current folder when
there is no config) and holds optional text for the report's sections (DESIGN
"Reports"). `check` validates it like any other file (`tuyengiao.workspace`); `report`
refuses an invalid one with `file:line:column: message` lines under one exit-2 error,
never with a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

from tuyengiao.config import NOTES_FOLDER as FOLDER
from tuyengiao.errors import TuyengiaoError
from tuyengiao.files import ReadError, display, escapes, read_bytes
from tuyengiao.i18n import Messages
from tuyengiao.models import CentralNotes
from tuyengiao.read import read_file


def notes_path(folder: Path, period_id: str) -> Path:
    """Where the notes for `period_id` live under the workspace folder `folder`."""
    return folder / FOLDER / f"{period_id}.yaml"


def load_central_notes(
    folder: Path, period_id: str, msg: Messages, *, allow_outside: bool = False
) -> CentralNotes | None:
    """The notes for `period_id` in `folder/reports/`, or None when there is no such file.

    An unreadable or invalid file raises TuyengiaoError (exit 2) naming each problem:
    anything at that name that is not a regular file is named, never taken as absent,
    and a file or `reports/` folder that is a link out of `folder` is refused unread
    (unless `allow_outside`): its text would end up in the report.
    """
    path = notes_path(folder, period_id)
    if not allow_outside and (escapes(path.parent, folder) or escapes(path, folder)):
        raise TuyengiaoError(msg("report.notes.outside", path=display(path)))
    if not os.path.lexists(path):  # a FIFO, a folder or a broken link is not "no notes"
        return None
    name = display(path)
    try:
        data = read_bytes(path)
    except ReadError as error:
        raise TuyengiaoError(msg("report.notes.unreadable", path=name)) from error
    reading = read_file(CentralNotes, data, name, msg, empty=CentralNotes())
    errors = [d for d in reading.findings if d.severity == "error"]
    if reading.complete and reading.value is not None and not errors:
        return reading.value
    lines = [f"{d.file}:{d.line}:{d.column}: {d.message}" for d in errors]
    raise TuyengiaoError("\n".join([msg("report.notes.invalid", path=name), *lines]))
