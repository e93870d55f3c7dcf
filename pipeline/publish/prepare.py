"""The publish step: derived tables a journalist can facet and a canned query can read quickly.

Datasette serves the database immutable, so anything worth precomputing is written here, before
serving, into the same file: one wide row per quote (speaker, affiliation, stance, outlet, month),
per claim and topic, per stance, and per day and outlet. They are *derived* data: dropped and
rebuilt from the source tables on every `serve`/`publish`, never edited, never read by the
pipeline. `syndicated_stories` reads the syndication clusters (article_clusters and
clusters.origin_article_id) and `version_changes` reads `article_versions`. The database is first
brought up to date by the store's migrations (an older build gains the tables, columns and
indexes these reads need), so nothing here depends on which presswatch built it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
from presswatch.store import ensure_schema
from presswatch.store.journal import settle_journal


@dataclass(frozen=True)
class PublicationTable:
    name: str
    select: str  # the SELECT it is materialised from
    indexes: list[tuple[str, ...]] = field(default_factory=list)


# Most frequent affiliation each person is given across the coverage ("a professor at X").
_AFFILIATIONS = """
    speaker_affiliations AS (
        SELECT entity_id, affiliation, max(n) AS n FROM (
            SELECT entity_id, affiliation, count(*) AS n FROM person_roles
            WHERE coalesce(affiliation, '') != '' GROUP BY entity_id, affiliation
        ) GROUP BY entity_id
    )"""

_MONTH = "substr(a.published, 1, 7)"
_DAY = "substr(a.published, 1, 10)"

STATIC_TABLES: list[PublicationTable] = [
    PublicationTable(
        "quote_facts",
        f"""WITH {_AFFILIATIONS}
        SELECT q.id AS quote_id, q.article_id, q.speaker_entity_id,
            coalesce(e.name, q.speaker_text) AS speaker,
            sa.affiliation AS speaker_affiliation,
            (SELECT s.stance FROM stances s
             WHERE s.article_id = q.article_id AND s.entity_id = q.speaker_entity_id
             ORDER BY s.confidence DESC LIMIT 1) AS stance,
            q.content AS quote, q.type, q.medium, coalesce(q.kind, 'speech') AS kind,
            a.publisher AS outlet, a.source_id, a.published,
            {_DAY} AS published_day, {_MONTH} AS published_month,
            a.title AS article_title, a.url AS article_url
        FROM quotes q
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN entities e ON e.id = q.speaker_entity_id
        LEFT JOIN speaker_affiliations sa ON sa.entity_id = q.speaker_entity_id""",
        [
            ("quote_id",),
            ("speaker",),
            ("speaker_entity_id", "published"),
            ("speaker_affiliation",),
            ("stance",),
            ("outlet", "speaker_entity_id"),
            ("published_month",),
            ("published",),
            ("article_id",),
            ("type",),
            ("kind",),
        ],
    ),
    PublicationTable(
        "claim_facts",
        f"""SELECT c.id AS claim_id, c.article_id, c.holder_entity_id,
            coalesce(e.name, c.holder_text) AS holder,
            c.text AS claim, coalesce(c.hedge, 'none') AS hedge, c.polarity,
            coalesce(ct.topic, '') AS topic,
            a.publisher AS outlet, a.published, {_MONTH} AS published_month,
            a.title AS article_title, a.url AS article_url
        FROM claims c
        JOIN articles a ON a.id = c.article_id
        LEFT JOIN claim_topics ct ON ct.claim_id = c.id
        LEFT JOIN entities e ON e.id = c.holder_entity_id""",
        [("topic",), ("hedge",), ("holder",), ("outlet",), ("published_month",), ("published",)],
    ),
    PublicationTable(
        "stance_facts",
        f"""WITH {_AFFILIATIONS}
        SELECT s.id AS stance_id, s.article_id, s.entity_id,
            coalesce(e.name, s.entity_id) AS speaker, sa.affiliation AS speaker_affiliation,
            s.target, s.stance, s.confidence,
            a.publisher AS outlet, a.published, {_DAY} AS published_day,
            {_MONTH} AS published_month, a.title AS article_title
        FROM stances s
        JOIN articles a ON a.id = s.article_id
        LEFT JOIN entities e ON e.id = s.entity_id
        LEFT JOIN speaker_affiliations sa ON sa.entity_id = s.entity_id""",
        [("speaker", "stance"), ("stance",), ("published_month",), ("outlet",), ("entity_id",)],
    ),
    PublicationTable(
        # Which quotes name which entity (a mention inside the quoted content, by offsets),
        # so "quotes mentioning X" is an index range scan instead of a join over all mentions.
        "quote_mentions",
        """SELECT q.id AS quote_id, m.entity_id, group_concat(DISTINCT m.text) AS mentioned_as,
            a.published
        FROM mentions m
        JOIN quotes q ON q.article_id = m.article_id AND q.article_version = m.article_version
            AND m.start_char >= q.content_start AND m.end_char <= q.content_end
            -- implied by the line above; stated so the index on start_char bounds the range
            AND m.start_char < q.content_end
        JOIN articles a ON a.id = q.article_id
        GROUP BY q.id, m.entity_id""",
        [("entity_id", "published"), ("quote_id",)],
    ),
    PublicationTable(
        "coverage_daily",
        f"""SELECT {_DAY} AS published_day, {_MONTH} AS published_month,
            a.publisher AS outlet, a.source_id, count(*) AS articles
        FROM articles a WHERE coalesce(a.published, '') != ''
        GROUP BY 1, 2, 3, 4""",
        [("published_day",), ("outlet",), ("published_month",)],
    ),
]

# Who was quoted in the current version of each article reporting a known event, with the
# stance they took there (the schema's event_quotes view, materialised: reading the view for
# every event sorted 49,000 rows per page at 100,000 articles).
EVENT_VOICES_SELECT = """SELECT DISTINCT em.event_id, coalesce(e.name, q.speaker_text) AS speaker, \
s.stance, q.content,
        a.source_id, substr(a.published, 1, 10) AS day, a.id AS article_id, q.id AS quote_id
    FROM event_mentions em
    JOIN articles a ON a.id = em.article_id AND a.version = em.article_version
    JOIN quotes q ON q.article_id = a.id AND q.article_version = a.version
    LEFT JOIN entities e ON e.id = q.speaker_entity_id
    LEFT JOIN stances s ON s.article_id = a.id AND s.article_version = a.version
        AND s.entity_id = q.speaker_entity_id
    WHERE em.event_id IS NOT NULL"""

# Indexes on the source tables for their metadata.yml facets and the feeds' order. They serve
# readers only, so they are made here, before serving, and not kept up during the writes.
SOURCE_INDEXES: list[tuple[str, tuple[str, ...]]] = [
    ("quotes", ("medium",)),
    ("articles", ("run_id", "published")),
    # coverage_around_event counts a window of days per outlet from this index alone.
    ("articles", ("published", "source_id")),
    ("articles", ("language",)),
    ("articles", ("section",)),
    ("claims", ("polarity",)),
    ("stances", ("target",)),
    ("claim_topics", ("topic", "claim_id")),
]

PUBLICATION_TABLE_NAMES = tuple(t.name for t in STATIC_TABLES) + (
    "syndicated_stories",
    "version_changes",
    "event_voices",
    "facet_counts",
)


# Syndicated stories: every member of a cluster of two or more. The origin is the one the
# clustering stage named (clusters.origin_article_id), else the earliest published member (ties:
# lowest id, so it is stable).
SYNDICATION_SELECT = """
    WITH clustered AS (
        SELECT m.cluster_id, a.id AS article_id, a.publisher AS outlet, a.title, a.published,
            count(*) OVER (PARTITION BY m.cluster_id) AS cluster_size,
            row_number() OVER (PARTITION BY m.cluster_id ORDER BY a.published, a.id) AS rank,
            coalesce(a.id = c.origin_article_id, 0) AS named_origin,
            max(coalesce(a.id = c.origin_article_id, 0)) OVER (PARTITION BY m.cluster_id) \
AS has_named_origin
        FROM article_clusters m
        JOIN articles a ON a.id = m.article_id
        LEFT JOIN clusters c ON c.id = m.cluster_id
        WHERE coalesce(m.cluster_id, '') != ''
    )
    SELECT cluster_id, article_id, outlet, title, published,
        CASE WHEN has_named_origin THEN named_origin ELSE rank = 1 END AS is_origin, cluster_size
    FROM clustered WHERE cluster_size > 1"""

VERSIONS_SELECT = """
    SELECT article_id, version, previous_version, created_at AS seen_at, diff \
FROM article_versions"""


# Columns whose facet counts on an unfiltered table page are read from facet_counts (metadata.yml
# declares them as `{precounted: column}`; the plugin falls back to counting live when filtered).
PRECOUNTED_FACETS: dict[str, tuple[str, ...]] = {
    "quotes": ("speaker_entity_id", "type", "kind"),
    "articles": ("publisher", "section"),
    "quote_facts": ("speaker", "speaker_affiliation", "stance", "outlet", "published_month"),
    "claim_facts": ("topic", "hedge", "holder", "polarity", "outlet", "published_month"),
    "stance_facts": ("stance", "speaker", "speaker_affiliation", "outlet", "published_month"),
}


# JSON-list columns declared `{precounted_array: column}`: rows per value in the list, as
# Datasette's array facet counts them (json_each over 100,000 bylines took ~0.4 s per page).
PRECOUNTED_ARRAY_FACETS: dict[str, tuple[str, ...]] = {
    "articles": ("authors",),
}


def facet_counts_select() -> str:
    parts = [
        f"SELECT '{table}' AS table_name, '{column}' AS column_name, [{column}] AS value, "
        "count(*) AS count "
        f"FROM [{table}] WHERE [{column}] IS NOT NULL GROUP BY [{column}]"
        for table, columns in PRECOUNTED_FACETS.items()
        for column in columns
    ] + [
        f"SELECT '{table}' AS table_name, '{column}' AS column_name, j.value AS value, "
        f"count(DISTINCT t.rowid) AS count FROM [{table}] t, json_each(t.[{column}]) j "
        f"WHERE json_valid(t.[{column}]) AND json_type(t.[{column}]) = 'array' GROUP BY j.value"
        for table, columns in PRECOUNTED_ARRAY_FACETS.items()
        for column in columns
    ]
    return " UNION ALL ".join(parts)


PUBLICATION_TABLES: list[PublicationTable] = [
    *STATIC_TABLES,
    PublicationTable("syndicated_stories", SYNDICATION_SELECT, [("cluster_id",), ("article_id",)]),
    PublicationTable("version_changes", VERSIONS_SELECT, [("article_id",)]),
    PublicationTable("event_voices", EVENT_VOICES_SELECT, [("event_id", "day", "speaker")]),
    # Last: it counts rows of the tables above.
    PublicationTable(
        "facet_counts", facet_counts_select(), [("table_name", "column_name", "count")]
    ),
]


def prepare_database(db_path: Path) -> dict[str, int]:
    """(Re)build the publication tables in the database file; returns their row counts.

    One transaction: a reader never sees half of them. Idempotent: the same source rows give
    the same tables.
    """
    settle_journal(db_path)  # a killed run's last commits may still be in the -wal file
    db = ensure_schema(sqlite_utils.Database(db_path))  # an older build is brought up to date first
    counts: dict[str, int] = {}
    with db.conn:
        for table in PUBLICATION_TABLES:
            db.execute(f"DROP TABLE IF EXISTS [{table.name}]")
            db.execute(f"CREATE TABLE [{table.name}] AS {table.select}")
            for columns in table.indexes:
                db[table.name].create_index(columns, if_not_exists=True)
            counts[table.name] = db[table.name].count
    # A facet is an index scan, not a pass over every row of a large table.
    for table_name, columns in SOURCE_INDEXES:
        db[table_name].create_index(columns, if_not_exists=True)
    db.execute("ANALYZE")  # lets SQLite pick the facet indexes on large tables
    db.conn.commit()
    db.close()
    return counts
