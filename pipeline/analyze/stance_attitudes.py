"""Verbs, nouns and adjectives that take a side — criticised, sued to block, welcomed,
"is disappointed about" — and what they are directed at (used by presswatch_stances).

Who takes the side is the subject (or, for "his support of …", the possessor; for "the DOJ
wants Google to sell off Chrome", the one wishing); what it is directed at is the direct object
first, then what the word governs — not a second verb joined by "and" nor a side clause. A step
inside the object taken by somebody else composes ("criticised the regulator that blocked the
deal" is for the deal); "sued to stop the purchase" does not (one purpose, one side).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Span, Token

from .spans import token_forms
from .stance_lexicon import ATTITUDE_ADJECTIVES, ATTITUDE_VERBS, PROPONENT_VERBS, WISH_VERBS
from .stance_sides import (
    _NOT_GOVERNED,
    _PREDICATIVE,
    FALLBACK_WEIGHT,
    PREVIOUS_WEIGHT,
    SUBJECT_DEPS,
    _definite,
    _head_of,
    _mention_within,
    _nearest,
    _phrase_index,
    _side_within,
    match_phrases,
    subject_of,
)

_ATTITUDE = _phrase_index(ATTITUDE_VERBS)
_LIGHT_VERBS = {"give", "grant"}


def attitude_hits(span: Span) -> list[tuple[Token, float]]:
    """Verbs (and nouns, adjectives) in the span that take a side, with their weight."""
    doc = span.doc
    hits = []
    for start, end, weight in match_phrases(span, _ATTITUDE):
        token = doc[start]
        head = _head_of(doc, start, end)
        if token.pos_ != "VERB" and head.dep_ == "dobj" and head.head.lemma_ in _LIGHT_VERBS:
            token = head.head  # "gave the merger the green light": the giving takes the side
        if token.pos_ == "VERB" or (
            token.pos_ == "NOUN" and any(c.dep_ == "poss" for c in token.children)
        ):
            hits.append((token, weight))
    forms = token_forms(doc)
    for i in range(span.start, span.end):
        lemma, lower = forms[i]
        word = lemma if lemma in ATTITUDE_ADJECTIVES else lower
        if word not in ATTITUDE_ADJECTIVES:
            continue  # (most words: no Token object made for them)
        token = doc[i]
        if (
            token.dep_ in _PREDICATIVE
            or (token.pos_ == "ADJ" and token.dep_ == "ROOT")
            or (token.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in token.children))
        ):
            hits.append((token, ATTITUDE_ADJECTIVES[word]))  # "we are heartened by …"
    return hits


def proponent_verbs(span: Span) -> list[Token]:
    """The verbs of PROPONENT_VERBS in the span ("plans", "seeks")."""
    doc, forms = span.doc, token_forms(span.doc)
    return [
        doc[i]
        for i in range(span.start, span.end)
        if forms[i][0] in PROPONENT_VERBS and doc[i].pos_ == "VERB"
    ]


def proponent_side(
    token: Token, mentions: Mapping[int, int], attitude_tokens: set[int]
) -> int | None:
    """ "Facebook is planning to integrate …" (+1); "the FTC is seeking an injunction" (-1, a
    step against the target). The target must be what is planned or sought — the complement or
    its object, not a word deep in a side clause — and a verb taking sides inside it
    ("seeking to stop Google") speaks for itself."""
    complements = [c for c in token.children if c.dep_ in ("xcomp", "dobj", "ccomp")]
    near = sorted(
        {
            t.i
            for c in complements
            for t in [c, *c.children]
            if t.i == c.i or t.dep_ in ("xcomp", "dobj", "ccomp", "compound", "amod", "poss")
        }
    )
    sides = [mentions[i] for i in near if i in mentions]
    if not sides or any(t.i in attitude_tokens for c in complements for t in c.subtree):
        return None
    return sides[0]


def holder_of(token: Token) -> Token | None:
    """Who takes the side: the verb's subject, the noun's possessor, the adjective's subject."""
    if token.pos_ == "NOUN":
        owners = [c for c in token.children if c.dep_ == "poss"]
        if owners and owners[0].lower_ in ("his", "her", "their", "its"):
            # "Stamos … tweeted his support": "his" is the subject of the verb it hangs under
            return subject_of(token.head) or owners[0]
        return owners[0] if owners else None
    if token.dep_ in _PREDICATIVE:
        return subject_of(token.head)
    if token.dep_ in ("ccomp", "xcomp") and token.head.lemma_.lower() in WISH_VERBS:
        return subject_of(token.head)
    return subject_of(token)


def attitude_about(
    token: Token,
    holder: Token | None,
    mentions: Mapping[int, int],
    previous: Mapping[int, int] | None = None,
    attitudes: Mapping[int, float] | None = None,
) -> tuple[int, float] | None:
    """(side, weight factor) of what a side-taking word is directed at: its object first. A
    side-taking word inside the object composes: "criticised the regulator that blocked the
    deal" is against blocking the deal, so for the deal."""
    skip = {t.i for t in holder.subtree} if holder is not None else set()
    if holder is not None:
        # "Lina Khan, who sought to block the merger": the relative clause holding the word is
        # what the holder did, not the holder's name
        for clause in holder.children:
            if clause.dep_ in ("relcl", "acl") and token in clause.subtree:
                skip -= {t.i for t in clause.subtree}
    skip.add(token.i)
    root = token.head if token.dep_ in _PREDICATIVE else token
    if token.pos_ == "NOUN" and token.dep_ == "nsubj" and token.head.lemma_ == "be":
        root = token.head  # "Newstead's defense is that the deals gave better products"
    # only what the word governs: not a second verb joined by "and" or a side clause; its
    # direct object first ("criticised Tim Cook for …" is about Tim Cook)
    outside = {t.i for c in root.children if c.dep_ in _NOT_GOVERNED for t in c.subtree}
    # "gave the merger the green light", "gave the deal its blessing": the receiver first
    direct = [c for c in root.children if c.dep_ == "dative"] or [
        c for c in root.children if c.dep_ == "dobj"
    ]
    # "accused the tech giant of violating the injunction", "criticised Cook for refusing …":
    # the gerund is the reason given, what the word is directed at is the object itself
    reasons = {t.i for c in direct[:1] for g in c.subtree if g.dep_ == "pcomp" for t in g.subtree}
    found = _mention_within(direct[0], mentions, skip | reasons) if direct else None
    if direct and found is None and _definite(direct[0]):
        if (
            holder is not None
            and (attitudes or {}).get(token.i, 0) > 0
            and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in direct[0].children)
        ):  # "Google defends its position": the holder's own thing (to divest its browser is
            # no stand against itself)
            own = _side_within(holder, mentions, set())
            if own is not None:
                return own, 1.0
        return None
    found = found or _mention_within(root, mentions, skip | outside)
    if found is not None:
        sign = mentions[found.i]
        node = found
        while node.i != root.i and node.head.i != node.i:
            node = node.head
            if (
                attitudes
                and node.i in attitudes
                and node.i != token.i
                and (node.dep_ == "relcl" or any(c.dep_ in SUBJECT_DEPS for c in node.children))
            ):
                # somebody else's step inside the object composes; "sued to stop X" does not
                sign = -sign if attitudes[node.i] < 0 else sign
                break
        return sign, 1.0
    objects = [c for c in root.children if c.dep_ in ("dobj", "pobj")] + [
        g for c in root.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    if objects and _definite(objects[0]):
        return None  # directed at something the parse names, on no side ("Apple's requests")
    if holder is not None and any(
        t.lower_ in ("its", "their") and t.i not in skip for t in root.subtree
    ):
        # "Google defends its position": the holder's own side
        own = _side_within(holder, mentions, set())
        if own is not None:
            return own, 1.0
    side = _nearest(token.i, mentions, skip)
    if side is not None:
        return side, FALLBACK_WEIGHT
    side = _nearest(token.i, previous, skip) if previous else None
    return (side, PREVIOUS_WEIGHT) if side is not None else None
