"""Report templates are sealed and bounded (issue 15, items 4, 5 and 10).

A template is read only from inside its folder (no link out of it, no FIFO, no device);
it renders under a budget of time, output and value sizes, past which the report stops
with a message, exit 2 and no file; and `-o` protects the template folders by path,
without walking them. Times are printed, never asserted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PLANS, Run
from tuyengiao.i18n import messages
from tuyengiao.report import budget
from tuyengiao.report.render import TemplateRenderError, render_report

TODAY = "2022-07-05"
CRASH = ("Traceback", "Lỗi nội bộ", "Internal error")


def listing(folder: Path) -> list[str]:
    """Every name in `folder`, hidden ones too."""
    return sorted(path.name for path in folder.iterdir())


def report(run: Run, folder: Path, *more: str) -> tuple[int, str, str]:
    """`report` on the sample plans with `folder/templates` as the override folder."""
    args = ["report", str(PLANS), "--period", "2022-Q2", "--today", TODAY]
    outcome = run(*args, "--templates", "templates", *more, cwd=folder)
    for crash in CRASH:
        assert crash not in outcome.stdout + outcome.stderr
    return outcome.exit_code, outcome.stdout, outcome.stderr


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside any template folder that a template must never show."""
    path = tmp_path / "bi-mat.txt"
    path.write_text("MA-BI-MAT-CUA-CI\n", encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder to run in, with an empty `templates/partials/` override folder."""
    here = tmp_path / "ws"
    (here / "templates" / "partials").mkdir(parents=True)
    return here


# --- item 4: no template from outside its folder ------------------------------------


def test_a_partial_linked_out_of_the_folder_is_refused(
    run: Run, folder: Path, secret: Path
) -> None:
    (folder / "templates" / "partials" / "footer.html.j2").symlink_to(secret)
    code, out, err = report(run, folder, "-f", "html", "-o", "bao-cao.html")
    assert code == 2
    assert "MA-BI-MAT" not in out + err
    assert "nằm ngoài thư mục mẫu" in err and "partials/footer.html.j2" in err
    assert listing(folder) == ["templates"]  # no report, no temporary file


def test_proc_self_environ_is_refused(run: Run, folder: Path) -> None:
    (folder / "templates" / "partials" / "footer.html.j2").symlink_to("/proc/self/environ")
    code, out, err = report(run, folder, "-f", "html")
    assert code == 2
    assert "PATH=" not in out + err
    assert "nằm ngoài thư mục mẫu" in err


def test_a_linked_folder_cannot_include_any_file(run: Run, folder: Path, secret: Path) -> None:
    (folder / "templates" / "rootlink").symlink_to("/")
    include = "{% include 'rootlink" + str(secret) + "' %}\n"
    (folder / "templates" / "report.md.j2").write_text(include, encoding="utf-8")
    code, out, err = report(run, folder)
    assert code == 2
    assert "MA-BI-MAT" not in out + err
    assert "nằm ngoài thư mục mẫu" in err


def test_a_link_inside_the_folder_is_read(run: Run, folder: Path) -> None:
    # The rule is the real path, not "no links": a link between two templates works.
    templates = folder / "templates"
    (templates / "chung.md.j2").write_text("Mẫu dùng chung {{ 6 * 7 }}\n", encoding="utf-8")
    (templates / "report.md.j2").symlink_to("chung.md.j2")
    code, out, _ = report(run, folder)
    assert (code, out) == (0, "Mẫu dùng chung 42\n")


def test_a_fifo_template_is_refused_without_blocking(folder: Path) -> None:
    os.mkfifo(folder / "templates" / "report.md.j2")
    args = ["report", str(PLANS), "--period", "2022-Q2", "--today", TODAY]
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tuyengiao", *args, "--templates", "templates"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("a FIFO template blocked the report")
    assert done.returncode == 2
    assert "không phải tệp thông thường" in done.stderr


def test_a_huge_template_is_refused_unread(run: Run, folder: Path) -> None:
    with (folder / "templates" / "report.md.j2").open("wb") as stream:
        stream.truncate(2 * 1024 * 1024)  # sparse: only its size matters
    code, _, err = report(run, folder)
    assert code == 2
    assert "lớn hơn 1 MiB" in err


# --- item 5: a budget for every render ------------------------------------------------

#: Templates that make values past the sandbox's limits: refused before computing them.
OVERSIZED = {
    "repeat-10-10": "{{ 'a' * 10**10 }}",
    "repeat-length": "{{ ('a' * 2 * 10**9)|length }}",
    "list-repeat": "{{ ([0] * 10**9)|length }}",
    "power-tower": "{% set n = 10 %}{{ (n+1) ** (n ** 7) }}",
    "big-product": "{% set x = 10 ** 2000 %}{{ x * x * x * x * x * x }}",
    "wide-printf": "{{ '%09999999999d' % 1 }}",
    "concat-plus": "{% set a = 'a' * 9000000 %}{{ (a + a)|length }}",
}


@pytest.mark.parametrize("source", OVERSIZED.values(), ids=list(OVERSIZED))
def test_oversized_values_stop_the_render(run: Run, folder: Path, source: str) -> None:
    (folder / "templates" / "report.md.j2").write_text(f"Dòng 1\n{source}\n", encoding="utf-8")
    started = time.monotonic()
    code, _, err = report(run, folder, "-o", "bao-cao.md")
    print(f"\n{source}: exit {code}, {time.monotonic() - started:.2f} s")
    assert code == 2
    assert "report.md.j2, dòng 2, đã dừng" in err
    assert "Không tệp nào được ghi" in err
    assert listing(folder) == ["templates"]


#: Templates that only spend time: stopped at the (lowered) time budget.
SLOW = {
    "nested-range": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    ),
    "exponential-macro": (
        "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(60) }}"
    ),
    # Nothing the sandbox sees: the timer signal stops it.
    "loop-over-text": (
        "{% set xs = 'x' * 100000 %}{% for a in xs %}{% for b in xs %}{% endfor %}{% endfor %}"
    ),
}


@pytest.mark.parametrize("source", SLOW.values(), ids=list(SLOW))
def test_slow_templates_stop_at_the_time_budget(
    run: Run, folder: Path, source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "SECONDS", 1.0)
    (folder / "templates" / "report.md.j2").write_text(f"{source}\n", encoding="utf-8")
    started = time.monotonic()
    code, _, err = report(run, folder, "-o", "bao-cao.md")
    print(f"\n{source[:40]}…: exit {code}, {time.monotonic() - started:.2f} s")
    assert code == 2
    assert "dựng báo cáo quá 1 giây" in err
    assert listing(folder) == ["templates"]


@pytest.mark.parametrize("name", ["nested-range", "exponential-macro"])
def test_the_clock_holds_without_the_timer_signal(folder: Path, name: str) -> None:
    # Off the main thread there is no SIGALRM: the checks in calls and `range` stop it.
    (folder / "templates" / "report.md.j2").write_text(SLOW[name], encoding="utf-8")
    caught: list[BaseException] = []

    def render() -> None:
        from tests.test_report_context import context_for

        try:
            render_report(
                context_for("2022-Q2"),
                "md",
                messages("vi"),
                [folder / "templates"],
                budget.Budget(seconds=0.5),
            )
        except BaseException as error:  # handed to the main thread
            caught.append(error)

    worker = threading.Thread(target=render)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "the render ran past its budget"
    assert len(caught) == 1 and isinstance(caught[0], TemplateRenderError)
    assert "dựng báo cáo quá 0.5 giây" in str(caught[0])


def test_output_past_the_budget_stops_the_render(
    run: Run, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "OUTPUT_CHARS", 50_000)
    source = "{% for i in range(1000) %}{{ 'x' * 100 }}\n{% endfor %}"
    (folder / "templates" / "report.md.j2").write_text(source, encoding="utf-8")
    code, _, err = report(run, folder, "-o", "bao-cao.md")
    assert code == 2
    assert "báo cáo dài quá 50.000 ký tự" in err
    assert listing(folder) == ["templates"]
    # The built-in report is far below the real budget, and renders as before.
    monkeypatch.setattr(budget, "OUTPUT_CHARS", budget.Budget().output_chars)
    (folder / "templates" / "report.md.j2").unlink()
    code, out, _ = report(run, folder)
    assert code == 0 and "BÁO CÁO" in out


#: Templates that allocate through filters and `~`, which no operator check sees: the
#: address-space limit turns them into a MemoryError, reported like the rest.
MEMORY = {
    "center": "{{ 'x'|center(10**10) }}",
    "concat-doubling": (
        "{% set a = 'a' * 1000000 %}"
        + "{% set a = a ~ a ~ a ~ a ~ a ~ a ~ a ~ a %}" * 4
        + "{{ a|length }}"
    ),
}


@pytest.mark.parametrize("source", MEMORY.values(), ids=list(MEMORY))
def test_memory_past_the_budget_is_a_message(folder: Path, source: str) -> None:
    # In a subprocess: its peak memory is its own.
    (folder / "templates" / "report.md.j2").write_text(source, encoding="utf-8")
    args = ["report", str(PLANS), "--period", "2022-Q2", "--today", TODAY, "-o", "r.md"]
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "tuyengiao", *args, "--templates", "templates"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    print(f"\n{source[:40]}…: exit {done.returncode}, {time.monotonic() - started:.2f} s")
    assert done.returncode == 2
    assert "quá nhiều bộ nhớ" in done.stderr
    assert "report.md.j2" in done.stderr  # which template, as for a Word one
    assert "MemoryError" not in done.stderr
    assert listing(folder) == ["templates"]


def test_the_limits_are_restored_after_a_render(folder: Path) -> None:
    import resource
    import signal

    before = resource.getrlimit(resource.RLIMIT_AS), signal.getsignal(signal.SIGALRM)
    from tests.test_report_context import context_for

    render_report(context_for("2022-Q2"), "html", messages("vi"))
    assert (resource.getrlimit(resource.RLIMIT_AS), signal.getsignal(signal.SIGALRM)) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# --- item 10: template folders protected by path, never walked ------------------------


def test_output_never_walks_the_template_folder(
    run: Run, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = (folder / "templates").resolve()
    real_walk, real_rglob, real_scandir = os.walk, Path.rglob, os.scandir

    def inside(path: Any) -> bool:
        return Path(os.fspath(path)).resolve().is_relative_to(templates)

    def walk(top: Any, *args: Any, **kwargs: Any) -> Any:
        assert not inside(top), "the template folder was walked"
        return real_walk(top, *args, **kwargs)

    def rglob(self: Path, *args: Any, **kwargs: Any) -> Any:
        assert not inside(self), "the template folder was walked"
        return real_rglob(self, *args, **kwargs)

    def scandir(path: Any = ".") -> Any:
        assert not inside(path), "the template folder was listed"
        return real_scandir(path)

    monkeypatch.setattr(os, "walk", walk)
    monkeypatch.setattr(Path, "rglob", rglob)
    monkeypatch.setattr(os, "scandir", scandir)
    code, _, err = report(run, folder, "-o", "bao-cao.md")
    assert code == 0, err
    assert (folder / "bao-cao.md").is_file()


@pytest.mark.parametrize(
    "target", ["templates/report.md.j2", "templates/moi.md", "templates/partials/a.html"]
)
def test_nothing_is_written_into_a_template_folder(run: Run, folder: Path, target: str) -> None:
    existing = folder / "templates" / "report.md.j2"
    existing.write_text("Mẫu riêng {{ 1 + 1 }}\n", encoding="utf-8")
    code, _, err = report(run, folder, "-o", target, "--force")
    assert code == 2
    assert "tệp đầu vào" in err
    assert existing.read_text("utf-8") == "Mẫu riêng {{ 1 + 1 }}\n"
    assert listing(folder / "templates") == ["partials", "report.md.j2"]
    assert listing(folder / "templates" / "partials") == []


def test_the_workspace_templates_stay_protected_beside_another_folder(
    run: Run, tmp_path: Path
) -> None:
    # --templates names another folder: the workspace's own templates/ is still an input.
    shutil.copytree(PLANS, tmp_path / "plans")
    own = tmp_path / "plans" / "templates"  # beside the config, plans/tuyengiao.yaml
    own.mkdir()
    (tmp_path / "khac").mkdir()
    args = ["report", "plans", "--period", "2022-Q2", "--today", TODAY, "--templates", "khac"]
    outcome = run(*args, "-o", "plans/templates/bao-cao.md", cwd=tmp_path)
    assert outcome.exit_code == 2
    assert "tệp đầu vào" in outcome.stderr
    assert listing(own) == []
