"""Who says what, read off the dependency parse: speech verbs, their speakers and the clauses
they report. Used by presswatch_quotes."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .according_to import according_to_content
from .clause_extents import clause_bounds, joined_clause_bounds
from .descriptions import described_person
from .lexicon import (
    DIRECTIVE_VERBS,
    ORGANIZATION_VOICE_NOUNS,
    PERSON_NOUNS,
    PRONOUN_LABELS,
    SPEECH_VERBS,
    WEAK_SPEECH_VERBS,
)
from .misparsed_reports import (
    SUBJECT_DEPS,
    contracted_perfect,
    finite_reading,
    modifier_subject,
    stolen_subject,
    trails_its_clause,
)
from .spans import CharSpan, EntityRef, char_span, token_indices, tokens_record
from .speakers import entity_of, is_plausible_speaker, named_speaker, relative_antecedent
from .speech_acts import issuer_of_statement
from .stray_subjects import displaced_clause, with_stray_subject
from .token_trim import trim_tokens

# A verb with no subject of its own borrows one from the verb it hangs off: "…, stating that"
# (advcl), "and added that" (conj), "promised to" (xcomp).
_INHERITS_SUBJECT = ("conj", "advcl", "xcomp")
_SPEAKER_MODIFIER_DEPS = {"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "case"}
# Labels a speaker_entity may have: people and organisations speak; "Canadian" in "Canadian
# chiefs" does not.
_ENTITY_SPEAKER_LABELS = {"PERSON", "ORG", "GPE"}


@dataclass(frozen=True)
class Vocabulary:
    speech_verbs: frozenset[str]
    weak_speech_verbs: frozenset[str]
    directive_verbs: frozenset[str] = DIRECTIVE_VERBS


@dataclass
class SpeechEvent:
    """A speech verb (or "according to") with its speaker and, if any, the reported clause."""

    cue: CharSpan
    cue_token: Token
    speaker: Token | None  # head token of the speaker phrase
    content: tuple[int, int] | None = None  # character offsets of the reported clause
    quoted: bool = field(default=False)  # the cue verb is inside a quotation


def is_speech_verb(token: Token, vocab: Vocabulary) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" and not (token.pos_ == "AUX" and lemma == "say"):
        return False
    if lemma == "point":  # only "point out"
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    return lemma in vocab.speech_verbs or lemma in vocab.weak_speech_verbs


def cue_record(verb: Token) -> CharSpan:
    particles = [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
    last = particles[0].i if particles else verb.i
    return tokens_record(verb.doc, verb.i, last)


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        # On a garbled parse a verb can get two subjects; the one nearest to it is the speaker
        # ("Read next: Tyre Nichols’ death undermines …, Canadian chiefs say").
        subject = min(subjects, key=lambda c: abs(c.i - verb.i))
        return _apposed_speaker(verb, subject) or subject
    stray = modifier_subject(verb) or stolen_subject(verb)
    if stray is not None:
        return stray
    if depth < 3 and verb.dep_ in _INHERITS_SUBJECT and verb.head.i != verb.i:
        if verb.dep_ == "xcomp" and depth == 0:  # 'asked voters to reject it': voters reject
            addressee = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
            if addressee:
                return addressee[0]
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        # "reports surfaced, saying …" is advcl; "a report saying …" is acl; "X issued a
        # statement saying …" is X's (speech_acts.py)
        return issuer_of_statement(verb.head) or verb.head
    clausal = next((c for c in verb.children if c.dep_ == "csubj" and c.i < verb.i), None)
    if clausal is not None and clausal.tag_ == "VBG":
        # "voters going to the polls on Tuesday said": the small model makes the participle
        # the clausal subject and the voters its subject
        return next((c for c in clausal.children if c.dep_ == "nsubj"), None)
    if verb.dep_ == "dep" and verb.head.tag_ == "VBG" and verb.head.i < verb.i:
        # the same misreading the other way round: the participle the root, "say" a "dep"
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return None


def _apposed_speaker(verb: Token, subject: Token) -> Token | None:
    """ "Clinton, a top aide said, “is very confident”" / "To see it, Chief Justice Roberts
    said, one should visit": a parenthetical cue whose speaker the small model hangs on the
    noun before it as an apposition. The apposition running up to the verb with no comma of
    its own is the speaker; the noun before it belongs to what was said."""
    if verb.dep_ != "parataxis" or subject.i > verb.i:
        return None
    for child in subject.children:
        if child.dep_ == "appos" and child.right_edge.i == verb.i - 1 and child.left_edge.i > 0:
            if verb.doc[child.left_edge.i - 1].text == ",":
                return child
    return None


def speaker_bounds(head: Token) -> tuple[int, int]:
    """Token range (inclusive) of the speaker phrase: its entity, or the head with the
    modifiers right in front of it ("a spokesperson", "Four people"), never a relative clause."""
    ent = entity_of(head)
    if ent is not None:
        return ent.start, ent.end - 1
    start = head.i
    for child in sorted(head.lefts, key=lambda t: t.i, reverse=True):
        if child.dep_ not in _SPEAKER_MODIFIER_DEPS or child.right_edge.i != start - 1:
            break
        start = max(child.left_edge.i, head.sent.start)
    return start, head.i


def speaker_record(head: Token) -> CharSpan:
    first, last = speaker_bounds(head)
    return tokens_record(head.doc, first, last)


def inverted_subject(verb: Token, stop: int) -> Token | None:
    """Speaker after its verb, as in "…,” said Jane Doe." or "…,” wrote Zuckerberg."."""
    for token in verb.doc[verb.i + 1 : min(stop, verb.i + 4)]:
        if token.ent_type_ in ("PERSON", "ORG") or token.lower_ in PRONOUN_LABELS:
            return token
        if token.lemma_.lower() in PERSON_NOUNS or token.lemma_.lower() in ORGANIZATION_VOICE_NOUNS:
            return token
    return None


def passive_agent(verb: Token) -> Token | None:
    """The object of the passive's "by" phrase: "as reported by the Ledger", "is seen by party
    leaders as …"."""
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return pobj
    return None


def _with_addressee(
    verb: Token, infinitive: Token, bounds: tuple[int, int] | None
) -> tuple[int, int] | None:
    """'urged the technology industry to do more': who is urged is part of what was said (the
    infinitive's subject), so the content starts at the object before the infinitive."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < infinitive.i]
    if bounds is None or not objects:
        return bounds
    return verb.doc[objects[0].left_edge.i].idx, bounds[1]


def reported_content(verb: Token, vocab: Vocabulary) -> tuple[int, int] | None:
    """The clause a speech verb reports: its clausal complement ("said that …"), for directive
    verbs an infinitive ("warned users not to …"), or, when the report follows its content
    ("…, the New York Times reported."), the sentence up to the comma before the speaker."""
    complements = [c for c in verb.children if c.dep_ == "ccomp"]
    following = [c for c in complements if c.i > verb.i]
    if following:
        return with_stray_subject(verb, following[0], joined_clause_bounds(following[0]))
    clause = finite_reading(verb)
    if clause is not None:  # "two papers reported on Monday the council had met"
        subject = next(c for c in clause.children if c.dep_ in SUBJECT_DEPS and c.i > verb.i)
        return trim_tokens(verb.doc, subject.left_edge.i, clause.right_edge.i)
    if stolen_subject(verb) is not None:
        return _content_before(verb)  # the clause the parse hung the speaker in, without it
    displaced = displaced_clause(verb)
    if displaced is not None:
        return clause_bounds(displaced)
    if verb.lemma_.lower() in vocab.directive_verbs:
        for child in verb.children:
            if child.dep_ == "xcomp" and child.i > verb.i:
                return _with_addressee(verb, child, clause_bounds(child))
    for child in verb.children:
        # "reported raising $9 million", "admitted taking money": what was said, as a gerund
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i == verb.i + 1:
            return clause_bounds(child)
    if complements or verb.dep_ == "ROOT" or trails_its_clause(verb):
        return _content_before(verb)
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        return _parenthetical_content(verb)
    return None


def _parenthetical_content(verb: Token) -> tuple[int, int] | None:
    """ "The measure, critics said, would hurt small businesses." / "It is dead, Smith said.":
    the clause the attribution interrupts or follows, without the attribution at its end."""
    doc, head = verb.doc, verb.head
    first, last = head.left_edge.i, head.right_edge.i
    after = [t for t in doc[verb.right_edge.i + 1 : last + 1] if not (t.is_punct or t.is_space)]
    if not after:
        subject = subject_of(verb)
        resumed = _resumed_end(verb, subject) if subject is not None else None
        last = resumed if resumed is not None else verb.left_edge.i - 1
    return trim_tokens(doc, first, last)


def _content_before(verb: Token) -> tuple[int, int] | None:
    """'Facebook is planning …, the New York Times reported this week.': the text between the
    sentence start (or a line label such as "READ MORE:") and the comma before the speaker —
    or before the verb when the speaker follows it ("The economy is slowing, said Jane Doe.")."""
    subject = subject_of(verb)
    if subject is None:
        return None
    doc = verb.doc
    if subject.i > verb.i:
        comma = verb.i - 1
    else:
        comma = min(speaker_bounds(subject)[0], subject.left_edge.i) - 1
        if comma > verb.sent.start and doc[comma].lower_ == "as":
            comma -= 1  # "…, as POLITICO has reported." parsed with the report as the root
    if comma <= verb.sent.start or doc[comma].text != ",":
        return None
    start = verb.sent.start
    for token in doc[verb.sent.start : comma]:
        # Skip a line label ("READ MORE:") or a dateline ("TORONTO —").
        dateline = token.text in ("—", "–", "-") and all(
            t.is_upper or t.is_punct or t.is_space for t in doc[start : token.i]
        )
        if token.text == ":" or dateline:
            start = token.i + 1
    if _modifies(doc[start:comma], verb):
        return None  # "On immigration, Clinton lamented …", "At one point, a woman asked …"
    return trim_tokens(doc, start, _resumed_end(verb, subject) or comma - 1)


_RESUME_STOPS = SPEECH_VERBS | WEAK_SPEECH_VERBS | {"cite", "accord", "add"}


def _resumed_end(verb: Token, subject: Token) -> int | None:
    """ "The argument would be aided, Devine said, by the upcoming calendar": the sentence
    resumes after a parenthetical cue, and the content runs on over the cue to the sentence
    end, as when the cue sits inside the clause ("This campaign, he said, is different").
    Not when what follows is another report or a quotation ("…, she said, adding that …")."""
    doc = verb.doc
    cue_end = max(verb.i, subject.right_edge.i if subject.i > verb.i else verb.i)
    comma = cue_end + 1
    sentence_end = verb.sent.end - 1
    while sentence_end > comma and (doc[sentence_end].is_punct or doc[sentence_end].is_space):
        sentence_end -= 1
    if comma >= sentence_end or doc[comma].text != "," or not doc[comma + 1].is_lower:
        return None
    if doc[comma + 1].tag_ in ("VBG", "VBN") or doc[comma + 1].dep_ == "mark":
        return None  # "…, Ruiz said, speaking to reporters", "…, she said, while …": the scene
    for token in doc[comma + 1 : sentence_end + 1]:
        if token.is_quote or token.lemma_.lower() in _RESUME_STOPS:
            return None
    return sentence_end


# How a phrase in front of a verb hangs on it when it sets the scene instead of being what was
# said: a time, a place, a topic or a subordinate clause ("Although …", "During a rally …").
_SCENE_DEPS = frozenset({"prep", "npadvmod", "advmod", "advcl", "intj", "cc", "punct", "mark"})


def _modifies(span: Span, verb: Token) -> bool:
    """Every word of the span hangs, through the span, on the verb as a scene-setter."""
    roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    return bool(roots) and all(t.head.i == verb.i and t.dep_ in _SCENE_DEPS for t in roots)


def according_to_event(token: Token) -> SpeechEvent | None:
    """ "According to X, …" / "…, according to X.": X is the speaker, the rest of the sentence
    is the content (according_to.py)."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None:
        return None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    bounds = according_to_content(token, source.right_edge.i)
    if bounds is None:
        return None
    return SpeechEvent(
        cue=tokens_record(token.doc, token.i, to.i), cue_token=token, speaker=source, content=bounds
    )


_REQUESTING = DIRECTIVE_VERBS | {"call"}
_NOT_YET_SPOKEN = {
    "decline",
    "refuse",
    "expect",
    "plan",
    "intend",
    "want",
    "hope",
    "schedule",
    "go",
    "prepare",
    "aim",
    "seek",
    "fail",
}
# Auxiliaries that make a verb a possibility rather than a thing that happened ("would say").
MODALS = frozenset({"would", "will", "could", "might", "may", "should", "can", "must", "'d", "’d"})


def is_actual_speech(verb: Token) -> bool:
    """ "would ask", "did not say", "declined to comment" report no actual speech; in "was told"
    or "a court asked to …" the subject is the one spoken to, not the speaker."""
    if (
        verb.tag_ == "VBN"
        and verb.dep_ in ("acl", "advcl")
        and finite_reading(verb) is None
        and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    ):
        # "a court asked to …", "Asked whether it could pass, X said": spoken to ("While
        # Comey has said that …" is a perfect, said by its subject)
        return False
    perfect = contracted_perfect(verb)
    for child in verb.children:
        if child.dep_ in ("auxpass", "nsubjpass") and perfect:
            continue
        if child.dep_ in ("neg", "auxpass", "nsubjpass"):
            return False
        if child.dep_ == "aux" and child.lower_ in MODALS:
            return False
    # "declined to comment", "is expected to say", "plans to announce": no speech (yet).
    if verb.dep_ == "xcomp" and verb.head.lemma_ in _NOT_YET_SPOKEN:
        return False
    # "asked voters to reject it", "called on leaders to add penalties": asked for, not done
    return not (
        verb.dep_ == "xcomp"
        and verb.head.lemma_ in _REQUESTING
        and any(c.dep_ in ("dobj", "prep") and c.i < verb.i for c in verb.head.children)
    )


def find_speech_events(doc: Doc, vocab: Vocabulary, quoted: list[bool]) -> list[SpeechEvent]:
    """Every speech verb with a plausible speaker, in document order. `quoted[i]` tells whether
    token i is inside a quotation (its verbs are the speaker's words, not attributions)."""
    events: list[SpeechEvent] = []
    lemmas = vocab.speech_verbs | vocab.weak_speech_verbs
    candidates = sorted(
        {*token_indices(doc, "LEMMA", lemmas), *token_indices(doc, "LOWER", ["according"])}
    )
    for token in (doc[i] for i in candidates):
        event = according_to_event(token)
        if event is None and is_speech_verb(token, vocab) and is_actual_speech(token):
            speaker = subject_of(token)
            weak = token.lemma_.lower() not in vocab.speech_verbs
            if speaker is None or not is_plausible_speaker(speaker, weak):
                continue
            content = reported_content(token, vocab)
            if content is None and relative_antecedent(speaker) is not None:
                continue  # "an official who now advises companies": a description, no report
            event = SpeechEvent(
                cue=cue_record(token), cue_token=token, speaker=speaker, content=content
            )
        if event is not None:
            event.quoted = quoted[token.i]
            events.append(event)
    return events


def entity_ref(ent: Span) -> EntityRef | None:
    if ent._.entity_id is None:
        return None
    return {"id": ent._.entity_id, "name": ent._.canonical_name}


def speaker_entity(
    head: Token, events: list[SpeechEvent], org_window_sentences: int
) -> EntityRef | None:
    """The entity behind a speaker: its own entity, a pronoun's antecedent, or for "a
    spokesperson" / "the company" the organisation whose statement it is."""
    antecedent = relative_antecedent(head)
    if antecedent is not None:  # "Brad Smith, who … said": Smith's words
        return speaker_entity(named_speaker(antecedent), events, org_window_sentences)
    ent = entity_of(head)
    if ent is not None and ent.label_ in _ENTITY_SPEAKER_LABELS:
        return entity_ref(ent)
    if head.lower_ in PRONOUN_LABELS:
        return head._.antecedent
    described = described_person(head)  # "the professor said" → the professor named earlier
    if described is not None:
        return described
    if head.lemma_.lower() not in ORGANIZATION_VOICE_NOUNS:
        return None
    # "a Facebook spokesperson", "a spokesperson for Facebook", "Facebook's spokesperson"
    for token in head.subtree:
        inner = entity_of(token) if token.i != head.i else None
        if inner is not None and inner.label_ == "ORG":
            return entity_ref(inner)
    # "Facebook said …" shortly before: the latest organisation speaking.
    earliest = head.sent.start
    for _ in range(org_window_sentences):
        if earliest == 0:
            break
        earliest = head.doc[earliest - 1].sent.start
    for event in reversed(events):
        if event.speaker is None or event.speaker.i >= head.i or event.speaker.i < earliest:
            continue
        org = entity_of(event.speaker)
        if org is not None and org.label_ == "ORG":
            return entity_ref(org)
    return None


def content_record(text: str, bounds: tuple[int, int]) -> CharSpan:
    return char_span(text, *bounds)
