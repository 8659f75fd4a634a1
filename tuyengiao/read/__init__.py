"""Reading the files users write: YAML bytes → nodes with positions → models.

`read_file` is the one entry. It alone knows that there are two paths behind it:

- the fast path (`tuyengiao.read.fast`): a valid, plainly written file read straight
  from its YAML nodes into the models — most files, and the cheap case;
- the validating path (`tuyengiao.read.validate`): plain values built from the nodes
  (`tuyengiao.read.document`), then read field by field, every error a located
  finding and whatever is valid recovered.

Both follow one module of scalar rules (`tuyengiao.read.scalars`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tuyengiao.diagnostics import Diagnostic
from tuyengiao.i18n import Messages
from tuyengiao.read.document import Document, parse
from tuyengiao.read.fast import read
from tuyengiao.read.validate import Recovery, recover
from tuyengiao.rules.findings import problem_diagnostic

M = TypeVar("M")

__all__ = ["Reading", "read_file"]


@dataclass(slots=True)
class Reading(Generic[M]):
    """One file read as a model: the value, or what could be recovered, and its findings.

    `value` is None when nothing of the model could be read (not YAML, not a mapping).
    With `recovery` set, `value` may be incomplete: an instance of a model whose
    required fields were invalid lacks them, and `known` says which fields to trust.
    """

    doc: Document
    value: M | None
    findings: list[Diagnostic]
    recovery: Recovery | None = None

    @property
    def complete(self) -> bool:
        """Whether the whole file was valid as the model."""
        return self.value is not None and (
            self.recovery is None or self.recovery.complete(self.value)
        )

    def known(self, instance: object, *fields: str) -> bool:
        """Whether these fields of `instance` (part of `value`) were read."""
        return self.recovery is None or self.recovery.known(instance, *fields)

    def spurious(self, finding: Diagnostic) -> bool:
        """Whether a rule's finding may come of lines blanked to read past syntax errors.

        A blanked line may have held an activity's task: no task is called uncovered then.
        """
        return bool(self.doc.masked) and (
            finding.rule == "task-uncovered" or self.doc.caused_by_mask(finding.line)
        )

    def indices(self, items: list[Any]) -> list[int] | range:
        """Where each item of a list of `value` stood in the file (items may be left out)."""
        return range(len(items)) if self.recovery is None else self.recovery.indices(items)


def read_file(
    model: type[M], data: bytes, file: str, msg: Messages, *, empty: M | None = None
) -> Reading[M]:
    """`data`, the bytes of the file named `file`, read as `model`; never raises.

    `empty` is the value of a file with nothing in it, where that is valid (a config);
    without it, an empty file is a `missing-field` finding.
    """
    doc = parse(data)
    cut = [problem_diagnostic(msg, file, problem) for problem in doc.cuts]
    value = read(model, doc)
    if value is not None:  # valid and plainly written, the usual case
        return Reading(doc, value, cut)
    doc.build()
    found = [problem_diagnostic(msg, file, problem) for problem in doc.problems] + cut
    if doc.data is None and doc.problems:
        return Reading(doc, None, found)
    if doc.data is None and empty is not None:
        return Reading(doc, empty, found)
    value, recovery, errors = recover(model, doc, file, msg)
    found += errors
    if doc.masked:  # lines blanked after syntax errors: not what they may have caused
        found = [
            finding
            for finding in found
            if finding.rule == "yaml-syntax" or not doc.caused_by_mask(finding.line)
        ]
    return Reading(doc, value, found, recovery)
