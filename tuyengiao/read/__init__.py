"""Reading the files users write: YAML bytes → nodes with positions → models.

`read_file` is the one entry. It alone knows that there are two paths behind it:

- the fast path (`tuyengiao.read.fast`): a valid, plainly written file read straight
  from its YAML nodes into the models — most files, and the cheap case;
- the validating path (`tuyengiao.read.validate`): plain values built from the nodes
  (`tuyengiao.read.document`), then read field by field, every error a located
  finding and whatever is valid recovered. A file with errors is read so part by part:
  the activities and fields the fast reader is sure of are read by it, and only the
  others are built and validated (`recover` with `parts`), to the same findings.

Both follow one module of scalar rules (`tuyengiao.read.scalars`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from tuyengiao.diagnostics import Diagnostic
from tuyengiao.i18n import Messages
from tuyengiao.read.document import Document, PartTooComplexError, parse, plain_pairs
from tuyengiao.read.fast import read
from tuyengiao.read.validate import Recovery, recover
from tuyengiao.rules.findings import problem_diagnostic

if TYPE_CHECKING:
    from tuyengiao.models import Plan

M = TypeVar("M")

__all__ = ["WORKBOOK_SUFFIXES", "Reading", "read_file", "read_workbook_plan"]

#: A plan filled in Excel: read by `tuyengiao.read.workbook` into the same model and rules
#: (`.xls` and `.ods` too, to be named and refused: "lưu lại dưới dạng .xlsx").
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


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
    if file.lower().endswith(WORKBOOK_SUFFIXES):
        return _read_workbook(model, data, file, msg)
    doc = parse(data)
    cut = [problem_diagnostic(msg, file, problem) for problem in doc.cuts]
    value = read(model, doc)
    if value is not None:  # valid and plainly written, the usual case
        return Reading(doc, value, cut)
    recovered = _recover_parts(model, doc, data, file, msg)
    if recovered is None:
        doc.build()
        if doc.data is None:
            found = [problem_diagnostic(msg, file, problem) for problem in doc.problems] + cut
            if doc.problems:
                return Reading(doc, None, found)
            if empty is not None:
                return Reading(doc, empty, found)
        recovered = recover(model, doc, file, msg)
    value, recovery, errors = recovered
    found = [problem_diagnostic(msg, file, problem) for problem in doc.problems] + cut + errors
    if doc.masked:  # lines blanked after syntax errors: not what they may have caused
        found = [
            finding
            for finding in found
            if finding.rule == "yaml-syntax" or not doc.caused_by_mask(finding.line)
        ]
    return Reading(doc, value, found, recovery)


def _recover_parts(
    model: type[M], doc: Document, data: bytes, file: str, msg: Messages
) -> tuple[M | None, Recovery, list[Diagnostic]] | None:
    """A file with errors read part by part (`recover` with `parts`), or None: a file
    that is no mapping of plain keys, or has aliases (no `&`, no anchor: no alias
    either), is built whole."""
    if doc.root is None or b"&" in data or plain_pairs(doc.root) is None:
        return None
    doc.split_lost_dashes()
    try:
        return recover(model, doc, file, msg, parts=True)
    except PartTooComplexError:
        return None


def _read_workbook(model: type[M], data: bytes, file: str, msg: Messages) -> Reading[M]:
    from tuyengiao.models import Plan

    if model is not Plan:  # a config or catalogue is YAML, whatever its name
        return Reading(parse(b""), None, [_not_yaml(msg, file)])
    reading: Reading[M] = read_workbook_plan(data, file, msg)  # type: ignore[assignment]
    return reading


def read_workbook_plan(data: bytes, file: str, msg: Messages) -> Reading[Plan]:
    """A workbook read as a plan: its values and cells, then the same validation as YAML.

    Imported here, on the first workbook: openpyxl is not part of reading YAML.
    """
    from tuyengiao.models import Plan
    from tuyengiao.read.workbook import read_workbook

    book = read_workbook(data, file, msg)
    if book.doc is None:
        return Reading(parse(b""), None, book.findings)
    # A valid workbook, the usual case, goes the fast way as a valid YAML file does: its
    # values as the nodes YAML would give them (500 activities: 0.87 s to 0.1 s).
    fast = read(Plan, book.doc.as_nodes())
    if fast is not None:
        return Reading(book.doc, fast, book.findings)
    value, recovery, errors = recover(Plan, book.doc, file, msg)
    return Reading(book.doc, value, book.findings + errors, recovery)


def _not_yaml(msg: Messages, file: str) -> Diagnostic:
    from tuyengiao.rules.findings import make_diagnostic

    return make_diagnostic(msg, file, "encoding", "xlsx_not_plan", None, None, {})
