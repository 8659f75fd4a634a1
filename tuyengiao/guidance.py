"""The guidance catalogues of a workspace: built-in ones by id, and users' files.

A workspace lives for years: its config names every catalogue in use (`guidance:`,
one id or path, or a list), each plan is checked against the one its own `guidance:`
names, and the built-in ids are always known besides. Each catalogue is read once,
and checked on its own (`tuyengiao.rules.catalogue`): a broken one is a finding on
its file, at its line.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from tuyengiao.diagnostics import Diagnostic
from tuyengiao.errors import TuyengiaoError
from tuyengiao.files import ReadError, display, inside, read_bytes
from tuyengiao.i18n import DATA, Messages
from tuyengiao.models import Guidance
from tuyengiao.read import read_file
from tuyengiao.read.document import Document
from tuyengiao.rules.catalogue import catalogue_findings
from tuyengiao.rules.findings import make_diagnostic, read_error

BUILTIN_PREFIX = "guidance-"


def builtin_ids() -> list[str]:
    """Ids of the catalogues that ship with the package (`2022`, …)."""
    names = (entry.name for entry in DATA.iterdir())
    return sorted(n[len(BUILTIN_PREFIX) : -5] for n in names if n.startswith(BUILTIN_PREFIX))


def builtin_path(guidance_id: str) -> Path:
    """The file of a built-in catalogue (to export it as next year's starting point)."""
    return DATA / f"{BUILTIN_PREFIX}{guidance_id}.yaml"


@cache
def _builtin_bytes(guidance_id: str) -> bytes:
    return builtin_path(guidance_id).read_bytes()


@dataclass(frozen=True, slots=True)
class Catalogue:
    """One catalogue as the workspace names it, and what reading it gave."""

    #: As written in the config or on the command line (`2022`, `guidance/2023.yaml`).
    ref: str
    #: The file it was read from; None for a built-in one.
    path: Path | None
    #: The catalogue, or None when it could not be read as one (see `findings`).
    guidance: Guidance | None
    findings: tuple[Diagnostic, ...] = ()
    #: Where its `id` and `year` are written (for a finding that another has the same).
    id_at: tuple[int | None, int | None] = (None, None)
    year_at: tuple[int | None, int | None] = (None, None)


def load_catalogue(ref: str, msg: Messages, base: Path | None = None) -> Catalogue:
    """The catalogue `ref` names: a built-in id, or a path (relative to `base`).

    A path that does not exist or cannot be read is a usage error (exit 2); what is
    wrong inside a file that could be read is in the catalogue's findings.
    """
    path: Path | None
    if ref in builtin_ids():
        data, name, path = _builtin_bytes(ref), f"<{ref}>", None
    else:
        path = Path(ref) if base is None or Path(ref).is_absolute() else base / ref
        if not os.path.lexists(path):  # a broken link or a loop is named as unreadable
            known = ", ".join(builtin_ids())
            raise TuyengiaoError(msg("cli.guidance_not_found", ref=ref, known=known))
        try:
            data = read_bytes(path)
        except ReadError as error:
            reason = read_error(msg, display(path), error).message
            text = msg("cli.guidance_unreadable", path=display(path), reason=reason)
            raise TuyengiaoError(text) from error
        name = display(path)
    reading = read_file(Guidance, data, name, msg)
    found = list(reading.findings)
    guidance = reading.value if reading.complete else None
    id_at: tuple[int | None, int | None] = (None, None)
    year_at = id_at
    if guidance is not None:
        found += catalogue_findings(guidance, reading.doc, name, msg)
        id_at, year_at = reading.doc.position(("id",)), reading.doc.position(("year",))
    return Catalogue(ref, path, guidance, tuple(found), id_at, year_at)


def load_guidance(ref: str, msg: Messages, base: Path | None = None) -> Guidance:
    """The catalogue `ref` names, whole; one that cannot be used is a usage error."""
    catalogue = load_catalogue(ref, msg, base)
    errors = [d for d in catalogue.findings if d.severity == "error"]
    if catalogue.guidance is not None and not errors:
        return catalogue.guidance
    name = display(catalogue.path) if catalogue.path is not None else f"<{ref}>"
    lines = [f"{d.file}:{d.line}:{d.column}: {d.message}" for d in errors]
    raise TuyengiaoError("\n".join([msg("cli.guidance_invalid", path=name), *lines]))


def _one_per_id(named: list[Catalogue], msg: Messages) -> tuple[Catalogue, ...]:
    """The catalogues named, one per id and per year: a later one is a finding, unused.

    Both left in use, `check` took the first of an id and `report` the last of a year
    (`for_year`), and each missing plan of the year was reported once per catalogue.
    A year has one guidance: `new --year`, `report`, roster `years:` all go by the year.
    """
    by_id: dict[str, Catalogue] = {}
    by_year: dict[int, Catalogue] = {}
    kept: list[Catalogue] = []
    for catalogue in named:
        guidance = catalogue.guidance
        if guidance is None:
            kept.append(catalogue)
            continue
        same_id = by_id.setdefault(guidance.id, catalogue)
        same_year = by_year.setdefault(guidance.year, catalogue)
        if same_id is catalogue and same_year is catalogue:
            kept.append(catalogue)
            continue
        if same_id is not catalogue:
            kind, (line, column), earlier = "catalogue_id", catalogue.id_at, same_id
        else:
            kind, (line, column), earlier = "catalogue_year", catalogue.year_at, same_year
        fields = {"id": guidance.id, "year": guidance.year, "other": _name(earlier)}
        found = make_diagnostic(
            msg, _name(catalogue), "duplicate-id", kind, line, column, fields, "unique_catalogue"
        )
        kept.append(replace(catalogue, guidance=None, findings=(*catalogue.findings, found)))
    return tuple(kept)


def _outside(
    ref: str,
    index: int,
    msg: Messages,
    base: Path | None,
    fence: tuple[Path, Document | None] | None,
) -> Catalogue | None:
    """A catalogue refused unread: its path in the config leads out of the workspace."""
    if fence is None or ref in builtin_ids():
        return None
    config, doc = fence
    path = Path(ref) if base is None or Path(ref).is_absolute() else base / ref
    if inside(path, config.parent):
        return None
    line, column = None, None
    if doc is not None:  # one path, or the item of a list (a scalar has no item)
        line, column = doc.position(("guidance", index))
    fields = {"ref": ref}
    found = make_diagnostic(
        msg, display(config), "unreadable", "outside_guidance", line, column, fields, "outside"
    )
    return Catalogue(ref, None, None, (found,))


def _name(catalogue: Catalogue) -> str:
    """How findings name a catalogue: its file, or `<id>` for a built-in one."""
    return display(catalogue.path) if catalogue.path is not None else f"<{catalogue.ref}>"


@dataclass(frozen=True, slots=True)
class Catalogues:
    """The catalogues a run knows: the ones the workspace names, then the built-in ones."""

    #: In the order the config (or `--guidance`) names them.
    named: tuple[Catalogue, ...]
    #: Built-in catalogues not named, always known: a 2022 plan stays valid.
    builtin: tuple[Catalogue, ...] = ()

    @classmethod
    def load(
        cls,
        refs: Sequence[str],
        msg: Messages,
        base: Path | None,
        fence: tuple[Path, Document | None] | None = None,
    ) -> Catalogues:
        """Read each catalogue `refs` names once, and the built-in ones they leave out.

        With a `fence` (the config that names them, and its document), a path that
        leads out of the config's folder (`/etc/shadow`, `../../..`, a link) is not
        read: it is a finding at the config's line instead.
        """
        named = _one_per_id(
            [
                _outside(ref, list(refs).index(ref), msg, base, fence)
                or load_catalogue(ref, msg, base)
                for ref in dict.fromkeys(refs)
            ],
            msg,
        )
        ids = {c.guidance.id for c in named if c.guidance is not None}
        builtin = tuple(
            load_catalogue(ref, msg) for ref in builtin_ids() if ref not in ids and ref not in refs
        )
        return cls(named, builtin)

    def usable(self) -> list[Guidance]:
        """Every catalogue that could be read: the named ones first."""
        return [c.guidance for c in (*self.named, *self.builtin) if c.guidance is not None]

    def by_id(self, guidance_id: str) -> Guidance | None:
        """The catalogue whose `id` is `guidance_id` (a named one before a built-in one)."""
        return next((g for g in self.usable() if g.id == guidance_id), None)

    def for_year(self, year: int) -> Guidance | None:
        """The catalogue of guidance year `year` (the last named one, else a built-in one)."""
        named = [c.guidance for c in self.named if c.guidance and c.guidance.year == year]
        if named:
            return named[-1]
        return next((g for g in self.usable() if g.year == year), None)

    def latest(self) -> Guidance | None:
        """The catalogue of the latest year among the named ones (else the built-in ones)."""
        named = [c.guidance for c in self.named if c.guidance is not None]
        pool = named or self.usable()
        return max(pool, key=lambda g: g.year) if pool else None

    def ids(self) -> list[str]:
        """The ids on offer, for hints."""
        return list(dict.fromkeys(g.id for g in self.usable()))

    def years(self) -> list[int]:
        """The guidance years on offer, for messages."""
        return sorted({g.year for g in self.usable()})

    def in_use(self) -> list[Guidance]:
        """The catalogues the workspace names (the years whose plans are expected)."""
        return [c.guidance for c in self.named if c.guidance is not None]

    def files(self) -> list[Path]:
        """The catalogue files read (never an output target)."""
        return [c.path for c in self.named if c.path is not None]

    def findings_of(self, guidance: Guidance) -> tuple[Diagnostic, ...]:
        """What is wrong in the catalogue `guidance` was read from."""
        return next((c.findings for c in self.named if c.guidance is guidance), ())

    def broken(self, guidance: Guidance) -> str | None:
        """The file of `guidance` when it has errors (then it is not used), else None."""
        for catalogue in self.named:
            if catalogue.guidance is guidance and any(
                d.severity == "error" for d in catalogue.findings
            ):
                return _name(catalogue)
        return None

    def findings(self) -> list[Diagnostic]:
        """What is wrong in the named catalogues (the built-in ones are tested)."""
        return [d for c in self.named for d in c.findings]
