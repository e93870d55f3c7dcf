"""Schema upgrades: named, ordered sqlite-utils Migrations, recorded in `_sqlite_migrations`.

A database is brought up to date by applying, in order, the migrations it has not had; each is
recorded with the time it ran, so opening an up-to-date database checks one small table instead
of every column. The first four bring any database to the schema declared in tables.py when
migrations were introduced: a new file gets everything from the first, one built by an earlier
presswatch (which upgraded by comparing columns on every open) gains what it lacks from each.

Changing the schema: edit tables.py AND append a migration here that makes the same change to an
existing database, idempotently (a new file already has it from the first migration).
tests/test_schema_migrations.py fails when a declared column or index is reachable only by a
fresh build.
"""

from __future__ import annotations

import sqlite_utils
from presswatch.store.tables import TABLES, Table
from sqlite_utils import Migrations

MIGRATIONS = Migrations("presswatch")


def _create_declared(db: sqlite_utils.Database, table: Table) -> None:
    """The table as tables.py declares it (columns, keys, not-null), unless it exists."""
    db.table(table.name).create(
        table.columns,
        pk=table.pk,
        foreign_keys=table.foreign_keys,
        not_null=table.not_null,
        if_not_exists=True,
    )


@MIGRATIONS(name="0001_declared_tables")
def declared_tables(db: sqlite_utils.Database) -> None:
    for table in TABLES:
        _create_declared(db, table)


@MIGRATIONS(name="0002_columns_added_before_migrations")
def columns_added_before_migrations(db: sqlite_utils.Database) -> None:
    for table in TABLES:
        existing = db.table(table.name).columns_dict
        for name, kind in table.columns.items():
            if name not in existing:
                db.table(table.name).add_column(name, kind)


@MIGRATIONS(name="0003_declared_indexes")
def declared_indexes(db: sqlite_utils.Database) -> None:
    # Includes the composite lookups the publish step needs on a large build: stances by
    # (article_id, entity_id) and mentions by (article_id, article_version, start_char).
    for table in TABLES:
        for columns in table.indexes:
            db.table(table.name).create_index(columns, if_not_exists=True)


@MIGRATIONS(name="0004_full_text_indexes")
def full_text_indexes(db: sqlite_utils.Database) -> None:
    for table in TABLES:
        if table.fts and not db.table(table.name).detect_fts():
            # Triggers keep the index in step with upserts and re-processing.
            db.table(table.name).enable_fts(table.fts, create_triggers=True)


@MIGRATIONS(name="0005_quote_kind")
def quote_kind(db: sqlite_utils.Database) -> None:
    # Speech, writing, belief or according-to (pipeline/analyze/attribution_kinds.py). Quotes
    # written before it have no kind until their article is processed again.
    if "kind" not in db.table("quotes").columns_dict:
        db.table("quotes").add_column("kind", str)
    db.table("quotes").create_index(["kind"], if_not_exists=True)


@MIGRATIONS(name="0006_quote_tracing")
def quote_tracing(db: sqlite_utils.Database) -> None:
    # Quote clusters, their members and the per-quote state of the pass
    # (pipeline/derive/quote_clusters.py), and the count a process run logs.
    names = (
        "quote_clusters",
        "quote_cluster_members",
        "quote_signatures",
        "quote_lsh_bands",
        "quote_pairs",
    )
    for table in TABLES:
        if table.name in names:
            _create_declared(db, table)
            for columns in table.indexes:
                db.table(table.name).create_index(columns, if_not_exists=True)
    if "quote_clusters" not in db.table("runs").columns_dict:
        db.table("runs").add_column("quote_clusters", int)


@MIGRATIONS(name="0007_quote_statement")
def quote_statement(db: sqlite_utils.Database) -> None:
    # The pieces of one split quotation share a statement (pipeline/analyze/statements.py).
    # Quotes written before it count as statements of their own until re-processed.
    if "statement_start" not in db.table("quotes").columns_dict:
        db.table("quotes").add_column("statement_start", int)
