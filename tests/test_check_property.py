"""Property tests: whatever text or YAML-shaped document a plan file holds, `check` answers.

It never raises, exits 0, 1 or 2, and its JSON document always parses with every
finding placed inside the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE_TODAY, Run
from tuyengiao.rules import RULES

KEYS = [
    *("version", "guidance", "union", "id", "name", "activities", "task", "title", "due"),
    *("status", "done", "start", "results", "sessions", "members", "contact", "phone", "x"),
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["hoàn thành", "huỷ", "20/5/2022", "2022-02-31", "0123", "no", "1:30"]),
    st.dates().map(str),
)
documents: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
    ),
    max_leaves=30,
)

PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_answers(run: Run, folder: Path, data: bytes) -> None:
    plan = folder / "plan.yaml"
    plan.write_bytes(data)
    outcome = run("check", str(plan), "--today", SAMPLE_TODAY, "--format", "json")
    assert outcome.exit_code in (0, 1, 2)
    document = json.loads(outcome.stdout)
    # CRLF, CR and LF each end a line, in YAML as in editors.
    lines = len(re.split(rb"\r\n|\r|\n", data))
    for diagnostic in document["diagnostics"]:
        assert diagnostic["rule"] in RULES
        assert diagnostic["message"]
        if diagnostic["line"] is not None:
            assert 1 <= diagnostic["line"] <= lines
            assert diagnostic["column"] is None or diagnostic["column"] >= 1


@PROPERTY
@given(text=st.text())
def test_any_text(run: Run, tmp_path: Path, text: str) -> None:
    assert_answers(run, tmp_path, text.encode("utf-8", "surrogatepass"))


@PROPERTY
@given(data=st.binary())
def test_any_bytes(run: Run, tmp_path: Path, data: bytes) -> None:
    assert_answers(run, tmp_path, data)


@PROPERTY
@given(document=documents)
def test_any_yaml_shaped_document(run: Run, tmp_path: Path, document: Any) -> None:
    text = yaml.safe_dump(document, allow_unicode=True, default_flow_style=False)
    assert_answers(run, tmp_path, text.encode())


@PROPERTY
@given(document=documents)
def test_any_document_inside_a_plan_skeleton(run: Run, tmp_path: Path, document: Any) -> None:
    activities: list[Any] = [
        {"id": "a", "task": 1, "title": "T", "due": "20/5/2022", "status": document},
        document,
    ]
    plan = {
        "version": 1,
        "guidance": "2022",
        "union": {"id": "cd-thu", "name": "Công đoàn Thử"},
        "activities": activities,
    }
    text = yaml.safe_dump(plan, allow_unicode=True)
    assert_answers(run, tmp_path, text.encode())
