"""What people call for, call on others to do, and call things, without quotation marks.

"The NAACP called for a moratorium on charter schools", "Axelrod called on Howard Dean to
apologize", "Trump has called climate change a hoax": each says what its subject said, and
PolNeAR's annotators mark the object as the content. "Call" is not a speech verb otherwise
("She called her mother on Sunday"), so it gets its own reading here; with quotation marks
('called the plan “a disaster”') framing.naming_cue already takes it.

Pure: reads a parsed Doc, returns SpeechEvents for the quote finder.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .attribution import SpeechEvent
from .token_trim import trim_tokens
from .verb_events import is_infinitive, verb_events

# Entity labels that make "called on X" a time, not an appeal to somebody; a place is one
# unless it is asked to do something ("called in Ohio on Monday" against "called on the United
# Kingdom to halt the integration").
_TIMES = {"DATE", "TIME", "CARDINAL", "ORDINAL"}
_PLACES = {"GPE", "LOC", "FAC"}


def calling_events(doc: Doc, quoted: list[bool]) -> list[SpeechEvent]:
    """An event for every "call for …", "call on X to …" and "call X Y" outside quotations
    whose subject can speak."""
    return verb_events(doc, quoted, ["call"], called_content)


def called_content(verb: Token) -> tuple[int, int] | None:
    """Character offsets of what a form of "call" says, or None when it is a phone call, a
    visit or a name given without a verdict."""
    doc = verb.doc
    named = _what_is_called(verb)
    if named is not None:
        return named  # before "call for": "what supporters call a loophole for landlords"
    later = [c for c in verb.children if c.i > verb.i]
    for prep in later:
        if prep.dep_ not in ("prep", "prt") or prep.lower_ not in ("for", "on"):
            continue
        objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")] or [
            # "called on Oregon Gov. Mark Lee (R) to resign": the small model may hang
            # the addressee on the verb, right after "on"
            c
            for c in later
            if c.dep_ in ("oprd", "dobj") and c.left_edge.i == prep.i + 1
        ]
        follow = [
            c
            for c in later
            if c.i > prep.i
            and (
                c.dep_ in ("xcomp", "ccomp")
                # "called on Gov. Lee (R) to resign", the infinitive parsed as a purpose
                or prep.lower_ == "on"
                and c.dep_ == "advcl"
                and is_infinitive(c)
            )
        ]
        if not objects or objects[0].ent_type_ in _TIMES:
            continue
        if objects[0].ent_type_ in _PLACES and not (prep.lower_ == "on" and follow):
            continue
        if prep.lower_ == "on" and not follow:
            continue  # "called her mother on Sunday"; "called on Dean to apologize" has one
        last = max([prep.right_edge.i, *(c.right_edge.i for c in follow)])
        return trim_tokens(doc, prep.i + 1, last)
    # "is calling for some of his rivals to drop out", parsed as a clause marked "for"
    for clause in later:
        if clause.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "for" and c.i == clause.left_edge.i
            for c in clause.children
        ):
            return trim_tokens(doc, clause.left_edge.i + 1, clause.right_edge.i)
    # "called climate change a hoax": an object, then what it is called
    complements = [c for c in later if c.dep_ == "oprd"]
    objects = [c for c in later if c.dep_ in ("dobj", "oprd")]
    if len(objects) >= 2 and complements:
        first = min(c.left_edge.i for c in objects)
        return trim_tokens(doc, first, max(c.right_edge.i for c in complements))
    return None


def _what_is_called(verb: Token) -> tuple[int, int] | None:
    """ "is fighting what the agency calls a reckless merger": the speaker names something
    without a sentence of their own; the name and the clause that gives it are what they
    said (PolNeAR marks the "what … calls …" clause as the content, its subject the source)."""
    what = next(
        (
            c
            for c in verb.children
            if c.lower_ == "what" and c.tag_ == "WP" and c.i < verb.i and c.dep_ in _NAMED_DEPS
        ),
        None,
    )
    names = [c for c in verb.children if c.i > verb.i and c.dep_ in _NAME_DEPS]
    if what is None or not names:
        return None
    if any(t.text == "?" for t in verb.sent):
        return None  # "What do you call a merger like that?" asks; it names nothing
    # to the end of the name: "what she called “the politics of fear” in her speech"
    return trim_tokens(verb.doc, what.i, max(c.right_edge.i for c in names))


# What "what" is to "calls" in "what it calls X" (the small model varies), and what X is.
_NAMED_DEPS = frozenset({"dobj", "nsubjpass", "oprd", "attr"})
_NAME_DEPS = frozenset({"oprd", "dobj", "xcomp", "ccomp", "attr", "advcl"})
