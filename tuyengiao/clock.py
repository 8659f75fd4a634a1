"""The clock: the day a run evaluates, read only at the edge (the CLI).

Core functions take the day as an argument; only `tuyengiao.commands` calls these.
"""

from __future__ import annotations

import re
from datetime import date, tzinfo

from tuyengiao.models import DEFAULT_TIMEZONE

#: IANA's zone names are at most 30 characters (`America/Argentina/ComodRivadavia`).
MAX_ZONE_NAME = 64
_ZONE_NAME = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")


def today_in(timezone: str) -> date:
    """Today's date in `timezone` (Asia/Ho_Chi_Minh when the name is unknown)."""
    from datetime import datetime

    return datetime.now(zone(timezone) or zone(DEFAULT_TIMEZONE)).date()


def zone(name: str) -> tzinfo | None:
    """The time zone called `name`, or None when there is none by that name.

    The name becomes a file name under the system's zone folder: a name of 256
    characters failed there with an OSError that stopped every command, so only names
    shaped like IANA's (`Area/City_Name`, at most 64 characters) are looked up.
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if len(name) > MAX_ZONE_NAME or not _ZONE_NAME.fullmatch(name):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
