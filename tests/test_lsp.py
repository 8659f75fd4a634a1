"""The schema in a real editor: `yaml-language-server` driven over stdio, as VS Code does.

The server is `TUYENGIAO_YAML_LS`, else `.ci/node/node_modules/.bin/yaml-language-server`
of this repository (`.ci/run` installs the pinned npm package there), else PATH. Skipped,
with the reason shown, only when none is found, and never when TUYENGIAO_REQUIRE_LSP=1.

`tests/golden/lsp-transcript.md` is what a user sees on `tests/data/lsp/mistakes.yaml`
(diagnostics, completions, hover, snippets); README's editor section quotes it.
Regenerate it with `UPDATE_GOLDEN=1 pytest tests/test_lsp.py` and review the diff.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, Run
from tests.lsp_client import Client, Message, find_server, running
from tests.test_schema import STRUCTURAL, TODAY, plan_files
from tuyengiao.config import Settings
from tuyengiao.guidance import Catalogues, load_guidance
from tuyengiao.i18n import messages
from tuyengiao.models import Config
from tuyengiao.schema import FILE_NAME, plan_schema, render
from tuyengiao.workspace import check_file

SERVER = find_server(REPO)
# CI sets this so that a missing server fails the run instead of skipping the test.
REQUIRED = os.environ.get("TUYENGIAO_REQUIRE_LSP") == "1"
pytestmark = pytest.mark.skipif(
    SERVER is None and not REQUIRED,
    reason="no yaml-language-server (set TUYENGIAO_YAML_LS, or npm install it in .ci/node)",
)

DATA = REPO / "tests" / "data" / "lsp"
MISTAKES = DATA / "mistakes.yaml"
GOLDEN = REPO / "tests" / "golden" / "lsp-transcript.md"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
#: What a regular expression looks like in a message: escapes, classes, groups, anchors.
REGEX = re.compile(r"\\[sdSwb]|\[[^\]]*-[^\]]*\]|\(\?:|\{\d+(,\d*)?\}|\^\\|\$\"")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the Vietnamese schema in it, as `init` writes it."""
    root = tmp_path_factory.mktemp("editor")
    msg = messages("vi")
    (root / FILE_NAME).write_text(render(plan_schema([load_guidance("2022", msg)], msg)), "utf-8")
    return root


@pytest.fixture(scope="module")
def server(workspace: Path) -> Iterator[Client]:
    """One server for the module, told (as `.vscode/settings.json` tells VS Code) which
    files the schema is for."""
    assert SERVER is not None, "TUYENGIAO_REQUIRE_LSP=1 but no yaml-language-server found"
    settings = {
        "yaml": {
            "schemas": {(workspace / FILE_NAME).as_uri(): ["*.yaml"]},
            "validate": True,
            "hover": True,
            "completion": True,
            "format": {"enable": False},
        }
    }
    with running(SERVER, workspace, settings) as client:
        yield client


@pytest.fixture(scope="module")
def settings() -> Settings:
    msg = messages("vi")
    return Settings(Config(), None, None, Catalogues.load(["2022"], msg, None), TODAY, msg)


_opened: dict[str, int] = {}


def diagnostics(server: Client, workspace: Path, name: str, text: str) -> list[Message]:
    """Open `text` as `<workspace>/<name>` and return the server's diagnostics for it."""
    count = _opened[name] = _opened.get(name, 0) + 1
    uri = (workspace / f"{count}-{name}").as_uri()
    try:
        return server.open(uri, text)
    finally:
        server.close(uri)


def check_lines(path: Path, settings: Settings) -> set[int]:
    """The 1-based lines of `tuyengiao check`'s findings of the schema-level rules."""
    found = check_file(path, settings).diagnostics
    return {d.line for d in found if d.rule in STRUCTURAL and d.line is not None}


# --- diagnostics ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["mistakes.yaml", "catalogue-mistakes.yaml"])
def test_diagnostics_fall_on_the_lines_of_checks_findings(
    name: str, server: Client, workspace: Path, settings: Settings
) -> None:
    path = DATA / name
    found = diagnostics(server, workspace, name, path.read_text("utf-8"))
    lines = {d["range"]["start"]["line"] + 1 for d in found}
    expected = check_lines(path, settings)
    assert len(expected) >= 2, "the plan must hold several mistakes"
    assert lines == expected


@pytest.mark.parametrize("name", ["mistakes.yaml", "catalogue-mistakes.yaml"])
def test_diagnostics_are_vietnamese_and_show_no_regex(
    name: str, server: Client, workspace: Path
) -> None:
    found = diagnostics(server, workspace, name, (DATA / name).read_text("utf-8"))
    assert found
    for diagnostic in found:
        message = diagnostic["message"]
        assert not REGEX.search(message), message
        assert "pattern" not in message.lower() and "RFC3339" not in message, message
        assert re.search("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", message), message


def test_a_bad_date_names_the_accepted_forms(server: Client, workspace: Path) -> None:
    found = diagnostics(server, workspace, "mistakes.yaml", MISTAKES.read_text("utf-8"))
    line = MISTAKES.read_text("utf-8").splitlines().index("    due: 31/2/2022")
    on_due = [d["message"] for d in found if d["range"]["start"]["line"] == line]
    assert on_due and "20/5/2022" in on_due[0] and "ngày 20 tháng 5 năm 2022" in on_due[0]


def valid_files(settings: Settings) -> list[Path]:
    """The sample plans and every case file whose structure `check` finds valid."""
    return [
        path
        for path in plan_files()
        if not {d.rule for d in check_file(path, settings).diagnostics} & STRUCTURAL
    ]


#: Valid plans the editor reads otherwise, and why. tuyengiao reads YAML 1.1 (PyYAML),
#: where `0912345678` (a 9 in it: not octal) is text; the server's YAML reads a number.
YAML_DIFFERS = {
    "tests/cases/invalid-type/mobile-number-is-text/plan.yaml": "Cần một đoạn văn bản",
}


def test_valid_plans_get_no_diagnostics(
    server: Client, workspace: Path, settings: Settings
) -> None:
    files = valid_files(settings)
    assert len(files) > 20  # the samples and the valid cases
    noisy = {}
    for path in files:
        found = diagnostics(server, workspace, path.name, path.read_text("utf-8-sig"))
        if found:
            noisy[path.relative_to(REPO).as_posix()] = [d["message"] for d in found]
    # The known differences are there, and say what is wanted (so the list cannot go stale).
    for name, wanted in YAML_DIFFERS.items():
        assert any(wanted in message for message in noisy.pop(name)), name
    assert noisy == {}


# --- completion and hover ---------------------------------------------------------------------


def typing_text() -> tuple[str, int, int]:
    """The mistakes plan with `task: ` and `status: ` left empty, as while typing; the
    0-based lines of those two."""
    lines = MISTAKES.read_text("utf-8").splitlines()
    task = lines.index("    task: 2")
    status = lines.index("    status: xong rồi")
    lines[task], lines[status] = "    task: ", "    status: "
    return "\n".join(lines) + "\n", task, status


def _documentation(item: Message) -> str:
    doc = item.get("documentation", "")
    return str(doc["value"] if isinstance(doc, dict) else doc)


def completions(server: Client, workspace: Path, line: int, character: int) -> list[Message]:
    text, _, _ = typing_text()
    uri = (workspace / "typing.yaml").as_uri()
    server.open(uri, text)
    try:
        return server.completion(uri, line, character)
    finally:
        server.close(uri)


def test_task_numbers_complete_with_their_titles(server: Client, workspace: Path) -> None:
    _, line, _ = typing_text()
    items = completions(server, workspace, line, len("    task: "))
    by_label = {item["label"]: _documentation(item) for item in items}
    guidance = load_guidance("2022", messages("vi"))
    for task in guidance.tasks:
        assert task.title in by_label[str(task.number)]
    assert "30/5/2022" in by_label["1"]  # task 1's deadline


def test_statuses_complete_with_the_vietnamese_words(server: Client, workspace: Path) -> None:
    _, _, line = typing_text()
    items = completions(server, workspace, line, len("    status: "))
    labels = {item["label"] for item in items}
    assert {"kế hoạch", "đang thực hiện", "hoàn thành", "hủy"} <= labels
    meaning = next(_documentation(i) for i in items if i["label"] == "hoàn thành")
    assert "done" in meaning and "hoàn thành" in meaning


def metric_completions(server: Client, workspace: Path) -> list[Message]:
    """The completions of a new key under a done activity's `results:`."""
    head = 'version: 1\nguidance: "2022"\nunion: {id: cd-thu, name: Công đoàn Thử}\n'
    body = "  - id: a\n    task: 1\n    title: B\n    due: 1/6/2022\n    status: hoàn thành\n"
    uri = (workspace / "metrics.yaml").as_uri()
    server.open(uri, f"{head}activities:\n{body}    done: 1/6/2022\n    results:\n      \n")
    try:
        return server.completion(uri, 11, 6)
    finally:
        server.close(uri)


def test_metrics_complete_with_their_label_and_unit(server: Client, workspace: Path) -> None:
    by_label = {i["label"]: _documentation(i) for i in metric_completions(server, workspace)}
    guidance = load_guidance("2022", messages("vi"))
    assert set(by_label) == {metric.id for metric in guidance.metrics}
    for metric in guidance.metrics:
        assert metric.label in by_label[metric.id]
        assert f"đơn vị: {metric.unit}" in by_label[metric.id]


def hover_on_task(server: Client, workspace: Path) -> str:
    uri = (workspace / "hover.yaml").as_uri()
    lines = MISTAKES.read_text("utf-8").splitlines()
    server.open(uri, "\n".join(lines) + "\n")
    try:
        return server.hover(uri, lines.index("    task: 1"), len("    ta"))
    finally:
        server.close(uri)


def test_hover_on_task_shows_its_description(server: Client, workspace: Path) -> None:
    text = hover_on_task(server, workspace)
    assert "Nhiệm vụ" in text and "Số nhiệm vụ trong hướng dẫn" in text
    assert "Quán triệt, triển khai Nghị quyết Đại hội XIII" in text


def snippets(server: Client, workspace: Path) -> list[Message]:
    """The completions on a new list item under `activities:` and under `progress:`."""
    head = 'version: 1\nguidance: "2022"\nunion: {id: cd-thu, name: Công đoàn Thử}\n'
    uri = (workspace / "snippets.yaml").as_uri()
    server.open(uri, f"{head}activities:\n  - \n")
    try:
        activity = server.completion(uri, 4, 4)
    finally:
        server.close(uri)
    body = "  - id: a\n    task: 2\n    title: B\n    due: 1/6/2022\n    status: đang thực hiện\n"
    uri = (workspace / "snippets-progress.yaml").as_uri()
    server.open(uri, f"{head}activities:\n{body}    progress:\n      - \n")
    try:
        progress = server.completion(uri, 10, 8)
    finally:
        server.close(uri)
    wanted = {"Hoạt động mới", "Hoạt động đã hoàn thành", "Số liệu lũy kế mới"}
    return [item for item in activity + progress if item["label"] in wanted]


def test_snippets_write_an_activity_a_done_one_and_a_progress_entry(
    server: Client, workspace: Path
) -> None:
    found = {item["label"]: item["insertText"] for item in snippets(server, workspace)}
    assert set(found) == {"Hoạt động mới", "Hoạt động đã hoàn thành", "Số liệu lũy kế mới"}
    for field in ("id:", "task:", "title:", "due:", "status:"):
        assert field in found["Hoạt động mới"]
    assert "done:" in found["Hoạt động đã hoàn thành"]
    assert "results:" in found["Hoạt động đã hoàn thành"]
    assert "as_of:" in found["Số liệu lũy kế mới"] and "results:" in found["Số liệu lũy kế mới"]


# --- the transcript ---------------------------------------------------------------------------


def transcript(server: Client, workspace: Path) -> str:
    """What a user sees on the mistakes plan, as Markdown."""
    _, task_line, status_line = typing_text()
    out = [
        "# yaml-language-server on tests/data/lsp/mistakes.yaml",
        "",
        "Regenerate: `UPDATE_GOLDEN=1 pytest tests/test_lsp.py` (see its docstring).",
        "",
        "## Diagnostics (line:column, message)",
        "",
    ]
    found = diagnostics(server, workspace, "mistakes.yaml", MISTAKES.read_text("utf-8"))
    for d in sorted(found, key=lambda d: (d["range"]["start"]["line"], d["message"])):
        start = d["range"]["start"]
        out.append(f"- {start['line'] + 1}:{start['character'] + 1} {d['message']}")
    sections: list[tuple[str, list[Message]]] = [
        ("Completion after `task: `", completions(server, workspace, task_line, 10)),
        ("Completion after `status: `", completions(server, workspace, status_line, 12)),
        ("Completion under `results:`", metric_completions(server, workspace)),
    ]
    for title, items in sections:
        out += ["", f"## {title}", ""]
        out += [f"- `{i['label']}`: {_one_line(_documentation(i))}" for i in items]
    out += ["", "## Hover on `task`", "", hover_on_task(server, workspace).strip()]
    out += ["", "## Snippets under `activities:` and `progress:`", ""]
    for item in snippets(server, workspace):
        out += [f"### {item['label']}", "", "```yaml", str(item["insertText"]), "```", ""]
    return "\n".join(out).rstrip() + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _stable(text: str, workspace: Path) -> str:
    # The schema's temporary location, named in the hover's "Source" line.
    return text.replace(workspace.as_uri(), "file:///workspace")


def test_the_transcript_matches_its_golden_file(server: Client, workspace: Path) -> None:
    got = _stable(transcript(server, workspace), workspace)
    if UPDATE:
        GOLDEN.write_text(got, encoding="utf-8")
    assert GOLDEN.exists(), f"no golden file {GOLDEN.name}: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert got == GOLDEN.read_text("utf-8")


def test_the_readme_quotes_the_transcript() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    quoted = re.findall(r"^(\d+:\d+) +(\S.*)$", readme, flags=re.MULTILINE)
    assert len(quoted) >= 4
    golden = GOLDEN.read_text("utf-8")
    for position, message in quoted:
        assert f"- {position} {message}\n" in golden, position


def test_the_settings_init_writes_give_the_plans_their_schema(
    tmp_path: Path, run: Run, settings: Settings
) -> None:
    """VS Code hands `.vscode/settings.json` to the server as is: the same settings here."""
    assert SERVER is not None, "TUYENGIAO_REQUIRE_LSP=1 but no yaml-language-server found"
    assert run("init", cwd=tmp_path).exit_code == 0
    written = json.loads((tmp_path / ".vscode" / "settings.json").read_text("utf-8"))
    editor = {"yaml": {"schemas": written["yaml.schemas"], "validate": True}}
    text = MISTAKES.read_text("utf-8")
    with running(SERVER, tmp_path, editor) as client:
        on_plan = client.open((tmp_path / "plans" / "2022" / "cd-bo-thu.yaml").as_uri(), text)
        off_plan = client.open((tmp_path / "notes.yaml").as_uri(), text)
    assert {d["range"]["start"]["line"] + 1 for d in on_plan} == check_lines(MISTAKES, settings)
    assert off_plan == []  # not under plans/: no schema


def test_with_two_catalogues_each_plan_is_checked_against_its_own(tmp_path: Path) -> None:
    assert SERVER is not None, "TUYENGIAO_REQUIRE_LSP=1 but no yaml-language-server found"
    msg = messages("vi")
    builtin = load_guidance("2022", msg)
    later = copy.deepcopy(builtin)
    later.id, later.year, later.tasks = "2023", 2023, builtin.tasks[:3]
    (tmp_path / FILE_NAME).write_text(render(plan_schema([builtin, later], msg)), "utf-8")
    editor = {"yaml": {"schemas": {(tmp_path / FILE_NAME).as_uri(): ["*.yaml"]}}}
    head = 'version: 1\nguidance: "{}"\nunion: {{id: cd-thu, name: Công đoàn Thử}}\n'
    body = "activities:\n  - {id: a, task: 8, title: Kỷ niệm, due: 28/7/2022, status: kế hoạch}\n"
    with running(SERVER, tmp_path, editor) as client:
        of_2022 = client.open((tmp_path / "a.yaml").as_uri(), head.format("2022") + body)
        of_2023 = client.open((tmp_path / "b.yaml").as_uri(), head.format("2023") + body)
    assert of_2022 == []
    assert [d["message"] for d in of_2023] == [
        "Hướng dẫn 2023 không có nhiệm vụ này. Số nhiệm vụ: 1, 2, 3."
    ]
    assert of_2023[0]["range"]["start"]["line"] == 4
