"""The keyed lemmatizer gives the lemmas spaCy's rule lemmatizer gives.

The base model's own lemmatizer against its keyed form, token by token, on real reporting (the
seed article and the dataset's fixture pages, as test_attribute_rules reads them) and on
sentences with words no table holds; lemmas first made inside one memory zone are right again
in the next; a lemma already set stays unless the lemmatizer overwrites; the config switch.
"""

from __future__ import annotations

import pytest
import spacy
from presswatch.analyze import load_pipeline, resolve_model_name
from presswatch.analyze.keyed_lemmatizer import KeyedLemmatizer, key_model_lemmatizer
from presswatch.analyze.loading import read_pipeline_config
from spacy.tokens import Doc

from tests.test_attribute_rules import RARE_PATTERN_TEXT, real_texts

# Words the lemma tables do not hold, in forms the rules still inflect.
UNKNOWN_WORDS_TEXT = (
    "The zorblaxes were flurbing the grommitses; she has snorfled twice, "
    "and the blintiest of them quibbered."
)


def lemma_view(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def model_pair():
    model = resolve_model_name(None)
    stock, keyed = spacy.load(model), spacy.load(model)
    assert key_model_lemmatizer(keyed), "the base model's rule lemmatizer should be keyed"
    assert isinstance(keyed.get_pipe("lemmatizer"), KeyedLemmatizer)
    return stock, keyed


def test_base_model_lemmatizer_and_keyed_form_agree_token_by_token(model_pair):
    stock, keyed = model_pair
    texts = [*real_texts(), RARE_PATTERN_TEXT, UNKNOWN_WORDS_TEXT, "", " ", "\n\n", "A"]
    tokens = 0
    for a, b in zip(stock.pipe(texts, batch_size=4), keyed.pipe(texts, batch_size=4), strict=True):
        assert lemma_view(a) == lemma_view(b)
        tokens += len(a)
    assert tokens > 5000  # the real pages were read, not just the short texts


def test_lemmas_first_made_in_one_memory_zone_are_right_in_the_next(model_pair):
    _, keyed = model_pair
    for _ in range(2):  # the second zone finds the keys known, their strings gone
        with keyed.memory_zone():
            doc = keyed(UNKNOWN_WORDS_TEXT)
            lemmas = {t.text: t.lemma_ for t in doc}
            assert lemmas["zorblaxes"] == "zorblaxe"  # read from the rules: -es → -e first
            assert lemmas["were"] == "be"
            assert lemmas["snorfled"] != "snorfled"


def test_a_lemma_already_set_stays_unless_the_lemmatizer_overwrites(model_pair):
    stock, _ = model_pair
    lemmatizer = stock.get_pipe("lemmatizer")
    keyed = KeyedLemmatizer(lemmatizer)
    words, pos = ["They", "were", "merging"], ["PRON", "AUX", "VERB"]
    doc = Doc(stock.vocab, words=words, pos=pos, lemmas=["they", "be", "MERGING"])
    keyed(doc)
    assert [t.lemma_ for t in doc] == ["they", "be", "MERGING"]
    lemmatizer.overwrite = True
    try:
        doc = Doc(stock.vocab, words=words, pos=pos, lemmas=["they", "be", "MERGING"])
        keyed(doc)
        assert doc[2].lemma_ == "merge"  # the rules: -ing → -e, in the verb index
    finally:
        lemmatizer.overwrite = False


def test_a_lookup_lemmatizer_is_kept_as_it_is():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not key_model_lemmatizer(nlp)
    assert not isinstance(nlp.get_pipe("lemmatizer"), KeyedLemmatizer)
    assert not key_model_lemmatizer(spacy.blank("en"))  # no lemmatizer at all


def test_presswatch_cfg_switches_the_keyed_lemmatizer(tmp_path):
    assert isinstance(load_pipeline([]).get_pipe("lemmatizer"), KeyedLemmatizer)
    config = read_pipeline_config()
    config["presswatch"]["keyed_lemmatizer"] = False
    config.to_disk(tmp_path / "stock.cfg")
    nlp = load_pipeline([], config_path=tmp_path / "stock.cfg")
    assert not isinstance(nlp.get_pipe("lemmatizer"), KeyedLemmatizer)
