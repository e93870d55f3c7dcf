"""The crawl's shortcuts record exactly what the slow paths did.

The relevance filter tests a plain substring before running each term's whole-word regex; the
shortcut must never hide a match the regex would find, whatever the Unicode case rules. The
recorder writes pages in batches on its own thread, in WAL mode: every page is still all or
nothing, its row points at its records, and the database is one self-contained file afterwards.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
from pathlib import Path

import pytest
from presswatch.crawl.fetched import FetchedPage
from presswatch.crawl.frontier import Start, open_job, previous_fetch
from presswatch.crawl.recorder import PageWriter, PendingPage, WriterThread
from presswatch.crawl.relevance import BODY_WEIGHT, TITLE_WEIGHT, _pattern, score_page
from presswatch.store import Connector, open_database
from presswatch.store.archive import read_response_at

from tests.conftest import DATASET, copy_dataset, run_presswatch


def _regex_only_score(title: str, body: str, terms: list[str]) -> tuple[float, list[str]]:
    """The score as the filter defines it: every term's whole-word regex, no shortcut."""
    score, matched = 0.0, []
    for term in terms:
        pattern = _pattern(term)
        if title and pattern.search(title):
            score += TITLE_WEIGHT
            matched.append(f"{term} (title)")
        elif body and pattern.search(body):
            score += BODY_WEIGHT
            matched.append(term)
    return score, matched


def _matched(reason: str) -> list[str]:
    if "matched: " not in reason:
        return []
    return reason.split("matched: ", 1)[1].split(", ")


def test_case_insensitive_matches_across_unicode_case_rules_are_kept() -> None:
    terms = ["Messenger", "WhatsApp", "FTC", "Instagram", "Kik", "Σίγμα", "fast lane", "İzmir"]
    cases = [
        # (title, body, terms the regex finds in the body or title)
        ("", "MEſſENGER and whatsapp", ["Messenger", "WhatsApp"]),  # long s is an s to the regex
        ("", "\u212aik chats (Kelvin sign K)", ["Kik"]),
        ("", "ıNSTAGRAM with a dotless i", ["Instagram"]),
        ("", "Travel to İZMİR", ["İzmir"]),
        ("", "INSTAGRAM in İstanbul, Instagram", ["Instagram"]),
        ("ΣΊΓΜΑ", "", ["Σίγμα (title)"]),
        ("", "το σίγμας and σίγμα", ["Σίγμα"]),
        ("", "the ftc is not the FTC", ["FTC"]),
        ("", "the ftc only", []),
        ("", "fast lanes and a faſt lane", ["fast lane"]),
        ("", "MessengerApp and WhatsApps", []),
    ]
    for title, body, expected in cases:
        result = score_page(title, body, terms, threshold=1)
        assert _matched(result.reason) == expected, (title, body, result.reason)
        assert (result.score, _matched(result.reason)) == _regex_only_score(title, body, terms)


def test_random_texts_score_as_the_regex_alone_scores_them() -> None:
    rng = random.Random(11)
    alphabet = "aAsSſkK\u212aiIıİσςΣfﬅﬆtT -é"
    terms = sorted({"".join(rng.choice(alphabet.strip()) for _ in range(rng.randint(1, 3))) for _ in range(40)})
    terms = [t for t in terms if re.search(r"\w", t)]
    for _ in range(400):
        title = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        result = score_page(title, body, terms, threshold=1)
        assert (result.score, _matched(result.reason)) == _regex_only_score(title, body, terms), (title, body)


def _page(n: int) -> PendingPage:
    url = f"https://harbour-ledger.example/news/{n:03d}.html"
    body = f"<html><head><title>Story {n}</title></head><body><p>Messenger story {n}</p></body></html>".encode()
    item = FetchedPage(url=url, fetched_at=f"2026-03-01T09:00:{n:02d}Z", origin="live", final_url=url, status=200,
                       headers=[("Content-Type", "text/html")], body=body, request_headers=[("User-Agent", "test")],
                       outcome="new", discovered=[{"url": url + "?next", "url_key": url + "?next", "kind": "page",
                                                   "depth": 1, "discovered_from": url, "listed_date": None, "given": 0}])
    row = {"run_id": None, "source_id": None, "url": url, "final_url": url, "status": 200, "content_type": "text/html",
           "headers": [["Content-Type", "text/html"]], "body_sha256": None, "body_bytes": len(body),
           "fetched_at": item.fetched_at, "origin": "live", "warc_file": None, "warc_offset": None,
           "warc_request_offset": None, "redirects": [], "error": None, "kind": "page", "depth": 0,
           "discovered_from": None, "listed_date": None, "outcome": "new", "relevance_score": None,
           "relevance_reason": None}
    return PendingPage(item, row)


def _writer(tmp_path: Path, pages: list[PendingPage]) -> PageWriter:
    db_path = tmp_path / "build" / "t.db"
    db = open_database(db_path)
    open_job(db, Connector(db_path), 1, [Start(page.item.url) for page in pages], live=True)
    db.close()
    return PageWriter(Connector(db_path), tmp_path / "build" / "archive" / "run.warc.gz", "build/archive/run.warc.gz", 1, None)


def test_a_page_that_cannot_be_written_fails_alone_and_the_others_point_at_their_records(tmp_path: Path) -> None:
    pages = [_page(n) for n in range(4)]
    pages[2].row["no_such_column"] = "x"  # SQLite refuses this page's row
    writer = _writer(tmp_path, pages)
    writer.open()
    writer.write(pages)
    writer.close()
    with pytest.raises(sqlite3.OperationalError, match="no_such_column"):
        pages[2].done.result()
    db = open_database(writer.connector.path)
    rows = {row["url"]: row for row in db.query("select * from fetches")}
    assert sorted(rows) == sorted(page.item.url for n, page in enumerate(pages) if n != 2)
    for url, row in rows.items():
        assert read_response_at(tmp_path / row["warc_file"], row["warc_offset"]).url == url
    states = dict(db.execute("select url, state from crawl_frontier where depth = 0").fetchall())
    assert states == {page.item.url: ("queued" if n == 2 else "done") for n, page in enumerate(pages)}
    # The failed page added no URL either: a page is all or nothing.
    added = {row[0] for row in db.execute("select discovered_from from crawl_frontier where depth = 1")}
    assert added == {page.item.url for n, page in enumerate(pages) if n != 2}
    assert db.execute("pragma journal_mode").fetchone()[0] == "delete"


def test_the_writer_thread_records_every_page_submitted_and_leaves_one_file(tmp_path: Path) -> None:
    pages = [_page(n) for n in range(30)]
    writer = _writer(tmp_path, pages)
    thread = WriterThread(writer)
    thread.start()
    futures = [thread.submit(page) for page in pages]
    thread.close()
    ids = [future.result(timeout=0) for future in futures]
    db = open_database(writer.connector.path)
    assert sorted(ids) == sorted(row[0] for row in db.execute("select id from fetches"))
    assert db.execute("select count(*) from crawl_frontier where state = 'queued' and depth = 0").fetchone()[0] == 0
    assert db.execute("pragma journal_mode").fetchone()[0] == "delete"
    assert not list(writer.connector.path.parent.glob("*-wal"))
    with pytest.raises(RuntimeError, match="stopped"):
        thread.submit(_page(99))


def test_a_crawl_leaves_a_self_contained_database(tmp_path: Path) -> None:
    folder = copy_dataset(tmp_path)
    run_presswatch("crawl", DATASET, datasets_root=tmp_path)
    run_presswatch("crawl", DATASET, datasets_root=tmp_path)  # the re-crawl: every page unchanged
    build = folder / "build"
    db = sqlite3.connect(build / f"{DATASET}.db")
    assert db.execute("pragma journal_mode").fetchone()[0] == "delete"
    assert [p.name for p in build.iterdir() if p.name.endswith(("-wal", "-shm", "-journal"))] == []
    runs = db.execute("select fetched, unchanged, failed from runs where command = 'crawl' order by id").fetchall()
    assert runs[1][0] == runs[0][0] and runs[1][1] == runs[0][0] - runs[0][2] > 0


def test_the_conditional_get_validators_come_from_each_urls_latest_answer(tmp_path: Path) -> None:
    db = open_database(tmp_path / "t.db")
    answers = [  # (url, fetched_at, status, etag, sha256), not in date order
        ("https://a.example/1", "2026-03-02T00:00:00Z", 200, '"a2"', "s-a2"),
        ("https://a.example/1", "2026-03-01T00:00:00Z", 200, '"a1"', "s-a1"),
        ("https://a.example/1", "2026-03-03T00:00:00Z", 500, None, None),  # a failure is not an answer
        ("https://a.example/2", "2026-03-01T00:00:00Z", 200, None, "s-b1"),
        ("https://a.example/2", "2026-03-04T00:00:00Z", 200, '"b2"', "s-b2"),
    ]
    with db.conn:
        for n, (url, fetched_at, status, etag, sha) in enumerate(answers):
            headers = [["ETag", etag]] if etag else []
            db.table("fetches").insert({"id": f"f{n}", "url": url, "fetched_at": fetched_at, "status": status,
                                        "headers": json.dumps(headers), "body_sha256": sha})
    assert previous_fetch(db, "https://a.example/1") == {"etag": '"a2"', "last_modified": None, "sha256": "s-a2"}
    assert previous_fetch(db, "https://a.example/2") == {"etag": '"b2"', "last_modified": None, "sha256": "s-b2"}
    assert previous_fetch(db, "https://a.example/3") is None
