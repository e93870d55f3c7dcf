"""Plain, JSON-ready records the components store on Doc/Span extensions, and helpers that make
them from spaCy objects. Every record carries character offsets into the exact input string, so
`record["text"] == text[record["start"]:record["end"]]` always holds."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from typing import Literal, TypedDict

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span


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
    medium: str  # spoken, tweet, blog, op-ed, statement, interview (quote_details.py)
    confidence: float  # how the speaker was found, 0..1 (quote_details.py)
    kind: str  # speech, writing, belief, according-to (attribution_kinds.py)
    statement: int  # content start of the first piece of its statement (statements.py)


def speaker_key(quote: QuoteRecord) -> str | None:
    """Who a quote is by, for grouping: the entity id, else the speaker phrase."""
    if quote["speaker_entity"] is not None:
        return quote["speaker_entity"]["id"]
    return quote["speaker"]["text"] if quote["speaker"] is not None else None


_TEXT_KEY = "presswatch:text"


def doc_text(doc: Doc) -> str:
    """doc.text, built once per Doc: spaCy rebuilds it from every token on each access, and the
    components each need it. The text never changes after tokenization."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def token_indices(doc: Doc, attr: str, values: Iterable[str]) -> list[int]:
    """Indices of the tokens whose attribute ("LOWER", "LEMMA", "ORTH") is one of `values`,
    read from the Doc's arrays: iterating a Doc builds a Token object per word, which made the
    components' loops over every token their main cost."""
    if len(doc) == 0:
        return []
    wanted = numpy.array([get_string_id(v) for v in values], dtype="uint64")
    column = doc.to_array(attr).astype("uint64")
    return [int(i) for i in numpy.nonzero(numpy.isin(column, wanted))[0]]


_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    """Words in `text` (runs of word characters): how long a content or a quotation is."""
    return len(_WORD.findall(text))


def sentence_spans(doc: Doc) -> list[Span]:
    """doc.sents as a list, built from the sentence-start array (no Token per word)."""
    if len(doc) == 0:
        return []
    starts = [int(i) for i in numpy.nonzero(doc.to_array("SENT_START") == 1)[0] if i > 0]
    bounds = [0, *starts, len(doc)]
    return [doc[a:b] for a, b in itertools.pairwise(bounds) if b > a]


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


_FORMS_KEY = "presswatch:forms"


def token_forms(doc: Doc) -> list[tuple[str, str]]:
    """(lemma lowercased, lowercase form) of every token, as `token.lemma_.lower()` and
    `token.lower_` give them, built once per Doc from its arrays (readers that look words up
    in a lexicon asked every Token for them, span after span). Call it after the lemmatizer:
    the presswatch components all run after it and change no lemma."""
    forms = doc.user_data.get(_FORMS_KEY)
    if isinstance(forms, list) and len(forms) == len(doc):
        return forms
    forms = []
    if len(doc):
        strings = doc.vocab.strings
        lemmas, lowers = doc.to_array(["LEMMA", "LOWER"]).T.tolist()
        lemma_of = {h: strings[h].lower() for h in set(lemmas)}
        lower_of = {h: strings[h] for h in set(lowers)}
        forms = [(lemma_of[a], lower_of[b]) for a, b in zip(lemmas, lowers)]
    doc.user_data[_FORMS_KEY] = forms
    return forms
