"""Who can be a speaker, and which words name them: the tests the quote finder and the verb
readers put to a subject ("Can this speak?"), the name behind a title or a relative pronoun,
and the entity span around a token. Pure functions on the parse."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import (
    DOCUMENT_NOUNS,
    ORGANIZATION_VOICE_NOUNS,
    PERSON_NOUNS,
    PRONOUN_LABELS,
    ROLE_NOUNS,
)

_SPEAKING_PRONOUNS = {"i", "we", "you", *PRONOUN_LABELS}
_SPEAKER_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


def entity_of(token: Token) -> Span | None:
    """The entity span around the token, found from the IOB tags next to it (building
    doc.ents on every call made this the stage's hottest line). Extension values such as
    _.entity_id belong to the span's offsets, so they are the same as on doc.ents."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_, kb_id=token.ent_kb_id_)


def named_speaker(head: Token) -> Token:
    """ "My friend Helena Marsh, a cryptographer, argues": the name, not "My friend"."""
    own = entity_of(head)
    if own is not None and own.label_ == "PERSON":
        return head
    if own is None and head.pos_ != "NOUN" and quantified_group(head) is None:
        return head
    titles = [head, *(c for c in head.children if c.dep_ == "conj")]
    if own is not None:
        # "Apple's Deputy General Counsel, Kyle Andeer" or "Google SVP of global affairs and
        # chief legal officer Kent Walker": a title the tagger read as an organisation.
        named = [c for t in titles for c in t.children if c.dep_ == "appos" and _person_root(c)]
        # "… and chief legal officer Kent Walker" parsed as a conjunct: a name with its own
        # title word is the same person's, where a bare "Acme and Kent Walker" is two speakers
        named += [t for t in titles[1:] if _person_root(t) and _has_title_word(t)]
        return named[0] if named else head
    for title in titles:
        for child in title.children:
            ent = entity_of(child) if child.dep_ in ("appos", "compound") else None
            # "several GOP senators" are people, not the GOP: an organisation only in apposition.
            labels = ("PERSON", "ORG") if child.dep_ == "appos" else ("PERSON",)
            if ent is not None and ent.label_ in labels and ent.root.i == child.i:
                return child
    return head


_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})


def relative_antecedent(head: Token) -> Token | None:
    """The noun a relative pronoun stands for: "Smith" for "who" in "Smith, who … said". The
    mention stays "who" (annotators mark the pronoun); the entity is the antecedent's. The
    noun right before the pronoun comes first: the parser often hangs the relative clause on
    a noun further left ("comments from CEO Kotick who said")."""
    if head.lower_ not in _RELATIVE_PRONOUNS or head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    before = head.i - 1
    if before >= 0 and head.doc[before].text == ",":
        before -= 1
    if before >= head.sent.start and _can_be_antecedent(head.doc[before]):
        return head.doc[before]
    verb = head.head
    if verb.dep_ == "relcl" and _can_be_antecedent(verb.head):
        return verb.head
    return None


def _can_be_antecedent(token: Token) -> bool:
    """A noun, or a pronoun for a group of people: "those who say", "many who said"."""
    return token.pos_ in ("NOUN", "PROPN") or token.lower_ in _GROUP_SUBJECTS | {"those"}


def _person_root(token: Token) -> bool:
    ent = entity_of(token)
    return ent is not None and ent.label_ == "PERSON" and ent.root.i == token.i


def _has_title_word(name: Token) -> bool:
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.is_lower for c in name.children)


def is_plausible_speaker(head: Token, weak_verb: bool) -> bool:
    """Can this subject speak? Weak verbs ("suggests", "notes") need a person or organisation;
    strong ones ("said", "wrote") accept any noun phrase."""
    lower, lemma = head.lower_, head.lemma_.lower()
    if head.ent_type_ in _SPEAKER_ENTITY_LABELS:
        return True
    antecedent = relative_antecedent(head)
    if antecedent is not None:
        # "voters who said …", "those who say …": the relative pronoun speaks for its noun
        return antecedent.lower_ == "those" or is_plausible_speaker(antecedent, weak_verb)
    if lower in _SPEAKING_PRONOUNS:
        return not (weak_verb and lower in ("it", "you"))
    if lemma in PERSON_NOUNS or lemma in ORGANIZATION_VOICE_NOUNS:
        return True
    if lemma in ROLE_NOUNS or lemma in _BODIES:
        return True  # "the nominee reported …", "police reported …", "the committee noted …"
    if lower in _GROUP_SUBJECTS and not weak_verb:
        return True  # "some say", "others argued", "all agreed": people, unnamed
    if _picked_out_people(head) and not weak_verb:
        return True  # "those surveyed said", "those polled say": a poll's respondents
    group = quantified_group(head)
    if group is not None:
        # "one of the family's attorneys, Justin Bamberg, said", "many of whom say": the
        # speakers are the group's
        return group.lower_ in _GROUP_PRONOUNS or is_plausible_speaker(group, weak_verb)
    if weak_verb:
        return False
    # a poll's share speaks for its respondents: "One in five said", "39 percent say", "nine
    # out of 10 say"
    return lemma in DOCUMENT_NOUNS or head.pos_ in ("NOUN", "PROPN", "NUM") or _tagged_adverb(head)


def _tagged_adverb(head: Token) -> bool:
    """ "The union counteroffer argued": a noun the tagger took for an adverb, a subject
    with the modifiers of a noun in front of it."""
    modifiers = ("det", "compound", "amod", "poss")
    return (
        head.pos_ == "ADV"
        and head.dep_ in ("nsubj", "nsubjpass")
        and any(c.dep_ in modifiers and c.i < head.i for c in head.children)
    )


def _picked_out_people(head: Token) -> bool:
    """ "those surveyed", "those polled": "those" picked out by a participle is people (the
    pronoun alone, "those are the facts", is not)."""
    return head.lower_ == "those" and any(
        c.dep_ == "acl" and c.tag_ == "VBN" and c.i == head.i + 1 for c in head.children
    )


# People acting together who report and note things as a person does (a weak verb asks for a
# person or an organisation; these are seldom tagged as entities).
_BODIES = frozenset(
    """
    police media medium nominee candidate campaign committee court council board commission
    administration union party legislature prosecutor investigator caucus coalition panel
    """.split()
)
_GROUP_PRONOUNS = frozenset({"whom", "them", "us", "those", "these"})
_GROUP_SUBJECTS = frozenset(
    "some others many most all several few both everyone everybody someone somebody".split()
)


def quantified_group(head: Token) -> Token | None:
    """The group a number or quantifier subject picks from: "attorneys" in "one of the
    family's attorneys", "whom" in "many of whom"."""
    if head.pos_ not in ("NUM", "ADJ", "DET", "PRON") or head.lower_ in _SPEAKING_PRONOUNS:
        return None
    # "two-thirds of Democratic voters": the "of" hangs on "thirds", the number's quantmod
    holders = [head, *(c for c in head.children if c.dep_ == "quantmod")]
    for prep in (c for holder in holders for c in holder.children):
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None
