"""The benchmark table as published in README.md: written there, read back, compared.

`python benchmarks/run.py --readme` replaces what lies between START and END in the
README with the run's machine and table; `--check` reads that block back and compares
the run's ratios with it (`regressions`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
START = "<!-- benchmarks:start -->"
END = "<!-- benchmarks:end -->"
#: How much worse than the README's figure a ratio may be before `--check` fails.
TOLERANCE = 1.25


class BlockMissingError(Exception):
    """README.md has no benchmark block (its two markers)."""


def _split(text: str) -> tuple[str, str, str]:
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise BlockMissingError(f"README.md has no `{START}` … `{END}` block")
    return text[: start + len(START)], text[start + len(START) : end], text[end:]


def write_block(body: str, readme: Path = README) -> None:
    """Put `body` between the README's markers (the rest of the file unchanged)."""
    before, _, after = _split(readme.read_text(encoding="utf-8"))
    readme.write_text(f"{before}\n{body.strip()}\n{after}", encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Published:
    """What the README's block says: the machine and each row's ratio."""

    cpu: str  # the "CPU: …" line: model and cores
    ratios: dict[str, float]


def read_block(readme: Path = README) -> Published:
    """The machine line and the ratio of every row of the README's benchmark table."""
    _, block, _ = _split(readme.read_text(encoding="utf-8"))
    cpu = next((line[2:] for line in block.splitlines() if line.startswith("- CPU: ")), "")
    ratios: dict[str, float] = {}
    header: list[str] = []
    for line in block.splitlines():
        if not line.startswith("|") or set(line) <= set("|- "):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not header:
            header = cells
            continue
        row = dict(zip(header, cells, strict=False))
        figure = re.fullmatch(r"([\d.]+) ×", row.get("ratio", ""))
        if figure:
            ratios[row["measurement"]] = float(figure.group(1))
    return Published(cpu, ratios)


@dataclass(frozen=True, slots=True)
class Regression:
    """A ratio more than TOLERANCE times worse than the README's."""

    what: str
    published: float
    measured: float

    def __str__(self) -> str:
        worse = self.measured / self.published
        return f"{self.what}: {self.measured:.2f} × (README: {self.published:.2f} ×, {worse:.2f} ×)"


def regressions(published: Published, measured: Iterable[tuple[str, float]]) -> list[Regression]:
    """The measured ratios more than TOLERANCE times the README's figure for the same row.

    Rows the README does not have (or has without a ratio) are not compared.
    """
    found = []
    for what, ratio in measured:
        before = published.ratios.get(what)
        if before is not None and ratio > before * TOLERANCE:
            found.append(Regression(what, before, ratio))
    return found
