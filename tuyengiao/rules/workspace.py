"""Rules that look across the plan files of a run: union ids, file names, the roster.

They see each file through `Claim` and the run through `Run`, protocols that
`tuyengiao.workspace.PlanFile` and `tuyengiao.config.Settings` satisfy: the rules sit
below the workspace and the config, and import neither (`tests/test_imports.py`).

Which file is a union's plan never depends on the order the file system lists them:
of two files that claim one union id under one guidance, the one named after the id
(`cd-x.yaml`) wins over a copy (`cd-x (ban cũ).yaml`), and one in the folder above
wins over one in a subfolder (`cu/cd-x.yaml`). When neither wins, each is a
`duplicate-id` naming the other, and `report`/`status` refuse to choose (exit 2).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Protocol

from tuyengiao.diagnostics import Diagnostic
from tuyengiao.files import OFFICE_SUFFIXES, PLAN_SUFFIXES, ReadError, display, read_bytes
from tuyengiao.i18n import Messages
from tuyengiao.models import Config, Guidance
from tuyengiao.read.document import Document
from tuyengiao.rules.findings import make_diagnostic

#: The plan schema `tuyengiao schema -o` writes beside `tuyengiao.yaml` (`schema.FILE_NAME`).
SCHEMA_FILE = "tuyengiao-plan.schema.json"

#: The folder whose plans are named after their union (`plans/2022/cd-x.yaml`, as
#: `tuyengiao new` writes them): `file-name` looks only under it.
PLANS_FOLDER = "plans"


class Claim(Protocol):
    """What the cross-file rules read and write of one checked file (a `PlanFile`)."""

    path: Path
    name: str
    diagnostics: list[Diagnostic]
    union_id: str | None
    union_position: tuple[int | None, int | None]
    #: The cell of the union's id, in a workbook: findings about the union go there.
    union_cell: str | None
    guidance_id: str | None
    excluded: Diagnostic | None
    notes: bool
    unread_as: str | None
    copy_of: str | None
    rivals: tuple[str, ...]
    filed_as: str | None


class Catalogues(Protocol):
    """The catalogues of a run, as the roster rule needs them."""

    def in_use(self) -> list[Guidance]: ...  # pragma: no cover - a protocol

    def usable(self) -> list[Guidance]: ...  # pragma: no cover - a protocol


class Run(Protocol):
    """What the cross-file rules need of the run's settings (a `Settings`)."""

    @property
    def config(self) -> Config: ...  # pragma: no cover - a protocol

    @property
    def config_path(self) -> Path | None: ...  # pragma: no cover - a protocol

    @property
    def config_doc(self) -> Document | None: ...  # pragma: no cover - a protocol

    @property
    def catalogues(self) -> Catalogues: ...  # pragma: no cover - a protocol

    @property
    def today(self) -> date: ...  # pragma: no cover - a protocol

    @property
    def msg(self) -> Messages: ...  # pragma: no cover - a protocol

    @property
    def folders_checked(self) -> bool: ...  # pragma: no cover - a protocol


def cross_file(checked: Sequence[Claim], settings: Run) -> None:
    """Union ids (`duplicate-id`, `unknown-union`) and file names (`file-name`), in place.

    Each file's `filed_as` is set to the roster union it stands for (its id; for an id
    not on the roster, the file's own name when that is a roster id), so a plan with a
    typo in its id, or one that does not parse, is filed, never missing.
    """
    plans = [f for f in checked if not f.notes and f.unread_as is None]
    _duplicates(plans, settings.msg)
    roster = settings.config.roster
    known = {entry.id for entry in roster} if roster is not None else None
    for plan_file in plans:
        union_id = plan_file.union_id
        if union_id is None:
            continue
        plan_file.filed_as = union_id
        if known is not None and union_id not in known:
            _unknown(plan_file, union_id, known, settings)
        elif plan_file.copy_of is None and not plan_file.rivals:
            _file_name(plan_file, union_id, settings.msg)
    ids = {f.union_id for f in plans if f.union_id is not None}
    for unread in (f for f in checked if f.unread_as is not None):
        _unread(unread, ids, known, settings.msg)


def _rank(plan_file: Claim, union_id: str) -> tuple[bool, bool, int]:
    """How surely a file is the union's plan: named after the id, then the shallowest."""
    # A workbook kept beside its plan (`cd-x.xlsx`, sent to the union) is the copy: the
    # YAML plan is the one source of truth.
    workbook = plan_file.path.suffix.lower() == ".xlsx"
    return (plan_file.path.stem != union_id, workbook, len(plan_file.path.absolute().parts))


def _duplicates(plans: Sequence[Claim], msg: Messages) -> None:
    """One plan per union per guidance: every other file claiming it is a `duplicate-id`."""
    groups: dict[tuple[str | None, str], list[Claim]] = {}
    for plan_file in plans:
        if plan_file.union_id is not None:
            groups.setdefault((plan_file.guidance_id, plan_file.union_id), []).append(plan_file)
    for (_, union_id), group in groups.items():
        if len(group) < 2:
            continue
        best = min(_rank(f, union_id) for f in group)
        first = [f for f in group if _rank(f, union_id) == best]
        owner = first[0] if len(first) == 1 else None
        for plan_file in group:
            if plan_file is owner:
                continue
            line, column = plan_file.union_position
            if any(plan_file is f for f in first):  # none wins: the report must not choose
                plan_file.rivals = tuple(f.name for f in first if f is not plan_file)
                fields = {"id": union_id, "other": plan_file.rivals[0]}
                found = make_diagnostic(
                    msg, plan_file.name, "duplicate-id", "union", line, column, fields, "union_file"
                )
            else:
                plan_file.copy_of = owner.name if owner is not None else first[0].name
                fields = {"id": union_id, "other": plan_file.copy_of}
                found = make_diagnostic(
                    msg, plan_file.name, "duplicate-id", "union", line, column, fields, "union_copy"
                )
            _exclude(plan_file, found)


def _at_union(plan_file: Claim, found: Diagnostic) -> Diagnostic:
    """`found`, placed at the union id's cell when the file is a workbook."""
    return found if plan_file.union_cell is None else replace(found, cell=plan_file.union_cell)


def _exclude(plan_file: Claim, found: Diagnostic) -> None:
    found = _at_union(plan_file, found)
    plan_file.diagnostics.append(found)
    plan_file.excluded = plan_file.excluded or found


def nearest(union_id: str, known: set[str]) -> str | None:
    """The roster id `union_id` most likely misspells, or None when none is close.

    An abbreviation of words counts (`cd-bo-khcn` for `cd-bo-khoa-hoc-cong-nghe`:
    `khcn` is the initials of `khoa-hoc-cong-nghe`), then spelling (difflib).
    """
    short = sorted(k for k in known if _abbreviates(union_id.split("-"), k.split("-")))
    if len(short) == 1:
        return short[0]
    close = difflib.get_close_matches(union_id, sorted(known), n=1)
    return close[0] if close else None


def _abbreviates(parts: list[str], words: list[str]) -> bool:
    """Whether each part is a word, or the initials of the next few words, in order."""
    if not parts or not words:
        return not parts and not words
    head, rest = parts[0], parts[1:]
    if head == words[0] and _abbreviates(rest, words[1:]):
        return True
    size = len(head)
    initials = "".join(word[0] for word in words[:size] if word)
    return 2 <= size <= len(words) and initials == head and _abbreviates(rest, words[size:])


def _unknown(plan_file: Claim, union_id: str, known: set[str], settings: Run) -> None:
    """`unknown-union`: the file's own name when it is a roster id, else the nearest id."""
    stem = plan_file.path.stem
    own = stem if stem in known else None
    suggestion = own or nearest(union_id, known)
    if own is not None:
        plan_file.filed_as = own  # `cd-x.yaml` with a typo in its id: x's plan, with errors
    hint = "union_own_name" if own else "did_you_mean" if suggestion else "roster"
    config = display(settings.config_path or Path())
    fields = {"id": union_id, "config": config}
    line, column = plan_file.union_position
    hint_fields = {"suggestion": suggestion or "", "file": plan_file.path.name, **fields}
    found = make_diagnostic(
        settings.msg,
        plan_file.name,
        "unknown-union",
        "unknown",
        line,
        column,
        fields,
        hint,
        hint_fields,
    )
    _exclude(plan_file, found)


def _file_name(plan_file: Claim, union_id: str, msg: Messages) -> None:
    """`file-name`: under `plans/`, the plan of union x is `x.yaml` (`x.yml`, `x.xlsx`)."""
    path = plan_file.path
    if path.stem == union_id or not _under_plans(path):
        return
    expected = union_id + (path.suffix if path.suffix in PLAN_SUFFIXES else ".yaml")
    fields = {"id": union_id, "expected": expected}
    hint_key = "file_name_taken" if path.with_name(expected).exists() else "file_name"
    line, column = plan_file.union_position
    found = make_diagnostic(
        msg, plan_file.name, "file-name", "name", line, column, fields, hint_key
    )
    plan_file.diagnostics.append(_at_union(plan_file, found))


def _under_plans(path: Path) -> bool:
    try:
        folders = path.resolve().parent.parts
    except OSError:
        folders = path.parent.parts
    return PLANS_FOLDER in folders


def _unread(plan_file: Claim, ids: set[str], known: set[str] | None, msg: Messages) -> None:
    """A file that looks like a plan under another extension: named once, never read.

    A Word, Excel or text file is named only when it bears a roster union's id and
    that union has no plan (then it is surely where the plan went). It files for the
    union it is named after (not missing, left out of the figures with this finding),
    unless that union's plan was read: then it is a stale copy.
    """
    expected = plan_file.unread_as or ""
    union_id = Path(expected).stem
    office = Path(plan_file.path.name.lower()).suffix in OFFICE_SUFFIXES and not any(
        s + "." in plan_file.path.name.lower() for s in (".yaml", ".yml")
    )
    taken = union_id in ids or plan_file.path.with_name(expected).exists()
    if office and (taken or known is None or union_id not in known):
        return  # `cd-x.docx` beside the plan, `ghi-chu.txt`: an office's own files
    if taken:
        kind, hint = "unread_copy", "file_unread_copy"
        plan_file.copy_of = expected
    else:
        kind, hint = (
            ("unread_office", "file_unread_office") if office else ("unread", "file_unread")
        )
        if known is None or union_id in known:
            plan_file.filed_as = union_id
            plan_file.union_id = union_id
    fields = {"id": union_id, "expected": expected}
    _exclude(
        plan_file,
        make_diagnostic(msg, plan_file.name, "file-name", kind, None, None, fields, hint),
    )


def roster_findings(checked: Sequence[Claim], settings: Run) -> list[Diagnostic]:
    """Roster unions with no plan among the checked files (`missing-plan`).

    For each guidance year in use that has begun by the day of the run, the unions of
    the roster for that year (`years:`; absent, every year) that filed no plan of it.
    A year is expected when some checked plan is of it, or it is the latest begun (no
    one has filed it yet in January): `check plans/2023` holds no plan of 2022, and
    claimed every 2022 plan missing. A plan whose guidance cannot be read (it does not
    parse) files for every year: it is never called missing. A union whose plan may
    be a file with a mistyped id is told to fix that id, not to write a new plan.
    """
    roster = settings.config.roster
    if roster is None or settings.config_path is None or not settings.folders_checked:
        return []
    filed = {(f.guidance_id, f.filed_as) for f in checked}
    any_year = {f.filed_as for f in checked if f.guidance_id is None}
    known = {entry.id for entry in roster}
    # roster id → a file that may be its plan under another id: named after it, or
    # with an id not on the roster but close to it. Told to fix that id, not `new`.
    typos: dict[str, Claim] = {}
    for plan_file in checked:
        union_id = plan_file.union_id
        if union_id is None or plan_file.unread_as is not None:
            continue
        stem = plan_file.path.stem
        if stem in known and stem != union_id:
            typos.setdefault(stem, plan_file)
        elif union_id not in known and plan_file.filed_as == union_id:
            close = nearest(union_id, known)
            if close is not None:
                typos.setdefault(close, plan_file)
    name = display(settings.config_path)
    doc = settings.config_doc
    begun = [g for g in settings.catalogues.in_use() if date(g.year, 1, 1) <= settings.today]
    year_of = {g.id: g.year for g in settings.catalogues.usable()}
    seen = {year_of.get(f.guidance_id or "") for f in checked}
    latest = max((g.year for g in begun), default=None)
    years = [g for g in begun if g.year in seen or g.year == latest]
    several = len(begun) > 1
    found = []
    for guidance in years:
        for index, entry in enumerate(roster):
            if (
                not entry.files_in(guidance.year)
                or (guidance.id, entry.id) in filed
                or entry.id in any_year
            ):
                continue
            line, column = doc.position(("roster", index)) if doc else (None, None)
            fields = {"id": entry.id, "name": entry.name, "year": guidance.year}
            kind, hint = ("missing_year", "new_plan_year") if several else ("missing", "new_plan")
            typo = typos.get(entry.id)
            hint_fields = None
            if typo is not None:
                hint = "missing_typo"
                hint_fields = {**fields, "file": typo.name, "written": typo.union_id}
            found.append(
                make_diagnostic(
                    settings.msg,
                    name,
                    "missing-plan",
                    kind,
                    line,
                    column,
                    fields,
                    hint,
                    hint_fields,
                )
            )
    return found


def schema_findings(folder: Path, ids: Sequence[str], msg: Messages) -> list[Diagnostic]:
    """`schema-outdated`: the workspace's exported plan schema misses a catalogue in use.

    Exported in 2022, it offers `guidance: "2022"` only, and the editor marks every 2023
    plan wrong. Read only when it is there; what it offers is its `guidance` enum.
    """
    path = folder / SCHEMA_FILE
    if not ids or not path.is_file():
        return []
    try:
        document = json.loads(read_bytes(path, limit=4 * 1024 * 1024))
        offered = document["properties"]["guidance"]["enum"]
    except (ReadError, ValueError, KeyError, TypeError):
        return []  # not ours, or not a schema: not this rule's business
    if not isinstance(offered, list):
        return []
    missing = [guidance_id for guidance_id in ids if guidance_id not in offered]
    if not missing:
        return []
    name = display(path)
    fields = {
        "file": name,
        "offered": ", ".join(str(item) for item in offered),
        "missing": ", ".join(missing),
    }
    return [make_diagnostic(msg, name, "schema-outdated", "missing", None, None, fields, "schema")]
