"""The words of the báo cáo: numbers, dates and results the way the report writes them.

Shared by `tuyengiao.report.sections` (the body) and `tuyengiao.report.annex` (the
tables): what the document is written from (`Sources`) and how a figure, a date or a
set of results reads in the report's language (`Writer`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tuyengiao.i18n import Messages
from tuyengiao.models import CentralNotes, Guidance, Signer
from tuyengiao.obligations import Roll
from tuyengiao.periods import Period
from tuyengiao.rates import number
from tuyengiao.report.digest import PlanDigest
from tuyengiao.report.filters import doc_date

#: The annex tables by id, in order; those with rows are numbered 1, 2, … in this order.
#: `reports` (the unions' periodic reports) is filled when the workspace tracks them.
ANNEX_ORDER = (
    "tasks",
    "unions",
    "results",
    "targets",
    "previous",
    "overdue",
    "late",
    "done",
    "reports",
    "proposals",
)


@dataclass(frozen=True, slots=True)
class Sources:
    """What the document is written from, besides the figures."""

    digests: Sequence[PlanDigest]
    #: Roster group of each union by id (None: not on the roster or no group).
    groups: Mapping[str, str | None]
    #: Roster name of each union by id (to name a union whose plan could not be read).
    names: Mapping[str, str]
    notes: CentralNotes | None
    guidance: Guidance
    issued: date
    #: The next period's name, when the workspace has a catalogue for it.
    next_period: str | None
    signer: Signer | None
    #: The period reported on, and the one after it (None past the last known year).
    period: Period
    following: Period | None
    #: Who sends the report, as the subject of its opening sentence.
    sender: str
    #: The roll call of the unions' periodic reports for the period (None without
    #: `reporting:`, or for a period it does not schedule).
    roll: Roll | None = None


class Writer:
    """Numbers, dates and results phrased in the report's language."""

    def __init__(self, msg: Messages, guidance: Guidance) -> None:
        self.msg = msg
        self.english = msg.lang == "en"
        self.guidance = guidance
        #: Annex number of each table with rows (set once the annex is built).
        self.annex_numbers: dict[str, int] = {}

    def n(self, value: int) -> str:
        """A whole number: `13.665`."""
        return number(value, english=self.english)

    def d(self, day: date) -> str:
        """A date in a sentence or cell: `05/7/2022`."""
        return doc_date(day, english=self.english)

    def metric_label(self, metric_id: str) -> str | None:
        """The metric's label, or None for an id the catalogue lacks (never printed)."""
        metric = self.guidance.metric(metric_id)
        if metric is None:
            return None
        return metric.label_en if self.english else metric.label

    def results(self, results: Mapping[str, int], *, inline: bool = True) -> str | None:
        """Non-zero results in catalogue order: `số buổi, hội nghị: 2; lượt người …: 320`.

        `inline` lower-cases each label's first letter for use inside a sentence.
        """
        parts = []
        for metric in self.guidance.metrics:
            value = results.get(metric.id, 0)
            if not value:
                continue
            label = metric.label_en if self.english else metric.label
            if inline:
                label = lower_first(label)
            parts.append(self.msg("report.sec.results.metric", label=label, value=self.n(value)))
        return "; ".join(parts) or None

    def task_title(self, number: int) -> str:
        """The task's short title in the report's language (its number if unknown)."""
        task = self.guidance.task(number)
        return print_form((task.title_en if self.english else task.title) if task else str(number))

    def phrases(self, results: Mapping[str, int]) -> str | None:
        """Non-zero results as an officer writes them, in catalogue order, from each
        metric's phrase: `tổ chức 147 buổi, hội nghị với 14.595 lượt người tham gia; đăng
        117 tin, bài` (a metric without a phrase reads "<label>: n")."""
        parts: list[str] = []
        for metric in self.guidance.metrics:
            value = results.get(metric.id, 0)
            if not value:
                continue
            n = self.n(value)
            phrase = metric.phrase_en if self.english else metric.phrase
            alone = metric.phrase_alone_en if self.english else metric.phrase_alone
            if phrase is None or "{n}" not in phrase:
                label = lower_first(metric.label_en if self.english else metric.label)
                parts.append(self.msg("report.sec.results.metric", label=label, value=n))
            elif alone is not None and "{n}" in alone and parts:
                parts[-1] += " " + phrase.replace("{n}", n)
            else:
                parts.append((alone if alone and "{n}" in alone else phrase).replace("{n}", n))
        return "; ".join(parts) or None

    def achieved(self, key: str, results: Mapping[str, int], **fields: str) -> str | None:
        """The sentence `report.sec.results.<key>` on the non-zero results, None when there
        are none. It reads with the officer's verbs (`Trong kỳ, các công đoàn đã tổ chức 3
        buổi …`) when every non-zero metric has a phrase; otherwise the whole sentence takes
        the labels under `<key>_labels` (`Kết quả trong kỳ: số buổi, hội nghị: 3; …`), since a
        label cannot follow the verb."""
        shown = [m for m in self.guidance.metrics if results.get(m.id, 0)]
        if not shown:
            return None
        if all("{n}" in ((m.phrase_en if self.english else m.phrase) or "") for m in shown):
            return self.msg(
                f"report.sec.results.{key}", results=self.phrases(results) or "", **fields
            )
        return self.msg(f"report.sec.results.{key}_labels", results=self.results(results), **fields)

    def listing(self, parts: Sequence[str]) -> str:
        """`a, b và c` (`a, b and c`)."""
        if len(parts) < 2:
            return "".join(parts)
        return self.msg("report.sec.and", first=", ".join(parts[:-1]), last=parts[-1])

    def task_heading(self, number: int, *, place: int | None = None, section: str = "") -> str:
        """`1. Quán triệt, triển khai …`, numbered `place` when given, under `section` ("2.")."""
        shown = f"{section}{place if place is not None else number}"
        return self.msg("report.sec.h.task", number=shown, title=self.task_title(number))

    def annex_ref(self, table_id: str) -> str:
        """`Phụ lục 6`: the number the table has once the empty ones are left out."""
        return self.msg("report.sec.annex.ref", number=self.annex_numbers[table_id])


def lower_first(text: str) -> str:
    """`Số buổi` → `số buổi`, but an acronym (`CBCCVCLĐ`) stays as it is."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


#: What `one_line` changes: a line break, a tab, or a run of spaces.
_LOOSE_SPACE = re.compile(r"[\t\n\r\f\v]|  |^ | $")


#: A document number ("308/KH-CĐVC", "02-NQ/TW"): its hyphens must not break a line.
_NUMBER = re.compile(r"\b\d+[-/][\w/-]*\w")
NON_BREAKING_HYPHEN = "\u2011"
#: Old-style tone marks on the second vowel of an open "oa", "oe", "uy" (hoá, khoẻ,
#: thuỷ): the catalogue writes the new style (hóa, khỏe, thủy), and so does the report.
_OLD_TONE = re.compile("(?<![qQ])([oOuU])([áàảãạÁÀẢÃẠéèẻẽẹÉÈẺẼẸýỳỷỹỵÝỲỶỸỴ])(?![\\w])")
_TONES = {
    "á": "ó", "à": "ò", "ả": "ỏ", "ã": "õ", "ạ": "ọ",
    "é": "ó", "è": "ò", "ẻ": "ỏ", "ẽ": "õ", "ẹ": "ọ",
    "ý": "ú", "ỳ": "ù", "ỷ": "ủ", "ỹ": "ũ", "ỵ": "ụ",
}  # fmt: skip
_BARE = {"á": "a", "à": "a", "ả": "a", "ã": "a", "ạ": "a", "é": "e", "è": "e", "ẻ": "e",
         "ẽ": "e", "ẹ": "e", "ý": "y", "ỳ": "y", "ỷ": "y", "ỹ": "y", "ỵ": "y"}  # fmt: skip


def _new_tone(match: re.Match[str]) -> str:
    """`oá` → `óa`, `oẻ` → `ỏe`, `uỷ` → `ủy`, keeping each letter's case."""
    first, second = match.group(1), match.group(2)
    low = second.lower()
    if (first.lower() == "o") != (low in "áàảãạéèẻẽẹ"):
        return match.group()  # "uá", "oý": not one of the three pairs
    marked, bare = _TONES[low], _BARE[low]
    return (marked.upper() if first.isupper() else marked) + (
        bare.upper() if second.isupper() else bare
    )


def _joined(match: re.Match[str]) -> str:
    token = match.group()
    return token.replace("-", NON_BREAKING_HYPHEN) if "/" in token and "-" in token else token


def print_form(text: str) -> str:
    """Text as the document prints it: document numbers unbreakable, one spelling."""
    if "-" in text and "/" in text:
        text = _NUMBER.sub(_joined, text)
    return _OLD_TONE.sub(_new_tone, text)


def one_line(text: str) -> str:
    """Text on one line with single spaces, in its print form (`print_form`)."""
    return print_form(" ".join(text.split()) if _LOOSE_SPACE.search(text) else text)
