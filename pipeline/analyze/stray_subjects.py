"""Reported clauses the parse hangs in the wrong place (used by attribution.py).

The small model sometimes reads the first words of a reported clause as the speech verb's own
("said about half of the fees rose": "about" a preposition of "said") and leaves the clause's
verb with no subject, so the content would start at that verb; or it hangs the whole clause on
a noun after the verb as a relative clause ("said during a news conference that he may wait"),
so the verb has no clause at all. Pure: reads a parsed Doc."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import ADDRESSEE_VERBS
from .speakers import is_plausible_speaker

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


# What the parse walks through from a noun up to the speech verb when it hangs the reported
# clause on a noun after the verb: "during [a news conference] that …" (prep, pobj), "before she
# spoke before [the panel] that …" (advcl), "told [the Ledger] that …" (dobj, below).
_DISPLACING_DEPS = frozenset({"prep", "pobj", "advcl", "npadvmod"})
# Verbs whose object can be who is spoken to, so a that-clause on it is what they were told.
# Any other object is the thing said or meant, and a clause on it is that thing's: "emphasizing
# the threat that a Trump presidency would constitute", "tells so many lies that …".
_ADDRESSEE_VERBS = ADDRESSEE_VERBS | {"warn", "advise", "notify"}


def displaced_clause(verb: Token) -> Token | None:
    """ "Smith said on Friday during a news conference that he may wait": the small model
    reads "that he may wait" as a relative clause of "conference". A relative "that" is the
    clause's subject or object; one that only marks the clause, with a subject after it, opens
    a that-clause, and the speech verb the noun hangs from (through the phrases after it) is
    what takes it."""
    for token in verb.subtree:
        if token.i <= verb.i or token.dep_ not in ("relcl", "acl"):
            continue
        first = token.doc[token.left_edge.i]
        if first.lower_ != "that" or first.dep_ != "mark" or first.head.i != token.i:
            continue
        if not any(c.dep_ in _CLAUSE_SUBJECT_DEPS for c in token.children):
            continue
        if _hangs_from(token.head, verb):
            return token
    return None


def _hangs_from(noun: Token, verb: Token) -> bool:
    """The noun is the verb's addressee or reaches the verb through phrases after it."""
    if noun.dep_ == "dobj":
        return (
            noun.head.i == verb.i
            and verb.lemma_.lower() in _ADDRESSEE_VERBS
            and is_plausible_speaker(noun, weak_verb=True)  # somebody who is told
        )
    for _ in range(6):
        if noun.i == verb.i:
            return True
        if noun.dep_ not in _DISPLACING_DEPS:
            return False
        noun = noun.head
    return False
