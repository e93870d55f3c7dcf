""" "The company" as a mention of the organisation the story is about.

News prose names its subject once or twice and then says "the company": "However, in order to
offer services for free, the company needs to run data-driven ads." When one knowledge-base
organisation clearly dominates the document (named at least `min_mentions` times, and more often
than any other), each definite "the <noun>" for a noun in `nouns` links to it — unless the noun
phrase describes some other company ("the company running the service", "the company that
…", "the company of …"), which is generic, not the subject. An epithet ("the tech giant",
"the iPhone maker") links with its modifiers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable

from spacy.tokens import Doc, Span

from .spans import token_indices

_DESCRIBING_DEPS = {"relcl", "acl", "prep", "appos"}
# Nouns that news prose uses only as epithets of the company in the story, with or without a
# modifier: "the tech giant", "the social-media giant", "the iPhone maker".
EPITHETS = frozenset({"giant", "maker"})


def story_subject(
    spans: Iterable[Span], min_mentions: int, not_companies: Container[str] = ()
) -> str | None:
    """The knowledge-base organisation named most often, if it clearly leads. Regulators and
    courts (not_companies) are never "the company", however often the story names them."""
    counts = Counter(
        s.kb_id_ for s in spans if s.kb_id_ and s.label_ == "ORG" and s.kb_id_ not in not_companies
    )
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < min_mentions:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None  # two organisations share the story: "the company" could be either
    return ranked[0][0]


def story_subject_mentions(
    doc: Doc,
    spans: list[Span],
    nouns: frozenset[str],
    min_mentions: int,
    not_companies: Container[str] = (),
) -> list[Span]:
    subject = story_subject(spans, min_mentions, not_companies)
    if subject is None:
        return []
    covered = {i for span in spans for i in range(span.start, span.end)}
    found = []
    for token in (doc[i] for i in token_indices(doc, "LEMMA", nouns) if i > 0):
        determiner = doc[token.i - 1]
        if token.lemma_.lower() in EPITHETS:  # "the tech giant": the article before modifiers
            determiner = next((c for c in token.lefts if c.dep_ == "det"), determiner)
        if (
            token.lemma_.lower() not in nouns
            or token.tag_ != "NN"
            or determiner.lower_ != "the"
            or determiner.head.i != token.i
        ):
            continue
        if any(i in covered for i in range(determiner.i, token.i + 1)):
            continue
        epithet = token.lemma_.lower() in EPITHETS
        if any(
            c.dep_ in _DESCRIBING_DEPS
            and c.i > token.i
            and c.lower_ not in ("’s", "'s")
            and not (epithet and c.dep_ == "prep")  # "accused the tech giant of violating …"
            for c in token.children
        ):
            continue
        if not epithet and any(c.dep_ in ("compound", "amod") for c in token.children):
            continue  # "the parent company", "the tech company": a description, maybe of another
        found.append(Span(doc, determiner.i, token.i + 1, label="ORG", kb_id=subject))
    return found
