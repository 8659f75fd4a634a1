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
  results against its own targets.

Rates come from `tuyengiao.rates`: never a division by zero, never a rate over a
target nobody set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tuyengiao.models import Guidance, Metric, Task
from tuyengiao.rates import Rate, rate
from tuyengiao.report.digest import PlanDigest, add_results


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
class TaskMeasures:
    """One task of the catalogue measured across every included plan."""

    number: int
    engaged: int
    expected: int
    #: The catalogue's coverage target in per cent, if it sets one.
    coverage_target: int | None
    targets: tuple[TargetSum, ...]
    reach: Reach | None

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
        return next((task for task in self.tasks if task.number == number), None)

    def union(self, union_id: str) -> UnionMeasures | None:
        """The measures of the union `union_id`."""
        return next((union for union in self.unions if union.id == union_id), None)

    def to_json(self) -> dict[str, object]:
        """The `measures` object of the JSON documents."""
        return {
            "tasks": [task.to_json() for task in self.tasks],
            "unions": [union.to_json() for union in self.unions],
        }


def measure(
    digests: Sequence[PlanDigest], guidance: Guidance, expected: int | None, english: bool
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


def _task(
    task: Task,
    digests: Sequence[PlanDigest],
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
    digests: Iterable[PlanDigest],
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


def _union(digest: PlanDigest, metrics: Mapping[str, Metric], english: bool) -> UnionMeasures:
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
