"""Issue 17, second round: who holds a position, and the reporter's framing the first round
missed. Sentences written here for the purpose (a made-up company, regulator and law); each test
names the rule it pins and fails when the rule is taken out.
"""

from __future__ import annotations

import pytest
from presswatch.analyze import load_pipeline

from tests.stance_world import KB, LAW, MERGER, TOPICS, stance_records, stances

_records = stance_records
_stances = stances


@pytest.fixture(scope="module")
def merger_nlp():
    return load_pipeline(KB, topics=TOPICS, stance_target=MERGER)


@pytest.fixture(scope="module")
def law_nlp():
    return load_pipeline(KB, topics=TOPICS, stance_target=LAW)


def test_a_regulator_handed_over_as_an_organisation_is_still_the_other_side() -> None:
    # The dataset layer gives the NLP stage a regulator as type "organization" with its declared
    # type under "kind" (pipeline/dataset); the stance rules must still see a regulator.
    as_the_dataset_gives_it = [
        {**e, "type": "organization", "kind": "regulator"} if e["id"] == "watchdog" else e
        for e in KB
    ]
    nlp = load_pipeline(as_the_dataset_gives_it, topics=TOPICS, stance_target=MERGER)
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "“The Competition Watchdog acted unlawfully and hurt customers,” Jane Doe said.\n"
    )
    # harms said of the regulator: for the merger
    assert _stances(nlp, text)["jane-doe"] == "support"


def test_a_quote_the_finder_left_without_speaker_goes_to_its_cue_subject(merger_nlp) -> None:
    # "an Acme executive saying" names an organisation, not a person: the stance reads the
    # cue verb's subject phrase
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "A newspaper quoted a Northwind executive saying “The merger will crush rivals and "
        "hurt customers.”\n"
    )
    assert _stances(merger_nlp, text).get("northwind") == "oppose"


def test_a_company_spokesperson_leans_to_the_company_side_with_low_confidence(
    merger_nlp,
) -> None:
    text = (
        "Acme agreed to buy Northwind in March, a merger that regulators are reviewing.\n"
        "“We will answer every question about the merger,” said Acme spokesperson Jane Doe.\n"
    )
    record = _records(merger_nlp, text)["jane-doe"]
    assert record["stance"] == "support"
    assert record["confidence"] <= 0.55


def test_a_former_executive_gets_no_lean(merger_nlp) -> None:
    text = (
        "Acme agreed to buy Northwind in March, a merger that regulators are reviewing.\n"
        "“We will answer every question about the merger,” said former Acme executive "
        "Jane Doe.\n"
    )
    assert _stances(merger_nlp, text)["jane-doe"] in {"neutral", "unclear"}


def test_the_company_praising_the_regulators_decision_means_it_went_its_way(
    merger_nlp,
) -> None:
    # praise of a step by the other side, in the target party's own voice: for the merger
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "“The Watchdog's decision was fair and pragmatic,” Acme president Sam Roe said of "
        "the merger.\n"
    )
    assert _stances(merger_nlp, text)["sam-roe"] == "support"


def test_a_relative_clause_is_what_its_holder_did(merger_nlp) -> None:
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "The appeal is a blow to the Watchdog and its chair Jane Doe, who sought to block the "
        "merger.\n"
    )
    assert _stances(merger_nlp, text)["jane-doe"] == "oppose"


def test_the_reason_given_for_an_accusation_is_not_its_target(merger_nlp) -> None:
    # "of violating the Watchdog's order" is the charge against Acme, not an attack on the order
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "Acme is appealing a recent ruling by Judge Jane Doe, who accused the tech giant of "
        "willfully violating the Watchdog's order.\n"
    )
    assert _stances(merger_nlp, text).get("jane-doe") != "support"


def test_an_appositive_verdict_is_said_of_the_noun_beside_it(law_nlp) -> None:
    text = (
        "Parliament passed the Data Act in May.\n"
        "“The Data Act rules, a tax on small firms, must go,” Jane Doe said.\n"
    )
    assert _stances(law_nlp, text)["jane-doe"] == "oppose"


def test_the_instrument_acts_with_the_one_acting_against_a_harm(law_nlp) -> None:
    text = (
        "Parliament passed the Data Act in May.\n"
        "Sam Roe added: “With the Data Act, Europe is putting an end to the market dominance "
        "of big platforms.”\n"
    )
    assert _stances(law_nlp, text)["sam-roe"] == "support"


def test_a_ruling_in_a_relative_clause_is_the_judges_view(merger_nlp) -> None:
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "The appeal is against a decision by Judge Ann Poe, who ruled that Acme violated the "
        "competition law by crushing rivals.\n"
    )
    assert _stances(merger_nlp, text)["ann-poe"] == "oppose"


def test_an_act_told_in_somebody_elses_reported_clause_weighs_half(merger_nlp) -> None:
    # approving the deal years ago: half as an earlier view, half again as Acme's telling
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "Acme is betting that the Watchdog approved the deal years ago.\n"
    )
    assert _stances(merger_nlp, text).get("watchdog") in {None, "neutral", "unclear"}


def test_the_other_sides_lawyer_leans_to_it_but_its_chief_does_not(merger_nlp) -> None:
    text = (
        "Acme agreed to buy Northwind in March, a merger that regulators are reviewing.\n"
        "“We will answer every question about the merger,” said Competition Watchdog lawyer "
        "Jane Doe.\n"
        "“We will answer every question about the merger,” said Competition Watchdog chief "
        "executive Sam Roe.\n"
    )
    stances = _stances(merger_nlp, text)
    assert stances["jane-doe"] == "oppose"
    assert stances["sam-roe"] in {"neutral", "unclear"}


def test_defending_its_own_thing_is_the_holders_side(merger_nlp) -> None:
    text = "Acme agreed to buy Northwind in March.\nAcme defended its position on Tuesday.\n"
    assert _stances(merger_nlp, text).get("acme") == "support"


def test_what_a_naming_verb_names_is_its_subjects_verdict(merger_nlp) -> None:
    # outside any quotation: the reporter says what Sam Roe called the regulator's decision
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "The Competition Watchdog blocked the merger on Monday.\n"
        "Sam Roe called the decision unfair.\n"
    )
    assert _stances(merger_nlp, text).get("sam-roe") == "support"


def test_giving_the_green_light_approves_what_receives_it(merger_nlp) -> None:
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "Competition Watchdog officials gave the merger the green light on Monday.\n"
    )
    assert _stances(merger_nlp, text).get("watchdog") == "support"


def test_the_owner_of_an_argument_holds_its_clause(merger_nlp) -> None:
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "Jane Doe's case is that the merger is anticompetitive and illegal.\n"
    )
    assert _stances(merger_nlp, text).get("jane-doe") == "oppose"


def test_a_title_whose_name_the_parser_hung_elsewhere_takes_the_name(merger_nlp) -> None:
    # The small model parses the title as the subject and leaves the name off to the side.
    text = (
        "Executive Vice-President for a Europe Fit for the Digital Age, Jane Doe, said: "
        "“The merger will crush rivals and must be blocked.”"
    )
    assert _stances(merger_nlp, text).get("jane-doe") == "oppose"


def test_an_unresolved_it_opening_a_sentence_is_the_previous_subject(merger_nlp) -> None:
    text = (
        "Northwind reacted on social media on Monday. It accused Acme of using the merger to "
        "crush rivals with junk fees that hurt both developers and users."
    )
    assert _stances(merger_nlp, text).get("northwind") == "oppose"


@pytest.mark.parametrize(("speaker", "expected"), [("Acme", "support"), ("Northwind", "neutral")])
def test_the_targets_own_party_leans_to_it_on_the_prior_alone(merger_nlp, speaker, expected):
    # Nothing said here argues for or against the merger; only Acme is the merger's own party.
    text = f"{speaker} said on Monday that it would comment on the merger after the review."
    records = _records(merger_nlp, text)
    key = speaker.lower()
    assert records[key]["stance"] == expected
    assert records[key]["confidence"] <= 0.55
