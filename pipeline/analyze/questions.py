"""Questions put to somebody: "Asked whether the merger would hurt users, Zuckerberg said …",
"Ruiz was asked about the merged inbox", "asked by a moderator why he had changed his
mind". What was asked is an attribution of its own, by whoever asked it: the agent ("by the
moderator") when the sentence names one, else nobody named (the reporter, an interviewer);
in the active, "the moderator asked Ruiz about the inbox", the subject.
PolNeAR's annotators mark the question as the content: on the 840 train articles 32 of 41
"asked whether/if/why …" and 17 of 25 "asked about …" after the answer's speaker.

The answer stays the speaker's own quote (the rules take "X said"); is_actual_speech already
keeps "asked" from making the person asked its speaker.

A question left open is one too: "Reid would not say whether he would prefer …", "the order did
not say how the justices had voted". Speech that did not happen is nobody's quote elsewhere,
but here the question is reported as the speaker's: on PolNeAR train and dev 12 of 14 "not
say/explain whether (how, when, who …)" are annotated with the question as content (after
"declined to say whether" 1 of 4: left out).

Pure: reads a parsed Doc, returns SpeechEvents for the quote finder.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .attribution import SpeechEvent, cue_record, passive_agent, subject_of
from .spans import token_indices
from .speakers import is_plausible_speaker
from .token_trim import trim_tokens

# Words that open an indirect question ("asked whether …", "asked why …")
_QUESTION_WORDS = frozenset("whether if why how what when where who which".split())


def question_events(doc: Doc, quoted: list[bool]) -> list[SpeechEvent]:
    """An event for every "asked" in the passive ("Asked whether …, X said", "X was asked
    about …") outside quotations, not negated, with the question it carries."""
    events = []
    for i in token_indices(doc, "LEMMA", ["ask"]):
        verb = doc[i]
        if verb.tag_ != "VBN" or quoted[i]:
            continue
        passive = (
            verb.dep_ in ("advcl", "acl")
            or any(c.dep_ == "auxpass" for c in verb.children)
            or _when_asked(verb)
        )
        if not passive or any(c.dep_ == "neg" for c in verb.children):
            continue
        content = asked_content(verb)
        if content is None:
            continue
        events.append(
            SpeechEvent(
                cue=cue_record(verb), cue_token=verb, speaker=passive_agent(verb), content=content
            )
        )
    return events


def _when_asked(verb: Token) -> bool:
    """ "Ortiz, when asked about the budget, …": the small model hangs the "when" clause on the
    name as a relative clause; it is the passive "asked" all the same."""
    return verb.dep_ == "relcl" and any(
        c.dep_ == "advmod" and c.lower_ == "when" and c.i < verb.i for c in verb.children
    )


def asked_about_events(doc: Doc, quoted: list[bool]) -> list[SpeechEvent]:
    """An event for every active "asked (somebody) about …" outside quotations, not negated:
    "A moderator asked the senator about her vote on the tariff". The question is the
    subject's, and what it was about is its content, as for the passive "was asked about …"
    above (the speech rules read only "asked whether …", a clause, from the active verb)."""
    events = []
    for i in token_indices(doc, "LEMMA", ["ask"]):
        verb = doc[i]
        if not _is_active(verb) or quoted[i] or any(c.dep_ == "neg" for c in verb.children):
            continue
        about = about_content(verb)
        speaker = subject_of(verb)
        if about is None or speaker is None or not is_plausible_speaker(speaker, weak_verb=True):
            continue
        events.append(
            SpeechEvent(cue=cue_record(verb), cue_token=verb, speaker=speaker, content=about)
        )
    return events


# "asked", "asks", "ask", "has asked": the verb with its own subject (a VBN only after "have")
_ACTIVE_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN"})


def _is_active(verb: Token) -> bool:
    if verb.tag_ not in _ACTIVE_TAGS:
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    return verb.tag_ != "VBN" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def asked_content(verb: Token) -> tuple[int, int] | None:
    """The indirect question after "asked" ("whether he had met Trump"), or what the question
    was about ("about a loan from Goldman Sachs": the object)."""
    doc = verb.doc
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ == "ccomp" and doc[child.left_edge.i].lower_ in _QUESTION_WORDS:
            return trim_tokens(doc, child.left_edge.i, child.right_edge.i)
        if child.dep_ == "advcl" and _opens_yes_no_question(child):
            # "was asked if she would run": the small model reads "if" as a condition (on
            # train-191 and held-out 2 of 2 such questions were annotated)
            return trim_tokens(doc, child.left_edge.i, child.right_edge.i)
    return about_content(verb)


def about_content(verb: Token) -> tuple[int, int] | None:
    """What the question was about: the object of an "about" after the verb."""
    for child in verb.children:
        if child.i > verb.i and child.dep_ == "prep" and child.lower_ == "about":
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            # "asked about it" says nothing a reader can use without the sentence before
            if objects and not (objects[0].pos_ == "PRON" and objects[0].n_lefts == 0):
                return trim_tokens(verb.doc, objects[0].left_edge.i, objects[0].right_edge.i)
    return None


def _opens_yes_no_question(clause: Token) -> bool:
    first = clause.doc[clause.left_edge.i]
    return first.lower_ in ("if", "whether") and first.dep_ == "mark" and first.head.i == clause.i


_LEFT_OPEN = ["say", "explain"]


def unanswered_events(doc: Doc, quoted: list[bool]) -> list[SpeechEvent]:
    """An event for every negated "say"/"explain" outside quotations whose complement is an
    indirect question, spoken by the verb's subject: "X would not say whether …"."""
    events = []
    for i in token_indices(doc, "LEMMA", _LEFT_OPEN):
        verb = doc[i]
        if verb.pos_ not in ("VERB", "AUX") or quoted[i]:
            continue
        if not any(c.dep_ == "neg" for c in verb.children):
            continue
        question = next(
            (
                c
                for c in verb.children
                if c.dep_ == "ccomp"
                and c.i > verb.i
                and doc[c.left_edge.i].lower_ in _QUESTION_WORDS
            ),
            None,
        )
        if question is None:
            continue
        speaker = subject_of(verb)
        if speaker is None or not is_plausible_speaker(speaker, weak_verb=False):
            continue
        content = trim_tokens(doc, question.left_edge.i, question.right_edge.i)
        if content is not None:
            events.append(
                SpeechEvent(cue=cue_record(verb), cue_token=verb, speaker=speaker, content=content)
            )
    return events
