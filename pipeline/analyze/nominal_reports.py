"""Reports named by a noun with its speaker as the possessor: "Ruiz's assertion that the merger
breaks the law", "the senator's proposal to split the three apps", "his promise to encrypt
every message". The noun's clause or infinitive is what the possessor said, as PolNeAR's
annotators mark it (on the 840 train articles 53 of 83 such nouns of this list with a clause,
an infinitive or an "of" object are annotated; "criticism", "support", "comment" or "view"
less than half the time: "his comments on cable news" names a topic). An "of" object is left
out: "the company's promise of wider encryption" names what was promised in two words a
reader cannot quote.

Pure: reads a parsed Doc, returns SpeechEvents for the quote finder.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .attribution import SpeechEvent
from .spans import token_indices, tokens_record
from .speakers import is_plausible_speaker
from .token_trim import trim_tokens

REPORT_NOUNS = frozenset({"claim", "proposal", "promise", "suggestion", "assertion", "argument"})


def nominal_report_events(doc: Doc, quoted: list[bool]) -> list[SpeechEvent]:
    """An event for every report noun outside quotations with a possessor who can speak and
    a clause or an infinitive after it."""
    events = []
    for i in token_indices(doc, "LEMMA", sorted(REPORT_NOUNS)):
        noun = doc[i]
        if noun.pos_ != "NOUN" or quoted[i]:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None or not is_plausible_speaker(owner, weak_verb=False):
            continue
        content = _reported(noun)
        if content is not None:
            cue = tokens_record(doc, noun.i, noun.i)
            events.append(SpeechEvent(cue=cue, cue_token=noun, speaker=owner, content=content))
    return events


def _reported(noun: Token) -> tuple[int, int] | None:
    doc = noun.doc
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ in ("acl", "ccomp"):
            return trim_tokens(doc, child.left_edge.i, child.right_edge.i)
    return None
