"""The publish step: derived tables a journalist can facet and a canned query can read quickly.

Datasette serves the database immutable, so anything worth precomputing is written here, before
serving, into the same file: one wide row per quote (speaker, affiliation, stance, outlet, month),
per claim and topic, per stance, and per day and outlet. They are *derived* data: dropped and
rebuilt from the source tables on every `serve`/`publish`, never edited, never read by the
pipeline. Two of them adapt to tables other stages write: `syndicated_stories` reads
syndication clusters (article_clusters + clusters.origin_article_id, or articles.cluster_id) and
`version_changes` reads `article_versions`, mapping their column names; where those are missing
they are empty with the same columns, so the canned queries over them still work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from pipeline.store.journal import settle_journal


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
        [("quote_id",), ("speaker",), ("speaker_entity_id",), ("speaker_affiliation",), ("stance",),
         ("outlet",), ("published_month",), ("published",), ("article_id",), ("type",),
         ("kind",)],
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

SYNDICATION_COLUMNS = ("cluster_id", "article_id", "outlet", "title", "published", "is_origin", "cluster_size")
VERSION_COLUMNS = ("article_id", "version", "previous_version", "seen_at", "diff")
# Tables another stage may use for syndication clusters, each with article_id and cluster_id.
CLUSTER_TABLE_NAMES = ("syndication_clusters", "article_clusters", "cluster_members", "clusters")
# article_versions column names we accept for each column of version_changes, in order.
VERSION_COLUMN_CANDIDATES = {
    "article_id": ("article_id",),
    "version": ("version", "version_hash", "body_sha256", "id"),
    "previous_version": ("previous_version", "prev_version", "parent_version", "changed_from"),
    "seen_at": ("seen_at", "first_seen", "fetched_at", "created_at", "crawled_at"),
    "diff": ("diff", "text_diff", "changes", "unified_diff"),
}

# Indexes the publication tables are built through (pipeline/store/schema.py has them; a database
# built by an earlier presswatch gains them here, before the tables that need them).
LOOKUP_INDEXES: list[tuple[str, tuple[str, ...]]] = [
    ("stances", ("article_id", "entity_id")),
    ("mentions", ("article_id", "article_version", "start_char")),
]

SOURCE_INDEXES: list[tuple[str, tuple[str, ...]]] = [
    ("quotes", ("medium",)),
    ("articles", ("run_id", "published")),
    ("articles", ("language",)),
    ("articles", ("section",)),
    ("claims", ("polarity",)),
    ("stances", ("target",)),
    ("claim_topics", ("topic", "claim_id")),
]

PUBLICATION_TABLE_NAMES = tuple(t.name for t in STATIC_TABLES) + ("syndicated_stories", "version_changes", "facet_counts")


def _empty_select(columns: tuple[str, ...]) -> str:
    return "SELECT " + ", ".join(f"NULL AS {name}" for name in columns) + " WHERE 0"


def syndication_select(db: sqlite_utils.Database) -> str:
    """SELECT over whichever syndication clusters exist; empty (same columns) when none do."""
    source = None
    if "cluster_id" in db["articles"].columns_dict:
        source = "SELECT id AS article_id, cluster_id FROM articles"
    else:
        for name in CLUSTER_TABLE_NAMES:
            if name in db.table_names() and {"article_id", "cluster_id"} <= set(db[name].columns_dict):
                source = f"SELECT article_id, cluster_id FROM [{name}]"
                break
    if source is None:
        return _empty_select(SYNDICATION_COLUMNS)
    # The origin is the one the clustering stage named (clusters.origin_article_id) when it
    # names one, else the earliest published member (ties: lowest id, so it is stable).
    named_origin = "clusters" in db.table_names() and {"id", "origin_article_id"} <= set(db["clusters"].columns_dict)
    origin = (
        "coalesce(a.id = (SELECT c.origin_article_id FROM clusters c WHERE c.id = m.cluster_id), 0)"
        if named_origin else "0"
    )
    return f"""
        WITH members AS ({source}), clustered AS (
            SELECT m.cluster_id, a.id AS article_id, a.publisher AS outlet, a.title, a.published,
                count(*) OVER (PARTITION BY m.cluster_id) AS cluster_size,
                row_number() OVER (PARTITION BY m.cluster_id ORDER BY a.published, a.id) AS rank,
                {origin} AS named_origin,
                max({origin}) OVER (PARTITION BY m.cluster_id) AS has_named_origin
            FROM members m JOIN articles a ON a.id = m.article_id
            WHERE coalesce(m.cluster_id, '') != ''
        )
        SELECT cluster_id, article_id, outlet, title, published,
            CASE WHEN has_named_origin THEN named_origin ELSE rank = 1 END AS is_origin, cluster_size
        FROM clustered WHERE cluster_size > 1"""


def versions_select(db: sqlite_utils.Database) -> str:
    """SELECT over article_versions, mapping its column names; empty when it does not exist."""
    if "article_versions" not in db.table_names():
        return _empty_select(VERSION_COLUMNS)
    present = set(db["article_versions"].columns_dict)
    parts = []
    for column, candidates in VERSION_COLUMN_CANDIDATES.items():
        found = next((name for name in candidates if name in present), None)
        parts.append(f"[{found}] AS {column}" if found else f"NULL AS {column}")
    return f"SELECT {', '.join(parts)} FROM article_versions"


# Columns whose facet counts on an unfiltered table page are read from facet_counts (metadata.yml
# declares them as `{precounted: column}`; the plugin falls back to counting live when filtered).
PRECOUNTED_FACETS: dict[str, tuple[str, ...]] = {
    "quotes": ("speaker_entity_id", "type", "kind"),
    "articles": ("publisher",),
    "quote_facts": ("speaker", "speaker_affiliation", "stance", "outlet", "published_month"),
    "claim_facts": ("topic", "hedge", "holder", "polarity", "outlet", "published_month"),
    "stance_facts": ("stance", "speaker", "speaker_affiliation", "outlet", "published_month"),
}


def facet_counts_select() -> str:
    parts = [
        f"SELECT '{table}' AS table_name, '{column}' AS column_name, [{column}] AS value, count(*) AS count "
        f"FROM [{table}] WHERE [{column}] IS NOT NULL GROUP BY [{column}]"
        for table, columns in PRECOUNTED_FACETS.items()
        for column in columns
    ]
    return " UNION ALL ".join(parts)


def publication_tables(db: sqlite_utils.Database) -> list[PublicationTable]:
    return [
        *STATIC_TABLES,
        PublicationTable("syndicated_stories", syndication_select(db), [("cluster_id",), ("article_id",)]),
        PublicationTable("version_changes", versions_select(db), [("article_id",)]),
        # Last: it counts rows of the tables above.
        PublicationTable("facet_counts", facet_counts_select(), [("table_name", "column_name", "count")]),
    ]


def prepare_database(db_path: Path) -> dict[str, int]:
    """(Re)build the publication tables in the database file; returns their row counts.

    One transaction: a reader never sees half of them. Idempotent: the same source rows give
    the same tables.
    """
    settle_journal(db_path)  # a killed run's last commits may still be in the -wal file
    db = sqlite_utils.Database(db_path)
    counts: dict[str, int] = {}
    _create_indexes(db, LOOKUP_INDEXES)
    with db.conn:
        for table in publication_tables(db):
            db.execute(f"DROP TABLE IF EXISTS [{table.name}]")
            db.execute(f"CREATE TABLE [{table.name}] AS {table.select}")
            for columns in table.indexes:
                db[table.name].create_index(columns, if_not_exists=True)
            counts[table.name] = db[table.name].count
    # Indexes on the source tables for their metadata.yml facets and the feeds' order, so a
    # facet is an index scan, not a pass over every row of a large table.
    _create_indexes(db, SOURCE_INDEXES)
    db.execute("ANALYZE")  # lets SQLite pick the facet indexes on large tables
    db.conn.commit()
    db.close()
    return counts


def _create_indexes(db: sqlite_utils.Database, indexes: list[tuple[str, tuple[str, ...]]]) -> None:
    for table, columns in indexes:
        # A database from an older schema may lack a table or column: its index is left out.
        if table in db.table_names() and set(columns) <= set(db[table].columns_dict):
            db[table].create_index(columns, if_not_exists=True)
