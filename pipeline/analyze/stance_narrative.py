"""The reporter's sentences for presswatch_stances: who the text says took a side.

A person or organisation (or a pronoun resolved to one) that is the subject of a side-taking
verb — criticised, welcomed, sued to block, defended, approved — or "is sceptical/pleased
about …", takes that side on what the verb governs; a subject that plans the target ("Facebook
is planning to integrate …") is its proponent. Words inside somebody's quotation are that
speaker's, not the reporter's framing. Also the units every stance is summed from (`Unit`) and
the side mentions of each sentence, computed once (`Sides`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .spans import (
    CharSpan,
    EntityRef,
    QuoteRecord,
    char_span,
    doc_text,
    sentence_spans,
    token_forms,
)
from .stance_attitudes import (
    attitude_about,
    attitude_hits,
    holder_of,
    proponent_side,
    proponent_verbs,
)
from .stance_holders import EntityIndex, holder_entity
from .stance_lexicon import (
    ARGUMENT_NOUNS,
    JUDGING_VERBS,
    NAMING_VERBS,
    PROPONENT_VERBS,
    PROPONENT_WEIGHT,
)
from .stance_sides import (
    SideModel,
    conditional,
    hypothetical,
    negated,
    side_candidates,
    side_mentions,
    subject_of,
    valence_score,
)

# Reporting cues that carry no position of their own ("the New York Times reported …").
_NEUTRAL_REPORTING_CUES = {"report", "reported", "reports", "according to", "According to"}
_NEWS_NOUNS = {"newspaper", "paper", "outlet", "broadcaster", "magazine", "agency", "times"}


def reports_news(quote: QuoteRecord) -> bool:
    """ "The New York Times reported …", "…, the newspaper said": an outlet relaying the news."""
    cue = quote["cue"]["text"] if quote["cue"] else ""
    speaker_words = quote["speaker"]["text"].lower().split() if quote["speaker"] else []
    return cue in _NEUTRAL_REPORTING_CUES or bool(
        speaker_words and speaker_words[-1] in _NEWS_NOUNS
    )


@dataclass
class Unit:
    span: CharSpan
    score_pos: float = 0.0
    score_neg: float = 0.0
    on_topic: bool = False


class Sides:
    """Side mentions per sentence, computed once."""

    def __init__(self, doc: Doc, model: SideModel, index: EntityIndex) -> None:
        self.doc, self.model, self.index = doc, model, index
        self.text = doc_text(doc)
        self.sentences = sentence_spans(doc)
        self.position = {s.start: n for n, s in enumerate(self.sentences)}
        self._cache: dict[int, dict[int, int]] = {}
        self._candidates = side_candidates(doc, index)  # (index is not changed after this)

    def of(self, sent: Span) -> dict[int, int]:
        if sent.start not in self._cache:
            self._cache[sent.start] = side_mentions(
                self.doc, self.text, self.model, self.index, sent, self._candidates
            )
        return self._cache[sent.start]

    def before(self, sent: Span) -> dict[int, int]:
        """Side mentions of the nearest of the three sentences before that has any."""
        n = self.position.get(sent.start, 0)
        for earlier in self.sentences[max(0, n - 3) : n][::-1]:
            if mentions := self.of(earlier):
                return mentions
        return {}


_VERDICT_LEMMAS = JUDGING_VERBS | NAMING_VERBS
_EARLIER = {"previously", "originally", "formerly", "once", "initially"}


def _coerced(token: Token) -> bool:
    """ "Meta could be forced to spin off Instagram": the side is the forcer's, not Meta's."""
    return token.dep_ == "xcomp" and any(c.dep_ == "nsubjpass" for c in token.head.children)


def narrative_units(
    doc: Doc, sides: Sides, quotes: Sequence[QuoteRecord], refs: Mapping[str, EntityRef]
) -> dict[str, list[Unit]]:
    """The reporter's characterisations: entity -> units, outside anyone's direct quotes."""
    found: dict[str, list[Unit]] = defaultdict(list)
    # Inside a quote the words are the quoted speaker's, reported: not the reporter's framing.
    quoted = [
        (q["content"]["start"], q["content"]["end"])
        for q in quotes
        if q["speaker_entity"] and not reports_news(q)
    ]  # an outlet's news is narrative
    for sent in sides.sentences:
        hits = attitude_hits(sent) + [(t, PROPONENT_WEIGHT) for t in proponent_verbs(sent)]
        if not hits:
            continue
        mentions = sides.of(sent)
        hit_tokens = {token for token, _ in hits if token.lemma_.lower() not in PROPONENT_VERBS}
        attitudes = {token.i: weight for token, weight in hits if token in hit_tokens}
        for token, weight in hits:
            if (
                any(a <= token.idx < b for a, b in quoted)
                or hypothetical(token)
                or conditional(token)
                or _coerced(token)
            ):
                continue
            holder = holder_of(token)
            entity_id = holder_entity(holder, sides.index) if holder is not None else None
            if entity_id is None or entity_id not in refs:
                continue
            if token.lemma_.lower() in PROPONENT_VERBS and token.pos_ == "VERB":
                side = proponent_side(token, mentions, set(attitudes))
                if side is None or negated(doc, token.i, token):
                    continue
                about: tuple[int, float] | None = (side, 1.0)
            else:
                about = attitude_about(token, holder, mentions, sides.before(sent), attitudes)
            if about is None:
                continue
            signed = weight * about[0] * about[1] * (-1 if negated(doc, token.i, token) else 1)
            for child in token.children:  # "had previously approved", "years ago": earlier views
                if (child.lower_ == "had" and child.dep_ == "aux") or child.lower_ in _EARLIER:
                    signed /= 2
                elif any(t.lower_ == "ago" for t in child.subtree) and child.dep_ in (
                    "npadvmod",
                    "advmod",
                    "prep",
                ):
                    signed /= 2
            if _reported_by_another(token, entity_id, sides.index):
                signed /= 2
            end = sent.start_char + len(sides.text[sent.start_char : sent.end_char].rstrip())
            found[entity_id].append(
                Unit(
                    char_span(sides.text, sent.start_char, end),
                    max(signed, 0.0),
                    max(-signed, 0.0),
                    True,
                )
            )
    return found


def _reported_by_another(token: Token, entity_id: str, index: EntityIndex) -> bool:
    """ "Meta counters that the FTC approved these deals": the FTC's act as somebody else tells
    it (a reported clause whose teller is not the holder) weighs half."""
    clause = token
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp":
        return False
    teller = subject_of(clause.head)
    return teller is None or holder_entity(teller, index) != entity_id


def _argument_owner(verb: Token) -> Token | None:
    """ "The Justice Department's case is that …", "Newstead's primary defense is that …": the
    possessor of an argument noun that is the subject of "be" with a clause holds the clause."""
    if verb.lemma_ != "be":
        return None
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        if subject.lemma_.lower() in ARGUMENT_NOUNS:
            owners = [c for c in subject.children if c.dep_ == "poss"]
            return owners[0] if owners else None
    return None


def verdict_units(
    doc: Doc,
    sides: Sides,
    quotes: Sequence[QuoteRecord],
    refs: Mapping[str, EntityRef],
    representing: Container[str] = (),
) -> dict[str, list[Unit]]:
    """ "Judge Mehta, who ruled that Google violated the Sherman Act": the subject of a verb of
    judging or arguing holds what its clause says — read here where the quote finder gave the
    clause to nobody (a relative or side clause). Only words the parse ties to a side count."""
    found: dict[str, list[Unit]] = defaultdict(list)
    covered = [(q["content"]["start"], q["content"]["end"]) for q in quotes if q["speaker_entity"]]
    forms = token_forms(doc)
    for sent in sides.sentences:
        for i in range(sent.start, sent.end):
            lemma = forms[i][0]
            if lemma != "be" and lemma not in _VERDICT_LEMMAS:
                continue  # neither an argument's "be" nor a verb of judging or naming
            verb = doc[i]
            holder = _argument_owner(verb)
            if holder is None and (
                verb.pos_ != "VERB" or lemma not in JUDGING_VERBS | NAMING_VERBS
            ):
                continue
            clauses = [  # the small model often parses "ruled that …" as a side clause
                c
                for c in verb.children
                if c.dep_ == "ccomp"
                or (c.dep_ == "advcl" and any(m.lower_ == "that" for m in c.children))
            ]
            if not clauses and (lemma in NAMING_VERBS or lemma == "claim"):
                # "Facebook used that fact to call the lawsuits 'revisionist history'",
                # "Apple claimed a 'huge win'": what the verb names is said by its subject
                named = [c for c in verb.children if c.dep_ in ("dobj", "oprd", "attr", "xcomp")]
                clauses = [verb] if any(c.dep_ == "dobj" for c in named) else []
            if not clauses or hypothetical(verb) or conditional(verb):
                continue
            if clauses[0].i == verb.i:  # the verb and what it names, not its side clauses
                clause = doc[verb.i : max(c.right_edge.i for c in named) + 1]
            else:
                clause = doc[clauses[0].left_edge.i : clauses[0].right_edge.i + 1]
            if any(a < clause.end_char and clause.start_char < b for a, b in covered):
                continue
            holder = holder or subject_of(verb)
            entity_id = holder_entity(holder, sides.index) if holder is not None else None
            if entity_id is None or entity_id not in refs:
                continue
            own_voice = entity_id in sides.model.actors or entity_id in representing
            pos, neg = valence_score(
                clause, sides.of(sent), sides.before(sent), loose=False, actor_voice=own_voice
            )
            if pos or neg:
                end = sent.start_char + len(sides.text[sent.start_char : sent.end_char].rstrip())
                found[entity_id].append(
                    Unit(char_span(sides.text, sent.start_char, end), pos, neg, True)
                )
    return found
