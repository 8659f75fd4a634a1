"""The clock: the day a run evaluates, read only at the edge (the CLI).

Core functions take the day as an argument; only `tuyengiao.commands` calls these.
"""

from __future__ import annotations

from datetime import date, tzinfo

from tuyengiao.models import DEFAULT_TIMEZONE


def today_in(timezone: str) -> date:
    """Today's date in `timezone` (Asia/Ho_Chi_Minh when the name is unknown)."""
    from datetime import datetime

    return datetime.now(zone(timezone) or zone(DEFAULT_TIMEZONE)).date()


def zone(name: str) -> tzinfo | None:
    """The time zone called `name`, or None when there is none by that name."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
