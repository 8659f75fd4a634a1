"""Hostile input: nothing a plan file or a plans folder holds crashes, hangs, runs or is lost.

The committed corpus is `tests/hostile/*.yaml`, with what `check` must say about each
file in `tests/hostile/cases.toml`. What git cannot hold or should not (files of
megabytes, FIFOs, links, unreadable files, odd names) is made here, at test time, in
`tmp_path`; the big ones run in a subprocess whose time and peak memory are measured.
`tests/hostile/README.md` lists every case.

For every case: no traceback and no internal error, the documented exit code (2 for
an unreadable path, 1 for errors), and findings whose Vietnamese message says what
is wrong without Python artefacts.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
import time
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLE_TODAY, Run
from tuyengiao.files import MAX_FILE_BYTES
from tuyengiao.rules import RULES

HOSTILE = Path(__file__).parent / "hostile"
CASES: dict[str, dict[str, Any]] = tomllib.loads((HOSTILE / "cases.toml").read_text("utf-8"))
VALID = (HOSTILE / "valid-plan.yaml").read_bytes()


def plan_of(union: str) -> bytes:
    """The valid plan, filed by another union (one union, one plan: else duplicate-id)."""
    return VALID.replace(b"cd-mau", union.encode())


#: What a message must never show: Python's insides instead of words.
ARTEFACTS = ("<class", "Traceback", "Error(", "object at 0x", "\\x", "\\u", "None", "{'", "['")
_PLACEHOLDER = re.compile(r"\{[a-z][a-z_]*\}")
#: Internal-error and crash wording of the CLI's last line of defence.
CRASH = ("Traceback", "Lỗi nội bộ", "Internal error")


# --- helpers --------------------------------------------------------------------------


def assert_readable(text: str, *, vietnamese: bool) -> None:
    """A message or hint a union officer can read: words, no Python, NFC, no {field}."""
    assert text.strip()
    for artefact in ARTEFACTS:
        assert artefact not in text, f"{artefact!r} in {text!r}"
    assert not _PLACEHOLDER.search(text), text
    assert unicodedata.is_normalized("NFC", text), text
    if vietnamese:
        assert any(not c.isascii() and c.isalpha() for c in text), f"not Vietnamese: {text}"


def assert_answer(outcome_stdout: str, outcome_stderr: str) -> dict[str, Any]:
    """The JSON document of a run that did not crash, its messages all readable."""
    for crash in CRASH:
        assert crash not in outcome_stdout + outcome_stderr
    document: dict[str, Any] = json.loads(outcome_stdout)
    for item in document["diagnostics"]:
        assert item["rule"] in RULES
        assert (item["line"] is None) == (item["column"] is None), item
        assert_readable(item["message"], vietnamese=True)
        if item["hint"] is not None:
            assert_readable(item["hint"], vietnamese=False)
    return document


def findings(document: dict[str, Any]) -> list[str]:
    """Each finding as `line:column rule`, as cases.toml writes them."""
    return [f"{d['line'] or '-'}:{d['column'] or '-'} {d['rule']}" for d in document["diagnostics"]]


def said(document: dict[str, Any]) -> str:
    """Every message and hint of a document, one a line."""
    return "\n".join(f"{d['message']}\n{d['hint'] or ''}" for d in document["diagnostics"])


def workspace_with(folder: Path, files: dict[str, bytes]) -> Path:
    """`folder` as a workspace with a config of defaults, holding `files`.

    Its plans are named for what they test, not after their unions: `file-name` is off.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tuyengiao.yaml").write_text("ignore: [file-name]\n", encoding="utf-8")
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


def check_json(run: Run, folder: Path, *paths: str, lang: str = "vi") -> tuple[int, dict[str, Any]]:
    """`check --format json` in-process in `folder`: its exit code and readable document."""
    args = ["check", *paths, "--today", SAMPLE_TODAY, "--format", "json", "--lang", lang]
    outcome = run(*args, cwd=folder)
    if lang == "vi":
        return outcome.exit_code, assert_answer(outcome.stdout, outcome.stderr)
    return outcome.exit_code, json.loads(outcome.stdout)


@dataclass(frozen=True)
class Measured:
    """A subprocess run of the CLI: what it printed, its exit code, time and peak memory."""

    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mib: float


#: The worst time and memory seen by the subprocess cases, for the README's figures.
WORST: dict[str, tuple[float, str]] = {}


#: `python -m tuyengiao`, then the process's own peak RSS (VmHWM, KiB) written to a file.
#: Not `ru_maxrss`: Linux carries the parent's peak into a forked child's, through exec.
_MEASURED = """
import atexit, os, runpy, sys

def peak():
    with open("/proc/self/status") as status:
        kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["TUYENGIAO_TEST_PEAK"], "w") as out:
        out.write(kib)

atexit.register(peak)
sys.argv[0] = "tuyengiao"
runpy.run_module("tuyengiao", run_name="__main__", alter_sys=True)
"""


def measure(folder: Path, *args: str, timeout: float = 60) -> Measured:
    """Run `python -m tuyengiao <args>` in `folder`; kill it and fail after `timeout` s."""
    peak = folder.parent / f"{folder.name}.peak"
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "TUYENGIAO_LANG")}
    env.update(NO_COLOR="1", COLUMNS="120", PYTHONIOENCODING="utf-8", TUYENGIAO_TEST_PEAK=str(peak))
    out, err = folder.parent / f"{folder.name}.out", folder.parent / f"{folder.name}.err"
    started = time.monotonic()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-c", _MEASURED, *args],
            cwd=folder,
            env=env,
            stdout=stdout,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
        )
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            child.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            child.wait()
        finally:
            timer.cancel()
    seconds = time.monotonic() - started
    assert not killed.is_set(), f"`tuyengiao {' '.join(args)}` still running after {timeout} s"
    result = Measured(
        child.returncode,
        out.read_text("utf-8"),
        err.read_text("utf-8"),
        seconds,
        int(peak.read_text()) / 1024,
    )
    case = f"{folder.name}: {' '.join(args[:2])}"
    print(f"\n{case}: exit {result.exit_code}, {seconds:.2f} s, {result.peak_mib:.0f} MiB peak")
    for key, value in (("time", seconds), ("memory", result.peak_mib)):
        if value > WORST.get(key, (0.0, ""))[0]:
            WORST[key] = (value, case)
    return result


@pytest.fixture(scope="module", autouse=True)
def _report_worst() -> Any:
    yield
    for key, (value, case) in WORST.items():
        print(f"\nworst {key}: {value:.2f} ({case})")


# --- the committed corpus -------------------------------------------------------------


def _corpus() -> list[Any]:
    params = []
    for name, case in CASES.items():
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
        params.append(pytest.param(name, case, id=name, marks=marks))
    return params


@pytest.mark.parametrize(("name", "case"), _corpus())
def test_corpus_case(run: Run, tmp_path: Path, name: str, case: dict[str, Any]) -> None:
    workspace_with(tmp_path, {name: (HOSTILE / name).read_bytes()})
    code, document = check_json(run, tmp_path, name)
    assert code == case["exit"], findings(document)
    assert document["summary"]["files"] == 1
    if "findings" in case:
        assert findings(document) == case["findings"]
    text = said(document)
    for fragment in case["says"]:
        assert fragment in text
    assert all(d["file"] == name for d in document["diagnostics"])


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if "xfail" not in c])
def test_corpus_case_in_english_and_other_formats(run: Run, tmp_path: Path, name: str) -> None:
    # The same findings in English, and the same count in every other format.
    workspace_with(tmp_path, {name: (HOSTILE / name).read_bytes()})
    code, english = check_json(run, tmp_path, name, lang="en")
    assert code == CASES[name]["exit"]
    assert findings(english) == CASES[name]["findings"]
    for item in english["diagnostics"]:
        assert_readable(item["message"], vietnamese=False)
    text = run("check", name, "--today", SAMPLE_TODAY, cwd=tmp_path)
    github = run("check", name, "--today", SAMPLE_TODAY, "--format", "github", cwd=tmp_path)
    for outcome in (text, github):
        assert outcome.exit_code == code
        assert not any(crash in outcome.stdout + outcome.stderr for crash in CRASH)
    annotations = [line for line in github.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == len(english["diagnostics"])
    assert "Đã kiểm tra 1 tệp" in text.stdout


def test_corpus_is_listed_small_and_documented() -> None:
    on_disk = {p.name for p in HOSTILE.glob("*.yaml")}
    assert on_disk == set(CASES)
    readme = (HOSTILE / "README.md").read_text("utf-8")
    for name in (*CASES, *GENERATED):
        assert f"`{name}`" in readme, f"{name} is not in tests/hostile/README.md"
    for path in HOSTILE.iterdir():
        assert path.stat().st_size <= 50 * 1024, f"{path.name}: generate big files at test time"


def test_corpus_files_are_what_the_generator_writes() -> None:
    spec = importlib.util.spec_from_file_location("_make_corpus", HOSTILE / "_make_corpus.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    for name, data in generator.FILES.items():
        assert (HOSTILE / name).read_bytes() == data, f"run python {HOSTILE}/_make_corpus.py"


def test_one_bad_file_never_stops_the_others(run: Run, tmp_path: Path) -> None:
    # The whole corpus in one folder: each file gets exactly the findings it gets alone
    # (plus duplicate-id: most of them are plans of the same union, and file-name:
    # none is named after it), and the valid plan of another union none.
    files = {f"plans/{name}": (HOSTILE / name).read_bytes() for name in CASES}
    files["plans/cd-khac.yaml"] = plan_of("cd-khac")
    workspace_with(tmp_path, files)
    code, document = check_json(run, tmp_path, "plans")
    assert code == 1
    assert document["summary"]["files"] == len(CASES) + 1
    for name, case in CASES.items():
        mine = [d for d in document["diagnostics"] if d["file"] == f"plans/{name}"]
        across = (" duplicate-id", " file-name")
        alone = [f for f in findings({"diagnostics": mine}) if not f.endswith(across)]
        assert alone == case.get("findings", alone), name
    assert not [d for d in document["diagnostics"] if d["file"] == "plans/cd-khac.yaml"]


# --- big and deep: in a subprocess, time and memory measured ---------------------------


GENERATED = (
    "50-mib-file",
    "100000-activities",
    "1-mib-line",
    "deep-block-sequence",
    "deep-flow-sequence",
    "deep-flow-mapping",
    "deep-block-mapping",
    "python-tag-runs-nothing",
    "fifo-in-folder",
    "fifo-named",
    "folder-named-yaml",
    "folder-link-loop",
    "file-link-to-itself",
    "file-links-in-a-ring",
    "dangling-link",
    "unreadable-file",
    "unreadable-folder",
    "vietnamese-path-with-spaces",
    "nfd-file-name",
    "non-utf8-file-name",
    "hostile-config",
    "no-plan-at-all",
    "output-cannot-encode-vietnamese",
)


def test_50_mib_file_is_refused_unread(tmp_path: Path) -> None:
    folder = tmp_path / "50-mib-file"
    workspace_with(folder, {})
    big = folder / "ke-hoach.yaml"
    with big.open("wb") as stream:  # 50 MiB of real bytes, not a sparse file
        stream.write(VALID)
        block = b"# " + b"x" * 1021 + b"\n"
        for _ in range(50 * 1024):
            stream.write(block)
    assert big.stat().st_size > MAX_FILE_BYTES
    done = measure(folder, "check", "ke-hoach.yaml", "--today", SAMPLE_TODAY, "-f", "json")
    document = assert_answer(done.stdout, done.stderr)
    assert done.exit_code == 1
    assert findings(document) == ["-:- too-complex"]
    assert "32 MiB" in said(document)
    # Unread: no more memory than checking a small plan (reading it would add 50 MiB).
    (folder / "nho.yaml").write_bytes(VALID)
    small = measure(folder, "check", "nho.yaml", "--today", SAMPLE_TODAY, "-f", "json")
    assert done.peak_mib < small.peak_mib + 25


def test_50_mib_file_is_never_opened(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace_with(tmp_path, {})
    big = tmp_path / "ke-hoach.yaml"
    with big.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: its size is all that matters here
    opened: list[object] = []
    real_path_open, real_open = Path.open, open

    def path_spy(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == big.name:
            opened.append(self)
        return real_path_open(self, *args, **kwargs)

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith(big.name):
            opened.append(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(Path, "open", path_spy)
    monkeypatch.setattr("builtins.open", spy)
    code, document = check_json(run, tmp_path, big.name)
    assert (code, findings(document), opened) == (1, ["-:- too-complex"], [])


def test_100000_activities_are_checked_in_bounded_time_and_memory(tmp_path: Path) -> None:
    folder = tmp_path / "100000-activities"
    lines = ['version: 1\nguidance: "2022"\nunion: {id: cd-lon, name: Công đoàn Lớn}\n'.encode()]
    lines.append(b"activities:\n")
    for i in range(100_000):
        task = i % 8 + 1
        lines.append(
            f"  - {{id: a{i}, task: {task}, title: Hoạt động số {i}, due: 20/5/2022, "
            f"status: kế hoạch}}\n".encode()
        )
    workspace_with(folder, {"ke-hoach.yaml": b"".join(lines)})
    done = measure(
        folder, "check", "ke-hoach.yaml", "--today", SAMPLE_TODAY, "-f", "json", timeout=180
    )
    document = json.loads(done.stdout)
    assert done.exit_code == 0  # warnings only: every activity is overdue
    # The first 200 findings, and one (a warning, as what it counts) for the other 99,800.
    assert document["summary"] == {"files": 1, "errors": 0, "warnings": 201, "infos": 0}
    first, *listed = document["diagnostics"]
    assert (first["rule"], first["severity"], first["line"]) == ("too-complex", "warning", None)
    assert "99.800" in first["message"] or "99800" in first["message"]
    assert {d["rule"] for d in listed} == {"overdue"}
    assert [d["line"] for d in listed] == list(range(5, 205))
    assert done.peak_mib < 1024


def test_a_1_mib_line(tmp_path: Path) -> None:
    folder = tmp_path / "1-mib-line"
    title = "Hội nghị " * (1024 * 1024 // 10)
    long_valid = VALID.replace("title: Tuyên truyền".encode(), f"title: {title}".encode())
    assert len(long_valid) > 1024 * 1024
    broken = b"version: 1\nnote: [" + b"x, " * 350_000 + b"x"  # never closed, no final newline
    workspace_with(folder, {"dai.yaml": long_valid, "hong.yaml": broken})
    done = measure(folder, "check", ".", "--today", SAMPLE_TODAY, "-f", "json")
    document = assert_answer(done.stdout, done.stderr)
    assert done.exit_code == 1
    end_of_line_2 = len(broken) - broken.index(b"\n")  # one past the last character
    assert findings(document) == [f"2:{end_of_line_2} yaml-syntax"]
    assert done.peak_mib < 500


#: 10,000 levels where a file can hold them in a few kilobytes; a block mapping needs an
#: indentation per level, so 2,000 levels (4 MB) already say the same.
DEEP = {
    "deep-block-sequence": b"- " * 10_000 + b"x\n",
    "deep-flow-sequence": b"note: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
    "deep-flow-mapping": b"note: " + b"{a: " * 10_000 + b"1" + b"}" * 10_000 + b"\n",
    "deep-block-mapping": b"".join(b" " * i + b"a:\n" for i in range(2_000))
    + b" " * 2_000
    + b"x\n",
}


@pytest.mark.parametrize(("name", "data"), DEEP.items(), ids=list(DEEP))
def test_deep_nesting_is_too_complex_in_bounded_time(
    tmp_path: Path, name: str, data: bytes
) -> None:
    folder = tmp_path / name
    workspace_with(folder, {"sau.yaml": data})
    done = measure(folder, "check", "sau.yaml", "--today", SAMPLE_TODAY, "-f", "json")
    document = assert_answer(done.stdout, done.stderr)
    assert done.exit_code == 1
    assert [d["rule"] for d in document["diagnostics"]] == ["too-complex"]
    assert "lồng nhau quá sâu" in said(document)


# --- code in tags never runs -----------------------------------------------------------

PAYLOADS = (
    '!!python/object/apply:os.system ["touch {target}"]',
    '!!python/object/apply:subprocess.call [["touch", "{target}"]]',
    '!!python/object/new:os.system ["touch {target}"]',
    "!!python/object/apply:builtins.exec [\"import pathlib; pathlib.Path('{target}').touch()\"]",
    '!!python/object/apply:os.makedirs ["{target}"]',
    '!<tag:yaml.org,2002:python/object/apply:os.system> ["touch {target}"]',
)


def test_the_payloads_are_live(tmp_path: Path) -> None:
    # Each payload really runs when a careless program loads it with PyYAML's unsafe
    # loader: so the test below, where nothing runs, proves something.
    import yaml

    for index, payload in enumerate(PAYLOADS):
        target = tmp_path / f"ran-{index}"
        yaml.load(payload.format(target=target), Loader=yaml.UnsafeLoader)
        assert target.exists(), payload


def test_python_tags_never_run(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "python-tag-runs-nothing"
    target = tmp_path / "pwned"
    files = {}
    for index, payload in enumerate(PAYLOADS):
        files[f"p{index}.yaml"] = f"version: 1\nnote: {payload.format(target=target)}\n".encode()
        files[f"q{index}.yaml"] = f"{payload.format(target=target)}\n".encode()
    workspace_with(folder, files)
    code, document = check_json(run, folder, ".")
    assert not target.exists()
    done = measure(folder, "check", ".", "--today", SAMPLE_TODAY, "-f", "json")
    assert not target.exists()
    assert code == done.exit_code == 1
    tags = [d for d in document["diagnostics"] if d["rule"] == "unsafe-tag"]
    assert len(tags) == len(files)
    assert "không được phép" in said(document)


# --- special files, links, names: never block, never lose a plan ----------------------


def test_a_fifo_in_a_plans_folder_does_not_block(tmp_path: Path) -> None:
    folder = tmp_path / "fifo-in-folder"
    workspace_with(folder, {"plans/a.yaml": VALID})
    os.mkfifo(folder / "plans" / "x.yaml")
    done = measure(folder, "check", "plans", "--today", SAMPLE_TODAY, "-f", "json")
    document = assert_answer(done.stdout, done.stderr)
    assert done.exit_code == 2  # an input could not be read
    assert findings(document) == ["-:- unreadable"]
    assert document["diagnostics"][0]["file"] == "plans/x.yaml"
    assert document["summary"]["files"] == 2
    assert "không phải tệp thông thường" in said(document)


def test_a_fifo_named_on_the_command_line_does_not_block(tmp_path: Path) -> None:
    folder = tmp_path / "fifo-named"
    workspace_with(folder, {})
    os.mkfifo(folder / "x.yaml")
    done = measure(folder, "check", "x.yaml", "--today", SAMPLE_TODAY, "-f", "json")
    assert done.exit_code == 2
    assert findings(assert_answer(done.stdout, done.stderr)) == ["-:- unreadable"]


def test_a_folder_named_like_a_plan(run: Run, tmp_path: Path) -> None:
    workspace_with(tmp_path, {"plans/x.yaml/trong.yaml": VALID, "plans/a.yaml": plan_of("cd-a")})
    (tmp_path / "rong.yaml").mkdir()
    code, document = check_json(run, tmp_path, "plans")
    assert (code, document["summary"]["files"]) == (0, 2)  # the folder is walked, not read
    empty = run("check", "rong.yaml", "--today", SAMPLE_TODAY, cwd=tmp_path)
    assert empty.exit_code == 2  # no plan found at all
    assert "Không tìm thấy tệp kế hoạch nào" in empty.stderr


def test_a_folder_link_loop_is_not_followed(run: Run, tmp_path: Path) -> None:
    workspace_with(tmp_path, {"plans/a.yaml": VALID})
    (tmp_path / "plans" / "vong").symlink_to(".")
    (tmp_path / "plans" / "len").symlink_to("..")
    code, document = check_json(run, tmp_path, "plans")
    assert (code, document["summary"]["files"], findings(document)) == (0, 1, [])


@pytest.mark.parametrize(
    ("links", "message"),
    [
        ({"tu-tro.yaml": "tu-tro.yaml"}, "trỏ vòng vào chính nó"),
        ({"a.yaml": "b.yaml", "b.yaml": "a.yaml"}, "trỏ vòng vào chính nó"),
        ({"mat.yaml": "da-xoa.yaml"}, "liên kết hỏng"),
    ],
    ids=["file-link-to-itself", "file-links-in-a-ring", "dangling-link"],
)
def test_file_links_that_lead_nowhere_are_unreadable(
    run: Run, tmp_path: Path, links: dict[str, str], message: str
) -> None:
    workspace_with(tmp_path, {"plans/tot.yaml": VALID})
    for name, target in links.items():
        (tmp_path / "plans" / name).symlink_to(target)
    code, document = check_json(run, tmp_path, "plans")
    assert code == 2
    assert findings(document) == ["-:- unreadable"] * len(links)
    assert document["summary"]["files"] == len(links) + 1
    assert message in said(document)


def test_an_unreadable_file(run: Run, tmp_path: Path) -> None:
    workspace_with(tmp_path, {"plans/khoa.yaml": VALID, "plans/mo.yaml": plan_of("cd-mo")})
    locked = tmp_path / "plans" / "khoa.yaml"
    locked.chmod(0)
    try:
        readable = os.access(locked, os.R_OK)  # root (CI) reads whatever the mode says
        code, document = check_json(run, tmp_path, "plans")
    finally:
        locked.chmod(0o644)
    if os.geteuid() == 0:
        assert readable
        assert (code, findings(document)) == (0, [])  # root: checked like any other file
    else:
        assert not readable
        assert (code, findings(document)) == (2, ["-:- unreadable"])
        assert "Không có quyền đọc" in said(document)
    assert document["summary"]["files"] == 2


def test_an_unreadable_folder_is_reported_not_skipped(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The walk cannot open plans/khoa (as for a user without the right on it; root has
    # every right, so the refusal is simulated): its plans are not silently skipped.
    workspace_with(tmp_path, {"plans/khoa/a.yaml": VALID, "plans/mo.yaml": plan_of("cd-mo")})
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.fspath(path).endswith("khoa"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, document = check_json(run, tmp_path, "plans")
    assert code == 2
    assert [(d["file"], d["rule"]) for d in document["diagnostics"]] == [
        ("plans/khoa", "unreadable")
    ]
    assert document["summary"]["files"] == 2  # plans/mo.yaml checked too
    assert "Không có quyền đọc" in said(document)


def test_a_folder_without_permissions(run: Run, tmp_path: Path) -> None:
    workspace_with(tmp_path, {"plans/khoa/a.yaml": VALID, "plans/mo.yaml": plan_of("cd-mo")})
    locked = tmp_path / "plans" / "khoa"
    locked.chmod(0)
    try:
        code, document = check_json(run, tmp_path, "plans")
    finally:
        locked.chmod(0o755)
    if os.geteuid() == 0:  # root (CI): permissions do not apply, the plan inside is read
        assert (code, findings(document), document["summary"]["files"]) == (0, [], 2)
    else:
        assert (code, findings(document)) == (2, ["-:- unreadable"])


def test_an_output_that_cannot_encode_vietnamese(tmp_path: Path) -> None:
    folder = tmp_path / "output-cannot-encode-vietnamese"
    workspace_with(folder, {"a.yaml": VALID})
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "tuyengiao", "check", "a.yaml", "--today", SAMPLE_TODAY],
        cwd=folder,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    assert b"1 t" in done.stdout  # the summary line, however its letters are shown


def test_a_vietnamese_path_with_spaces(run: Run, tmp_path: Path) -> None:
    name = "Kế hoạch năm 2022/Công đoàn Bộ Tư pháp.yaml"
    broken = VALID.replace("status: hoàn thành, done: 18/5/2022".encode(), b"status: no")
    workspace_with(tmp_path, {name: broken})
    code, document = check_json(run, tmp_path, "Kế hoạch năm 2022")
    assert code == 1
    assert [d["file"] for d in document["diagnostics"]] == [name]
    text = run("check", name, "--today", SAMPLE_TODAY, cwd=tmp_path)
    assert text.exit_code == 1
    assert name in text.stdout


def test_an_nfd_file_name_is_found_and_shown(run: Run, tmp_path: Path) -> None:
    name = unicodedata.normalize("NFD", "Công đoàn Bộ Nội vụ.yaml")  # as macOS writes names
    workspace_with(tmp_path, {name: b"version: 2\n"})
    code, document = check_json(run, tmp_path, ".")
    assert code == 1
    assert {d["file"] for d in document["diagnostics"]} == {name}


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "non-utf8-file-name"
    workspace_with(folder, {})
    (folder / os.fsdecode(b"C\xf4ng \xf0o\xe0n.yaml")).write_bytes(b"version: 2\n")
    done = measure(folder, "check", ".", "--today", SAMPLE_TODAY, "-f", "json")
    document = assert_answer(done.stdout, done.stderr)  # valid UTF-8 JSON, whatever the name
    assert done.exit_code == 1
    assert {d["file"] for d in document["diagnostics"]} == {"C\ufffdng \ufffdo\ufffdn.yaml"}
    for fmt in ("text", "github"):
        other = measure(folder, "check", ".", "--today", SAMPLE_TODAY, "-f", fmt)
        assert other.exit_code == 1
        assert "C\ufffdng" in other.stdout


@pytest.mark.parametrize(
    "config",
    [
        (HOSTILE / "utf16-bom.yaml").read_bytes(),
        (HOSTILE / "billion-laughs.yaml").read_bytes(),
        (HOSTILE / "png.yaml").read_bytes(),
        b"- roster\n",
        b"roster: !!python/object/apply:os.system ['true']\n",
    ],
    ids=["utf16", "alias-bomb", "binary", "a-list", "python-tag"],
)
def test_a_hostile_config_is_reported_and_the_plans_still_checked(
    run: Run, tmp_path: Path, config: bytes
) -> None:
    workspace_with(tmp_path, {"plans/cd-mau.yaml": VALID})
    (tmp_path / "tuyengiao.yaml").write_bytes(config)
    code, document = check_json(run, tmp_path, "plans")
    assert code == 1
    assert document["summary"]["files"] == 1
    assert {d["file"] for d in document["diagnostics"]} == {"tuyengiao.yaml"}


def test_no_plan_at_all(run: Run, tmp_path: Path) -> None:
    workspace_with(tmp_path, {"plans/ghi-chu.txt": b"not a plan", "plans/.an.yaml": VALID})
    outcome = run("check", "plans", "--today", SAMPLE_TODAY, cwd=tmp_path)
    assert outcome.exit_code == 2
    assert "Không tìm thấy tệp kế hoạch nào" in outcome.stderr
    assert not any(crash in outcome.stdout + outcome.stderr for crash in CRASH)


def test_a_missing_path_beside_a_good_one(run: Run, tmp_path: Path) -> None:
    workspace_with(tmp_path, {"a.yaml": VALID})
    outcome = run("check", "a.yaml", "khong-co.yaml", "--today", SAMPLE_TODAY, cwd=tmp_path)
    assert outcome.exit_code == 2
    assert "khong-co.yaml" in outcome.stderr
    assert "Đã kiểm tra 1 tệp" in outcome.stdout
