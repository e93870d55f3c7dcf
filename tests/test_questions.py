"""Questions put to somebody (pipeline/analyze/questions.py) are attributions of whoever asked
them: the agent when the sentence names one, else nobody named. Sentences written here;
expectations from reading them."""

from __future__ import annotations

import pytest

from tests.conftest import speaker_cue_content


def test_the_question_before_an_answer_is_asked_by_nobody_named(nlp):
    text = "Asked whether the apps would share one back end, the spokesperson said yes."
    found = speaker_cue_content(nlp, text)
    assert (None, "Asked", "whether the apps would share one back end") in found


def test_what_somebody_was_asked_about(nlp):
    text = "At a hearing in Dublin, Ruiz was asked about the merged inbox."
    assert speaker_cue_content(nlp, text) == [(None, "asked", "the merged inbox")]


def test_the_asker_named_by_the_passive_is_the_speaker(nlp):
    text = "Ruiz was asked by moderator Lena Ortiz whether the plan would survive the courts."
    assert speaker_cue_content(nlp, text) == [
        ("Lena Ortiz", "asked", "whether the plan would survive the courts")
    ]


def test_an_if_question_the_parse_reads_as_a_condition(nlp):
    # the small model makes "if … schedule" an adverbial clause of "asked"
    text = "The spokesman was asked if Ruiz would schedule a press conference before the vote."
    assert speaker_cue_content(nlp, text) == [
        (None, "asked", "if Ruiz would schedule a press conference before the vote")
    ]


def test_the_asker_of_an_active_question_about_something(nlp):
    text = "During the hearing, Senator Alvarez asked the director about the missing flood reports."
    assert speaker_cue_content(nlp, text) == [("Alvarez", "asked", "the missing flood reports")]


def test_a_when_asked_clause_the_parse_hangs_on_the_name(nlp):
    # the small model makes "when asked …" a relative clause of "Ortiz"
    text = "Ms. Ortiz, when asked about the flood budget, changed the subject."
    assert speaker_cue_content(nlp, text) == [(None, "asked", "the flood budget")]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Ruiz was not asked about the merged inbox.", id="negated"),
        pytest.param("Reporters did not ask the mayor about the bridge.", id="active-negated"),
        pytest.param("Reporters have asked the governor about it twice.", id="active-pronoun"),
        pytest.param("Ruiz was asked to leave the room.", id="asked-to-do-something"),
        pytest.param("Ruiz was asked about it.", id="about-a-bare-pronoun"),
    ],
)
def test_no_question(nlp, text):
    assert speaker_cue_content(nlp, text) == []


def test_a_question_somebody_would_not_answer_is_their_attribution(nlp):
    text = "Ruiz would not say whether the committee would vote on the merger this year."
    assert speaker_cue_content(nlp, text) == [
        ("Ruiz", "say", "whether the committee would vote on the merger this year")
    ]


def test_a_statement_that_was_not_made_is_still_no_quote(nlp):
    assert speaker_cue_content(nlp, "Ruiz did not say that the vote would be delayed.") == []
