"""`--format junit`: JUnit XML, for GitLab's test reports, Jenkins and other CI servers.

One test suite per file. Each error is a failing test case; each warning or note is
a passing test case whose output says what was found (they do not fail `check`
either); a file without errors also gets one passing case, so every checked file
shows in the report.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from tuyengiao.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from tuyengiao.formatters import Options
    from tuyengiao.i18n import Messages
    from tuyengiao.workspace import Result

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(result: Result, stream: TextIO, options: Options) -> None:
    """Write the `<testsuites>` document."""
    msg = result.settings.msg
    by_file: dict[str, list[Diagnostic]] = {f.name: [] for f in result.files}
    for file, group in groupby(result.diagnostics, key=lambda d: d.file):
        by_file[file] = list(group)
    root = ET.Element("testsuites", name=_xml(msg("formats.junit.suites")))
    suites = [_suite(file, by_file[file], msg) for file in sorted(by_file)]
    root.extend(suites)
    _count(
        root,
        tests=sum(int(suite.get("tests", "0")) for suite in suites),
        failures=sum(int(suite.get("failures", "0")) for suite in suites),
    )
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")


def _suite(file: str, found: list[Diagnostic], msg: Messages) -> ET.Element:
    suite = ET.Element("testsuite", name=_xml(file))
    if not any(d.severity is Severity.ERROR for d in found):
        suite.append(_case(file, msg("formats.junit.clean"), line=None))
    names: Counter[str] = Counter()
    for d in found:
        where = f"{d.where} " if d.where is not None else ""
        name = f"{where}{d.code} {d.rule}"
        names[name] += 1
        # Several findings of one rule at one place (uncovered tasks) stay distinct cases.
        case = _case(file, name if names[name] == 1 else f"{name} ({names[name]})", line=d.line)
        severity = msg(f"severity.{d.severity.value}")
        text = f"{d.file}:{where}{severity} {d.code} [{d.rule}] {d.message}"
        if d.hint:
            text += f"\n{d.hint}"
        if d.severity is Severity.ERROR:
            failure = ET.SubElement(case, "failure", message=_xml(d.message), type=d.rule)
            failure.text = _xml(text)
        else:
            ET.SubElement(case, "system-out").text = _xml(text)
        suite.append(case)
    cases = suite.findall("testcase")
    _count(suite, tests=len(cases), failures=sum(c.find("failure") is not None for c in cases))
    return suite


def _case(file: str, name: str, *, line: int | None) -> ET.Element:
    case = ET.Element("testcase", name=_xml(name), classname=_xml(file), file=_xml(file))
    if line is not None:
        case.set("line", str(line))
    case.set("time", "0")
    return case


def _count(element: ET.Element, *, tests: int, failures: int) -> None:
    """The counts JUnit readers expect on a suite; findings are never errors or skips."""
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", "0")
    element.set("time", "0")
