"""Checks a tagged content must pass when the gate is less sure of it (tagged_quotes.py).

The gate (attribution_gate.py) scores each content the attribution tagger marks that no rule
quote holds. Above its threshold a content becomes a quote as it is. Between a lower
"clause threshold" and that threshold about half the contents are real attributions on
PolNeAR, but the other half are what a reader would never call a quote: a thing someone used
("they use whatever their family uses"), the end of one phrase and the start of another
("[an essay in the] Gazette this week defending …"), the journalist's own
clause after the attribution ("…, an official said, even as researchers welcomed …"), a
heading that runs into the next paragraph, or a speaker that cannot speak ("the timing tells
its own story"). So a less certain content is taken only when it reads as somebody's
statement: every check below holds.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .attribution_gate import has_finite_verb
from .framing import TokenIndex
from .speakers import is_plausible_speaker

# Words that open a clause subordinate to the sentence's own verb: a content that starts with
# one is the circumstance of the speaking ("…, she said, as the vote began"), not its content.
_SUBORDINATORS = frozenset(
    "as while if when whether although though because after before unless since even".split()
)


def is_subordinate_clause(span: Span) -> bool:
    """ "as researchers welcomed the promise", "if the system stays open": an adverbial clause,
    by its opening word or by the parse (an advcl with its own conjunction)."""
    first = span[0]
    if first.lower_ in _SUBORDINATORS and first.dep_ in ("mark", "advmod", "prep"):
        return True
    root = span.root
    return root.dep_ == "advcl" and any(c.dep_ == "mark" for c in root.children)


def starts_inside_a_phrase(span: Span) -> bool:
    """ "[wrote an essay in the] Harbour Gazette this week defending …": the span begins at a
    preposition's object whose preposition is outside it, so it is the end of one phrase
    and the start of another, not a thing anybody said."""
    return any(t.dep_ == "pobj" and t.head.i < span.start for t in span)


def reads_as_statement(
    span: Span,
    cue: Span,
    speaker: Token | None,
    index: TokenIndex,
    *,
    named: bool,
    attributing: bool,
) -> bool:
    """A clause with a finite verb, or, when the speaker is `named` (resolved to an entity),
    a phrase that does not begin inside another phrase ("endorsed the plan", "announced a
    review"); not a subordinate clause; on one line; cued in the same sentence by a cue that
    is `attributing` (tagged_quotes.is_attributing_cue: "said", "argued", "believes"; not
    "use" or "approve"), unless the speaker is `named` and the content is a clause ("the
    senator downplayed the attack that had split her party": PolNeAR annotates acts and
    attitudes as well as speech, and with a named speaker such clauses were attributions more
    often than not, where "they use whatever their family uses" has nobody named); with nobody
    named or a speaker that can speak (a person, an organisation, a pronoun, a group: the test
    the rules apply to weak verbs). Phrases by unnamed speakers are left out: on PolNeAR dev
    their speakers were wrong often enough to take speaker accuracy under 0.92."""
    first, last = span.start, span.end - 1
    clause = has_finite_verb(span)
    return (
        (clause or (named and not starts_inside_a_phrase(span)))
        and not is_subordinate_clause(span)
        and index.line[first] == index.line[last]
        and index.sentence[cue.start] in (index.sentence[first], index.sentence[last])
        and (attributing or (named and clause))
        and (speaker is None or is_plausible_speaker(speaker, weak_verb=True))
    )
