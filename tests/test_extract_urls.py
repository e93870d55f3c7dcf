"""Article addresses: canonical form, identity, dates in paths, dataset sources."""

from datetime import date
from pathlib import Path

import pytest
import yaml
from presswatch.common.urls import (
    canonicalize_url,
    date_from_url,
    identity_key,
    resolve_declared_canonical,
    source_id_for_url,
)

DATASET_YML = Path(__file__).parents[1] / "datasets" / "fb-messaging-integration" / "dataset.yml"


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        (
            "HTTPS://GlobalNews.ca:443/news/4892985/slug/?utm_source=twitter&utm_medium=social#comments",
            "https://globalnews.ca/news/4892985/slug/",
        ),
        ("http://example.org:80/a/B.html?fbclid=XYZ&id=7", "http://example.org/a/B.html?id=7"),
        ("https://example.org/story?b=2&a=1&gclid=1", "https://example.org/story?a=1&b=2"),
        ("https://example.org:8443/x", "https://example.org:8443/x"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org/Path/Keeps/Case/", "https://example.org/Path/Keeps/Case/"),
    ],
)
def test_canonicalize_url(raw: str, canonical: str) -> None:
    assert canonicalize_url(raw) == canonical


def test_identity_ignores_scheme_and_www() -> None:
    a = identity_key(canonicalize_url("http://www.example.org/news/1/"))
    b = identity_key(canonicalize_url("https://example.org/news/1/"))
    assert a == b == "example.org/news/1/"


def test_identity_keeps_query_that_names_the_article() -> None:
    first = identity_key(canonicalize_url("https://example.org/story.php?id=1"))
    second = identity_key(canonicalize_url("https://example.org/story.php?id=2"))
    assert first != second


@pytest.mark.parametrize(
    ("fetched", "declared", "expected"),
    [
        # An AMP copy points at the real article: accepted.
        (
            "https://amp.example.org/news/1.amp",
            "https://www.example.org/news/1",
            "https://www.example.org/news/1",
        ),
        # Relative canonical links are resolved against the fetched address.
        ("https://example.org/a/b?x=1", "/a/b", "https://example.org/a/b"),
        # A site-wide canonical pointing at the home page would merge every article: ignored.
        ("https://example.org/news/1", "https://example.org/", "https://example.org/news/1"),
        # Another outlet's address (syndication) is not this page's identity.
        (
            "https://example.org/news/1",
            "https://other.example/news/9",
            "https://example.org/news/1",
        ),
        ("https://example.org/news/1", None, "https://example.org/news/1"),
        ("https://example.org/news/1", "javascript:void(0)", "https://example.org/news/1"),
    ],
)
def test_resolve_declared_canonical(fetched: str, declared: str | None, expected: str) -> None:
    assert resolve_declared_canonical(fetched, declared) == expected


@pytest.mark.parametrize(
    ("url", "day"),
    [
        (
            "https://www.nytimes.com/2019/01/25/technology/facebook-instagram-whatsapp-messenger.html",
            date(2019, 1, 25),
        ),
        ("https://example.org/news/2019-01-29/slug", date(2019, 1, 29)),
        ("https://example.org/archive/20190130/slug.html", date(2019, 1, 30)),
        (
            "https://globalnews.ca/news/4892985/facebook-messenger-whatsapp-instagram-data-sharing/",
            None,
        ),
        ("https://example.org/2019/13/40/not-a-date", None),
        ("https://example.org/news/2019/", None),
    ],
)
def test_date_from_url(url: str, day: date | None) -> None:
    assert date_from_url(url) == day


@pytest.fixture(scope="module")
def source_domains() -> dict[str, list[str]]:
    dataset = yaml.safe_load(DATASET_YML.read_text(encoding="utf-8"))
    return {source["id"]: source["domains"] for source in dataset["sources"]}


@pytest.mark.parametrize(
    ("url", "source_id"),
    [
        (
            "https://globalnews.ca/news/4892985/facebook-messenger-whatsapp-instagram-data-sharing/",
            "global-news",
        ),
        ("https://www.nytimes.com/2019/01/25/technology/x.html", "nytimes"),
        ("https://blog.cryptographyengineering.com/2019/01/x/", "cryptography-engineering"),
        ("https://ciphernotes.example/2019/01/three-ways/", "cipher-notes"),
        ("https://unknown.example/x", None),
        ("https://notglobalnews.ca/x", None),
    ],
)
def test_source_id_for_url_with_dataset_sources(
    source_domains: dict[str, list[str]], url: str, source_id: str | None
) -> None:
    assert source_id_for_url(url, source_domains) == source_id


def test_longest_domain_wins() -> None:
    domains = {"outlet": ["example.org"], "outlet-blog": ["blog.example.org"]}
    assert source_id_for_url("https://blog.example.org/post", domains) == "outlet-blog"
    assert source_id_for_url("https://www.example.org/news", domains) == "outlet"
