"""The database's shape, declared as data, and the idempotent step that makes a file have it.

Every column is documented in metadata.yml at the top of the repository; a test fails when a
table or column here lacks a description there. Offsets are named start_char/end_char rather
than start/end because END is an SQL keyword a researcher would otherwise have to quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils


@dataclass(frozen=True)
class Table:
    name: str
    columns: dict[str, type]
    pk: str | tuple[str, ...]
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)
    indexes: list[tuple[str, ...]] = field(default_factory=list)
    fts: tuple[str, ...] = ()
    not_null: tuple[str, ...] = ()


TABLES: list[Table] = [
    Table(
        "runs",
        {
            "id": int, "command": str, "dataset": str, "arguments": str,
            "started_at": str, "finished_at": str, "status": str,
            "fetched": int, "failed": int, "articles": int, "mentions": int, "quotes": int,
            "errors": int, "log_file": str, "message": str,
            "new": int, "changed": int, "unchanged": int, "skipped": int,
            "duration_seconds": float, "scheduled": int,
            "duplicates_collapsed": int, "clusters": int, "clustered_articles": int,
        },
        pk="id",
        indexes=[("command",), ("status",)],
    ),
    Table(
        "sources",
        {"id": str, "name": str, "family": str, "url": str, "is_fixture": int},
        pk="id",
        indexes=[("family",)],
    ),
    Table(
        "fetches",
        {
            "id": str, "run_id": int, "source_id": str, "url": str, "final_url": str,
            "status": int, "content_type": str, "headers": str, "body_sha256": str,
            "body_bytes": int, "fetched_at": str, "origin": str, "warc_file": str,
            "warc_offset": int, "redirects": str, "error": str,
            "warc_request_offset": int, "kind": str, "depth": int, "discovered_from": str,
            "listed_date": str, "outcome": str, "relevance_score": float,
            "relevance_reason": str,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id"), ("source_id", "sources", "id")],
        indexes=[("run_id",), ("status",), ("url",), ("source_id",), ("outcome",)],
        not_null=("url", "fetched_at"),
    ),
    Table(
        # The crawl's to-do list, kept in the database so a killed crawl resumes where it was.
        "crawl_frontier",
        {
            "job_id": int, "url": str, "url_key": str, "kind": str, "depth": int,
            "discovered_from": str, "listed_date": str, "given": int, "state": str,
            "done_run_id": int,
        },
        pk=("job_id", "url_key"),
        indexes=[("state",), ("discovered_from",)],
    ),
    Table(
        "articles",
        {
            "id": str, "version": str, "fetch_id": str, "source_id": str, "url": str,
            "canonical_url": str, "title": str, "authors": str, "published": str,
            "publisher": str, "language": str, "body": str, "word_count": int,
            "is_fixture": int, "run_id": int,
            "subtitle": str, "agency": str, "credits": str, "modified": str, "section": str,
            "paywall": int, "provenance": str,
        },
        pk="id",
        foreign_keys=[
            ("fetch_id", "fetches", "id"), ("source_id", "sources", "id"), ("run_id", "runs", "id"),
        ],
        indexes=[("source_id",), ("published",), ("publisher",), ("fetch_id",), ("is_fixture",)],
        fts=("title", "body"),
        not_null=("body",),
    ),
    Table(
        # Every text an article has had: a re-crawl that finds the text changed adds a row with
        # the diff against the previous version; facts carry the version they came from.
        "article_versions",
        {
            "id": str, "article_id": str, "version": str, "previous_version": str,
            "fetch_id": str, "run_id": int, "title": str, "body": str, "diff": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("fetch_id", "fetches", "id")],
        indexes=[("article_id",), ("version",)],
    ),
    Table(
        # Syndication: one row per group of articles telling the same story (pipeline/syndication.py).
        "clusters",
        {"id": str, "origin_article_id": str, "size": int, "method": str, "run_id": int},
        pk="id",
        foreign_keys=[("origin_article_id", "articles", "id"), ("run_id", "runs", "id")],
    ),
    Table(
        "article_clusters",
        {
            "article_id": str, "cluster_id": str, "relation": str, "jaccard": float,
            "containment": float,
        },
        pk=("article_id", "cluster_id"),
        foreign_keys=[("article_id", "articles", "id"), ("cluster_id", "clusters", "id")],
        indexes=[("cluster_id",), ("relation",)],
    ),
    Table(
        # Addresses whose article was an exact duplicate of an earlier one and was folded into it.
        "article_aliases",
        {
            "url": str, "article_id": str, "former_article_id": str, "canonical_url": str,
            "fetch_id": str, "source_id": str, "published": str,
        },
        pk="url",
        foreign_keys=[("article_id", "articles", "id"), ("fetch_id", "fetches", "id")],
        indexes=[("article_id",), ("fetch_id",)],
    ),
    Table(
        "entities",
        {
            "id": str, "name": str, "type": str, "label": str, "description": str,
            "aliases": str, "in_knowledge_base": int, "fictional": int,
        },
        pk="id",
        indexes=[("type",), ("name",)],
    ),
    Table(
        "mentions",
        {
            "id": str, "article_id": str, "article_version": str, "entity_id": str,
            "text": str, "label": str, "start_char": int, "end_char": int,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
        indexes=[("article_id",), ("entity_id",), ("label",)],
    ),
    Table(
        "quotes",
        {
            "id": str, "article_id": str, "article_version": str, "speaker_entity_id": str,
            "speaker_text": str, "speaker_start": int, "speaker_end": int,
            "cue_text": str, "cue_start": int, "cue_end": int,
            "content": str, "content_start": int, "content_end": int, "type": str,
            "medium": str, "confidence": float,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("speaker_entity_id", "entities", "id")],
        indexes=[("article_id",), ("speaker_entity_id",), ("type",)],
        fts=("content",),
    ),
    Table(
        "claims",
        {
            "id": str, "article_id": str, "article_version": str, "holder_entity_id": str,
            "holder_text": str, "text": str, "start_char": int, "end_char": int,
            "hedge": str, "polarity": str, "topics": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("holder_entity_id", "entities", "id")],
        indexes=[("article_id",), ("holder_entity_id",), ("hedge",)],
        fts=("text",),
    ),
    Table(
        # One row per (claim, topic) so Datasette can facet claims by topic.
        "claim_topics",
        {"claim_id": str, "topic": str},
        pk=("claim_id", "topic"),
        foreign_keys=[("claim_id", "claims", "id")],
        indexes=[("topic",)],
    ),
    Table(
        "stances",
        {
            "id": str, "article_id": str, "article_version": str, "entity_id": str,
            "target": str, "stance": str, "confidence": float, "evidence": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
        indexes=[("article_id",), ("entity_id",), ("stance",)],
    ),
    Table(
        "person_roles",
        {
            "id": str, "entity_id": str, "article_id": str, "article_version": str,
            "role": str, "affiliation": str, "affiliation_entity_id": str,
            "sentence": str, "start_char": int, "end_char": int,
        },
        pk="id",
        foreign_keys=[
            ("entity_id", "entities", "id"), ("article_id", "articles", "id"),
            ("affiliation_entity_id", "entities", "id"),
        ],
        indexes=[("entity_id",), ("affiliation",)],
    ),
    Table(
        "failures",
        {
            "id": str, "run_id": int, "stage": str, "fetch_id": str, "subject": str,
            "error": str, "created_at": str,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id"), ("fetch_id", "fetches", "id")],
        indexes=[("stage",), ("run_id",), ("fetch_id",)],
    ),
]


# Views: (name, SQL). Re-created by ensure_schema so a database always has the current ones.
VIEWS: list[tuple[str, str]] = [
    (
        # Each person's stance toward a target across articles, from the current version of
        # each article only. overall_stance: the side with more articles than the other two
        # sides together, else mixed; neutral/unclear only when nobody took a side.
        "person_stances",
        """
        with current as (
            select stances.* from stances
            join articles on articles.id = stances.article_id
                and articles.version = stances.article_version
        ), counts as (
            select entity_id, target, count(distinct article_id) as articles,
                sum(stance = 'support') as support, sum(stance = 'oppose') as oppose,
                sum(stance = 'mixed') as mixed, sum(stance = 'neutral') as neutral,
                sum(stance = 'unclear') as unclear,
                round(avg(confidence), 2) as mean_confidence
            from current group by entity_id, target
        )
        select counts.entity_id, entities.name, counts.target, counts.articles,
            counts.support, counts.oppose, counts.mixed, counts.neutral, counts.unclear,
            case
                when counts.support + counts.oppose + counts.mixed = 0 then
                    case when counts.neutral > 0 then 'neutral' else 'unclear' end
                when counts.support > counts.oppose + counts.mixed then 'support'
                when counts.oppose > counts.support + counts.mixed then 'oppose'
                else 'mixed'
            end as overall_stance,
            counts.mean_confidence
        from counts left join entities on entities.id = counts.entity_id
        """,
    ),
]


def ensure_schema(db: sqlite_utils.Database) -> sqlite_utils.Database:
    """Create whatever tables, indexes and full-text indexes are missing; safe to repeat."""
    for table in TABLES:
        db.table(table.name).create(
            table.columns,
            pk=table.pk,
            foreign_keys=table.foreign_keys,
            not_null=table.not_null,
            if_not_exists=True,
        )
        # A database built by an earlier presswatch gains the columns added since.
        existing = db.table(table.name).columns_dict
        for name, kind in table.columns.items():
            if name not in existing:
                db.table(table.name).add_column(name, kind)
        for columns in table.indexes:
            db.table(table.name).create_index(columns, if_not_exists=True)
        if table.fts and not db.table(table.name).detect_fts():
            # Triggers keep the index in step with upserts and re-processing.
            db.table(table.name).enable_fts(table.fts, create_triggers=True)
    for view_name, view_sql in VIEWS:
        db.execute(f"drop view if exists {view_name}")
        db.execute(f"create view {view_name} as {view_sql}")
    return db


def open_database(path: Path | str) -> sqlite_utils.Database:
    """Open (creating if needed) a presswatch database with its schema in place.

    Foreign keys are enforced so a fact can never point at an article that is not there. The
    default rollback journal (not WAL) keeps the file self-contained, so `serve` and `publish`
    can hand it to Datasette as one immutable file.
    """
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys=ON")
    return ensure_schema(db)
