"""Where a reported clause begins and ends on the parse: the clause a verb heads without its
leading "that", one the parse split in two, and bare infinitives it hung on the verb above.
Pure functions; used by the speech-verb and belief readers."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import FINITE_TAGS
from .misparsed_reports import SUBJECT_DEPS
from .token_trim import trim_tokens


def joined_clause_bounds(clause: Token) -> tuple[int, int] | None:
    """clause_bounds, over a second complement of the same verb that starts right where this
    one ends: the parse split one clause in two ("believe [the level of spending placed on
    ads] [shows the campaign is worried]"). Not after a comma or a conjunction, which join
    two clauses ("said X is honest, and three-quarters said …")."""
    bounds = clause_bounds(clause)
    end = clause.right_edge
    if bounds is None or end.is_punct or end.pos_ == "CCONJ":
        return bounds
    split = next(
        (
            c
            for c in clause.head.children
            if c.dep_ == "ccomp" and c.i > clause.i and c.left_edge.i == end.i + 1
        ),
        None,
    )
    rest = clause_bounds(split) if split is not None else None
    return (bounds[0], rest[1]) if rest is not None else bounds


def clause_bounds(head: Token) -> tuple[int, int] | None:
    """Character offsets of the clause headed by `head`, without a leading "that"."""
    doc = head.doc
    first = head.left_edge.i
    while (
        first < head.right_edge.i
        and doc[first].lower_ == "that"
        and (
            doc[first].dep_ == "mark"
            # "told Fox News that he stood by …": the small model may call "that" an object
            or doc[first + 1].dep_ in SUBJECT_DEPS
            and doc[first + 1].head.i == head.i
        )
    ):
        first += 1
    return trim_tokens(doc, first, _misattached_conjuncts_end(head))


_BETWEEN_CONJUNCTS = frozenset({"punct", "cc", "advmod", "preconj"})


def _misattached_conjuncts_end(head: Token) -> int:
    """The last token of an infinitive with the bare infinitives the parse joined to the finite
    verb above it instead: in "plans to triple the program, grow the corps and create a reserve"
    the small model makes "grow" a conjunct of "plans", which cannot take a bare infinitive, so
    the plan runs to "reserve" (PolNeAR annotates the three as one content)."""
    end = head.right_edge.i
    governor = head.head
    if head.dep_ != "xcomp" or head.tag_ != "VB" or governor.tag_ not in FINITE_TAGS:
        return end
    doc = head.doc
    # the parse makes them conjuncts ("grow") or second complements ("keep") of the verb above
    later = (c for c in governor.children if c.dep_ in ("conj", "xcomp") and c.i > end)
    for conjunct in sorted(later):
        if conjunct.tag_ != "VB" or any(
            doc[i].dep_ not in _BETWEEN_CONJUNCTS for i in range(end + 1, conjunct.left_edge.i)
        ):
            break
        end = conjunct.right_edge.i
    return end
