"""Discovery against a real loopback newsroom: feeds, a sitemap index, links, relevance, robots."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from presswatch.store.archive import iter_responses, read_response_at

from tests.conftest import run_presswatch
from tests.fixtures.sites.newsroom import NewsroomState, newsroom_dataset, serve

FAST = json.dumps({"DOWNLOAD_TIMEOUT": 2, "RETRY_TIMES": 1})


@pytest.fixture
def newsroom(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, NewsroomState]]:
    monkeypatch.setenv("PRESSWATCH_POLITENESS", "off")
    monkeypatch.setenv("PRESSWATCH_CRAWL_SETTINGS", FAST)
    state = NewsroomState()
    with serve(state) as base:
        yield base, state


def write_dataset(root: Path, config: dict) -> Path:
    folder = root / config["name"]
    folder.mkdir(parents=True)
    (folder / "dataset.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return folder


def test_feeds_sitemaps_and_links_are_discovered_and_scored(tmp_path: Path, newsroom: tuple[str, NewsroomState]) -> None:
    base, state = newsroom
    folder = write_dataset(tmp_path, newsroom_dataset(base))
    host = base.removeprefix("http://")
    result = run_presswatch(
        "crawl", "gazette", "--live", "--allow-host", host,
        "--feed", base + "/feed.xml", "--feed", base + "/blog/atom.xml",
        "--sitemap", base + "/sitemap_index.xml",
        datasets_root=tmp_path, timeout=120,
    )
    db = sqlite_utils.Database(folder / "build" / "gazette.db")
    rows = {row["url"]: row for row in db.query("select * from fetches")}
    # Feed items (the tracking-parameter copy of merger.html is the same URL), the Atom entry,
    # the sitemap index → news sitemap → its pages, and links one hop from the articles.
    assert set(rows) == {
        base + "/feed.xml", base + "/blog/atom.xml", base + "/sitemap_index.xml",
        base + "/sitemap-news.xml", base + "/news/merger.html", base + "/news/roads.html",
        base + "/private/draft.html", base + "/blog/keys.html", base + "/news/press-room.html",
        base + "/news/changing.html", base + "/news/analysis.html",
    }, result.stderr
    kinds = {url.removeprefix(base): row["kind"] for url, row in rows.items()}
    assert kinds["/feed.xml"] == "feed" and kinds["/sitemap_index.xml"] == "sitemap"
    assert kinds["/sitemap-news.xml"] == "sitemap" and kinds["/news/press-room.html"] == "page"
    # Nothing fetched twice, nothing off the allowed domains, nothing deeper than max_depth 1.
    assert state.requests["/news/merger.html"] == 1
    assert "/news/merger.html?utm_source=rss&fbclid=abc" not in state.requests
    assert "/news/too-deep.html" not in state.requests
    # Dates the feed and the news sitemap gave are kept with the URL.
    assert rows[base + "/news/press-room.html"]["listed_date"] == "2019-01-28T10:30:00+00:00"
    assert rows[base + "/blog/keys.html"]["listed_date"] == "2019-01-27T09:00:00Z"
    assert rows[base + "/news/analysis.html"]["discovered_from"] == base + "/news/merger.html"
    assert rows[base + "/news/analysis.html"]["depth"] == 1
    # Relevance: on-topic pages kept with a score and the terms that matched; the off-topic page
    # is recorded as skipped with its reason, not dropped.
    merger = rows[base + "/news/merger.html"]
    assert merger["outcome"] == "new" and merger["relevance_score"] >= 2
    assert "Messenger (title)" in merger["relevance_reason"] and "Priya Nandakumar" in merger["relevance_reason"]
    roads = rows[base + "/news/roads.html"]
    assert (roads["outcome"], roads["relevance_score"]) == ("skipped", 0)
    assert "below the relevance threshold" in roads["relevance_reason"]
    # robots.txt forbids /private/: recorded as refused, never requested.
    draft = rows[base + "/private/draft.html"]
    assert (draft["outcome"], draft["error"]) == ("failed", "refused by robots.txt")
    assert "/private/draft.html" not in state.requests
    # The User-Agent names presswatch and the dataset's contact URL.
    agents = {headers.get("user-agent") for _, path, headers in state.log if path == "/news/merger.html"}
    assert agents == {"presswatch/0.1 (research crawler; +https://example.org/gazette-contact)"}
    # The run's counts.
    run = db.table("runs").get(1)
    assert (run["fetched"], run["new"], run["skipped"], run["failed"]) == (11, 9, 1, 1)
    assert run["duration_seconds"] > 0


def test_requests_and_responses_are_archived_and_indexed(tmp_path: Path, newsroom: tuple[str, NewsroomState]) -> None:
    base, _ = newsroom
    folder = write_dataset(tmp_path, newsroom_dataset(base))
    run_presswatch("crawl", "gazette", "--live", "--allow-host", "127.0.0.1", "--seed", base + "/news/merger.html", datasets_root=tmp_path)
    db = sqlite_utils.Database(folder / "build" / "gazette.db")
    row = next(db.query("select * from fetches where url = ?", [base + "/news/merger.html"]))
    warc = folder / row["warc_file"]
    assert warc.name == "run-00001.warc.gz"
    assert read_response_at(warc, row["warc_offset"]).body.startswith(b"<!doctype html>")
    from warcio.archiveiterator import ArchiveIterator

    with open(warc, "rb") as stream:
        stream.seek(row["warc_request_offset"])
        request = next(iter(ArchiveIterator(stream)))
        assert request.rec_type == "request"
        assert request.rec_headers.get_header("WARC-Target-URI") == base + "/news/merger.html"
        assert request.http_headers.protocol == "GET" or request.http_headers.statusline.startswith("GET /news/merger.html")
        assert "presswatch" in request.http_headers.get_header("User-Agent")
    assert [r.url for _, r in iter_responses(warc)].count(base + "/news/merger.html") == 1


def test_replaying_a_wacz_needs_no_network(tmp_path: Path, newsroom: tuple[str, NewsroomState]) -> None:
    """A researcher rebuilds from someone else's capture: WARC inside a WACZ, server untouched."""
    import zipfile

    base, state = newsroom
    folder = write_dataset(tmp_path, newsroom_dataset(base))
    run_presswatch("crawl", "gazette", "--live", "--allow-host", "127.0.0.1", "--feed", base + "/feed.xml", datasets_root=tmp_path)
    capture = tmp_path / "capture.wacz"
    with zipfile.ZipFile(capture, "w") as package:
        package.write(folder / "build" / "archive" / "run-00001.warc.gz", "archive/data.warc.gz")
        package.writestr("datapackage.json", "{}")
    other = write_dataset(tmp_path / "other", newsroom_dataset(base))
    requests_before = sum(state.requests.values())
    result = run_presswatch("crawl", "gazette", "--replay", str(capture), "--feed", base + "/feed.xml", datasets_root=tmp_path / "other")
    assert sum(state.requests.values()) == requests_before, "the replay went to the network"
    replayed = {row["url"]: row for row in sqlite_utils.Database(other / "build" / "gazette.db").query("select * from fetches")}
    live = {row["url"]: row for row in sqlite_utils.Database(folder / "build" / "gazette.db").query("select * from fetches")}
    # Everything the live crawl fetched is answered from the capture, with the same bodies; the
    # robots-refused page was never captured, and a replay follows only what was captured.
    assert set(replayed) == set(live) - {base + "/private/draft.html"}, result.stderr
    for url, row in live.items():
        if row["status"] == 200:
            assert replayed[url]["body_sha256"] == row["body_sha256"], url
            assert replayed[url]["origin"].startswith("replay:")
    assert replayed[base + "/news/roads.html"]["outcome"] == "skipped"


def test_an_archived_social_thread_belongs_to_its_original_source(tmp_path: Path, newsroom: tuple[str, NewsroomState]) -> None:
    base, _ = newsroom
    folder = write_dataset(tmp_path, newsroom_dataset(base))
    capture = base + "/web/20190126093000/https://social.example/cryptoprof/status/1096"
    run_presswatch("crawl", "gazette", "--live", "--allow-host", "127.0.0.1", "--seed", capture, datasets_root=tmp_path)
    row = next(sqlite_utils.Database(folder / "build" / "gazette.db").query("select * from fetches"))
    assert (row["url"], row["status"], row["source_id"]) == (capture, 200, "cryptoprof-social")
    assert "WhatsApp (title)" in row["relevance_reason"]


def test_replaying_without_start_urls_replays_every_captured_page(tmp_path: Path, newsroom: tuple[str, NewsroomState]) -> None:
    base, state = newsroom
    folder = write_dataset(tmp_path, newsroom_dataset(base))
    run_presswatch("crawl", "gazette", "--live", "--allow-host", "127.0.0.1", "--feed", base + "/feed.xml", datasets_root=tmp_path)
    capture = folder / "build" / "archive" / "run-00001.warc.gz"
    other = write_dataset(tmp_path / "other", newsroom_dataset(base))
    requests_before = sum(state.requests.values())
    run_presswatch("crawl", "gazette", "--replay", str(capture), datasets_root=tmp_path / "other")
    assert sum(state.requests.values()) == requests_before
    replayed = {row["url"]: row for row in sqlite_utils.Database(other / "build" / "gazette.db").query("select * from fetches")}
    assert set(replayed) == {base + p for p in ("/feed.xml", "/news/merger.html", "/news/roads.html", "/news/analysis.html")}
    # Pages from someone else's capture are scored like discovered ones: off-topic is skipped.
    assert replayed[base + "/news/roads.html"]["outcome"] == "skipped"
    assert replayed[base + "/news/merger.html"]["outcome"] == "new"
