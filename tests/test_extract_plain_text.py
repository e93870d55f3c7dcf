"""Plain text → Article, on the dataset's seed (a Global News story saved as text, read from the
shared seed folder beside the repository: see `seed_text_path` in conftest.py)."""

from pathlib import Path

import pytest
from presswatch.extract import Article, article_from_plain_text
from presswatch.extract.plain_text import split_paragraphs

SEED_URL = "https://globalnews.ca/news/4892985/facebook-messenger-whatsapp-instagram-data-sharing/"
SEED_TITLE = "Facebook plans to deepen data sharing between Messenger, Instagram, WhatsApp: report"
# Read off the seed: lines that are page furniture, not reporting.
FURNITURE_PREFIXES = (
    "Click to play video",
    "WATCH:",
    "Story continues below advertisement",
    "READ MORE:",
    "Read next:",
    "Sponsored content",
)
VIDEO_TITLES = {
    "Zuckerberg plans to integrate WhatsApp, Instagram and Facebook Messenger: NYT",
    "Facebook says it had consent to share users’ data, messages with other companies",
    "Facebook under fire for sharing user data",
    "Facebook executive grilled in London on fake news, privacy worries; Zuckerberg a no-show",
}
SEED_BODY_PARAGRAPHS = 31  # counted by reading the seed


def seed_body_by_reading(text: str) -> list[str]:
    # The seed's no-break spaces are the publisher's and stay; only line ends are stripped.
    lines = [line.strip() for line in text.splitlines()]
    body = [
        line
        for line in lines[1:]
        if line and not line.startswith(FURNITURE_PREFIXES) and line not in VIDEO_TITLES
    ]
    assert len(body) == SEED_BODY_PARAGRAPHS  # guards the gold itself
    return body


@pytest.fixture(scope="module")
def seed_text(seed_text_path: Path) -> str:
    return seed_text_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_article(seed_text: str) -> Article:
    return article_from_plain_text(seed_text, SEED_URL)


def test_seed_title(seed_article: Article) -> None:
    assert seed_article.title == SEED_TITLE


def test_seed_body_is_the_reporting_only(seed_article: Article, seed_text: str) -> None:
    assert [p.text for p in seed_article.paragraphs] == seed_body_by_reading(seed_text)


def test_seed_keeps_quotes_and_attribution_as_published(seed_article: Article) -> None:
    assert (
        "“If\xa0Facebook\xa0is worried about that, then one way it can defend itself is to integrate those services,” Weinstein said."
        in seed_article.body
    )
    assert seed_article.paragraphs[-1].text == "— With files from Reuters."


def test_no_break_spaces_are_kept_as_published(seed_article: Article) -> None:
    # The seed writes "up\xa0Facebook\xa0by": the body keeps the publisher's characters, so
    # offsets and quotes match the page; runs of other whitespace still become one space.
    assert "break up\xa0Facebook\xa0by undoing" in seed_article.body
    assert "\xa0\xa0" not in seed_article.body and "  " not in seed_article.body


def test_seed_offsets_point_into_text(seed_article: Article) -> None:
    for paragraph in seed_article.paragraphs:
        assert seed_article.body[paragraph.start : paragraph.end] == paragraph.text


def test_seed_identity(seed_article: Article) -> None:
    assert seed_article.canonical_url == SEED_URL
    assert seed_article.body_source == "plain-text"
    assert (seed_article.error, seed_article.warnings) == (None, [])


def test_hard_wrapped_text_is_rejoined() -> None:
    text = (
        "A newsletter paragraph that was wrapped by an e-mail program at a\n"
        "fixed width, so every line stops before seventy-five characters and\n"
        "the paragraph only ends at the blank line that follows it here.\n"
        "\n"
        "A second paragraph, also wrapped at the same width by the program,\n"
        "which must come back as one paragraph and not as three separate\n"
        "lines of text that each look like a paragraph of their own.\n"
    )
    assert split_paragraphs(text) == [
        "A newsletter paragraph that was wrapped by an e-mail program at a fixed width, so every line stops before seventy-five characters and the paragraph only ends at the blank line that follows it here.",
        "A second paragraph, also wrapped at the same width by the program, which must come back as one paragraph and not as three separate lines of text that each look like a paragraph of their own.",
    ]


def test_title_given_by_caller_keeps_first_line_as_body() -> None:
    article = article_from_plain_text(
        "First line of the story.\nSecond line of the story.",
        "https://example.org/2019/01/28/x",
        title="Headline",
    )
    assert article.title == "Headline"
    assert [p.text for p in article.paragraphs] == [
        "First line of the story.",
        "Second line of the story.",
    ]
    assert article.published == "2019-01-28"
    assert article.date_source == "url"
