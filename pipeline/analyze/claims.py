"""presswatch_claims: checkable assertions about the dataset's story, on Doc._.claims.

A claim is a sentence — or the part of a sentence inside somebody's direct quote — that asserts
something about the story with a finite verb: "Integrating the messaging services could make it
harder for antitrust regulators to break up Facebook". About the story: it uses a dataset topic
word (dataset.yml `topics`) or names a company, regulator or product of the knowledge base.
Reported speech without quote marks ("Meta counters that the FTC approved these deals") is
claimed as its whole sentence, judged on its reported clause. Its holder is the quote's
speaker; outside quotes it is the speaker of an attribution in the sentence just before that
has no reported clause of its own ("Sam Weinstein … alluded to another enticing reason …" →
the next sentence is his), else the outlet (holder None). Hedge is the strongest hedging word
on the claim ("likely", "could", "would", "will" … or "none"); polarity is "negated" when the
claim's main verb is negated. Questions, headlines, sentences under six words, opinions
without checkable content (claim_opinions.py) and the reporter telling who thinks or said
what ("Facebook takes issue with …") are not claims.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from typing import TypedDict

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .attribution_gate import has_finite_verb
from .claim_opinions import (
    HEDGES,
    OPINION_VERBS,
    negation_indices,
    opinion_only,
    reports_an_attitude,
    span_roots,
)
from .claim_topics import topic_patterns, topics_of
from .lexicon import SPEECH_VERBS, WEAK_SPEECH_VERBS
from .spans import CharSpan, EntityRef, QuoteRecord, doc_text, sentence_spans, token_forms


class ClaimHolder(TypedDict):
    id: str | None  # entity id; None for a speaker phrase with no entity ("Critics")
    name: str
    text: str  # the speaker phrase in the text, with its offsets
    start: int
    end: int


class ClaimRecord(TypedDict):
    text: str
    start: int
    end: int
    holder: ClaimHolder | None  # None: the outlet's own voice
    hedge: str
    polarity: str
    topics: list[str]


# Verbs that say what something does to something: "would let Facebook link …", "means
# joining the data", "encrypts messages", "could make it harder to break up".
CONSEQUENCE_VERBS: frozenset[str] = frozenset(
    """
    make let allow enable force mean require give take link join merge share collect encrypt
    protect weaken strengthen hide expose reveal undo break separate unwind lose gain harm hurt
    cost raise lower reduce increase charge monetize monetise target track read sell erase
    extend drop learn use combine connect disconnect downgrade upgrade leave keep become
    """.split()
)
_HEDGE_NAMES = {"wo": "will", "probably": "likely", "possibly": "could", "perhaps": "could"}
_MIN_WORDS = 6
_PARTY_LABELS = {"ORG", "PRODUCT"}
# Attribution verbs whose sentence announces the next one: "X alluded to another reason."
_ANNOUNCING_VERBS = (
    SPEECH_VERBS | WEAK_SPEECH_VERBS | {"allude", "point", "raise", "offer", "attribute"}
)
# What a person did with words, not an event of the story ("set out both possibilities").
_TELLING_VERBS = {
    "set",
    "outline",
    "explain",
    "discuss",
    "describe",
    "elaborate",
    "speak",
    "read",
    "make",
    "contest",
    "jump",
    "counter",
    "weigh",
}
_COMMENTATORS = {
    "expert",
    "critic",
    "analyst",
    "lawyer",
    "scholar",
    "observer",
    "commentator",
    "professor",
    "researcher",
    "advocate",
}


def hedge_of(span: Span) -> str:
    forms = token_forms(span.doc)  # (lemma, lowercase form) per token, once per Doc
    words = {forms[i][1] for i in range(span.start, span.end)}
    for hedge in HEDGES:
        if hedge in words:
            return _HEDGE_NAMES.get(hedge, hedge)
    return "none"


def polarity_of(span: Span) -> str:
    for root in span_roots(span):
        if root.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ == "neg" for c in root.children):
            return "negated"
        if any(
            c.dep_ == "neg"
            for aux in root.children
            if aux.dep_ in ("aux", "auxpass")
            for c in aux.children
        ):
            return "negated"
    return "affirmed"


def _is_assertion(span: Span) -> bool:
    """A checkable assertion: long enough, not a question, with a finite verb, saying what
    happened, happens, will or could happen, or what something does — and not an opinion
    without checkable content (opinion_only)."""
    words = [t for t in span if t.is_alpha]
    if len(words) < _MIN_WORDS:
        return False
    if not any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN", "TO") for t in span):
        return False
    if opinion_only(span):
        return False
    # what could/will happen, or what something does to something (a hedge, a negation, a
    # consequence verb) — or an event that happened ("the FTC sued", "has approved")
    # (the per-Doc word forms and negation indices: no Token object per word)
    forms = token_forms(span.doc)
    return (
        any(
            forms[i][1] in HEDGES or forms[i][0] in CONSEQUENCE_VERBS
            for i in range(span.start, span.end)
        )
        or any(span.start <= i < span.end for i in negation_indices(span.doc))
        or _reports_an_event(span)
    )


def _reports_an_event(span: Span) -> bool:
    """A main verb in the past or present perfect that is not somebody speaking or feeling."""
    roots = span_roots(span)
    # coordinated main verbs count too: "are five years old, and were approved"
    roots += [c for r in roots for c in r.children if c.dep_ == "conj" and c.i < span.end]
    for root in roots:
        if root.pos_ != "VERB" or root.lemma_.lower() in OPINION_VERBS:
            continue
        if root.lemma_.lower() in _ANNOUNCING_VERBS and not _acts_on_a_thing(root):
            continue
        if root.tag_ == "VBD" or (
            root.tag_ == "VBN"
            and any(
                c.dep_ in ("aux", "auxpass") and c.lemma_ in ("have", "be") for c in root.children
            )
        ):
            return True
    return False


def _acts_on_a_thing(verb: Token) -> bool:
    """ "Apple announced a delay", "the court denied the FTC's attempt": a speech verb whose
    object is a thing, not a reported clause, is an event of the story."""
    children = list(verb.children)
    return any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in children) and not any(
        c.dep_ in ("ccomp", "xcomp") for c in children
    )


def _is_heading(sent: Span) -> bool:
    """A sub-heading or headline: a paragraph of its own with no closing punctuation."""
    whole = doc_text(sent.doc)
    raw = whole[sent.start_char : sent.end_char]  # sent.text, without a Token per word
    text = raw.strip()
    if not text or text[-1] in ".!?:;" or (text[-1] in "”\"'’" and text[-2:-1] in ".!?,"):
        return False
    end = sent.start_char + len(raw.rstrip())
    start = sent.start_char + len(raw) - len(raw.lstrip())
    return (end >= len(whole.rstrip()) or "\n" in whole[end : end + 2]) and (
        start == 0 or whole[start - 1] == "\n"
    )


def _about_a_person(sent: Span) -> bool:
    """ "Matthew Green … set out both possibilities in a Twitter thread": the reporter telling
    what a named person did, not a claim about the topic."""
    root = sent.root
    return root.lemma_.lower() in _ANNOUNCING_VERBS | _TELLING_VERBS and any(
        c.dep_ in ("nsubj", "nsubjpass")
        and (c.ent_type_ == "PERSON" or c.lemma_.lower() in _COMMENTATORS)
        for c in root.children
    )


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text not in (".", "!")
    ):
        end -= 1
    return doc[start:end] if end > start else None


def _announcer(
    doc: Doc, sent: Span, quotes: Sequence[QuoteRecord]
) -> tuple[EntityRef | None, CharSpan | None]:
    """The speaker of the previous sentence when it announces this one: an attribution verb
    with a named speaker and no reported clause recorded as a quote."""
    if sent.start == 0:
        return None, None
    previous = doc[sent.start - 1].sent
    if previous.start == sent.start:
        return None, None
    if any(previous.start_char <= q["content"]["start"] < previous.end_char for q in quotes):
        return None, None
    root = previous.root
    if root.lemma_.lower() not in _ANNOUNCING_VERBS:
        return None, None
    for ent in previous.ents:
        if ent.label_ == "PERSON" and ent._.entity_id and ent.root.head.i == root.i:
            holder: EntityRef = {"id": ent._.entity_id, "name": ent._.canonical_name}
            return holder, {"text": ent.text, "start": ent.start_char, "end": ent.end_char}
    return None, None


def _tells_who_speaks_or_thinks(sent: Span) -> bool:
    """The reporter's sentence says who spoke, what a named person did, or what a party
    thinks: not a claim of its own."""
    return _is_attribution(sent) or _about_a_person(sent) or reports_an_attitude(sent)


def _is_attribution(sent: Span) -> bool:
    """A sentence whose main verb reports that a person spoke or wrote."""
    root = sent.root
    if root.lemma_.lower() == "attribute":
        return True  # "The following can be attributed to X": a lead-in naming the speaker
    if root.lemma_.lower() not in _ANNOUNCING_VERBS | {"publish"}:
        return False
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and (c.ent_type_ == "PERSON" or c.pos_ == "PRON")
        for c in root.children
    )


def find_claims(
    doc: Doc, quotes: Sequence[QuoteRecord], patterns: Mapping[str, re.Pattern[str]]
) -> list[ClaimRecord]:
    if not patterns:
        return []
    # What somebody is said to believe or plan is not asserted by anyone ("campaigners worry
    # that …" tells who thinks what): belief quotes carry no claims.
    quotes = [q for q in quotes if q.get("kind") != "belief"]
    claims: list[ClaimRecord] = []
    text = doc_text(doc)
    parties = listed_parties(doc)
    for sent in sentence_spans(doc):
        if not topics_of(text[sent.start_char : sent.end_char], patterns):
            if not _names_a_listed_party(sent, parties):
                continue  # cheap test first: most sentences touch no topic
        covering = [
            q
            for q in quotes
            if q["content"]["start"] < sent.end_char and sent.start_char < q["content"]["end"]
        ]
        if _is_heading(sent):
            continue  # a headline or sub-heading
        if covering:
            pieces = []
            for quote in covering:
                start = max(sent.start_char, quote["content"]["start"])
                end = min(sent.end_char, quote["content"]["end"])
                piece = doc.char_span(start, end, alignment_mode="expand")
                if piece is not None:
                    pieces.append((piece, None, quote["speaker_entity"], quote["speaker"]))
            if pieces and all(q["type"] != "direct" for q in covering):
                pieces = _reported_sentence(sent, pieces, patterns, parties)
        elif _tells_who_speaks_or_thinks(sent):
            continue  # "Sam Weinstein … alluded to another reason": who speaks, not a claim
        else:
            pieces = [(sent, None, *_announcer(doc, sent, quotes))]
        for piece, clause, holder, holder_text in pieces:
            # (text slices are the spans' .text, which makes a Token per word each time)
            if text[piece.start_char : piece.end_char].rstrip().rstrip("”\"’'").endswith("?"):
                continue  # a question asserts nothing
            span = _trim(piece)
            if span is None or (clause is None and not _is_assertion(span)):
                continue
            clause = clause or span  # what hedge and polarity are read from
            topics = topics_of(text[span.start_char : span.end_char], patterns)
            if not topics and not _names_a_listed_party(span, parties):
                continue
            claims.append(
                {
                    "text": text[span.start_char : span.end_char],
                    "start": span.start_char,
                    "end": span.end_char,
                    "holder": _holder(holder, holder_text),
                    "hedge": hedge_of(clause),
                    "polarity": polarity_of(clause),
                    "topics": topics,
                }
            )
    return claims


def listed_parties(doc: Doc) -> list[tuple[int, int]]:
    """Character offsets of the Doc's mentions of a company, regulator or product of the
    dataset's knowledge base, in order (read once per Doc: Span.ents walks every entity)."""
    return [
        (ent.start_char, ent.end_char)
        for ent in doc.ents
        if ent.label_ in _PARTY_LABELS
        and ent._.entity_id
        and not ent._.entity_id.startswith("auto:")
    ]


def _names_a_listed_party(span: Span, parties: list[tuple[int, int]]) -> bool:
    """The span names a company, regulator or product of the dataset's knowledge base: "After
    failing to compete, Facebook illegally bought or buried them" is about the story though
    it uses none of the topic words. (People are left out: every quote names its speaker.)"""
    first = bisect.bisect_left(parties, (span.start_char, -1))
    return first < len(parties) and parties[first][1] <= span.end_char


def _on_the_story(
    span: Span, patterns: Mapping[str, re.Pattern[str]], parties: list[tuple[int, int]]
) -> bool:
    return bool(topics_of(span.text, patterns)) or _names_a_listed_party(span, parties)


def _is_clause(piece: Span) -> bool:
    """A reported clause ("that the deal was legal"), not a thing with a clause inside it
    ("a lawsuit that had long been expected"): a finite verb at its root."""
    return has_finite_verb(piece) and piece.root.pos_ in ("VERB", "AUX")


def _reported_sentence(
    sent: Span,
    pieces: list[tuple],
    patterns: Mapping[str, re.Pattern[str]],
    parties: list[tuple[int, int]],
) -> list[tuple]:
    """Reported speech without quote marks ("Meta counters that the FTC approved these deals
    a decade ago"): the claim is the whole sentence, frame included, so that it reads as
    what the speaker asserted rather than as a fragment whose edges depend on where the
    quote finder put the reported clause; one claim per sentence, held by the first
    speaker. Kept only when one of the reported clauses is itself an assertion; its hedge
    and polarity are the clause's ("insists the change does not affect" is negated)."""
    for piece, _, holder, holder_text in pieces:
        clause = _trim(piece)
        if (
            clause is not None
            and _is_assertion(clause)
            and _on_the_story(clause, patterns, parties)
        ):
            return [(sent, clause, holder, holder_text)]
    if any(_is_clause(piece) for piece, *_ in pieces):
        return []
    if _tells_who_speaks_or_thinks(sent):
        return []  # as for a sentence no quote covers
    # What was reported is a thing, not a clause ("The Trade Board announced a delay in its
    # review"): the act of announcing, denying or approving it is the event claimed.
    _, _, holder, holder_text = pieces[0]
    return [(sent, None, holder, holder_text)]


def _holder(entity: EntityRef | None, phrase: CharSpan | None) -> ClaimHolder | None:
    if phrase is None:
        return None
    return {
        "id": entity["id"] if entity else None,
        "name": entity["name"] if entity else phrase["text"],
        "text": phrase["text"],
        "start": phrase["start"],
        "end": phrase["end"],
    }


class ClaimFinder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.patterns: dict[str, re.Pattern[str]] = {}

    def set_topics(self, topics: Mapping[str, Sequence[str]]) -> None:
        self.patterns = topic_patterns(topics)

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = find_claims(doc, doc._.quotes or [], self.patterns)
        return doc


@Language.factory("presswatch_claims", default_config={})
def make_claim_finder(nlp: Language, name: str) -> ClaimFinder:
    return ClaimFinder(nlp, name)
