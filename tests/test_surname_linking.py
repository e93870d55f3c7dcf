"""Entity linking (issue 17): a listed person mentioned by surname alone, or title + surname,
links to that person even when this text never gives the full name; not when the surname is
ambiguous. Sentences written for these tests."""

from __future__ import annotations

import pytest
from presswatch.analyze import analyze_text, load_pipeline

KNOWLEDGE_BASE = [
    {"id": "acme", "name": "Acme", "type": "company", "aliases": []},
    {"id": "trade-board", "name": "Trade Board", "type": "regulator", "aliases": ["TB"]},
    {"id": "tim-sweeney", "name": "Tim Sweeney", "type": "person", "aliases": ["Sweeney"]},
    {"id": "amit-mehta", "name": "Amit Mehta", "type": "person", "aliases": ["Judge Mehta"]},
    {"id": "ann-lowe", "name": "Ann Lowe", "type": "person", "aliases": []},
    {"id": "ben-lowe", "name": "Ben Lowe", "type": "person", "aliases": []},
]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(KNOWLEDGE_BASE)


def linked(nlp, text: str) -> dict[str, str]:
    return {e["text"]: e["entity_id"] for e in analyze_text(nlp, text)["entities"]}


def test_listed_surname_links_without_the_full_name(nlp) -> None:
    ids = linked(nlp, "Sweeney said the ruling was a victory for every developer.")
    assert ids.get("Sweeney") == "tim-sweeney"


def test_title_and_surname_link_to_the_listed_person(nlp) -> None:
    ids = linked(nlp, "Judge Mehta wrote that the contracts shut rivals out of the market.")
    assert "amit-mehta" in ids.values()


def test_a_surname_two_listed_people_share_stays_unlinked(nlp) -> None:
    ids = linked(nlp, "Lowe said the company would appeal the decision next week.")
    assert "ann-lowe" not in ids.values() and "ben-lowe" not in ids.values()


def test_somebody_else_named_in_full_keeps_the_surname(nlp) -> None:
    text = "Rita Sweeney, a shop owner, was not convinced. Sweeney said prices would rise."
    ids = linked(nlp, text)
    assert "tim-sweeney" not in ids.values()


def test_a_company_and_a_surname_run_together_are_two_names(nlp) -> None:
    ids = linked(nlp, "After the hearing, Acme’s Sweeney said the fees would fall.")
    assert ids.get("Acme") == "acme"
    assert ids.get("Sweeney") == "tim-sweeney"


def test_an_epithet_links_to_the_company_the_story_is_about(nlp) -> None:
    text = (
        "Acme lost its appeal on Monday. Acme had argued that the fees were fair, and Acme "
        "will now pay. Judge Mehta accused the tech giant of ignoring the court's order."
    )
    entities = analyze_text(nlp, text)["entities"]
    assert ("the tech giant", "acme") in {(e["text"], e["entity_id"]) for e in entities}


def test_a_modified_company_noun_stays_a_description(nlp) -> None:
    text = (
        "Acme lost its appeal on Monday. Acme had argued that the fees were fair, and Acme "
        "will now pay. The ruling also worried the parent company of a rival store."
    )
    entities = analyze_text(nlp, text)["entities"]
    assert not any("company" in e["text"] for e in entities)


def test_a_job_title_is_not_an_organisation_and_names_the_employer(nlp) -> None:
    text = "Rosa Diaz, Acme's VP of Regulatory Affairs, said the ruling ignored the market."
    result = analyze_text(nlp, text)
    assert not any("Regulatory" in e["text"] for e in result["entities"])
    roles = [r for r in result["person_roles"] if r["entity"]["name"] == "Rosa Diaz"]
    assert roles and roles[0]["affiliation_entity"]["id"] == "acme"


def test_a_regulator_is_never_the_company(nlp) -> None:
    # The regulator is named most often, but "the company" is the one company in the story.
    text = (
        "The Trade Board is not backing down. The Trade Board wants Acme to sell its browser, "
        "and the Trade Board says so in its filing. The company says its users can switch."
    )
    entities = analyze_text(nlp, text)["entities"]
    assert ("The company", "trade-board") not in {(e["text"], e["entity_id"]) for e in entities}


def test_a_surname_the_tagger_took_for_a_noun_is_still_the_person(nlp) -> None:
    # Opening a paragraph, the small model tags "Newstead" a common noun; as a possessor
    # after the full name it is the person.
    kb = [{"id": "jen-newstead", "name": "Jen Newstead", "type": "person", "aliases": []}]
    text = (
        "Acme has responded in a long post written by general counsel Jen Newstead.\n\n"
        "Newstead’s primary defense is that both acquisitions resulted in better products."
    )
    entities = analyze_text(load_pipeline(kb), text)["entities"]
    assert [e["entity_id"] for e in entities if e["text"] == "Newstead"] == ["jen-newstead"]
