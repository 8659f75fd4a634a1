"""Files tuyengiao writes are never half-written and never clobber a file it did not write.

`tuyengiao.output.write_text` writes through a temporary file that is renamed over
the target; these tests break it at every step (the write, the flush to disk, the
rename, Ctrl-C) and check that the old file is intact and no temporary file is left.
`check_target` decides whether a target may be written at all.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tuyengiao.output import MARKER, RefusedError, WriteError, check_target, is_ours, write_text

OLD = f"<!-- {MARKER} -->\nBáo cáo cũ, quý I năm 2022\n"
NEW = f"<!-- {MARKER} -->\nBáo cáo mới, quý II năm 2022\n" + "Hoạt động đã hoàn thành.\n" * 5000


def listing(folder: Path) -> list[str]:
    """Every name in `folder`, hidden ones too (the temporary files are hidden)."""
    return sorted(path.name for path in folder.iterdir())


@pytest.fixture
def target(tmp_path: Path) -> Path:
    """An existing report that a new run is about to replace."""
    path = tmp_path / "bao-cao.md"
    path.write_text(OLD, encoding="utf-8")
    return path


# --- write_text ---------------------------------------------------------------------


def test_writes_utf8_with_lf_and_replaces_atomically(target: Path) -> None:
    write_text(target, NEW)
    assert target.read_bytes() == NEW.encode("utf-8")
    assert listing(target.parent) == ["bao-cao.md"]


def test_creates_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "báo cáo" / "2022" / "quý 2.html"
    write_text(path, "<p>Hà Nội</p>\n")
    assert path.read_text("utf-8") == "<p>Hà Nội</p>\n"
    assert listing(path.parent) == ["quý 2.html"]


def test_relative_path_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_text(Path("schema.json"), "{}\n")
    assert (tmp_path / "schema.json").read_text("utf-8") == "{}\n"
    assert listing(tmp_path) == ["schema.json"]


def _failing_fsync(fd: int) -> None:
    raise OSError(28, "No space left on device")


def test_disk_full_at_fsync_keeps_the_old_file(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", _failing_fsync)
    with pytest.raises(WriteError, match="No space left"):
        write_text(target, NEW)
    assert target.read_text("utf-8") == OLD
    assert listing(target.parent) == ["bao-cao.md"]


class _BreakingStream(io.TextIOWrapper):
    """A text stream that writes part of its text, then fails as told."""

    error: BaseException = KeyboardInterrupt()

    def write(self, text: str) -> int:
        super().write(text[: len(text) // 2])
        super().flush()  # the half really reaches the temporary file
        raise self.error


def _breaking_fdopen(error: BaseException) -> Any:
    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> io.TextIOWrapper:
        raw = io.FileIO(fd, "w", closefd=True)
        stream = _BreakingStream(
            io.BufferedWriter(raw), encoding=kwargs.get("encoding"), newline=kwargs.get("newline")
        )
        stream.error = error
        return stream

    return fdopen


@pytest.mark.parametrize(
    "error",
    [KeyboardInterrupt(), OSError(5, "Input/output error"), MemoryError()],
    ids=["ctrl-c", "io-error", "memory"],
)
def test_interrupted_mid_write_keeps_the_old_file(
    target: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    monkeypatch.setattr(os, "fdopen", _breaking_fdopen(error))
    # An OS error becomes a WriteError naming the target; the rest go on as they are.
    with pytest.raises(WriteError if isinstance(error, OSError) else type(error)):
        write_text(target, NEW)
    assert target.read_text("utf-8") == OLD
    assert listing(target.parent) == ["bao-cao.md"]


def test_interrupted_mid_write_of_a_new_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fdopen", _breaking_fdopen(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_text(tmp_path / "moi.md", NEW)
    assert listing(tmp_path) == []


def test_failed_rename_keeps_the_old_file(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(self: Path, other: Path) -> Path:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        write_text(target, NEW)
    assert target.read_text("utf-8") == OLD
    assert listing(target.parent) == ["bao-cao.md"]


def test_a_folder_in_the_way_is_not_touched(tmp_path: Path) -> None:
    folder = tmp_path / "bao-cao.md"
    folder.mkdir()
    (folder / "ghi-chu.txt").write_text("giữ nguyên", encoding="utf-8")
    with pytest.raises(WriteError):
        write_text(folder, NEW)
    assert listing(tmp_path) == ["bao-cao.md"]
    assert (folder / "ghi-chu.txt").read_text("utf-8") == "giữ nguyên"


def test_keeps_the_mode_of_the_file_it_replaces(target: Path) -> None:
    target.chmod(0o600)
    write_text(target, NEW)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    # mkstemp makes 0600 files; a report others must read is 0644 less the umask.
    mask = os.umask(0o022)
    try:
        write_text(tmp_path / "moi.md", NEW)
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "moi.md").stat().st_mode) == 0o644


def test_writing_to_a_link_replaces_the_link_not_the_file_behind_it(tmp_path: Path) -> None:
    behind = tmp_path / "ke-hoach.yaml"
    behind.write_text("version: 1\n", encoding="utf-8")
    link = tmp_path / "bao-cao.md"
    link.symlink_to(behind.name)
    write_text(link, NEW)
    assert behind.read_text("utf-8") == "version: 1\n"
    assert not link.is_symlink()
    assert link.read_text("utf-8") == NEW


# --- check_target -------------------------------------------------------------------


def refusal(path: Path, **options: Any) -> str | None:
    """The `kind` check_target refuses `path` with, or None when it may be written."""
    try:
        check_target(path, **options)
    except RefusedError as error:
        assert error.path == path
        return error.kind
    return None


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """An input: a plan file, under plans/2022/."""
    path = tmp_path / "plans" / "2022" / "cd-bo-tu-phap.yaml"
    path.parent.mkdir(parents=True)
    # Even a plan that quotes the marker (copied from a report) is an input.
    path.write_text(f"# {MARKER}\nversion: 1\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("force", [False, True])
def test_inputs_are_refused_even_with_force(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    relative = Path("plans/2022/cd-bo-tu-phap.yaml")
    link = tmp_path / "lien-ket.md"
    link.symlink_to(plan)
    for spelling in (plan, relative, Path("plans/2022/../2022/cd-bo-tu-phap.yaml"), link):
        assert refusal(spelling, force=force, protected=[relative]) == "input", spelling
        assert refusal(spelling, force=force, protected=[plan]) == "input", spelling


def test_a_foreign_file_is_refused_without_force(tmp_path: Path) -> None:
    foreign = tmp_path / "bao-cao.md"
    foreign.write_text("Báo cáo do cán bộ tự soạn\n", encoding="utf-8")
    assert refusal(foreign, force=False) == "exists"
    assert refusal(foreign, force=True) is None
    assert foreign.read_text("utf-8") == "Báo cáo do cán bộ tự soạn\n"


def test_our_own_file_is_replaced_without_force(target: Path) -> None:
    assert is_ours(target)
    assert refusal(target, force=False) is None


def test_the_marker_must_be_near_the_top(tmp_path: Path) -> None:
    # A file that merely quotes the marker far down (a user's notes) is not ours.
    notes = tmp_path / "ghi-chu.md"
    notes.write_text("x\n" * 4096 + MARKER + "\n", encoding="utf-8")
    assert not is_ours(notes)
    assert refusal(notes, force=False) == "exists"


def test_scaffolds_never_replace_an_existing_file(target: Path) -> None:
    # `init` and `new` write files users then edit: even one with the marker is theirs.
    assert refusal(target, force=False, generated=False) == "exists"


@pytest.mark.parametrize("force", [False, True])
def test_a_folder_is_refused(tmp_path: Path, force: bool) -> None:
    assert refusal(tmp_path, force=force) == "directory"


def test_a_new_path_is_accepted(tmp_path: Path) -> None:
    assert refusal(tmp_path / "moi" / "bao-cao.html", force=False) is None


def test_an_unreadable_foreign_file_is_refused(tmp_path: Path) -> None:
    locked = tmp_path / "bao-cao.md"
    locked.write_text(OLD, encoding="utf-8")
    locked.chmod(0)
    try:
        # As root the marker is read (permissions do not apply) and the file is ours;
        # otherwise it cannot be read, so it cannot be shown to be ours.
        expected = None if os.geteuid() == 0 else "exists"
        assert refusal(locked, force=False) == expected
    finally:
        locked.chmod(0o644)


_FIFO_TARGET = """
import sys
from pathlib import Path
from tuyengiao.output import RefusedError, check_target
try:
    check_target(Path(sys.argv[1]), force=False)
except RefusedError as error:
    print(error.kind)
else:
    print("accepted")
"""


def test_a_fifo_target_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "bao-cao.md"
    os.mkfifo(fifo)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _FIFO_TARGET, str(fifo)],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("check_target blocked on a FIFO")
    assert done.stdout.strip() in ("exists", "special")
