"""The database's shape, declared as data: tables, their columns and indexes, and views.

Every column is documented in metadata.yml at the top of the repository; a test fails when a
table or column here lacks a description there. Offsets are named start_char/end_char rather
than start/end because END is an SQL keyword a researcher would otherwise have to quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
            "id": int,
            "command": str,
            "dataset": str,
            "arguments": str,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "fetched": int,
            "failed": int,
            "articles": int,
            "mentions": int,
            "quotes": int,
            "errors": int,
            "log_file": str,
            "message": str,
            "new": int,
            "changed": int,
            "unchanged": int,
            "skipped": int,
            "duration_seconds": float,
            "scheduled": int,
            "duplicates_collapsed": int,
            "clusters": int,
            "clustered_articles": int,
            "event_mentions": int,
            "quote_clusters": int,
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
            "id": str,
            "run_id": int,
            "source_id": str,
            "url": str,
            "final_url": str,
            "status": int,
            "content_type": str,
            "headers": str,
            "body_sha256": str,
            "body_bytes": int,
            "fetched_at": str,
            "origin": str,
            "warc_file": str,
            "warc_offset": int,
            "redirects": str,
            "error": str,
            "warc_request_offset": int,
            "kind": str,
            "depth": int,
            "discovered_from": str,
            "listed_date": str,
            "outcome": str,
            "relevance_score": float,
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
            "job_id": int,
            "url": str,
            "url_key": str,
            "kind": str,
            "depth": int,
            "discovered_from": str,
            "listed_date": str,
            "given": int,
            "state": str,
            "done_run_id": int,
        },
        pk=("job_id", "url_key"),
        indexes=[("state",), ("discovered_from",)],
    ),
    Table(
        "articles",
        {
            "id": str,
            "version": str,
            "fetch_id": str,
            "source_id": str,
            "url": str,
            "canonical_url": str,
            "title": str,
            "authors": str,
            "published": str,
            "publisher": str,
            "language": str,
            "body": str,
            "word_count": int,
            "is_fixture": int,
            "run_id": int,
            "subtitle": str,
            "agency": str,
            "credits": str,
            "modified": str,
            "section": str,
            "paywall": int,
            "provenance": str,
        },
        pk="id",
        foreign_keys=[
            ("fetch_id", "fetches", "id"),
            ("source_id", "sources", "id"),
            ("run_id", "runs", "id"),
        ],
        indexes=[
            ("source_id",),
            ("published",),
            ("publisher",),
            ("fetch_id",),
            ("is_fixture",),
            ("id", "version", "published"),
        ],  # covers the derived passes' "what is new" scans
        fts=("title", "body"),
        not_null=("body",),
    ),
    Table(
        # Every text an article has had: a re-crawl that finds the text changed adds a row with
        # the diff against the previous version; facts carry the version they came from.
        "article_versions",
        {
            "id": str,
            "article_id": str,
            "version": str,
            "previous_version": str,
            "fetch_id": str,
            "run_id": int,
            "title": str,
            "body": str,
            "diff": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("fetch_id", "fetches", "id")],
        # fetch_id: the pending-pages query asks, for every fetch, whether a version came from
        # it (without it, resuming a 100,000-page build scanned this table once per fetch).
        indexes=[("article_id",), ("version",), ("fetch_id",)],
    ),
    Table(
        # Syndication: one row per group of articles telling the same story
        # (pipeline/derive/syndication.py).
        "clusters",
        {"id": str, "origin_article_id": str, "size": int, "method": str, "run_id": int},
        pk="id",
        foreign_keys=[("origin_article_id", "articles", "id"), ("run_id", "runs", "id")],
    ),
    Table(
        "article_clusters",
        {
            "article_id": str,
            "cluster_id": str,
            "relation": str,
            "jaccard": float,
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
            "url": str,
            "article_id": str,
            "former_article_id": str,
            "canonical_url": str,
            "fetch_id": str,
            "source_id": str,
            "published": str,
        },
        pk="url",
        foreign_keys=[("article_id", "articles", "id"), ("fetch_id", "fetches", "id")],
        indexes=[("article_id",), ("fetch_id",)],
    ),
    Table(
        # Quote tracing: one quotation across articles (pipeline/derive/quote_clusters.py).
        "quote_clusters",
        {
            "id": str,
            "canonical_text": str,
            "canonical_quote_id": str,
            "first_quote_id": str,
            "first_article_id": str,
            "first_source_id": str,
            "first_published": str,
            "occurrences": int,
            "independent_occurrences": int,
            "outlets": int,
            "speakers": str,
            "speaker_count": int,
            "disputed_attribution": int,
            "method": str,
            "run_id": int,
        },
        pk="id",
        foreign_keys=[("first_article_id", "articles", "id"), ("run_id", "runs", "id")],
        indexes=[("disputed_attribution",), ("first_published",), ("occurrences",)],
    ),
    Table(
        # No foreign key to quotes: re-writing an article's quotes must not wait for this pass.
        "quote_cluster_members",
        {
            "quote_id": str,
            "cluster_id": str,
            "position": int,
            "article_id": str,
            "source_id": str,
            "published": str,
            "speaker": str,
            "speaker_entity_id": str,
            "relation": str,
            "first_appearance": int,
            "earlier_elsewhere": int,
            "similarity": float,
            "containment": float,
            "changes": str,
        },
        pk="quote_id",
        foreign_keys=[("cluster_id", "quote_clusters", "id"), ("article_id", "articles", "id")],
        indexes=[("cluster_id", "position"), ("article_id",), ("relation",)],
    ),
    Table(
        "entities",
        {
            "id": str,
            "name": str,
            "type": str,
            "label": str,
            "description": str,
            "aliases": str,
            "in_knowledge_base": int,
            "fictional": int,
        },
        pk="id",
        indexes=[("type",), ("name",)],
    ),
    Table(
        "mentions",
        {
            "id": str,
            "article_id": str,
            "article_version": str,
            "entity_id": str,
            "text": str,
            "label": str,
            "start_char": int,
            "end_char": int,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
        # (article, version, start): the publish step finds the mentions inside a quote by range,
        # not by reading every mention of its article (65 per article in synthetic coverage).
        indexes=[("article_id", "article_version", "start_char"), ("entity_id",), ("label",)],
    ),
    Table(
        "quotes",
        {
            "id": str,
            "article_id": str,
            "article_version": str,
            "speaker_entity_id": str,
            "speaker_text": str,
            "speaker_start": int,
            "speaker_end": int,
            "cue_text": str,
            "cue_start": int,
            "cue_end": int,
            "content": str,
            "content_start": int,
            "content_end": int,
            "type": str,
            "medium": str,
            "confidence": float,
            "kind": str,
            "statement_start": int,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("speaker_entity_id", "entities", "id")],
        indexes=[("article_id",), ("speaker_entity_id",), ("type",), ("kind",)],
        fts=("content",),
    ),
    Table(
        "claims",
        {
            "id": str,
            "article_id": str,
            "article_version": str,
            "holder_entity_id": str,
            "holder_text": str,
            "text": str,
            "start_char": int,
            "end_char": int,
            "hedge": str,
            "polarity": str,
            "topics": str,
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
            "id": str,
            "article_id": str,
            "article_version": str,
            "entity_id": str,
            "target": str,
            "stance": str,
            "confidence": float,
            "evidence": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
        # (article, entity): a quote's stance is looked up by both. With entity_id alone SQLite
        # read every stance of a prolific speaker for each of their quotes, quadratic in coverage.
        indexes=[("article_id", "entity_id"), ("entity_id",), ("stance",)],
    ),
    Table(
        "person_roles",
        {
            "id": str,
            "entity_id": str,
            "article_id": str,
            "article_version": str,
            "role": str,
            "affiliation": str,
            "affiliation_entity_id": str,
            "sentence": str,
            "start_char": int,
            "end_char": int,
        },
        pk="id",
        foreign_keys=[
            ("entity_id", "entities", "id"),
            ("article_id", "articles", "id"),
            ("affiliation_entity_id", "entities", "id"),
        ],
        # article_id: a new version of an article replaces its roles (without it, a full scan
        # per article made the process stage quadratic).
        indexes=[("entity_id",), ("affiliation",), ("article_id",)],
    ),
    Table(
        # Deals, investigations, lawsuits and rulings declared in dataset.yml `events`.
        "events",
        {
            "id": str,
            "date": str,
            "date_precision": str,
            "kind": str,
            "description": str,
            "source_url": str,
            "source_kind": str,
            "checked_against": str,
        },
        pk="id",
        indexes=[("date",), ("kind",)],
    ),
    Table(
        "event_actors",
        {"event_id": str, "entity_id": str},
        pk=("event_id", "entity_id"),
        foreign_keys=[("event_id", "events", "id"), ("entity_id", "entities", "id")],
        indexes=[("entity_id",)],
    ),
    Table(
        # Facts between knowledge-base entities: instagram acquired-by facebook (2012-…).
        "entity_relations",
        {
            "id": str,
            "subject_entity_id": str,
            "relation": str,
            "object_entity_id": str,
            "date": str,
            "source_url": str,
        },
        pk="id",
        foreign_keys=[
            ("subject_entity_id", "entities", "id"),
            ("object_entity_id", "entities", "id"),
        ],
        indexes=[("relation",), ("subject_entity_id",), ("object_entity_id",)],
    ),
    Table(
        # Sentences of an article that report an event (pipeline/derive/events). event_id is the
        # known event it matches; null means a candidate event for a researcher to review.
        "event_mentions",
        {
            "id": str,
            "article_id": str,
            "article_version": str,
            "event_id": str,
            "kind": str,
            "trigger": str,
            "sentence": str,
            "start_char": int,
            "end_char": int,
            "date": str,
            "date_precision": str,
            "date_text": str,
            "actors": str,
            "match_score": float,
            "status": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("event_id", "events", "id")],
        indexes=[("article_id",), ("event_id",), ("status",), ("kind",)],
    ),
    Table(
        # Numbered paragraphs of primary documents (PDF complaints, decisions) stored as articles.
        "document_paragraphs",
        {
            "id": str,
            "article_id": str,
            "article_version": str,
            "number": int,
            "start_char": int,
            "end_char": int,
            "text": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        indexes=[("article_id",)],
    ),
    Table(
        # Quotes in the coverage whose words are found in a document paragraph.
        "document_quotations",
        {
            "quote_id": str,
            "document_article_id": str,
            "document_version": str,
            "paragraph_number": int,
        },
        pk=("quote_id", "document_article_id"),
        foreign_keys=[("quote_id", "quotes", "id"), ("document_article_id", "articles", "id")],
        indexes=[("document_article_id",)],
    ),
    # Derived state of the whole-corpus passes (syndication, event mentions), so each article
    # version is worked on once: pipeline/derive/syndication_index.py and
    # pipeline/derive/events/store.py.
    Table(
        "article_signatures",
        {
            "article_id": str,
            "article_version": str,
            "body_sha256": str,
            "shingles": int,
            "signature": bytes,
            "shingle_hashes": bytes,
            "stage": int,
        },
        pk="article_id",
        indexes=[("article_id", "article_version"), ("body_sha256",), ("stage",)],
    ),
    Table(
        "article_lsh_bands",
        {"key": int, "article_id": str},
        pk=("key", "article_id"),
    ),
    Table(
        "near_duplicate_pairs",
        {"article_id": str, "other_article_id": str, "jaccard": float, "containment": float},
        pk=("article_id", "other_article_id"),
        indexes=[("other_article_id",)],
    ),
    Table(
        "event_scans",
        {
            "article_id": str,
            "article_version": str,
            "published": str,
            "events": str,
            "documents": str,
        },
        pk="article_id",
        indexes=[("article_id", "article_version")],
    ),
    # Quote tracing (pipeline/derive/quote_clusters.py): the same state, per quote.
    Table(
        "quote_signatures",
        {
            "quote_id": str,
            "article_id": str,
            "article_version": str,
            "published": str,
            "speaker_entity_id": str,
            "speaker_text": str,
            "words": int,
            "signature": bytes,
            "shingle_hashes": bytes,
            "stage": int,
        },
        pk="quote_id",
        indexes=[("stage",)],
    ),
    Table(
        "quote_lsh_bands",
        {"key": int, "quote_id": str},
        pk=("key", "quote_id"),
    ),
    Table(
        "quote_pairs",
        {"quote_id": str, "other_quote_id": str, "containment": float, "similarity": float},
        pk=("quote_id", "other_quote_id"),
        indexes=[("other_quote_id",)],
    ),
    Table(
        "derived_state",
        {"name": str, "fingerprint": str},
        pk="name",
    ),
    Table(
        "failures",
        {
            "id": str,
            "run_id": int,
            "stage": str,
            "fetch_id": str,
            "subject": str,
            "error": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id"), ("fetch_id", "fetches", "id")],
        indexes=[("stage",), ("run_id",), ("fetch_id",)],
    ),
]


# Views: (name, SQL). ensure_schema (schema.py) re-creates one whose SQL differs, so a database
# always has the current ones. Any change to the text, even of blanks, re-creates the view in every
# database: a long line goes on after a backslash, which leaves the text as it was.
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


# The antitrust lens (pipeline/derive/events): coverage and voices around each event, topics over
# time, and who is mentioned with whom. An article's day is its own calendar day (the date part of
# `published` as written in its time zone), the rule presswatch.derive.events.dates uses for
# "yesterday".
VIEWS += [
    (
        # Articles per day per outlet within 30 days either side of each day-precise event; the
        # canned query coverage_around_event narrows the window.
        "event_coverage",
        """
        select events.id as event_id, events.date as event_date, events.kind as event_kind,
            substr(articles.published, 1, 10) as day,
            cast(julianday(substr(articles.published, 1, 10)) - julianday(events.date) as integer) \
as offset_days,
            articles.source_id, sources.name as outlet, count(*) as articles
        from events
        join articles on articles.published is not null
            and abs(julianday(substr(articles.published, 1, 10)) - julianday(events.date)) <= 30
        left join sources on sources.id = articles.source_id
        where events.date_precision = 'day'
        group by events.id, day, articles.source_id
        """,
    ),
    (
        # Who was quoted in the articles that report each event, with their stance there.
        "event_quotes",
        """
        select distinct event_mentions.event_id, quotes.id as quote_id, quotes.speaker_entity_id,
            coalesce(entities.name, quotes.speaker_text) as speaker, \
stances.target as stance_target,
            stances.stance, quotes.content, articles.id as article_id, articles.source_id,
            substr(articles.published, 1, 10) as day
        from event_mentions
        join articles on articles.id = event_mentions.article_id
            and articles.version = event_mentions.article_version
        join quotes on quotes.article_id = articles.id and quotes.article_version = articles.version
        left join entities on entities.id = quotes.speaker_entity_id
        left join stances on stances.article_id = articles.id
            and stances.article_version = articles.version
            and stances.entity_id = quotes.speaker_entity_id
        where event_mentions.event_id is not null
        """,
    ),
    (
        # Claims per topic per month (current article versions).
        "claim_topics_by_month",
        """
        select substr(articles.published, 1, 7) as month, claim_topics.topic,
            count(distinct claims.id) as claims, count(distinct articles.id) as articles
        from claims
        join articles on articles.id = claims.article_id \
and articles.version = claims.article_version
        join claim_topics on claim_topics.claim_id = claims.id
        where articles.published is not null
        group by month, claim_topics.topic
        """,
    ),
    (
        # The co-mention network: two entities named in the same article (current versions).
        # Each pair once (source id < target id); weight = articles naming both.
        "co_mentions",
        """
        with current_mentions as (
            select distinct mentions.article_id, mentions.entity_id from mentions
            join articles on articles.id = mentions.article_id
                and articles.version = mentions.article_version
            where mentions.entity_id is not null
        )
        select a.entity_id as source_entity_id, source.name as source_name, \
source.type as source_type,
            b.entity_id as target_entity_id, target.name as target_name, target.type as target_type,
            count(*) as articles
        from current_mentions a
        join current_mentions b on b.article_id = a.article_id and a.entity_id < b.entity_id
        left join entities source on source.id = a.entity_id
        left join entities target on target.id = b.entity_id
        group by a.entity_id, b.entity_id
        """,
    ),
]
