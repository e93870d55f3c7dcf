"""presswatch_stances: where each speaker stands on the dataset's target, on Doc._.stances.

Lexicon and rules, no classifier (no stance model can be installed offline here):
1. Evidence units per speaker entity: each sentence piece of their quotes (weight 1 per
   lexicon hit, stance_lexicon.py), the narrative sentences where the reporter characterises
   them — the person (or a pronoun resolved to them) is the subject of "support", "criticise",
   "warn" …, has "his support of …", or is "optimistic", "sceptical" … — and sentences where
   they are the subject of "plan/intend/work …" next to a target word (the proponent).
2. A lexicon hit after a negator within three words flips and halves ("not a good way").
3. pos/neg sums → support (pos share ≥ 0.65), oppose (≤ 0.35), mixed (between); no hits →
   neutral when the speaker talks about the target or a topic, else unclear; a document that
   never names the target → unclear for everyone.
Confidence grows with the amount of evidence and how one-sided it is. Evidence: the units that
scored, else the speaker's quotes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .claims import topic_patterns, topics_of
from .lexicon import PRONOUN_LABELS
from .spans import (
    CharSpan,
    EntityRef,
    QuoteRecord,
    char_span,
    doc_text,
    sentence_spans,
    token_indices,
)
from .stance_lexicon import (
    NEGATIVE_PHRASES,
    POSITIVE_PHRASES,
    PROPONENT_VERBS,
    PROPONENT_WEIGHT,
    STANCE_ADJECTIVES,
    STANCE_VERBS,
    TARGET_WORDS,
    UNDECIDED_PHRASES,
)


class StanceRecord(TypedDict):
    speaker_entity: EntityRef
    target: str
    stance: str
    confidence: float
    evidence: list[CharSpan]


STANCES = ("support", "oppose", "mixed", "neutral", "unclear")
_SUPPORT_SHARE = 0.65
_OPPOSE_SHARE = 0.35
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Reporting cues that carry no position of their own ("the New York Times reported …").
_NEUTRAL_REPORTING_CUES = {"report", "reported", "reports", "according to", "According to"}
_NEWS_NOUNS = {"newspaper", "paper", "outlet", "broadcaster", "magazine", "agency", "times"}


def _reports_news(quote: QuoteRecord) -> bool:
    """"The New York Times reported …", "…, the newspaper said": an outlet relaying the news."""
    cue = quote["cue"]["text"] if quote["cue"] else ""
    speaker_words = quote["speaker"]["text"].lower().split() if quote["speaker"] else []
    return cue in _NEUTRAL_REPORTING_CUES or bool(speaker_words and speaker_words[-1] in _NEWS_NOUNS)


@dataclass
class _Unit:
    span: CharSpan
    score_pos: float = 0.0
    score_neg: float = 0.0
    on_topic: bool = False


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_POSITIVE = _phrase_pattern(POSITIVE_PHRASES)
_NEGATIVE = _phrase_pattern(NEGATIVE_PHRASES)
_UNDECIDED = _phrase_pattern(UNDECIDED_PHRASES)
_NEGATOR = re.compile(r"(?<!\w)(?:not|never|no|nothing|nobody)(?!\w)|n[’']t(?!\w)", re.IGNORECASE)


_CONDITION = re.compile(r"(?<!\w)(?:if|unless|whether)(?!\w)[^,.;:!?—]*", re.IGNORECASE)


def lexicon_score(text: str) -> tuple[float, float]:
    """(positive, negative) weight of the phrases in text; a negator in the three words before a
    phrase moves half its weight to the other side. Words in a condition ("If Facebook is
    worried about that, …") state no view and are skipped."""
    pos = neg = 0.0
    for match in _UNDECIDED.finditer(text):
        # "too soon to say", "whether it is good or bad": explicitly undecided (conditions
        # included), weight on both sides.
        weight = UNDECIDED_PHRASES[match.group(0).lower()]
        pos, neg = pos + weight, neg + weight
    text = _CONDITION.sub(" ", _UNDECIDED.sub(" ", text))
    for pattern, weights, positive in ((_POSITIVE, POSITIVE_PHRASES, True),
                                       (_NEGATIVE, NEGATIVE_PHRASES, False)):
        for match in pattern.finditer(text):
            weight = weights.get(match.group(0).lower(), 0.5)
            before = text[max(0, match.start() - 25) : match.start()]
            negated = bool(_NEGATOR.search(" ".join(before.split()[-3:])))
            if negated and match.group(0).lower() not in ("wouldn’t bet", "wouldn't bet"):
                positive_now, weight = not positive, weight / 2
            else:
                positive_now = positive
            if positive_now:
                pos += weight
            else:
                neg += weight
    return pos, neg


EntityIndex = dict[int, str]  # token index -> entity id of the mention or pronoun there


def entity_index(doc: Doc) -> EntityIndex:
    index: EntityIndex = {}
    for ent in doc.ents:
        if ent._.entity_id:
            for i in range(ent.start, ent.end):
                index[i] = ent._.entity_id
    for token in (doc[i] for i in token_indices(doc, "LOWER", PRONOUN_LABELS)):
        if token._.antecedent:  # only subject pronouns get one
            index[token.i] = token._.antecedent["id"]
    return index


def _refers_to(token: Token, entity_id: str, index: EntityIndex) -> bool:
    return index.get(token.i) == entity_id


def _possessor_is(token: Token, entity_id: str, index: EntityIndex) -> bool:
    """"Stamos … tweeted his support": "his" is the subject of the verb it hangs under."""
    if _refers_to(token, entity_id, index):
        return True
    if token.lower_ not in ("his", "her", "their", "its"):
        return False
    verb = token.head.head
    return any(_refers_to(s, entity_id, index) for s in verb.children
               if s.dep_ in _SUBJECT_DEPS)


_STANCE_LEMMAS = frozenset(STANCE_VERBS) | frozenset(STANCE_ADJECTIVES) | PROPONENT_VERBS


def characterisation_score(sent: Span, entity_id: str, target: re.Pattern[str],
                           index: EntityIndex) -> float:
    """Signed weight of the reporter's characterisation of the entity in this sentence."""
    score = 0.0
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma not in _STANCE_LEMMAS:
            continue
        subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        if token.dep_ in ("conj", "advcl", "xcomp") and not subjects:
            subjects = [c for c in token.head.children if c.dep_ in _SUBJECT_DEPS]
        about_them = any(_refers_to(s, entity_id, index) for s in subjects)
        negated = any(c.dep_ == "neg" for c in token.children)
        if token.pos_ == "VERB" and lemma in STANCE_VERBS and about_them:
            score += -STANCE_VERBS[lemma] if negated else STANCE_VERBS[lemma]
        elif token.pos_ == "NOUN" and lemma in STANCE_VERBS and any(
                c.dep_ == "poss" and _possessor_is(c, entity_id, index) for c in token.children):
            score += STANCE_VERBS[lemma]  # "his support of the initiative"
        elif token.pos_ == "ADJ" and lemma in STANCE_ADJECTIVES and token.dep_ == "acomp" and any(
                _refers_to(s, entity_id, index) for s in token.head.children
                if s.dep_ in _SUBJECT_DEPS):
            score += STANCE_ADJECTIVES[lemma]
        elif (token.pos_ == "VERB" and lemma in PROPONENT_VERBS and about_them and not negated
              and target.search(sent.text)):
            score += PROPONENT_WEIGHT
    return score


def _target_pattern(label: str, aliases: Sequence[str]) -> re.Pattern[str]:
    phrases = {*TARGET_WORDS, *(a for a in aliases if a)}
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def decide(pos: float, neg: float, talks_about_target: bool) -> tuple[str, float]:
    total = pos + neg
    if total == 0:
        return ("neutral", 0.5) if talks_about_target else ("unclear", 0.3)
    share = pos / total
    amount = min(0.3, 0.06 * total)
    if share >= _SUPPORT_SHARE or share <= _OPPOSE_SHARE:
        one_sided = abs(2 * share - 1)
        stance = "support" if share >= _SUPPORT_SHARE else "oppose"
        return stance, round(min(0.95, 0.35 + amount + 0.3 * one_sided), 2)
    return "mixed", round(min(0.9, 0.4 + amount), 2)


def _sentence_pieces(text: str, sentences: list[Span], quote: QuoteRecord) -> list[CharSpan]:
    start, end = quote["content"]["start"], quote["content"]["end"]
    pieces = []
    for sent in sentences:
        if sent.end_char <= start or sent.start_char >= end:
            continue
        a, b = max(start, sent.start_char), min(end, sent.end_char)
        pieces.append(char_span(text, a, b))
    content = quote["content"]
    return pieces or [char_span(text, content["start"], content["end"])]


def find_stances(doc: Doc, quotes: Sequence[QuoteRecord], target_id: str,
                 target: re.Pattern[str], topics: Mapping[str, re.Pattern[str]]) -> list[StanceRecord]:
    if not target_id:
        return []
    text = doc_text(doc)
    # Generic target words ("plan", "move") need a knowledge-base name beside them, or the
    # council budget "plan" would count as the target.
    document_on_target = bool(target.search(text)) and any(
        ent._.entity_id and not str(ent._.entity_id).startswith("auto:") for ent in doc.ents)
    sentences = sentence_spans(doc)
    speakers: dict[str, EntityRef] = {}
    units: dict[str, list[_Unit]] = defaultdict(list)
    cues: dict[str, set[str]] = defaultdict(set)
    for quote in quotes:
        entity = quote["speaker_entity"]
        if entity is None:
            continue
        speakers.setdefault(entity["id"], entity)
        cues[entity["id"]].add("report" if _reports_news(quote) else "speech")
        for piece in _sentence_pieces(text, sentences, quote):
            pos, neg = lexicon_score(piece["text"])
            on_topic = bool(target.search(piece["text"]) or topics_of(piece["text"], topics))
            units[entity["id"]].append(_Unit(piece, pos, neg, on_topic))
    # The reporter's sentences that could characterise somebody: a stance word, outside anyone's
    # own quoted words.
    narrative = [
        sent for sent in sentences
        if any(t.lemma_.lower() in _STANCE_LEMMAS for t in sent)
        and not any(q["type"] != "indirect" and q["content"]["start"] < sent.end_char
                    and sent.start_char < q["content"]["end"] for q in quotes)
    ]
    index = entity_index(doc) if narrative else {}
    for entity_id in list(speakers):
        if cues[entity_id] == {"report"}:
            del speakers[entity_id]  # a news outlet reporting the plan takes no position
            continue
        for sent in narrative:
            score = characterisation_score(sent, entity_id, target, index)
            if score:
                end = sent.start_char + len(text[sent.start_char : sent.end_char].rstrip())
                span = char_span(text, sent.start_char, end)
                units[entity_id].append(_Unit(span, max(score, 0.0), max(-score, 0.0), True))
    records: list[StanceRecord] = []
    for entity_id, entity in speakers.items():
        own = sorted(units[entity_id], key=lambda u: u.span["start"])
        pos = sum(u.score_pos for u in own)
        neg = sum(u.score_neg for u in own)
        if not document_on_target:
            stance, confidence = "unclear", 0.2
        else:
            stance, confidence = decide(pos, neg, any(u.on_topic for u in own))
        scored = [u.span for u in own if u.score_pos or u.score_neg]
        evidence = _unique(scored or [u.span for u in own][:3])
        records.append({"speaker_entity": dict(entity), "target": target_id,  # type: ignore[typeddict-item]
                        "stance": stance, "confidence": confidence, "evidence": evidence})
    return sorted(records, key=lambda r: r["speaker_entity"]["id"])


def _unique(spans: list[CharSpan]) -> list[CharSpan]:
    seen, kept = set(), []
    for span in spans:
        if (span["start"], span["end"]) not in seen:
            seen.add((span["start"], span["end"]))
            kept.append(span)
    return kept


class StanceFinder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.target_id = ""
        self.target = _target_pattern("", [])
        self.topics: dict[str, re.Pattern[str]] = {}

    def set_stance_target(self, stance_target: Mapping[str, Any] | None) -> None:
        stance_target = stance_target or {}
        self.target_id = str(stance_target.get("id") or "")
        self.target = _target_pattern(str(stance_target.get("label") or ""),
                                      [str(a) for a in stance_target.get("aliases") or []])

    def set_topics(self, topics: Mapping[str, Sequence[str]]) -> None:
        self.topics = topic_patterns(topics)

    def __call__(self, doc: Doc) -> Doc:
        doc._.stances = find_stances(doc, doc._.quotes or [], self.target_id, self.target,
                                     self.topics)
        return doc


@Language.factory("presswatch_stances", default_config={})
def make_stance_finder(nlp: Language, name: str) -> StanceFinder:
    return StanceFinder(nlp, name)
