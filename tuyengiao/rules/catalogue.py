"""Rules over a guidance catalogue on its own: what a plan's checks rely on it for.

A catalogue is a workspace's own file from its second year on: one whose task names
a metric it does not define, numbers two tasks alike, or sets a deadline outside its
year would silently mislead every plan checked against it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tuyengiao.dates import format_vi
from tuyengiao.diagnostics import Diagnostic
from tuyengiao.i18n import Messages
from tuyengiao.models import Guidance
from tuyengiao.read.document import Document, Path
from tuyengiao.rules.findings import make_diagnostic


def catalogue_findings(
    guidance: Guidance, doc: Document, file: str, msg: Messages
) -> list[Diagnostic]:
    """Every inconsistency of `guidance`, read from `doc` (the file named `file`)."""
    return list(_findings(guidance, doc, file, msg))


#: The key of each list of a catalogue, and how a key said twice is told (kind, hint).
_KEYS = {
    "metrics": ("id", "catalogue_metric", "unique_id"),
    "tasks": ("number", "catalogue_task", "unique_task"),
}


def _findings(guidance: Guidance, doc: Document, file: str, msg: Messages) -> Iterator[Diagnostic]:
    def report(rule: str, kind: str, path: Path, hint: str, **fields: object) -> Diagnostic:
        line, column = doc.position(path)
        return make_diagnostic(msg, file, rule, kind, line, column, fields, hint)

    def again(firsts: dict[Any, int], items: str, index: int, key: object) -> Iterator[Diagnostic]:
        """A duplicate-id when an item before `items[index]` has its key."""
        name, kind, hint = _KEYS[items]
        first = firsts.setdefault(key, index)
        if first != index:
            line, _ = doc.position((items, first, name))
            yield report(
                "duplicate-id", kind, (items, index, name), hint, **{name: key}, first_line=line
            )

    metrics: dict[str, int] = {}
    for index, metric in enumerate(guidance.metrics):
        yield from again(metrics, "metrics", index, metric.id)
    known = ", ".join(metrics)
    numbers: dict[int, int] = {}
    for index, task in enumerate(guidance.tasks):
        yield from again(numbers, "tasks", index, task.number)
        # Every metric the task names: its own list, a reach, totals to reach.
        named: list[tuple[str, Path]] = [
            (name, ("metrics", step)) for step, name in enumerate(task.metrics)
        ]
        targets = task.targets
        if targets is not None:
            named += [(name, ("targets", "totals", name)) for name in targets.totals or {}]
            if targets.reach is not None:
                named.append((targets.reach.metric, ("targets", "reach", "metric")))
        for name, where in named:
            if name not in metrics:
                yield report(
                    "invalid-value", "catalogue_metric", ("tasks", index, *where),
                    "metrics", value=name, task=task.number, allowed=known,
                )  # fmt: skip
        if task.deadline is not None and task.deadline.year != guidance.year:
            yield report(
                "invalid-value", "catalogue_deadline", ("tasks", index, "deadline"),
                "catalogue_year", task=task.number, deadline=format_vi(task.deadline),
                year=guidance.year,
            )  # fmt: skip
