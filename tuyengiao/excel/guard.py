"""What is checked of a workbook's bytes before openpyxl opens it.

openpyxl trusts the zip it is given: a small file that inflates to gigabytes (a zip
bomb) would be inflated, and an `.xls` or `.ods` would fail with an English traceback.
Here the container is named and measured from its directory alone, without inflating
anything: a refusal is a `Refusal` the reader turns into one finding.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

#: An old Excel file (BIFF in an OLE2 compound file), and every other OLE2 file.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
#: What a plan's workbook inflates to at most. The exported sample plans take 60-90 KB,
#: a 500-activity one under 1 MB; 64 MiB leaves room for a very large one and refuses
#: a bomb before a byte of it is inflated.
MAX_INFLATED = 64 * 1024 * 1024
#: The compression ratio of one member past which it is a bomb: sheet XML compresses
#: 5-20 times, a kilobyte of zeros deflates about 1,000 times.
MAX_RATIO = 200
#: Members of a workbook: some twenty; a zip of thousands is not one.
MAX_MEMBERS = 1000
#: One sheet's XML: 5,000 rows of twenty cells (what the reader reads at most) are some
#: 6 MiB.
MAX_SHEET = 16 * 1024 * 1024
#: A sheet's XML past this size must say its size (`<dimension>`) near its start, as
#: Excel, LibreOffice and XlsxWriter all write it: without it openpyxl parses the whole
#: sheet before its first row (a million rows: 19 s), whatever rows are asked for.
UNSIZED_SHEET = 2 * 1024 * 1024
SHEET_HEAD = 64 * 1024


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why the bytes are not read: a rule and a kind of the message catalogue."""

    rule: str
    kind: str
    fields: dict[str, object] = field(default_factory=dict)


def check_container(data: bytes) -> Refusal | None:
    """None when `data` is a zip that may be opened as a workbook, else why not."""
    if data.startswith(OLE2_MAGIC):
        return Refusal("encoding", "xlsx_xls")
    if not data.startswith(ZIP_MAGIC):
        return Refusal("encoding", "xlsx_not_zip")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return Refusal("encoding", "xlsx_broken")
    if len(members) > MAX_MEMBERS:
        return Refusal("too-complex", "xlsx_members", {"count": len(members)})
    names = {member.filename for member in members}
    if "mimetype" in names:
        try:
            if archive.read("mimetype").strip().startswith(ODS_MIMETYPE):
                return Refusal("encoding", "xlsx_ods")
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError):
            return Refusal("encoding", "xlsx_broken")
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        return Refusal("encoding", "xlsx_not_workbook")
    inflated = sum(member.file_size for member in members)
    worst = max(
        (member.file_size / max(member.compress_size, 1) for member in members), default=0.0
    )
    if inflated > MAX_INFLATED or worst > MAX_RATIO:
        mib = f"{inflated / 1048576:.0f}"
        return Refusal("too-complex", "xlsx_bomb", {"size": mib, "limit": MAX_INFLATED >> 20})
    return _check_sheets(archive, members)


def _check_sheets(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> Refusal | None:
    for member in members:
        name = member.filename
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        if member.file_size > MAX_SHEET:
            return Refusal("too-complex", "xlsx_sheet", {"size": f"{member.file_size >> 20}"})
        if member.file_size > UNSIZED_SHEET:
            try:
                with archive.open(member) as stream:
                    head = stream.read(SHEET_HEAD)
            except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError):
                return Refusal("encoding", "xlsx_broken")
            if b"dimension " not in head and b"dimension>" not in head:
                return Refusal("too-complex", "xlsx_sheet", {"size": f"{member.file_size >> 20}"})
    return None
