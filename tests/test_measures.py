"""Results measured against something, end to end: a catalogue's coverage, reach and
totals targets, the activities' own targets, and the wholes that may be missing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, Run

CATALOGUE = REPO / "tests" / "cases" / "invalid-value" / "catalogue-targets" / "guidance-2023.yaml"

CONFIG = """\
guidance: ["2022", guidance-2023.yaml]
roster:
  - {id: cd-a, name: Công đoàn A}
  - {id: cd-b, name: Công đoàn B}
  - {id: cd-c, name: Công đoàn C}
"""

PLAN = """\
version: 1
guidance: "2023"
union: {{id: {id}, name: {name}{members}}}
activities:
  - {{id: a1, task: 1, title: Quán triệt nghị quyết, due: 2023-03-20, status: done,
     done: 2023-03-18, target: {{participants: {target}}},
     results: {{sessions: 1, participants: {reached}}}}}
  - {{id: a2, task: 2, title: Truyền thông công đoàn, due: 2023-12-20, status: in_progress}}
"""


def workspace(tmp_path: Path, *plans: tuple[str, str, int | None, int, int]) -> Path:
    (tmp_path / "tuyengiao.yaml").write_text(CONFIG, "utf-8")
    shutil.copy(CATALOGUE, tmp_path / "guidance-2023.yaml")
    folder = tmp_path / "plans" / "2023"
    folder.mkdir(parents=True)
    for union_id, name, members, target, reached in plans:
        said = f", members: {members}" if members is not None else ""
        text = PLAN.format(id=union_id, name=name, members=said, target=target, reached=reached)
        (folder / f"{union_id}.yaml").write_text(text, "utf-8")
    return tmp_path


def report(run: Run, root: Path, fmt: str) -> str:
    outcome = run(
        "report", "plans", "--period", "2023-Q1", "--today", "2023-04-05", "--format", fmt,
        cwd=root,
    )  # fmt: skip
    assert outcome.exit_code == 0, outcome.stderr
    return outcome.stdout


def test_coverage_reach_and_targets_in_the_sentence_and_the_json(run: Run, tmp_path: Path) -> None:
    root = workspace(
        tmp_path,
        ("cd-a", "Công đoàn A", 400, 300, 240),
        ("cd-b", "Công đoàn B", 600, 100, 120),
    )
    task = json.loads(report(run, root, "json"))["measures"]["tasks"][0]
    assert (task["unions_engaged"], task["unions_expected"]) == (2, 3)
    assert task["coverage_percent"] == 66.7
    assert task["coverage_target_percent"] == 100
    assert task["targets"] == [
        {"metric": "participants", "target": 400, "reached": 360, "percent": 90.0}
    ]
    # 360 participants of 1,000 members: 36% against a reach target of 30%.
    assert task["reach"] == {
        "metric": "participants",
        "reached": 360,
        "members": 1000,
        "percent": 36.0,
        "target_percent": 30,
    }
    text = report(run, root, "md")
    assert "2/3 công đoàn (66,7%) triển khai" in text
    assert "Chưa đạt chỉ tiêu 100% công đoàn triển khai nhiệm vụ." in text
    assert "đạt 90% chỉ tiêu về lượt người tham gia (360/400)" in text
    assert "lượt người tham gia bằng 36% tổng số 1.000 đoàn viên" in text


def test_no_whole_no_rate(run: Run, tmp_path: Path) -> None:
    """No members given: no reach; no target set: no rate against targets."""
    root = workspace(tmp_path, ("cd-a", "Công đoàn A", None, 0, 240))
    task = json.loads(report(run, root, "json"))["measures"]["tasks"][0]
    assert task["reach"] is None
    assert task["targets"] == []  # a target of 0 is no target: never a whole
    text = report(run, root, "md")
    assert "đoàn viên của các công đoàn có báo cáo số đoàn viên" not in text
    assert "chỉ tiêu về" not in text


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_targets_annex_is_left_out_when_no_activity_set_one(
    run: Run, tmp_path: Path, fmt: str
) -> None:
    root = workspace(tmp_path, ("cd-a", "Công đoàn A", 100, 0, 50))
    assert "KẾT QUẢ SO VỚI CHỈ TIÊU" not in report(run, root, fmt)
