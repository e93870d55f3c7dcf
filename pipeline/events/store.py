"""Database edge of the events package: dataset events/relations and article event mentions."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from pipeline.events.dates import precision_of
from pipeline.events.documents import PDF_TYPE, paragraph_spans, quotation_links
from pipeline.events.mentions import EventMention, KnownEvent, find_event_mentions, known_events
from pipeline.store.writers import stable_id


def save_events_and_relations(db: sqlite_utils.Database, events: list[dict[str, Any]], relations: list[dict[str, Any]]) -> None:
    """Make the events, event_actors and entity_relations tables match dataset.yml exactly."""
    event_rows = [
        {
            "id": e["id"], "date": e["date"], "date_precision": precision_of(e["date"]),
            "kind": e["kind"], "description": e["description"], "source_url": e["source_url"],
            "source_kind": e.get("source_kind"),
            "checked_against": json.dumps(e.get("checked_against", []), ensure_ascii=False),
        }
        for e in events
    ]
    actor_rows = [{"event_id": e["id"], "entity_id": actor} for e in events for actor in dict.fromkeys(e["actors"])]
    relation_rows = [
        {
            "id": stable_id(r["subject"], r["relation"], r["object"]),
            "subject_entity_id": r["subject"], "relation": r["relation"],
            "object_entity_id": r["object"], "date": r.get("date"), "source_url": r.get("source_url"),
        }
        for r in relations
    ]
    keep = [row["id"] for row in event_rows]
    with db.conn:
        db.execute("delete from event_actors")
        db.execute("delete from entity_relations")
        # An event removed from dataset.yml: its mentions become candidates again, not dangling.
        placeholders = ",".join("?" * len(keep)) or "''"
        db.execute(f"update event_mentions set event_id = null, status = 'candidate' "
                   f"where event_id is not null and event_id not in ({placeholders})", keep)
        db.execute(f"delete from events where id not in ({placeholders})", keep)
        if event_rows:
            db.table("events").upsert_all(event_rows, pk="id")
        if actor_rows:
            db.table("event_actors").insert_all(actor_rows, pk=("event_id", "entity_id"))
        if relation_rows:
            db.table("entity_relations").insert_all(relation_rows, pk="id", replace=True)


def mention_row(article_id: str, version: str, mention: EventMention) -> dict[str, Any]:
    return {
        "id": stable_id(article_id, version, "event", mention.start, mention.trigger_start,
                        mention.date.start if mention.date else None),
        "article_id": article_id, "article_version": version, "event_id": mention.event_id,
        "kind": mention.kind, "trigger": mention.trigger, "sentence": mention.sentence,
        "start_char": mention.start, "end_char": mention.end,
        "date": mention.date.value if mention.date else None,
        "date_precision": mention.date.precision if mention.date else None,
        "date_text": mention.date.text if mention.date else None,
        "actors": json.dumps(list(mention.actors), ensure_ascii=False),
        "match_score": mention.score, "status": "linked" if mention.event_id else "candidate",
    }


def extract_event_mentions(db: sqlite_utils.Database, knowledge_base: list[dict[str, Any]], events: list[dict[str, Any]]) -> dict[str, int]:
    """Re-read every current article version for event mentions; replaces that version's rows.

    Runs at the end of the process stage (after linking primary documents, link_documents).
    Pure rules over the body text, so it is cheap and the same bodies always give the same rows.
    """
    known: list[KnownEvent] = known_events(events)
    link_documents(db)  # primary documents: numbered paragraphs and the quotes citing them
    counts = {"event_mentions": 0}
    for article in list(db.query("select id, version, body, published from articles")):
        found = find_event_mentions(article["body"] or "", article["published"], knowledge_base, known)
        rows = [mention_row(article["id"], article["version"], m) for m in found]
        with db.conn:
            db.execute("delete from event_mentions where article_id = ? and article_version = ?",
                       [article["id"], article["version"]])
            if rows:
                db.table("event_mentions").insert_all(rows, pk="id", replace=True)
        counts["event_mentions"] += len(rows)
    return counts


def link_documents(db: sqlite_utils.Database) -> dict[str, int]:
    """Numbered paragraphs of every PDF document article, and the quotes that cite them."""
    documents = list(db.query(
        "select articles.id, articles.version, articles.body from articles"
        " join fetches on fetches.id = articles.fetch_id where fetches.content_type like ?",
        [PDF_TYPE + "%"]))
    paragraphs = [
        {"id": stable_id(doc["id"], doc["version"], "paragraph", number), "article_id": doc["id"],
         "article_version": doc["version"], "number": number, "start_char": start, "end_char": end,
         "text": doc["body"][start:end]}
        for doc in documents for number, start, end in paragraph_spans(doc["body"])
    ]
    quotes = list(db.query(
        "select quotes.id, quotes.article_id, quotes.content from quotes join articles"
        " on articles.id = quotes.article_id and articles.version = quotes.article_version"))
    links = quotation_links(quotes, documents)
    with db.conn:
        db.execute("delete from document_quotations")
        db.execute("delete from document_paragraphs")
        if paragraphs:
            db.table("document_paragraphs").insert_all(paragraphs, pk="id")
        if links:
            db.table("document_quotations").insert_all(links, pk=("quote_id", "document_article_id"))
    return {"document_paragraphs": len(paragraphs), "document_quotations": len(links)}
