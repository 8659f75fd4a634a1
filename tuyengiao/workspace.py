"""A workspace run: every plan file read, checked, then the rules across files.

The pure core behind `check`, `status` and `report`: it takes the files and the
resolved `Settings` (`tuyengiao.config`); only the CLI reads the clock and the
environment.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tuyengiao.config import Settings
from tuyengiao.diagnostics import Diagnostic, Severity, Summary
from tuyengiao.files import ReadError, display, plan_like, read_bytes
from tuyengiao.i18n import Messages
from tuyengiao.models import SLUG, Activity, CentralNotes, Config, Plan, UnionInfo
from tuyengiao.read import WORKBOOK_SUFFIXES, Reading, read_file
from tuyengiao.rules.findings import make_diagnostic, read_error
from tuyengiao.rules.plan import Context, Target, check_plan
from tuyengiao.rules.workspace import cross_file, roster_findings

if TYPE_CHECKING:
    from tuyengiao.obligations import Standing

#: What one file reports at most: a file of 20,000 mistakes lists its first 200 and one
#: finding that counts the rest. The README's reliability section says so.
MAX_FINDINGS_PER_FILE = 200


@dataclass(slots=True)
class PlanFile:
    """One plan file after checking: its findings, and what of its plan may be counted.

    `plan` holds the union, the guidance and the activities that `status` and `report`
    count: every activity that is valid on its own. `left_out` names, by its first
    error, each activity left out; `excluded` is the first error when the plan cannot
    be counted at all (its union or guidance unreadable, or the union's id taken by
    another file). `check_workspace` replaces the plan by its digest (`digested`), so
    no run keeps every plan alive at once.
    """

    path: Path
    name: str
    diagnostics: list[Diagnostic]
    plan: Plan | None = None
    union_id: str | None = None
    union_position: tuple[int | None, int | None] = (None, None)
    #: The cell of the union's id, in a workbook (findings about the union go there).
    union_cell: str | None = None
    unreadable: bool = False
    #: What the run's `Digest` made of the plan (None without a plan or a hook).
    digest: object = None
    left_out: tuple[Diagnostic, ...] = ()
    #: The tasks of the activities left out: covered in the plan, though not counted.
    left_out_tasks: frozenset[int] = frozenset()
    excluded: Diagnostic | None = None
    #: The guidance the plan names (None when that cannot be read).
    guidance_id: str | None = None
    #: A `reports/<period>.yaml` of the central department, checked, never counted.
    notes: bool = False
    #: For a file that looks like a plan under another extension (`cd-x.yaml.txt`): the
    #: name it should have (`cd-x.yaml`). It is named by `file-name`, never read.
    unread_as: str | None = None
    #: For a second file of one union and guidance: the file used instead (this one
    #: is a copy, left out of every figure; `duplicate-id` says so).
    copy_of: str | None = None
    #: The other files that claim this file's union and guidance when none of them is
    #: surely the plan: `report` and `status` refuse to choose (exit 2).
    rivals: tuple[str, ...] = ()
    #: The roster union this file was filed for (its id, or its file name when its id
    #: is a typo): the union is not missing, whatever else is wrong with the file.
    filed_as: str | None = None
    #: The union's report for each period of `reporting:` (empty without it).
    standings: tuple[Standing, ...] = ()

    @property
    def has_errors(self) -> bool:
        """Whether any finding is an error (after severity overrides)."""
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def counted(self) -> bool:
        """Whether `status` and `report` count (the valid activities of) this plan."""
        return self.digest is not None and self.excluded is None

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
        read = sum(f.unread_as is None for f in self.files)  # a `cd-x.docx` is named, not read
        return Summary.of(read, self.diagnostics)

    @property
    def unreadable(self) -> bool:
        """Whether some input could not be read at all (exit code 2)."""
        return any(f.unreadable for f in self.files)


def check_file(path: Path, settings: Settings) -> PlanFile:
    """Read and check one plan file; never raises for what the file holds.

    Every problem of the file is found in one run: the rules see whatever of the plan
    could be read (`tuyengiao.read.read_file` recovers it field by field).
    """
    msg, name = settings.msg, display(path)
    if settings.escapes(path):  # a link out of the workspace: refused unread
        refused = make_diagnostic(msg, name, "unreadable", "outside", None, None, {}, "outside")
        return PlanFile(path, name, [refused], unreadable=True)
    try:
        data = read_bytes(path)
    except ReadError as error:
        return PlanFile(
            path, name, [read_error(msg, name, error)], unreadable=error.kind != "too_large"
        )
    if settings.is_notes(path):
        return PlanFile(path, name, _notes_findings(path, data, name, settings), notes=True)
    reading = read_file(Plan, data, name, msg)
    # A workbook's zip says nothing as text: its union is read from its cells or not at all.
    text = b"" if path.suffix.lower() in WORKBOOK_SUFFIXES else data
    return check_reading(path, name, reading, settings, text)


def check_reading(
    path: Path, name: str, reading: Reading[Plan], settings: Settings, data: bytes = b""
) -> PlanFile:
    """Check a plan already read (a YAML file, or a workbook: `tuyengiao import`); `data`,
    the file's text, names the union and guidance of a file that does not parse."""
    msg = settings.msg
    every: Iterable[Diagnostic] = reading.findings
    plan = reading.value
    guidance_id = plan.guidance if plan is not None and reading.known(plan, "guidance") else None
    if plan is not None:
        recovered = None if reading.recovery is None else reading
        context = settings.context_for(guidance_id)
        target = Target(plan, reading.doc, name, context, recovered)
        rules = check_plan(target)
        if reading.doc.masked:
            rules = (finding for finding in rules if not reading.spurious(finding))
        every = itertools.chain(every, rules)
    unlisted = reading.recovery.unlisted if reading.recovery is not None else 0
    found = _capped(_configured(every, settings.config), unlisted, name, msg)
    union_id, union_position = _union_of(reading)
    if union_id is None:  # the file does not parse: it is still a filed plan
        union_id, union_position = _union_in_text(data, path)
    if guidance_id is None:
        guidance_id = _guidance_in_text(data)
    counted, left_out, excluded = _countable(reading, found)
    # A workbook's positions become cells only now: `_countable` tells activities apart
    # by the stand-in lines its document gave (`tuyengiao.read.workbook`).
    locate = reading.doc.locate
    row, column, union_cell = reading.doc.place(*union_position)
    owed = _standings(counted, settings.context_for(guidance_id))
    return PlanFile(
        path,
        name,
        [locate(d) for d in found],
        counted,
        union_id,
        (row, column),
        union_cell,
        left_out=tuple(locate(d) for d in left_out.errors),
        left_out_tasks=left_out.tasks,
        excluded=None if excluded is None else locate(excluded),
        guidance_id=guidance_id,
        standings=owed,
    )


def _standings(plan: Plan | None, context: Context) -> tuple[Standing, ...]:
    """The counted plan's report for each scheduled period of its year."""
    if plan is None or context.schedule is None or context.guidance is None:
        return ()
    from tuyengiao.obligations import standings  # only with `reporting:` (see config)

    year = context.guidance.year
    return standings(
        plan.reports, plan.updated, plan.activities, context.schedule, year, context.today
    )


def _notes_findings(path: Path, data: bytes, name: str, settings: Settings) -> list[Diagnostic]:
    """A `reports/<period>.yaml` of the central department: its format, and its name."""
    from tuyengiao.periods import PeriodError, parse_period

    reading = read_file(CentralNotes, data, name, settings.msg, empty=CentralNotes())
    found = configured(reading.findings, settings.config)
    try:
        parse_period(path.stem, settings.config.period_rule)
    except PeriodError:
        fields = {"value": path.stem, "year": settings.today.year}
        found.append(
            make_diagnostic(
                settings.msg, name, "invalid-value", "notes_name", None, None, fields, "period"
            )
        )
    return sorted(found, key=Diagnostic.sort_key)


def _capped(
    found: Iterable[Diagnostic], unlisted: int, name: str, msg: Messages
) -> list[Diagnostic]:
    """The first `MAX_FINDINGS_PER_FILE` findings in order, and one that counts the rest.

    Taken in batches, each trimmed to the first ones: 100,000 unknown metric names make
    100,000 findings, of which at most a thousand are in memory at once. A file of
    a dozen findings, the usual case, is one batch sorted once, where a generator
    counting every finding on its way to `heapq.nsmallest` took 1,000 findings-heavy
    plans 10-12 ms, now 2.5 ms (valid plans: 4.5-4.9 ms, now 1.3 ms; in-process CPU).
    """
    key = Diagnostic.sort_key
    batches = iter(found)
    kept: list[Diagnostic] = []
    count = 0
    # The errors and the worst severity among the findings trimmed away.
    dropped_errors, dropped_rank = 0, Severity.INFO.rank
    while batch := list(itertools.islice(batches, _BATCH)):
        count += len(batch)
        kept += batch
        if len(kept) > MAX_FINDINGS_PER_FILE:
            # `nsmallest` keeps equal keys in the order found, and what it kept came
            # before this batch: the first ones of the whole, as one sort gives them.
            first = heapq.nsmallest(MAX_FINDINGS_PER_FILE, kept, key=key)
            ids = {id(d) for d in first}
            for diagnostic in kept:
                if id(diagnostic) not in ids:
                    dropped_errors += diagnostic.severity is Severity.ERROR
                    dropped_rank = min(dropped_rank, diagnostic.severity.rank)
            kept = first
        if len(batch) < _BATCH:
            break
    kept.sort(key=key)
    rest = count - len(kept) + unlisted
    if rest <= 0:
        return kept
    fields = {"count": rest, "limit": MAX_FINDINGS_PER_FILE}
    note = make_diagnostic(msg, name, "too-complex", "findings", None, None, fields, "findings")
    # As grave as the worst it stands for: 10,000 warnings must not fail `check`, and
    # one error among them must (errors the walk only counted are errors).
    if unlisted or dropped_errors:
        worst = Severity.ERROR
    else:
        ranks = [dropped_rank, *(d.severity.rank for d in kept)]
        worst = _BY_RANK[min(ranks)]
    return [replace(note, severity=worst), *kept]


#: How many findings of a file are taken at a time (see `_capped`).
_BATCH = 4 * MAX_FINDINGS_PER_FILE
_BY_RANK = {severity.rank: severity for severity in Severity}


def _union_of(reading: Reading[Plan]) -> tuple[str | None, tuple[int | None, int | None]]:
    """The union id as written, even when it is not a valid id (for cross-file rules)."""
    plan = reading.value
    union = getattr(plan, "union", None)
    if union is not None and reading.known(union, "id"):
        return union.id, reading.doc.position(("union", "id"))
    data = reading.doc.data
    if isinstance(data, dict):
        raw = data.get("union")
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            return raw["id"], reading.doc.position(("union", "id"))
    return None, (None, None)


#: `union:` then, indented under it, `id: x` (or `union: {id: x, …}`), as written.
_UNION_BLOCK = re.compile(
    rb"^union[ \t]*:[ \t]*(?:#[^\n]*)?\r?\n((?:[ \t]+[^\n]*\r?\n?|[ \t]*\r?\n)*)", re.M
)
_UNION_FLOW = re.compile(rb"^union[ \t]*:[ \t]*\{[^}\n]*?\bid[ \t]*:[ \t]*", re.M)
_ID_LINE = re.compile(rb"^[ \t]+id[ \t]*:[ \t]*", re.M)
_VALUE = re.compile(rb"[\"']?([A-Za-z0-9][A-Za-z0-9-]*)")
_GUIDANCE = re.compile(rb"^guidance[ \t]*:[ \t]*[\"']?([A-Za-z0-9][\w.-]*)", re.M)


def _union_in_text(data: bytes, path: Path) -> tuple[str | None, tuple[int | None, int | None]]:
    """The union id of a plan that could not be read: from its text, else its file name.

    A plan with one Tab or one syntax error is still the union's plan: called missing,
    it was told to run `tuyengiao new`, which would have replaced it.
    """
    block = _UNION_BLOCK.search(data)
    at = None
    if block is not None:
        inner = _ID_LINE.search(data, block.start(1), block.end(1))
        at = inner.end() if inner is not None else None
    if at is None:
        flow = _UNION_FLOW.search(data)
        at = flow.end() if flow is not None else None
    if at is not None:
        value = _VALUE.match(data, at)
        if value is not None:
            line = data.count(b"\n", 0, value.start(1)) + 1
            column = value.start(1) - (data.rfind(b"\n", 0, value.start(1)) + 1) + 1
            return value.group(1).decode("ascii"), (line, column)
    if SLUG.fullmatch(path.stem):
        return path.stem, (None, None)
    return None, (None, None)


def _guidance_in_text(data: bytes) -> str | None:
    """The guidance id of a plan whose `guidance:` could not be read, as written."""
    found = _GUIDANCE.search(data)
    return found.group(1).decode("ascii") if found is not None else None


@dataclass(frozen=True, slots=True)
class Left:
    """The activities of a counted plan left out: the first error of each, and their tasks."""

    errors: tuple[Diagnostic, ...] = ()
    tasks: frozenset[int] = frozenset()


def _countable(
    reading: Reading[Plan], found: list[Diagnostic]
) -> tuple[Plan | None, Left, Diagnostic | None]:
    """The plan as `status` and `report` count it, the activities left out, or why none.

    An activity is counted when all its fields are valid and no error lies inside it
    (an unknown extra key aside: its fields are all there). The plan is counted when
    its union, its guidance and its list of activities are readable.
    """
    plan = reading.value
    errors = [d for d in found if d.severity is Severity.ERROR]
    union = getattr(plan, "union", None)
    if (
        plan is None
        or union is None
        or not reading.known(union, "id", "name")
        or not reading.known(plan, "guidance")
        or not hasattr(plan, "activities")  # no readable list of activities at all
    ):
        return None, Left(), errors[0] if errors else None
    items: list[Activity] = getattr(plan, "activities", None) or []
    complete = reading.recovery.complete if reading.recovery is not None else None
    if not errors:
        # No error to place: every activity read whole is counted, the rest are left out
        # unnamed (their errors ignored by the config). What a valid plan costs here.
        kept = list(items) if complete is None else [a for a in items if complete(a)]
        return _counted(reading, plan, union, kept), Left(), None
    places = list(reading.indices(items))
    starts = reading.doc.item_lines(("activities",))
    own: dict[int, Diagnostic] = {}  # file index of an activity → its first error
    if starts:
        for diagnostic in errors:
            if diagnostic.line is None or diagnostic.rule == "unknown-field":
                continue
            at = bisect.bisect_right(starts, diagnostic.line) - 1
            if at >= 0 and diagnostic.line >= starts[0]:
                own.setdefault(at, diagnostic)
    kept = []
    left_out: list[Diagnostic] = []
    tasks: set[int] = set()
    for place, activity in zip(places, items, strict=True):
        first = own.get(place)
        if first is None and complete is not None and not complete(activity):
            first = errors[0]  # its error lies elsewhere (an alias)
        if first is None:
            kept.append(activity)
        else:
            left_out.append(first)
            if reading.known(activity, "task"):  # it still covers its task, as in `check`
                tasks.add(activity.task)
    unreadable = sorted(set(range(len(starts))) - set(places))  # not even a mapping
    left_out += [own[index] for index in unreadable if index in own]
    return _counted(reading, plan, union, kept), Left(tuple(left_out), frozenset(tasks)), None


def _counted(reading: Reading[Plan], plan: Plan, union: UnionInfo, kept: list[Activity]) -> Plan:
    """The plan `status` and `report` count: its union and guidance, `kept` activities."""
    return Plan(
        version=1,
        guidance=plan.guidance,
        union=union,
        activities=kept,
        updated=plan.updated if reading.known(plan, "updated") else None,
        reports=plan.reports if reading.known(plan, "reports") else None,
    )


def check_workspace(
    files: Iterable[Path],
    settings: Settings,
    *,
    digest: Digest | None = None,
    unread: Iterable[Path] = (),
) -> Result:
    """Check every file, then the rules that look across files, then apply the config.

    Each valid plan goes through `digest` as soon as it is checked and is then let go:
    the result holds findings and digests, never the plans. `unread` are the files
    that look like plans under another extension (`Found.unread`): named, not read.
    """
    checked = [check_file(path, settings).digested(digest) for path in files]
    return finish(checked, settings, unread)


def finish(checked: list[PlanFile], settings: Settings, unread: Iterable[Path] = ()) -> Result:
    """Add the cross-file findings, apply `ignore`/`severity`, and sort everything."""
    for path in unread:
        checked.append(PlanFile(path, display(path), [], unread_as=plan_like(path.name)))
    cross_file(checked, settings)
    checked = [f for f in checked if f.unread_as is None or f.diagnostics]  # named, or none
    config = settings.config
    found = list(settings.config_diagnostics)
    for plan_file in checked:
        plan_file.diagnostics = configured(plan_file.diagnostics, config)
        found.extend(plan_file.diagnostics)
    found += configured(roster_findings(checked, settings), config)
    found.sort(key=Diagnostic.sort_key)
    return Result(settings, checked, found)


def configured(found: Iterable[Diagnostic], config: Config) -> list[Diagnostic]:
    """Drop ignored rules and apply per-rule severity overrides."""
    return list(_configured(found, config))


def _configured(found: Iterable[Diagnostic], config: Config) -> Iterable[Diagnostic]:
    if not config.ignore and not config.severity:
        return found  # as they are: no generator step per finding
    return _overridden(found, config)


def _overridden(found: Iterable[Diagnostic], config: Config) -> Iterator[Diagnostic]:
    ignored = set(config.ignore)
    for diagnostic in found:
        if diagnostic.rule in ignored:
            continue
        override = config.severity.get(diagnostic.rule)
        yield diagnostic if override is None else replace(diagnostic, severity=Severity(override))
