"""The message catalogues: every language says the same things, and the code asks only for keys
that exist, so a typo in a key fails here and not in front of a user."""

from __future__ import annotations

import ast
import json
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import tuyengiao
from tests.conftest import SAMPLE_TODAY, Run
from tuyengiao.i18n import LANGS, messages
from tuyengiao.rules import RULES

PACKAGE = Path(tuyengiao.__file__).resolve().parent
MESSAGES = PACKAGE / "data" / "messages"
CATALOGUES = sorted({path.name for lang in LANGS for path in (MESSAGES / lang).glob("*.json")})
OTHER_LANGS = [lang for lang in LANGS if lang != "vi"]


def _flatten(tree: dict[str, object], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


def _catalogue(lang: str, name: str) -> dict[str, str]:
    path = MESSAGES / lang / name
    assert path.is_file(), f"{lang}/{name} is missing: every catalogue exists in every language"
    return _flatten(json.loads(path.read_text("utf-8")))


def _fields(template: str) -> set[str]:
    """The `{field}` names of a template (raises on a malformed one, which fails the test)."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


# --- (a), (b): the languages agree ----------------------------------------------------


@pytest.mark.parametrize("name", CATALOGUES)
@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_same_keys_as_vietnamese(lang: str, name: str) -> None:
    """Each catalogue file has exactly the keys of its Vietnamese original."""
    theirs, ours = _catalogue(lang, name), _catalogue("vi", name)
    assert sorted(theirs.keys() - ours.keys()) == [], f"only in {lang}/{name}"
    assert sorted(ours.keys() - theirs.keys()) == [], f"missing from {lang}/{name}"


@pytest.mark.parametrize("name", CATALOGUES)
@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_same_placeholders_as_vietnamese(lang: str, name: str) -> None:
    """A translation fills the same `{fields}` as the original: none lost, none invented."""
    theirs, ours = _catalogue(lang, name), _catalogue("vi", name)
    differ = {
        key: (sorted(_fields(ours[key])), sorted(_fields(theirs[key])))
        for key in ours.keys() & theirs.keys()
        if _fields(ours[key]) != _fields(theirs[key])
    }
    assert differ == {}


@pytest.mark.parametrize("name", CATALOGUES)
def test_vietnamese_templates_are_well_formed(name: str) -> None:
    """Every Vietnamese template parses as a format string (an odd `{` or `}` raises)."""
    for template in _catalogue("vi", name).values():
        _fields(template)


# --- (c): the keys the code uses exist ------------------------------------------------


@dataclass(frozen=True)
class Use:
    """A catalogue key the code asks for: exactly, or (from an f-string) by its prefix."""

    where: str
    key: str
    prefix: bool = False


def _text(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _callee(func: ast.expr) -> str:
    """`msg` for `msg(…)`, `x.msg(…)` and `messages(lang)(…)`; else the called name."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Call) and _callee(func.func) == "messages":
        return "msg"
    return ""


def _argument(call: ast.Call, index: int, keyword: str) -> ast.expr | None:
    if len(call.args) > index:
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _uses_in(call: ast.Call, where: str) -> Iterator[Use]:
    name = _callee(call.func)
    is_lookup = name == "msg" or (
        name in ("get", "has")
        and isinstance(call.func, ast.Attribute)
        and _callee(call.func.value) == "msg"
    )
    if is_lookup and call.args:
        first = call.args[0]
        if _text(first) is not None:
            yield Use(where, str(_text(first)))
        elif isinstance(first, ast.JoinedStr) and first.values and _text(first.values[0]):
            yield Use(where, str(_text(first.values[0])), prefix=True)
    # make_diagnostic(msg, file, rule, kind, line, column, fields, hint_key, …) and
    # Target.report(rule, kind, path, fields, hint): literal rule and kind name the message.
    shapes = {"make_diagnostic": (2, 3, 7, "hint_key"), "report": (0, 1, 4, "hint")}
    if name in shapes:
        rule_at, kind_at, hint_at, hint_keyword = shapes[name]
        rule = _text(_argument(call, rule_at, "rule"))
        kind = _text(_argument(call, kind_at, "kind"))
        if rule in RULES and kind:
            yield Use(where, f"msg.{rule}.{kind}")
        hint = _text(_argument(call, hint_at, hint_keyword))
        if rule in RULES and hint:
            yield Use(where, f"hint.{hint}")
    # Problem(rule, kind, …) from the loader becomes the message msg.<rule>.<kind>.
    if name == "Problem":
        rule, kind = _text(_argument(call, 0, "rule")), _text(_argument(call, 1, "kind"))
        if rule in RULES and kind:
            yield Use(where, f"msg.{rule}.{kind}")


def _uses() -> list[Use]:
    found: list[Use] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                where = f"{path.relative_to(PACKAGE.parent).as_posix()}:{node.lineno}"
                found.extend(_uses_in(node, where))
    return found


USES = _uses()


def test_scan_finds_every_way_the_code_names_a_key() -> None:
    """The scan itself works: it sees keys in each form the code uses (else it proves nothing)."""
    keys = {use.key for use in USES}
    assert {
        "cli.check.help",  # msg("…")
        "msg.overdue.overdue",  # target.report(rule, kind, …)
        "hint.overdue",  # … and its hint
        "msg.duplicate-id.union",  # make_diagnostic(msg, file, rule, kind, …)
        "hint.union_file",  # … and its hint_key
        "msg.encoding.utf16",  # Problem(rule, kind)
        "cli.interrupted",  # messages(lang)("…")
    } <= keys
    assert any(use.prefix and use.key == "status." for use in USES)  # msg(f"status.{…}")
    assert len(keys) > 50


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_the_code_uses_exists(lang: str) -> None:
    """Each literal key in the code is in each language's own catalogue (no fallback)."""
    catalogue = messages(lang)
    unknown = [f"{u.where}: {u.key}" for u in USES if not u.prefix and not catalogue.has(u.key)]
    assert unknown == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_prefix_the_code_builds_exists(lang: str) -> None:
    """An f-string key (`f"status.{value}"`) starts like some key of the catalogue."""
    keys = messages(lang).keys()

    def known(prefix: str) -> bool:
        return any(key.startswith(prefix) for key in keys)

    assert [f"{u.where}: {u.key}…" for u in USES if u.prefix and not known(u.key)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_is_documented(lang: str) -> None:
    """`rules.<name>` for every rule, in every language; and no message for a rule that is gone."""
    catalogue = messages(lang)
    assert [name for name in RULES if not catalogue.has(f"rules.{name}")] == []
    keys = catalogue.keys()
    stale = {key.split(".")[1] for key in keys if key.startswith(("rules.", "msg."))}
    assert sorted(stale - set(RULES)) == []


# --- (d): --lang en really speaks English ---------------------------------------------

BAD_PLAN = """\
version: 1
guidance: "2022"
union: {id: cd-mau, name: Công đoàn Mẫu}
activities:
  - {id: a1, task: 1, title: Hội nghị quán triệt, status: planned}
  - {id: b2, task: 2, title: Hoạt động 2, due: 2022-12-20, status: planned}
  - {id: b3, task: 3, title: Hoạt động 3, due: 2022-12-20, status: planned}
  - {id: b4, task: 4, title: Hoạt động 4, due: 2022-12-20, status: planned}
  - {id: b5, task: 5, title: Hoạt động 5, due: 2022-12-20, status: planned}
  - {id: b6, task: 6, title: Hoạt động 6, due: 2022-12-20, status: planned}
  - {id: b7, task: 7, title: Hoạt động 7, due: 2022-12-20, status: planned}
  - {id: b8, task: 8, title: Hoạt động 8, due: 2022-12-20, status: planned}
"""


@pytest.fixture
def bad_plan(tmp_path: Path) -> Path:
    """A plan with one error (an activity with no `due`), alone in its workspace."""
    (tmp_path / "tuyengiao.yaml").write_text("{}\n", "utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(BAD_PLAN, "utf-8")
    return plan


def test_lang_en_switches_check_messages(run: Run, bad_plan: Path) -> None:
    """`--lang en`: the finding, its hint and the summary are English, none Vietnamese."""
    en, vi = messages("en"), messages("vi")
    outcome = run("check", str(bad_plan), "--today", SAMPLE_TODAY, "--lang", "en")
    assert outcome.exit_code == 1
    assert en("msg.missing-field.missing", field="due") in outcome.stdout
    assert en("hint.add_field", field="due") in outcome.stdout
    assert en("cli.summary", files=1, errors=1, warnings=0, infos=0) in outcome.stdout
    assert vi("msg.missing-field.missing", field="due") not in outcome.stdout
    assert vi("severity.error") not in outcome.stdout.split()


def test_lang_en_in_json(run: Run, bad_plan: Path) -> None:
    """The JSON document carries the English message and hint."""
    en = messages("en")
    args = ("check", str(bad_plan), "--today", SAMPLE_TODAY, "--format", "json", "--lang", "en")
    [found] = json.loads(run(*args).stdout)["diagnostics"]
    assert (found["message"], found["hint"]) == (
        en("msg.missing-field.missing", field="due"),
        en("hint.add_field", field="due"),
    )


def test_vietnamese_is_the_default(run: Run, bad_plan: Path) -> None:
    """Without `--lang` the same finding is in Vietnamese."""
    outcome = run("check", str(bad_plan), "--today", SAMPLE_TODAY)
    assert messages("vi")("msg.missing-field.missing", field="due") in outcome.stdout


def test_lang_from_environment(run: Run, bad_plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """TUYENGIAO_LANG=en does what `--lang en` does."""
    monkeypatch.setenv("TUYENGIAO_LANG", "en")
    outcome = run("check", str(bad_plan), "--today", SAMPLE_TODAY)
    assert messages("en")("msg.missing-field.missing", field="due") in outcome.stdout


def test_lang_en_help(run: Run) -> None:
    """Help text follows `--lang` too."""
    outcome = run("check", "--help", "--lang", "en")
    assert outcome.exit_code == 0
    assert "Treat warnings as errors" in outcome.stdout


# --- parser problems are translated, not passed through in English -------------------

_ANY: dict[str, object] = dict.fromkeys(
    ("key", "key_line", "bullet", "cells", "code", "name", "column", "problem"), ""
)
SYNTAX_ERRORS = [
    pytest.param("title: Hội nghị: quán triệt\n", id="colon-in-value"),
    pytest.param("a:\n  b: 1\n c: 2\n", id="indentation"),
    pytest.param("a: {b: 1\n", id="unclosed-flow-mapping"),
    pytest.param('a: "x\n', id="unclosed-quote"),
    pytest.param("a: 1\nb\nc: 2\n", id="missing-colon"),
    pytest.param("a: 1\n---\nb: 2\n", id="two-documents"),
    pytest.param("a: @x\n", id="reserved-character"),
    pytest.param("a: &x 1\nb: &x 2\n", id="duplicate-anchor"),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text", SYNTAX_ERRORS)
def test_parser_problems_are_translated(run: Run, tmp_path: Path, text: str, lang: str) -> None:
    """A YAML syntax error reads in the user's language: its detail is a `yaml.*` message."""
    (tmp_path / "tuyengiao.yaml").write_text("{}\n", "utf-8")
    (tmp_path / "plan.yaml").write_text(text, "utf-8")
    args = ("check", str(tmp_path), "--today", SAMPLE_TODAY, "--format", "json", "--lang", lang)
    diagnostics = json.loads(run(*args).stdout)["diagnostics"]
    found = next(d for d in diagnostics if d["rule"] == "yaml-syntax")
    msg = messages(lang)
    lead = msg("msg.yaml-syntax.syntax", problem="")
    keys = msg.keys()
    translated = {msg(key) for key in keys if key.startswith("yaml.")}
    if found["message"].startswith(lead):
        assert found["message"].removeprefix(lead) in translated, found["message"]
    else:  # a slip named for what it is (`tuyengiao.read.syntax`), in the same language
        named = [key for key in keys if key.startswith("msg.yaml-syntax.")]
        assert any(msg(key, **_ANY).split("{")[0][:12] in found["message"] for key in named)
