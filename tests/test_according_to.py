""" "According to X" (according_to.py): X is the speaker; the content is the
sentence after the phrase when it leads, the words before it when it trails, and the whole
sentence when it interrupts the clause. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.conftest import speaker_cue_content


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "Last year, according to the union, the company cut 300 jobs.",
            (
                "the union",
                "according to",
                "Last year, according to the union, the company cut 300 jobs",
            ),
            id="after-a-fronted-time",
        ),
        pytest.param(
            "The company, according to the union, cut 300 jobs last year.",
            (
                "the union",
                "according to",
                "The company, according to the union, cut 300 jobs last year",
            ),
            id="between-subject-and-verb",
        ),
    ],
)
def test_a_phrase_that_interrupts_the_clause_reports_the_whole_sentence(nlp, text, expected):
    assert speaker_cue_content(nlp, text) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "According to the union, the company cut 300 jobs last year.",
            ("the union", "According to", "the company cut 300 jobs last year"),
            id="leading",
        ),
        pytest.param(
            "The company cut 300 jobs last year, according to the union.",
            ("the union", "according to", "The company cut 300 jobs last year"),
            id="trailing",
        ),
    ],
)
def test_a_leading_or_trailing_phrase_reports_the_rest(nlp, text, expected):
    assert speaker_cue_content(nlp, text) == [expected]
