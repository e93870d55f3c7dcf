"""A reported clause whose subject the parse hung on the speech verb (used by attribution.py).

The small model sometimes reads the first words of a reported clause as the speech verb's own
("said about half of the fees rose": "about" a preposition of "said") and leaves the clause's
verb with no subject, so the content would start at that verb. Pure: reads a parsed Doc."""

from __future__ import annotations

from spacy.tokens import Token

_CLAUSE_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
_FINITE_VERB_TAGS = ("VBD", "VBZ", "VBP", "MD")


def with_stray_subject(
    verb: Token, clause: Token, bounds: tuple[int, int] | None
) -> tuple[int, int] | None:
    """'said about half of the fees reflected costs': the small model hangs the
    reported clause's subject on the speech verb ("about" a preposition of "said") and the
    clause starts at its verb. A finite clause with no subject of its own takes the words
    between the speech verb and it, when they are the verb's and hold a noun."""
    doc = verb.doc
    if bounds is None or any(c.dep_ in _CLAUSE_SUBJECT_DEPS for c in clause.children):
        return bounds
    finite = clause.tag_ in _FINITE_VERB_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_VERB_TAGS for c in clause.children
    )
    first = verb.i + 1
    if first < len(doc) and doc[first].lower_ == "that":
        first += 1
    gap = doc[first : clause.left_edge.i]
    if (
        not finite
        or not len(gap)
        or any(t.is_punct or t.is_space for t in gap)
        or any(not verb.is_ancestor(t) for t in gap)
        or not any(t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") for t in gap)
    ):
        return bounds
    return gap[0].idx, bounds[1]
