"""The guidance catalogue in use: a built-in one by id, or a user's file of the same format."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tuyengiao.errors import TuyengiaoError
from tuyengiao.files import ReadError, display, read_bytes
from tuyengiao.i18n import DATA, Messages
from tuyengiao.models import Guidance
from tuyengiao.read import read_file

BUILTIN_PREFIX = "guidance-"


def builtin_ids() -> list[str]:
    """Ids of the catalogues that ship with the package (`2022`, …)."""
    names = (entry.name for entry in DATA.iterdir())
    return sorted(n[len(BUILTIN_PREFIX) : -5] for n in names if n.startswith(BUILTIN_PREFIX))


@cache
def _builtin_bytes(guidance_id: str) -> bytes:
    return (DATA / f"{BUILTIN_PREFIX}{guidance_id}.yaml").read_bytes()


def load_guidance(ref: str, msg: Messages, base: Path | None = None) -> Guidance:
    """The catalogue named by `ref`: a built-in id, or a path (relative to `base`).

    A catalogue that cannot be used is a usage error: its findings are listed in it.
    """
    if ref in builtin_ids():
        data, name = _builtin_bytes(ref), f"<{ref}>"
    else:
        path = Path(ref) if base is None or Path(ref).is_absolute() else base / ref
        if not path.exists():
            known = ", ".join(builtin_ids())
            raise TuyengiaoError(msg("cli.guidance_not_found", ref=ref, known=known))
        try:
            data = read_bytes(path)
        except ReadError as error:
            raise TuyengiaoError(msg("cli.guidance_unreadable", path=display(path))) from error
        name = display(path)
    reading = read_file(Guidance, data, name, msg)
    if reading.complete and reading.value is not None:
        return reading.value
    found = reading.findings
    lines = [f"{d.file}:{d.line}:{d.column}: {d.message}" for d in found]
    raise TuyengiaoError("\n".join([msg("cli.guidance_invalid", path=name), *lines]))
