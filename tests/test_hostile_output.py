"""What tuyengiao writes and prints stays sealed on hostile input (issue 15, items 3, 6–9).

- `status` lays out a title of megabytes as fast as a short one (cut with an ellipsis);
- a write that fails (full disk, read-only, no right, name too long, a path through a
  file) says which file and why, in Vietnamese, exits 2, and leaves nothing behind;
- `-o` writes only to a regular file or a new name, never to a workspace YAML file;
- SIGTERM and SIGHUP during a write leave no temporary file;
- control characters of file names and line breaks of plan text never reach a
  terminal, a CI log or a report raw.

Tests run as root in CI, where permissions do not apply: refusals of the OS are made by
monkeypatching, never by chmod. Times are printed, never asserted.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import PLANS, Run
from tuyengiao.printable import one_line, visible

TODAY = "2022-07-05"
CRASH = ("Traceback", "Lỗi nội bộ", "Internal error")
PLAN = "plans/2022/cd-bo-tu-phap.yaml"


def listing(folder: Path) -> list[str]:
    """Every name under `folder`, hidden ones too, relative and sorted."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """A copy of the sample workspace (config in plans/), to run commands in."""
    shutil.copytree(PLANS, tmp_path / "plans")
    return tmp_path


def report(run: Run, ws: Path, *more: str) -> tuple[int, str]:
    """`report` on the sample plans in `ws`: exit code and stderr, never a crash."""
    outcome = run("report", "plans", "--period", "2022-Q2", "--today", TODAY, *more, cwd=ws)
    for crash in CRASH:
        assert crash not in outcome.stdout + outcome.stderr
    return outcome.exit_code, outcome.stderr


def command(run: Run, ws: Path, name: str, target: str) -> tuple[int, str]:
    """One of the writing commands, aimed at `target` (relative to `ws`)."""
    args = {
        "report": ["report", "plans", "--period", "2022-Q2", "--today", TODAY, "-o", target],
        "schema": ["schema", "-o", target],
        "new": ["new", "cd-bo-tu-phap", "-o", target, "--config", "plans/tuyengiao.yaml"],
        "init": ["init", target],
    }[name]
    outcome = run(*args, cwd=ws)
    for crash in CRASH:
        assert crash not in outcome.stdout + outcome.stderr
    return outcome.exit_code, outcome.stderr


# --- item 6: write errors name the target and the reason, and leave nothing ------------


def _raising(number: int, text: str) -> Any:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(number, text)

    return fail


COMMANDS = ["report", "schema", "new", "init"]
TARGETS = {"report": "ra/bao-cao.md", "schema": "ra/schema.json", "new": "ra/k.yaml", "init": "ra"}


@pytest.mark.parametrize("name", COMMANDS)
def test_a_full_disk_is_named_and_leaves_nothing(
    run: Run, ws: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    before = listing(ws)
    monkeypatch.setattr(os, "fsync", _raising(errno.ENOSPC, "No space left on device"))
    code, err = command(run, ws, name, TARGETS[name])
    assert code == 2
    assert "Không ghi được ra/" in err and "ổ đĩa đã đầy" in err, err
    assert listing(ws) == before  # no file, no temporary file, no folder `ra/`


def test_init_failing_on_a_later_file_leaves_no_folder(
    run: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first files are written, the third fails: none of them, and no `ra/`, stays.
    real_fsync, calls = os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    before = listing(ws)
    code, err = command(run, ws, "init", "ra")
    assert code == 2 and "ổ đĩa đã đầy" in err
    assert listing(ws) == before


@pytest.mark.parametrize(
    ("number", "text", "says"),
    [
        (errno.EROFS, "Read-only file system", "hệ thống tệp chỉ cho đọc"),
        (errno.EACCES, "Permission denied", "không có quyền ghi vào"),
        (errno.EDQUOT, "Disk quota exceeded", "vượt hạn mức"),
        (errno.EIO, "Input/output error", "lỗi vào/ra"),
        (errno.EXDEV, "Invalid cross-device link", "lỗi của hệ điều hành"),
    ],
    ids=["read-only", "denied", "quota", "io", "other"],
)
@pytest.mark.parametrize("name", COMMANDS)
def test_refusals_of_the_os_are_named(
    run: Run,
    ws: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    number: int,
    text: str,
    says: str,
) -> None:
    before = listing(ws)

    def mkstemp(*args: Any, dir: Any = None, **kwargs: Any) -> Any:
        # As the OS says it: of the temporary file mkstemp tried to make.
        raise OSError(number, text, str(Path(dir) / ".ten.abcd1234.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    code, err = command(run, ws, name, TARGETS[name])
    assert code == 2
    assert "Không ghi được ra/" in err and says in err, err
    assert ".tmp" not in err  # the folder is named, not a file the user never asked for
    assert listing(ws) == before


@pytest.mark.parametrize("name", ["report", "schema"])
def test_a_path_through_a_file(run: Run, ws: Path, name: str) -> None:
    before = listing(ws)
    code, err = command(run, ws, name, f"{PLAN}/ra.html")
    assert code == 2
    assert f"{PLAN} là một tệp, không phải thư mục" in err
    assert listing(ws) == before


@pytest.mark.parametrize("name", ["report", "schema"])
def test_a_long_name_gets_a_short_temporary_file(run: Run, ws: Path, name: str) -> None:
    # 250 bytes fit the usual 255-byte limit; `.{name}.XXXXXXXX.tmp` would not.
    limit = os.pathconf(ws, "PC_NAME_MAX")
    fits = "b" * (limit - 5) + ".html"
    code, err = command(run, ws, name, fits)
    assert code == 0, err
    assert (ws / fits).is_file()
    assert not [p for p in ws.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("name", ["report", "schema", "new"])
def test_a_name_too_long_for_the_file_system(run: Run, ws: Path, name: str) -> None:
    before = listing(ws)
    too_long = "b" * (os.pathconf(ws, "PC_NAME_MAX") + 1) + ".html"
    code, err = command(run, ws, name, too_long)
    assert code == 2
    assert "tên tệp quá dài" in err and too_long in err
    assert listing(ws) == before


# --- item 7: -o writes only to a regular file or a new name ---------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays


def _link_to_device(path: Path) -> None:
    path.symlink_to("/dev/null")


def _link_to_nothing(path: Path) -> None:
    path.symlink_to("khong-co")


def _link_to_fifo(path: Path) -> None:
    os.mkfifo(path.with_name("ong"))
    path.symlink_to("ong")


SPECIAL = {
    "fifo": _fifo,
    "socket": _socket,
    "link-to-device": _link_to_device,
    "dangling-link": _link_to_nothing,
    "link-to-fifo": _link_to_fifo,
}


@pytest.mark.parametrize("make", SPECIAL.values(), ids=list(SPECIAL))
@pytest.mark.parametrize("name", ["report", "schema"])
def test_special_files_are_never_replaced(run: Run, tmp_path: Path, make: Any, name: str) -> None:
    ws = tmp_path / "w"
    shutil.copytree(PLANS, ws / "plans")
    target = ws / "dich.md"
    make(target)
    kind = os.lstat(target).st_mode
    outcome = run(*_forced(name, "dich.md"), cwd=ws)
    assert outcome.exit_code == 2
    assert "không phải tệp thông thường" in outcome.stderr
    assert os.lstat(target).st_mode == kind  # still the FIFO, socket or link it was
    assert not [p for p in ws.iterdir() if p.name.endswith(".tmp")]


def _forced(name: str, target: str) -> list[str]:
    if name == "report":
        return ["report", "plans", "--period", "2022-Q2", "--today", TODAY, "-o", target, "--force"]
    return ["schema", "-o", target, "--force"]


@pytest.mark.parametrize("name", ["report", "schema"])
@pytest.mark.parametrize(
    "target", ["plans/2022/cd-bo-noi-vu.yaml", "plans/tuyengiao.yaml", "plans/2022/ghi-chu.yml"]
)
def test_workspace_yaml_is_never_replaced(run: Run, ws: Path, name: str, target: str) -> None:
    # `report` reads only one plan: the others are still the workspace's, never a target.
    (ws / "plans/2022/ghi-chu.yml").write_text("# ghi chú\n", encoding="utf-8")
    before = (ws / target).read_bytes()
    args = _forced(name, target)
    if name == "report":
        args[1] = PLAN
    outcome = run(*args, cwd=ws)
    assert outcome.exit_code == 2
    assert "không" in outcome.stderr.lower() and target in outcome.stderr
    assert (ws / target).read_bytes() == before


def test_new_files_get_the_umask_mode_not_a_copied_one(run: Run, ws: Path) -> None:
    private = ws / "rieng.md"
    private.write_text("x\n", encoding="utf-8")
    private.chmod(0o600)
    (ws / "lien-ket.md").symlink_to("rieng.md")
    mask = os.umask(0o027)
    try:
        for target in ("moi.md", "lien-ket.md"):
            code, err = report(run, ws, "-o", target, "--force")
            assert code == 0, err
            assert stat.S_IMODE((ws / target).stat().st_mode) == 0o640, target
    finally:
        os.umask(mask)
    assert not (ws / "lien-ket.md").is_symlink()
    assert private.read_text("utf-8") == "x\n"  # the file behind the link is untouched


# --- item 8: SIGTERM and SIGHUP clean up ----------------------------------------------

_SLOW_WRITE = """
import os, sys, time
from pathlib import Path

ready = Path(sys.argv[1])
real_fsync = os.fsync

def fsync(fd):
    ready.write_text("writing")
    time.sleep(60)
    real_fsync(fd)

os.fsync = fsync
from tuyengiao.cli import main
main(sys.argv[2:])
"""


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (signal.SIGTERM, 128 + signal.SIGTERM),
        (signal.SIGHUP, 128 + signal.SIGHUP),
        (signal.SIGINT, 130),
    ],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_signal_during_the_write_leaves_nothing(ws: Path, number: int, code: int) -> None:
    ready = ws / "ready"
    args = ["report", "plans", "--period", "2022-Q2", "--today", TODAY, "-o", "ra/bao-cao.md"]
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITE, str(ready), *args],
        cwd=ws,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert ready.exists(), child.communicate()
        assert (ws / "ra").is_dir()  # mid-write: the folder and a temporary file exist
        child.send_signal(number)
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == code
    assert b"Traceback" not in err
    assert not (ws / "ra").exists()  # no report, no temporary file, no folder


# --- item 9: control characters never reach a terminal, a CI log or a report ---------

HOSTILE_NAME = "\x1b[2J\x1b]0;pwned\x07\n::error file=x::boom.yaml"
COMMAND_TITLE = "Hội nghị quán triệt\n::error file=x::boom"


@pytest.fixture
def hostile(ws: Path) -> Path:
    """The sample workspace, plus a broken plan under a hostile name and a title whose
    second line is a workflow command, on an overdue activity."""
    (ws / "plans" / "2022" / HOSTILE_NAME).write_text("version: 2\n", encoding="utf-8")
    plan = ws / PLAN
    text = plan.read_text("utf-8")
    start = text.index("  - id:")
    block = (
        "  - id: lenh-github\n    task: 1\n    title: |-\n"
        + "".join(f"      {line}\n" for line in COMMAND_TITLE.splitlines())
        + "    due: 2022-05-01\n    status: planned\n"
    )
    plan.write_text(text[:start] + block + text[start:], encoding="utf-8")
    return ws


def assert_sealed(text: str, *, ours: tuple[str, ...] = ()) -> None:
    """No raw ESC, BEL or other control character; no line a runner would run."""
    for char in text:
        assert char in "\n\t" or (char.isprintable() or char in "\u2060"), repr(char)
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("::"):  # only our own annotations, their text escaped
            assert line.startswith(ours), line
            assert "\n" not in line and "::error file=x::" not in line.split("::", 2)[1], line


def test_check_text_escapes_names_and_line_breaks(run: Run, hostile: Path) -> None:
    outcome = run("check", "plans", "--today", TODAY, cwd=hostile)
    assert outcome.exit_code == 1
    assert_sealed(outcome.stdout)
    assert "\\x1b[2J\\x1b]0;pwned\\x07\\n::error file=x::boom.yaml" in outcome.stdout
    assert "Hội nghị quán triệt ↵ ::error file=x::boom" in outcome.stdout


def test_check_text_in_colour_escapes_them_too(run: Run, hostile: Path) -> None:
    colour = {"NO_COLOR": "", "FORCE_COLOR": "1", "TERM": "xterm"}
    outcome = run("check", "plans", "--today", TODAY, cwd=hostile, env=colour)
    assert outcome.exit_code == 1
    assert "\x1b[1;31m" in outcome.stdout  # Rich's own colours, and only those
    assert_sealed(re.sub("\x1b\\[[0-9;]*m", "", outcome.stdout))
    assert "\\x07" in outcome.stdout


def test_check_github_has_only_its_own_commands(run: Run, hostile: Path) -> None:
    github = run("check", "plans", "--today", TODAY, "-f", "github", cwd=hostile)
    document = run("check", "plans", "--today", TODAY, "-f", "json", cwd=hostile)
    assert github.exit_code == 1
    ours = ("::error file=plans/", "::warning file=plans/", "::notice file=plans/")
    assert_sealed(github.stdout, ours=ours)
    commands = [line for line in github.stdout.splitlines() if line.startswith("::")]
    assert len(commands) == len(json.loads(document.stdout)["diagnostics"])


def test_status_under_github_actions_is_sealed(run: Run, hostile: Path) -> None:
    outcome = run("status", "plans", "--today", TODAY, cwd=hostile, env={"GITHUB_ACTIONS": "true"})
    assert outcome.exit_code == 0, outcome.stderr
    assert_sealed(outcome.stdout)
    assert "pwned" in outcome.stdout  # the left-out file is named, escaped


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_reports_hold_no_raw_control_character(run: Run, hostile: Path, fmt: str) -> None:
    outcome = run(
        "report", "plans", "--period", "2022-Q2", "--today", TODAY, "-f", fmt, cwd=hostile
    )
    assert outcome.exit_code == 0, outcome.stderr
    assert "\x1b" not in outcome.stdout and "\x07" not in outcome.stdout
    # The left-out file is named on standard error, escaped, never in the báo cáo.
    assert "pwned" not in outcome.stdout
    assert "pwned" in outcome.stderr
    assert_sealed(outcome.stderr)


# --- item 3: status on a title of megabytes ------------------------------------------


def test_status_cuts_a_huge_title(run: Run, ws: Path) -> None:
    plan = ws / PLAN
    text = plan.read_text("utf-8")
    start = text.index("  - id:")
    title = "Hội nghị quán triệt nghị quyết " * 100_000  # 3.1 MB on one line
    block = f"  - id: rat-dai\n    task: 1\n    title: {title}\n    due: 2022-05-01\n"
    plan.write_text(text[:start] + block + "    status: planned\n" + text[start:], "utf-8")
    started = time.monotonic()
    outcome = run("status", "plans", "--today", TODAY, cwd=ws)
    print(f"\nstatus, a {len(title):,}-character title: {time.monotonic() - started:.2f} s")
    assert outcome.exit_code == 0, outcome.stderr
    assert "…" in outcome.stdout
    assert len(outcome.stdout) < 20_000  # the title is cut, not wrapped over pages


# --- the escaping itself, on any text -------------------------------------------------


@given(st.text())
def test_shown_text_is_one_printable_line(text: str) -> None:
    shown = one_line(text)
    assert len(shown.splitlines()) <= 1
    assert all(char.isprintable() or char == "\t" or _harmless(char) for char in shown), shown
    assert all(char.isprintable() or _harmless(char) for char in visible(text))
    assert one_line(text) == text or not text.isprintable()  # printable text is untouched


def _harmless(char: str) -> bool:
    # Not "printable" to Python, but neither a control nor a line break: spaces (NBSP),
    # format characters other than the direction marks, private use, unassigned.
    import unicodedata

    category = unicodedata.category(char)
    reorders = {
        "\u200e",
        "\u200f",
        *map(chr, range(0x202A, 0x202F)),
        *map(chr, range(0x2066, 0x206A)),
    }
    return category in ("Zs", "Cf", "Co", "Cn", "Cs") and char not in reorders


def test_the_escapes_say_what_was_there() -> None:
    assert visible("a\x1b[2J\x07\n\u202eb") == "a\\x1b[2J\\x07\\n\\u202eb"
    assert one_line("Hội nghị\n::error\r\nx\ty") == "Hội nghị ↵ ::error ↵ x\ty"
