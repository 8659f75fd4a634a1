"""Results measured against something: targets set, unions expected, members counted.

The figures of `status` and `report` are absolute counts (`tuyengiao.report.context`);
this module adds what they are measured against, each only where its whole exists:

- a task's **coverage**: the unions with a non-cancelled activity of it, of the unions
  expected (the roster's for the year, else the plans in the report), and the
  catalogue's coverage target when it sets one;
- a task's results **against the targets** of the activities done in the period that
  carry one (`target:`), metric by metric;
- a task's **reach**, where the catalogue sets one: a metric summed since the start of
  the year over the unions that give their members, as a share of those members;
- a union's activities done in the period with a target: how many met it, and its
  results against its own targets;
- a task's results in the period against the **same period of the previous year**,
  when the workspace holds that year's catalogue and plans, for the metrics both
  catalogues define (and whether the task of that number was another one then).

Rates come from `tuyengiao.rates`: never a division by zero, never a rate over a
target nobody set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from tuyengiao.models import Guidance, Metric, Task, index_by
from tuyengiao.rates import Rate, rate


class TaskFigures(Protocol):
    """What the measures read of one task of a digested plan (`digest.TaskDigest`)."""

    @property
    def results(self) -> Mapping[str, int]: ...
    @property
    def results_year(self) -> Mapping[str, int]: ...
    @property
    def target(self) -> Mapping[str, int] | None: ...
    @property
    def reached(self) -> Mapping[str, int] | None: ...


class Digested(Protocol):
    """What the measures read of a digested plan (`digest.PlanDigest`): named here, not
    imported, so that the figures model may name `Measures` without an import cycle."""

    @property
    def union_id(self) -> str: ...
    @property
    def members(self) -> int | None: ...
    @property
    def tasks(self) -> Mapping[int, TaskFigures]: ...
    @property
    def targets(self) -> tuple[int, int, dict[str, int], dict[str, int]]: ...
    def engages(self, task: int) -> bool: ...


def add_results(results: Iterable[Mapping[str, int] | None]) -> dict[str, int]:
    """`{metric id: sum}` over several figures (None counts as nothing)."""
    totals: dict[str, int] = {}
    for found in results:
        for metric, value in (found or {}).items():
            totals[metric] = totals.get(metric, 0) + value
    return totals


@dataclass(frozen=True, slots=True)
class TargetSum:
    """One metric's results against the targets set for it (target > 0)."""

    id: str
    label: str
    unit: str | None
    target: int
    reached: int

    @property
    def rate(self) -> Rate:
        """The share of the target reached."""
        return Rate(self.reached, self.target)

    def to_json(self) -> dict[str, object]:
        """`{metric, target, reached, percent}`."""
        return {
            "metric": self.id,
            "target": self.target,
            "reached": self.reached,
            "percent": self.rate.percent,
        }


@dataclass(frozen=True, slots=True)
class Reach:
    """A metric since the start of the year as a share of the members of the unions."""

    id: str
    label: str
    reached: int
    members: int
    target: int

    @property
    def rate(self) -> Rate:
        """The share of the members reached."""
        return Rate(self.reached, self.members)

    def to_json(self) -> dict[str, object]:
        """`{metric, reached, members, percent, target_percent}`."""
        return {
            "metric": self.id,
            "reached": self.reached,
            "members": self.members,
            "percent": self.rate.percent,
            "target_percent": self.target,
        }


@dataclass(frozen=True, slots=True)
class Change:
    """One metric of a task in the period and in the same period a year earlier."""

    id: str
    label: str
    now: int
    before: int

    @property
    def percent(self) -> Rate | None:
        """The change as a share of the year before (None when there was nothing then)."""
        if not self.before:
            return None
        return Rate(abs(self.now - self.before), self.before)

    def to_json(self) -> dict[str, object]:
        """`{metric, now, before, change_percent}` (the change signed, in per cent)."""
        change = self.percent
        signed = None if change is None else change.percent * (1 if self.now >= self.before else -1)
        return {"metric": self.id, "now": self.now, "before": self.before, "change_percent": signed}


@dataclass(frozen=True, slots=True)
class Comparison:
    """A task's results against the same period of the previous year."""

    year: int
    period_id: str
    period_label: str
    changes: tuple[Change, ...]
    #: The task of the same number in the previous year's catalogue, when it was another.
    was: str | None = None

    def to_json(self) -> dict[str, object]:
        """The `previous_year` object of a task's measures."""
        return {
            "year": self.year,
            "period": self.period_id,
            "task_changed": self.was is not None,
            "previous_title": self.was,
            "results": [change.to_json() for change in self.changes],
        }


@dataclass(frozen=True, slots=True)
class TaskMeasures:
    """One task of the catalogue measured across every included plan."""

    number: int
    engaged: int
    expected: int
    #: The catalogue's coverage target in per cent, if it sets one.
    coverage_target: int | None
    targets: tuple[TargetSum, ...]
    reach: Reach | None
    previous: Comparison | None = None

    @property
    def coverage(self) -> Rate | None:
        """The unions engaged, of the unions expected (None when none are expected)."""
        return rate(self.engaged, self.expected)

    def to_json(self) -> dict[str, object]:
        """One item of `measures.tasks`."""
        coverage = self.coverage
        return {
            "number": self.number,
            "unions_engaged": self.engaged,
            "unions_expected": self.expected,
            "coverage_percent": coverage.percent if coverage else None,
            "coverage_target_percent": self.coverage_target,
            "targets": [found.to_json() for found in self.targets],
            "reach": self.reach.to_json() if self.reach else None,
            "previous_year": self.previous.to_json() if self.previous else None,
        }


@dataclass(frozen=True, slots=True)
class UnionMeasures:
    """One union's activities done in the period against their own targets."""

    id: str
    targets_set: int
    targets_met: int
    targets: tuple[TargetSum, ...]

    @property
    def met(self) -> Rate | None:
        """The activities that met their target, of those that set one."""
        return rate(self.targets_met, self.targets_set)

    def to_json(self) -> dict[str, object]:
        """One item of `measures.unions`."""
        return {
            "id": self.id,
            "activities_with_target": self.targets_set,
            "activities_target_met": self.targets_met,
            "targets": [found.to_json() for found in self.targets],
        }


@dataclass(frozen=True, slots=True)
class Measures:
    """Every rate of a report or of the status dashboard."""

    tasks: tuple[TaskMeasures, ...]
    #: In the order of the report's unions.
    unions: tuple[UnionMeasures, ...]

    def task(self, number: int) -> TaskMeasures | None:
        """The measures of task `number`."""
        return index_by(self.tasks, "number").get(number)

    def union(self, union_id: str) -> UnionMeasures | None:
        """The measures of the union `union_id`."""
        return index_by(self.unions, "id").get(union_id)

    def to_json(self) -> dict[str, object]:
        """The `measures` object of the JSON documents."""
        return {
            "tasks": [task.to_json() for task in self.tasks],
            "unions": [union.to_json() for union in self.unions],
        }


def measure(
    digests: Sequence[Digested], guidance: Guidance, expected: int | None, english: bool
) -> Measures:
    """The measures of `digests` (the report's plans, in its order) against `guidance`.

    `expected` is the number of unions the roster expects for the year (None without a
    roster: then the plans in the report are the unions expected).
    """
    metrics = {metric.id: metric for metric in guidance.metrics}
    whole = len({digest.union_id for digest in digests}) if expected is None else expected
    tasks = tuple(_task(task, digests, metrics, whole, english) for task in guidance.tasks)
    unions = tuple(_union(digest, metrics, english) for digest in digests)
    return Measures(tasks, unions)


def compare(
    measures: Measures,
    now: Sequence[Digested],
    before: Sequence[Digested],
    guidance: Guidance,
    previous: Guidance,
    period: tuple[str, str],
    english: bool,
) -> Measures:
    """`measures` with each task's results compared with `before` (the same period of the
    previous year, digested against `previous`), metric by metric for the metrics both
    catalogues define; a task is compared only when the previous catalogue has its number."""
    shared = {metric.id for metric in previous.metrics}
    metrics = [metric for metric in guidance.metrics if metric.id in shared]
    tasks = []
    for task in measures.tasks:
        earlier = previous.task(task.number)
        if earlier is None:
            tasks.append(task)
            continue
        current = guidance.task(task.number)
        now_sums = add_results(d.tasks[task.number].results for d in now if task.number in d.tasks)
        before_sums = add_results(
            d.tasks[task.number].results for d in before if task.number in d.tasks
        )
        changes = tuple(
            Change(metric.id, _label(metric, english), now_sums.get(metric.id, 0), old)
            for metric in metrics
            if (old := before_sums.get(metric.id, 0)) or now_sums.get(metric.id, 0)
        )
        title = (earlier.title_en if english else earlier.title) if earlier else None
        changed = current is not None and earlier.title != current.title
        comparison = Comparison(
            previous.year, period[0], period[1], changes, title if changed else None
        )
        tasks.append(replace(task, previous=comparison))
    return replace(measures, tasks=tuple(tasks))


def _task(
    task: Task,
    digests: Sequence[Digested],
    metrics: Mapping[str, Metric],
    expected: int,
    english: bool,
) -> TaskMeasures:
    number = task.number
    mine = [digest.tasks[number] for digest in digests if number in digest.tasks]
    engaged = {digest.union_id for digest in digests if digest.engages(number)}
    targets = _sums(
        add_results(found.target for found in mine),
        add_results(found.reached for found in mine),
        metrics,
        english,
    )
    wanted = task.targets
    return TaskMeasures(
        number=number,
        engaged=len(engaged),
        expected=expected,
        coverage_target=wanted.coverage if wanted else None,
        targets=targets,
        reach=_reach(number, wanted.reach.metric, wanted.reach.percent, digests, metrics, english)
        if wanted and wanted.reach
        else None,
    )


def _reach(
    number: int,
    metric_id: str,
    percent: int,
    digests: Iterable[Digested],
    metrics: Mapping[str, Metric],
    english: bool,
) -> Reach | None:
    """The metric since 1 January over the unions that give their members, of those."""
    metric = metrics.get(metric_id)
    if metric is None:
        return None
    members = reached = 0
    for digest in digests:
        if not digest.members:
            continue  # a union that does not say its members is measured against nothing
        members += digest.members
        found = digest.tasks.get(number)
        reached += found.results_year.get(metric_id, 0) if found else 0
    if not members:
        return None
    return Reach(metric.id, _label(metric, english), reached, members, percent)


def _union(digest: Digested, metrics: Mapping[str, Metric], english: bool) -> UnionMeasures:
    count, met, target, reached = digest.targets
    return UnionMeasures(digest.union_id, count, met, _sums(target, reached, metrics, english))


def _sums(
    target: Mapping[str, int],
    reached: Mapping[str, int],
    metrics: Mapping[str, Metric],
    english: bool,
) -> tuple[TargetSum, ...]:
    """Per metric of the catalogue (in its order) with a target above zero."""
    return tuple(
        TargetSum(
            metric.id, _label(metric, english), metric.unit, wanted, reached.get(metric.id, 0)
        )
        for metric in metrics.values()
        if (wanted := target.get(metric.id, 0)) > 0
    )


def _label(metric: Metric, english: bool) -> str:
    return metric.label_en if english else metric.label
