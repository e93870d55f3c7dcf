"""The dataset's knowledge base (dataset.yml `knowledge_base`) as lookup tables for the ruler and
the linker. Pure: no spaCy objects here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .lexicon import KB_TYPE_LABELS, PERSON_TITLES


@dataclass(frozen=True)
class KBEntity:
    id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    fictional: bool = False
    kind: str = ""  # dataset.yml type: person, company, regulator, court …


@dataclass(frozen=True)
class KnowledgeBase:
    entities: Mapping[str, KBEntity] = field(default_factory=dict)
    # Names safe to match anywhere, case-sensitively: full names, organisation and product names.
    anchored_aliases: Mapping[str, str] = field(default_factory=dict)
    # Surname and title+surname forms of people ("Green", "Prof. Green"): a person only when the
    # full name is in the same document, so "Green" the colour never becomes Matthew Green.
    surname_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def get(self, entity_id: str) -> KBEntity | None:
        return self.entities.get(entity_id)


def strip_title(words: list[str]) -> list[str]:
    """Drop leading titles: ["Prof.", "Green"] -> ["Green"]."""
    rest = list(words)
    while len(rest) > 1 and rest[0].lower() in PERSON_TITLES:
        rest = rest[1:]
    return rest


def is_surname_form(alias: str) -> bool:
    """True for one-word person aliases, optionally behind a title ("Stamos", "Dr. Marsh")."""
    return len(strip_title(alias.split())) == 1


def build_knowledge_base(entries: Iterable[Mapping[str, Any]]) -> KnowledgeBase:
    entities: dict[str, KBEntity] = {}
    anchored: dict[str, str] = {}
    ambiguous: set[str] = set()
    surnames: dict[str, list[str]] = {}
    for entry in entries:
        kb_type = str(entry.get("type", "")).lower()
        if kb_type not in KB_TYPE_LABELS:
            raise ValueError(
                f"knowledge_base entry {entry.get('id')!r}: unknown type {kb_type!r} "
                f"(expected one of {sorted(KB_TYPE_LABELS)})"
            )
        entity = KBEntity(
            id=str(entry["id"]),
            name=str(entry["name"]),
            label=KB_TYPE_LABELS[kb_type],
            aliases=tuple(str(a) for a in entry.get("aliases") or ()),
            fictional=bool(entry.get("fictional", False)),
            # the declared type: the dataset layer hands a regulator over as an organisation
            # with its own type under "kind" (stances read regulators and courts as a side)
            kind=str(entry.get("kind") or kb_type).lower(),
        )
        entities[entity.id] = entity
        names = [entity.name, *entity.aliases]
        if entity.label == "PERSON":
            # The last word of the full name is a surname alias even when the KB omits it.
            names.append(entity.name.split()[-1])
        for alias in dict.fromkeys(names):
            if entity.label == "PERSON" and is_surname_form(alias):
                owners = surnames.setdefault(alias, [])
                if entity.id not in owners:
                    owners.append(entity.id)
            elif alias in anchored and anchored[alias] != entity.id:
                ambiguous.add(alias)
            else:
                anchored[alias] = entity.id
    for alias in ambiguous:
        # Two entities share this name: matching it would pick one at random, so match neither.
        del anchored[alias]
    return KnowledgeBase(
        entities=entities,
        anchored_aliases=anchored,
        surname_aliases={alias: tuple(ids) for alias, ids in surnames.items()},
    )
