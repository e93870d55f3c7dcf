"""Writers: each takes plain records from a stage and puts them in the database idempotently.

Natural keys make re-runs safe: a fetch is (url, fetched_at), an article is its canonical URL,
a mention or quote is (article, version, offsets). Upserting by those keys never duplicates,
and each article's facts are replaced in one transaction, so a failure half-way leaves the
previous version's facts intact rather than a mixture.

The process stage's writers open their transaction with `db.atomic()`: alone it is a transaction
of its own, and inside the stage's transaction for a batch of articles (pipeline/process/loop.py)
a savepoint, so one article's failure undoes only that article and the batch still commits once.
(`with db.conn:` would commit the caller's transaction half-way.)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils
from presswatch.common.ids import now_iso, stable_id
from presswatch.store.batches import chunks, marks, write_rows


def start_run(
    db: sqlite_utils.Database,
    command: str,
    dataset: str | None,
    arguments: dict[str, Any],
    log_file: str | None = None,
) -> int:
    row = {
        "command": command,
        "dataset": dataset,
        "arguments": json.dumps(arguments, sort_keys=True, default=str),
        "started_at": now_iso(),
        "status": "running",
        "log_file": log_file,
    }
    with db.conn:
        return int(db.table("runs").insert(row).last_pk)


def finish_run(
    db: sqlite_utils.Database,
    run_id: int,
    status: str,
    counts: dict[str, int],
    message: str | None = None,
) -> None:
    update = {"finished_at": now_iso(), "status": status, "message": message, **counts}
    with db.conn:
        db.table("runs").update(run_id, update)


def record_failure(
    db: sqlite_utils.Database,
    run_id: int | None,
    stage: str,
    subject: str,
    error: str,
    fetch_id: str | None = None,
) -> str:
    """Keep a failure as a row, so a bad page is visible in the data and never silently lost."""
    failure_id = stable_id(stage, fetch_id or subject)
    with db.atomic():
        db.table("failures").upsert(
            {
                "id": failure_id,
                "run_id": run_id,
                "stage": stage,
                "fetch_id": fetch_id,
                "subject": subject,
                "error": error,
                "created_at": now_iso(),
            },
            pk="id",
        )
    return failure_id


def clear_failure(db: sqlite_utils.Database, stage: str, fetch_id: str) -> None:
    """A page that failed at `stage` before and got through it now: its failure row goes."""
    with db.atomic():
        db.execute("delete from failures where id = ?", [stable_id(stage, fetch_id)])


def save_sources_and_entities(
    db: sqlite_utils.Database,
    sources: Iterable[dict[str, Any]],
    knowledge_base: Iterable[dict[str, Any]],
) -> None:
    """The dataset's sources and knowledge base, so facts can point at them by id.

    dataset.yml's events and relations are written by the events pass
    (presswatch.derive.events.store.save_events_and_relations).
    """
    with db.conn:
        db.table("sources").upsert_all(
            [
                {
                    "id": s["id"],
                    "name": s["name"],
                    "family": s["family"],
                    "url": s["url"],
                    "is_fixture": int(bool(s.get("fixture"))),
                }
                for s in sources
            ],
            pk="id",
        )
        db.table("entities").upsert_all(
            [
                {
                    "id": e["id"],
                    "name": e["name"],
                    "type": e.get("kind") or e["type"],
                    "label": ENTITY_LABELS.get(e["type"]),
                    "description": e.get("description"),
                    "aliases": json.dumps(e.get("aliases", []), ensure_ascii=False),
                    "in_knowledge_base": 1,
                    "fictional": int(bool(e.get("fictional"))),
                }
                for e in knowledge_base
            ],
            pk="id",
        )


ENTITY_LABELS = {
    "person": "PERSON",
    "organization": "ORG",
    "product": "PRODUCT",
    "place": "GPE",
    # Kinds of organisation the antitrust lens distinguishes; spaCy knows them all as ORG.
    "company": "ORG",
    "regulator": "ORG",
    "court": "ORG",
}
# An entity found only in the text gets the generic kind of its spaCy label.
LABEL_TYPES = {"PERSON": "person", "ORG": "organization", "PRODUCT": "product", "GPE": "place"}


def fetch_record(fetch: dict[str, Any]) -> dict[str, Any]:
    """The fetches row for a fetch: its id derived from url + fetched_at, lists as JSON."""
    row = dict(fetch)
    row["id"] = stable_id(row["url"], row["fetched_at"])
    for key in ("headers", "redirects"):
        if not isinstance(row.get(key), (str, type(None))):
            row[key] = json.dumps(row[key], ensure_ascii=False)
    return row


def save_fetch(db: sqlite_utils.Database, fetch: dict[str, Any]) -> str:
    """Upsert one fetch row (its id derived from url + fetched_at) in its own transaction."""
    row = fetch_record(fetch)
    with db.conn:
        db.table("fetches").upsert(row, pk="id")
    return row["id"]


def save_analysis(
    db: sqlite_utils.Database,
    article: dict[str, Any],
    analysis: dict[str, Any],
    with_rows: dict[str, list[dict[str, Any]]] | None = None,
) -> dict[str, int]:
    """Write an article and everything extracted from it, replacing any earlier facts, atomically.

    `analysis` is the NLP stage's output for the article body: {"entities": [...], "quotes": [...]}.
    Entities not in the knowledge base are created with their automatic ids. `with_rows`: more
    rows (table → rows of one shape, replacing any row with the same key) that must be written
    in the same transaction or not at all, such as the article's version row.
    """
    article_id, version = article["id"], article["version"]
    mentions = [
        {
            "id": stable_id(article_id, version, "mention", e["start"], e["end"], e["label"]),
            "article_id": article_id,
            "article_version": version,
            "entity_id": e["entity_id"],
            "text": e["text"],
            "label": e["label"],
            "start_char": e["start"],
            "end_char": e["end"],
        }
        for e in analysis.get("entities", [])
    ]
    new_entities = {
        e["entity_id"]: {
            "id": e["entity_id"],
            "name": e.get("canonical_name") or e["text"],
            "type": LABEL_TYPES.get(e["label"], e["label"].lower()),
            "label": e["label"],
            "aliases": "[]",
            "in_knowledge_base": 0,
            "fictional": 0,
        }
        for e in analysis.get("entities", [])
    }
    quotes = [_quote_row(article_id, version, quote) for quote in analysis.get("quotes", [])]
    claims, claim_topics = _claim_rows(article_id, version, analysis.get("claims", []))
    stances = [_stance_row(article_id, version, stance) for stance in analysis.get("stances", [])]
    roles = [_role_row(article_id, version, role) for role in analysis.get("person_roles", [])]
    _add_aliases(new_entities, analysis.get("entities", []))
    for quote in analysis.get("quotes", []):
        speaker = quote.get("speaker_entity")
        if speaker and speaker["id"] not in new_entities:
            new_entities[speaker["id"]] = {
                "id": speaker["id"],
                "name": speaker["name"],
                "type": None,
                "label": None,
                "aliases": "[]",
                "in_knowledge_base": 0,
                "fictional": 0,
            }
    with db.atomic():
        # Look up only this article's entities: a scan of the whole table grows with the corpus.
        wanted = sorted(new_entities)
        known = {
            row["id"]
            for chunk in chunks(wanted)
            for row in db.query(f"select id from entities where id in ({marks(len(chunk))})", chunk)
        }
        missing = [row for key, row in sorted(new_entities.items()) if key not in known]
        if missing:
            write_rows(db, "entities", missing, "insert")
        # Only this version's facts are replaced: an earlier version's stay, with their
        # article_version, so what was said in the text as first published is not lost.
        db.execute(
            "delete from mentions where article_id = ? and article_version = ?",
            [article_id, version],
        )
        db.execute(
            "delete from quotes where article_id = ? and article_version = ?", [article_id, version]
        )
        db.execute(
            "delete from claim_topics where claim_id in (select id from claims"
            " where article_id = ? and article_version = ?)",
            [article_id, version],
        )
        for table in ("claims", "stances", "person_roles"):
            db.execute(
                f"delete from {table} where article_id = ? and article_version = ?",
                [article_id, version],
            )
        _upsert_row(db, "articles", article, "id")
        for table, rows in (
            ("mentions", mentions),
            ("quotes", quotes),
            ("claims", claims),
            ("claim_topics", claim_topics),
            ("stances", stances),
            ("person_roles", roles),
        ):
            if rows:
                write_rows(db, table, rows, "insert or replace")
        for table, rows in (with_rows or {}).items():
            if rows:  # (sqlite-utils' upsert_all would commit on its own, mid-transaction)
                write_rows(db, table, rows, "insert or replace")
    return {"mentions": len(mentions), "quotes": len(quotes)}


def _upsert_row(db: sqlite_utils.Database, table: str, row: dict[str, Any], key: str) -> None:
    """The statement sqlite-utils' upsert runs (insert, or update every other column of the row
    with this key), without its per-call look at the table and its columns: save_analysis went
    from 6.1 to 5.2 ms of CPU an article."""
    columns = list(row)
    names = ", ".join(f"[{column}]" for column in columns)
    updates = ", ".join(f"[{column}] = excluded.[{column}]" for column in columns if column != key)
    db.conn.execute(
        f"insert into [{table}] ({names}) values ({marks(len(columns))}) "
        f"on conflict([{key}]) do update set {updates}",
        [row[column] for column in columns],
    )


def _quote_row(article_id: str, version: str, quote: dict[str, Any]) -> dict[str, Any]:
    content = quote["content"]
    speaker = quote.get("speaker") or {}
    cue = quote.get("cue") or {}
    speaker_entity = quote.get("speaker_entity") or {}
    return {
        "id": stable_id(article_id, version, "quote", content["start"], content["end"]),
        "article_id": article_id,
        "article_version": version,
        "speaker_entity_id": speaker_entity.get("id"),
        "speaker_text": speaker.get("text"),
        "speaker_start": speaker.get("start"),
        "speaker_end": speaker.get("end"),
        "cue_text": cue.get("text"),
        "cue_start": cue.get("start"),
        "cue_end": cue.get("end"),
        "content": content["text"],
        "content_start": content["start"],
        "content_end": content["end"],
        "type": quote.get("type"),
        "medium": quote.get("medium"),
        "confidence": quote.get("confidence"),
        "kind": quote.get("kind"),
        "statement_start": quote.get("statement", content["start"]),
    }


def _claim_rows(
    article_id: str, version: str, claims: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """claims rows (holder None = the outlet's own voice) and one claim_topics row per topic."""
    rows, topic_rows = [], []
    for claim in claims:
        claim_id = stable_id(article_id, version, "claim", claim["start"], claim["end"])
        holder = claim.get("holder") or {}
        rows.append(
            {
                "id": claim_id,
                "article_id": article_id,
                "article_version": version,
                "holder_entity_id": holder.get("id"),
                "holder_text": holder.get("text"),
                "text": claim["text"],
                "start_char": claim["start"],
                "end_char": claim["end"],
                "hedge": claim.get("hedge"),
                "polarity": claim.get("polarity"),
                "topics": json.dumps(claim.get("topics", []), ensure_ascii=False),
            }
        )
        topic_rows += [{"claim_id": claim_id, "topic": topic} for topic in claim.get("topics", [])]
    return rows, topic_rows


def _stance_row(article_id: str, version: str, stance: dict[str, Any]) -> dict[str, Any]:
    entity_id = stance["speaker_entity"]["id"]
    return {
        "id": stable_id(article_id, version, "stance", entity_id, stance.get("target")),
        "article_id": article_id,
        "article_version": version,
        "entity_id": entity_id,
        "target": stance.get("target"),
        "stance": stance["stance"],
        "confidence": stance.get("confidence"),
        "evidence": json.dumps(stance.get("evidence", []), ensure_ascii=False),
    }


def _role_row(article_id: str, version: str, role: dict[str, Any]) -> dict[str, Any]:
    sentence = role["sentence"]
    entity_id = role["entity"]["id"]
    return {
        "id": stable_id(article_id, version, "role", entity_id, role["role"], sentence["start"]),
        "entity_id": entity_id,
        "article_id": article_id,
        "article_version": version,
        "role": role["role"],
        "affiliation": role.get("affiliation"),
        "affiliation_entity_id": (role.get("affiliation_entity") or {}).get("id"),
        "sentence": sentence["text"],
        "start_char": sentence["start"],
        "end_char": sentence["end"],
    }


def _add_aliases(new_entities: dict[str, dict[str, Any]], mentions: list[dict[str, Any]]) -> None:
    """An entity found in the text gets the other names it goes by there ("Adeyemi")."""
    names: dict[str, set[str]] = {}
    for mention in mentions:
        names.setdefault(mention["entity_id"], set()).add(mention["text"])
    for entity_id, row in new_entities.items():
        aliases = sorted(names.get(entity_id, set()) - {row["name"]})
        row["aliases"] = json.dumps(aliases, ensure_ascii=False)
