"""The loop the verb-specific readers share (calls.py, object_reports.py, beliefs.py): every
form of the given verbs outside quotations that happened (not negated, not a modal's), with
the content its reader finds and a subject that may speak.

Pure: reads a parsed Doc, returns SpeechEvents for the quote finder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token

from .attribution import (
    SpeechEvent,
    cue_record,
    is_actual_speech,
    subject_of,
)
from .spans import token_indices
from .speakers import is_plausible_speaker


def is_infinitive(verb: Token) -> bool:
    """ "to resign", "to merge the apps": a verb with its own "to"."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def can_speak(verb: Token, speaker: Token) -> bool:
    """The default speaker test: a subject that can say things ("said" accepts any noun)."""
    return is_plausible_speaker(speaker, weak_verb=False)


def verb_events(
    doc: Doc,
    quoted: list[bool],
    lemmas: Iterable[str],
    content_of: Callable[[Token], tuple[int, int] | None],
    speaker_ok: Callable[[Token, Token], bool] = can_speak,
) -> list[SpeechEvent]:
    """An event for every verb of `lemmas` outside quotations that happened, whose content
    `content_of` finds and whose subject `speaker_ok` accepts."""
    events = []
    for i in token_indices(doc, "LEMMA", sorted(lemmas)):
        verb = doc[i]
        if quoted[i] or not _acts_as_verb(verb) or not is_actual_speech(verb):
            continue
        content = content_of(verb)
        if content is None:
            continue
        speaker = subject_of(verb)
        if speaker is None or not speaker_ok(verb, speaker):
            continue
        events.append(
            SpeechEvent(cue=cue_record(verb), cue_token=verb, speaker=speaker, content=content)
        )
    return events


def _acts_as_verb(token: Token) -> bool:
    """A verb, or a word the tagger called a noun that the parser gave a subject: "Leaked
    documents … show he took a loss" ("show" tagged NOUN after a plural)."""
    return token.pos_ == "VERB" or any(c.dep_ == "nsubj" for c in token.children)
