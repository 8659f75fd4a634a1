"""A workspace run: settings from the config, every plan read, validated and checked.

This is the pure core behind `check`, `status` and `report`: it takes paths, the
day and the language as arguments; only the CLI reads the clock and the environment.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, tzinfo
from pathlib import Path

from tuyengiao.diagnostics import Diagnostic, Severity, Summary
from tuyengiao.files import Found, ReadError, display, find_config, find_plans, read_bytes
from tuyengiao.guidance import load_guidance
from tuyengiao.i18n import Messages
from tuyengiao.models import DEFAULT_TIMEZONE, Config, Guidance, Plan
from tuyengiao.read.document import MAX_FILE_BYTES, Document, parse
from tuyengiao.read.fast import read
from tuyengiao.read.validate import adapter, make_diagnostic, problem_diagnostic, validate
from tuyengiao.rules import RULES
from tuyengiao.rules.plan import Context, check_plan


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


@dataclass(slots=True)
class PlanFile:
    """One plan file after checking: its findings, and its digest when it validated.

    `check_file` leaves the validated plan in `plan`; `check_workspace` replaces it by
    its digest (`digested`), so no run keeps every plan alive at once.
    """

    path: Path
    name: str
    diagnostics: list[Diagnostic]
    plan: Plan | None = None
    union_id: str | None = None
    union_position: tuple[int | None, int | None] = (None, None)
    unreadable: bool = False
    #: What the run's `Digest` made of the plan (None without a plan or a hook).
    digest: object = None

    @property
    def has_errors(self) -> bool:
        """Whether any finding is an error (after severity overrides)."""
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    def digested(self, digest: Digest | None) -> PlanFile:
        """This file with its plan let go, after `digest(self, plan)` kept what it needs."""
        if self.plan is not None and digest is not None:
            self.digest = digest(self, self.plan)
        self.plan = None
        return self


#: What `report` and `status` keep of each valid plan, computed as soon as the plan
#: is checked (`tuyengiao.report.digest.Digester`); it must pickle under `--jobs`.
Digest = Callable[[PlanFile, Plan], object]


@dataclass(slots=True)
class Result:
    """A whole run: every file, and every finding sorted for output."""

    settings: Settings
    files: list[PlanFile]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def summary(self) -> Summary:
        """Counts for the summary line and the JSON document."""
        return Summary.of(len(self.files), self.diagnostics)

    @property
    def unreadable(self) -> bool:
        """Whether some input could not be read at all (exit code 2)."""
        return any(f.unreadable for f in self.files)


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
        return Config(), None, [_read_error(msg, name, error)]
    config = read(Config, doc)
    if config is not None:
        return config, doc, _config_values(config, doc, name, msg)
    doc.build()
    found = [problem_diagnostic(msg, name, problem) for problem in doc.problems]
    if doc.data is None:
        return Config(), doc, found  # an empty config is a valid one
    config, errors = validate(Config, doc, name, msg)
    found += errors
    if config is None:
        config = _config_without_errors(doc.data)
    found += _config_values(config, doc, name, msg)
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


def _config_values(config: Config, doc: Document, name: str, msg: Messages) -> list[Diagnostic]:
    found: list[Diagnostic] = []

    def report(kind: str, path: tuple[str | int, ...], value: str, hint: str | None = None) -> None:
        line, column = doc.position(path, key=kind == "rule_key")
        close = difflib.get_close_matches(value, list(RULES), n=1)
        hint_fields = {"suggestion": close[0] if close else "", "allowed": "…"}
        hint_key = "did_you_mean" if (close and kind != "timezone") else hint
        found.append(
            make_diagnostic(
                msg,
                name,
                "invalid-value",
                kind,
                line,
                column,
                {"value": value},
                hint_key,
                hint_fields,
            )
        )

    # The default is known good (tests/test_config.py), and importing zoneinfo to check
    # it again cost 1.7 ms of every start.
    if config.timezone != DEFAULT_TIMEZONE and _zone(config.timezone) is None:
        report("timezone", ("timezone",), config.timezone, "timezone")
    for index, rule in enumerate(config.ignore):
        if rule not in RULES:
            report("rule", ("ignore", index), rule, "rules")
    for rule in config.severity:
        if rule not in RULES:
            report("rule_key", ("severity", rule), rule, "rules")
    return found


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


def today_in(timezone: str) -> date:
    """Today's date in `timezone` (Asia/Ho_Chi_Minh when the name is unknown)."""
    from datetime import datetime

    zone = _zone(timezone) or _zone(DEFAULT_TIMEZONE)
    return datetime.now(zone).date()


def _zone(name: str) -> tzinfo | None:
    """The time zone called `name`, or None when there is none by that name."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def check_file(path: Path, settings: Settings) -> PlanFile:
    """Read, validate and check one plan file; never raises for what the file holds."""
    msg, name = settings.msg, display(path)
    try:
        data = read_bytes(path)
    except ReadError as error:
        return PlanFile(
            path, name, [_read_error(msg, name, error)], unreadable=error.kind != "too_large"
        )
    doc = parse(data)
    plan = read(Plan, doc)
    union_id: str | None
    if plan is not None:  # valid and plainly written, the usual case: nothing to validate
        found = check_plan(plan, doc, name, settings.context)
        union_id, union_position = plan.union.id, doc.position(("union", "id"))
    else:
        plan, found, (union_id, union_position) = _validated(doc, name, settings)
    return PlanFile(path, name, found, plan, union_id, union_position)


def _validated(
    doc: Document, name: str, settings: Settings
) -> tuple[Plan | None, list[Diagnostic], tuple[str | None, tuple[int | None, int | None]]]:
    """The slow path: build plain values, validate them with pydantic, place every error."""
    msg = settings.msg
    doc.build()
    found = [problem_diagnostic(msg, name, problem) for problem in doc.problems]
    union = _union_of(doc)
    if doc.data is None and doc.problems:
        return None, found, union
    plan, errors = validate(Plan, doc, name, msg)
    found += errors
    if plan is not None:
        found += check_plan(plan, doc, name, settings.context)
    return plan, found, union


def _union_of(doc: Document) -> tuple[str | None, tuple[int | None, int | None]]:
    """The union id as written, even when the rest of the plan is invalid."""
    data = doc.data
    if isinstance(data, dict):
        union = data.get("union")
        if isinstance(union, dict) and isinstance(union.get("id"), str):
            return union["id"], doc.position(("union", "id"))
    return None, (None, None)


def _read_error(msg: Messages, name: str, error: ReadError) -> Diagnostic:
    if error.kind == "too_large":
        limit = f"{MAX_FILE_BYTES / 1048576:.0f}"
        fields: dict[str, object] = {"size": error.detail, "limit": limit}
        return make_diagnostic(
            msg, name, "too-complex", "too_large", None, None, fields, "too_large"
        )
    fields = {"detail": error.detail}
    return make_diagnostic(msg, name, "unreadable", error.kind, None, None, fields)


def check_workspace(
    files: Iterable[Path], settings: Settings, *, digest: Digest | None = None
) -> Result:
    """Check every file, then the rules that look across files, then apply the config.

    Each valid plan goes through `digest` as soon as it is checked and is then let go:
    the result holds findings and digests, never the plans.
    """
    checked = [check_file(path, settings).digested(digest) for path in files]
    return finish(checked, settings)


def finish(checked: list[PlanFile], settings: Settings) -> Result:
    """Add the cross-file findings, apply `ignore`/`severity`, and sort everything."""
    _cross_file(checked, settings)
    config = settings.config
    found = list(settings.config_diagnostics)
    for plan_file in checked:
        plan_file.diagnostics = _configured(plan_file.diagnostics, config)
        found.extend(plan_file.diagnostics)
    found += _configured(_roster_findings(checked, settings), config)
    found.sort(key=Diagnostic.sort_key)
    return Result(settings, checked, found)


def _cross_file(checked: list[PlanFile], settings: Settings) -> None:
    msg = settings.msg
    owners: dict[str, PlanFile] = {}
    roster = settings.config.roster
    known = {entry.id for entry in roster} if roster is not None else None
    for plan_file in checked:
        union_id = plan_file.union_id
        if union_id is None:
            continue
        line, column = plan_file.union_position
        first = owners.setdefault(union_id, plan_file)
        if first is not plan_file:
            fields = {"id": union_id, "other": first.name}
            plan_file.diagnostics.append(
                make_diagnostic(
                    msg, plan_file.name, "duplicate-id", "union", line, column, fields, "union_file"
                )
            )
        if known is not None and union_id not in known:
            close = difflib.get_close_matches(union_id, sorted(known), n=1)
            hint = "did_you_mean" if close else "roster"
            fields = {"id": union_id, "config": display(settings.config_path or Path())}
            plan_file.diagnostics.append(
                make_diagnostic(
                    msg,
                    plan_file.name,
                    "unknown-union",
                    "unknown",
                    line,
                    column,
                    fields,
                    hint,
                    {"suggestion": close[0] if close else "", **fields},
                )
            )


def _roster_findings(checked: list[PlanFile], settings: Settings) -> list[Diagnostic]:
    roster = settings.config.roster
    if roster is None or settings.config_path is None or not settings.folders_checked:
        return []
    filed = {f.union_id for f in checked}
    name = display(settings.config_path)
    found = []
    for index, entry in enumerate(roster):
        if entry.id not in filed:
            doc = settings.config_doc
            line, column = doc.position(("roster", index)) if doc else (None, None)
            fields = {"id": entry.id, "name": entry.name}
            found.append(
                make_diagnostic(
                    settings.msg, name, "missing-plan", "missing", line, column, fields, "new_plan"
                )
            )
    return found


def _configured(found: list[Diagnostic], config: Config) -> list[Diagnostic]:
    """Drop ignored rules and apply per-rule severity overrides."""
    if not config.ignore and not config.severity:
        return found
    ignored = set(config.ignore)
    result = []
    for diagnostic in found:
        if diagnostic.rule in ignored:
            continue
        override = config.severity.get(diagnostic.rule)
        result.append(
            diagnostic if override is None else replace(diagnostic, severity=Severity(override))
        )
    return result
