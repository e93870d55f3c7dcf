"""Attributions in an "as" clause: "As the Washington Post reported, the inspector general
issued subpoenas …", "Cases that led to charges had aggravating circumstances, as POLITICO has
reported", "As reported by Western Journalism, there are 150 delegates at stake"; and what a
poll found, said with "in": "In a CNN poll, Clinton held a 24-point lead" (in_poll_events);
and what "it was reported" or "it has been said" (impersonal_events), which names nobody, and
what somebody "was told" (told_events), by the passive's agent or nobody named.

The reported words are the clause the "as" clause hangs on, not a complement of the verb, so
the speech-verb rules (attribution.py) find no content for them. Here the content is the rest
of that clause: what comes after the "as" clause when it leads, what comes before it when it
trails. The speaker is the verb's subject, or the agent of a passive ("as reported by X").

Pure: reads a parsed Doc, returns SpeechEvents for the quote finder.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from .attribution import (
    SUBJECT_DEPS,
    SpeechEvent,
    Vocabulary,
    cue_record,
    passive_agent,
    subject_of,
)
from .clause_extents import clause_bounds
from .lexicon import ADDRESSEE_VERBS
from .spans import token_indices
from .speakers import is_plausible_speaker
from .token_trim import trim_tokens

_NEGATIONS = frozenset({"not", "n't", "never"})


def as_reported_events(doc: Doc, vocab: Vocabulary, quoted: list[bool]) -> list[SpeechEvent]:
    """An event for every speech verb outside quotations that heads an "as" clause, and for
    every impersonal report."""
    events = impersonal_events(doc, vocab, quoted) + told_events(doc, quoted)
    lemmas = vocab.speech_verbs | vocab.weak_speech_verbs
    for i in token_indices(doc, "LEMMA", sorted(lemmas)):
        verb = doc[i]
        if quoted[i] or verb.pos_ != "VERB" or verb.dep_ != "advcl":
            continue
        children = list(verb.children)
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in children):
            continue
        if any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in children):
            continue
        if any(c.dep_ == "ccomp" for c in children):
            continue  # "as he said that …" is an ordinary report
        if verb.lemma_.lower() in vocab.directive_verbs and any(
            c.dep_ == "xcomp" and c.i > verb.i for c in children
        ):
            continue  # "while the mayors promised to keep on, …": what was vowed is the infinitive
        speaker = _speaker(verb)
        if speaker is None or not is_plausible_speaker(speaker, weak_verb=False):
            continue
        content = _rest_of_clause(verb)
        if content is None:
            continue
        events.append(
            SpeechEvent(cue=cue_record(verb), cue_token=verb, speaker=speaker, content=content)
        )
    return events


def _speaker(verb: Token) -> Token | None:
    """The subject ("as POLITICO has reported"), or a passive's agent ("as reported by X")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        return subject
    agent = passive_agent(verb)
    if agent is not None:
        return agent
    if verb.tag_ == "VBN":
        return None  # "as expected", "as noted above": nobody named
    return subject_of(verb)


def _rest_of_clause(verb: Token) -> tuple[int, int] | None:
    """The clause the "as" clause modifies, without it: after it when it leads, before it when
    it trails, all of it (the "as" clause inside) when it interrupts ("The company, as
    Zuckerberg wrote, will encrypt …"), as the parenthetical rule reads "X, critics said, …"."""
    doc, head = verb.doc, verb.head
    if head.i == verb.i:
        return None
    first, last = head.left_edge.i, head.right_edge.i
    before = trim_tokens(doc, first, verb.left_edge.i - 1) if verb.left_edge.i > first else None
    after = trim_tokens(doc, verb.right_edge.i + 1, last) if verb.right_edge.i < last else None
    if before is not None and after is not None:
        return trim_tokens(doc, first, last)
    return before or after


# What a poll or a survey found is reported in the clause its "in" phrase hangs on
_POLLS = frozenset({"poll", "survey"})
_SUBJECTS = frozenset({*SUBJECT_DEPS, "expl"})


def in_poll_events(doc: Doc, vocab: Vocabulary, quoted: list[bool]) -> list[SpeechEvent]:
    """An event for every "in a … poll" phrase outside quotations that hangs on a clause with
    a subject of its own, the poll as its speaker: "In a Des Moines Register poll, Mr. Cruz
    had a 10-point lead", "Clinton led by 5 points in the previous national poll" (on 275
    PolNeAR train and dev articles 20 such statements were missed, 2 found). A clause whose
    verb reports ("In a statement, X said …") is the speech rules'."""
    events = []
    speech = vocab.speech_verbs | vocab.weak_speech_verbs
    for i in token_indices(doc, "LEMMA", sorted(_POLLS)):
        poll = doc[i]
        prep = poll.head
        if quoted[i] or poll.dep_ != "pobj" or prep.lower_ != "in" or prep.dep_ != "prep":
            continue
        if poll.tag_ != "NN":
            continue  # "is running third in most polls": a standing, not a finding
        head = _clause_verb(prep)
        if head is None or head.lemma_.lower() in speech or _bare_participle(head):
            continue
        subject = next((c for c in head.children if c.dep_ in _SUBJECTS), None)
        if subject is None:
            continue
        # the side of the phrase that holds the clause's subject ("…, Obama was winning blacks
        # by 28 points in the same poll, a …")
        if subject.i < prep.i:
            content = trim_tokens(doc, subject.left_edge.i, prep.i - 1)
        elif prep.i != head.left_edge.i:
            continue  # "Ahead in the latest poll, the senator began …": the poll's standing
        else:  # from the subject: "In a poll last month, X had …" drops "last month"
            content = trim_tokens(
                doc, max(prep.right_edge.i + 1, subject.left_edge.i), head.right_edge.i
            )
        if content is None:
            continue
        events.append(
            SpeechEvent(cue=cue_record(prep), cue_token=prep, speaker=poll, content=content)
        )
    return events


def _bare_participle(verb: Token) -> bool:
    """A past participle with no auxiliary describes who was asked ("Most of the riders
    questioned in a Ledger survey want …", which the small model may parse with
    "questioned" as the sentence's verb); a finding has a verb of its own."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _clause_verb(prep: Token) -> Token | None:
    """The verb whose clause the "in … poll" phrase reports: its head, or, when the phrase
    closes the clause, the verb above the noun or gerund the parse hung it on ("held a lead
    over his rival among older voters in a Tribune poll": on "rival"; "before slipping back
    to 31 percent in Friday's poll": on "slipping")."""
    head = prep.head
    if head.pos_ in ("VERB", "AUX") and head.dep_ != "pcomp":
        return head
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") and head.dep_ != "pcomp" or head.head.i == head.i:
            break
        head = head.head
    if head.pos_ not in ("VERB", "AUX") or _last_word(head) != prep.right_edge.i:
        return None
    return head


def _last_word(verb: Token) -> int:
    """The index of the clause's last token that is no punctuation."""
    last = verb.right_edge.i
    while last > verb.i and verb.doc[last].is_punct:
        last -= 1
    return last


_MODALS = frozenset({"would", "will", "could", "might", "may", "should", "can", "must"})


def impersonal_events(doc: Doc, vocab: Vocabulary, quoted: list[bool]) -> list[SpeechEvent]:
    """ "It has been reported that the senator was sexting again", "it was widely reported
    that he paid $100 million": a passive with "it" for its subject reports the that-clause
    after it, by nobody named (PolNeAR annotates these with no source), or by the passive's
    agent ("it was reported by the Ledger that …"). The speech rules skip passives, whose
    subject is the one spoken to ("he was told that …")."""
    lemmas = sorted(vocab.speech_verbs | vocab.weak_speech_verbs)
    return [
        _passive_event(verb, content)
        for verb, children, _, content in _passive_reports(doc, lemmas, quoted)
        if _it_subject(children)
    ]


# Verbs whose passive subject is the one spoken to: "I was told that …", "he was warned by
# the Russian government that …"
_TOLD_VERBS = sorted(ADDRESSEE_VERBS | {"warn", "advise"})


def told_events(doc: Doc, quoted: list[bool]) -> list[SpeechEvent]:
    """ "I was told that the board did not want to meet him": the that-clause after a
    passive of telling is what was said, by the passive's agent or nobody named (on
    train-191 2 of 3 such clauses were annotated; the speech rules skip passives). "It was
    reported that …" is impersonal_events'."""
    return [
        _passive_event(verb, content)
        for verb, children, clause, content in _passive_reports(doc, _TOLD_VERBS, quoted)
        if not _it_subject(children) and doc[clause.left_edge.i].lower_ == "that"
    ]


def _passive_reports(
    doc: Doc, lemmas: list[str], quoted: list[bool]
) -> Iterator[tuple[Token, list[Token], Token, tuple[int, int]]]:
    """(verb, its children, its clause, the clause's offsets) for every passive of `lemmas`
    outside quotations that happened ("it was not reported that …", "it could be said that …"
    did not) and has a clausal complement after it."""
    for i in token_indices(doc, "LEMMA", lemmas):
        verb = doc[i]
        if quoted[i] or verb.pos_ != "VERB" or verb.tag_ != "VBN":
            continue
        children = list(verb.children)
        if not any(c.dep_ == "auxpass" for c in children):
            continue
        if any(c.dep_ == "neg" or c.lower_ in _NEGATIONS or c.lower_ in _MODALS for c in children):
            continue
        clause = next((c for c in children if c.dep_ == "ccomp" and c.i > verb.i), None)
        content = clause_bounds(clause) if clause is not None else None
        if content is not None:
            yield verb, children, clause, content


def _it_subject(children: list[Token]) -> bool:
    return any(c.lower_ == "it" and c.dep_ in ("nsubjpass", "expl") for c in children)


def _passive_event(verb: Token, content: tuple[int, int]) -> SpeechEvent:
    return SpeechEvent(
        cue=cue_record(verb), cue_token=verb, speaker=passive_agent(verb), content=content
    )
