"""Quotes that no verb introduces: lines opening with their speaker's name and a colon
(transcripts, the headline convention of political news) and paragraphs signed after a dash.

Texts are written here; the expected quotes come from reading them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from presswatch.analyze import analyze_text, load_pipeline

DATASET_YML = Path(__file__).resolve().parents[1] / "datasets" / "fb-messaging-integration"


@pytest.fixture(scope="module")
def nlp():
    config = yaml.safe_load((DATASET_YML / "dataset.yml").read_text(encoding="utf-8"))
    return load_pipeline(config["knowledge_base"])


def quotes(nlp: Any, text: str) -> list[tuple[str, str | None, str]]:
    """(type, speaker as written, content) per quote, in the order found."""
    return [
        (q["type"], q["speaker"]["text"] if q["speaker"] else None, q["content"]["text"])
        for q in analyze_text(nlp, text)["quotes"]
    ]


def test_transcript_turns_are_their_speakers_words(nlp):
    text = (
        "WALLACE: Do you think the merger should be stopped before it starts?\n\n"
        "PENCE: Well, look, regulators will have their say on it."
    )
    assert quotes(nlp, text) == [
        ("direct", "WALLACE", "Do you think the merger should be stopped before it starts?"),
        ("direct", "PENCE", "Well, look, regulators will have their say on it"),
    ]


def test_headline_names_its_speaker_before_the_colon(nlp):
    text = "Helena Marsh: Merger Would Leave Users With “Nowhere Else to Go at All”"
    found = quotes(nlp, text)
    assert found == [
        ("mixed", "Helena Marsh", "Merger Would Leave Users With “Nowhere Else to Go at All”")
    ]
    result = analyze_text(nlp, text)
    assert result["quotes"][0]["speaker_entity"]["name"] == "Helena Marsh"


def test_a_headline_label_the_model_misses_is_a_name_the_article_uses(nlp):
    # the small model reads "Okafor" opening a line as a common noun; the story names her
    text = (
        "Okafor: Regulators need to ‘look at the whole pipe’ before the merger\n\n"
        "Rep. Adaeze Okafor said on Friday that the plan had come too fast."
    )
    _, speaker, content = quotes(nlp, text)[0]
    assert (speaker, content) == (
        "Okafor",
        "Regulators need to ‘look at the whole pipe’ before the merger",
    )


def test_a_headline_label_named_nowhere_else_is_no_speaker(nlp):
    text = "Breakfast: Regulators need to look at the whole pipe before the merger"
    assert quotes(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The Latest: Facebook’s three messaging apps will share one back end", id="news-format"
        ),
        pytest.param("LOOK: Shocking Photos Of The Merger Launch Are Going Viral", id="clickbait"),
        pytest.param(
            "Who answered the survey:\n\n"
            "Ohio: Ann Lee, Bob Stone, Cara Diaz, Dan Ortiz\n\n"
            "Utah: Eve Park, Fay Moss, Gil Hart",
            id="roster-of-names",
        ),
        pytest.param("Ann Lee: Not yet.", id="too-short-to-be-a-statement"),
        pytest.param(
            "Tuesday’s Morning Briefing: Messenger and WhatsApp will share one back end",
            id="dated-newsletter-label",
        ),
    ],
)
def test_labels_that_are_not_speakers(nlp, text):
    assert quotes(nlp, text) == []


def test_reader_comment_signed_with_a_horizontal_bar(nlp):
    # Some sites sign quoted reader comments "”…” ― Name", with a closing mark opening them.
    text = "”The merger puts every message under one roof and under one key.” ― Helena Marsh"
    assert quotes(nlp, text) == [
        (
            "direct",
            "Helena Marsh",
            "The merger puts every message under one roof and under one key.",
        )
    ]


TRANSCRIPT = """Partial transcript as follows:

"WALLACE: Will the governor be at the hearing tomorrow night?

"KEMP: She will not be attending the hearing. The company used the post to mock the regulator.

"It is a distraction from what people care about, which is their privacy.

"(CROSSTALK.)

"WALLACE: If I may, sir, we have limited time. Is that all?

"KEMP: That is all I can say about the plan tonight.

The interview ended there. Kemp left the studio before noon."""


def test_a_transcript_turn_runs_on_to_the_next_turn_but_not_past_a_stage_direction(nlp):
    found = quotes(nlp, TRANSCRIPT)
    kemp_first = (
        "She will not be attending the hearing. The company used the post to mock the "
        'regulator.\n\n"It is a distraction from what people care about, which is their privacy'
    )
    assert found == [
        ("direct", "WALLACE", "Will the governor be at the hearing tomorrow night?"),
        ("direct", "KEMP", kemp_first),
        ("direct", "WALLACE", "If I may, sir, we have limited time. Is that all?"),
        # the last turn stops at its own paragraph: the reporter speaks after the transcript
        ("direct", "KEMP", "That is all I can say about the plan tonight"),
    ]


def test_an_interview_printed_as_questions_and_answers(nlp):
    text = (
        "Ana Ruiz runs the Open Wire Foundation. We spoke with her on Monday.\n\n"
        "Q: Why does the merger of the back ends worry you so much?\n\n"
        "A: Because one company will hold the metadata of three apps at once."
    )
    assert quotes(nlp, text) == [
        ("direct", "Q", "Why does the merger of the back ends worry you so much?"),
        ("direct", "A", "Because one company will hold the metadata of three apps at once"),
    ]


def test_a_lone_letter_label_is_no_speaker_outside_an_interview(nlp):
    text = "The plan has three parts.\n\nA: The three apps share one back end from next year."
    assert quotes(nlp, text) == []
