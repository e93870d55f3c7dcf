"""The analysis result other stages consume: plain dicts from the Doc's extensions."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .lexicon import VALUE_LABELS
from .spans import auto_entity_id


def analyze_doc(doc: Doc) -> dict[str, Any]:
    """Everything the components found, as plain data: entities, person_roles, quotes, claims
    and stances. Storage uses all of it; `public_result` is what `analyze --json` prints."""
    entities = []
    for ent in doc.ents:
        if ent.label_ in VALUE_LABELS:
            continue
        canonical = ent._.canonical_name or ent.text
        entities.append(
            {
                "text": ent.text,
                "label": ent.label_,
                "start": ent.start_char,
                "end": ent.end_char,
                "entity_id": ent._.entity_id or auto_entity_id(ent.label_, canonical),
                "canonical_name": canonical,
            }
        )
    entities.sort(key=lambda e: (e["start"], e["end"]))
    quotes = sorted(
        copy.deepcopy(doc._.quotes or []),
        key=lambda q: (q["content"]["start"], q["content"]["end"]),
    )
    return {
        "entities": entities,
        "person_roles": copy.deepcopy(doc._.person_roles or []),
        "quotes": quotes,
        "claims": sorted(copy.deepcopy(doc._.claims or []), key=lambda c: (c["start"], c["end"])),
        "stances": copy.deepcopy(doc._.stances or []),
    }


PUBLIC_FIELDS = {
    "entities": ("text", "label", "start", "end", "entity_id", "canonical_name"),
    "quotes": (
        "speaker",
        "speaker_entity",
        "cue",
        "content",
        "type",
        "medium",
        "confidence",
        "kind",
        "statement",
    ),
    "claims": ("text", "start", "end", "holder", "hedge", "polarity", "topics"),
    "stances": ("speaker_entity", "stance", "confidence", "evidence"),
}


def public_result(result: dict[str, Any]) -> dict[str, Any]:
    """The documented `analyze --json` shape: exactly these keys per record, nothing else."""
    return {
        key: [{field: record.get(field) for field in fields} for record in result.get(key, [])]
        for key, fields in PUBLIC_FIELDS.items()
    }


def analyze_text(nlp: Language, text: str) -> dict[str, Any]:
    """One text's analysis as plain data. Runs in a spaCy memory zone, so the strings a text
    brings are freed afterwards and a long run's memory does not grow with the corpus (do not
    call it inside another memory zone)."""
    with nlp.memory_zone():
        return analyze_doc(nlp(text))


def analyze_texts(
    nlp: Language, texts: Iterable[str], batch_size: int = 16, zone_size: int = 64
) -> Iterator[dict[str, Any]]:
    """analyze_text for many texts, in order: nlp.pipe batches (much faster than one call per
    text) inside spaCy memory zones of `zone_size` texts, so the strings and lexemes new texts
    bring are freed and memory does not grow with the corpus. The results are plain data and
    outlive the zone; the Docs do not."""
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) == zone_size:
            yield from _analyze_zone(nlp, chunk, batch_size)
            chunk = []
    if chunk:
        yield from _analyze_zone(nlp, chunk, batch_size)


def _analyze_zone(nlp: Language, texts: list[str], batch_size: int) -> list[dict[str, Any]]:
    with nlp.memory_zone():
        return [analyze_doc(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]
