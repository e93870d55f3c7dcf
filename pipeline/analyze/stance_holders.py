"""Who holds a position that presswatch_stances reads: the entity behind a subject phrase, the
speaker of a reported clause the quote finder left without one, and the people the text
presents as speaking for the target's own party.

* A subject phrase names its holder by itself ("Brad Smith"), by a person in apposition ("Apple's
  Deputy General Counsel, Kyle Andeer"), or by the organisation it belongs to ("FTC lawyers",
  "Apple's legal team", "officials of the Commission") — only the words directly attached to the
  phrase's head count, so "a person familiar with the company's thinking" is nobody's voice; a
  title whose name the parser hung elsewhere takes the one name set off by commas before the
  verb ("Executive Vice-President …, Margrethe Vestager, said"); a pronoun the resolver left
  alone, opening its sentence, is the subject of the sentence before ("Epic Games reacted …
  It accused Apple of …").
* A quotation whose speaker the quote finder could not resolve still has a cue verb; its
  subject, read the same way (and through "who" in "Andrew Ferguson, who called …"), is the one
  taking the position, for the stance only.
* A company's executive, lawyer or spokesperson quoted on the company's own deal or practice
  speaks for it (not a former one), and so does the other side's lawyer for the other side: a
  small prior toward that side, which any argument of their own outweighs.
Pure functions over a parsed Doc.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from spacy.tokens import Doc, Span, Token

from .lexicon import PRONOUN_LABELS, ROLE_NOUNS
from .spans import QuoteRecord, token_indices
from .stance_sides import subject_of

EntityIndex = dict[int, str]  # token index -> entity id of the mention or pronoun there

_OF_PREPOSITIONS = ("at", "of", "from")
_NAMING_DEPS = ("compound", "poss", "appos")
# Role words that say the person no longer speaks for the organisation.
_PAST_ROLE_WORDS = {"former", "ex", "ex-", "then", "onetime", "one-time", "erstwhile"}
# Role words of one who argues a party's case in its name.
_ADVOCATE_WORDS = {"lawyer", "lawyers", "attorney", "attorneys", "counsel", "prosecutor"}
# Weight of the prior for a company's own executive, lawyer or spokesperson: below what one
# clear argument weighs (1.0), so their own words decide when they say anything that scores.
REPRESENTATIVE_WEIGHT = 0.75
# Pronouns a subject may be, and the entity labels each can stand for.
_PRONOUN_KINDS = {
    "it": ("ORG",),
    "he": ("PERSON",),
    "she": ("PERSON",),
    "they": ("ORG", "PERSON"),
}


def entity_index(doc: Doc, linked: Sequence[tuple[Span, str]] | None = None) -> EntityIndex:
    """token index -> entity id. linked: the (entity, id) pairs of the Doc's entities that
    have an id, when the caller has read them already."""
    if linked is None:
        linked = [(ent, entity_id) for ent in doc.ents if (entity_id := ent._.entity_id)]
    index: EntityIndex = {}
    for ent, entity_id in linked:
        for i in range(ent.start, ent.end):
            index[i] = entity_id
    for token in (doc[i] for i in token_indices(doc, "LOWER", PRONOUN_LABELS)):
        if token._.antecedent:  # only subject pronouns get one
            index[token.i] = token._.antecedent["id"]
    return index


def holder_entity(holder: Token, index: Mapping[int, str]) -> str | None:
    """The entity a subject phrase stands for: the phrase itself, else a person in apposition,
    else the one organisation its head's own modifiers name (compound, possessor, "of"-phrase)."""
    if holder.i in index:
        return index[holder.i]
    if holder.lower_ in _PRONOUN_KINDS:
        return _previous_subject(holder, index)
    named: list[str] = []
    for child in holder.children:
        if child.dep_ == "appos" and child.i in index and child.ent_type_ == "PERSON":
            return index[child.i]  # "Apple's Deputy General Counsel, Kyle Andeer"
        if child.dep_ in _NAMING_DEPS and child.i in index:
            named.append(index[child.i])
        elif child.dep_ == "prep" and child.lower_ in _OF_PREPOSITIONS:
            named += [index[g.i] for g in child.children if g.dep_ == "pobj" and g.i in index]
    ids = set(named)
    if len(ids) == 1:
        return ids.pop()
    return _name_after_title(holder, index) if not ids else None


def _previous_subject(pronoun: Token, index: Mapping[int, str]) -> str | None:
    """ "Epic Games reacted on social media … It accused Apple of …": a pronoun the resolver
    left alone (it reads "it" only before speech verbs), opening its sentence as the main
    subject, is the subject of the sentence before when that names a fitting entity (an
    organisation for "it", a person for "he"/"she")."""
    doc = pronoun.doc
    sent = pronoun.sent
    if pronoun.head.i != sent.root.i or pronoun.i != sent.start or sent.start == 0:
        return None
    previous = doc[sent.start - 1].sent
    for subject in (c for c in previous.root.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subject.i in index and subject.ent_type_ in _PRONOUN_KINDS[pronoun.lower_]:
            return index[subject.i]
    return None


def _name_after_title(holder: Token, index: Mapping[int, str]) -> str | None:
    """ "Executive Vice-President for a Europe Fit for the Digital Age, Margrethe Vestager,
    said": a title whose name the parser hung elsewhere. The name is the one person set off by
    commas between the title and its verb."""
    if holder.lemma_.lower() not in ROLE_NOUNS or holder.head.i <= holder.i:
        return None
    between = holder.doc[holder.i + 1 : holder.head.i]
    people = {index[t.i] for t in between if t.ent_type_ == "PERSON" and t.i in index}
    commas = [t for t in between if t.text == ","]
    return people.pop() if len(people) == 1 and len(commas) >= 2 else None


def cue_speaker(doc: Doc, quote: QuoteRecord, index: Mapping[int, str]) -> str | None:
    """The entity whose words a quotation without a resolved speaker reports: the subject of its
    cue verb ("a Spotify executive saying …", "Andrew Ferguson, who called …")."""
    cue = quote["cue"]
    if quote["speaker_entity"] is not None or cue is None:
        return None
    span = doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
    if span is None or not len(span) or span.root.pos_ not in ("VERB", "AUX"):
        return None  # "according to …" has no subject
    holder = subject_of(span.root)
    return holder_entity(holder, index) if holder is not None else None


def representatives(
    person_roles: Iterable[Mapping[str, Any]], actors: Iterable[str], counter: Iterable[str] = ()
) -> dict[str, int]:
    """person id -> the side they speak for: +1 for people the text presents as working for one
    of the target's actors now ("Microsoft president Brad Smith", "Google spokesperson …"), -1
    for the lawyers of the other side ("FTC lawyer Daniel Matheson"). A regulator's own chief
    decides rather than argues, so only its advocates lean."""
    actor_ids, counter_ids = set(actors), set(counter)
    found: dict[str, int] = {}
    for role in person_roles:
        affiliation = (role.get("affiliation_entity") or {}).get("id")
        words = {w.strip(".,").lower() for w in str(role.get("role") or "").split()}
        if words & _PAST_ROLE_WORDS:
            continue
        if affiliation in actor_ids:
            found.setdefault(role["entity"]["id"], 1)
        elif affiliation in counter_ids and words & _ADVOCATE_WORDS:
            found.setdefault(role["entity"]["id"], -1)
    return found
