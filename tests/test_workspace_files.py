"""The workspace's file truths, unit by unit: names that look like plans, ids from text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuyengiao.files import plan_like
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
