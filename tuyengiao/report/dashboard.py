"""The `status` dashboard: the report context as Rich tables for a terminal.

Rich prints plain text, without colour, when the output is not a terminal, so the
same code serves people and pipes; the progress bars are characters, not colours,
so they read the same either way.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from tuyengiao.i18n import Messages
from tuyengiao.printable import one_line, shorten, visible
from tuyengiao.report.charts import text_bar
from tuyengiao.report.figures import Counts, ReportContext
from tuyengiao.report.filters import short_date
from tuyengiao.report.measures import UnionMeasures

_BAR_STYLE = "green"

#: A text from a plan is cut to this many characters in a cell. Rich lays out a cell in
#: time growing with the square of its text: a 6 MB title took `status` 45 s, 11.7 MB
#: 293 s; cut first, any title takes what a short one does.
CELL_CHARS = 200


def _shown(text: str, limit: int = CELL_CHARS) -> str:
    """Plan text for a cell: cut with an ellipsis, on one line (see `_no_command`)."""
    return _no_command(one_line(shorten(text, limit)))


def _file(name: str) -> str:
    """A file name: cut, its control characters escaped (see `_no_command`)."""
    return _no_command(visible(shorten(name, CELL_CHARS)))


def _no_command(text: str) -> str:
    # Rich may wrap a cell's text at any space, and a CI runner reads a line starting
    # with `::error …` as a command: a word joiner, shown as nothing, splits every `::`.
    return text.replace("::", ":\u2060:")


def _progress(counts: Counts) -> Text:
    bar = text_bar(counts)
    filled = bar.count("█")
    text = Text(bar[:filled], style=_BAR_STYLE)
    text.append(bar[filled:], style="dim")
    text.append(f" {counts.progress:>3}%")
    return text


def _overdue_cell(count: int) -> Text:
    return Text(str(count), style="bold red" if count else "")


def _col(msg: Messages, key: str) -> str:
    return msg(f"report.dashboard.col.{key}")


def _table(title: str) -> Table:
    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, title_style="bold")


def unions_table(context: ReportContext, msg: Messages) -> Table:
    """One row per union: activities, done, in progress, overdue, progress."""
    table = _table(msg("report.dashboard.unions"))
    table.add_column(_col(msg, "no"), justify="right", no_wrap=True)
    table.add_column(_col(msg, "union"), ratio=1)
    for key in ("activities", "done", "in_progress", "overdue"):
        table.add_column(_col(msg, key), justify="right", no_wrap=True)
    table.add_column(_col(msg, "progress"), no_wrap=True)
    measures = context.measures
    # The column shows only where some activity done in the period carries a target:
    # a workspace without targets keeps the table it had.
    targets = measures is not None and any(union.targets_set for union in measures.unions)
    if targets:
        table.add_column(_col(msg, "targets_met"), justify="right", no_wrap=True)
    for index, union in enumerate(context.unions, 1):
        counts = union.counts
        cells = [str(index), _shown(union.name), *_count_cells(counts)]
        if targets and measures is not None:
            cells.append(_targets_cell(measures.union(union.id)))
        table.add_row(*cells)
    return table


def _targets_cell(measured: UnionMeasures | None) -> str:
    """`met/set` of the union's activities done with a target ("" when it set none)."""
    if measured is None or not measured.targets_set:
        return ""
    return f"{measured.targets_met}/{measured.targets_set}"


def tasks_table(context: ReportContext, msg: Messages) -> Table:
    """One row per task of the catalogue."""
    table = _table(msg("report.dashboard.tasks"))
    table.add_column(_col(msg, "no"), justify="right", no_wrap=True)
    # Titles are long; the numbers matter more here, so a title is cut, never a number.
    table.add_column(_col(msg, "task"), ratio=1)
    for key in ("engaged", "activities", "done", "in_progress", "overdue"):
        table.add_column(_col(msg, key), justify="right", no_wrap=True)
    table.add_column(_col(msg, "progress"), no_wrap=True)
    for task in context.tasks:
        counts = task.counts
        title = Text(_shown(task.title), no_wrap=True, overflow="ellipsis")
        table.add_row(str(task.number), title, str(task.unions_engaged), *_count_cells(counts))
    return table


def _count_cells(counts: Counts) -> list[RenderableType]:
    """Activities, done, in progress, overdue and the progress bar: the end of every row."""
    return [
        str(counts.activities),
        str(counts.done),
        str(counts.in_progress),
        _overdue_cell(counts.overdue),
        _progress(counts),
    ]


#: The dashboard lists this many overdue activities at most, the most overdue; the
#: report lists them all. A national workspace has tens of thousands (40,000 in the
#: benchmark's 10,000 plans), which no one reads in a terminal and which took Rich
#: most of a minute to lay out.
OVERDUE_ROWS = 30


def overdue_table(context: ReportContext, msg: Messages) -> RenderableType:
    """The most overdue activities, most overdue first, and how many more there are."""
    if not context.overdue:
        return Text(msg("report.dashboard.no_overdue"), style="green")
    table = _table(msg("report.dashboard.overdue", count=len(context.overdue)))
    table.add_column(_col(msg, "days"), justify="right", no_wrap=True)
    table.add_column(_col(msg, "union"), ratio=2)
    table.add_column(_col(msg, "activity"), ratio=3)
    table.add_column(_col(msg, "task"), justify="right")
    table.add_column(_col(msg, "due"), no_wrap=True)
    table.add_column(_col(msg, "status"), no_wrap=True)
    for entry in context.overdue[:OVERDUE_ROWS]:
        table.add_row(
            Text(msg("report.dashboard.days", days=entry.days), style="red"),
            _shown(entry.union_name),
            _shown(entry.title),
            str(entry.task),
            short_date(entry.due, english=msg.lang == "en"),
            msg(f"status.{entry.status.value}"),
        )
    more = len(context.overdue) - OVERDUE_ROWS
    if more > 0:
        return Group(table, Text(msg("report.dashboard.more_overdue", more=more), style="red"))
    return table


def dashboard(context: ReportContext, msg: Messages) -> Group:
    """Title, unions, tasks, overdue list, then who has not filed and what was left out."""
    as_of = short_date(context.as_of, english=msg.lang == "en")
    title = msg("report.dashboard.title", period=context.period.label, as_of=as_of)
    parts: list[RenderableType] = [
        Text(title, style="bold"),
        unions_table(context, msg),
        tasks_table(context, msg),
        overdue_table(context, msg),
    ]
    if context.missing_plans:
        names = ", ".join(f"{_shown(entry.name)} ({entry.id})" for entry in context.missing_plans)
        parts.append(Text(msg("report.dashboard.missing", names=names), style="yellow"))
    whole = [entry for entry in context.left_out if not entry.activities]
    partly = [entry for entry in context.left_out if entry.activities]
    if whole:
        files = ", ".join(_file(entry.file) for entry in whole)
        parts.append(Text(msg("report.dashboard.left_out", files=files), style="bold red"))
    if partly:
        files = ", ".join(f"{_file(entry.file)} ({entry.activities})" for entry in partly)
        text = msg("report.dashboard.left_out_activities", files=files)
        parts.append(Text(text, style="bold red"))
    return Group(*parts)


def print_dashboard(context: ReportContext, msg: Messages, console: Console) -> None:
    """Print the dashboard on `console`."""
    console.print(dashboard(context, msg))
