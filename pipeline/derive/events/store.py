"""Database edge of the events package: dataset events/relations and article event mentions."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from typing import Any

import sqlite_utils
from presswatch.common.ids import stable_id
from presswatch.derive.events.dates import precision_of
from presswatch.derive.events.documents import PDF_TYPE, paragraph_spans, quotation_links
from presswatch.derive.events.mentions import (
    COMPATIBLE,
    TRIGGERS,
    EventMention,
    KnownEvent,
    alias_patterns,
    find_event_mentions,
    known_events,
)
from presswatch.store.batches import BATCH, chunks, marks, write_rows
from presswatch.store.derived_state import store_fingerprint, stored_fingerprint


def save_events_and_relations(
    db: sqlite_utils.Database, events: list[dict[str, Any]], relations: list[dict[str, Any]]
) -> None:
    """Make the events, event_actors and entity_relations tables match dataset.yml exactly."""
    event_rows = [
        {
            "id": e["id"],
            "date": e["date"],
            "date_precision": precision_of(e["date"]),
            "kind": e["kind"],
            "description": e["description"],
            "source_url": e["source_url"],
            "source_kind": e.get("source_kind"),
            "checked_against": json.dumps(e.get("checked_against", []), ensure_ascii=False),
        }
        for e in events
    ]
    actor_rows = [
        {"event_id": e["id"], "entity_id": actor}
        for e in events
        for actor in dict.fromkeys(e["actors"])
    ]
    relation_rows = [
        {
            "id": stable_id(r["subject"], r["relation"], r["object"]),
            "subject_entity_id": r["subject"],
            "relation": r["relation"],
            "object_entity_id": r["object"],
            "date": r.get("date"),
            "source_url": r.get("source_url"),
        }
        for r in relations
    ]
    keep = [row["id"] for row in event_rows]
    with db.conn:
        db.execute("delete from event_actors")
        db.execute("delete from entity_relations")
        # An event removed from dataset.yml: its mentions become candidates again, not dangling.
        placeholders = marks(len(keep)) or "''"
        db.execute(
            f"update event_mentions set event_id = null, status = 'candidate' "
            f"where event_id is not null and event_id not in ({placeholders})",
            keep,
        )
        db.execute(f"delete from events where id not in ({placeholders})", keep)
        if event_rows:
            db.table("events").upsert_all(event_rows, pk="id")
        if actor_rows:
            db.table("event_actors").insert_all(actor_rows, pk=("event_id", "entity_id"))
        if relation_rows:
            db.table("entity_relations").insert_all(relation_rows, pk="id", replace=True)


def mention_row(article_id: str, version: str, mention: EventMention) -> dict[str, Any]:
    return {
        "id": stable_id(
            article_id,
            version,
            "event",
            mention.start,
            mention.trigger_start,
            mention.date.start if mention.date else None,
        ),
        "article_id": article_id,
        "article_version": version,
        "event_id": mention.event_id,
        "kind": mention.kind,
        "trigger": mention.trigger,
        "sentence": mention.sentence,
        "start_char": mention.start,
        "end_char": mention.end,
        "date": mention.date.value if mention.date else None,
        "date_precision": mention.date.precision if mention.date else None,
        "date_text": mention.date.text if mention.date else None,
        "actors": json.dumps(list(mention.actors), ensure_ascii=False),
        "match_score": mention.score,
        "status": "linked" if mention.event_id else "candidate",
    }


# Bump when find_event_mentions or quotation_links change what they find: every article is re-read.
RULES_VERSION = 1
PARAGRAPHS_STATE = "document_paragraphs"

# Articles whose current version has not been read for event mentions under the current events
# (:events) or whose quotes have not been matched against the current documents (:documents).
PENDING_SQL = """
select a.id,
    s.article_id is null or s.article_version is not a.version or s.published is not a.published
        or s.events is not :events as mentions,
    s.article_id is null or s.article_version is not a.version or s.documents is not \
:documents as quotes
from articles a left join event_scans s on s.article_id = a.id
where (mentions or quotes) and a.id > :after
order by a.id limit :batch
"""


def events_fingerprint(knowledge_base: list[dict[str, Any]], events: list[dict[str, Any]]) -> str:
    """What event mentions depend on besides the body: the events, the knowledge base, the rules."""
    inputs = {
        "rules": RULES_VERSION,
        "triggers": TRIGGERS,
        "compatible": {k: sorted(v) for k, v in COMPATIBLE.items()},
        "knowledge_base": knowledge_base,
        "events": events,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()[:16]


def documents_fingerprint(db: sqlite_utils.Database) -> str:
    """What quotation links depend on besides the quotes: which document versions there are."""
    listed = [
        [doc["id"], doc["version"]] for doc in _documents(db, "articles.id, articles.version")
    ]
    return hashlib.sha256(json.dumps([RULES_VERSION, listed]).encode()).hexdigest()[:16]


def extract_event_mentions(
    db: sqlite_utils.Database, knowledge_base: list[dict[str, Any]], events: list[dict[str, Any]]
) -> dict[str, int]:
    """Read each article version not read yet for event mentions; replaces that version's rows.

    Runs at the end of the process stage, with link_documents (primary documents). Pure rules
    over the body text, so the same bodies always give the same rows, and a version is read
    once (event_scans) until its date, the events, the knowledge base or the rules change —
    changed events or knowledge base make every article be read again. Articles are taken a
    batch at a time (ids, then bodies). Returns the number of event mentions of the current
    article versions (as the run log has always counted them).
    """
    known: list[KnownEvent] = known_events(events)
    patterns = alias_patterns(knowledge_base)  # once for the pass, not once per article
    fingerprints = {
        "events": events_fingerprint(knowledge_base, events),
        "documents": documents_fingerprint(db),
    }
    linker = _QuoteLinker(db, fingerprints["documents"])
    after = ""
    while pending := db.execute(
        PENDING_SQL, {**fingerprints, "after": after, "batch": BATCH}
    ).fetchall():
        after = pending[-1][0]
        linker.link([article_id for article_id, _, quotes in pending if quotes])
        _scan(
            [article_id for article_id, mentions, _ in pending if mentions],
            knowledge_base,
            known,
            patterns,
            db,
            fingerprints["events"],
        )
    gone = [
        row[0]
        for row in db.execute(
            "select article_id from event_scans where article_id not in (select id from articles)"
        )
    ]
    for part in chunks(gone):  # rows of removed articles (their mentions went with them)
        with db.atomic():
            db.execute(
                f"delete from event_scans where article_id in ({marks(len(part))})", list(part)
            )
    total = db.execute(
        "select count(*) from event_mentions m join articles a"
        " on a.id = m.article_id and a.version = m.article_version"
    ).fetchone()[0]
    return {"event_mentions": total}


def _scan(
    article_ids: Sequence[str],
    knowledge_base: list[dict[str, Any]],
    known: list[KnownEvent],
    patterns: list[tuple[re.Pattern[str], str]],
    db: sqlite_utils.Database,
    events: str,
) -> None:
    """Event mentions of these articles' current versions (their event_scans rows exist: link
    first)."""
    if not article_ids:
        return
    articles = list(
        db.query(
            "select id, version, body, published from articles"
            f" where id in ({marks(len(article_ids))})",
            list(article_ids),
        )
    )
    with db.atomic():  # a batch's mentions and its event_scans rows are written together
        for article in articles:
            found = find_event_mentions(
                article["body"] or "", article["published"], knowledge_base, known, patterns
            )
            rows = [mention_row(article["id"], article["version"], m) for m in found]
            db.execute(
                "delete from event_mentions where article_id = ? and article_version = ?",
                [article["id"], article["version"]],
            )
            if rows:
                write_rows(db, "event_mentions", rows, "insert or replace")
            db.execute(
                "update event_scans set article_version = ?, published = ?, events = ?"
                " where article_id = ?",
                [article["version"], article["published"], events, article["id"]],
            )


def _documents(db: sqlite_utils.Database, columns: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            f"select {columns} from articles join fetches on fetches.id = articles.fetch_id"
            " where fetches.content_type like ? order by articles.id",
            [PDF_TYPE + "%"],
        )
    )


def link_documents(
    db: sqlite_utils.Database, article_ids: Sequence[str] | None = None
) -> dict[str, int]:
    """Numbered paragraphs of every PDF document article, and the quotes that cite them.

    The quotes of `article_ids` (None: of every article, a batch at a time) are matched again
    against every document. extract_event_mentions does this for the articles whose version,
    or the documents, changed since their quotes were last matched.
    """
    linker = _QuoteLinker(db, documents_fingerprint(db))
    if article_ids is None:
        after = ""
        while batch := [
            row[0]
            for row in db.execute(
                "select id from articles where id > ? order by id limit ?", [after, BATCH]
            )
        ]:
            after = batch[-1]
            linker.link(batch)
    else:
        for part in chunks(article_ids):
            linker.link(part)
    paragraphs_count, links_count = db.execute(
        "select (select count(*) from document_paragraphs),"
        " (select count(*) from document_quotations)"
    ).fetchone()
    return {"document_paragraphs": paragraphs_count, "document_quotations": links_count}


class _QuoteLinker:
    """Links quotes to document paragraphs; the documents (few) are read once, when first needed."""

    def __init__(self, db: sqlite_utils.Database, fingerprint: str) -> None:
        self.db, self.fingerprint = db, fingerprint
        self.documents: list[dict[str, Any]] | None = None
        if stored_fingerprint(db, PARAGRAPHS_STATE) != fingerprint:
            _save_paragraphs(db, _documents(db, "articles.id, articles.version, articles.body"))
            store_fingerprint(db, PARAGRAPHS_STATE, fingerprint)

    def link(self, article_ids: Sequence[str]) -> None:
        """Replace the links of these articles' quotes (earlier versions' quotes included)."""
        if not article_ids:
            return
        if self.documents is None:
            self.documents = _documents(self.db, "articles.id, articles.version, articles.body")
        ids, db = list(article_ids), self.db
        quotes = (
            list(
                db.query(
                    "select quotes.id, quotes.article_id, quotes.content from quotes join articles"
                    " on articles.id = quotes.article_id"
                    " and articles.version = quotes.article_version"
                    f" where quotes.article_id in ({marks(len(ids))}) order by quotes.id",
                    ids,
                )
            )
            if self.documents
            else []
        )
        links = quotation_links(quotes, self.documents)
        with db.atomic():
            db.execute(
                f"delete from document_quotations where quote_id in"
                f" (select id from quotes where article_id in ({marks(len(ids))}))",
                ids,
            )
            if links:
                db.table("document_quotations").insert_all(
                    links, pk=("quote_id", "document_article_id"), replace=True
                )
            # Recorded with the article's version: the events columns only stand for that version.
            db.execute(
                "insert into event_scans (article_id, article_version, documents)"
                f" select id, version, ? from articles where id in ({marks(len(ids))})"
                " on conflict (article_id) do update set documents = excluded.documents,"
                " article_version = excluded.article_version,"
                " events = case when event_scans.article_version is excluded.article_version"
                " then event_scans.events end",
                [self.fingerprint, *ids],
            )


def _save_paragraphs(db: sqlite_utils.Database, documents: list[dict[str, Any]]) -> None:
    paragraphs = [
        {
            "id": stable_id(doc["id"], doc["version"], "paragraph", number),
            "article_id": doc["id"],
            "article_version": doc["version"],
            "number": number,
            "start_char": start,
            "end_char": end,
            "text": doc["body"][start:end],
        }
        for doc in documents
        for number, start, end in paragraph_spans(doc["body"])
    ]
    with db.atomic():
        db.execute("delete from document_paragraphs")
        if paragraphs:
            db.table("document_paragraphs").insert_all(paragraphs, pk="id")
