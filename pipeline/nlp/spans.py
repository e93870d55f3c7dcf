"""Plain, JSON-ready records the components store on Doc/Span extensions, and helpers that make
them from spaCy objects. Every record carries character offsets into the exact input string, so
`record["text"] == text[record["start"]:record["end"]]` always holds."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, TypedDict

from spacy.tokens import Doc


class CharSpan(TypedDict):
    text: str
    start: int
    end: int


class EntityRef(TypedDict):
    id: str
    name: str


QuoteType = Literal["direct", "indirect", "mixed"]


class QuoteRecord(TypedDict):
    speaker: CharSpan | None
    speaker_entity: EntityRef | None
    cue: CharSpan | None
    content: CharSpan
    type: QuoteType


def char_span(text: str, start: int, end: int) -> CharSpan:
    """Record of text[start:end]. Takes the string, not the Doc: Doc.text is rebuilt from the
    tokens on every access."""
    return {"text": text[start:end], "start": start, "end": end}


def tokens_record(doc: Doc, first: int, last: int) -> CharSpan:
    """Record of the tokens first..last inclusive."""
    span = doc[first : last + 1]
    return {"text": span.text, "start": span.start_char, "end": span.end_char}


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"


def auto_entity_id(label: str, canonical_name: str) -> str:
    """Deterministic id for an entity that is not in the knowledge base."""
    return f"auto:{label.lower()}:{slugify(canonical_name)}"
