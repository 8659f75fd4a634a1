"""Rules over the workspace config: names it gives that do not exist."""

from __future__ import annotations

from tuyengiao.clock import zone
from tuyengiao.diagnostics import Diagnostic
from tuyengiao.i18n import Messages
from tuyengiao.mistakes import closest
from tuyengiao.models import DEFAULT_TIMEZONE, Config
from tuyengiao.read.document import Document
from tuyengiao.rules.findings import make_diagnostic
from tuyengiao.rules.registry import RULES


def config_findings(config: Config, doc: Document, name: str, msg: Messages) -> list[Diagnostic]:
    """An unknown timezone, and rule names in `ignore`/`severity` that no rule has."""
    found: list[Diagnostic] = []

    def report(kind: str, path: tuple[str | int, ...], value: str, hint: str | None = None) -> None:
        line, column = doc.position(path, key=kind == "rule_key")
        close = closest(value, list(RULES))  # a slip of one rule's name, never another's
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
    if config.timezone != DEFAULT_TIMEZONE and zone(config.timezone) is None:
        report("timezone", ("timezone",), config.timezone, "timezone")
    for index, rule in enumerate(config.ignore):
        if rule not in RULES:
            report("rule", ("ignore", index), rule, "rules")
    for rule in config.severity:
        if rule not in RULES:
            report("rule_key", ("severity", rule), rule, "rules")
    reporting = config.reporting
    if reporting is not None and doc.position(("reporting",))[0] is not None:
        both = reporting.due_days is not None and reporting.due_day_of_next_month is not None
        neither = reporting.due_days is None and reporting.due_day_of_next_month is None
        if both or neither:
            rule, kind = (
                ("invalid-value", "reporting_due_both")
                if both
                else ("missing-field", "reporting_due")
            )
            line, column = doc.position(("reporting",), key=True)
            found.append(make_diagnostic(msg, name, rule, kind, line, column, {}, kind))
    first: dict[str, int] = {}
    for index, entry in enumerate(config.roster or ()):
        seen = first.setdefault(entry.id, index)
        if seen != index:  # a union twice on the roster: a copy-paste, never two unions
            line, column = doc.position(("roster", index, "id"))
            first_line, _ = doc.position(("roster", seen, "id"))
            fields = {"id": entry.id, "first_line": first_line}
            found.append(
                make_diagnostic(
                    msg, name, "duplicate-id", "roster", line, column, fields, "unique_roster"
                )
            )
    return found
