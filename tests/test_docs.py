"""Documentation stays true: every rule is explained in both languages and in the README,
and every command is documented in the README."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO
from tuyengiao.cli import COMMANDS
from tuyengiao.i18n import Lang, messages
from tuyengiao.rules import RULES

README = REPO / "README.md"
CATALOGUES = REPO / "tuyengiao" / "data" / "messages"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("rule", list(RULES))
def test_every_rule_is_explained_in_the_catalogue(rule: str, lang: Lang) -> None:
    msg = messages(lang)
    assert msg.has(f"rules.{rule}"), f"{lang}: rules.{rule} is missing"
    assert msg(f"rules.{rule}").strip()


@pytest.mark.parametrize("rule", list(RULES))
def test_every_rule_is_in_the_readme(rule: str) -> None:
    assert f"`{rule}`" in README.read_text("utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`tuyengiao {command}" in README.read_text("utf-8")


def flat(tree: dict[str, object], prefix: str = "") -> set[str]:
    keys: set[str] = set()
    for key, value in tree.items():
        keys |= flat(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
    return keys


def test_the_ecosystem_catalogues_have_the_same_keys() -> None:
    vi, en = (
        flat(json.loads((CATALOGUES / lang / "ecosystem.json").read_text("utf-8")))
        for lang in ("vi", "en")
    )
    assert sorted(vi - en) == []
    assert sorted(en - vi) == []
