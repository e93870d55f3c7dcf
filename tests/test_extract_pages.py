"""Whole pages, each shaped like a kind of site presswatch crawls: the dataset's seed page (its
reconstruction of the real Global News article) and the fictional pages in tests/fixtures/extract.

Gold values were read off the page files by hand.
"""

from datetime import timedelta, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from presswatch.extract import Article, article_from_plain_text, extract_article
from presswatch.extract.content import remove_furniture, remove_non_content

from tests.conftest import DATASET_DIR

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
SEED = "globalnews-4892985.html"
SEED_PAGE = DATASET_DIR / "fixtures" / "pages" / SEED
# Page name → (its file, the address it was fetched from).
PAGES = {
    SEED: (SEED_PAGE, "https://globalnews.ca/news/4892985/facebook-messenger-whatsapp-instagram-data-sharing/?utm_source=twitter"),
    **{
        name: (FIXTURES / name, url)
        for name, url in {
            "blog_post_with_embed.html": "https://ciphernotes.example/2019/01/three-ways-to-merge-a-messenger/",
            "legacy_table_layout.html": "https://www.bayviewdaily.example/2019/01/29/regulators-messaging-merger.html",
            "app_shell_json_ld.html": "https://northgatetech.example/analysis/single-back-end-cost",
            "split_columns_with_comments.html": "https://www.meridianpost.example/tech/unify-messaging-apps.html",
        }.items()
    },
}
# Text that is on the pages but is not the article.
NOT_ARTICLE = {
    SEED: [
        "Click to play video",
        "Story continues below advertisement",
        "READ MORE",
        "Read next",
        "Sponsored content",
        "WATCH:",
        "Trending Now",
        "All rights reserved",
        "Tags:",
        "You won't believe",
        "Facebook under fire for sharing user data",
        "Posted",
        "January 26, 2019 1:00 pm",
        "Skip to content",
        "Global News Staff",
    ],
    "blog_post_with_embed.html": [
        "Share this",
        "Related",
        "Key transparency",
        "Reader One",
        "Great overview",
        "Helena Marsh teaches",
        "Proudly powered",
        "Posted on",
        "Recent posts",
        "Notes on applied cryptography",
        "keys live",
    ],
    "legacy_table_layout.html": ["Advertisement", "Home", "Copyright", "Staff Writers", "Local"],
    "app_shell_json_ld.html": ["Loading", "enable JavaScript"],
    "split_columns_with_comments.html": [
        "Advertisement",
        "harbourwatcher",
        "Honestly I just want",
        "Reader comments",
        "All rights reserved",
        "Technology",
    ],
}
EST = timezone(timedelta(hours=-5))


def load(name: str) -> Article:
    path, url = PAGES[name]
    return extract_article(path.read_bytes(), url)


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return {name: load(name) for name in PAGES}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_offsets_point_into_text(articles: dict[str, Article], name: str) -> None:
    article = articles[name]
    assert article.paragraphs
    for paragraph in article.paragraphs:
        assert article.body[paragraph.start : paragraph.end] == paragraph.text


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_furniture_stays_out(articles: dict[str, Article], name: str) -> None:
    for furniture in NOT_ARTICLE[name]:
        assert furniture not in articles[name].body, furniture


@pytest.mark.parametrize("name", sorted(PAGES))
def test_extraction_is_deterministic(articles: dict[str, Article], name: str) -> None:
    assert load(name) == articles[name]


def test_seed_page_matches_the_seed_text(articles: dict[str, Article], seed_text_path: Path) -> None:
    article = articles[SEED]
    seed = article_from_plain_text(seed_text_path.read_text(encoding="utf-8"), PAGES[SEED][1])
    # The page and the saved text are one story: same words, same canonical address.
    assert article.body == seed.body
    assert len(article.paragraphs) == 31
    assert article.canonical_url == seed.canonical_url


def test_seed_page_metadata(articles: dict[str, Article]) -> None:
    article = articles[SEED]
    assert (
        article.title
        == "Facebook plans to deepen data sharing between Messenger, Instagram, WhatsApp: report"
    )
    assert (
        article.canonical_url
        == "https://globalnews.ca/news/4892985/facebook-messenger-whatsapp-instagram-data-sharing/"
    )
    # "By Global News Staff", and the JSON-LD author is the Organization: no person is named.
    assert article.authors == []
    assert article.published == "2019-01-26T13:00:00-05:00"
    assert article.modified == "2019-01-26T16:20:00-05:00"
    assert article.publisher == "Global News"
    assert article.language == "en"
    assert article.section == "Tech"
    assert article.keywords == ["Facebook", "WhatsApp", "Instagram", "Messenger", "Privacy"]
    assert (article.error, article.warnings) == (None, [])


def test_blog_post_structure(articles: dict[str, Article]) -> None:
    article = articles["blog_post_with_embed.html"]
    assert [p.kind for p in article.paragraphs] == [
        "paragraph",
        "paragraph",
        "heading",
        "paragraph",
        "blockquote",
        "blockquote",
        "heading",
        "paragraph",
        "paragraph",
        "heading",
        "paragraph",
        "list-item",
        "list-item",
        "list-item",
        "paragraph",
    ]
    assert article.paragraphs[2].text == "Upgrade everyone"
    assert article.paragraphs[5].text == "It did not say which products, or when."
    assert article.paragraphs[-1].text.startswith("I will update this post")


def test_blog_post_metadata_and_embed(articles: dict[str, Article]) -> None:
    article = articles["blog_post_with_embed.html"]
    assert article.title == "Three ways to merge a messenger"
    assert article.authors == ["Helena Marsh"]
    assert article.published == "2019-01-28T09:12:00+00:00"
    assert article.modified == "2019-01-29T17:40:00+00:00"
    assert article.publisher == "Cipher Notes"
    (tweet,) = article.embeds
    assert (tweet.author_name, tweet.author_handle) == ("Tomas Lindqvist", "@tlindqvist_br")
    assert tweet.text.startswith("If the bridge between the apps decrypts anything")
    # The tweet sits after "The second design keeps …", the eighth paragraph.
    assert article.paragraphs[tweet.after_paragraph].text.startswith("The second design keeps")


def test_legacy_table_page(articles: dict[str, Article]) -> None:
    article = articles["legacy_table_layout.html"]
    texts = [p.text for p in article.paragraphs]
    assert len(texts) == 5
    assert texts[0].startswith("Competition officials on both sides of the Atlantic")
    assert (
        texts[-1]
        == "Café owners in the harbour district, many of whom take orders through the apps, said they had not been told of any change."
    )
    assert article.title == "Regulators weigh in on messaging merger"
    assert article.authors == ["Priya Natarajan", "Sam Okoro"]
    # A day from the URL, and no time of day: none is known.
    assert (article.published, article.date_source) == ("2019-01-29", "url")


def test_app_shell_falls_back_to_json_ld_body(articles: dict[str, Article]) -> None:
    article = articles["app_shell_json_ld.html"]
    assert article.body_source == "json-ld"
    assert len(article.paragraphs) == 4
    assert article.paragraphs[0].text.startswith("Running three messaging services on one back end")
    assert article.authors == ["Tomas Lindqvist"]
    assert article.publisher == "Northgate Tech Review"
    assert article.published == "2019-01-30T07:45:00+00:00"
    assert any("JSON-LD" in warning for warning in article.warnings)


def test_split_columns_page(articles: dict[str, Article]) -> None:
    article = articles["split_columns_with_comments.html"]
    texts = [p.text for p in article.paragraphs]
    assert len(texts) == 6
    assert texts[0].startswith("The engineers assigned to the project")
    assert texts[-1].startswith("Competition lawyers said the timing mattered.")
    assert article.authors == ["Noor Haddad", "Chris Ebbe"]
    assert article.published == "2019-01-31T10:00:00-05:00"
    assert article.keywords == ["Facebook", "WhatsApp", "Antitrust", "Encryption"]


def test_comment_thread_longer_than_the_story_survives_pruning_but_not_extraction() -> None:
    # The furniture guard keeps the thread (it holds most of the page's prose); the content
    # choice must still leave it out, which test_split_columns_page checks.
    soup = BeautifulSoup((FIXTURES / "split_columns_with_comments.html").read_bytes(), "lxml")
    assert soup.body is not None
    remove_non_content(soup.body)
    guarded = remove_furniture(soup.body)
    assert [tag.get("id") for tag in guarded] == ["comments"]


def test_record_is_json_ready(articles: dict[str, Article]) -> None:
    import json

    record = articles["blog_post_with_embed.html"].to_dict()
    assert json.loads(json.dumps(record)) == record
    assert record["published"] == "2019-01-28T09:12:00+00:00"
    embeds = record["embeds"]
    assert isinstance(embeds, list)
    assert embeds[0]["posted_on"] == "2019-01-26"
