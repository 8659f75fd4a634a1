"""The workspace config and the run's settings: found, read and resolved once."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tuyengiao.clock import today_in
from tuyengiao.diagnostics import Diagnostic
from tuyengiao.files import Found, ReadError, display, find_config, find_plans, read_bytes
from tuyengiao.guidance import load_guidance
from tuyengiao.i18n import Messages
from tuyengiao.models import Config, Guidance
from tuyengiao.read import Reading, read_file
from tuyengiao.read.document import Document
from tuyengiao.rules.config import config_findings
from tuyengiao.rules.findings import read_error
from tuyengiao.rules.plan import Context


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run needs, resolved once: config, catalogue, day, wording."""

    config: Config
    config_path: Path | None
    config_doc: Document | None
    guidance: Guidance
    today: date
    msg: Messages
    config_diagnostics: tuple[Diagnostic, ...] = ()
    #: Whether a folder was checked, not only named files: a roster union is reported
    #: missing only then (pre-commit names just the files of a commit).
    folders_checked: bool = True

    def find_plans(self, paths: Sequence[Path]) -> Found:
        """The plan files under `paths`, less the config's `exclude` (relative to its folder)."""
        base = self.config_path.parent if self.config_path is not None else None
        return find_plans(paths, self.config.exclude, base)

    @property
    def context(self) -> Context:
        """What the plan rules need."""
        return Context(self.guidance, self.today, self.msg, self.config.due_soon_days)


def load_config(
    path: Path | None, msg: Messages
) -> tuple[Config, Document | None, list[Diagnostic]]:
    """The workspace config at `path` (defaults where absent); its problems as findings.

    A config with mistakes still gives what is valid in it: one typo must not drop the
    roster, and one bad roster entry must not drop the others.
    """
    if path is None:
        return Config(), None, []
    name = display(path)
    try:
        data = read_bytes(path)
    except ReadError as error:
        return Config(), None, [read_error(msg, name, error)]
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
    today: date | None,
    msg: Messages,
    cwd: Path,
    config_path: Path | None = None,
    guidance_ref: str | None = None,
) -> Settings:
    """Find and read the config, load the catalogue, and fix the day of evaluation.

    `today=None` means today in the workspace's timezone (Asia/Ho_Chi_Minh by default),
    not the machine's UTC date.
    """
    path = config_path if config_path is not None else find_config(paths, cwd)
    config, doc, found = load_config(path, msg)
    base = path.parent if path is not None else cwd
    guidance = load_guidance(
        guidance_ref or config.guidance_refs[0], msg, cwd if guidance_ref else base
    )
    if today is None:
        today = today_in(config.timezone)
    folders = not paths or any(p.is_dir() for p in paths)
    return Settings(config, path, doc, guidance, today, msg, tuple(found), folders)
