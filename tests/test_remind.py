"""`tuyengiao remind`: golden messages on the sample workspace, and what it refuses.

`UPDATE_GOLDEN=1 pytest tests/test_remind.py` rewrites the golden files, for review in
the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import PLANS, REPO, Run

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("output_format", ["text", "json", "md"])
def test_golden_on_the_first_of_july(run: Run, output_format: str) -> None:
    """On 1/7/2022 the Q2 report is due on 5/7: who has sent it, who must, what is overdue."""
    outcome = run("remind", "plans", "--today", "2022-07-01", "--format", output_format, cwd=REPO)
    assert outcome.exit_code == 0, outcome.stderr
    golden = (
        GOLDEN / f"remind-sample-2022-07-01.{'txt' if output_format == 'text' else output_format}"
    )
    if UPDATE:
        golden.write_text(outcome.stdout, "utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert outcome.stdout == golden.read_text("utf-8")


def test_json_says_it_per_union(run: Run) -> None:
    outcome = run("remind", str(PLANS), "--today", "2022-07-01", "--format", "json")
    document = json.loads(outcome.stdout)
    assert (document["period"], document["due"], document["previous"]) == (
        "2022-Q2", "2022-07-05", "2022-Q1",
    )  # fmt: skip
    by_id = {m["union"]["id"]: m for m in document["messages"]}
    assert len(by_id) == 11  # every roster union, with a plan or not
    assert by_id["cd-bo-tu-phap"]["report"] == {
        "state": "on_time",
        "sent": "2022-06-17",
        "stale": False,
    }
    assert by_id["cd-van-phong-chinh-phu"]["previous_missing"] is True
    assert by_id["cd-thanh-tra-chinh-phu"]["report"]["state"] == "no_plan"
    assert "chậm nhất ngày 5/7/2022" in by_id["cd-bo-ngoai-giao"]["text"]


def test_after_the_due_day_and_stale(run: Run) -> None:
    folder = CASES / "stale-data" / "q3-no-update"
    outcome = run("remind", ".", "--today", "2022-10-20", "--period", "2022-Q3", cwd=folder)
    assert "Đã nhận báo cáo Quý III năm 2022 (2022-Q3) ngày 4/10/2022, đúng hạn." in outcome.stdout
    assert "mới cập nhật đến ngày 30/6/2022" in outcome.stdout
    not_sent = CASES / "report-missing" / "not-sent"
    # By default the report due next (Q3), and the previous one still missing.
    upcoming = run("remind", ".", "--today", "2022-07-20", cwd=not_sent).stdout
    assert "Quý III năm 2022 (2022-Q3) chậm nhất ngày 5/10/2022 (còn 77 ngày)" in upcoming
    assert "Báo cáo Quý II năm 2022 (2022-Q2) vẫn chưa gửi (hạn 5/7/2022)." in upcoming
    overdue = run("remind", ".", "--today", "2022-07-20", "--period", "2022-Q2", cwd=not_sent)
    assert "Báo cáo Quý II năm 2022 (2022-Q2) đã quá hạn 15 ngày" in overdue.stdout


def test_without_reporting_it_refuses(run: Run) -> None:
    outcome = run(
        "remind", ".", "--today", "2022-07-20", cwd=CASES / "report-missing" / "no-reporting"
    )
    assert outcome.exit_code == 2
    assert "reporting:" in outcome.stderr


def test_english(run: Run) -> None:
    outcome = run("remind", "plans", "--today", "2022-07-01", "--lang", "en", cwd=REPO)
    assert (
        "Please send your report on propaganda work for Q2 2022 (2022-Q2) by 5/7/2022"
        in outcome.stdout
    )
