"""What records, polls and studies show, said in an aside: "He sold the lot to a developer in
2012, county records show.", "The ferry, maintenance records show, has sailed about 200 days", "…, a
Ledger investigation found." PolNeAR annotates the clause around the aside as the evidence's
content, the evidence as its source.

The small model seldom parses these: it reads "records show" as a compound noun, hangs the
aside on the clause as an apposition or makes the clause before it the verb's complement. So
they are read off the words: a comma, a short noun phrase holding an evidence noun, "show" or
"find" (perhaps after "has"), and a comma or the sentence's end. On train-191, held-out and
dev together the rule added 11 quotes, 10 of them annotated.

Pure: reads a parsed Doc, returns SpeechEvents for the quote finder.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .attribution import SpeechEvent, cue_record
from .object_reports import EVIDENCE_NOUNS
from .spans import token_indices
from .token_trim import trim_tokens

_FINDING_VERBS = ("show", "find")
# An investigation finds as a study does ("a Ledger investigation found")
_EVIDENCE = EVIDENCE_NOUNS | {"investigation"}
_SENTENCE_ENDS = frozenset({".", "!", "?"})
_LONGEST_PHRASE = 10  # "a Ledger analysis of newly filed harbour-board budget reports"


def evidence_aside_events(doc: Doc, quoted: list[bool]) -> list[SpeechEvent]:
    """An event for every "…, records show." or "…, records show, …" outside quotations."""
    events = []
    for i in token_indices(doc, "LEMMA", list(_FINDING_VERBS)):
        verb = doc[i]
        if quoted[i] or i + 1 >= len(doc):
            continue
        after = doc[i + 1].text
        if after != "," and after not in _SENTENCE_ENDS:
            continue
        evidence = _evidence_before(verb)
        if evidence is None:
            continue
        sent = verb.sent
        comma = evidence[0].i - 1
        if after == ",":  # the aside interrupts the clause: the whole sentence, as "X, she said, Y"
            content = trim_tokens(doc, sent.start, sent.end - 1)
        else:  # it ends the sentence: what comes before it
            content = trim_tokens(doc, sent.start, comma - 1) if comma > sent.start else None
        if content is None:
            continue
        events.append(
            SpeechEvent(cue=cue_record(verb), cue_token=verb, speaker=evidence[1], content=content)
        )
    return events


def _evidence_before(verb: Token) -> tuple[Token, Token] | None:
    """The first word of the noun phrase between the comma and the verb, and its evidence noun,
    when there is such a phrase: "…, [F.A.A. records] show"."""
    doc, first = verb.doc, verb.i - 1
    while first >= 0 and doc[first].lower_ in ("has", "have", "also"):
        first -= 1
    last = first
    while first >= 0 and last - first < _LONGEST_PHRASE and doc[first].text != ",":
        if doc[first].is_punct and doc[first].text not in ("-", "'s", "’s"):
            return None
        if doc[first].pos_ in ("VERB", "AUX") and doc[first].tag_ != "VBN":
            return None  # "…, he told me polls show": a clause, not a phrase
        first -= 1
    if first < verb.sent.start or doc[first].text != ",":
        return None
    nouns = [t for t in doc[first + 1 : last + 1] if t.lemma_.lower() in _EVIDENCE]
    if not nouns:
        return None
    return doc[first + 1], nouns[0]
