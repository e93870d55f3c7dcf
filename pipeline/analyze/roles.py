"""presswatch_person_roles: who a person is, as the text describes them, on Doc._.person_roles.

News prose introduces a source with a description in one of three shapes, read off the parse:
* an appositive after the name: "Sam Weinstein, a professor at the Benjamin N. Cardozo School of
  Law, …" (coordinated descriptions give one row each: "a professor at Stanford … and former
  Chief Technology Officer at Facebook");
* a title run in front of the name: "Johns Hopkins University Professor Matthew Green",
  "finance director Anil Mehta", "Tech evangelist, software developer and many-time startup
  founder Alec Muffett";
* a relative clause that says what the person is or does: "…, who heads the Open Wire
  Foundation", "…, who is a researcher at Stanford".
Each row: the person, the role words, the affiliation (an organisation named with "at/of/for",
a possessive "Facebook's former security chief", or inside the title run) and the sentence.
"""

from __future__ import annotations

from typing import TypedDict

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .attribution import entity_ref
from .lexicon import PERSON_TITLES, ROLE_NOUNS
from .spans import CharSpan, EntityRef, tokens_record
from .speakers import entity_of


class PersonRole(TypedDict):
    entity: EntityRef
    role: str
    affiliation: str | None
    affiliation_entity: EntityRef | None
    sentence: CharSpan


_AFFILIATION_PREPS = {"at", "of", "for", "with", "from", "in"}
_ORG_LABELS = {"ORG", "GPE", "NORP", "FAC"}
_RELATIVE_ROLE_VERBS = {"be", "work", "head", "lead", "run", "teach", "serve", "chair", "direct"}
_TITLE_RUN_POS = {"NOUN", "PROPN", "ADJ"}
_TITLE_RUN_PUNCT = {"-", ",", "–"}


def _is_role_word(token: Token) -> bool:
    return token.lemma_.lower() in ROLE_NOUNS or token.lower_ in PERSON_TITLES


def _affiliation_in(tokens: list[Token]) -> tuple[str | None, EntityRef | None, set[int]]:
    """The first organisation named among `tokens`: its text, entity and token indices."""
    for token in tokens:
        ent = entity_of(token)
        if ent is not None and ent.label_ in _ORG_LABELS | {"PRODUCT"}:
            return ent.text, entity_ref(ent), set(range(ent.start, ent.end))
    return None, None, set()


def _clean_role(tokens: list[Token]) -> str:
    """The role's words without edge determiners, conjunctions, prepositions or punctuation,
    spacing normalised ("a professor at" → "professor")."""
    words = [t for t in tokens if not t.is_space]
    while words and (words[0].pos_ in ("DET", "CCONJ", "ADP", "ADV") or words[0].is_punct):
        words = words[1:]
    while words and (words[-1].pos_ in ("DET", "CCONJ", "ADP", "PART") or words[-1].is_punct):
        words = words[:-1]
    text = ""
    for word in words:
        text += word.text + (word.whitespace_ if word is not words[-1] else "")
    return " ".join(text.split())


def _description_row(person: Span, head: Token) -> PersonRole | None:
    """A role from one description noun ("professor") and its modifiers, without its
    coordinated siblings and without relative clauses or verbs hanging off it."""
    skip_deps = {"conj", "cc", "relcl", "acl", "punct", "appos", "advcl"}
    tokens = [head]
    for child in head.children:
        if child.dep_ in skip_deps:
            continue
        tokens.extend(child.subtree)
    tokens = sorted(set(tokens), key=lambda t: t.i)
    if not any(_is_role_word(t) for t in tokens):
        return None
    preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in _AFFILIATION_PREPS]
    affiliation_tokens = [t for p in preps for t in p.subtree]
    possessors = [c for c in head.children if c.dep_ == "poss"]
    name, ref, used = _affiliation_in(
        affiliation_tokens + [t for p in possessors for t in p.subtree]
    )
    role_tokens = [t for t in tokens if t.i not in {x.i for x in affiliation_tokens}]
    if used:
        role_tokens = [t for t in role_tokens if t.i not in used and t.dep_ != "case"]
    role = _clean_role(role_tokens)
    if not role or role.lower() == person.text.lower():
        return None
    return _row(person, role, name, ref)


def _row(
    person: Span, role: str, affiliation: str | None, affiliation_ref: EntityRef | None
) -> PersonRole | None:
    ref = entity_ref(person)
    if ref is None:
        return None
    sent = person.sent
    return {
        "entity": ref,
        "role": role,
        "affiliation": affiliation,
        "affiliation_entity": affiliation_ref,
        "sentence": tokens_record(person.doc, sent.start, sent.end - 1),
    }


def appositive_roles(person: Span) -> list[PersonRole]:
    rows = []
    for child in person.root.children:
        # "Alex Stamos, a professor at Stanford …, and former Chief Technology Officer at
        # Facebook": the small model often hangs the second description off the name (conj).
        second_description = (
            child.dep_ == "conj" and _is_role_word(child) and entity_of(child) is None
        )
        if child.i < person.end or not (child.dep_ == "appos" or second_description):
            continue
        heads = [child] + [c for c in child.conjuncts if c.i > child.i]
        for head in heads:
            row = _description_row(person, head)
            if row is not None:
                rows.append(row)
    return rows


def title_run_roles(person: Span) -> list[PersonRole]:
    """The words right in front of the name, back to the first word that cannot be part of a
    title; comma- and "and"-separated parts are separate roles."""
    doc = person.doc
    first = person.start
    i = first - 1
    while i >= person.sent.start:
        token = doc[i]
        if token.pos_ in _TITLE_RUN_POS or token.text in _TITLE_RUN_PUNCT or token.lower_ == "and":
            ent = entity_of(token)
            if ent is not None and ent.label_ == "PERSON":
                break
            i -= 1
            continue
        break
    run = [t for t in doc[i + 1 : first] if not t.is_space]
    parts: list[list[Token]] = [[]]
    for token in run:
        if token.text in (",",) or token.lower_ == "and":
            parts.append([])
        else:
            parts[-1].append(token)
    rows: list[PersonRole] = []
    # Only the parts nearest the name that hold a role word count ("In a thread on Twitter,
    # Professor Matthew Green": "Twitter" is not a title).
    for part in reversed([p for p in parts if p]):
        if not any(_is_role_word(t) for t in part):
            break
        name, ref, used = _affiliation_in(part)
        role = _clean_role([t for t in part if t.i not in used and t.lower_ not in ("’s", "'s")])
        if role:
            row = _row(person, role, name, ref)
            if row is not None:
                rows.append(row)
    return list(reversed(rows))


def relative_clause_roles(person: Span) -> list[PersonRole]:
    rows = []
    for child in person.root.children:
        if child.dep_ != "relcl" or child.lemma_.lower() not in _RELATIVE_ROLE_VERBS:
            continue
        if child.lemma_.lower() == "be":
            attrs = [c for c in child.children if c.dep_ == "attr"]
            for attr in attrs:
                row = _description_row(person, attr)
                if row is not None:
                    rows.append(row)
            continue
        objects = [c for c in child.children if c.dep_ in ("dobj", "prep")]
        tokens = [t for o in objects for t in o.subtree]
        name, ref, _ = _affiliation_in(tokens)
        if name is not None:
            # "who teaches antitrust law at Cardozo" → role "teaches antitrust law"
            affiliation_phrase = {
                t.i
                for o in objects
                if o.dep_ == "prep" and any(t.ent_type_ for t in o.subtree)
                for t in o.subtree
            }
            words = [t for t in child.subtree if t.i >= child.i and t.i not in affiliation_phrase]
            row = _row(person, _clean_role(words) or child.lemma_.lower(), name, ref)
            if row is not None:
                rows.append(row)
    return rows


def find_person_roles(doc: Doc) -> list[PersonRole]:
    rows: list[PersonRole] = []
    seen: set[tuple[str, str, str | None]] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent._.entity_id is None:
            continue
        for row in [*title_run_roles(ent), *appositive_roles(ent), *relative_clause_roles(ent)]:
            key = (row["entity"]["id"], row["role"].lower(), row["affiliation"])
            if key not in seen:
                seen.add(key)
                rows.append(row)
    return rows


@Language.component("presswatch_person_roles")
def person_roles(doc: Doc) -> Doc:
    doc._.person_roles = find_person_roles(doc)
    return doc
