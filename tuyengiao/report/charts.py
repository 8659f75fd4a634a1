"""Geometry of the report's inline SVG charts; the templates only draw what this computes.

Coordinates are SVG user units rounded to one decimal, so the output is the same on
every machine. Plan text never goes into the geometry: labels are the catalogue's task
titles and counts, and the templates escape whatever they print.

Legible in black and white: each bar has its task's title on its own line above it,
each segment a pattern as well as a colour (`templates/partials/charts.html.j2`), and
a segment wide enough for it carries its count on a white tag. The segments are the
states that partition a task's activities, as section II's sentences and Phụ lục 1
count them: done in the period (solid) apart from done before it (dotted grey), so
the numbers on the bars are the numbers in the text. Text is at least 10 pt printed:
the chart is drawn 165 mm wide, 0.77 pt a unit, and its smallest text is 13 units.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tuyengiao.report.figures import Counts, TaskEntry

#: The stacked segments, in drawing order; each is a CSS class `seg-<kind>`.
KINDS = ("done_in_period", "done_before", "in_progress", "overdue", "planned")

ROW_HEIGHT = 46.0
BAR_HEIGHT = 20.0
#: The bar sits under its title, which takes the top of the row.
TITLE_HEIGHT = 20.0
LABEL_WIDTH = 30.0
PLOT_WIDTH = 520.0
VALUE_WIDTH = 44.0
PROGRESS_WIDTH = 100.0
#: A segment carries its count only when at least this wide (units), and a task title
#: longer than TITLE_CHARACTERS is cut at a word with "…" (the plot's width at 13.5).
TAG_MIN_WIDTH = 24.0
TITLE_CHARACTERS = 82


@dataclass(frozen=True, slots=True)
class Segment:
    """One coloured part of a bar: `kind` is one of KINDS."""

    kind: str
    x: float
    width: float
    value: int

    @property
    def tagged(self) -> bool:
        """Whether the segment is wide enough to carry its count."""
        return self.width >= TAG_MIN_WIDTH

    @property
    def middle(self) -> float:
        """Where its count is centred."""
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of a stacked bar chart."""

    number: int
    y: float
    total: int
    end: float
    segments: tuple[Segment, ...]
    #: The task's title from the catalogue, on the line above the bar (`title_y`).
    title: str = ""
    title_y: float = 0.0


@dataclass(frozen=True, slots=True)
class BarChart:
    """A horizontal stacked bar chart: one bar per task, all on one scale."""

    width: float
    height: float
    label_width: float
    bar_height: float
    bars: tuple[Bar, ...]


def _parts(counts: Counts) -> tuple[int, ...]:
    before = counts.done - counts.done_in_period
    return (counts.done_in_period, before, counts.in_progress, counts.overdue, counts.planned)


def _segments(counts: Counts, x0: float, scale: float) -> tuple[Segment, ...]:
    """Consecutive segments from `x0`, `scale` units per activity; empty ones left out."""
    segments, x = [], x0
    for kind, value in zip(KINDS, _parts(counts), strict=True):
        if value:
            width = round(value * scale, 1)
            segments.append(Segment(kind, round(x, 1), width, value))
            x += value * scale
    return tuple(segments)


def _short(title: str) -> str:
    if len(title) <= TITLE_CHARACTERS:
        return title
    return title[:TITLE_CHARACTERS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def task_chart(tasks: Sequence[TaskEntry]) -> BarChart:
    """Per task: done / in progress / overdue / planned, stacked, on a common scale."""
    largest = max((task.counts.activities for task in tasks), default=0) or 1
    scale = PLOT_WIDTH / largest
    bars = tuple(
        Bar(
            number=task.number,
            y=round(index * ROW_HEIGHT + TITLE_HEIGHT, 1),
            total=task.counts.activities,
            end=round(LABEL_WIDTH + task.counts.activities * scale, 1),
            segments=_segments(task.counts, LABEL_WIDTH, scale),
            title=_short(task.title),
            title_y=round(index * ROW_HEIGHT + TITLE_HEIGHT - 5, 1),
        )
        for index, task in enumerate(tasks)
    )
    return BarChart(
        width=LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH,
        height=round(len(tasks) * ROW_HEIGHT, 1),
        label_width=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
        bars=bars,
    )


def progress_bar(counts: Counts) -> tuple[Segment, ...]:
    """One union's progress: its activities as parts of a bar PROGRESS_WIDTH units long."""
    if not counts.activities:
        return ()
    return _segments(counts, 0.0, PROGRESS_WIDTH / counts.activities)


def text_bar(counts: Counts, width: int = 10) -> str:
    """Progress as text for Markdown and terminals: done by E in `█`, the rest in `░`."""
    filled = (counts.progress * width + 50) // 100
    return "█" * filled + "░" * (width - filled)
