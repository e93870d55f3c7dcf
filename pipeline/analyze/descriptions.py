""" "The professor said …": a definite description as a speaker, resolved to the nearest earlier
person the text described that way (presswatch_person_roles rows on Doc._.person_roles).

"the minister" → the latest person before it with a role holding "minister" ("Finance
Minister Ana Ruiz", "Ana Ruiz, the finance minister"); titles count in full ("Sen." →
senator). No such person → no entity: a description is never guessed onto someone whose role
was not stated. An indefinite description in a lede ("a former competition official said") is
the person described with the same words later on (introduced_later).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .lexicon import PERSON_NOUNS, ROLE_NOUNS
from .spans import EntityRef

# Abbreviated titles and the noun a later description uses for them.
TITLE_WORDS: dict[str, str] = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "prof": "professor",
    "dr": "doctor",
    "pres": "president",
    "gen": "general",
    "sec": "secretary",
    "atty": "attorney",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
}
_DESCRIPTION_NOUNS = ROLE_NOUNS | PERSON_NOUNS


def role_words(role: str) -> set[str]:
    words = set()
    for word in re.findall(r"[A-Za-z][A-Za-z-]*", role.lower()):
        words.add(TITLE_WORDS.get(word, word))
        if word.endswith("s"):
            words.add(word[:-1])
    return words


def _is_singular_common_noun(token: Token) -> bool:
    # The small model tags a lower-case "minister" after a quotation as a proper noun at times.
    return token.tag_ == "NN" or (token.tag_ == "NNP" and token.is_lower)


def is_definite_description(head: Token) -> bool:
    """ "the professor", "the former minister" — not "a professor", not "professors"."""
    return (
        _is_singular_common_noun(head)
        and head.lemma_.lower() in _DESCRIPTION_NOUNS
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
    )


def _description_words(head: Token) -> set[str]:
    words = {head.lemma_.lower()}
    for child in head.children:
        if child.dep_ in ("amod", "compound") and child.i < head.i:
            words.add(child.lower_)
    return words


def introduced_later(head: Token) -> EntityRef | None:
    """ "…, a former competition official said on Monday." with "said Priya Natarajan, a former
    competition official …" further down: wire copy names the source after describing them.
    Only a person described later with every word of this description counts."""
    if not (
        _is_singular_common_noun(head)
        and head.lemma_.lower() in _DESCRIPTION_NOUNS
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
    ):
        return None
    wanted = _description_words(head)
    if len(wanted) < 2:
        return None  # "a researcher" alone could be anyone
    later = [
        r
        for r in head.doc._.person_roles or []
        if r["sentence"]["start"] > head.idx and wanted <= role_words(r["role"])
    ]
    if not later:
        return None
    return dict(min(later, key=lambda r: r["sentence"]["start"])["entity"])  # type: ignore[return-value]


def described_person(head: Token) -> EntityRef | None:
    if not is_definite_description(head):
        return introduced_later(head)
    noun = head.lemma_.lower()
    rows = head.doc._.person_roles or []
    earlier = [
        r for r in rows if r["sentence"]["start"] < head.idx and noun in role_words(r["role"])
    ]
    if not earlier:
        return None
    latest = max(earlier, key=lambda r: r["sentence"]["start"])
    return dict(latest["entity"])  # type: ignore[return-value]
