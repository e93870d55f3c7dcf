"""The base model's rule lemmatizer, asked once per kind of token: the same lemmas, faster.

en_core_web_sm's `lemmatizer` (spaCy's rule mode) decides a token's lemma from its text, its
coarse part of speech and its morphology, and nothing else: `rule_lemmatize` reads token.text,
token.pos_ and token.morph, and English's `is_base_form` the last two. spaCy caches the answer
under (ORTH, POS, MORPH), yet still visits every token from Python and sets `lemma_` one by
one (~4 µs a token, about 2% of the whole model's time on news text). Here a doc's
(ORTH, POS, MORPH, LEMMA) array is read at once, spaCy's own lemmatizer is asked only for a
(ORTH, POS, MORPH) key not seen before, and the LEMMA column is written back with `Doc.from_array`.

Lemmas are kept as strings, not as their hashes: inside `nlp.memory_zone()` (the process
stage runs in one) a string first added there leaves the StringStore when the zone ends, so
each doc adds its lemmas again (adding a string the store holds is a lookup).
Switched by `keyed_lemmatizer` in presswatch.cfg; tests compare both token by token.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

# What decides a lemma, then the lemma already set (0: none).
_ROW = [ORTH, POS, MORPH, LEMMA]
# Lemmatizers whose rule mode reads only the key above (another language's may read more).
_KEYED_CLASSES = (Lemmatizer, EnglishLemmatizer)


class KeyedLemmatizer:
    """Drop-in for the model's rule `lemmatizer` (see the module docstring)."""

    def __init__(self, lemmatizer: Lemmatizer | None = None):
        self.lemmatizer = lemmatizer
        self.lemmas: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            self._annotate(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _annotate(self, doc: Doc) -> None:
        lemmatizer, known, strings = self.lemmatizer, self.lemmas, doc.vocab.strings
        keep_set = not lemmatizer.overwrite  # spaCy's rule: a lemma already set stays
        hashes: dict[tuple[int, int, int, int], int] = {}  # this doc's rows → lemma hash
        column = []
        for row in map(tuple, doc.to_array(_ROW).tolist()):
            lemma_hash = hashes.get(row)
            if lemma_hash is None:
                if keep_set and row[3]:
                    lemma_hash = row[3]
                else:
                    lemma = known.get(row[:3])
                    if lemma is None:
                        lemma = known[row[:3]] = lemmatizer.lemmatize(doc[len(column)])[0]
                    lemma_hash = strings.add(lemma)
                hashes[row] = lemma_hash
            column.append(lemma_hash)
        doc.from_array([LEMMA], numpy.array(column, dtype=numpy.uint64).reshape(-1, 1))


@Language.factory("presswatch_keyed_lemmatizer")
def make_keyed_lemmatizer(nlp: Language, name: str) -> KeyedLemmatizer:
    return KeyedLemmatizer()


def key_model_lemmatizer(nlp: Language, name: str = "lemmatizer") -> bool:
    """Replace the pipeline's rule lemmatizer `name` by its keyed form; False if kept as is."""
    if name not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe(name)
    if type(lemmatizer) not in _KEYED_CLASSES or lemmatizer.mode != "rule":
        return False
    nlp.replace_pipe(name, "presswatch_keyed_lemmatizer")
    nlp.get_pipe(name).lemmatizer = lemmatizer
    return True
