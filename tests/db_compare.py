"""Comparing two presswatch databases row for row (parallel and sharded runs vs one process)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Columns that name the run that wrote a row (and when), not what it wrote: a shard or worker
# run legitimately differs there.
RUN_COLUMNS = {"run_id", "created_at"}
# Every table of facts: the declared ones and any a stage creates itself (FTS shadows follow).
COMPARED_TABLES = sorted(
    {
        "articles",
        "article_versions",
        "mentions",
        "quotes",
        "entities",
        "claims",
        "claim_topics",
        "stances",
        "person_roles",
        "failures",
        "clusters",
        "article_clusters",
        "article_aliases",
        "fetches",
        "sources",
        "events",
        "event_actors",
        "event_mentions",
        "entity_relations",
        "document_paragraphs",
        "document_quotations",
    }
)


def table_rows(db_path: Path, table: str) -> list[tuple]:
    """The table's rows without the run columns, sorted; [] when the table does not exist."""
    with sqlite3.connect(db_path) as conn:
        if not conn.execute("select 1 from sqlite_master where name = ?", [table]).fetchone():
            return []  # a table this version of the schema does not have: nothing to compare
        columns = [
            row[1]
            for row in conn.execute(f"pragma table_info([{table}])")
            if row[1] not in RUN_COLUMNS
        ]
        select = ", ".join(f"[{c}]" for c in columns)
        return conn.execute(f"select {select} from [{table}] order by {select}").fetchall()
