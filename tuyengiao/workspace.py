"""A workspace run: every plan file read, checked, then the rules across files.

The pure core behind `check`, `status` and `report`: it takes the files and the
resolved `Settings` (`tuyengiao.config`); only the CLI reads the clock and the
environment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from tuyengiao.config import Settings
from tuyengiao.diagnostics import Diagnostic, Severity, Summary
from tuyengiao.files import ReadError, display, read_bytes
from tuyengiao.models import Config, Plan
from tuyengiao.read.document import Document, parse
from tuyengiao.read.fast import read
from tuyengiao.read.validate import validate
from tuyengiao.rules.findings import problem_diagnostic, read_error
from tuyengiao.rules.plan import check_plan
from tuyengiao.rules.workspace import cross_file, roster_findings


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


def check_file(path: Path, settings: Settings) -> PlanFile:
    """Read, validate and check one plan file; never raises for what the file holds."""
    msg, name = settings.msg, display(path)
    try:
        data = read_bytes(path)
    except ReadError as error:
        return PlanFile(
            path, name, [read_error(msg, name, error)], unreadable=error.kind != "too_large"
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
    cross_file(checked, settings)
    config = settings.config
    found = list(settings.config_diagnostics)
    for plan_file in checked:
        plan_file.diagnostics = _configured(plan_file.diagnostics, config)
        found.extend(plan_file.diagnostics)
    found += _configured(roster_findings(checked, settings), config)
    found.sort(key=Diagnostic.sort_key)
    return Result(settings, checked, found)


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
