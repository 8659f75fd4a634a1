"""The workspace config and the run's settings: found, read and resolved once."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tuyengiao.diagnostics import Diagnostic
from tuyengiao.errors import TuyengiaoError
from tuyengiao.files import (
    Found,
    ReadError,
    RealPaths,
    display,
    escapes,
    find_config,
    find_plans,
    foreign_owner,
    read_bytes,
)
from tuyengiao.guidance import Catalogues
from tuyengiao.i18n import Messages
from tuyengiao.models import Config, Guidance
from tuyengiao.read import Reading, read_file
from tuyengiao.read.document import Document
from tuyengiao.rules.config import config_findings
from tuyengiao.rules.findings import read_error
from tuyengiao.rules.plan import Context
from tuyengiao.rules.workspace import schema_findings

if TYPE_CHECKING:
    from tuyengiao.obligations import Schedule

#: The folder beside `tuyengiao.yaml` of the central department's `<period>.yaml` files.
NOTES_FOLDER = "reports"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run needs, resolved once: config, catalogues, day, wording.

    The paths it read (`config_path`, `catalogues.files()`) are recorded here, so no
    command resolves them again.
    """

    config: Config
    config_path: Path | None
    config_doc: Document | None
    catalogues: Catalogues
    today: date
    msg: Messages
    config_diagnostics: tuple[Diagnostic, ...] = ()
    #: Whether a folder was checked, not only named files: a roster union is reported
    #: missing only then (pre-commit names just the files of a commit).
    folders_checked: bool = True
    #: The rules' context for each catalogue id, made once.
    contexts: dict[str, Context] = field(default_factory=dict, compare=False)
    #: Where the run started (the workspace's folder when there is no config).
    cwd: Path | None = None
    #: `--allow-outside`: links out of the workspace are followed, not refused.
    allow_outside: bool = False
    #: Real paths, each folder resolved once (see `is_notes`).
    _real: RealPaths = field(default_factory=RealPaths, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        offered = tuple(self.catalogues.ids())
        days = self.config.due_soon_days
        schedule = self.schedule
        for guidance in reversed(self.catalogues.usable()):  # a named one wins
            broken = self.catalogues.broken(guidance)
            self.contexts[guidance.id] = (
                Context(None, self.today, self.msg, days, offered, broken, schedule=schedule)
                if broken is not None
                else Context(guidance, self.today, self.msg, days, offered, schedule=schedule)
            )

    @property
    def schedule(self) -> Schedule | None:
        """The periodic reports unions owe (`reporting:`); None: none is checked."""
        if self.config.reporting is None:
            # Without `reporting:`, the usual case, its calendar is not imported
            # (`obligations`, `periods`, `dateutil`: 4 ms of every start-up).
            return None
        from tuyengiao.obligations import Schedule

        return Schedule.of(self.config)

    @property
    def guidance(self) -> Guidance:
        """The catalogue of the latest guidance year in use (for `new`, `tasks`, `schema`)."""
        latest = self.catalogues.latest()
        if latest is None:  # every catalogue named is broken: they say why
            raise TuyengiaoError(self.msg("cli.no_guidance"))
        return latest

    def context_for(self, guidance_id: str | None) -> Context:
        """What the plan rules need for a plan of `guidance_id` (None: not readable).

        A plan of a guidance the workspace does not know gets no catalogue: only the
        rules that need none look at it, and `invalid-value` says which ids there are.
        A plan whose `guidance:` cannot be read is checked against the one catalogue
        the workspace names, when it names one.
        """
        if guidance_id is not None:
            found = self.contexts.get(guidance_id)
            if found is not None:
                return found
        named = self.catalogues.in_use()
        guess = named[0] if guidance_id is None and len(named) == 1 else None
        if guess is not None:
            return self.contexts[guess.id]
        return Context(
            None, self.today, self.msg, self.config.due_soon_days, tuple(self.catalogues.ids())
        )

    def find_plans(self, paths: Sequence[Path]) -> Found:
        """The plan files under `paths`, less the config's `exclude` (relative to its folder).

        The catalogue files the workspace names are not plans, though they sit in it
        (`guidance/2023.yaml`): checked as plans, each gave a dozen false errors.
        """
        base = self.config_path.parent if self.config_path is not None else None
        catalogues = {os.path.realpath(path) for path in self.catalogues.files()}
        return find_plans(paths, self.config.exclude, base, self.guard, skip=catalogues)

    @property
    def root(self) -> Path:
        """The workspace's folder: the config's, else where the run started."""
        if self.config_path is not None:
            return self.config_path.parent
        return self.cwd if self.cwd is not None else Path()

    @property
    def guard(self) -> Path | None:
        """The folder links may not lead out of (None under `--allow-outside`)."""
        return None if self.allow_outside else self.root

    def escapes(self, path: Path) -> bool:
        """Whether `path` is a link out of the workspace, refused unread (see `files.escapes`)."""
        guard = self.guard
        return guard is not None and escapes(path, guard)

    @property
    def notes_folder(self) -> Path | None:
        """`reports/` beside the config: the central department's words, one file a period."""
        return self.config_path.parent / NOTES_FOLDER if self.config_path is not None else None

    def is_notes(self, path: Path) -> bool:
        """Whether `path` is a file of the notes folder (checked as notes, not as a plan)."""
        folder = self.notes_folder
        if folder is None:
            return False
        try:
            # Each folder resolved once for all its files (`RealPaths`): resolving each
            # file took 1,000 plans 23 ms (in-process, CPU), a `stat` and a `realpath`
            # each. Folders are kept by the path as given: a relative one from the
            # process's folder, which no part of tuyengiao changes while settings are in
            # use (one run, one folder).
            return Path(self._real(path)).parent == Path(self._real(folder))
        except OSError:
            return False

    def inputs(self) -> list[Path]:
        """The files the settings were read from: the config and the catalogue files."""
        found = [self.config_path] if self.config_path is not None else []
        return found + self.catalogues.files()


def load_config(
    path: Path | None, msg: Messages
) -> tuple[Config, Document | None, list[Diagnostic]]:
    """The workspace config at `path` (defaults where absent); its problems as findings.

    A config that cannot be read at all (a FIFO, a folder, a link to `/dev/zero` or to
    itself) raises TuyengiaoError: exit 2, naming it.

    A config with mistakes still gives what is valid in it: one typo must not drop the
    roster, and one bad roster entry must not drop the others.
    """
    if path is None:
        return Config(), None, []
    name = display(path)
    try:
        data = read_bytes(path)
    except ReadError as error:
        # Not a finding among others: without its config (the roster, the catalogues)
        # every other finding would be wrong, and the roster's would vanish (exit 0).
        reason = read_error(msg, name, error).message
        raise TuyengiaoError(msg("cli.config_unreadable", path=name, reason=reason)) from None
    reading = read_file(Config, data, name, msg, empty=Config())
    found = reading.findings
    config = _usable(reading)
    found += config_findings(config, reading.doc, name, msg)
    return config, reading.doc, found


def _usable(reading: Reading[Config]) -> Config:
    """The config from what was valid: defaults for the rest, complete roster entries."""
    value = reading.value
    if value is None:
        return Config()
    if reading.complete:
        return value
    defaults = Config()
    kept = {
        item.name: getattr(value, item.name)
        if reading.known(value, item.name)
        else getattr(defaults, item.name)
        for item in dataclasses.fields(Config)
    }
    roster = getattr(value, "roster", None)
    if roster is not None:
        kept["roster"] = [entry for entry in roster if reading.known(entry, "id", "name")]
    return Config(**kept)


def resolve_settings(
    paths: Sequence[Path],
    *,
    today: date | Callable[[Config], date],
    msg: Messages,
    cwd: Path,
    config_path: Path | None = None,
    guidance_refs: Sequence[str] = (),
    allow_outside: bool = False,
) -> Settings:
    """Find and read the config and every catalogue it names, and fix the day.

    `today` is the day of evaluation, or how to find it from the config (the CLI
    passes today in the workspace's timezone: only it reads the clock).
    `guidance_refs` (`--guidance`, relative to `cwd`) replace the config's list.
    A config found by searching that belongs to another user is refused (`_trusted`);
    a catalogue path in the config that leads out of the config's folder is a finding
    at its line, unread, unless `allow_outside`.
    """
    path = config_path if config_path is not None else find_config(paths, cwd)
    if config_path is None and path is not None:
        _trusted(path, msg)
        if not allow_outside and escapes(path, path.parent):  # `tuyengiao.yaml` → /etc/shadow
            raise TuyengiaoError(msg("cli.config_outside", path=display(path)))
    config, doc, found = load_config(path, msg)
    if guidance_refs:
        catalogues = Catalogues.load(guidance_refs, msg, cwd)
    else:
        base = path.parent if path is not None else cwd
        fence = None if allow_outside or path is None else (path, doc)
        catalogues = Catalogues.load(config.guidance_refs, msg, base, fence)
    day = today if isinstance(today, date) else today(config)
    folders = not paths or any(p.is_dir() for p in paths)
    folder = path.parent if path is not None else None
    in_use = [guidance.id for guidance in catalogues.in_use()]
    schema = schema_findings(folder, in_use, msg) if folder is not None else []
    diagnostics = (*found, *catalogues.findings(), *schema)
    return Settings(
        config,
        path,
        doc,
        catalogues,
        day,
        msg,
        diagnostics,
        folders,
        cwd=cwd,
        allow_outside=allow_outside,
    )


def _trusted(path: Path, msg: Messages) -> None:
    """Refuse a config found by searching, or its `reports/` and `templates/`, that
    belong to another user (git's `safe.directory`): a file someone else put in a
    parent folder must not steer this run without a word."""
    from tuyengiao.files import SAFE_DIRECTORY_VARIABLE

    folder = path.parent
    for candidate in (path, folder / NOTES_FOLDER, folder / "templates"):
        owner = foreign_owner(candidate)
        if owner is not None:
            allow = f"{SAFE_DIRECTORY_VARIABLE}={os.path.realpath(folder)}"
            raise TuyengiaoError(
                msg("cli.foreign_owner", path=display(candidate), owner=owner, allow=allow)
            )
