"""kill -9 in the middle of a crawl, start it again: nothing lost, nothing fetched twice."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
import sqlite_utils

from tests.conftest import PRESSWATCH, run_presswatch
from tests.fixtures.sites.newsroom import NewsroomState, newsroom_dataset, serve
from tests.test_crawl_discovery import write_dataset

PAGES = 60
SLOW = json.dumps({"CONCURRENT_REQUESTS": 2, "CONCURRENT_REQUESTS_PER_DOMAIN": 2})


def _dataset(root: Path, base: str) -> Path:
    config = newsroom_dataset(base)
    config["crawl"]["max_depth"] = 0
    config["sources"][0]["seeds"] = [f"{base}/news/story-{n:03d}.html" for n in range(PAGES)]
    return write_dataset(root, config)


def _fetched(db_path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("select count(*) from fetches").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _comparable(db_path: Path, base: str) -> list[tuple]:
    db = sqlite_utils.Database(db_path)
    return sorted(
        (row["url"].removeprefix(base), row["status"], row["body_sha256"], row["outcome"], row["error"], row["relevance_score"])
        for row in db.query("select * from fetches")
    )


def test_a_killed_crawl_resumes_without_loss_or_refetch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSWATCH_POLITENESS", "off")
    monkeypatch.setenv("PRESSWATCH_CRAWL_SETTINGS", SLOW)
    reference_state = NewsroomState()
    with serve(reference_state) as base:
        root = tmp_path / "reference"
        folder = _dataset(root, base)
        run_presswatch("crawl", "gazette", "--live", "--allow-host", "127.0.0.1", datasets_root=root)
        reference = _comparable(folder / "build" / "gazette.db", base)
    assert len(reference) == PAGES

    state = NewsroomState()
    state.delay_seconds = 0.05
    with serve(state) as base:
        root = tmp_path / "killed"
        folder = _dataset(root, base)
        db_path = folder / "build" / "gazette.db"
        env = {**os.environ, "PRESSWATCH_DATASETS": str(root)}
        crawl = subprocess.Popen(
            [*PRESSWATCH, "crawl", "gazette", "--live", "--allow-host", "127.0.0.1"],
            env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while _fetched(db_path) < 15 and time.monotonic() < deadline and crawl.poll() is None:
            time.sleep(0.02)
        crawl.send_signal(signal.SIGKILL)
        crawl.wait(timeout=10)
        before = {row["url"] for row in sqlite_utils.Database(db_path).query("select url from fetches")}
        assert 15 <= len(before) < PAGES, "the crawl was not killed half-way; slow the site down"
        requests_before = dict(state.requests)

        result = run_presswatch("crawl", "gazette", "--live", "--allow-host", "127.0.0.1", datasets_root=root)
        assert "resuming the interrupted crawl 1" in result.stderr, result.stderr

    assert _comparable(db_path, base) == reference
    db = sqlite_utils.Database(db_path)
    # Each URL has exactly one row; the pages recorded before the kill were not asked for again.
    assert db.execute("select count(*), count(distinct url) from fetches").fetchone() == (PAGES, PAGES)
    for url in before:
        path = url.removeprefix(base)
        assert state.requests[path] == requests_before[path] == 1, path
    # A page in flight at the kill (downloaded, or waiting for the recorder thread's commit) had
    # no row yet, so it was asked for again: twice, never more. robots.txt is asked for once per
    # process, as it should be.
    before_paths = {url.removeprefix(base) for url in before}
    again = [path for path, count in state.requests.items() if count > 1 and path != "/robots.txt"]
    assert all(path not in before_paths and state.requests[path] == 2 for path in again), again
    # Every row points at a whole WARC record, the frontier is empty, the runs tell the story.
    from presswatch.store.archive import read_response_at

    for row in db.query("select * from fetches"):
        assert read_response_at(folder / row["warc_file"], row["warc_offset"]).url == row["final_url"]
    assert db.execute("select count(*) from crawl_frontier where state = 'queued'").fetchone()[0] == 0
    runs = [(run["id"], run["status"]) for run in db.query("select * from runs order by id")]
    assert runs == [(1, "interrupted"), (2, "ok")]
