"""The crawl frontier stays in the database: a job's size costs queries, not memory.

open_job reads no row of the queue or of the crawl history; the queue is read a page of rows at
a time; a URL's earlier validators and children are looked up when they are needed; a URL two
pages name before either is committed is still queued once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import presswatch.crawl.frontier as frontier
import pytest
import sqlite_utils
from presswatch.crawl.frontier import Start, open_job, record_page
from presswatch.store import Connector, open_database

from tests.statement_log import StatementLog


def _run(db: sqlite_utils.Database, run_id: int, live: bool = True) -> None:
    db.table("runs").insert({"id": run_id, "command": "crawl", "status": "running",
                             "arguments": json.dumps({"live": live})}, pk="id", replace=True)


def _fetch(url: str, fetched_at: str, etag: str) -> dict:
    return {"url": url, "final_url": url, "status": 200, "headers": [["ETag", etag]], "body_sha256": "sha-" + etag,
            "fetched_at": fetched_at, "origin": "live"}


def _child(url: str, parent: str) -> dict:
    return {"url": url, "url_key": url, "kind": "page", "depth": 1, "discovered_from": parent, "listed_date": None}


def _history(tmp_path: Path, urls: int) -> sqlite_utils.Database:
    """A database with one finished crawl of `urls` pages, each naming a child."""
    db = open_database(tmp_path / "t.db")
    _run(db, 1)
    job = open_job(db, Connector(tmp_path / "t.db"), 1, [Start(f"https://a.example/{n}") for n in range(urls)], live=True)
    with db.conn:
        for n in range(urls):
            record_page(db, job.id, 1, f"https://a.example/{n}", _fetch(f"https://a.example/{n}", "2026-03-01T00:00:00Z", f'"e{n}"'),
                        [_child(f"https://a.example/{n}/child", f"https://a.example/{n}")])
    frontier.close_job(db, job.id)
    return db


def test_open_job_reads_no_row_of_the_queue_or_of_the_history(tmp_path: Path) -> None:
    db = _history(tmp_path, 50)
    _run(db, 2)
    log = StatementLog(db)
    job = open_job(db, Connector(tmp_path / "t.db"), 2, [Start(f"https://a.example/{n}") for n in range(50)], live=True)
    assert len(job.queue) == 50 and not job.resumed
    reads = [s for s in log.statements if s.lstrip().lower().startswith("select")]
    # Only aggregates (which job to resume, how many rows are queued, whether there is any
    # history at all): nothing per URL.
    per_row = [s for s in reads if re.search(r"\b(crawl_frontier|fetches)\b", s) and not re.search(r"\b(count|max|exists)\(", s)]
    assert per_row == [], per_row


def test_the_queue_is_read_a_page_at_a_time_and_is_what_was_queued_at_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(frontier, "QUEUE_PAGE", 7)
    db = open_database(tmp_path / "t.db")
    _run(db, 1)
    starts = [Start(f"https://a.example/{n}") for n in range(40)]
    job = open_job(db, Connector(tmp_path / "t.db"), 1, starts, live=True)
    with db.conn:  # a crawl killed after recording every fourth page
        for n in range(0, 40, 4):
            record_page(db, job.id, 1, f"https://a.example/{n}", _fetch(f"https://a.example/{n}", "2026-03-01T00:00:00Z", '"x"'), [])
    _run(db, 2)
    resumed = open_job(db, Connector(tmp_path / "t.db"), 2, [], live=True)
    assert (resumed.id, resumed.resumed, len(resumed.queue)) == (1, True, 30)
    reads: list[str] = []
    resumed.connection().set_trace_callback(reads.append)
    seen = []
    for row in resumed.queue:
        seen.append(row["url"])
        # Meanwhile the crawl records the page and what it names (rows added after the open
        # are requested by their parents, not read back from the queue).
        with db.conn:
            record_page(db, job.id, 2, row["url"], _fetch(row["url"], "2026-03-02T00:00:00Z", '"y"'),
                        [{**_child(row["url"] + "/more", row["url"]), "given": 0}])
    assert seen == [s.url for n, s in enumerate(starts) if n % 4], seen
    pages = [s for s in reads if "from crawl_frontier" in s]
    assert len(pages) == 5 and all(s.rstrip().endswith("limit 7") for s in pages), pages
    assert db.execute("select count(*) from crawl_frontier where state = 'queued'").fetchone()[0] == 30  # the /more rows
    resumed.close()


def test_a_url_two_pages_name_before_either_is_recorded_is_queued_once(tmp_path: Path) -> None:
    db = open_database(tmp_path / "t.db")
    _run(db, 1)
    job = open_job(db, Connector(tmp_path / "t.db"), 1, [Start("https://a.example/1"), Start("https://a.example/2")], live=True)
    assert job.unknown(["https://a.example/1", "https://a.example/x", "https://a.example/x"]) == ["https://a.example/x"]
    # Page 2 names x too, before page 1's row is committed: x is pending, not queued again.
    assert job.unknown(["https://a.example/x", "https://a.example/y"]) == ["https://a.example/y"]
    rows = [_child("https://a.example/x", "https://a.example/1")]
    with db.conn:
        record_page(db, job.id, 1, "https://a.example/1", _fetch("https://a.example/1", "2026-03-01T00:00:00Z", '"a"'), rows)
    job.committed(rows)
    assert "https://a.example/x" not in job.pending  # the table answers for it now
    assert job.unknown(["https://a.example/x", "https://a.example/z"]) == ["https://a.example/z"]
    job.close()


def test_validators_and_children_are_looked_up_per_url_from_earlier_jobs(tmp_path: Path) -> None:
    db = _history(tmp_path, 3)
    _run(db, 2)
    job = open_job(db, Connector(tmp_path / "t.db"), 2, [Start("https://a.example/1")], live=True)
    assert job.previous("https://a.example/1") == {"etag": '"e1"', "last_modified": None, "sha256": 'sha-"e1"'}
    assert job.previous("https://a.example/nowhere") is None
    # This job's own rows are not "what it named last time".
    with db.conn:
        record_page(db, job.id, 2, "https://a.example/1", _fetch("https://a.example/1", "2026-03-02T00:00:00Z", '"n"'),
                    [_child("https://a.example/1/new", "https://a.example/1")])
    assert job.children("https://a.example/1") == [("https://a.example/1/child", "page")]
    job.close()
