"""The crawl stage's pure parts: relevance, feed and sitemap parsing, Retry-After, the address guard."""

from __future__ import annotations

from pathlib import Path

import pytest
from presswatch.crawl.discovery import archived_original, parse_feed, parse_sitemap
from presswatch.crawl.relevance import score_page, topic_terms
from presswatch.process.versions import text_diff
from presswatch.spiders.addresses import non_public_reason, refusal
from presswatch.spiders.middlewares import retry_after_seconds

TERMS = topic_terms({
    "keywords": ["Messenger", "end-to-end encryption"],
    "knowledge_base": [
        {"id": "ftc", "name": "Federal Trade Commission", "type": "organization", "aliases": ["FTC"]},
        {"id": "meta", "name": "Meta", "type": "organization"},
    ],
})


def test_terms_are_keywords_and_names_longest_first() -> None:
    assert TERMS == ["Federal Trade Commission", "end-to-end encryption", "Messenger", "Meta", "FTC"]


@pytest.mark.parametrize(
    ("title", "body", "score", "kept", "reason"),
    [
        ("Messenger changes", "", 2.0, True, "matched: Messenger (title)"),
        ("Budget", "Messenger and end-to-end encryption", 2.0, True, "matched: end-to-end encryption, Messenger"),
        ("Budget", "only the metadata of messages", 0.0, False, "below the relevance threshold 2: no topic keyword"),
        ("Budget", "the ftc of a word; messenger bag", 1.0, False, "below the relevance threshold 2: matched: Messenger"),
    ],
)
def test_relevance(title: str, body: str, score: float, kept: bool, reason: str) -> None:
    result = score_page(title, body, TERMS)
    assert (result.score, result.kept) == (score, kept)
    assert result.reason.startswith(reason)


def test_rss_and_atom_items() -> None:
    rss = b"<?xml version='1.0'?><rss><channel><item><link>/a</link><pubDate>Fri, 25 Jan 2019 10:00:00 GMT</pubDate></item><item><guid>https://x.example/b</guid></item><item><link>javascript:alert(1)</link></item></channel></rss>"
    assert [(e.url, e.published) for e in parse_feed(rss, "https://x.example/feed")] == [
        ("https://x.example/a", "Fri, 25 Jan 2019 10:00:00 GMT"), ("https://x.example/b", None),
    ]
    atom = b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><link rel='edit' href='/edit'/><link href='/post'/><updated>2019-01-27</updated></entry></feed>"
    assert [(e.url, e.published) for e in parse_feed(atom, "https://blog.example/")] == [("https://blog.example/post", "2019-01-27")]
    assert parse_feed(b"not xml at all <<<", "https://x.example/") == []


def test_sitemaps_never_expand_entities() -> None:
    hostile = (
        b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
        b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>https://x.example/&e;</loc></url></urlset>"
    )
    assert all("root:" not in e.url for e in parse_sitemap(hostile, "https://x.example/"))
    index = b"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><sitemap><loc>https://x.example/s1.xml</loc><lastmod>2019-02-01</lastmod></sitemap></sitemapindex>"
    assert [(e.url, e.kind, e.published) for e in parse_sitemap(index, "https://x.example/")] == [("https://x.example/s1.xml", "sitemap", "2019-02-01")]


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("120", 120.0), ("Fri, 25 Jan 2019 10:00:30 GMT", 30.0), ("soon", None), (None, None), ("Fri, 25 Jan 2019 09:00:00 GMT", 0.0)],
)
def test_retry_after(value: str | None, seconds: float | None) -> None:
    from email.utils import parsedate_to_datetime

    now = parsedate_to_datetime("Fri, 25 Jan 2019 10:00:00 GMT").timestamp()
    assert retry_after_seconds(value, now=now) == seconds


@pytest.mark.parametrize(
    ("address", "reason"),
    [("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.4", "private"),
     ("169.254.169.254", "link-local"), ("fe80::1", "link-local"), ("::ffff:127.0.0.1", "loopback"),
     ("0.0.0.0", "unspecified"), ("93.184.216.34", None), ("2606:4700::1111", None)],
)
def test_non_public_addresses(address: str, reason: str | None) -> None:
    assert non_public_reason(address) == reason


def test_allowed_hosts_with_and_without_port() -> None:
    assert refusal("http://127.0.0.1:8080/x", frozenset({"127.0.0.1"})) is None
    assert refusal("http://127.0.0.1:8080/x", frozenset({"127.0.0.1:8080"})) is None
    assert "127.0.0.1:9090 is a loopback address" in refusal("http://127.0.0.1:9090/x", frozenset({"127.0.0.1:8080"}))
    assert "localhost:80 is a loopback" in refusal("http://localhost/", frozenset())
    assert refusal("http://[::1]:81/", frozenset()).startswith("refused: ::1:81 is a loopback")


def test_archived_original_and_diff() -> None:
    assert archived_original("https://web.archive.org/web/20190126093000/https://social.example/a/status/1") == "https://social.example/a/status/1"
    assert archived_original("https://web.archive.org/web/20190126093000id_/https://x.example/?q=1") == "https://x.example/?q=1"
    assert archived_original("https://news.example/web/story") == "https://news.example/web/story"
    assert text_diff("One.\n\nTwo.", "One.\n\nTwo, revised.") == "--- previous\n+++ current\n@@ -1,2 +1,2 @@\n One.\n-Two.\n+Two, revised."


def test_live_crawls_are_polite_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from presswatch.crawl.frontier import Start
    from presswatch.crawl.job import CrawlPlan, crawl_settings
    from presswatch.dataset import load_dataset

    from tests.conftest import copy_dataset

    monkeypatch.delenv("PRESSWATCH_POLITENESS", raising=False)
    monkeypatch.delenv("PRESSWATCH_CRAWL_SETTINGS", raising=False)
    dataset = load_dataset(copy_dataset(tmp_path))
    live = crawl_settings(dataset, CrawlPlan([Start("https://globalnews.ca/")], []), None)
    assert live.getbool("ROBOTSTXT_OBEY") and live.getbool("AUTOTHROTTLE_ENABLED")
    assert live.getint("CONCURRENT_REQUESTS_PER_DOMAIN") in (1, 2)
    assert live["USER_AGENT"] == "presswatch/0.1 (research crawler; +https://example.org/presswatch-contact)"
    assert {429, 503} <= {int(code) for code in live.getlist("RETRY_HTTP_CODES")}
    assert live.getint("DOWNLOAD_MAXSIZE") == 20 * 1024 * 1024 and live.getint("DOWNLOAD_TIMEOUT") == 30
    assert live.getint("PRESSWATCH_RETRY_BACKOFF_BASE") == 2
    # The environment can lift politeness for loopback tests, and override single settings.
    monkeypatch.setenv("PRESSWATCH_POLITENESS", "off")
    monkeypatch.setenv("PRESSWATCH_CRAWL_SETTINGS", '{"DOWNLOAD_TIMEOUT": 1}')
    fast = crawl_settings(dataset, CrawlPlan([Start("https://globalnews.ca/")], []), None)
    assert not fast.getbool("AUTOTHROTTLE_ENABLED") and fast.getint("DOWNLOAD_TIMEOUT") == 1
    assert fast.getbool("ROBOTSTXT_OBEY")  # never lifted


def test_back_off_doubles_and_retry_after_is_capped() -> None:
    from presswatch.spiders.middlewares import PoliteRetryMiddleware
    from scrapy.http import Response
    from scrapy.settings import Settings

    settings = Settings({"RETRY_ENABLED": True, "RETRY_TIMES": 2, "RETRY_HTTP_CODES": [503],
                         "PRESSWATCH_RETRY_BACKOFF_BASE": 2.0, "PRESSWATCH_RETRY_AFTER_MAX": 600.0})
    middleware = PoliteRetryMiddleware(settings)
    plain = Response("https://x.example/", status=503)
    assert [middleware.wait_seconds(plain, attempt) for attempt in range(3)] == [2.0, 4.0, 8.0]
    told = Response("https://x.example/", status=503, headers={"Retry-After": "86400"})
    assert middleware.wait_seconds(told, 0) == 600.0


def test_resolved_addresses_are_checked_with_the_allowed_hosts() -> None:
    from presswatch.spiders.addresses import resolved_refusal

    assert resolved_refusal("news.example", "93.184.216.34", frozenset()) is None
    assert resolved_refusal("rebound.example", "10.0.0.7", frozenset()) == (
        "refused: rebound.example resolved to a private address (10.0.0.7) when connecting"
    )
    assert resolved_refusal("localhost", "127.0.0.1", frozenset({"localhost:8080"})) is None
    assert resolved_refusal("intranet", "192.168.1.1", frozenset({"10.0.0.1"})) is not None


def test_gzip_sitemaps_are_unpacked_and_bombs_are_not() -> None:
    import gzip

    from presswatch.crawl import discovery

    urlset = b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>https://x.example/a</loc></url></urlset>"
    assert [e.url for e in parse_sitemap(gzip.compress(urlset), "https://x.example/")] == ["https://x.example/a"]
    bomb = gzip.compress(b"<urlset>" + b" " * (discovery.MAX_UNPACKED_BYTES + 10) + b"</urlset>")
    assert parse_sitemap(bomb, "https://x.example/") == []
