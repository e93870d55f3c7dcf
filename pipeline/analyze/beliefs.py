"""What people are reported to believe, expect, want or plan: "Clinton believes that …", "the
campaign expects the race to tighten", "Google wants regulators to drop the case".

A researcher wants these beside what was said, kept apart (kind "belief", attribution_kinds.py;
the journalists' "who said what" views leave them out by default). Only the clearest form is
read: a belief verb that happened, with a speaker for its subject and a clause or an infinitive
after it. Quotation marks and "said" stay with the quote finder's other rules.

Pure: reads a parsed Doc, returns SpeechEvents for the quote finder.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .attribution import (
    MODALS,
    SUBJECT_DEPS,
    SpeechEvent,
    cue_record,
    is_actual_speech,
    passive_agent,
)
from .attribution_kinds import APPEARANCE_LEMMAS
from .clause_extents import joined_clause_bounds
from .lexicon import FINITE_TAGS, LEMMA_FIXES, SPEECH_VERBS
from .object_reports import object_as_content
from .spans import token_indices
from .speakers import is_plausible_speaker
from .stray_subjects import with_stray_subject
from .token_trim import trim_tokens
from .verb_events import can_speak, is_infinitive, verb_events

# Verbs of belief, expectation, wish and plan whose complement is what is believed. Not
# "see", "like" or "figure": their complements are mostly not beliefs ("see the river").
BELIEF_VERBS = frozenset(
    """
    believe think hope want fear expect plan know worry intend wish doubt suspect assume
    anticipate feel seek aim wonder decide prefer dislike
    """.split()
)


# Seeing something as something: "Republicans see Cruz as a uniter", "views it as an attempt
# to placate …", "regards Jerusalem as its capital" (on PolNeAR train 30 of 43 such are
# annotated; "see" or "view" with a bare object, 29 of 96: "saw the river").
AS_BELIEF_VERBS = frozenset({"see", "view", "regard"})


def belief_events(doc: Doc, quoted: list[bool]) -> list[SpeechEvent]:
    """An event for every belief verb outside quotations, with a plausible speaker as its
    subject before it and a clause ("believes that …"), an infinitive ("plans to …", "wants X
    to …") or, for seeing, an object with its "as" ("sees Cruz as a uniter") after it."""
    return verb_events(
        doc,
        quoted,
        BELIEF_VERBS | LEMMA_FIXES.keys() | AS_BELIEF_VERBS,
        believed_content,
        _speaker_before,
    )


def _speaker_before(verb: Token, speaker: Token) -> bool:
    if verb.lemma_.lower() in AS_BELIEF_VERBS:
        # only people and organisations see things as something ("the plan sees …" is no view)
        return speaker.i < verb.i and is_plausible_speaker(speaker, weak_verb=True)
    return speaker.i < verb.i and can_speak(verb, speaker)


def believed_content(verb: Token) -> tuple[int, int] | None:
    """The clause or infinitive after the verb; "wants Google to sell Chrome" from the object."""
    lemma = verb.lemma_.lower()
    if lemma in AS_BELIEF_VERBS:
        return object_as_content(verb)
    if lemma in LEMMA_FIXES and not _fixed_form(verb.lower_, LEMMA_FIXES[lemma]):
        return None  # "hopped on a plane"
    later = [c for c in verb.children if c.i > verb.i]
    clause = next((c for c in later if c.dep_ in ("ccomp", "xcomp")), None)
    if clause is None:
        return _believed_object(verb, later)
    if clause.dep_ == "xcomp" and clause.tag_ not in ("VB", "VBG") and clause.pos_ != "AUX":
        return None  # "feel sick", "seem tired": no belief in it
    objects = [c for c in later if c.dep_ == "dobj" and c.i < clause.i]
    if objects and clause.dep_ == "xcomp":
        return trim_tokens(verb.doc, objects[0].left_edge.i, _with_reasons(verb, clause))
    if clause.dep_ == "ccomp":
        # "feel [her tone in the debate] [was too harsh]": the subject the parse hung on
        # the belief verb, as on a speech verb
        return with_stray_subject(verb, clause, joined_clause_bounds(clause))
    bounds = joined_clause_bounds(clause)
    last = _with_reasons(verb, clause)
    if bounds is None or last == clause.right_edge.i:
        return bounds
    first = verb.doc.char_span(*bounds, alignment_mode="expand")
    return bounds if first is None else trim_tokens(verb.doc, first.start, last)


def _with_reasons(verb: Token, clause: Token) -> int:
    """The last token of the infinitive with the adverbial clauses the parse hung on the
    belief verb right after it: "hoped to campaign in Maine [while skipping the fishing
    towns]", "prefer not to complain [because the landlord is hostile]" are what is hoped,
    preferred."""
    last = clause.right_edge.i
    for child in sorted(c for c in verb.children if c.i > last):
        if child.dep_ != "advcl" or child.left_edge.i != last + 1:
            break
        last = child.right_edge.i
    return last


# Verbs whose object alone is what is expected or preferred: "analysts expect a sharp rise
# in rents", "tenants prefer short leases", "bankers feared a long recession" (on train-191 and
# held-out 15 of 17 such objects with a subject are annotated, quotations included; outside
# quotations the reading added 4 matches for 6 quotes). Not "want", "need" or "seek": about
# half of their objects are annotated.
OBJECT_BELIEF_VERBS = frozenset({"expect", "prefer", "fear", "anticipate", "dislike"})


def _believed_object(verb: Token, later: list[Token]) -> tuple[int, int] | None:
    """The object and the phrases right after it: "expects a deal before the spring"; what
    is believed in, "still believe in the town's future" (rare and uncertain: on PolNeAR train
    6 of 37 "believe in" carry a cue, quotations included; outside quotations the reading
    added 1 match for 1 quote on train-191 and on dev each)."""
    if verb.dep_ == "ccomp":
        # "the survey shows voters fear …": the view is part of what the survey shows
        return None
    if verb.lemma_.lower() == "believe":
        held = next((c for c in later if c.dep_ == "prep" and c.i == verb.i + 1), None)
        if held is None or held.lower_ != "in":
            return None
        return trim_tokens(verb.doc, held.i, held.right_edge.i)
    if verb.lemma_.lower() not in OBJECT_BELIEF_VERBS:
        return None
    obj = next((c for c in later if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    return trim_tokens(verb.doc, obj.left_edge.i, _phrases_after(verb, obj).right_edge.i)


def _fixed_form(word: str, lemma: str) -> bool:
    """Is the word a form of the lemma the lemmatizer missed? "hoped", "hopes" and "hoping"
    are "hope" ("hoping" drops the e), "hopped" and "hopping" are not."""
    return word.startswith(lemma) or (lemma.endswith("e") and word == lemma[:-1] + "ing")


def appearance_events(doc: Doc, quoted: list[bool]) -> list[SpeechEvent]:
    """An event, with no speaker, for every "X seems/appears to …" and every "X is expected
    (said, projected, …) to …" with nobody named as its agent, outside quotations and not
    negated: the content runs from the subject to the end of the infinitive ("the merger plan
    seemed to be losing support", "the integration is expected to take until 2020"). Nobody is
    named as holding the view, but it is an attribution: PolNeAR's annotators mark the
    subject and the infinitive as its content, with no source (on 190 train articles the
    seeming added 24 matches for 28 quotes). Seeming and expecting are of kind belief
    (attribution_kinds), so the journalists' views leave them out."""
    events = []
    for i in token_indices(doc, "LEMMA", sorted(APPEARANCE_LEMMAS | _HEARSAY_PASSIVES)):
        verb = doc[i]
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or quoted[i]:
            continue
        if lemma in APPEARANCE_LEMMAS:
            if not (is_actual_speech(verb) or _only_negated(verb)):
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
            if (
                subject is None
                and verb.dep_ == "conj"
                and verb.tag_ in FINITE_TAGS
                and verb.head.dep_ in ("ROOT", "relcl")
                and any(c.dep_ == "cc" and c.i < verb.i for c in verb.head.children)
            ):
                # "the mayor, who had been quarreling with the union and appeared to give in":
                # the seeming shares the subject of the verb it is joined to (on PolNeAR train
                # 10 of 15 "…, and seemed to …" are annotated). Not inside a reported clause
                # ("the audit found that costs rose and appear to …"): that is the report's;
                # and only after an "and" or "but" (the parse joins run-on verbs without one).
                subject = next(
                    (c for c in verb.head.children if c.dep_ == "nsubj" and c.i < verb.head.i),
                    None,
                )
        elif lemma in _HEARSAY_PASSIVES and verb.tag_ == "VBN":
            if any(c.dep_ == "agent" for c in verb.children):
                continue  # "is expected by analysts to": named
            # "is not expected to attend" is a view too (annotated 9 times in 10 on PolNeAR)
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if subject is None and verb.dep_ == "conj":
                # "She is moving to Los Angeles but is expected to continue …"
                subject = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
        else:
            continue
        infinitive = next(
            (c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and is_infinitive(c)),
            None,
        )
        if infinitive is None and lemma == "appear":
            # "investors appeared pleased with the merger": on the 840 PolNeAR train articles 16 of
            # 21 "appear" + adjective are annotated ("seem" + adjective 27 of 65: left out)
            infinitive = next(
                (c for c in verb.children if c.dep_ in ("acomp", "oprd") and c.i > verb.i), None
            )
        if subject is None or infinitive is None:
            continue
        if lemma in APPEARANCE_LEMMAS and subject.lower_ in _NO_SUBJECTS:
            continue
        if lemma in _HEARSAY_PASSIVES and infinitive.lemma_.lower() in SPEECH_VERBS:
            continue  # "is expected to say on Thursday that …": speech that has not happened
        content = trim_tokens(doc, subject.left_edge.i, infinitive.right_edge.i)
        if content is not None:
            events.append(
                SpeechEvent(cue=cue_record(verb), cue_token=verb, speaker=None, content=content)
            )
    return events


def seen_as_events(doc: Doc, quoted: list[bool]) -> list[SpeechEvent]:
    """ "the mayor is widely seen as the strongest candidate", "she is seen by party leaders as
    uniquely credible": a passive of seeing something as something is a view, held by the
    agent or by nobody named; the content runs from the subject to the end of the "as"
    phrase, as for seeming (on train-191 and held-out 10 of 12 such were annotated)."""
    events = []
    for i in token_indices(doc, "LEMMA", sorted(AS_BELIEF_VERBS)):
        verb = doc[i]
        if verb.pos_ != "VERB" or verb.tag_ != "VBN" or quoted[i]:
            continue
        children = list(verb.children)
        if not any(c.dep_ == "auxpass" for c in children) or any(c.dep_ == "neg" for c in children):
            continue
        subject = next((c for c in children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
        as_phrase = next(
            (c for c in children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i), None
        )
        if subject is None or as_phrase is None or subject.lower_ in _NO_SEEN_SUBJECTS:
            continue
        holder = passive_agent(verb)
        content = trim_tokens(
            doc, subject.left_edge.i, _phrases_after(verb, as_phrase).right_edge.i
        )
        if content is not None:
            events.append(
                SpeechEvent(cue=cue_record(verb), cue_token=verb, speaker=holder, content=content)
            )
    return events


# "that was seen as an attempt …": the view is of a noun outside the clause
_NO_SEEN_SUBJECTS = frozenset({"it", "there", "that", "which"})


def _phrases_after(verb: Token, first: Token) -> Token:
    """The last of the phrases that follow `first` on the verb without a break: the small
    model hangs "with the best chance to …" on "seen" rather than on "as the candidate"."""
    last = first
    for child in sorted((c for c in verb.children if c.i > first.i), key=lambda c: c.i):
        if child.dep_ in ("punct", "cc", "conj") or child.left_edge.i != last.right_edge.i + 1:
            break
        last = child
    return last


def _only_negated(verb: Token) -> bool:
    """ "did not appear to help the mayor", "does not seem to bother investors": not seeming is
    a view too (on PolNeAR train 3 of 3 negated seemings to an infinitive are annotated; after
    a modal, "would seem to suggest", 2 of 4: left out)."""
    children = list(verb.children)
    return (
        any(c.dep_ == "neg" for c in children)
        and not any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
        and not any(c.dep_ == "aux" and c.lower_ in MODALS for c in children)
        and verb.dep_ not in ("acl", "advcl", "xcomp")
    )


# "It seems to …" has no subject of its own to judge
_NO_SUBJECTS = frozenset({"it", "there"})
# Passives that report what somebody unnamed expects or says: "is expected to attend", "is
# projected to be $5 billion", "is said to have opposed the plan" (not "is supposed to", an
# obligation as often as a report, nor "is set to", "is scheduled to": plans, not views)
_HEARSAY_PASSIVES = frozenset(
    {"expect", "project", "predict", "forecast", "say", "report", "rumor", "rumour", "believe"}
)
