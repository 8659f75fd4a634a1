"""The roll call of a period's reports as people read it: cells, rates, and their documents.

The wording of `tuyengiao.obligations.Roll` shared by `status` (a table, JSON, CSV),
`remind` and `report`: "05/7 đúng hạn", "12/7 muộn 7 ngày", "chưa gửi".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tuyengiao.i18n import Messages
from tuyengiao.obligations import Entry, Rate, Roll


def day_month(day: date) -> str:
    """A day as the roll call writes it: `05/7`."""
    return f"{day.day:02d}/{day.month}"


def period_label(roll: Roll, msg: Messages) -> str:
    """The period's name in the run's language ("Quý II năm 2022")."""
    return roll.period.label_en if msg.lang == "en" else roll.period.label_vi


def cell(entry: Entry, today: date, msg: Messages) -> str:
    """One union's report: "05/7 đúng hạn", "12/7 muộn 7 ngày", "chưa gửi", stale marked."""
    standing = entry.standing
    state = entry.state(today)
    if standing is None or standing.sent is None:
        text = msg(f"roll.state.{state}")
    elif state == "late":
        text = msg("roll.late", day=day_month(standing.sent), days=standing.late_days)
    else:
        text = msg("roll.on_time", day=day_month(standing.sent))
    if entry.stale:
        until = standing.data_until if standing is not None else None
        mark = msg("roll.stale", day=day_month(until)) if until else msg("roll.stale_none")
        text = f"{text}; {mark}"
    return text


def rate_line(rate: Rate, roll: Roll, msg: Messages) -> str:
    """ "Đã gửi 7/11 (64%), đúng hạn 5/11 (45%)" for all unions or one group."""
    fields = {
        "received": rate.received,
        "on_time": rate.on_time,
        "expected": rate.expected,
        "received_pct": rate.received_percent,
        "on_time_pct": rate.on_time_percent,
        "stale": rate.stale,
    }
    text = msg("roll.rate", **fields)
    if rate.stale:
        text += msg("roll.rate_stale", **fields)
    return text if rate.group is None else f"{rate.group}: {text}"


def title(roll: Roll, msg: Messages) -> str:
    """The roll call's heading: the period and its due day."""
    due = f"{roll.due.day}/{roll.due.month}/{roll.due.year}"
    return msg("roll.title", period=period_label(roll, msg), id=roll.period.id, due=due)


def roll_json(roll: Roll) -> dict[str, Any]:
    """The roll call in `status --format json` (key `reports`)."""
    return {
        "period": roll.period.id,
        "due": roll.due.isoformat(),
        "unions": [_entry_json(entry, roll.today) for entry in roll.entries],
        "rates": [
            {
                "group": rate.group,
                "expected": rate.expected,
                "received": rate.received,
                "on_time": rate.on_time,
                "stale": rate.stale,
            }
            for rate in roll.rates()
        ],
    }


def _entry_json(entry: Entry, today: date) -> dict[str, Any]:
    standing = entry.standing
    sent = standing.sent if standing is not None else None
    until = standing.data_until if standing is not None else None
    return {
        "id": entry.union.id,
        "name": entry.union.name,
        "group": entry.union.group,
        "state": entry.state(today),
        "sent": sent.isoformat() if sent else None,
        "late_days": standing.late_days if standing is not None else 0,
        "stale": entry.stale,
        "data_until": until.isoformat() if until else None,
    }


#: The columns `status --format csv` gains with `reporting:`, after its own.
CSV_COLUMNS = ("report_period", "report_state", "report_sent", "report_late_days", "stale")


def csv_cells(roll: Roll, union_id: str) -> list[str]:
    """The roll-call columns of one union's CSV row (empty when it is not expected)."""
    entry = next((e for e in roll.entries if e.union.id == union_id), None)
    if entry is None:
        return ["", "", "", "", ""]
    item = _entry_json(entry, roll.today)
    return [
        roll.period.id,
        item["state"],
        item["sent"] or "",
        str(item["late_days"]),
        "1" if item["stale"] else "0",
    ]


def roll_table(roll: Roll, msg: Messages) -> Any:
    """The roll call as a Rich table for the `status` dashboard, then its rates."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from tuyengiao.printable import one_line, shorten

    table = Table(title=title(roll, msg), title_justify="left", box=box.SIMPLE_HEAD)
    table.title_style = "bold"
    table.add_column(msg("report.dashboard.col.no"), justify="right", no_wrap=True)
    table.add_column(msg("roll.col.union"), ratio=1)
    table.add_column(msg("roll.col.report"), no_wrap=True)
    for index, entry in enumerate(roll.entries, 1):
        state = entry.state(roll.today)
        style = {"late": "yellow", "missing": "red", "no_plan": "red"}.get(state, "")
        name = one_line(shorten(entry.union.name, 200)).replace("::", ":\u2060:")
        table.add_row(str(index), name, Text(cell(entry, roll.today, msg), style=style))
    rates = [Text(f"{msg('roll.overall')}: {rate_line(r, roll, msg)}") for r in roll.rates()[:1]]
    rates += [Text(f"  {rate_line(r, roll, msg)}") for r in roll.rates()[1:]]
    return Group(table, *rates)
