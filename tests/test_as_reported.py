"""Attributions in an "as" clause (pipeline/analyze/as_reported.py): the reported words are the
clause it hangs on. Sentences written here; expectations from reading them."""

from __future__ import annotations

import pytest
from presswatch.analyze import analyze_text, load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline([])


def quotes(nlp, text: str) -> list[tuple[str | None, str]]:
    return [
        ((q["speaker"] or {}).get("text"), q["content"]["text"])
        for q in analyze_text(nlp, text)["quotes"]
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "As the Financial Times reported on Monday, the regulator opened an inquiry into "
            "the merged inbox.",
            [("Financial Times", "the regulator opened an inquiry into the merged inbox")],
            id="leading",
        ),
        pytest.param(
            "As reported by the Irish Times, the company delayed the launch.",
            [("Irish Times", "the company delayed the launch")],
            id="passive-with-agent",
        ),
        pytest.param(
            "The regulator opened an inquiry into the merged inbox, as the Financial Times "
            "reported.",
            [("Financial Times", "The regulator opened an inquiry into the merged inbox")],
            id="trailing",
        ),
    ],
)
def test_the_clause_an_as_report_hangs_on_is_what_was_reported(nlp, text, expected):
    assert quotes(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("As expected, the committee approved the merger.", id="nobody-named"),
        pytest.param("As the hearing went on, the committee approved the merger.", id="no-report"),
    ],
)
def test_an_as_clause_without_a_reporter_is_no_quote(nlp, text):
    assert quotes(nlp, text) == []
