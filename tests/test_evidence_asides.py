"""What records, polls and studies show, said in an aside ("…, records show.")
(pipeline/analyze/evidence_asides.py). Sentences written here; expectations from reading
them."""

from __future__ import annotations

import pytest
from presswatch.analyze import analyze_text


def quotes(nlp, text: str) -> list[tuple[str | None, str | None, str]]:
    """(speaker mention, cue, content) per quote."""
    return [
        ((q["speaker"] or {}).get("text"), (q["cue"] or {}).get("text"), q["content"]["text"])
        for q in analyze_text(nlp, text)["quotes"]
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "The council sold the lot to a developer in 2012, county records show.",
            [("county records", "show", "The council sold the lot to a developer in 2012")],
            id="trailing",
        ),
        pytest.param(
            "The lobbyist gave money to both campaigns, a Ledger investigation found.",
            [("a Ledger investigation", "found", "The lobbyist gave money to both campaigns")],
            id="trailing-found",
        ),
        pytest.param(
            "During the same period, flight records show, the jet has flown about 200 hours.",
            [
                (
                    "flight records",
                    "show",
                    "During the same period, flight records show, the jet has flown about 200"
                    " hours",
                )
            ],
            id="interrupting",
        ),
    ],
)
def test_an_aside_citing_records_reports_the_clause_around_it(nlp, text, expected):
    assert quotes(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The race is close, he told me polls show.", id="a-clause-not-a-phrase"),
        pytest.param("The tour ended in Ohio, a state the show loves.", id="no-evidence-noun"),
    ],
)
def test_no_aside_without_an_evidence_phrase(nlp, text):
    assert all(cue not in ("show", "found") for _, cue, _ in quotes(nlp, text))
