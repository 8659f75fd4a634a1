"""`tuyengiao remind`: one message per roster union for a day and a period.

What the union must send and by when, what of its plan is overdue or due soon, and
whether its report for the previous period is missing. The words for "sent", "on
time", "missing" are `tuyengiao.obligations`'; this module only gathers and words
them. It never sends anything: the messages are text to paste into an email or Zalo,
Markdown for a CI job summary, or JSON for a script.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tuyengiao.dates import format_vi
from tuyengiao.i18n import Messages
from tuyengiao.models import Plan
from tuyengiao.obligations import Entry, Expected, Roll

#: A message lists this many overdue (or due-soon) activities, then counts the rest.
MAX_LISTED = 10


@dataclass(frozen=True, slots=True)
class Chore:
    """An activity a reminder names: overdue, or due soon."""

    title: str
    due: date
    days: int


@dataclass(frozen=True, slots=True)
class Chores:
    """What a plan owes on the day: its overdue and its due-soon activities."""

    #: The union's name as its plan writes it (for a workspace without a roster).
    name: str
    overdue: tuple[Chore, ...]
    due_soon: tuple[Chore, ...]


@dataclass(frozen=True, slots=True)
class ChoreDigest:
    """The `digest` hook of `check_workspace` for `remind`; it pickles for `--jobs`."""

    today: date
    due_soon_days: int

    def __call__(self, plan_file: object, plan: Plan) -> Chores:
        """The plan's overdue activities (most overdue first) and those due soon."""
        horizon = self.today + timedelta(days=self.due_soon_days)
        overdue, soon = [], []
        for activity in plan.activities:
            if activity.overdue_at(self.today):
                overdue.append(
                    Chore(activity.title, activity.due, (self.today - activity.due).days)
                )
            elif activity.open_at(self.today) and self.today <= activity.due <= horizon:
                soon.append(Chore(activity.title, activity.due, (activity.due - self.today).days))
        overdue.sort(key=lambda c: (-c.days, c.title))
        soon.sort(key=lambda c: (c.days, c.title))
        return Chores(plan.union.name, tuple(overdue), tuple(soon))


@dataclass(frozen=True, slots=True)
class Reminder:
    """One union's message: the report it owes, the previous one if missing, its chores."""

    union: Expected
    current: Entry
    previous: Entry | None
    chores: Chores | None


def reminders(roll: Roll, previous: Roll | None, chores: dict[str, Chores]) -> list[Reminder]:
    """One reminder per union of the roll call, in its order."""
    before = {e.union.id: e for e in previous.entries} if previous is not None else {}
    return [
        Reminder(entry.union, entry, before.get(entry.union.id), chores.get(entry.union.id))
        for entry in roll.entries
    ]


def _label(roll: Roll, msg: Messages) -> str:
    period = roll.period
    return f"{period.label_en if msg.lang == 'en' else period.label_vi} ({period.id})"


def lines(reminder: Reminder, roll: Roll, previous: Roll | None, msg: Messages) -> list[str]:
    """The message's sentences, first the greeting, each a line (lists as `- ` items)."""
    today = roll.today
    found = [msg("remind.to", name=reminder.union.name)]
    entry = reminder.current
    standing = entry.standing
    fields = {"period": _label(roll, msg), "due": format_vi(roll.due)}
    state = entry.state(today)
    if state == "no_plan":
        found.append(msg("remind.no_plan", year=roll.period.year))
    if standing is not None and standing.sent is not None:
        key = "remind.sent_late" if state == "late" else "remind.sent"
        found.append(msg(key, sent=format_vi(standing.sent), days=standing.late_days, **fields))
    elif today > roll.due:
        found.append(msg("remind.overdue_report", days=(today - roll.due).days, **fields))
    else:
        found.append(msg("remind.send_by", days=(roll.due - today).days, **fields))
    if entry.stale and standing is not None:
        until = format_vi(standing.data_until) if standing.data_until else "—"
        found.append(msg("remind.stale", until=until, end=format_vi(roll.period.end)))
    last = reminder.previous
    if previous is not None and last is not None and last.state(today) == "missing":
        found.append(
            msg(
                "remind.previous_missing", period=_label(previous, msg), due=format_vi(previous.due)
            )
        )
    chores = reminder.chores
    if chores is not None:
        found += _chores(msg, "remind.overdue", chores.overdue, "remind.overdue_item")
        found += _chores(msg, "remind.due_soon", chores.due_soon, "remind.due_soon_item")
        if not chores.overdue and not chores.due_soon and state != "no_plan":
            found.append(msg("remind.nothing_due"))
    return found


def _chores(msg: Messages, head: str, chores: tuple[Chore, ...], item: str) -> list[str]:
    if not chores:
        return []
    found = [msg(head, count=len(chores))]
    for chore in chores[:MAX_LISTED]:
        found.append("- " + msg(item, title=chore.title, due=format_vi(chore.due), days=chore.days))
    if len(chores) > MAX_LISTED:
        found.append("- " + msg("remind.more", count=len(chores) - MAX_LISTED))
    return found


def as_text(found: list[Reminder], roll: Roll, previous: Roll | None, msg: Messages) -> str:
    """Plain text, one message after another, ready to paste into an email or Zalo."""
    rule = "-" * 60
    blocks = ["\n".join(lines(r, roll, previous, msg)) for r in found]
    return f"\n{rule}\n".join(blocks) + "\n"


def as_markdown(found: list[Reminder], roll: Roll, previous: Roll | None, msg: Messages) -> str:
    """Markdown: a heading per union (a GitHub job summary shows it as is)."""
    due = format_vi(roll.due)
    parts = [
        f"# {msg('remind.title', period=_label(roll, msg), due=due, today=format_vi(roll.today))}"
    ]
    for reminder in found:
        text = lines(reminder, roll, previous, msg)
        body = [line if line.startswith("- ") else f"{line}  " for line in text[1:]]
        parts.append(f"## {_md(reminder.union.name)}\n\n" + "\n".join(_md(b) for b in body))
    return "\n\n".join(parts) + "\n"


def _md(text: str) -> str:
    """Plan text in Markdown: characters that would start markup are escaped."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text.replace("\\- ", "- ", 1) if text.startswith("\\- ") else text


def as_json(found: list[Reminder], roll: Roll, previous: Roll | None, msg: Messages) -> str:
    """A stable JSON document (`version` 1) for a scheduled job."""
    document: dict[str, Any] = {
        "version": 1,
        "today": roll.today.isoformat(),
        "period": roll.period.id,
        "due": roll.due.isoformat(),
        "previous": previous.period.id if previous is not None else None,
        "messages": [_reminder_json(r, roll, previous, msg) for r in found],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _reminder_json(
    reminder: Reminder, roll: Roll, previous: Roll | None, msg: Messages
) -> dict[str, Any]:
    standing = reminder.current.standing
    chores = reminder.chores
    last = reminder.previous
    return {
        "union": {
            "id": reminder.union.id,
            "name": reminder.union.name,
            "group": reminder.union.group,
        },
        "report": {
            "state": reminder.current.state(roll.today),
            "sent": standing.sent.isoformat() if standing and standing.sent else None,
            "stale": reminder.current.stale,
        },
        "previous_missing": last is not None and last.state(roll.today) == "missing",
        "overdue": [_chore_json(c) for c in chores.overdue] if chores else [],
        "due_soon": [_chore_json(c) for c in chores.due_soon] if chores else [],
        "text": "\n".join(lines(reminder, roll, previous, msg)),
    }


def _chore_json(chore: Chore) -> dict[str, Any]:
    return {"title": chore.title, "due": chore.due.isoformat(), "days": chore.days}
