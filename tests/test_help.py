"""Every command's `--help`, in Vietnamese and English, against snapshots in tests/help/.

`UPDATE_HELP=1 pytest tests/test_help.py` rewrites the snapshots from what the tool now
prints, for review in the diff. The Vietnamese pages and usage errors must hold no
word of Click's English.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import Run
from tuyengiao.cli import COMMANDS

HELP = Path(__file__).parent / "help"
UPDATE = os.environ.get("UPDATE_HELP") == "1"
PAGES = [None, *COMMANDS]

#: What Typer and its Click print in English, as words that must not reach a vi user.
CLICK_ENGLISH = re.compile(
    r"Usage|Options|Arguments|Commands|Show this message|\[default|required\]|"
    r"Missing (?:option|argument|parameter)|is not a valid|Try '|for help|No such "
    r"(?:option|command)|Possible options|Did you mean|Got unexpected|requires an argument|"
    r"Invalid value|Error:|Install completion|Show completion|current shell"
)


def _page(run: Run, command: str | None, lang: str) -> str:
    args = ([command] if command else []) + ["--help", "--lang", lang]
    outcome = run(*args)
    assert outcome.exit_code == 0, outcome.stderr
    return outcome.stdout


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", PAGES, ids=lambda c: c or "tuyengiao")
def test_help_matches_snapshot(run: Run, command: str | None, lang: str) -> None:
    page = _page(run, command, lang)
    snapshot = HELP / f"{command or 'tuyengiao'}.{lang}.txt"
    if UPDATE:
        HELP.mkdir(exist_ok=True)
        snapshot.write_text(page, "utf-8")
    assert snapshot.is_file(), f"no snapshot: run UPDATE_HELP=1 pytest {__file__}"
    assert page == snapshot.read_text("utf-8")


@pytest.mark.parametrize("command", PAGES, ids=lambda c: c or "tuyengiao")
def test_vietnamese_help_has_no_english_click_words(run: Run, command: str | None) -> None:
    page = _page(run, command, "vi")
    assert not CLICK_ENGLISH.search(page), CLICK_ENGLISH.findall(page)
    assert "Cách dùng: tuyengiao" in page
    assert "Tùy chọn:" in page
    # The English page does say them: the pattern is not one that cannot match.
    assert CLICK_ENGLISH.search(_page(run, command, "en"))


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_ends_with_examples(run: Run, command: str) -> None:
    for lang, title in (("vi", "Ví dụ:"), ("en", "Examples:")):
        page = _page(run, command, lang)
        description = page.split("\n\n", 1)[1].split(
            "\n\n" + ("Đối số:" if lang == "vi" else "Arguments:")
        )[0]
        assert title in description
        examples = page.split(title, 1)[1]
        assert f"tuyengiao {command}" in examples


def test_check_help_shows_paths_and_every_exit_code(run: Run) -> None:
    for lang, paths, words in (
        ("vi", "[ĐƯỜNG_DẪN]...", ("Mã thoát", "0 ", "1 ", "2 ")),
        ("en", "[PATH]...", ("Exit codes", "0 ", "1 ", "2 ")),
    ):
        page = _page(run, "check", lang)
        assert paths in page
        codes = page.split(words[0], 1)[1]
        for code in words[1:]:
            assert f"\n    {code}" in codes


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--jobs", "x"],
        ["check", "--bogus"],
        ["check", "--today"],
        ["check", "a", "--today", "x"],
        ["report"],
        ["report", "--period"],
        ["chek"],
        ["tasks", "extra"],
        ["new"],
        ["check", "--lang", "fr"],
        ["--lang", "fr", "check"],
        ["rules", "--format", "xml"],
        ["check", "--min-severity", "loud"],
        ["status", "--format", "xml"],
    ],
)
def test_usage_errors_are_vietnamese(run: Run, args: list[str], tmp_path: Path) -> None:
    outcome = run(*args, cwd=tmp_path)
    assert outcome.exit_code == 2
    text = outcome.stdout + outcome.stderr
    assert "Lỗi: " in text or "Không" in text, text
    assert not CLICK_ENGLISH.search(text), text
    if "--lang" not in args:  # the same mistake in English says it in Click's words
        english = run("--lang", "en", *args, cwd=tmp_path)
        assert english.exit_code == 2
        assert CLICK_ENGLISH.search(english.stdout + english.stderr) or "Lỗi" not in text


def test_the_installed_script_speaks_vietnamese(tmp_path: Path) -> None:
    """The console script, as a user runs it (only the named command is built)."""
    import subprocess

    from tests.conftest import console_script

    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    env.pop("TUYENGIAO_LANG", None)
    for args in (["check", "--bogus"], ["--lang", "vi", "status", "--format", "xml"]):
        done = subprocess.run(
            [console_script(), *args],
            check=False,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
        )
        assert done.returncode == 2
        assert "Lỗi: " in done.stderr and not CLICK_ENGLISH.search(done.stderr), done.stderr
    page = subprocess.run(
        [console_script(), "check", "--help"], check=True, capture_output=True, text=True, env=env
    ).stdout
    # Click wraps at 80 columns on a terminal, the snapshots at the runner's 120.
    assert page.split() == (HELP / "check.vi.txt").read_text("utf-8").split()
