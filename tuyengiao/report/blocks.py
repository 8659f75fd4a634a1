"""The báo cáo's body as one sequence of blocks: the single place its print order is decided.

docutils and pandoc give every writer one tree and let it only *visit* the nodes; here
the tree is `Document`'s parts and the visit is `body_blocks`: it walks them in
DESIGN's order and says, for each part, what is printed and where a part without text
stands. Markdown, HTML and Word loop over the blocks and set each by its kind, so they
carry the same headings and sentences in the same order by construction.

The rule for a part without text (README "Báo cáo"): a part the central department
writes (`reports/<period>.yaml`: situation, strengths, weaknesses, causes, direction,
proposals) always shows, and shows its "[Bổ sung …]" placeholder when it has no text;
a part the data writes (facts, highlights, what falls due, an annex) is left out when
it has nothing to say.
"""

from __future__ import annotations

from collections.abc import Iterator

from tuyengiao.report.document import AssessmentPart, Block, Document, Narrative, UnionNote


def body_blocks(doc: Document) -> tuple[Block, ...]:
    """The body from the opening paragraphs to the closing sentence."""
    return tuple(_walk(doc))


def _central(narrative: Narrative) -> Iterator[Block]:
    if not narrative.paragraphs:
        yield Block("placeholder", narrative.placeholder)
    for paragraph in narrative.paragraphs:
        yield Block("text", paragraph)


def _notes(notes: tuple[UnionNote, ...]) -> Iterator[Block]:
    for note in notes:
        yield Block("item", note.text, lead=f"{note.union}:")


def _part(part: AssessmentPart, level: int) -> Iterator[Block]:
    yield Block("heading", part.heading, level=level)
    yield from _central(part.central)
    for fact in part.facts:
        yield Block("item", fact)
    yield from _notes(part.unions)


def _walk(doc: Document) -> Iterator[Block]:
    for paragraph in doc.opening.paragraphs:
        yield Block("text", paragraph)

    situation = doc.situation
    yield Block("heading", situation.heading, level=1)
    for fact in (*situation.facts, *situation.reports):
        yield Block("text", fact)
    yield from _central(situation.central)

    results = doc.results
    yield Block("heading", results.heading, level=1)
    yield Block("heading", results.overview_heading, level=2)
    for paragraph in results.summary:
        yield Block("text", paragraph)
    yield Block("table", table=results.table)
    yield Block("chart")
    yield Block("heading", results.tasks_heading, level=2)
    for task in results.tasks:
        yield Block("heading", task.heading, level=3)
        yield Block("text", task.summary)
        if task.highlights:
            yield Block("label", results.highlights_label)
            for line in task.highlights:
                yield Block("item", line.detail, lead=f"{line.union}:")
        if task.more_text:
            yield Block("text", task.more_text)

    assessment = doc.assessment
    yield Block("heading", assessment.heading, level=1)
    for part in (assessment.strengths, assessment.weaknesses, assessment.causes):
        yield from _part(part, 2)

    direction = doc.direction
    yield Block("heading", direction.heading, level=1)
    yield from _central(direction.central)
    if direction.intro:
        yield Block("text", direction.intro)
    for due in direction.tasks:
        yield Block("heading", due.heading, level=2)
        for line in due.activities:
            yield Block("item", line.detail, lead=f"{line.union}:")

    yield from _part(doc.proposals, 1)
    yield Block("closing", doc.closing)
