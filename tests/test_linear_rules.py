"""Linear rules (issue 24, item 4): four times the input takes well under sixteen times
the time.

Progress totals are checked in one pass (40,000 entries took 68 s), catalogue tasks
are looked up by number in a mapping (100,000 tasks: `status` 145 s), and `exclude`
patterns are compiled once into one matcher (20,000 plans by 10,000 patterns: 255 s).
Machines are noisy: CPU time of this process (`time.process_time`), the median of
three runs, sizes large enough to measure, and a factor halfway (geometrically) between
linear, four, and quadratic, sixteen: 6 failed once under load at 6.05 on a linear step
(the garbage collector's full passes grow with the heap).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from tests.conftest import Run
from tuyengiao.config import resolve_settings
from tuyengiao.diagnostics import Diagnostic
from tuyengiao.files import Excluder
from tuyengiao.i18n import messages
from tuyengiao.models import Guidance, Task
from tuyengiao.workspace import check_file

#: Four times the input, at most this many times the time (linear: 4; quadratic: 16).
FACTOR = 8.0
TODAY = date(2022, 12, 31)


def cpu_seconds(work: Callable[[], object]) -> float:
    """The median CPU time of three runs of `work`."""
    times = []
    for _ in range(3):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return statistics.median(times)


def growth(make: Callable[[int], Callable[[], object]], size: int) -> float:
    small, large = make(size), make(4 * size)
    small()  # warm: imports, caches
    return cpu_seconds(large) / max(cpu_seconds(small), 1e-3)


def progress_plan(entries: int) -> str:
    """One activity with `entries` running totals, rising, dated in turn."""
    first = date(2022, 1, 1)
    lines = [
        "version: 1",
        'guidance: "2022"',
        "union: {id: cd-mau, name: Công đoàn Mẫu}",
        "activities:",
        "  - id: a1",
        "    task: 1",
        "    title: Tuyên truyền",
        "    due: 31/12/2022",
        "    status: đang thực hiện",
        "    progress:",
    ]
    for index in range(entries):
        day = first + timedelta(days=index % 360)
        lines.append(f"      - {{as_of: {day.isoformat()}, results: {{articles: {index}}}}}")
    return "\n".join(lines) + "\n"


def test_progress_totals_grow_linearly(tmp_path: Path) -> None:
    msg = messages("vi")

    def make(entries: int) -> Callable[[], object]:
        path = tmp_path / f"p{entries}.yaml"
        path.write_text(progress_plan(entries), encoding="utf-8")
        settings = resolve_settings([path], today=TODAY, msg=msg, cwd=tmp_path)
        return lambda: check_file(path, settings)

    assert growth(make, 2500) < FACTOR


def test_a_total_going_down_is_still_found_out_of_order(tmp_path: Path) -> None:
    """The one-pass check says what the rescanning one said, dates in any order."""
    text = progress_plan(3).replace("articles: 2}", "articles: 0}")
    text = text.replace("2022-01-03", "2021-12-31")  # the low total dated first: no finding
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    settings = resolve_settings([path], today=TODAY, msg=messages("vi"), cwd=tmp_path)
    assert _order(check_file(path, settings).diagnostics) == []
    path.write_text(progress_plan(3).replace("articles: 2}", "articles: 0}"), encoding="utf-8")
    found = _order(check_file(path, settings).diagnostics)
    assert [(d.rule, d.line) for d in found] == [("date-order", 13)]
    assert "1" in found[0].message and "2/1/2022" in found[0].message


def _order(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.rule == "date-order"]


def catalogue(tasks: int) -> Guidance:
    made = [
        Task(number=number, title=f"Nhiệm vụ {number}", title_en=f"Task {number}", text="x")
        for number in range(1, tasks + 1)
    ]
    return Guidance(version=1, id="2023", year=2023, title="T", issuer="I", metrics=[], tasks=made)


def test_tasks_are_looked_up_by_number_in_linear_time() -> None:
    def make(tasks: int) -> Callable[[], object]:
        guidance = catalogue(tasks)

        def look_up_every_task() -> object:
            return [guidance.task(number) for number in range(1, tasks + 1)]

        return look_up_every_task

    assert growth(make, 5000) < FACTOR
    guidance = catalogue(3)
    assert guidance.task(2) is guidance.tasks[1]
    assert guidance.task(4) is None
    guidance.tasks.append(Task(number=4, title="4", title_en="4", text="4"))
    assert guidance.task(4) is guidance.tasks[3]  # a list that grew is indexed again


def test_exclude_patterns_are_matched_in_linear_time() -> None:
    def make(size: int) -> Callable[[], object]:
        patterns = [f"archive/{index}/*" for index in range(size)]
        patterns += [f"*-{index}.yaml" for index in range(size // 100)]
        paths = [Path(f"plans/2022/cd-{index}.yaml") for index in range(2 * size)]

        def match_every_path() -> object:
            excluded = Excluder(patterns)
            return [excluded(path) for path in paths]

        return match_every_path

    assert growth(make, 1000) < FACTOR


def test_exclude_means_what_fnmatch_means() -> None:
    import fnmatch

    patterns = ["archive/*", "*.bak.yaml", "plans/2021/?.yaml", "x[0-9].yaml", "exact.yaml", "*"]
    names = [
        "archive/a.yaml",
        "plans/archive/a.yaml",
        "a.bak.yaml",
        "plans/2021/a.yaml",
        "plans/2021/ab.yaml",
        "x1.yaml",
        "xa.yaml",
        "exact.yaml",
        "exact.yaml.yaml",
        "",
    ]
    for count in range(len(patterns)):
        chosen = patterns[:count]
        excluded = Excluder(chosen)
        for name in names:
            expected = any(fnmatch.fnmatch(name, pattern) for pattern in chosen)
            assert excluded.matches(name) is expected, (chosen, name)


def test_a_report_on_a_catalogue_of_many_tasks_grows_linearly(run: Run, tmp_path: Path) -> None:
    """The report's sentences, measures and annexes look tasks up by number too
    (100,000 tasks: `report --format html` ran past 300 s)."""

    def make(tasks: int) -> Callable[[], object]:
        folder = tmp_path / f"tasks{tasks}"
        (folder / "plans").mkdir(parents=True)
        (folder / "guidance").mkdir()
        (folder / "tuyengiao.yaml").write_text("guidance: guidance/2023.yaml\n", "utf-8")
        lines = [
            "version: 1",
            'id: "2023"',
            "year: 2023",
            "title: T",
            "issuer: I",
            "metrics: [{id: participants, label: Người, label_en: People}]",
            "tasks:",
        ]
        lines += [
            f"  - {{number: {n}, title: Việc {n}, title_en: Task {n}, text: Nội dung {n}}}"
            for n in range(1, tasks + 1)
        ]
        (folder / "guidance" / "2023.yaml").write_text("\n".join(lines) + "\n", "utf-8")
        plan = ["version: 1", 'guidance: "2023"', "union: {id: cd-mau, name: Mẫu}", "activities:"]
        plan += [
            f"  - {{id: a{n}, task: {n}, title: Việc {n}, due: 20/5/2023, status: hoàn thành,"
            " done: 18/5/2023}"
            for n in range(1, tasks + 1, 10)
        ]
        (folder / "plans" / "p.yaml").write_text("\n".join(plan) + "\n", "utf-8")
        args = ("report", "-p", "2023-Q2", "-f", "html", "--today", "2023-07-05")
        return lambda: run(*args, cwd=folder)

    assert growth(make, 1000) < FACTOR
