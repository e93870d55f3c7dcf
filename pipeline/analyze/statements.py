"""Which quote pieces make one statement (pure: text and quote records in, statement starts out).

A reporter splits one stretch of speech around its attribution: '“Like Oakland. Or Ferguson,”
Trump said. “The crime numbers are worse.”' The quote finder gives the two quotations as two
quotes (the bundled gold lists them so, and a journalist may want either piece), but it is one
statement: PolNeAR's annotators mark it as one attribution whose content runs over both pieces.
Each quote record gets `statement`: the content start of the first piece of its statement (its
own start when it begins one), so the pieces can be read together: group by (article, version,
statement).

A piece continues the piece before it when, in the same paragraph, both are quotations (direct
or mixed) by the same speaker, the later one has no cue of its own or shares the earlier one's,
and what lies between them is at most the earlier piece's own attribution ('X said.', ', she
added,'), with no other sentence of narrative. A quotation opening the next paragraph, with no
cue of its own, runs the statement on across the break ('“A,” X told Y.\n\n“B.”').
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .spans import QuoteRecord, speaker_key

# Between two pieces of one statement: nothing, or the attribution clause of the first piece,
# which may carry a long description of the speaker ('," said David Gorski, an associate
# professor of surgery at … and the editor of a prominent science and medical blog. "').
# Narrative of its own shows as a second sentence end ('“A,” X said. The crowd cheered. “B.”').
_MAX_GAP_CHARS = 320
_OPENING_MARKS = frozenset("\"“‘'«„")
_SENTENCE_END = re.compile(r"(?P<word>\w*)[.!?][”\"’']?\s+\S")
# A full stop after an initial or a short title is not a sentence end ("Leonard E. Burman",
# "the Rev. Peter Wherry", "state Del. Marcia Price", "Sen. Tim Kaine").
_ABBREVIATION = re.compile(r"^(?:[A-Z]|[A-Z][a-z]{1,3}|[A-Z]{2,4})$")


def statement_starts(text: str, quotes: Sequence[QuoteRecord]) -> list[int]:
    """For each quote (in the given order), the content start of its statement's first piece."""
    order = sorted(range(len(quotes)), key=lambda i: quotes[i]["content"]["start"])
    starts = [q["content"]["start"] for q in quotes]
    previous: int | None = None
    last_quotation: int | None = None  # the latest direct or mixed piece
    for i in order:
        if previous is not None and _continues(text, quotes[previous], quotes[i]):
            starts[i] = starts[previous]
        elif last_quotation not in (None, previous) and _continues(
            text, quotes[last_quotation], quotes[i]
        ):
            # An attribution inside the first piece's own attribution clause ('“A,” Ms. Rhee
            # said, referring to the two mergers. “B.”') does not end the statement.
            starts[i] = starts[last_quotation]
        previous = i
        if quotes[i]["type"] != "indirect":
            last_quotation = i
    return starts


def _continues(text: str, before: QuoteRecord, after: QuoteRecord) -> bool:
    if before["type"] == "indirect" or after["type"] == "indirect":
        return False
    key = speaker_key(before)
    if key is None or key != speaker_key(after):
        return False
    gap_start, gap_end = before["content"]["end"], after["content"]["start"]
    if gap_end < gap_start or gap_end - gap_start > _MAX_GAP_CHARS:
        return False
    gap = text[gap_start:gap_end]
    cue, after_cue = before["cue"], after["cue"]
    if "\n" in gap and gap.strip() not in _OPENING_MARKS:
        # A new paragraph: PolNeAR starts a new attribution there — unless the quotation runs
        # on, the paragraph before left open and this one opening with a mark, as news writes
        # a quotation of several paragraphs.
        # PolNeAR's annotators (and readers) also run one statement on into the next paragraph
        # when that paragraph is a quotation with no cue of its own: '“A,” X told Y.\n\n“B.”'
        if after_cue is not None or not _next_paragraph_quotation(gap):
            return False
        gap = gap[: gap.index("\n")]
    if after_cue is not None and (cue is None or after_cue["start"] != cue["start"]):
        return False  # the later piece has a cue of its own: a statement of its own
    if not re.search(r"\w", gap):
        return True  # back to back: '… “A.” “B.”'
    cue_inside = cue is not None and gap_start <= cue["start"] < gap_end
    # '“A,” X said. “B.”': the first piece's attribution, then at most one sentence end
    return cue_inside and _sentence_ends(gap) <= 1


def _next_paragraph_quotation(gap: str) -> bool:
    """The gap crosses one paragraph break, and the next paragraph opens the later piece."""
    _, _, rest = gap.partition("\n")
    return "\n" not in rest.strip() and rest.strip() in _OPENING_MARKS | {""}


def _sentence_ends(gap: str) -> int:
    return sum(1 for m in _SENTENCE_END.finditer(gap) if not _ABBREVIATION.match(m.group("word")))
