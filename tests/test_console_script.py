"""The installed console script and `python -m tuyengiao`, run as a user would, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, SAMPLE_TODAY, console_script


def run_script(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        args, check=False, cwd=cwd, env=env, capture_output=True, encoding="utf-8", timeout=120
    )


def test_console_script_checks_the_sample_workspace() -> None:
    done = run_script(console_script(), "check", "plans/", "--today", SAMPLE_TODAY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("Đã kiểm tra 11 tệp: 0 lỗi, 10 cảnh báo, 10 lưu ý.")
    assert done.stderr == ""


def test_python_dash_m_and_version() -> None:
    done = run_script(sys.executable, "-m", "tuyengiao", "--version")
    assert done.returncode == 0
    assert done.stdout.startswith("tuyengiao ")


def test_bad_input_never_shows_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"\xff\xfe\x00garbage: [\n")
    (tmp_path / "b.yaml").write_text("!!python/object/apply:os.system ['true']\n")
    done = run_script(console_script(), "check", str(tmp_path), "--today", SAMPLE_TODAY)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "encoding" in done.stdout
    assert "unsafe-tag" in done.stdout
