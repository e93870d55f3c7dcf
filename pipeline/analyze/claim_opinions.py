"""Opinions without checkable content: what is not a claim however topical it is.

"This is revisionist history" (a verdict), "I hope the FTC learned its lesson" (a feeling),
"May next week's WWDC be a celebration" (a wish), "Let's call this what it is" (an
exhortation), "Our aim is to restore competition" / "Today we seek to stop the deal" (the
speaker's aim): a reader could not check any of them against what happened.
"""

from __future__ import annotations

import numpy
from spacy.tokens import Doc, Span

from .spans import token_indices

# Hedges from the weakest commitment to the strongest; the first found on a claim is its hedge.
HEDGES: tuple[str, ...] = (
    "might",
    "may",
    "could",
    "possibly",
    "perhaps",
    "likely",
    "probably",
    "can",
    "should",
    "would",
    "will",
    "wo",  # "wo" is how the tokenizer splits "won't"
)
# Verbs of feeling and opinion: with "I"/"we" as subject the sentence states a view.
OPINION_VERBS: frozenset[str] = frozenset(
    "hope think believe feel want wish like love fear worry expect trust doubt".split()
)
# Words that evaluate rather than describe ("is revisionist history", "is bad for Britain").
EVALUATIVE_WORDS: frozenset[str] = frozenset(
    """
    good bad great wrong right fair unfair flawed important hard difficult challenging
    interesting clear necessary essential inadequate unacceptable wonderful terrible huge big
    revisionist serious dark darkest disappointing disappointed pleased happy unhappy
    confident concerned worried optimistic sceptical skeptical negotiation injunction history
    thing situation example milestone step problem mistake win victory success nightmare
    enough easy blow beginning era insufficient vague blunt
    """.split()
)
# The speaker's own aims and wishes: with "we"/"I" as subject they say what is wanted, not
# what is: "we seek to stop", "we invite all gatekeepers to come and talk", "we stand for".
AIM_VERBS: frozenset[str] = frozenset("seek aim intend strive invite stand wait".split())
# "Our aim is to …", "The goal is to …": a copula whose subject names an aim.
AIM_NOUNS: frozenset[str] = frozenset("aim goal mission purpose intention ambition".split())

# A party's attitude told by the reporter: "Facebook also takes issue with the breakup",
# "Privacy campaigners worry that …", "the CMA was concerned that …", "Smith has backtracked
# on his criticism": who thinks what (stance evidence), not a checkable fact of the story.
ATTITUDE_VERBS: frozenset[str] = frozenset(
    """
    worry fear welcome criticize criticise praise applaud hail condemn slam blast backtrack
    cite want wish doubt double take
    """.split()
)
# "takes issue with", "doubled down on", "cited concerns over": the verb needs its object.
_ATTITUDE_OBJECTS = {"take": {"issue", "aim"}, "double": {"down"}, "cite": {"concern"}}
ATTITUDE_STATES: frozenset[str] = frozenset(
    """
    concerned worried surprised positive pleased happy disappointed critical sceptical
    skeptical confident optimistic wary
    """.split()
)


def span_roots(span: Span) -> list:
    """The span's tokens whose head is themselves or outside the span, in order. Read from the
    Doc's head indices (head_indices): iterating the span and asking each Token for its head
    built two Token objects per word, for the one or two roots a sentence has."""
    heads, start, end = head_indices(span.doc), span.start, span.end
    doc = span.doc
    return [doc[i] for i in range(start, end) if heads[i] == i or not (start <= heads[i] < end)]


_HEADS_KEY = "presswatch:heads"


def head_indices(doc: Doc) -> list[int]:
    """Every token's head as a token index (`token.head.i`), from the Doc's HEAD array, once per
    Doc. Built again if the Doc's length changed (a merge retokenizes it); the components that
    read it run after the parser and the entity merges, and change no head."""
    heads = doc.user_data.get(_HEADS_KEY)
    if isinstance(heads, list) and len(heads) == len(doc):
        return heads
    heads = (
        (numpy.arange(len(doc)) + doc.to_array("HEAD").astype("int64")).tolist() if len(doc) else []
    )
    doc.user_data[_HEADS_KEY] = heads
    return heads


def opinion_only(span: Span) -> bool:
    """ "This is revisionist history", "It's a challenging situation", "I hope the FTC learned
    its lesson", "May next week's WWDC be a celebration": a verdict, a feeling or a wish about
    something, with nothing a reader could check. A main verb that is an event or a state
    ("filed", "approved", "are more than five years old") is checkable."""
    roots = span_roots(span)
    root = next((t for t in roots if t.pos_ in ("VERB", "AUX")), roots[0] if roots else None)
    if root is None:
        return True
    first = next((t for t in span if t.is_alpha), None)
    if first is not None and first.lower_ == "may" and (first.i == root.i or first.tag_ == "MD"):
        return True  # a wish: a sentence opens with the modal only in a wish or a question
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    first_person = any(s.lower_ in ("i", "we") for s in subjects)
    if first_person and root.lemma_.lower() in OPINION_VERBS | AIM_VERBS:
        return True  # "I hope …", "we think …", "we seek to …": the speaker's feeling or aim
    if first is not None and first.lower_ == "let" and first.i + 1 < span.end:
        if span.doc[first.i + 1].lower_ in ("'s", "’s", "us"):
            return True  # "Let's call this …": an exhortation
    if root.lemma_ == "be" and any(s.lemma_.lower() in AIM_NOUNS for s in subjects):
        return True  # "Our aim is to roll back …"
    if _generic_present(root, subjects, span):
        return True  # "Antitrust laws exist to protect consumers": a maxim, not an event
    conditional = any(
        c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
        for c in root.children
    )
    if (
        root.lemma_ == "be"
        and not conditional
        and not any(t.dep_ == "neg" or t.lower_ in HEDGES for t in span)
    ):
        # (a hedged or negated verdict — "could be good or bad", "is not a good way to make
        # money" — says what may or may not hold, and stays a claim)
        predicates = [c for c in root.children if c.dep_ in ("acomp", "attr")]
        evaluative = [
            p
            for p in predicates
            if p.lemma_.lower() in EVALUATIVE_WORDS
            or any(a.lemma_.lower() in EVALUATIVE_WORDS for a in p.children if a.dep_ == "amod")
        ]
        return bool(predicates) and len(evaluative) == len(predicates)
    return False


def reports_an_attitude(span: Span) -> bool:
    """The reporter telling what a party (not "I"/"we") thinks or feels about something:
    its main verb is an attitude ("worry", "welcome", "take issue with") or "be" with an
    attitude state ("was concerned that", "were broadly positive about")."""
    root = next((t for t in span_roots(span) if t.pos_ in ("VERB", "AUX")), None)
    if root is None:
        return False
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if not subjects or any(s.lower_ in ("i", "we") for s in subjects):
        return False
    lemma = root.lemma_.lower()
    if lemma in ATTITUDE_VERBS:
        needed = _ATTITUDE_OBJECTS.get(lemma)
        if needed is None:
            return True
        return any(t.lemma_.lower() in needed for t in root.subtree if t.i != root.i)
    return lemma == "be" and any(
        c.dep_ == "acomp" and c.lemma_.lower() in ATTITUDE_STATES for c in root.children
    )


def _generic_present(root, subjects: list, span: Span) -> bool:
    """A timeless statement about a kind, not about the story's parties: a bare plural or
    "every …" subject with a simple-present main verb and no hedge ("Acquisitions to improve an
    acquired firm are not unlawful", "People use Google because they choose to", "Antitrust
    laws exist to protect consumers")."""
    if root.tag_ not in ("VBP", "VBZ") or any(t.lower_ in HEDGES for t in span):
        return False
    for subject in subjects:
        if any(t.pos_ == "PROPN" for t in subject.subtree):
            continue  # "Messenger and Instagram direct messages are readable": the story's own
        if subject.tag_ == "NNS" and not any(
            c.dep_ in ("det", "poss", "nummod", "predet") for c in subject.children
        ):
            return True
        if any(c.lower_ in ("every", "any") for c in subject.children if c.dep_ == "det"):
            return True
    return False


_NEGATIONS_KEY = "presswatch:negations"


def negation_indices(doc: Doc) -> list[int]:
    """Indices of the tokens whose dependency label is "neg" (`token.dep_ == "neg"`), from the
    Doc's DEP array, once per Doc (rebuilt if the Doc's length changed, as head_indices)."""
    found = doc.user_data.get(_NEGATIONS_KEY)
    if isinstance(found, tuple) and found[0] == len(doc):
        return found[1]
    negations = token_indices(doc, "DEP", ["neg"])
    doc.user_data[_NEGATIONS_KEY] = (len(doc), negations)
    return negations
