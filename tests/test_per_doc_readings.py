"""What claims and stances read from a Doc's arrays, once per Doc, is what the Tokens say:
head indices and span roots (claim_opinions.head_indices, span_roots), negations
(negation_indices), and the side mentions found at the candidate tokens only
(stance_sides.side_candidates) against the walk over every word."""

from __future__ import annotations

import pytest
from presswatch.analyze import load_pipeline
from presswatch.analyze.claim_opinions import head_indices, negation_indices, span_roots
from presswatch.analyze.spans import doc_text, sentence_spans
from presswatch.analyze.stance_holders import entity_index
from presswatch.analyze.stance_sides import side_candidates, side_mentions, side_model

from tests.stance_world import KB, LAW, MERGER, TOPICS

TEXT = (
    "The Competition Watchdog did not approve the merger on Tuesday. Acme said the ruling "
    "was wrong and it would appeal the decision, which it never expected. Jane Doe, who "
    "runs Northwind, said she wasn't worried: the deal will close, and rivals can't stop "
    "it. The Watchdog's lawsuit against Acme Corp is not the end of the story, Sam Roe "
    "wrote, because the regulator's fine was small."
)


@pytest.fixture(scope="module")
def merger_nlp():
    return load_pipeline(KB, topics=TOPICS, stance_target=MERGER)


def _old_roots(span):
    return [t for t in span if t.head.i == t.i or not (span.start <= t.head.i < span.end)]


def test_head_indices_and_roots_are_the_tokens_own(merger_nlp) -> None:
    doc = merger_nlp(TEXT)
    assert head_indices(doc) == [t.head.i for t in doc]
    spans = [*sentence_spans(doc), doc[3:17], doc[0 : len(doc)], doc[5:6]]
    for span in spans:
        assert [t.i for t in span_roots(span)] == [t.i for t in _old_roots(span)]
    assert any(len(span_roots(span)) > 1 for span in spans)  # a partial span has several


def test_a_stale_head_list_is_built_again(merger_nlp) -> None:
    doc = merger_nlp(TEXT)
    doc.user_data["presswatch:heads"] = [0, 0, 0]  # another length: not this Doc's
    assert head_indices(doc) == [t.head.i for t in doc]


def test_negation_indices_are_the_neg_dependents(merger_nlp) -> None:
    doc = merger_nlp(TEXT)
    expected = [t.i for t in doc if t.dep_ == "neg"]
    assert expected  # "did not", "wasn't", "can't", "is not"
    assert negation_indices(doc) == expected


@pytest.mark.parametrize("target", [MERGER, LAW], ids=["conduct", "measure"])
def test_side_mentions_at_the_candidates_are_those_of_every_word(target) -> None:
    nlp = load_pipeline(KB, topics=TOPICS, stance_target=target)
    doc = nlp(TEXT)
    kinds = {entity["id"]: entity["type"] for entity in KB}
    model = side_model(target, kinds)
    index = entity_index(doc)
    candidates = side_candidates(doc, index)
    text = doc_text(doc)
    found = 0
    for sent in sentence_spans(doc):
        every_word = side_mentions(doc, text, model, index, sent)
        at_candidates = side_mentions(doc, text, model, index, sent, candidates)
        assert list(at_candidates.items()) == list(every_word.items())  # same order too
        found += len(every_word)
    assert found >= 4  # entities and counter nouns ("ruling", "lawsuit", "fine") on both sides
