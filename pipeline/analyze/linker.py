"""presswatch_entity_linker: cleans the entity spans and gives each a stable id.

* KB names (set by presswatch_kb_ruler, or matched here when the ruler is switched off) get the
  KB id and name.
* Surname and title mentions ("Stamos", "Prof. Green") get the id of the KB person whose full
  name is in the same document; the same holds for people outside the KB ("Nichols" after
  "Tyre Nichols"). A surname the NER missed is added only after the full name appeared.
  Without the full name, a surname the NER tagged as a name ("Sweeney", "Judge Mehta") links
  to the one KB person with that surname, unless two listed people share it or somebody else
  with it is named in full in the text.
* "the company" links to the organisation the story is about, when one clearly dominates
  (story_subject.py).
* Everything else gets "auto:<label>:<slug>", with the longest name seen as canonical name.
* Junk is dropped: a PERSON/ORG/PRODUCT with no proper noun in it ("Tech evangelist",
  "Sponsored"), an ORG that is a job title ("VP of Regulatory Affairs"); stray edges ("the",
  possessive "’s", line breaks) are trimmed.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .knowledge_base import KnowledgeBase, strip_title
from .lexicon import PERSON_TITLES, ROLE_NOUNS, VALUE_LABELS
from .spans import auto_entity_id, token_indices
from .story_subject import story_subject_mentions

_NAME_LABELS_NEEDING_PROPN = {"PERSON", "ORG", "PRODUCT"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_NOT_COMPANIES = {"regulator", "court"}  # never "the company" of a story
_OFTEN_MISTAKEN_FOR_PEOPLE = {"ORG", "GPE", "NORP", "PRODUCT", "FAC", "LOC", "WORK_OF_ART"}


def trim_entity(span: Span) -> Span | None:
    """Drop leading lower-case "the", possessives, punctuation and whitespace at the edges."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_space or doc[start].is_punct or doc[start].text == "the"):
        start += 1
    while end > start and (
        doc[end - 1].is_space
        or (doc[end - 1].is_punct and doc[end - 1].text != ".")
        or doc[end - 1].text in _POSSESSIVE
    ):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_, kb_id=span.kb_id_)


def is_junk(span: Span) -> bool:
    if span.kb_id_ or span.label_ in VALUE_LABELS:
        return False
    if span.label_ == "ORG" and span[0].lower_ in ROLE_NOUNS:
        return True  # a job title the NER took for a company: "VP of Regulatory Affairs"
    if span.label_ in _NAME_LABELS_NEEDING_PROPN and not any(t.pos_ == "PROPN" for t in span):
        return True
    return not any(c.isupper() or c.isdigit() for c in span.text)


def relabel_people_named_elsewhere(spans: list[Span]) -> list[Span]:
    """The NER labels the same person differently across a document: "Nadia Ferreira" ORG but
    "Ferreira" PERSON, or "Marcus Bell" PERSON but "Bell" ORG. A proper name that matches a
    person's full name or surname elsewhere in the document is that person."""
    lone_surnames = {s.text for s in spans if s.label_ == "PERSON" and len(s) == 1}
    full_name_surnames = {s[-1].text for s in spans if s.label_ == "PERSON" and len(s) > 1}
    fixed = []
    for span in spans:
        if (
            not span.kb_id_
            and span.label_ in _OFTEN_MISTAKEN_FOR_PEOPLE
            and all(t.pos_ == "PROPN" for t in span)
        ):
            full_name = 2 <= len(span) <= 3 and span[-1].text in lone_surnames
            # "Mayor Gloria Tran said … Tran said": the surname alone tagged ORG.
            surname = len(span) == 1 and span.text in full_name_surnames
            if full_name or surname:
                span = Span(span.doc, span.start, span.end, label="PERSON")
        fixed.append(span)
    return fixed


def _other_people_surnames(spans: list[Span]) -> frozenset[str]:
    """Surnames of people named in full here who are not in the knowledge base: "Tom Kaplan"
    in a text makes "Kaplan" his, not the listed Joel Kaplan's."""
    return frozenset(
        words[-1]
        for span in spans
        if span.label_ == "PERSON" and not span.kb_id_ and len(words := _name_words(span)) > 1
    )


def _reads_as_a_name(span: Span) -> bool:
    """A surname the NER tagged as a name on its own: PERSON, or a label it often gives people
    ("Sweeney" as ORG), capitalised and a proper noun; title + surname ("Judge Mehta") too.
    A common word never gets here ("green" is no entity; "Marsh Road" is two words)."""
    if span.label_ != "PERSON" and span.label_ not in _OFTEN_MISTAKEN_FOR_PEOPLE:
        return False
    last = span[-1]
    return last.pos_ == "PROPN" and last.text[:1].isupper()


def _name_words(span: Span) -> list[str]:
    return strip_title([t.text for t in span if not t.is_space])


class EntityLinker:
    def __init__(
        self,
        nlp: Language,
        name: str,
        add_missed_surnames: bool,
        story_subject_nouns: list[str],
        story_subject_min_mentions: int,
    ) -> None:
        self.name = name
        self.add_missed_surnames = add_missed_surnames
        self.story_subject_nouns = frozenset(n.lower() for n in story_subject_nouns)
        self.story_subject_min_mentions = story_subject_min_mentions
        self.knowledge_base = KnowledgeBase()

    def set_knowledge_base(self, knowledge_base: KnowledgeBase) -> None:
        self.knowledge_base = knowledge_base

    def __call__(self, doc: Doc) -> Doc:
        kb = self.knowledge_base
        spans = []
        for ent in doc.ents:
            trimmed = trim_entity(ent)
            if trimmed is None or is_junk(trimmed):
                continue
            entity_id = trimmed.kb_id_ or kb.anchored_aliases.get(trimmed.text, "")
            if entity_id:
                trimmed = Span(
                    doc,
                    trimmed.start,
                    trimmed.end,
                    label=kb.entities[entity_id].label,
                    kb_id=entity_id,
                )
            spans.append(trimmed)
        if self.add_missed_surnames:
            spans = sorted([*spans, *self._missed_surnames(doc, spans)], key=lambda s: s.start)
        spans = relabel_people_named_elsewhere(spans)
        positions = self._full_name_positions(spans)
        others = _other_people_surnames(spans)
        spans = [self._link_surname(span, positions, others) for span in spans]
        if self.story_subject_nouns:
            spans = sorted(
                [
                    *spans,
                    *story_subject_mentions(
                        doc,
                        spans,
                        self.story_subject_nouns,
                        self.story_subject_min_mentions,
                        {e.id for e in kb.entities.values() if e.kind in _NOT_COMPANIES},
                    ),
                ],
                key=lambda s: s.start,
            )
        doc.ents = spans
        self._set_ids(doc)
        return doc

    def _full_name_positions(self, spans: list[Span]) -> dict[str, list[int]]:
        """Where each KB person's full (anchored) name occurs, by token index."""
        positions: dict[str, list[int]] = {}
        for span in spans:
            if span.kb_id_ and span.label_ == "PERSON" and len(_name_words(span)) > 1:
                positions.setdefault(span.kb_id_, []).append(span.start)
        return positions

    def _link_surname(
        self, span: Span, positions: dict[str, list[int]], others: frozenset[str]
    ) -> Span:
        if span.kb_id_ or span.label_ in VALUE_LABELS:
            return span
        words = _name_words(span)
        if len(words) != 1 or words[0] not in self.knowledge_base.surname_aliases:
            return span
        owners = self.knowledge_base.surname_aliases[words[0]]
        candidates = [i for i in owners if i in positions]
        earlier = [
            (max(p for p in positions[i] if p < span.start), i)
            for i in candidates
            if any(p < span.start for p in positions[i])
        ]
        if earlier:
            chosen = max(earlier)[1]
        elif span.label_ == "PERSON" and candidates:
            # A headline or caption may use the surname before the body gives the full name.
            chosen = min((min(positions[i]), i) for i in candidates)[1]
        elif len(owners) == 1 and words[0] not in others and _reads_as_a_name(span):
            # "Sweeney said …", "Judge Mehta wrote …" with no full name in this text: the one
            # person of the knowledge base with that surname, unless somebody else with it is
            # named here (then the surname is theirs) or two listed people share it.
            chosen = owners[0]
        else:
            return span
        return Span(span.doc, span.start, span.end, label="PERSON", kb_id=chosen)

    def _missed_surnames(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Surname tokens the NER missed, for people whose full name appeared earlier."""
        covered = {i for span in spans for i in range(span.start, span.end)}
        full_names: dict[str, int] = {}  # surname -> first token index of a full-name mention
        for span in spans:
            words = _name_words(span)
            if span.label_ == "PERSON" and len(words) > 1:
                full_names.setdefault(words[-1], span.start)
        kb_positions = self._full_name_positions(spans)
        for alias, entity_ids in self.knowledge_base.surname_aliases.items():
            seen = [min(kb_positions[i]) for i in entity_ids if i in kb_positions]
            if seen and len(alias.split()) == 1:
                full_names[alias] = min([*seen, full_names.get(alias, len(doc))])
        added = []
        for token in (doc[i] for i in token_indices(doc, "ORTH", full_names)):
            first_seen = full_names.get(token.text)
            if first_seen is None or token.i in covered or token.i <= first_seen:
                continue
            # the tagger sometimes makes a surname opening a paragraph a common noun
            # ("Newstead’s primary defense"): as a subject or possessor it is still the name
            as_name = token.pos_ == "PROPN" or (
                token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass", "poss")
            )
            if not as_name or not token.text[:1].isupper():
                continue
            before = doc[token.i - 1] if token.i > 0 else None
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            # "Sam Green" or "Green Party" is some other name, not a surname mention.
            if after is not None and after.pos_ == "PROPN":
                continue
            if before is not None and before.pos_ == "PROPN" and before.lower_ not in PERSON_TITLES:
                continue
            added.append(Span(doc, token.i, token.i + 1, label="PERSON"))
        return added

    def _set_ids(self, doc: Doc) -> None:
        kb = self.knowledge_base
        ents = list(doc.ents)
        unknown_people = {
            index: _name_words(ent)
            for index, ent in enumerate(ents)
            if not ent.kb_id_ and ent.label_ == "PERSON"
        }
        full_names = [(i, " ".join(w)) for i, w in unknown_people.items() if len(w) > 1]
        person_name: dict[int, str] = {}  # ent index -> full name of the person it refers to
        for index, words in unknown_people.items():
            if len(words) > 1:
                person_name[index] = " ".join(words)
                continue
            # A bare surname: the nearest full name before it, else the first one after it
            # (headlines come first), else a person known only by this one name.
            same = [(i, name) for i, name in full_names if name.split()[-1] == words[0]]
            before = [pair for pair in same if pair[0] < index]
            chosen = before[-1] if before else (same[0] if same else (index, words[0]))
            person_name[index] = chosen[1]
        for index, ent in enumerate(ents):
            if ent.label_ in VALUE_LABELS:
                continue
            if ent.kb_id_:
                ent._.entity_id = ent.kb_id_
                ent._.canonical_name = kb.entities[ent.kb_id_].name
            elif index in person_name:
                ent._.canonical_name = person_name[index]
                ent._.entity_id = auto_entity_id("PERSON", person_name[index])
            else:
                ent._.canonical_name = ent.text
                ent._.entity_id = auto_entity_id(ent.label_, ent.text)


@Language.factory(
    "presswatch_entity_linker",
    default_config={
        "add_missed_surnames": True,
        "story_subject_nouns": ["company"],
        "story_subject_min_mentions": 3,
    },
)
def make_entity_linker(
    nlp: Language,
    name: str,
    add_missed_surnames: bool,
    story_subject_nouns: list[str],
    story_subject_min_mentions: int,
) -> EntityLinker:
    return EntityLinker(
        nlp, name, add_missed_surnames, story_subject_nouns, story_subject_min_mentions
    )
