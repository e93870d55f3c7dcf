"""Claims (issue 17): what is and is not a checkable assertion, on small sentences written for
these tests (not from any corpus). Each case says what a careful reader would count."""

from __future__ import annotations

import pytest
from presswatch.analyze import analyze_text, load_pipeline

KNOWLEDGE_BASE = [
    {"id": "acme", "name": "Acme", "type": "company", "aliases": ["Acme Corp"]},
    {"id": "trade-board", "name": "Trade Board", "type": "regulator", "aliases": []},
    {"id": "jane-porter", "name": "Jane Porter", "type": "person", "aliases": []},
]
TOPICS = {
    "antitrust": ["antitrust", "competition", "monopoly", "merger", "deal"],
    "fees": ["fee", "fees", "commission"],
}


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(KNOWLEDGE_BASE, topics=TOPICS)


def claims_of(nlp, text: str) -> list[dict]:
    return analyze_text(nlp, text)["claims"]


def test_reported_speech_claim_is_the_whole_sentence(nlp) -> None:
    text = (
        "The regulator met on Tuesday. Acme argued that the Trade Board approved the merger "
        "in 2015 and cannot undo it now."
    )
    claims = claims_of(nlp, text)
    sentence = text[text.index("Acme argued") :].rstrip(".")
    assert [c["text"].rstrip(".") for c in claims] == [sentence]
    assert claims[0]["holder"]["id"] == "acme"


@pytest.mark.parametrize(
    "sentence",
    [
        "Our aim is to roll back the anticompetitive conduct and restore competition.",
        "Today we seek to stop Acme from buying its biggest competitor in this market.",
        "We will wait for the court's opinion on the merger before saying more.",
        "Let's call this commission exactly what it is, a tax on every developer.",
        "May next year's conference be the celebration of competition that users deserve.",
    ],
)
def test_aims_exhortations_and_wishes_are_not_claims(nlp, sentence) -> None:
    text = f'"{sentence}" Jane Porter said.'
    assert claims_of(nlp, text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The following can be attributed to Jane Porter, competition director at the Trade Board.",
        "Acme also takes issue with the retroactive nature of the merger ruling.",
        "Privacy campaigners worry that the merger cannot be undone once it is complete.",
        "Jane Porter doubled down on the point, calling the commission a tax on developers.",
    ],
)
def test_lead_ins_and_told_attitudes_are_not_claims(nlp, sentence) -> None:
    assert claims_of(nlp, sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme completed the merger with its biggest rival in 2014 for $19 billion.",
        "We will appeal the merger ruling and we will comply with the order meanwhile.",
        "The Trade Board could block the merger if Acme refuses to sell its payments unit.",
    ],
)
def test_events_intentions_and_possibilities_stay_claims(nlp, sentence) -> None:
    assert [c["text"].rstrip(".") for c in claims_of(nlp, sentence)] == [sentence.rstrip(".")]


def test_a_sentence_naming_a_listed_company_is_on_the_story(nlp) -> None:
    # No topic word, but Acme and the Trade Board are in the knowledge base.
    text = "After failing to win customers, Acme quietly bought the two startups in 2016."
    assert [c["text"].rstrip(".") for c in claims_of(nlp, text)] == [text.rstrip(".")]
    # The same sentence about a party nobody listed is off the story.
    other = "After failing to win customers, Globex quietly bought the two startups in 2016."
    assert claims_of(nlp, other) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The Trade Board announced a delay in its review because of new filings from Acme.",
        "An appeals court denied the Trade Board's attempt to block the deal on Friday.",
        "Both deals are more than five years old and were approved by the Trade Board.",
    ],
)
def test_speech_verbs_acting_on_things_and_coordinated_events_are_claims(nlp, sentence) -> None:
    assert [c["text"].rstrip(".") for c in claims_of(nlp, sentence)] == [sentence.rstrip(".")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Antitrust laws exist to protect consumers, not to punish successful companies.",
        "Mergers that improve a small firm are not unlawful under competition law.",
        "Every monopolist says that its fees serve the interests of its customers.",
    ],
)
def test_timeless_statements_about_a_kind_are_not_claims(nlp, sentence) -> None:
    assert claims_of(nlp, f'"{sentence}" Jane Porter said.') == []


def test_a_present_statement_about_named_parties_stays_a_claim(nlp) -> None:
    sentence = "Acme Corp payments are processed on its own servers under the merger plan."
    assert [c["text"].rstrip(".") for c in claims_of(nlp, sentence)] == [sentence.rstrip(".")]


def test_a_thing_reported_with_a_clause_inside_it_keeps_its_sentence_a_claim(nlp) -> None:
    # "filed [an antitrust lawsuit … that had long been expected]": what was filed is a thing
    # with a relative clause in it, not a reported clause, so the act of filing is the claim
    sentence = (
        "The Trade Board yesterday filed an antitrust lawsuit against Acme in a move that had "
        "long been expected."
    )
    text = (
        "Trade Board files antitrust lawsuit against Acme\n\n"
        f"{sentence}\n\n"
        "The suit alleges Acme uses anticompetitive tactics to keep a monopoly on its payments "
        "business."
    )
    result = analyze_text(nlp, text)
    assert any((q["cue"] or {}).get("text") == "filed" for q in result["quotes"])
    assert sentence in [c["text"] for c in result["claims"]]
