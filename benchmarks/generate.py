"""Synthetic but realistic plan files, for the benchmarks and the tests that need many plans.

Each plan has about 24 activities (three per task of the 2022 guidance), written the
way union officers write them: dates in every accepted form, Vietnamese status words
in mixed case, comments, flow-style results, some files with CRLF line ends or a BOM.
Generation is deterministic: the same `seed` and index always give the same bytes.

A *clean* plan has no error as of `TODAY` (warnings such as overdue or late are
expected, as in real plans). With `broken_every=N`, every N-th plan carries one
error of a kind taken in turn from `BREAKAGES`, so checks have findings to report.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

#: The day plans are evaluated at: no plan says something was done after it.
TODAY = date(2022, 6, 20)
YEAR = TODAY.year
#: Task 1 must be done by this day (the guidance's deadline).
TASK1_DEADLINE = date(2022, 5, 30)
ACTIVITIES_PER_TASK = 3
TASKS = range(1, 9)

_AGENCIES = (
    "Bộ Tư pháp",
    "Bộ Ngoại giao",
    "Bộ Nội vụ",
    "Bộ Kế hoạch và Đầu tư",
    "Văn phòng Chính phủ",
    "Thanh tra Chính phủ",
    "Kiểm toán Nhà nước",
    "Đài Tiếng nói Việt Nam",
    "Thông tấn xã Việt Nam",
    "Bảo hiểm xã hội Việt Nam",
    "Viện Hàn lâm Khoa học xã hội Việt Nam",
    "Ủy ban Dân tộc",
    "Học viện Chính trị quốc gia Hồ Chí Minh",
    "Đại học Quốc gia Hà Nội",
)
_PEOPLE = (
    "Nguyễn Thị Lan",
    "Trần Văn Hùng",
    "Lê Thị Thu Hà",
    "Phạm Quốc Khánh",
    "Hoàng Thị Minh Nguyệt",
    "Vũ Đức Thắng",
    "Đặng Thị Hồng Nhung",
    "Bùi Xuân Trường",
)
_OWNERS = (
    "Ban Tuyên giáo",
    "Ban Thường vụ",
    "Văn phòng Công đoàn",
    "Ban Nữ công",
    "Đoàn Thanh niên",
    "Công đoàn cơ sở",
)
_TITLES: dict[int, tuple[str, ...]] = {
    1: (
        "Hội nghị quán triệt Nghị quyết Đại hội XIII và Nghị quyết 02-NQ/TW",
        "Xây dựng Chương trình hành động thực hiện Nghị quyết số 02-NQ/TW",
        "Chỉ đạo công đoàn cơ sở tổ chức học tập nghị quyết cho đoàn viên",
        "Sơ kết việc học tập, quán triệt nghị quyết ở các công đoàn cơ sở",
    ),
    2: (
        "Duy trì chuyên mục “Hoạt động công đoàn” trên Cổng thông tin điện tử",
        "Vận hành trang Facebook và nhóm Zalo, đăng tải tin hoạt động hằng tuần",
        "Tọa đàm “Công đoàn với báo chí” nhân Ngày Báo chí Cách mạng Việt Nam",
        "Bồi dưỡng cộng tác viên viết tin, bài về hoạt động công đoàn",
    ),
    3: (
        "Tuyên truyền, phổ biến Bộ luật Lao động năm 2019 cho đoàn viên",
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Hội thi tìm hiểu pháp luật về phòng, chống tham nhũng, tiêu cực",
        "Giới thiệu tấm gương điển hình trong học tập và làm theo Bác",
    ),
    4: (
        "Nắm bắt tâm tư, nguyện vọng và dư luận trong đoàn viên",
        "Đấu tranh phản bác quan điểm sai trái, thù địch trên mạng xã hội",
        "Hội nghị báo cáo viên, tuyên truyền viên về tình hình thời sự",
        "Tổng hợp, phản ánh dư luận xã hội hằng quý",
    ),
    5: (
        "Hội thao chào mừng Ngày Quốc tế Lao động 1/5",
        "Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”",
        "Liên hoan văn nghệ quần chúng mừng Ngày thành lập Công đoàn Việt Nam",
        "Xây dựng tủ sách pháp luật và văn hóa ở công đoàn cơ sở",
    ),
    6: (
        "Tập huấn nghiệp vụ công tác tuyên giáo cho cán bộ công đoàn cơ sở",
        "Bồi dưỡng kỹ năng truyền thông số cho cán bộ tuyên giáo",
        "Lớp tập huấn báo cáo viên công đoàn năm 2022",
        "Cử cán bộ tham dự lớp bồi dưỡng của Công đoàn Viên chức Việt Nam",
    ),
    7: (
        "Vận động đoàn viên thực hiện cải cách hành chính, nâng cao tác phong",
        "Phong trào “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”",
        "Cuộc vận động “Xây dựng cơ quan văn hoá, ngày làm việc 8 giờ có chất lượng”",
        "Hưởng ứng cuộc vận động “Nói không với tiêu cực”",
    ),
    8: (
        "Kỷ niệm 92 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2)",
        "Kỷ niệm 47 năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4)",
        "Kỷ niệm 132 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5)",
        "Kỷ niệm 77 năm Cách mạng Tháng Tám và Quốc khánh 2/9",
    ),
}
_METRICS: dict[int, tuple[str, ...]] = {
    1: ("sessions", "participants"),
    2: ("articles", "posts"),
    3: ("sessions", "participants"),
    4: ("opinions", "sessions"),
    5: ("events", "participants"),
    6: ("trainees", "sessions"),
    7: ("sessions", "participants", "banners"),
    8: ("events", "banners", "participants"),
}
# Every accepted spelling, in the case users type it; weights roughly as in real plans.
_STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "done": ("hoàn thành", "đã hoàn thành", "Hoàn thành", "Đã hoàn thành", "done"),
    "in_progress": ("đang thực hiện", "đang triển khai", "Đang thực hiện", "in_progress"),
    "planned": ("kế hoạch", "chưa thực hiện", "chưa bắt đầu", "Kế hoạch", "planned"),
    "cancelled": ("đã hủy", "huỷ", "không thực hiện", "Đã huỷ"),
}
_NOTES = (
    "Phối hợp với chuyên môn đồng cấp.",
    "14/16 công đoàn cơ sở đã tổ chức; 2 đơn vị học ghép với chi bộ.",
    "Kinh phí từ nguồn tài chính công đoàn.",
    "Lùi thời gian do trùng lịch công tác của lãnh đạo.",
)


@dataclass(frozen=True, slots=True)
class Activity:
    """One activity as it will be written (dates as dates; the form is chosen when written)."""

    id: str
    task: int
    title: str
    due: date
    status: str  # the canonical name; the word written is chosen when written
    start: date | None = None
    done: date | None = None
    owner: str | None = None
    results: dict[str, int] = field(default_factory=dict)
    evidence: str | None = None
    note: str | None = None


def write_date(day: date, rng: random.Random) -> str:
    """`day` in one of the accepted forms, chosen at random (ISO most often, as in real files)."""
    form = rng.choices(range(6), weights=(40, 25, 15, 5, 5, 10))[0]
    if form == 0:
        return day.isoformat()
    if form == 1:
        return f"{day.day}/{day.month}/{day.year}"
    if form == 2:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if form == 3:
        return f"{day.day}-{day.month}-{day.year}"
    if form == 4:
        return f"{day.day}.{day.month}.{day.year}"
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def _day_of_year(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def make_activity(task: int, number: int, rng: random.Random, today: date = TODAY) -> Activity:
    """A consistent activity: start ≤ due, done only when it is past, nothing done after `today`."""
    last = TASK1_DEADLINE if task == 1 else date(YEAR, 12, 20)
    due = _day_of_year(rng, date(YEAR, 2, 1), last)
    start = due - timedelta(days=rng.randint(5, 60)) if rng.random() < 0.8 else None
    if start is not None and start.year != YEAR:
        start = date(YEAR, 1, 3)
    roll = rng.random()
    if due <= today:
        # Mostly done, some late, a few still open (overdue) or cancelled.
        status = "done" if roll < 0.75 else ("in_progress" if roll < 0.92 else "cancelled")
    else:
        status = "planned" if roll < 0.55 else ("in_progress" if roll < 0.92 else "done")
    done = None
    if status == "done":
        # Done around the due day, one time in seven a little late; never before the
        # start nor after `today` (an activity that cannot fit is still in progress).
        done = due + timedelta(days=rng.choice((-6, -3, -1, 0, 0, 0, 4)))
        done = min(max(done, start or done), today)
        if start is not None and done < start:
            status, done = "in_progress", None
    results: dict[str, int] = {}
    if status in ("done", "in_progress") and rng.random() < 0.8:
        for metric in _METRICS[task]:
            if rng.random() < 0.8:
                results[metric] = rng.randint(1, 400 if metric == "participants" else 40)
    return Activity(
        id=f"nv{task}-hd{number}-{rng.randrange(1000):03d}",
        task=task,
        title=rng.choice(_TITLES[task]),
        due=due,
        status=status,
        start=start,
        done=done,
        owner=rng.choice(_OWNERS) if rng.random() < 0.7 else None,
        results=results,
        evidence=f"Báo cáo số {rng.randint(1, 99)}/BC-CĐ" if done and rng.random() < 0.4 else None,
        note=rng.choice(_NOTES) if rng.random() < 0.2 else None,
    )


@dataclass(frozen=True, slots=True)
class Plan:
    """One union's plan as it will be written."""

    union_id: str
    union_name: str
    members: int
    contact: str
    updated: date
    activities: tuple[Activity, ...]
    today: date = TODAY  # the day it was written: nothing in it happened later


def make_plan(index: int, seed: int = 2022, today: date = TODAY) -> Plan:
    """The plan of union number `index` (deterministic for a given seed and day)."""
    rng = random.Random(f"{seed}-{index}")
    agency = _AGENCIES[index % len(_AGENCIES)]
    activities = tuple(
        make_activity(task, number, rng, today)
        for task in TASKS
        for number in range(1, ACTIVITIES_PER_TASK + 1)
    )
    return Plan(
        union_id=make_plan_id(index),
        union_name=f"Công đoàn {agency} – đơn vị {index}",
        members=rng.randint(40, 5000),
        contact=rng.choice(_PEOPLE),
        updated=today - timedelta(days=rng.randint(0, 60)),
        activities=activities,
        today=today,
    )


def render(
    plan: Plan, rng: random.Random, slips: dict[int, Callable[[list[str]], list[str]]] | None = None
) -> list[str]:
    """The lines of the plan file, in the style of the sample plans.

    `slips` maps an activity's index to a change of its lines (`SLIPS`): the mistakes of
    the findings-heavy corpus.
    """
    lines = [
        f"# Kế hoạch công tác tuyên giáo năm {YEAR} – {plan.union_name}",
        "version: 1",
        f'guidance: "{YEAR}"',
        "union:",
        f"  id: {plan.union_id}",
        f"  name: {plan.union_name}",
        f"  members: {plan.members}",
        f"contact: {{name: {plan.contact}, email: lienhe@example.vn, "
        f'phone: "09{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"}}',
        f"updated: {write_date(plan.updated, rng)}",
        "activities:",
    ]
    task = 0
    for number, activity in enumerate(plan.activities):
        if activity.task != task:
            task = activity.task
            lines.append(f"  # Nhiệm vụ {task}")
        block = _activity_lines(activity, rng, plan.today)
        slip = (slips or {}).get(number)
        lines += block if slip is None else slip(block)
    return lines


def _activity_lines(activity: Activity, rng: random.Random, today: date = TODAY) -> list[str]:
    lines = [
        f"  - id: {activity.id}",
        f"    task: {activity.task}",
        f"    title: {activity.title}",
    ]
    if activity.start is not None:
        lines.append(f"    start: {write_date(activity.start, rng)}")
    lines.append(f"    due: {write_date(activity.due, rng)}")
    lines.append(f"    status: {rng.choice(_STATUS_WORDS[activity.status])}")
    if activity.done is not None:
        lines.append(f"    done: {write_date(activity.done, rng)}")
    if activity.owner is not None:
        lines.append(f"    owner: {activity.owner}")
    if activity.results and activity.status == "in_progress":
        # Work under way reports dated running totals (DESIGN, "Results are dated").
        as_of = max(today - timedelta(days=rng.randint(0, 40)), date(YEAR, 1, 1))
        half = {key: value // 2 for key, value in activity.results.items()}
        early = max(as_of - timedelta(days=30), date(YEAR, 1, 1))
        lines.append("    progress:")
        for day, totals in ((early, half), (as_of, activity.results)):
            pairs = ", ".join(f"{key}: {value}" for key, value in totals.items())
            lines.append(f"      - {{as_of: {write_date(day, rng)}, results: {{{pairs}}}}}")
    elif activity.results:
        if rng.random() < 0.7:
            pairs = ", ".join(f"{key}: {value}" for key, value in activity.results.items())
            lines.append(f"    results: {{{pairs}}}")
        else:
            lines.append("    results:")
            lines += [f"      {key}: {value}" for key, value in activity.results.items()]
    if activity.evidence is not None:
        lines.append(f"    evidence: {activity.evidence}")
    if activity.note is not None:
        lines.append(f"    note: {activity.note}")
    return lines


# --- errors, for runs that must have findings -----------------------------------------


def _replace_field(name: str, text: str) -> Callable[[list[str]], list[str]]:
    """Break the first line of field `name` in the first activity, writing `text` instead."""

    def apply(lines: list[str]) -> list[str]:
        start = lines.index("activities:")
        for number, line in enumerate(lines[start:], start):
            if line.strip().startswith(f"{name}:") or line.startswith(f"  - {name}:"):
                indent = line[: len(line) - len(line.lstrip(" -"))]
                lines[number] = f"{indent}{text}"
                return lines
        return lines

    return apply


def _duplicate_key(lines: list[str]) -> list[str]:
    due = next(n for n, line in enumerate(lines) if line.startswith("    due:"))
    return [*lines[: due + 1], lines[due], *lines[due + 1 :]]


def _syntax_error(lines: list[str]) -> list[str]:
    return [*lines, "    results: {sessions: 2"]


def _foreign_union(lines: list[str]) -> list[str]:
    # The union id of plan 0: two files claiming one union (a cross-file finding).
    return [
        f"  id: {make_plan(0).union_id}" if line.startswith("  id: ") else line for line in lines
    ]


#: One error each, applied in turn to every `broken_every`-th plan.
BREAKAGES: dict[str, Callable[[list[str]], list[str]]] = {
    "invalid-date": _replace_field("due", "due: 31/2/2022"),
    "invalid-value": _replace_field("status", "status: xong rồi"),
    "unknown-field": _replace_field("title", "titel: Hội nghị quán triệt nghị quyết"),
    "invalid-type": _replace_field("status", "status: no"),
    "yaml-syntax": _syntax_error,
    "duplicate-key": _duplicate_key,
    "invalid-task": _replace_field("task", "task: 9"),
    "duplicate-id": _foreign_union,
    "date-order": _replace_field("start", "start: 2022-12-31"),
}


# --- the findings-heavy corpus ----------------------------------------------------------

#: The day the findings-heavy corpus is written and checked at (`--today 2022-06-01`).
FINDINGS_TODAY = date(2022, 6, 1)


def _typo_field(lines: list[str]) -> list[str]:
    # An optional field misspelt, as officers do; the finding suggests the right name.
    typo, value = {
        0: ("evidance", "Báo cáo số 12/BC-CĐ"),
        1: ("onwer", "Ban Tuyên giáo"),
        2: ("notes", "Phối hợp với chuyên môn."),
    }[len(lines) % 3]
    return [*lines[:3], f"    {typo}: {value}", *lines[3:]]


def _set_field(name: str, values: tuple[str, ...]) -> Callable[[list[str]], list[str]]:
    def apply(lines: list[str]) -> list[str]:
        value = values[len(lines) % len(values)]
        return [
            f"    {name}: {value}" if line.startswith(f"    {name}:") else line for line in lines
        ]

    return apply


def _repeat_title(lines: list[str]) -> list[str]:
    return [*lines[:3], lines[2], *lines[3:]]


def _drop_title(lines: list[str]) -> list[str]:
    return [*lines[:2], *lines[3:]]


def _bare_results(lines: list[str]) -> list[str]:
    # Results on open work without a date (`progress:` is the dated form).
    return [*lines, "    results: {sessions: 3, participants: 120}"]


#: The mistakes of the findings-heavy corpus, each on one activity's lines (the first
#: three are `- id`, `task` and `title`); `undated-results` only on open work.
SLIPS: dict[str, Callable[[list[str]], list[str]]] = {
    "unknown-field": _typo_field,
    "invalid-date": _set_field("due", ("31/2/2022", "2022-04-31", "32/5/2022")),
    "invalid-value": _set_field("status", ("xong rồi", "đang làm dở", "chưa làm")),
    "duplicate-key": _repeat_title,
    "missing-field": _drop_title,
    "undated-results": _bare_results,
}


def findings_plan_bytes(index: int, *, seed: int = 2022) -> bytes:
    """Plan file `index` as of FINDINGS_TODAY with eight of SLIPS, about 12 findings.

    Besides the slips (one of each, two misspelt fields and two unknown status words),
    what the day gives: overdue, late, due soon, not started.
    """
    plan = make_plan(index, seed, FINDINGS_TODAY)
    rng = random.Random(f"{seed}-{index}-slips")
    numbers = list(range(len(plan.activities)))
    rng.shuffle(numbers)
    open_work = [
        n for n in numbers if plan.activities[n].status != "done" and not plan.activities[n].results
    ]
    slips: dict[int, Callable[[list[str]], list[str]]] = {}
    if open_work:
        slips[open_work[0]] = SLIPS["undated-results"]
    others = [n for n in numbers if n not in slips]
    # Misspelt fields and status words are the commonest: two of each.
    kinds = ["unknown-field", "invalid-value", *(k for k in SLIPS if k != "undated-results")]
    for number, kind in zip(others, kinds, strict=False):
        slips[number] = SLIPS[kind]
    lines = render(plan, random.Random(f"{seed}-{index}-text"), slips)
    return _encode(lines, index)


def plan_bytes(index: int, *, seed: int = 2022, breakage: str | None = None) -> bytes:
    """The bytes of plan file number `index`, optionally with the error `breakage`."""
    rng = random.Random(f"{seed}-{index}-text")
    lines = render(make_plan(index, seed), rng)
    if breakage is not None:
        lines = BREAKAGES[breakage](lines)
    return _encode(lines, index)


def _encode(lines: list[str], index: int) -> bytes:
    # About one file in ten was saved on Windows, one in twenty with a BOM.
    newline = "\r\n" if index % 10 == 7 else "\n"
    text = newline.join(lines) + newline
    bom = b"\xef\xbb\xbf" if index % 20 == 3 else b""
    return bom + text.encode("utf-8")


@dataclass(frozen=True, slots=True)
class Workspace:
    """A generated workspace: its root and the plan files in it."""

    root: Path
    plans: tuple[Path, ...]

    @property
    def plans_dir(self) -> Path:
        """The folder holding the plan files (what `tuyengiao check` is pointed at)."""
        return self.root / "plans"


CONFIG = """\
# Không gian làm việc sinh tự động cho đo hiệu năng.
organization:
  parent: TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM
  name: CÔNG ĐOÀN VIÊN CHỨC VIỆT NAM
  place: Hà Nội
guidance: "2022"
timezone: Asia/Ho_Chi_Minh
"""


def write_workspace(
    root: Path, count: int, *, seed: int = 2022, broken_every: int = 0, findings: bool = False
) -> Workspace:
    """Write `count` plans under `root/plans/2022/` and a config at `root/tuyengiao.yaml`.

    With `broken_every=N` (N > 0), plans N-1, 2N-1, … each carry one error from
    `BREAKAGES`, in turn. With `findings`, every plan is `findings_plan_bytes` (about
    12 findings each as of FINDINGS_TODAY). Existing files of the same names are replaced.
    """
    folder = root / "plans" / str(YEAR)
    folder.mkdir(parents=True, exist_ok=True)
    (root / "tuyengiao.yaml").write_text(CONFIG, encoding="utf-8")
    kinds = list(BREAKAGES)
    paths = []
    for index in range(count):
        breakage = None
        if broken_every > 0 and index % broken_every == broken_every - 1:
            breakage = kinds[(index // broken_every) % len(kinds)]
        path = folder / f"{make_plan_id(index)}.yaml"
        if findings:
            path.write_bytes(findings_plan_bytes(index, seed=seed))
        else:
            path.write_bytes(plan_bytes(index, seed=seed, breakage=breakage))
        paths.append(path)
    return Workspace(root, tuple(paths))


def make_plan_id(index: int) -> str:
    """The file stem (and union id) of plan number `index`."""
    return f"cd-don-vi-{index:05d}"


__all__ = [
    "BREAKAGES",
    "FINDINGS_TODAY",
    "SLIPS",
    "TODAY",
    "Activity",
    "Plan",
    "Workspace",
    "findings_plan_bytes",
    "make_activity",
    "make_plan",
    "plan_bytes",
    "write_date",
    "write_workspace",
]
