"""A live crawl against a real HTTP server on 127.0.0.1: fetch rows, failures, robots, redirects."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from presswatch.store.archive import read_response_at
from pytest_httpserver import HTTPServer

from tests.conftest import run_presswatch
from tests.fixtures.sites.loopback import loopback_server, request_target

PAGE = "<html><head><title>Loopback story</title></head><body><article><p>Facebook said it would merge Messenger and WhatsApp.</p></article></body></html>"


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """Pages, a redirect, a robots.txt that forbids /private/; any other path is a 404."""
    with loopback_server() as server:
        server.expect_request("/robots.txt").respond_with_data(
            b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        server.expect_request("/story.html").respond_with_data(
            PAGE.encode(), content_type="text/html; charset=utf-8", headers={"ETag": '"v1"'})
        server.expect_request("/old-story").respond_with_data(
            b"", 301, content_type="text/html", headers={"Location": "/story.html"})
        server.expect_request("/private/secret.html").respond_with_data(
            b"<p>never fetched</p>", content_type="text/html")
        yield server


@pytest.fixture
def site(server: HTTPServer) -> str:
    return f"http://127.0.0.1:{server.port}"


def requested(server: HTTPServer) -> list[str]:
    return [request_target(request) for request, _ in server.log]


def _loopback_dataset(root: Path, base: str) -> Path:
    folder = root / "loopback"
    folder.mkdir()
    config = {
        "name": "loopback", "title": "Loopback test", "description": "A site on 127.0.0.1.",
        "license": {"name": "CC0"}, "stance_target": {"id": "t", "label": "the plan"},
        "crawl": {"contact_url": "https://example.org/contact"},
        "sources": [{
            "id": "loopback-site", "name": "Loopback Site", "family": "news", "url": base + "/",
            "domains": ["127.0.0.1"],
            "seeds": [base + "/story.html", base + "/old-story", base + "/missing", base + "/private/secret.html"],
        }],
        "knowledge_base": [{"id": "facebook", "name": "Facebook", "type": "organization"}],
    }
    (folder / "dataset.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return folder


def test_live_crawl_records_every_outcome(tmp_path: Path, site: str, server: HTTPServer) -> None:
    folder = _loopback_dataset(tmp_path, site)
    # The crawler refuses loopback addresses unless the operator allows the host explicitly.
    result = run_presswatch(
        "crawl", "loopback", "--live", "--allow-host", "127.0.0.1", datasets_root=tmp_path, timeout=120
    )
    assert "4 page(s) recorded, 2 ok, 2 failed" in result.stderr, result.stderr

    db = sqlite_utils.Database(folder / "build" / "loopback.db")
    rows = {row["url"]: row for row in db.query("select * from fetches")}
    assert set(rows) == {site + "/story.html", site + "/old-story", site + "/missing", site + "/private/secret.html"}

    story = rows[site + "/story.html"]
    assert (story["status"], story["origin"], story["source_id"], story["error"]) == (200, "live", "loopback-site", None)
    assert story["content_type"] == "text/html; charset=utf-8"
    # Header names are case-insensitive (Scrapy normalises them to "Etag").
    assert {k.lower(): v for k, v in json.loads(story["headers"])}["etag"] == '"v1"'
    archived = read_response_at(folder / story["warc_file"], story["warc_offset"])
    assert archived.body == PAGE.encode() and archived.url == site + "/story.html"

    moved = rows[site + "/old-story"]
    assert moved["final_url"] == site + "/story.html"
    assert json.loads(moved["redirects"]) == [site + "/old-story"]

    assert (rows[site + "/missing"]["status"], rows[site + "/missing"]["error"]) == (404, "HTTP 404")
    # robots.txt forbids /private/: the page is recorded as refused and never requested.
    private = rows[site + "/private/secret.html"]
    assert private["status"] is None and "robots.txt" in private["error"]
    assert "/private/secret.html" not in requested(server)
    assert "/robots.txt" in requested(server)

    run = db.table("runs").get(1)
    assert (run["command"], run["status"], run["fetched"]) == ("crawl", "ok", 4)
    assert (folder / run["log_file"]).is_file()


def test_a_crawl_that_cannot_start_fails_its_run(tmp_path: Path, site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An engine-level error must not pass for an ok run with nothing recorded."""
    folder = _loopback_dataset(tmp_path, site)
    # A downloader middleware that cannot be imported stops Scrapy before the spider opens.
    monkeypatch.setenv(
        "PRESSWATCH_CRAWL_SETTINGS",
        json.dumps({"DOWNLOADER_MIDDLEWARES": {"presswatch.spiders.no_such_module.Middleware": 500}}),
    )
    result = run_presswatch(
        "crawl", "loopback", "--live", "--allow-host", "127.0.0.1",
        datasets_root=tmp_path, timeout=120, check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "the crawl did not finish" in result.stderr
    run = sqlite_utils.Database(folder / "build" / "loopback.db").table("runs").get(1)
    assert run["status"] == "failed" and "did not finish" in run["message"]
