"""Geometry of the report's inline SVG charts; the templates only draw what this computes.

Coordinates are SVG user units rounded to one decimal, so the output is the same on
every machine. Plan text never goes into the geometry: labels are task numbers, and
the templates escape whatever they print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tuyengiao.report.model import Counts, TaskEntry

#: The stacked segments, in drawing order; each is a CSS class `seg-<kind>`.
KINDS = ("done", "in_progress", "overdue", "planned")

ROW_HEIGHT = 22.0
BAR_HEIGHT = 14.0
LABEL_WIDTH = 48.0
PLOT_WIDTH = 520.0
VALUE_WIDTH = 40.0
PROGRESS_WIDTH = 100.0


@dataclass(frozen=True, slots=True)
class Segment:
    """One coloured part of a bar: `kind` is one of KINDS."""

    kind: str
    x: float
    width: float
    value: int


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of a stacked bar chart."""

    number: int
    y: float
    total: int
    end: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class BarChart:
    """A horizontal stacked bar chart: one bar per task, all on one scale."""

    width: float
    height: float
    label_width: float
    bar_height: float
    bars: tuple[Bar, ...]


def _parts(counts: Counts) -> tuple[int, ...]:
    return (counts.done, counts.in_progress, counts.overdue, counts.planned)


def _segments(counts: Counts, x0: float, scale: float) -> tuple[Segment, ...]:
    """Consecutive segments from `x0`, `scale` units per activity; empty ones left out."""
    segments, x = [], x0
    for kind, value in zip(KINDS, _parts(counts), strict=True):
        if value:
            width = round(value * scale, 1)
            segments.append(Segment(kind, round(x, 1), width, value))
            x += value * scale
    return tuple(segments)


def task_chart(tasks: Sequence[TaskEntry]) -> BarChart:
    """Per task: done / in progress / overdue / planned, stacked, on a common scale."""
    largest = max((task.counts.activities for task in tasks), default=0) or 1
    scale = PLOT_WIDTH / largest
    bars = tuple(
        Bar(
            number=task.number,
            y=round(index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2, 1),
            total=task.counts.activities,
            end=round(LABEL_WIDTH + task.counts.activities * scale, 1),
            segments=_segments(task.counts, LABEL_WIDTH, scale),
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
