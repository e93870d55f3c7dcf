"""'Call for', 'call on … to' and 'call X Y' report what somebody said, with no quotation marks
(pipeline/analyze/calls.py). Sentences written here; expectations from reading them."""

from __future__ import annotations

import pytest
from presswatch.analyze import analyze_text, load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline([])


def quotes(nlp, text: str) -> list[tuple[str | None, str]]:
    """(speaker mention: the entity as the recogniser bounds it, content) per quote."""
    return [
        ((q["speaker"] or {}).get("text"), q["content"]["text"])
        for q in analyze_text(nlp, text)["quotes"]
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "In March, the Open Wire Foundation called for a pause on the merger.",
            [("Open Wire Foundation", "a pause on the merger")],
            id="call-for",
        ),
        pytest.param(
            "Senator Ana Ruiz called on the regulator to block the integration.",
            [("Ana Ruiz", "the regulator to block the integration")],
            id="call-on-to",
        ),
        pytest.param(
            "Ana Ruiz has called the merged inbox a gift to advertisers.",
            [("Ana Ruiz", "the merged inbox a gift to advertisers")],
            id="call-x-y",
        ),
    ],
)
def test_what_was_called_for_is_a_quote(nlp, text, expected):
    assert quotes(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Ana Ruiz called her lawyer on Sunday.", id="phone-call"),
        pytest.param("Ana Ruiz called on Tuesday.", id="call-on-a-day"),
        pytest.param("Ana Ruiz will call for a vote next week.", id="not-yet-said"),
    ],
)
def test_calls_that_say_nothing(nlp, text):
    assert quotes(nlp, text) == []
