"""The workspace config and the run's settings: found, read and resolved once."""

from __future__ import annotations

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
from tuyengiao.read.document import Document, parse
from tuyengiao.read.fast import read
from tuyengiao.read.validate import adapter, validate
from tuyengiao.rules.config import config_findings
from tuyengiao.rules.findings import problem_diagnostic, read_error
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
    """The workspace config at `path` (defaults where absent); its problems as findings."""
    if path is None:
        return Config(), None, []
    name = display(path)
    try:
        doc = parse(read_bytes(path))
    except ReadError as error:
        return Config(), None, [read_error(msg, name, error)]
    config = read(Config, doc)
    if config is not None:
        return config, doc, config_findings(config, doc, name, msg)
    doc.build()
    found = [problem_diagnostic(msg, name, problem) for problem in doc.problems]
    if doc.data is None:
        return Config(), doc, found  # an empty config is a valid one
    config, errors = validate(Config, doc, name, msg)
    found += errors
    if config is None:
        config = _config_without_errors(doc.data)
    found += config_findings(config, doc, name, msg)
    return config, doc, found


def _config_without_errors(data: object) -> Config:
    """The config from the keys that are valid: one typo must not drop the roster."""
    from pydantic import ValidationError

    if not isinstance(data, dict):
        return Config()
    try:
        adapter(Config).validate_python(data)
    except ValidationError as error:
        bad = {str(detail["loc"][0]) for detail in error.errors() if detail["loc"]}
    good = {key: value for key, value in data.items() if key not in bad}
    try:
        return adapter(Config).validate_python(good)
    except ValidationError:  # pragma: no cover - every failing key was dropped
        return Config()


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
