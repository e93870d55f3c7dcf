"""Beliefs stated in a relative clause (pipeline/analyze/relative_beliefs.py): the noun the
clause hangs on and the rest of the clause are what is held. Sentences written here."""

from __future__ import annotations

import pytest
from presswatch.analyze import analyze_text


def beliefs(nlp, text: str) -> list[tuple[str | None, str]]:
    return [
        ((q["speaker"] or {}).get("text"), q["content"]["text"])
        for q in analyze_text(nlp, text)["quotes"]
        if q["kind"] == "belief"
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "The new coach is a man whom the owners view as a bridge to the fans.",
            [("the owners", "a man whom the owners view as a bridge to the fans")],
            id="views-as",
        ),
        pytest.param(
            "Two cups a day is a dose that doctors usually consider safe for adults.",
            [("doctors", "a dose that doctors usually consider safe for adults")],
            id="considers-safe",
        ),
        pytest.param(
            "The mayor can veto any taxes she would not want to explain to voters.",
            [("she", "any taxes she would not want to explain to voters")],
            id="would-not-want",
        ),
    ],
)
def test_relative_clause_beliefs(nlp, text, expected):
    assert beliefs(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The council set aside a day during which residents will seek help.", id="time"
        ),
        pytest.param("The board met before the vote, when members could consider it.", id="when"),
        pytest.param("Parking is a question for each council to consider.", id="infinitive"),
        pytest.param("The mayor praised the views that visitors see from the tower.", id="seeing"),
    ],
)
def test_no_relative_clause_belief(nlp, text):
    assert beliefs(nlp, text) == []
