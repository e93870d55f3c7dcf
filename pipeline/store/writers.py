"""Writers: each takes plain records from a stage and puts them in the database idempotently.

Natural keys make re-runs safe: a fetch is (url, fetched_at), an article is its canonical URL,
a mention or quote is (article, version, offsets). Upserting by those keys never duplicates,
and each article's facts are replaced in one transaction, so a failure half-way leaves the
previous version's facts intact rather than a mixture.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import sqlite_utils


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def stable_id(*parts: object, length: int = 16) -> str:
    """A short deterministic id from natural-key parts (same parts → same id on every rebuild)."""
    text = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def start_run(db: sqlite_utils.Database, command: str, dataset: str | None, arguments: dict[str, Any], log_file: str | None = None) -> int:
    row = {
        "command": command, "dataset": dataset,
        "arguments": json.dumps(arguments, sort_keys=True, default=str),
        "started_at": now_iso(), "status": "running", "log_file": log_file,
    }
    with db.conn:
        return int(db.table("runs").insert(row).last_pk)


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, counts: dict[str, int], message: str | None = None) -> None:
    update = {"finished_at": now_iso(), "status": status, "message": message, **counts}
    with db.conn:
        db.table("runs").update(run_id, update)


def record_failure(db: sqlite_utils.Database, run_id: int | None, stage: str, subject: str, error: str, fetch_id: str | None = None) -> str:
    """Keep a failure as a row, so a bad page is visible in the data and never silently lost."""
    failure_id = stable_id(stage, fetch_id or subject)
    with db.conn:
        db.table("failures").upsert(
            {
                "id": failure_id, "run_id": run_id, "stage": stage, "fetch_id": fetch_id,
                "subject": subject, "error": error, "created_at": now_iso(),
            },
            pk="id",
        )
    return failure_id


def save_sources_and_entities(db: sqlite_utils.Database, sources: Iterable[dict[str, Any]], knowledge_base: Iterable[dict[str, Any]]) -> None:
    """The dataset's sources and knowledge base, so facts can point at them by id."""
    with db.conn:
        db.table("sources").upsert_all(
            [
                {
                    "id": s["id"], "name": s["name"], "family": s["family"], "url": s["url"],
                    "is_fixture": int(bool(s.get("fixture"))),
                }
                for s in sources
            ],
            pk="id",
        )
        db.table("entities").upsert_all(
            [
                {
                    "id": e["id"], "name": e["name"], "type": e["type"],
                    "label": ENTITY_LABELS.get(e["type"]), "description": e.get("description"),
                    "aliases": json.dumps(e.get("aliases", []), ensure_ascii=False),
                    "in_knowledge_base": 1, "fictional": int(bool(e.get("fictional"))),
                }
                for e in knowledge_base
            ],
            pk="id",
        )


ENTITY_LABELS = {"person": "PERSON", "organization": "ORG", "product": "PRODUCT", "place": "GPE"}
LABEL_TYPES = {label: kind for kind, label in ENTITY_LABELS.items()}


def save_fetch(db: sqlite_utils.Database, fetch: dict[str, Any]) -> str:
    """Upsert one fetch row (its id derived from url + fetched_at) in its own transaction."""
    row = dict(fetch)
    row["id"] = stable_id(row["url"], row["fetched_at"])
    for key in ("headers", "redirects"):
        if not isinstance(row.get(key), (str, type(None))):
            row[key] = json.dumps(row[key], ensure_ascii=False)
    with db.conn:
        db.table("fetches").upsert(row, pk="id")
    return row["id"]


def save_analysis(db: sqlite_utils.Database, article: dict[str, Any], analysis: dict[str, Any]) -> dict[str, int]:
    """Write an article and everything extracted from it, replacing any earlier facts, atomically.

    `analysis` is the NLP stage's output for the article body: {"entities": [...], "quotes": [...]}.
    Entities not in the knowledge base are created with their automatic ids.
    """
    article_id, version = article["id"], article["version"]
    mentions = [
        {
            "id": stable_id(article_id, version, "mention", e["start"], e["end"], e["label"]),
            "article_id": article_id, "article_version": version, "entity_id": e["entity_id"],
            "text": e["text"], "label": e["label"], "start_char": e["start"], "end_char": e["end"],
        }
        for e in analysis.get("entities", [])
    ]
    new_entities = {
        e["entity_id"]: {
            "id": e["entity_id"], "name": e.get("canonical_name") or e["text"],
            "type": LABEL_TYPES.get(e["label"], e["label"].lower()), "label": e["label"],
            "aliases": "[]", "in_knowledge_base": 0, "fictional": 0,
        }
        for e in analysis.get("entities", [])
    }
    quotes = [_quote_row(article_id, version, quote) for quote in analysis.get("quotes", [])]
    for quote in analysis.get("quotes", []):
        speaker = quote.get("speaker_entity")
        if speaker and speaker["id"] not in new_entities:
            new_entities[speaker["id"]] = {
                "id": speaker["id"], "name": speaker["name"], "type": None, "label": None,
                "aliases": "[]", "in_knowledge_base": 0, "fictional": 0,
            }
    with db.conn:
        entities = db.table("entities")
        known = {row["id"] for row in db.query("select id from entities")}
        missing = [row for key, row in sorted(new_entities.items()) if key not in known]
        if missing:
            entities.insert_all(missing, pk="id")
        db.execute("delete from mentions where article_id = ?", [article_id])
        db.execute("delete from quotes where article_id = ?", [article_id])
        db.table("articles").upsert(article, pk="id")
        if mentions:
            db.table("mentions").insert_all(mentions, pk="id", replace=True)
        if quotes:
            db.table("quotes").insert_all(quotes, pk="id", replace=True)
    return {"mentions": len(mentions), "quotes": len(quotes)}


def _quote_row(article_id: str, version: str, quote: dict[str, Any]) -> dict[str, Any]:
    content = quote["content"]
    speaker = quote.get("speaker") or {}
    cue = quote.get("cue") or {}
    speaker_entity = quote.get("speaker_entity") or {}
    return {
        "id": stable_id(article_id, version, "quote", content["start"], content["end"]),
        "article_id": article_id, "article_version": version,
        "speaker_entity_id": speaker_entity.get("id"),
        "speaker_text": speaker.get("text"), "speaker_start": speaker.get("start"),
        "speaker_end": speaker.get("end"),
        "cue_text": cue.get("text"), "cue_start": cue.get("start"), "cue_end": cue.get("end"),
        "content": content["text"], "content_start": content["start"],
        "content_end": content["end"], "type": quote.get("type"),
    }
