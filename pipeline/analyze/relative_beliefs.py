"""Beliefs stated in a relative clause: "a bill the unions hope will stall in committee", "a
rival whom the mayor regards as a threat", "taxes she would not want to explain", "a dose
that doctors consider safe".

What is believed is the noun the clause hangs on together with what the clause says of it,
so beliefs.py, which reads a complement after the verb, finds nothing there (PolNeAR marks
the noun and the rest of the clause as the content, the clause's subject as the source).

Pure: reads a parsed Doc, returns SpeechEvents for the quote finder.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .attribution import SpeechEvent, cue_record
from .beliefs import AS_BELIEF_VERBS, BELIEF_VERBS
from .spans import token_indices
from .speakers import is_plausible_speaker
from .token_trim import trim_tokens
from .verb_events import is_infinitive

# "consider" and "envision" hold views only with an object, which the relative clause
# supplies ("a dose doctors consider safe"); "like" only as a wish ("we'd like").
RELATIVE_BELIEF_VERBS = BELIEF_VERBS | AS_BELIEF_VERBS | {"consider", "envision", "like"}
_WISHING_AUX = frozenset({"would", "'d", "’d"})
_NOUN_POS = frozenset({"NOUN", "PROPN", "PRON"})


def relative_belief_events(doc: Doc, quoted: list[bool]) -> list[SpeechEvent]:
    """An event for every belief verb heading a relative clause on a noun before it, with a
    subject of its own that can hold a view ("the plan voters trust", not "voters who
    trust": that relative pronoun is the subject, and beliefs.py reads its clause). Negated
    and modal forms count: "taxes she would not want to explain" is her view of them."""
    events = []
    for i in token_indices(doc, "LEMMA", sorted(RELATIVE_BELIEF_VERBS)):
        verb = doc[i]
        if quoted[i] or verb.pos_ != "VERB" or verb.dep_ != "relcl":
            continue
        noun = verb.head
        if noun.pos_ not in _NOUN_POS or noun.i > verb.i:
            continue
        lemma = verb.lemma_.lower()
        if lemma == "like" and not _wished(verb):
            continue  # "a candidate voters like": a liking, not a view of anything
        if lemma in AS_BELIEF_VERBS and not _seen_as(verb):
            continue  # "the promise that fans see in the plan", "a change they have seen"
        if is_infinitive(verb):
            continue  # "a question for each council to consider": nobody holds that yet
        if not _noun_is_what_is_held(verb):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if subject is None or subject.tag_ in ("WDT", "WP") or not _holds_views(subject):
            continue
        content = trim_tokens(doc, noun.left_edge.i, verb.right_edge.i)
        if content is not None:
            events.append(
                SpeechEvent(cue=cue_record(verb), cue_token=verb, speaker=subject, content=content)
            )
    return events


def _wished(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in _WISHING_AUX for c in verb.children)


def _noun_is_what_is_held(verb: Token) -> bool:
    """The noun fills the verb's object: not when the verb has an object of its own after it
    ("the primaries, when voters could have considered them") or the clause is linked by a
    time or place ("a day during which leaders will seek to …", "a town where they hope …")."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.i > verb.i:
            return False
        if child.tag_ == "WRB" or (
            child.dep_ == "prep" and any(g.tag_ in ("WDT", "WP") for g in child.children)
        ):
            return False
    return True


def _seen_as(verb: Token) -> bool:
    return any(
        (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ == "ccomp"
        for c in verb.children
        if c.i > verb.i
    )


def _holds_views(subject: Token) -> bool:
    return is_plausible_speaker(subject, weak_verb=False)
