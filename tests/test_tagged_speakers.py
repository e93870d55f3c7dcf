"""Which subjects can be the speaker of a tagged content (tagged_speakers.can_be_source):
the empty "it" of a copula or a passive holds nobody. Parses written by hand; invented words."""

from __future__ import annotations

from presswatch.analyze.tagged_speakers import can_be_source

from tests.conftest import parsed_doc


def _it_subject(words, heads, deps, pos, lemmas):
    doc = parsed_doc(words, heads, deps.split(), pos.split())
    for i, lemma in lemmas.items():
        doc[i].lemma_ = lemma
    return doc[0]


def test_the_it_of_a_passive_is_nobody() -> None:
    # "It is assumed that the vote will pass ."
    it = _it_subject(
        ["It", "is", "assumed", "that", "the", "vote", "will", "pass", "."],
        [2, 2, 2, 7, 5, 7, 7, 2, 2],
        "nsubjpass auxpass ROOT mark det nsubj aux ccomp punct",
        "PRON AUX VERB SCONJ DET NOUN AUX VERB PUNCT",
        {2: "assume"},
    )
    assert not can_be_source(it)


def test_the_it_of_seems_is_nobody() -> None:
    # "It seems the vote will pass ."
    it = _it_subject(
        ["It", "seems", "the", "vote", "will", "pass", "."],
        [1, 1, 3, 5, 5, 1, 1],
        "nsubj ROOT det nsubj aux ccomp punct",
        "PRON VERB DET NOUN AUX VERB PUNCT",
        {1: "seem"},
    )
    assert not can_be_source(it)


def test_an_it_that_says_something_is_a_speaker() -> None:
    # "It said the vote will pass ." (a company or a paper, named before)
    it = _it_subject(
        ["It", "said", "the", "vote", "will", "pass", "."],
        [1, 1, 3, 5, 5, 1, 1],
        "nsubj ROOT det nsubj aux ccomp punct",
        "PRON VERB DET NOUN AUX VERB PUNCT",
        {1: "say"},
    )
    assert can_be_source(it)
