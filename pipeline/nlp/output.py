"""The analysis result other stages consume: plain dicts from the Doc's extensions."""

from __future__ import annotations

import copy
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .lexicon import VALUE_LABELS
from .spans import auto_entity_id


def analyze_doc(doc: Doc) -> dict[str, Any]:
    entities = []
    for ent in doc.ents:
        if ent.label_ in VALUE_LABELS:
            continue
        canonical = ent._.canonical_name or ent.text
        entities.append({
            "text": ent.text, "label": ent.label_, "start": ent.start_char, "end": ent.end_char,
            "entity_id": ent._.entity_id or auto_entity_id(ent.label_, canonical),
            "canonical_name": canonical,
        })
    entities.sort(key=lambda e: (e["start"], e["end"]))
    quotes = sorted(
        copy.deepcopy(doc._.quotes or []),
        key=lambda q: (q["content"]["start"], q["content"]["end"]),
    )
    return {"entities": entities, "quotes": quotes, "claims": [], "stances": []}


def analyze_text(nlp: Language, text: str) -> dict[str, Any]:
    return analyze_doc(nlp(text))
