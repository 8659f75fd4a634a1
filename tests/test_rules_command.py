"""`tuyengiao rules` (the rule list, for people and for scripts) and shell completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO, Run
from tuyengiao.commands.rules import print_table
from tuyengiao.i18n import Lang, messages
from tuyengiao.rules import RULES


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rules_lists_every_rule_one_a_line(run: Run, lang: Lang) -> None:
    outcome = run("rules", "--lang", lang)
    assert outcome.exit_code == 0
    lines = outcome.stdout.splitlines()
    assert len(lines) == len(RULES)
    msg = messages(lang)
    for line, rule in zip(lines, RULES.values(), strict=True):
        description = msg(f"rules.{rule.name}")
        assert line.endswith(description)
        code, name, severity = line[: -len(description)].split(maxsplit=2)
        # The severity in the user's language, as `check` prints it ("cảnh báo").
        severity = severity.strip()
        assert (code, name, severity) == (rule.code, rule.name, msg(f"severity.{rule.severity}"))


def test_rules_plain_output_is_aligned(run: Run) -> None:
    lines = run("rules").stdout.splitlines()
    msg = messages("vi")
    descriptions = [msg(f"rules.{rule.name}") for rule in RULES.values()]
    widths = {line.index(text) for line, text in zip(lines, descriptions, strict=True)}
    assert len(widths) == 1  # the explanation starts in the same column on every line


def test_rules_as_json(run: Run) -> None:
    outcome = run("rules", "--format", "json", "--lang", "en")
    assert outcome.exit_code == 0
    document = json.loads(outcome.stdout)
    assert document["version"] == 1
    assert [r["name"] for r in document["rules"]] == list(RULES)
    overdue = next(r for r in document["rules"] if r["name"] == "overdue")
    assert overdue == {
        "name": "overdue",
        "code": "TG401",
        "severity": "warning",
        "scope": "plan",
        "description": messages("en")("rules.overdue"),
    }


def test_rules_rejects_an_unknown_format(run: Run) -> None:
    outcome = run("rules", "--format", "xml")
    assert outcome.exit_code == 2
    assert "json" in outcome.stderr


def test_rules_table_for_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    print_table(messages("vi"))
    table = capsys.readouterr().out
    assert table.splitlines()[0].rstrip() == messages("vi")("rules_command.title")
    for rule in RULES.values():
        assert rule.code in table
        assert rule.name in table
    assert "Mức mặc định" in table


# --- shell completion ------------------------------------------------------------------------


def test_show_completion_prints_a_bash_script(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    # Named, not detected: Typer otherwise guesses the shell from the processes above
    # pytest, which differ from one run to the next ("Shell  not supported").
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    outcome = run("--show-completion", "bash")
    assert outcome.exit_code == 0
    assert "_TUYENGIAO_COMPLETE=complete_bash" in outcome.stdout
    assert "complete -o default -F _tuyengiao_completion tuyengiao" in outcome.stdout


def complete(words: str) -> list[str]:
    """What bash completion offers for `words`, through the console script's protocol."""
    env = {
        **os.environ,
        "_TUYENGIAO_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tuyengiao"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_completion_offers_commands_and_options() -> None:
    assert complete("tuyengiao ch") == ["check"]
    assert "rules" in complete("tuyengiao r")
    assert "--format" in complete("tuyengiao check --f")
    assert "--force" in complete("tuyengiao init --f")
