"""The interface other stages use: `presswatch process`, `extract` and `analyze`."""

import gzip
from pathlib import Path

import pytest
from presswatch.extract import Article, extract_article, read_page

from tests.conftest import DATASET_DIR

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
# The dataset's reconstruction of the real Global News seed article.
SEED_PAGE = DATASET_DIR / "fixtures" / "pages" / "globalnews-4892985.html"
SEED_URL = "https://globalnews.ca/news/4892985/facebook-messenger-whatsapp-instagram-data-sharing/"
BLOG_URL = "https://ciphernotes.example/2019/01/three-ways-to-merge-a-messenger/"
CONTRACT_FIELDS = (
    "source", "url", "title", "authors", "published", "publisher", "canonical_url", "language",
    "body", "paragraphs", "error",
)  # fmt: skip


def test_article_can_be_built_from_the_contract_fields_alone() -> None:
    # `presswatch extract` builds one this way for a page it could not read.
    article = Article(
        source="missing.html", url=None, title=None, authors=[], published=None, publisher=None,
        canonical_url=None, language=None, body="", paragraphs=[], error="file not found",
    )  # fmt: skip
    record = article.to_dict()
    assert all(key in record for key in CONTRACT_FIELDS)
    assert record["error"] == "file not found"


@pytest.mark.parametrize(
    ("page", "url", "authors", "publisher"),
    [
        # "By Global News Staff" and a JSON-LD Organization author: the page names no person.
        (SEED_PAGE, SEED_URL, [], "Global News"),
        (FIXTURES / "blog_post_with_embed.html", BLOG_URL, ["Helena Marsh"], "Cipher Notes"),
    ],
    ids=["seed-page", "blog-post"],
)
def test_to_dict_values_are_what_the_store_writes(
    page: Path, url: str, authors: list[str], publisher: str
) -> None:
    article = extract_article(page.read_bytes(), url=url)
    record = article.to_dict()
    assert isinstance(record["published"], str)
    assert record["authors"] == authors
    assert record["publisher"] == publisher
    assert record["body"] == article.body
    assert record["word_count"] == len(article.body.split())


def test_source_defaults_to_url_and_can_be_given() -> None:
    html = (FIXTURES / "blog_post_with_embed.html").read_bytes()
    assert extract_article(html, url=BLOG_URL).source == BLOG_URL
    assert extract_article(html, url=BLOG_URL, source="saved/post.html").source == "saved/post.html"


def test_page_of_unknown_address_uses_only_an_absolute_canonical() -> None:
    blog = extract_article((FIXTURES / "blog_post_with_embed.html").read_bytes(), url=None)
    assert blog.url is None
    assert blog.canonical_url == BLOG_URL
    relative = extract_article(
        "<html><head><link rel='canonical' href='/news/1'></head><body><p>x</p></body></html>"
    )
    assert relative.canonical_url is None


@pytest.mark.parametrize(
    "body",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"%PDF-1.4\n%\xe2\xe3", b"GIF89a\x01\x00"],
)
def test_binary_body_is_an_error_not_an_exception(body: bytes) -> None:
    article = extract_article(body, url="https://www.meridianpost.example/media/chart.png")
    assert article.error == "not an HTML page: the body is binary data"
    assert (article.body, article.paragraphs) == ("", [])


def test_page_without_article_text_reports_why() -> None:
    article = extract_article("<html><body><nav><a href='/'>Home</a></nav></body></html>", url=None)
    assert article.error == "no article text found on the page"


def test_read_page_plain_and_gzipped(tmp_path: Path) -> None:
    page = (FIXTURES / "blog_post_with_embed.html").read_bytes()
    plain, packed = tmp_path / "post.html", tmp_path / "post.html.gz"
    plain.write_bytes(page)
    packed.write_bytes(gzip.compress(page))
    assert read_page(plain) == page
    assert read_page(str(packed)) == page


def test_read_page_missing_file_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        read_page(tmp_path / "nope.html")
