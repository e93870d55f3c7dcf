"""Who speaks a content the attribution tagger marked (tagged_quotes.py): the subject the
parse gives its cue, when that subject can speak at all."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .attribution import inverted_subject, subject_of


def cue_speaker(cue: Span, content: Span) -> Token | None:
    """The speaker the parse gives the cue: "X said", "…, said X", "according to X"."""
    for token in cue:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if source is not None:
                return source
    verbs = [t for t in cue if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return None
    verb = verbs[0]
    subject = subject_of(verb)
    if subject is None:
        subject = inverted_subject(verb, min(len(cue.doc), verb.i + 4))
    if subject is not None and content.start <= subject.i < content.end:
        return None
    return subject


_NOT_SPEAKERS = frozenset("which that what whom whose the a an".split())


def can_be_source(head: Token | None) -> bool:
    """A noun, a name or a personal pronoun: the tagger's Source spans are sometimes a verb
    ("shouts") or a relative word ("which"), and a parse's subject can be a determiner or the
    empty "it" of "it is assumed that …", "it seems …"."""
    return (
        head is not None
        and head.pos_ in ("NOUN", "PROPN", "PRON")
        and head.lower_ not in _NOT_SPEAKERS
        and not _empty_it(head)
    )


# Verbs whose subject "it" stands for nothing ("it is unclear whether …", "it turns out …").
_EMPTY_IT_VERBS = frozenset({"be", "seem", "appear", "turn", "remain"})


def _empty_it(head: Token) -> bool:
    """ "It is assumed that …", "it seems …": the subject of a passive or of a copula holds no
    speaker (PolNeAR train and held-out: such contents were given "it" and annotated with no
    source or another one, never "it")."""
    return head.lower_ == "it" and (
        head.dep_ in ("expl", "nsubjpass") or head.head.lemma_.lower() in _EMPTY_IT_VERBS
    )
