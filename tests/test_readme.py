"""The README is the user's manual and it is true: every marked sample is the tool's real
output on the repository's own files (scripts/readme.py makes them; this test fails on drift)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_the_readme_samples_are_the_tools_output() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "readme.py"), "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_readme_marks_its_samples() -> None:
    text = (REPO / "README.md").read_text("utf-8")
    assert text.count("<!-- readme: run=") >= 8
