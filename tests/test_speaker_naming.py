"""Which speaker a quote is given when the subject is not the name itself (attribution.py,
framing.colon_lead_ins): a relative pronoun stands for the noun before it, a title read as an
organisation gives way to the person in apposition, and a press statement's lead-in line
names whose words follow. Sentences written for these tests."""

from __future__ import annotations

import pytest
from presswatch.analyze import analyze_text, load_pipeline

KB = [
    {"id": "ana-ruiz", "name": "Ana Ruiz", "type": "person", "aliases": ["Ruiz"]},
    {"id": "tom-berg", "name": "Tom Berg", "type": "person", "aliases": ["Berg"]},
    {"id": "acme", "name": "Acme", "type": "company", "aliases": []},
]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(KB)


def quotes(nlp, text: str) -> list[dict]:
    return analyze_text(nlp, text)["quotes"]


def by_words(nlp, text: str) -> dict[str, dict]:
    return {q["content"]["text"]: q for q in quotes(nlp, text)}


def test_who_keeps_its_mention_and_takes_the_entity_of_the_noun_before_it(nlp) -> None:
    text = (
        "The loudest reply came from Acme chief executive Ana Ruiz who, when speaking to "
        "reporters on Monday, said, “The ruling is a gift to our rivals.”"
    )
    (quote,) = [q for q in quotes(nlp, text) if "gift to our rivals" in q["content"]["text"]]
    assert quote["speaker"]["text"] == "who"  # the mention annotators mark
    assert quote["speaker_entity"]["id"] == "ana-ruiz"


def test_who_after_a_comma_stands_for_the_person_named_before_it(nlp) -> None:
    text = "Tom Berg, who runs the shop, said the new rules would close it within a year."
    (quote,) = quotes(nlp, text)
    assert quote["speaker_entity"]["id"] == "tom-berg"


def test_a_title_in_front_of_a_name_gives_the_name(nlp) -> None:
    text = (
        "In a blog post, Acme SVP of global affairs and chief legal officer Tom Berg called the "
        "lawsuit “deeply flawed” and asserted that the remedies would not help consumers."
    )
    quote = by_words(nlp, text)["the remedies would not help consumers"]
    assert quote["speaker"]["text"] == "Tom Berg"
    assert quote["speaker_entity"]["id"] == "tom-berg"


def test_a_statement_lead_in_line_names_the_speaker_of_the_paragraphs_after_it(nlp) -> None:
    text = (
        "The court refused to dismiss the case on Tuesday.\n"
        "The following can be attributed to Ana Ruiz, policy director at Acme:\n"
        "“This is a good day for everyone who uses these services.\n"
        "“We will keep pressing for a full hearing of the evidence.”\n"
    )
    found = by_words(nlp, text)
    first = found["This is a good day for everyone who uses these services."]
    second = found["We will keep pressing for a full hearing of the evidence."]
    assert first["speaker_entity"]["id"] == "ana-ruiz"
    assert second["speaker_entity"]["id"] == "ana-ruiz"


def test_a_lead_in_with_its_own_speech_verb_is_left_to_that_verb(nlp) -> None:
    text = (
        "Tom Berg spoke after the hearing. The company said in a statement on behalf of "
        "Ana Ruiz:\n“We disagree with the decision and will appeal it.”\n"
    )
    quote = by_words(nlp, text)["We disagree with the decision and will appeal it."]
    assert quote["speaker"]["text"] == "The company"


def test_who_speaks_for_a_group_noun_and_for_those(nlp) -> None:
    text = (
        "The survey counted independent voters who said they would switch apps. "
        "Ruiz is among those who say they will never trust the merged inbox."
    )
    found = by_words(nlp, text)
    assert found["they would switch apps"]["speaker"]["text"] == "who"
    assert found["they will never trust the merged inbox"]["speaker"]["text"] == "who"


def test_those_picked_out_by_a_participle_are_a_polls_respondents(nlp) -> None:
    text = (
        "By a wide margin, those surveyed said the county's library budget shouldn't be cut. "
        "In the same survey, those polled said the ferry fares were too high."
    )
    found = by_words(nlp, text)
    assert found["the county's library budget shouldn't be cut"]["speaker"]["text"] == "those"
    assert found["the ferry fares were too high"]["speaker"]["text"] == "those"


def test_a_perfect_in_a_subordinate_clause_is_said_by_its_subject(nlp) -> None:
    text = "While Kim has said that the apps will stay separate, Ruiz said she doubts it."
    found = by_words(nlp, text)
    assert found["the apps will stay separate"]["speaker"]["text"] == "Kim"
    assert found["she doubts it"]["speaker"]["text"] == "Ruiz"


def test_a_relative_clause_describing_a_job_does_not_take_the_next_quotation(nlp) -> None:
    text = (
        "“Regulators will read this as a land grab,” said Priya Natarajan, a former official "
        "who now advises companies on mergers. “It is the effect that counts.”"
    )
    found = by_words(nlp, text)
    assert found["It is the effect that counts."]["speaker"]["text"] == "Priya Natarajan"
