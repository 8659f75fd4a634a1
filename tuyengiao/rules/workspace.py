"""Rules that look across the plan files of a run: union ids, the roster."""

from __future__ import annotations

import difflib
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tuyengiao.diagnostics import Diagnostic
from tuyengiao.files import display
from tuyengiao.rules.findings import make_diagnostic

if TYPE_CHECKING:
    from tuyengiao.config import Settings
    from tuyengiao.workspace import PlanFile


def cross_file(checked: list[PlanFile], settings: Settings) -> None:
    """Union ids: one plan per union (`duplicate-id`), and on the roster (`unknown-union`)."""
    msg = settings.msg
    owners: dict[tuple[str | None, str], PlanFile] = {}  # one plan per union per guidance
    roster = settings.config.roster
    known = {entry.id for entry in roster} if roster is not None else None
    for plan_file in checked:
        union_id = plan_file.union_id
        if union_id is None:
            continue
        line, column = plan_file.union_position
        first = owners.setdefault((plan_file.guidance_id, union_id), plan_file)
        if first is not plan_file:
            fields = {"id": union_id, "other": first.name}
            found = make_diagnostic(
                msg, plan_file.name, "duplicate-id", "union", line, column, fields, "union_file"
            )
            found = replace(found, cell=plan_file.union_cell)
            plan_file.diagnostics.append(found)
            plan_file.excluded = plan_file.excluded or found
        if known is not None and union_id not in known:
            close = difflib.get_close_matches(union_id, sorted(known), n=1)
            hint = "did_you_mean" if close else "roster"
            fields = {"id": union_id, "config": display(settings.config_path or Path())}
            found = make_diagnostic(
                msg,
                plan_file.name,
                "unknown-union",
                "unknown",
                line,
                column,
                fields,
                hint,
                {"suggestion": close[0] if close else "", **fields},
            )
            found = replace(found, cell=plan_file.union_cell)
            plan_file.diagnostics.append(found)
            plan_file.excluded = plan_file.excluded or found


def roster_findings(checked: list[PlanFile], settings: Settings) -> list[Diagnostic]:
    """Roster unions with no plan among the checked files (`missing-plan`).

    For each guidance year in use that has begun by the day of the run, the unions of
    the roster for that year (`years:`; absent, every year) that filed no plan of it.
    A year is expected when some checked plan is of it, or it is the latest begun (no
    one has filed it yet in January): `check plans/2023` holds no plan of 2022, and
    claimed every 2022 plan missing.
    """
    roster = settings.config.roster
    if roster is None or settings.config_path is None or not settings.folders_checked:
        return []
    filed = {(f.guidance_id, f.union_id) for f in checked}
    name = display(settings.config_path)
    doc = settings.config_doc
    begun = [g for g in settings.catalogues.in_use() if date(g.year, 1, 1) <= settings.today]
    year_of = {g.id: g.year for g in settings.catalogues.usable()}
    seen = {year_of.get(f.guidance_id or "") for f in checked}
    latest = max((g.year for g in begun), default=None)
    years = [g for g in begun if g.year in seen or g.year == latest]
    several = len(begun) > 1
    found = []
    for guidance in years:
        for index, entry in enumerate(roster):
            expected = entry.years is None or guidance.year in entry.years
            if not expected or (guidance.id, entry.id) in filed:
                continue
            line, column = doc.position(("roster", index)) if doc else (None, None)
            fields = {"id": entry.id, "name": entry.name, "year": guidance.year}
            kind, hint = ("missing_year", "new_plan_year") if several else ("missing", "new_plan")
            found.append(
                make_diagnostic(
                    settings.msg, name, "missing-plan", kind, line, column, fields, hint
                )
            )
    return found
