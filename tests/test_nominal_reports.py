"""Reports named by a noun with their speaker as its possessor (pipeline/analyze/
nominal_reports.py). Sentences written here; expectations from reading them."""

from __future__ import annotations

import pytest

from tests.conftest import speaker_cue_content


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "After Ruiz's assertion that the merger breaks the law, the shares fell.",
            [("Ruiz", "assertion", "that the merger breaks the law")],
            id="assertion-that",
        ),
        pytest.param(
            "Senator Ana Ruiz's proposal to split the three apps drew applause.",
            [("Ana Ruiz", "proposal", "to split the three apps")],
            id="proposal-to",
        ),
    ],
)
def test_a_possessor_and_what_the_noun_reports(nlp, text, expected):
    assert speaker_cue_content(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("His claim was rejected by the court.", id="no-content"),
        pytest.param("The proposal to split the apps drew applause.", id="nobody-owns-it"),
        pytest.param("Ruiz's comments on cable news drew applause.", id="a-topic-not-a-report"),
    ],
)
def test_no_nominal_report(nlp, text):
    assert speaker_cue_content(nlp, text) == []
