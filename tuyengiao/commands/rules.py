"""`tuyengiao rules`: every rule of `check`, with its code, default severity and meaning."""

# No `from __future__ import annotations`: Typer reads the `Annotated` options, which
# call into `msg`, a local of `register`, when the command is defined.

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from tuyengiao.commands import _options as opt

if TYPE_CHECKING:
    from tuyengiao.i18n import Messages

FORMATS = ("text", "json")


def register(app: typer.Typer, msg: "Messages") -> None:
    """Add the `rules` command to `app`."""

    @app.command("rules", help=msg("rules_command.help"))
    def rules(
        output_format: Annotated[
            str,
            typer.Option(
                "--format", "-f", metavar="|".join(FORMATS), help=msg("rules_command.format")
            ),
        ] = "text",
        lang: Annotated[str, opt.lang_option(msg)] = "vi",
    ) -> None:
        opt.check_lang(lang, msg)
        opt.check_format(output_format, FORMATS, msg)
        if output_format == "json":
            print_json(msg)
        elif sys.stdout.isatty():
            print_table(msg)
        else:
            print_plain(msg)


def print_json(msg: "Messages") -> None:
    """`{"version": 1, "rules": [{name, code, severity, scope, description}]}`."""
    from tuyengiao.rules import RULES

    document = {
        "version": 1,
        "rules": [
            {
                "name": rule.name,
                "code": rule.code,
                "severity": str(rule.severity),
                "scope": rule.scope,
                "description": msg(f"rules.{rule.name}"),
            }
            for rule in RULES.values()
        ],
    }
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))


def print_table(msg: "Messages") -> None:
    """A Rich table, for a terminal."""
    from rich.console import Console
    from rich.table import Table

    from tuyengiao.rules import RULES

    table = Table(title=msg("rules_command.title"), title_justify="left")
    table.add_column(msg("rules_command.code"), no_wrap=True, style="dim")
    table.add_column(msg("rules_command.rule"), no_wrap=True, style="bold")
    table.add_column(msg("rules_command.severity"), no_wrap=True)
    table.add_column(msg("rules_command.description"))
    for rule in RULES.values():
        severity = msg(f"severity.{rule.severity}")  # in the user's language, as `check` says it
        table.add_row(rule.code, rule.name, severity, msg(f"rules.{rule.name}"))
    # Descriptions are our own text, but read as written all the same: no markup.
    Console(highlight=False, markup=False, emoji=False).print(table)


def print_plain(msg: "Messages") -> None:
    """One rule a line, columns aligned, never wrapped: for pipes, `grep` and files."""
    from tuyengiao.rules import RULES

    width = max(len(name) for name in RULES)
    severities = {rule.severity: msg(f"severity.{rule.severity}") for rule in RULES.values()}
    shown = max(len(text) for text in severities.values())
    for rule in RULES.values():
        description = msg(f"rules.{rule.name}")
        severity = severities[rule.severity]
        typer.echo(f"{rule.code}  {rule.name:<{width}}  {severity:<{shown}}  {description}")
