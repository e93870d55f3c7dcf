"""Failures are data: every bad answer from a real loopback server is a fetch row with its reason."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from tests.conftest import run_presswatch
from tests.fixtures.sites.newsroom import NewsroomState, newsroom_dataset, serve
from tests.test_crawl_discovery import write_dataset

BAD_PATHS = [
    "/missing", "/gone", "/flaky", "/busy", "/always-503", "/slow", "/loop-a", "/huge",
    "/cp1252.html", "/report.pdf", "/to-other-port", "/news/merger.html", "/broken.html",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, NewsroomState, dict, str]]:
    root = tmp_path_factory.mktemp("failures")
    state = NewsroomState()
    with serve(state) as base, pytest.MonkeyPatch.context() as patch:
        patch.setenv("PRESSWATCH_POLITENESS", "off")
        # Short enough to keep the test fast, long enough that the 1 s Retry-After is honoured.
        patch.setenv("PRESSWATCH_CRAWL_SETTINGS", json.dumps({"DOWNLOAD_TIMEOUT": 1, "RETRY_TIMES": 1}))
        folder = write_dataset(root, newsroom_dataset(base))
        host = base.removeprefix("http://")
        args = [arg for path in BAD_PATHS for arg in ("--seed", base + path)]
        result = run_presswatch("crawl", "gazette", "--live", "--allow-host", host, *args, datasets_root=root, timeout=120)
        db = sqlite_utils.Database(folder / "build" / "gazette.db")
        rows = {row["url"].removeprefix(base): row for row in db.query("select * from fetches")}
        yield base, state, rows, result.stderr


def test_every_url_has_a_row_and_the_run_goes_on(crawled: tuple[str, NewsroomState, dict, str]) -> None:
    _, _, rows, stderr = crawled
    # Plus the two pages merger.html links to (link following, depth 1).
    assert set(rows) == set(BAD_PATHS) | {"/news/analysis.html", "/news/roads.html"}, stderr
    assert rows["/news/merger.html"]["outcome"] == "new"


@pytest.mark.parametrize(
    ("path", "status", "reason"),
    [
        ("/missing", 404, "HTTP 404"),
        ("/gone", 410, "HTTP 410"),
        ("/always-503", 503, "HTTP 503 after 1 retries"),
        ("/slow", None, "timeout"),
        ("/loop-a", None, "redirect loop"),
        ("/huge", None, "oversize"),
        ("/to-other-port", None, "refused: 127.0.0.1:"),
        ("/broken.html", 200, "undecodable: the bytes are not text in utf-8"),
    ],
)
def test_failure_reasons(crawled: tuple[str, NewsroomState, dict, str], path: str, status: int | None, reason: str) -> None:
    row = crawled[2][path]
    assert row["outcome"] == "failed"
    assert row["status"] == status
    assert row["error"].startswith(reason), row["error"]


def test_a_redirect_to_another_loopback_port_is_refused_before_any_request(crawled: tuple[str, NewsroomState, dict, str]) -> None:
    base, state, rows, _ = crawled
    row = rows["/to-other-port"]
    assert "loopback address" in row["error"] and "--allow-host" in row["error"]
    assert json.loads(row["redirects"]) == [base + "/to-other-port"]
    # The other server (a different NewsroomState) was never asked; this one saw one request.
    assert state.requests["/to-other-port"] == 1 and "/admin" not in state.requests


def test_a_60_megabyte_body_is_cut_off(crawled: tuple[str, NewsroomState, dict, str]) -> None:
    row = crawled[2]["/huge"]
    assert "larger than download max size" in row["error"] and row["body_bytes"] is None


def test_a_500_that_recovers_is_retried(crawled: tuple[str, NewsroomState, dict, str]) -> None:
    _, state, rows, _ = crawled
    assert (rows["/flaky"]["status"], rows["/flaky"]["outcome"], rows["/flaky"]["error"]) == (200, "new", None)
    assert state.requests["/flaky"] == 2


def test_retry_after_is_honoured(crawled: tuple[str, NewsroomState, dict, str]) -> None:
    _, state, rows, _ = crawled
    assert rows["/busy"]["status"] == 200
    times = [moment for moment, path, _ in state.log if path == "/busy"]
    assert len(times) == 2 and times[1] - times[0] >= 0.95  # Retry-After: 1


def test_non_html_is_recorded_without_scoring(crawled: tuple[str, NewsroomState, dict, str]) -> None:
    row = crawled[2]["/report.pdf"]
    assert (row["status"], row["content_type"]) == (200, "application/pdf")
    assert row["relevance_reason"] == "not scored: not an HTML page (Content-Type: application/pdf)"


def test_windows_1252_without_a_charset_is_read_right(crawled: tuple[str, NewsroomState, dict, str]) -> None:
    row = crawled[2]["/cp1252.html"]
    assert row["outcome"] == "new" and row["error"] is None
    # The title's curly quotes are cp1252 bytes 0x93/0x94: decoded right, the terms match.
    assert "WhatsApp (title)" in row["relevance_reason"] and "Priya Nandakumar" in row["relevance_reason"]


def test_loopback_seeds_are_refused_without_allow_host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSWATCH_POLITENESS", "off")
    state = NewsroomState()
    with serve(state) as base:
        folder = write_dataset(tmp_path, newsroom_dataset(base))
        result = run_presswatch("crawl", "gazette", "--live", "--seed", base + "/news/merger.html", "--seed", "http://10.0.0.1/intranet", "--seed", "http://169.254.169.254/latest/meta-data/", datasets_root=tmp_path)
    rows = {row["url"]: row for row in sqlite_utils.Database(folder / "build" / "gazette.db").query("select * from fetches")}
    assert "3 failed" in result.stderr
    assert "loopback" in rows[base + "/news/merger.html"]["error"]
    assert "private" in rows["http://10.0.0.1/intranet"]["error"]
    assert "link-local" in rows["http://169.254.169.254/latest/meta-data/"]["error"]
    assert sum(state.requests.values()) == 0


def test_the_resolver_refuses_a_name_that_resolves_to_loopback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second line of defence: with the request-time check switched off, the connection's
    own name resolution still refuses `localhost` (as it would a name rebound to 127.0.0.1)."""
    monkeypatch.setenv("PRESSWATCH_POLITENESS", "off")
    monkeypatch.setenv("PRESSWATCH_CRAWL_SETTINGS", json.dumps({
        "DOWNLOADER_MIDDLEWARES": {"presswatch.spiders.addresses.AddressGuardMiddleware": None},
        "ROBOTSTXT_OBEY": False,
    }))
    state = NewsroomState()
    with serve(state) as base:
        folder = write_dataset(tmp_path, newsroom_dataset(base))
        url = base.replace("127.0.0.1", "localhost") + "/news/merger.html"
        run_presswatch("crawl", "gazette", "--live", "--seed", url, datasets_root=tmp_path)
    row = next(sqlite_utils.Database(folder / "build" / "gazette.db").query("select * from fetches"))
    assert row["outcome"] == "failed"
    assert "refused: localhost resolved to a loopback address (127.0.0.1) when connecting" in row["error"]
    assert sum(state.requests.values()) == 0
