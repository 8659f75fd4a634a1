"""`--format json` is written by a template, not by `json.dump`: the same text, always."""

from __future__ import annotations

import io
import json
from datetime import date
from types import SimpleNamespace
from typing import Any, cast

from hypothesis import given
from hypothesis import strategies as st

from tuyengiao.diagnostics import Diagnostic, Severity, Summary
from tuyengiao.formatters import json as json_format

positions = st.none() | st.integers(min_value=1, max_value=10**9)
words = st.text(st.characters(codec="utf-8") | st.sampled_from('"\\\n\t\x00\u2028“”'))
diagnostics = st.builds(
    Diagnostic,
    file=words,
    line=positions,
    column=positions,
    severity=st.sampled_from(Severity),
    code=words,
    rule=words,
    message=words,
    hint=st.none() | words,
)


@given(st.lists(diagnostics, max_size=6), st.integers(min_value=0, max_value=10**6))
def test_the_document_is_what_json_dump_writes(found: list[Diagnostic], files: int) -> None:
    result = cast(
        Any,
        SimpleNamespace(
            settings=SimpleNamespace(today=date(2022, 6, 1)),
            summary=Summary.of(files, found),
            diagnostics=found,
        ),
    )
    written = io.StringIO()
    json_format.render(result, written, cast(Any, None))
    expected = io.StringIO()
    json.dump(json_format.document(result), expected, ensure_ascii=False, indent=2)
    assert written.getvalue() == expected.getvalue() + "\n"
