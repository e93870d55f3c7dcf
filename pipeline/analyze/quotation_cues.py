"""Which cue and speaker frame each quotation (quotes.py build_quotes): the speech verb after
or before its marks, the cue the two halves of a split quotation share, or a naming verb."""

from __future__ import annotations

from spacy.tokens import Doc

from .attribution import Vocabulary
from .framing import TokenIndex, lead_cue, naming_cue, trailer_cue
from .quote_extents import Quotation
from .quote_marks import QuoteMarks


def neighbours(marks: list[QuoteMarks], i: int) -> tuple[QuoteMarks | None, QuoteMarks | None]:
    """The quotations just before and after the i-th (None at either end)."""
    return (marks[i - 1] if i > 0 else None, marks[i + 1] if i + 1 < len(marks) else None)


def frame_quotations(
    doc: Doc,
    quotations: list[Quotation],
    index: TokenIndex,
    vocab: Vocabulary,
    max_words: int,
) -> None:
    """Set each quotation's cue and speaker from the words around it: a speech verb after it
    or before it (at most `max_words` words away), the cue between the halves of a split
    quotation, or a naming verb ('called the plan “a disaster”')."""
    marks = [qt.marks for qt in quotations]
    for i, quotation in enumerate(quotations):
        prev, nxt = neighbours(marks, i)
        found = trailer_cue(doc, quotation.marks, nxt, index, vocab, max_words) or lead_cue(
            doc, quotation.marks, prev, index, vocab, max_words
        )
        if found is None and prev is not None and prev.line == quotation.marks.line:
            # '“…,” said Mara Quill, a researcher at Fenwick Labs, “…”': the second half of a
            # split quotation shares the cue that sits between the halves.
            before = quotations[i - 1]
            between = index.text[prev.end : quotation.marks.open].rstrip()
            if (
                before.cue is not None
                and prev.end <= before.cue.idx < quotation.marks.open
                and between.endswith((",", ":", "—", "–"))
            ):
                found = (before.cue, before.speaker)
        if found is None:
            found = naming_cue(doc, quotation.marks, index)
            quotation.naming = found is not None
        if found is not None:
            quotation.cue, quotation.speaker = found
