"""Correction and update notes, wherever the outlet puts them."""

import pytest
from presswatch.extract import extract_article

STORY = "".join(
    f"<p>Paragraph {i} of the story about the messaging plan, long enough to be body text.</p>"
    for i in range(5)
)


@pytest.mark.parametrize(
    ("extra", "notes"),
    [
        (
            (
                "<p class='brief__correction'><em>An earlier version of this story misstated "
                "the day the post was published. It was published on Wednesday.</em></p>"
            ),
            [
                "An earlier version of this story misstated the day the post was published. It "
                "was published on Wednesday."
            ],
        ),
        (
            "<p>Correction: A previous version of this article gave the wrong year for the "
            "WhatsApp deal.</p>",
            [
                "Correction: A previous version of this article gave the wrong year for the "
                "WhatsApp deal."
            ],
        ),
        (
            "<div class='clarification'><p>This story has been clarified to say which regulator "
            "was briefed.</p></div>",
            ["This story has been clarified to say which regulator was briefed."],
        ),
        (
            "<p><em>This article was updated on 29 January to add comment from a "
            "spokesperson.</em></p>",
            ["This article was updated on 29 January to add comment from a spokesperson."],
        ),
        # A labelled box whose paragraph repeats the note: one note, not two.
        (
            (
                "<aside class='story-correction'><strong>Correction:</strong> <p>"
                "An earlier version of this story named the wrong law school.</p></aside>"
            ),
            ["Correction: An earlier version of this story named the wrong law school."],
        ),
        # A badge is a label, not a note.
        ("<span class='correction-badge'>Corrected</span>", []),
        # A footer link to the corrections policy, and prose that merely mentions an update.
        (
            "<footer><a href='/corrections/'>Corrections policy and how to report an error</a>"
            "</footer>",
            [],
        ),
        (
            "<p>The company said an update to the apps would come later this year, not this "
            "week.</p>",
            [],
        ),
    ],
)
def test_correction_notes(extra: str, notes: list[str]) -> None:
    html = f"<html><body><article><div class='body'>{STORY}</div>{extra}</article></body></html>"
    assert extract_article(html, url="https://example.org/news/1").corrections == notes


def test_note_wording_inside_navigation_or_footer_is_not_this_storys_note() -> None:
    # Another story's teaser in the menu, and the footer's, open like notes; only the one under
    # the story is this story's.
    html = (
        "<html><body><nav><div><p>Correction: an earlier menu teaser about ferry fares named "
        "the wrong port.</p></div></nav>"
        f"<article>{STORY}<p>Correction: An earlier version of this story gave the wrong year "
        "for the merger.</p></article>"
        "<footer><section><p>Update: our privacy policy changed on 1 March, read what this "
        "means.</p></section></footer></body></html>"
    )
    article = extract_article(html, "https://example.org/news/1")
    assert article.corrections == [
        "Correction: An earlier version of this story gave the wrong year for the merger."
    ]


def test_notes_about_the_story_leave_its_body_for_the_corrections() -> None:
    # An editor's note atop the story, and a dated correction label over its note at the foot:
    # what the outlet did to the text, not the story. A paragraph that opens with "UPDATE:"
    # is more news and stays, as does prose that merely starts with the word.
    html = (
        "<html><body><article><div class='body'>"
        "<p>Editor’s note: This continues a series on the councils of the bay area.</p>"
        "<p>Correction officers at the county jail voted on Tuesday to accept the new contract "
        "offered by the council.</p>"
        f"{STORY}"
        "<p>UPDATE: The council later said the vote would be repeated next month.</p>"
        "<p>Correction: December 20, 2023:</p>"
        "<p>A previous verison of this article gave the wrong date for the vote.</p>"
        "</div></article></body></html>"
    )
    article = extract_article(html, url="https://example.org/news/1")
    assert article.paragraphs[0].text.startswith("Correction officers at the county jail")
    assert article.paragraphs[-1].text.startswith("UPDATE: The council later said")
    assert "Editor’s note" not in article.body
    assert "previous verison" not in article.body
    for note in (
        "Editor’s note: This continues a series on the councils of the bay area.",
        "Correction: December 20, 2023:",
        "A previous verison of this article gave the wrong date for the vote.",
    ):
        assert note in article.corrections


@pytest.mark.parametrize(
    "note",
    [
        "Clarification, 2 January 2024, 12:45 p.m.: This story has been updated to say which "
        "regulator was briefed.",
        "This interview has been lightly edited and condensed for clarity.",
        "Updated to add comment from the council’s spokesperson.",
    ],
)
def test_closing_note_about_the_text_is_not_the_story(note: str) -> None:
    html = (
        f"<html><body><article><div class='body'>{STORY}<p>{note}</p></div></article></body></html>"
    )
    article = extract_article(html, url="https://example.org/news/1")
    assert article.paragraphs[-1].text.startswith("Paragraph 4 of the story")
    assert note in article.corrections
