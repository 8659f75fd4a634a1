"""`--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

The rules' metadata comes from the registry and their documentation from the message
catalogue (`rules.<name>`), so code scanning explains each rule in the run's language.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from tuyengiao import __version__
from tuyengiao.diagnostics import Diagnostic, Severity
from tuyengiao.formatters.gitlab import fingerprints, relative_path
from tuyengiao.rules import RULES

if TYPE_CHECKING:
    from tuyengiao.formatters import Options
    from tuyengiao.i18n import Messages
    from tuyengiao.workspace import Result

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_INDEX = {name: index for index, name in enumerate(RULES)}


def document(result: Result) -> dict[str, Any]:
    """The SARIF log as a Python object: one run, every rule, one result per finding."""
    msg = result.settings.msg
    results = [
        _result(d, fingerprint)
        for d, fingerprint in zip(result.diagnostics, fingerprints(result.diagnostics), strict=True)
    ]
    driver = {
        "name": "tuyengiao",
        "version": __version__,
        "semanticVersion": __version__,
        "language": msg.lang,
        "rules": [_rule(name, msg) for name in RULES],
    }
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule(name: str, msg: Messages) -> dict[str, Any]:
    rule = RULES[name]
    text = msg(f"rules.{name}")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": text},
        "help": {"text": text},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": [rule.scope]},
    }


def _result(d: Diagnostic, fingerprint: str) -> dict[str, Any]:
    # GitHub code scanning shows only results with a line; a whole-file finding goes on 1.
    # A workbook's cell is no line of text: the finding goes on 1, the cell in its text.
    region = {"startLine": (d.line if d.cell is None else None) or 1}
    if d.column is not None and d.cell is None:
        region["startColumn"] = d.column
    location = {"artifactLocation": uri_of(d.file), "region": region}
    text = d.message if d.hint is None else f"{d.message}\n{d.hint}"
    return {
        "ruleId": d.code,
        "ruleIndex": _INDEX[d.rule],
        "level": _LEVEL[d.severity],
        "message": {"text": text if d.cell is None else f"{d.cell}: {text}"},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"tuyengiao/v1": fingerprint},
    }


def uri_of(file: str) -> dict[str, str]:
    """An `artifactLocation`: relative paths against the source root, absolute as `file:`."""
    path = Path(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(relative_path(file)), "uriBaseId": "%SRCROOT%"}


def render(result: Result, stream: TextIO, options: Options) -> None:
    """Write the SARIF log, UTF-8 unescaped, two-space indented."""
    json.dump(document(result), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
