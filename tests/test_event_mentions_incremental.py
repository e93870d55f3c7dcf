"""Event mentions and document quotations run by run (issue 7): each article version read once.

extract_event_mentions must give the rows a pass over every article gives, whether the articles
arrive in one run or several, read no body when nothing changed, and read every article again
when the dataset's events or knowledge base change.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from presswatch.derive.events.store import extract_event_mentions, save_events_and_relations
from presswatch.store import open_database, save_sources_and_entities

from tests.statement_log import StatementLog

KB = [
    {"id": "facebook", "name": "Facebook", "type": "organization"},
    {"id": "whatsapp", "name": "WhatsApp", "type": "product"},
    {"id": "instagram", "name": "Instagram", "type": "product"},
    {"id": "ftc", "name": "Federal Trade Commission", "aliases": ["FTC"], "type": "organization"},
]
WHATSAPP = {
    "id": "wa",
    "date": "2014-02-19",
    "kind": "acquisition",
    "actors": ["facebook", "whatsapp"],
    "description": "Facebook acquires WhatsApp",
    "source_url": "https://example.org/wa",
}
INSTAGRAM = {
    "id": "ig",
    "date": "2012-04-09",
    "kind": "acquisition",
    "actors": ["facebook", "instagram"],
    "description": "Facebook acquires Instagram",
    "source_url": "https://example.org/ig",
}
LAWSUIT = {
    "id": "ftc-suit",
    "date": "2020-12-09",
    "kind": "lawsuit",
    "actors": ["ftc", "facebook"],
    "description": "The FTC sues Facebook",
    "source_url": "https://example.org/ftc",
}
# Facts below are written to match the events above (fictional outlets, no invented quotes of
# real people: the quoted words are a fictional complaint's).
ARTICLES = {
    "a1": (
        "Facebook bought WhatsApp in February 2014. Critics said little at the time.",
        "2019-01-26T10:00:00+00:00",
    ),
    "a2": (
        "Years earlier, Facebook acquired Instagram in April 2012 for $1 billion.",
        "2019-01-27T10:00:00+00:00",
    ),
    "a3": (
        (
            "The FTC sued Facebook in December 2020, saying the company "
            '"bought its rivals to neutralize the threat they posed" to its business.'
        ),
        "2020-12-10T10:00:00+00:00",
    ),
    "a4": ("The council approved a budget on Tuesday.", "2019-01-28T10:00:00+00:00"),
}
DOCUMENT = (
    "1. This complaint concerns a social network.\n\n"
    "2. Facebook bought its rivals to neutralize the threat they posed to its monopoly.\n\n"
    "3. Plaintiff asks the Court to order relief."
)
QUOTES = {"a3": "bought its rivals to neutralize the threat they posed"}


def _version(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def _database(
    path: Path, article_ids: list[str], events: list[dict[str, Any]], document: bool = True
) -> sqlite_utils.Database:
    db = open_database(path)
    save_sources_and_entities(db, [], KB)
    save_events_and_relations(db, events, [])
    if document:
        _add_document(db)
    for article_id in article_ids:
        _add_article(db, article_id)
    return db


def _add_article(db: sqlite_utils.Database, article_id: str, body: str | None = None) -> None:
    body = body or ARTICLES[article_id][0]
    db["articles"].upsert(
        {
            "id": article_id,
            "version": _version(body),
            "body": body,
            "published": ARTICLES[article_id][1],
            "url": f"https://{article_id}.example/",
        },
        pk="id",
    )
    if article_id in QUOTES and QUOTES[article_id] in body:
        content = QUOTES[article_id]
        start = body.index(content)
        db["quotes"].insert(
            {
                "id": f"{article_id}-{_version(body)}-q",
                "article_id": article_id,
                "article_version": _version(body),
                "content": content,
                "content_start": start,
                "content_end": start + len(content),
            }
        )


def _add_document(db: sqlite_utils.Database) -> None:
    db["fetches"].insert(
        {
            "id": "f-doc",
            "url": "https://court.example/complaint.pdf",
            "fetched_at": "2021-01-01T00:00:00Z",
            "content_type": "application/pdf",
        }
    )
    db["articles"].insert(
        {
            "id": "doc",
            "version": _version(DOCUMENT),
            "body": DOCUMENT,
            "fetch_id": "f-doc",
            "published": "2020-12-09T00:00:00+00:00",
            "url": "https://court.example/complaint.pdf",
        }
    )


def rows(db: sqlite_utils.Database, table: str) -> list[tuple]:
    return [tuple(row) for row in db.execute(f"select * from [{table}] order by 1, 2, 3")]


EVENTS = [WHATSAPP, INSTAGRAM, LAWSUIT]
TABLES = ("event_mentions", "document_paragraphs", "document_quotations")


def test_the_rows_are_what_the_articles_say(tmp_path: Path) -> None:
    db = _database(tmp_path / "all.db", list(ARTICLES), EVENTS)
    assert extract_event_mentions(db, KB, EVENTS) == {"event_mentions": 4}
    found = {
        (row["article_id"], row["event_id"], row["status"])
        for row in db.query("select * from event_mentions")
    }
    # The complaint's "Facebook bought its rivals" names no rival and no date: a candidate.
    assert found == {
        ("a1", "wa", "linked"),
        ("a2", "ig", "linked"),
        ("a3", "ftc-suit", "linked"),
        ("doc", None, "candidate"),
    }
    # The FTC's quoted words are paragraph 2 of the complaint.
    assert [
        (r["quote_id"], r["paragraph_number"])
        for r in db.query("select * from document_quotations")
    ] == [(f"a3-{_version(ARTICLES['a3'][0])}-q", 2)]
    assert db["document_paragraphs"].count == 3


def test_an_unchanged_second_run_reads_no_body_and_writes_nothing(tmp_path: Path) -> None:
    db = _database(tmp_path / "again.db", list(ARTICLES), EVENTS)
    first = extract_event_mentions(db, KB, EVENTS)
    before = {table: rows(db, table) for table in TABLES}
    log = StatementLog(db)
    assert extract_event_mentions(db, KB, EVENTS) == first
    assert log.body_reads() == []
    for table in (*TABLES, "event_scans"):
        assert log.writes_to(table) == [], table
    assert {table: rows(db, table) for table in TABLES} == before


@pytest.mark.parametrize("late", ["a1", "a3", "doc"])
def test_an_article_added_later_gives_the_rows_of_one_run(tmp_path: Path, late: str) -> None:
    everything = _database(tmp_path / "all.db", list(ARTICLES), EVENTS)
    extract_event_mentions(everything, KB, EVENTS)
    db = _database(
        tmp_path / "late.db", [a for a in ARTICLES if a != late], EVENTS, document=late != "doc"
    )
    extract_event_mentions(db, KB, EVENTS)
    if late == "doc":
        _add_document(db)
    else:
        _add_article(db, late)
    log = StatementLog(db)
    extract_event_mentions(db, KB, EVENTS)
    for table in TABLES:
        assert rows(db, table) == rows(everything, table), table
    # Only the new article was read for events.
    assert log.articles_read() == [late]


def test_a_changed_version_is_read_and_its_quote_links_follow(tmp_path: Path) -> None:
    db = _database(tmp_path / "changed.db", list(ARTICLES), EVENTS)
    extract_event_mentions(db, KB, EVENTS)
    edited = "The FTC sued Facebook in December 2020 over its purchases."
    _add_article(db, "a3", edited)
    extract_event_mentions(db, KB, EVENTS)
    current = list(
        db.query(
            "select * from event_mentions where article_id = 'a3' and article_version = ?",
            [_version(edited)],
        )
    )
    assert [(r["event_id"], r["sentence"]) for r in current] == [("ftc-suit", edited)]
    # The old version's quote no longer belongs to the current text: its link is gone.
    assert db["document_quotations"].count == 0


@pytest.mark.parametrize("change", ["events", "knowledge_base"])
def test_changed_events_or_knowledge_base_read_every_article_again(
    tmp_path: Path, change: str
) -> None:
    db = _database(tmp_path / "events.db", list(ARTICLES), [WHATSAPP, INSTAGRAM])
    extract_event_mentions(db, KB, [WHATSAPP, INSTAGRAM])
    # Without the lawsuit among the events, the FTC sentence is only a candidate.
    assert db.execute(
        "select event_id, status from event_mentions where article_id = 'a3'"
    ).fetchall() == [(None, "candidate")]
    events, kb = [WHATSAPP, INSTAGRAM], KB
    if change == "events":
        events = EVENTS
        save_sources_and_entities(db, [], kb)
        save_events_and_relations(db, events, [])
    else:
        kb = [entity for entity in KB if entity["id"] != "instagram"]  # Instagram no longer tracked
    log = StatementLog(db)
    extract_event_mentions(db, kb, events)
    assert sorted(log.articles_read()) == sorted([*ARTICLES, "doc"])
    if change == "events":
        assert db.execute(
            "select event_id, status from event_mentions where article_id = 'a3'"
        ).fetchall() == [("ftc-suit", "linked")]
    else:
        # Instagram is not an entity any more: the 2012 sentence's actors are Facebook alone.
        assert db.execute(
            "select actors from event_mentions where article_id = 'a2'"
        ).fetchall() == [('["facebook"]',)]


def test_a_new_publication_date_alone_makes_the_article_be_read_again(tmp_path: Path) -> None:
    # "last year" resolves against the article's date: the same text, dated a year later,
    # points at another year and no longer matches the 2014 acquisition.
    body = "Facebook bought WhatsApp last year, the company said."
    db = _database(tmp_path / "dated.db", [], EVENTS, document=False)
    db["articles"].insert(
        {
            "id": "a5",
            "version": _version(body),
            "body": body,
            "published": "2015-03-01T10:00:00+00:00",
        }
    )
    extract_event_mentions(db, KB, EVENTS)
    assert db.execute("select date, event_id from event_mentions").fetchall() == [("2014", "wa")]
    db["articles"].update("a5", {"published": "2016-03-01T10:00:00+00:00"})
    log = StatementLog(db)
    extract_event_mentions(db, KB, EVENTS)
    assert log.articles_read() == ["a5"]
    assert db.execute("select date, event_id from event_mentions").fetchall() == [("2015", None)]
