"""The workspace's file truths, unit by unit: names that look like plans, ids from text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tuyengiao.config import Settings
from tuyengiao.files import RealPaths, find_plans, plan_like, read_bytes
from tuyengiao.rules.workspace import nearest
from tuyengiao.workspace import _guidance_in_text, _union_in_text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cd-x.yaml.txt", "cd-x.yaml"),
        ("cd-x.YAML", "cd-x.yaml"),
        ("cd-x.Yml", "cd-x.yml"),
        ("cd-x.yml.bak", "cd-x.yml"),
        ("cd-x.docx", "cd-x.yaml"),
        ("cd-x.xlsx", None),  # a workbook is a plan, read as one (tuyengiao.read.workbook)
        ("cd-x.yaml", None),
        ("cd-x.yml", None),
        ("README.txt", None),  # not named like a union
        (".cd-x.yaml.txt", None),  # hidden
        ("anh.png", None),
    ],
)
def test_plan_like(name: str, expected: str | None) -> None:
    assert plan_like(name) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (b"version: 1\nunion:\n  id: cd-b\n  name: B\n\tx: 1\n", ("cd-b", (3, 7))),
        (b"union:  # the union\n  name: B\n  id: 'cd-b'\n", ("cd-b", (3, 8))),
        (b"union: {id: cd-b, name: [B\n", ("cd-b", (1, 13))),
        (b"union:\r\n  id: cd-b\r\n", ("cd-b", (2, 7))),
        (b"activities:\n  - id: a1\nunion: x\n", ("plan", (None, None))),  # the file's name
    ],
)
def test_union_in_text(text: bytes, found: tuple[str, tuple[int | None, int | None]]) -> None:
    assert _union_in_text(text, Path("plans/2022/plan.yaml")) == found


def test_union_in_text_gives_up_on_a_name_that_is_no_id() -> None:
    assert _union_in_text(b"union: [\n", Path("Kế hoạch.yaml")) == (None, (None, None))


def test_guidance_in_text() -> None:
    assert _guidance_in_text(b'version: 1\nguidance: "2023"\nunion: [\n') == "2023"
    assert _guidance_in_text(b"union: [\n") is None


def test_nearest_roster_id() -> None:
    roster = {"cd-bo-khoa-hoc-cong-nghe", "cd-bo-cong-thuong", "cd-bo-tu-phap"}
    assert nearest("cd-bo-khcn", roster) == "cd-bo-khoa-hoc-cong-nghe"  # initials
    assert nearest("cd-bo-tu-phapp", roster) == "cd-bo-tu-phap"  # spelling
    assert nearest("cd-tinh-ha-noi", roster) is None


def _settings_in(folder: Path) -> Settings:
    from datetime import date

    from tuyengiao.config import resolve_settings
    from tuyengiao.i18n import messages

    (folder / "tuyengiao.yaml").write_text('guidance: "2022"\n', encoding="utf-8")
    return resolve_settings([folder], today=date(2022, 6, 20), msg=messages("vi"), cwd=folder)


def test_notes_files_are_told_apart_as_resolving_each_file_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`Settings.is_notes` resolves each folder once: the same answers as resolving each
    file, for a file of `reports/`, a link to one, a folder linking to `reports/`,
    paths through `..`, and relative paths."""
    settings = _settings_in(tmp_path)
    notes = tmp_path / "reports"
    notes.mkdir()
    (notes / "2022-Q2.yaml").write_text("situation: x\n", encoding="utf-8")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.yaml").write_text("version: 1\n", encoding="utf-8")
    (tmp_path / "plans" / "q2.yaml").symlink_to(notes / "2022-Q2.yaml")
    (tmp_path / "plans" / "back.yaml").symlink_to(tmp_path / "plans" / "a.yaml")
    (tmp_path / "also-reports").symlink_to(notes)
    monkeypatch.chdir(tmp_path)
    paths = [
        notes / "2022-Q2.yaml",
        Path("reports/2022-Q2.yaml"),
        Path("plans/../reports/2022-Q2.yaml"),
        Path("also-reports/2022-Q2.yaml"),
        Path("plans/q2.yaml"),
        Path("plans/a.yaml"),
        Path("plans/back.yaml"),
        Path("plans/missing.yaml"),
        Path("reports"),
        Path("tuyengiao.yaml"),
    ]
    folder = settings.notes_folder
    assert folder is not None
    for path in paths:
        assert settings.is_notes(path) == (path.resolve().parent == folder.resolve()), path
    assert [settings.is_notes(path) for path in paths[:6]] == [True] * 5 + [False]


@pytest.mark.parametrize("limit", [10, 1_000_000])
def test_read_bytes_reads_past_what_stat_said(tmp_path: Path, limit: int) -> None:
    """A file longer than its stat said (it grew, or `/proc` says 0) is read on to the
    limit and a byte more, as one read of the whole limit did."""
    proc = Path("/proc/self/cmdline")  # its stat says 0 bytes
    if not proc.exists():
        pytest.skip("no /proc")
    assert proc.stat().st_size < len(proc.read_bytes()) > 11
    assert read_bytes(proc, limit) == proc.read_bytes()[: limit + 1]
    plain = tmp_path / "a.yaml"
    for size in (0, 1, limit - 1, limit):
        plain.write_bytes(b"x" * size)
        assert read_bytes(plain, limit) == b"x" * size


def test_real_paths_are_os_realpath(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`find_plans` resolves each folder once, not each file: the same real paths."""
    (tmp_path / "plans" / "2022").mkdir(parents=True)
    (tmp_path / "plans" / "2022" / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "plans" / "b.yaml").symlink_to(tmp_path / "plans" / "2022" / "a.yaml")
    (tmp_path / "plans" / "loop.yaml").symlink_to(tmp_path / "plans" / "loop.yaml")
    (tmp_path / "plans" / "nowhere.yaml").symlink_to(tmp_path / "missing.yaml")
    (tmp_path / "linked").symlink_to(tmp_path / "plans" / "2022")
    monkeypatch.chdir(tmp_path / "plans")
    real = RealPaths()
    for text in (
        "2022/a.yaml",
        "b.yaml",
        "loop.yaml",
        "nowhere.yaml",
        "../linked/a.yaml",
        "2022/../b.yaml",
        "2022/..",
        "c.yaml",
        str(tmp_path / "linked" / "a.yaml"),
        "/",
    ):
        assert real(Path(text)) == os.path.realpath(text), text
    # `2022/a.yaml` reached three ways is one plan, found first as `b.yaml`.
    found = find_plans([Path(), Path("../linked")])
    assert found.files == [Path("b.yaml"), Path("loop.yaml"), Path("nowhere.yaml")]
    skip = {os.path.realpath("2022/a.yaml")}
    assert find_plans([Path()], skip=skip).files == [Path("loop.yaml"), Path("nowhere.yaml")]
