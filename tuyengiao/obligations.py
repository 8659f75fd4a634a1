"""The periodic report each union owes: when it is due, whether it came, and on time.

The one definition of these words that the rules (`report-missing`, `report-late`,
`stale-data`), `status`, `remind` and `report` all use:

- the *schedule* (`reporting:` in the config) names the periods unions report on,
  their windows follow `period_rule`, and each report is *due* `due_days` after the
  period's last day, or on `due_day_of_next_month` of the month after it;
- a union's report for period P is its plan's `reports: P:` entry; it is *received*
  when the entry has a `date` (the day it was sent) no later than the day of the run
  (an entry without one is a draft, as `tuyengiao new` writes it), *on time* when
  that day is on or before the due day, *missing* once the due day has passed
  without it;
- the plan's data are *stale* for P when work was open in P (an activity not done by
  P's end that was due by then, had started, or is in progress) and the plan holds no
  fact dated in P: no `progress` entry, no `done` and no `updated` (which stands for a
  status change, as statuses carry no day) between P's first day and its end. A union
  whose work in P was all done before it, or is planned for later, is not stale: it
  simply had nothing to report.

A plan's standing for every scheduled period is computed when the plan is checked and
kept on its `PlanFile`, so `status` and `report` need not hold the plan itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Literal

from dateutil.relativedelta import relativedelta

from tuyengiao.models import Activity, Config, PeriodNotes, RosterEntry
from tuyengiao.periods import Period, PeriodError, PeriodRule, parse_period, periods_of_year
from tuyengiao.rates import whole_percent
from tuyengiao.status import Status

__all__ = ["Schedule", "Standing", "State", "standings"]

#: What a union's report for a period is, on a day.
State = Literal["on_time", "late", "missing", "pending"]


@dataclass(frozen=True, slots=True)
class Schedule:
    """The periods unions report on, under the workspace's period rule, and their due days."""

    kinds: tuple[str, ...]
    rule: PeriodRule
    due_days: int | None = None
    due_day_of_next_month: int | None = None

    @classmethod
    def of(cls, config: Config) -> Schedule | None:
        """The config's schedule; None without `reporting:` (no obligation is checked).

        With both due keys (a finding of its own), `due_days` is used; with neither
        (also a finding) there is no due day, so nothing is checked.
        """
        reporting = config.reporting
        if reporting is None or not reporting.periods:
            return None
        days, day = reporting.due_days, reporting.due_day_of_next_month
        if days is not None:
            return cls(tuple(reporting.periods), config.period_rule, days)
        if day is not None:
            return cls(tuple(reporting.periods), config.period_rule, None, day)
        return None

    def due(self, period: Period) -> date:
        """The last day on which a report for `period` is on time."""
        if self.due_day_of_next_month is not None:
            month = period.end.replace(day=1) + relativedelta(months=1)
            return month + relativedelta(day=self.due_day_of_next_month)  # clipped to its end
        return period.end + timedelta(days=self.due_days or 0)

    def periods(self, year: int) -> list[Period]:
        """The scheduled periods of guidance year `year`, by due day (then the shortest)."""
        return list(_scheduled(self, year))

    def latest_due(self, year: int, today: date) -> Period | None:
        """The period of `year` whose report fell due most recently, on or before `today`."""
        due = [p for p in self.periods(year) if self.due(p) <= today]
        return due[-1] if due else None

    def upcoming(self, year: int, today: date) -> Period | None:
        """The period of `year` whose report falls due next (on or after `today`), else the last."""
        periods = self.periods(year)
        return next((p for p in periods if self.due(p) >= today), periods[-1] if periods else None)

    def current(self, year: int, today: date) -> Period | None:
        """The shortest scheduled period of `year` holding `today` (before the year: its
        first, after it: its last); what `tuyengiao new` writes a draft report entry for."""
        periods = sorted(self.periods(year), key=lambda p: (p.end - p.start, p.end))
        holding = [p for p in periods if p.contains(today)]
        if holding:
            return holding[0]
        by_end = sorted(periods, key=lambda p: (p.end, p.start))  # the shortest last
        if not by_end:
            return None
        return by_end[0] if today < by_end[0].start else by_end[-1]

    def previous(self, period: Period) -> Period | None:
        """The scheduled period of the same kind before `period`, within its year."""
        same = [p for p in self.periods(period.year) if p.kind == period.kind]
        earlier = [p for p in same if p.end < period.start]
        return earlier[-1] if earlier else None

    def parse(self, text: str) -> Period | None:
        """A `reports:` key as a period under the workspace's rule; None when it is none."""
        try:
            return parse_period(text, self.rule)
        except PeriodError:
            return None


@cache
def _scheduled(schedule: Schedule, year: int) -> tuple[Period, ...]:
    # Made once per schedule and year: building the periods (relativedelta) for every
    # plan was 0.7 s of `check` on 1,000 plans with four kinds of period.
    found = [p for p in periods_of_year(year, schedule.rule) if p.kind in schedule.kinds]
    return tuple(sorted(found, key=lambda p: (schedule.due(p), p.end - p.start)))


@dataclass(frozen=True, slots=True)
class Standing:
    """A union's report for one scheduled period, as its plan says on the day of the run."""

    period: Period
    due: date
    #: The `reports:` key as written (None: the plan has no entry for the period).
    key: str | None
    #: The day the report was sent (None: no entry, a draft, or a day after the run's).
    sent: date | None
    #: Whether the entry has a `date`, even one after the day of the run (a typo:
    #: `date-order` says so, and the report is not claimed missing as well).
    dated: bool
    #: The last day the plan holds a fact for, on or before the period's end.
    data_until: date | None
    stale: bool

    @property
    def received(self) -> bool:
        """Whether the report has been sent."""
        return self.sent is not None

    @property
    def late_days(self) -> int:
        """How many days after the due day it was sent (0 when on time or not sent)."""
        return max((self.sent - self.due).days, 0) if self.sent is not None else 0

    def state(self, today: date) -> State:
        """On time, late, missing (due day passed, not sent), or pending (not due yet)."""
        if self.sent is not None:
            return "late" if self.sent > self.due else "on_time"
        return "missing" if today > self.due and not self.dated else "pending"


def standings(
    reports: Mapping[str, PeriodNotes] | None,
    updated: date | None,
    activities: Sequence[Activity],
    schedule: Schedule,
    year: int,
    today: date,
) -> tuple[Standing, ...]:
    """A plan's report for every scheduled period of `year`, from its `reports:`, its
    `updated` day and its activities (facts dated after `today` are ignored)."""
    entries: dict[str, tuple[str | None, date | None, bool]] = {}
    for key, notes in (reports or {}).items():
        period = schedule.parse(key)
        if period is not None and period.year == year:
            sent = notes.date
            known = sent if sent is None or sent <= today else None
            entries.setdefault(period.id, (key, known, sent is not None))
    days = _fact_days(updated, activities, today)
    found = []
    nothing: tuple[str | None, date | None, bool] = (None, None, False)
    for period in schedule.periods(year):
        written, sent, dated = entries.get(period.id, nothing)
        end = period.evaluation_day(today)
        until = max((day for day in days if day <= end), default=None)
        reached = until is not None and until >= period.start
        # Judged once the period is over: until then its data may still come.
        stale = period.end < today and not reached and _open_work(activities, end)
        found.append(Standing(period, schedule.due(period), written, sent, dated, until, stale))
    return tuple(found)


def _fact_days(updated: date | None, activities: Sequence[Activity], today: date) -> list[date]:
    """Every day the plan says something happened: done, progress and `updated` days."""
    days = [updated] if updated is not None else []
    for activity in activities:
        if activity.status is Status.DONE and activity.done is not None:
            days.append(activity.done)
        days += [entry.as_of for entry in activity.progress or ()]
    return [day for day in days if day <= today]


def _open_work(activities: Sequence[Activity], end: date) -> bool:
    """Whether some activity was open at `end` with work due or begun by then."""
    for activity in activities:
        if not activity.open_at(end):
            continue
        if activity.start is not None:
            if activity.start <= end:
                return True
        elif activity.due <= end or activity.status is Status.IN_PROGRESS:
            return True
    return False


# --- the roll call: every expected union's report for one period ---------------------


@dataclass(frozen=True, slots=True)
class Expected:
    """A union expected to report: a roster entry, or a plan's union without a roster."""

    id: str
    name: str
    group: str | None


def roster_expected(roster: Sequence[RosterEntry], year: int) -> list[Expected]:
    """The roster's unions expected to file a plan, and so to report, for guidance year `year`."""
    return [Expected(e.id, e.name, e.group) for e in roster if e.files_in(year)]


@dataclass(frozen=True, slots=True)
class Entry:
    """One union's line of the roll call."""

    union: Expected
    #: Its plan's report for the period (None: the union has no plan of the year).
    standing: Standing | None

    def state(self, today: date) -> State | Literal["no_plan"]:
        """The report's state, or `no_plan` for a union that filed no plan."""
        return "no_plan" if self.standing is None else self.standing.state(today)

    @property
    def stale(self) -> bool:
        """Whether the union's figures stop before the period's end (see the module)."""
        return self.standing is not None and self.standing.stale


@dataclass(frozen=True, slots=True)
class Rate:
    """Reports received and on time against those expected, for all or one roster group."""

    group: str | None
    expected: int
    received: int
    on_time: int
    stale: int

    @property
    def received_percent(self) -> int:
        """Reports received of those expected, in whole percent, half up (0 of none)."""
        return whole_percent(self.received, self.expected)

    @property
    def on_time_percent(self) -> int:
        """Reports on time of those expected, in whole percent, half up (0 of none)."""
        return whole_percent(self.on_time, self.expected)


@dataclass(frozen=True, slots=True)
class Roll:
    """Who sent the report for one period, when, and whose data are stale."""

    period: Period
    due: date
    today: date
    entries: tuple[Entry, ...]

    def rates(self) -> list[Rate]:
        """The overall rate, then one per roster group (in roster order) when there are groups."""
        groups: dict[str | None, list[Entry]] = {}
        for entry in self.entries:
            groups.setdefault(entry.union.group, []).append(entry)
        found = [self._rate(None, list(self.entries))]
        if any(group is not None for group in groups):
            found += [self._rate(group, entries) for group, entries in groups.items()]
        return found

    def _rate(self, group: str | None, entries: list[Entry]) -> Rate:
        states = [entry.state(self.today) for entry in entries]
        received = sum(state in ("on_time", "late") for state in states)
        on_time = sum(state == "on_time" for state in states)
        stale = sum(entry.stale for entry in entries)
        return Rate(group, len(entries), received, on_time, stale)

    def not_received(self) -> list[Entry]:
        """The unions whose report has not come (with or without a plan)."""
        return [e for e in self.entries if e.state(self.today) in ("missing", "pending", "no_plan")]

    def stale_entries(self) -> list[Entry]:
        """The unions whose data stop before the period's end."""
        return [e for e in self.entries if e.stale]


def roll_call(
    period: Period,
    schedule: Schedule,
    today: date,
    expected: Sequence[Expected],
    standings_of: Mapping[str, Sequence[Standing]],
) -> Roll:
    """The roll call of `period`: each expected union (in order) with its plan's standing.

    `standings_of` maps a union id to its plan's standings (unions absent: no plan).
    """
    entries = []
    for union in expected:
        found = standings_of.get(union.id)
        standing = None
        if found is not None:
            standing = next((s for s in found if s.period.id == period.id), None)
            if standing is None:  # a period the schedule does not list: judged all the same
                standing = Standing(period, schedule.due(period), None, None, False, None, False)
        entries.append(Entry(union, standing))
    return Roll(period, schedule.due(period), today, tuple(entries))
