"""presswatch_stances: where each speaker stands on the dataset's target, on Doc._.stances.

Rules over the parse, no classifier (no stance model can be installed offline here). Stance is
read from arguments, not from the tone of words (stance_lexicon.py, stance_sides.py):
1. Quoted words (each sentence piece of a speaker's quotes): harms said of the target or its
   actors (crush rivals, illegal, privacy risks, misleading) count against it, benefits and
   defences (better products, not unlawful) for it; said of a step against the target (the
   lawsuit, the regulator's ruling) they count the other way. A verb taking sides with the
   speaker as subject ("we disagree with the decision", "we seek to stop Microsoft") counts
   by what it is directed at.
2. The reporter's sentences: a person or organisation (or a pronoun resolved to one) that is
   the subject of a side-taking verb — criticised, welcomed, sued to block, defended, approved —
   or "is sceptical/pleased about …", takes that side on what the verb governs; a subject that
   plans the target ("Facebook is planning to integrate …") is its proponent. Such people are
   speakers too, quoted or not.
3. Each piece of evidence is tied to the target through the parse (subject, possessor, object),
   else through the nearest target or counter mention in the sentence or the one before, at
   half weight; evidence tied to nothing counts for nothing.
4. for/against sums → support (for share ≥ 0.65), oppose (≤ 0.35), mixed (between, and both
   sides present); less than MIN_EVIDENCE → neutral when the speaker talks about the target or
   a topic, else unclear; a document that never names the target → unclear for everyone.
5. The target's own party (its actors: the company on its deal, the legislature on its law)
   and the people who speak for it start with a small lean toward support, below one clear
   argument, so their own words decide whenever they say anything that scores.
Confidence grows with the amount of evidence and how one-sided it is (thin evidence stays
below 0.6). Evidence: the units that scored, else the speaker's quotes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Mapping, Sequence
from typing import Any, TypedDict

from spacy.language import Language
from spacy.tokens import Doc, Span

from .claim_topics import topic_patterns, topics_of
from .knowledge_base import KnowledgeBase
from .object_reports import OBJECT_REPORT_LEMMAS
from .spans import (
    CharSpan,
    EntityRef,
    QuoteRecord,
    char_span,
    doc_text,
)
from .speakers import named_speaker
from .stance_attitudes import (
    attitude_about,
    attitude_hits,
    holder_of,
    proponent_side,
    proponent_verbs,
)
from .stance_holders import (
    REPRESENTATIVE_WEIGHT,
    EntityIndex,
    cue_speaker,
    entity_index,
    representatives,
)
from .stance_lexicon import PROPONENT_VERBS, PROPONENT_WEIGHT
from .stance_narrative import Sides, Unit, narrative_units, reports_news, verdict_units
from .stance_sides import (
    SideModel,
    hypothetical,
    negated,
    side_model,
    valence_score,
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
MIN_EVIDENCE = 0.75
_FIRST_PERSON = {"i", "we", "our", "us", "my", "me"}
_THIRD_PERSON = {"it", "they", "he", "she"}


def decide(pos: float, neg: float, talks_about_target: bool) -> tuple[str, float]:
    total = pos + neg
    if total < MIN_EVIDENCE:
        return ("neutral", 0.5) if talks_about_target else ("unclear", 0.3)
    share = pos / total
    amount = min(0.3, 0.06 * total)
    if share >= _SUPPORT_SHARE or share <= _OPPOSE_SHARE:
        one_sided = abs(2 * share - 1)
        stance = "support" if share >= _SUPPORT_SHARE else "oppose"
        return stance, round(min(0.95, 0.35 + amount + 0.3 * one_sided), 2)
    return "mixed", round(min(0.9, 0.4 + amount), 2)


def _quote_units(
    doc: Doc,
    quote: QuoteRecord,
    sides: Sides,
    topics: Mapping[str, Any],
    representing: Container[str] = (),
) -> list[Unit]:
    """representing: people who speak for one of the target's actors (stance_holders)."""
    text, entity = sides.text, quote["speaker_entity"]
    start, end = quote["content"]["start"], quote["content"]["end"]
    own_side = (
        1
        if entity and (entity["id"] in sides.model.actors or entity["id"] in representing)
        else (-1 if entity and entity["id"] in sides.model.counter_entities else 0)
    )
    units = []
    for sent in sides.sentences:
        if sent.end_char <= start or sent.start_char >= end:
            continue
        piece = doc.char_span(
            max(start, sent.start_char), min(end, sent.end_char), alignment_mode="expand"
        )
        if piece is None or not len(piece):
            continue
        mentions = dict(sides.of(sent))
        if own_side:  # "we", "our" in an actor's (or a regulator's) own words
            mentions.update({t.i: own_side for t in piece if t.lower_ in _FIRST_PERSON})
        if piece.text.rstrip().endswith("?"):
            units.append(Unit(char_span(text, piece.start_char, piece.end_char)))
            continue  # a question asserts no view
        # A speaker on a known side is not taken to argue against it through a loose tie.
        pos, neg = valence_score(
            piece, mentions, sides.before(sent), loose=not own_side, actor_voice=own_side > 0
        )
        hits = attitude_hits(piece)
        attitudes = {token.i: weight for token, weight in hits}
        hits += [(t, PROPONENT_WEIGHT) for t in proponent_verbs(piece)]
        for token, weight in hits:
            holder = holder_of(token)
            if (
                holder is None
                or hypothetical(token)
                or not (
                    any(t.lower_ in _FIRST_PERSON for t in holder.subtree)
                    or sides.index.get(named_speaker(holder).i) == (entity or {}).get("id")
                    # "Apple said it would appeal": in reported speech "it" is the speaker
                    or (
                        quote["type"] == "indirect"
                        and holder.lower_ in _THIRD_PERSON
                        and holder.i not in sides.index
                    )
                )
            ):
                continue  # somebody else's attitude, reported by the speaker
            if token.lemma_.lower() in PROPONENT_VERBS and token.i not in attitudes:
                side = proponent_side(token, mentions, set(attitudes))
                about = (side, 1.0) if side is not None else None
            else:
                about = attitude_about(token, holder, mentions, sides.before(sent), attitudes)
            if about is not None:
                signed = weight * about[0] * about[1] * (-1 if negated(doc, token.i, token) else 1)
                if own_side > 0 and weight > 0 and about[0] < 0:
                    signed = abs(signed)  # "we are pleased with the ruling": it went their way
                if token.tag_ == "VBD" or (token.dep_ == "nsubj" and token.head.tag_ == "VBD"):
                    signed /= 2  # "My fear was …": the speaker's earlier view
                pos, neg = (pos + signed, neg) if signed > 0 else (pos, neg - signed)
        span = char_span(text, piece.start_char, piece.end_char)
        on_topic = bool(mentions or topics_of(span["text"], topics))
        units.append(Unit(span, pos, neg, on_topic))
    if not units:
        content = quote["content"]
        units.append(Unit(char_span(text, content["start"], content["end"])))
    return units


def _entity_refs(linked: Sequence[tuple[Span, str]]) -> dict[str, EntityRef]:
    """linked: (entity, its id) of the Doc's entities that have one (_linked_entities)."""
    refs: dict[str, EntityRef] = {}
    for ent, entity_id in linked:
        if ent.label_ in ("PERSON", "ORG", "NORP", "GPE") and entity_id not in refs:
            refs[entity_id] = {"id": entity_id, "name": ent._.canonical_name or ent.text}
    return refs


def _linked_entities(doc: Doc) -> list[tuple[Span, str]]:
    """(entity, its id) of the entities with an id, read once: doc.ents builds every Span
    anew and each `ent._` read builds an accessor, and find_stances needs them three times."""
    return [(ent, entity_id) for ent in doc.ents if (entity_id := ent._.entity_id)]


def _reports_an_act(doc: Doc, quote: QuoteRecord) -> bool:
    """ "Smith criticized the regulator that blocked the deal": the content is what Smith
    criticised, not his words; the reporter's verb carries his stance (narrative units)."""
    cue = quote["cue"]
    if cue is None or quote["type"] != "indirect":
        return False
    span = doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
    return span is not None and any(
        t.lemma_.lower() in OBJECT_REPORT_LEMMAS and not any(c.dep_ == "ccomp" for c in t.children)
        for t in span
    )  # "announced that it would not withhold …" is what was said


def find_stances(
    doc: Doc,
    quotes: Sequence[QuoteRecord],
    target_id: str,
    model: SideModel,
    topics: Mapping[str, Any],
) -> list[StanceRecord]:
    if not target_id:
        return []
    text = doc_text(doc)
    linked = _linked_entities(doc)
    index = entity_index(doc, linked)
    # Generic target words ("plan", "move") need a knowledge-base name beside them, or the
    # council budget "plan" would count as the target.
    document_on_target = bool(
        model.target.search(text) or model.actors & set(index.values())
    ) and any(not str(entity_id).startswith("auto:") for _ent, entity_id in linked)
    sides = Sides(doc, model, index)
    refs = _entity_refs(linked)
    quotes = _with_cue_speakers(
        doc, [q for q in quotes if not _reports_an_act(doc, q)], index, refs
    )
    speaking_for = representatives(doc._.person_roles or [], model.actors, model.counter_entities)
    # the target's own party speaks for it too: a company on its own deal or practice, a
    # legislature on its own law — the same small prior its spokespeople get
    speaking_for.update({actor: 1 for actor in model.actors if actor not in speaking_for})
    speaking_for_actor = {key for key, side in speaking_for.items() if side > 0}
    speakers: dict[str, EntityRef] = {}
    units: dict[str, list[Unit]] = defaultdict(list)
    cues: dict[str, set[str]] = defaultdict(set)
    for quote in quotes:
        entity = quote["speaker_entity"]
        if entity is None:
            continue
        speakers.setdefault(entity["id"], entity)
        cues[entity["id"]].add("report" if reports_news(quote) else "speech")
        units[entity["id"]] += _quote_units(doc, quote, sides, topics, speaking_for_actor)
    for found in (
        narrative_units(doc, sides, quotes, refs),
        verdict_units(doc, sides, quotes, refs, speaking_for_actor),
    ):
        for entity_id, narrated in found.items():
            speakers.setdefault(entity_id, refs[entity_id])
            units[entity_id] += narrated
    records: list[StanceRecord] = []
    for entity_id, entity in speakers.items():
        if cues[entity_id] == {"report"}:
            continue  # a news outlet reporting the plan takes no position
        own = sorted(units[entity_id], key=lambda u: u.span["start"])
        pos = sum(u.score_pos for u in own)
        neg = sum(u.score_neg for u in own)
        on_topic = any(u.on_topic for u in own)
        if not document_on_target:
            stance, confidence = "unclear", 0.2
        elif entity_id in speaking_for and on_topic:
            # the company itself, its own executive, lawyer or spokesperson on its deal (or
            # the other side's lawyer): a prior toward that side that any argument of theirs
            # outweighs; on the prior alone, low confidence
            lean = REPRESENTATIVE_WEIGHT * speaking_for[entity_id]
            stance, confidence = decide(pos + max(lean, 0), neg + max(-lean, 0), on_topic)
            if pos + neg < MIN_EVIDENCE:
                confidence = min(confidence, 0.55)
        else:
            stance, confidence = decide(pos, neg, on_topic)
        scored = [u.span for u in own if u.score_pos or u.score_neg]
        evidence = _unique(scored or [u.span for u in own][:3])
        records.append(
            {
                "speaker_entity": dict(entity),
                "target": target_id,  # type: ignore[typeddict-item]
                "stance": stance,
                "confidence": confidence,
                "evidence": evidence,
            }
        )
    return sorted(records, key=lambda r: r["speaker_entity"]["id"])


def _with_cue_speakers(
    doc: Doc, quotes: Sequence[QuoteRecord], index: EntityIndex, refs: Mapping[str, EntityRef]
) -> list[QuoteRecord]:
    """The quotes, those without a resolved speaker given the subject of their cue verb when it
    names an entity ("Andrew Ferguson, who called …", "a Spotify executive saying …"): for the
    stance only, the quote records themselves are left as the quote finder made them."""
    resolved: list[QuoteRecord] = []
    for quote in quotes:
        entity_id = cue_speaker(doc, quote, index)
        if entity_id in refs:
            speaker = dict(refs[entity_id])
            quote = {**quote, "speaker_entity": speaker}  # type: ignore[typeddict-item]
        resolved.append(quote)
    return resolved


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
        self.kinds: dict[str, str] = {}
        self.stance_target: Mapping[str, Any] = {}
        self.model = side_model({}, {})
        self.topics: dict[str, Any] = {}

    def set_knowledge_base(self, kb: KnowledgeBase) -> None:
        self.kinds = {entity.id: entity.kind for entity in kb.entities.values()}
        self.model = side_model(self.stance_target, self.kinds)

    def set_stance_target(self, stance_target: Mapping[str, Any] | None) -> None:
        self.stance_target = stance_target or {}
        self.target_id = str(self.stance_target.get("id") or "")
        self.model = side_model(self.stance_target, self.kinds)

    def set_topics(self, topics: Mapping[str, Sequence[str]]) -> None:
        self.topics = topic_patterns(topics)

    def __call__(self, doc: Doc) -> Doc:
        doc._.stances = find_stances(
            doc, doc._.quotes or [], self.target_id, self.model, self.topics
        )
        return doc


@Language.factory("presswatch_stances", default_config={})
def make_stance_finder(nlp: Language, name: str) -> StanceFinder:
    return StanceFinder(nlp, name)
