"""The idempotent step that gives a database file the declared schema, and the way to open one.

Every column is declared in tables.py and documented in metadata.yml at the top of the
repository; upgrades of an existing file are the ordered migrations of migrations.py.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from pipeline.store.migrations import apply_migrations
from pipeline.store.tables import TABLES, VIEWS, Table

__all__ = ["TABLES", "VIEWS", "Connector", "Table", "ensure_schema", "open_database"]


def ensure_schema(db: sqlite_utils.Database) -> sqlite_utils.Database:
    """Apply the migrations the database has not had and re-create the views; safe to repeat."""
    apply_migrations(db)
    for view_name, view_sql in VIEWS:
        db.execute(f"drop view if exists {view_name}")
        db.execute(f"create view {view_name} as {view_sql}")
    return db


@dataclass(frozen=True)
class Connector:
    """The one way a run reaches its database: made once from the dataset, handed down.

    `open()` is a writer's connection with the schema in place; `reader()` a plain connection
    for lookups made while another connection writes (a crawl's frontier queries), which must
    not touch the schema.
    """

    path: Path

    def open(self) -> sqlite_utils.Database:
        return open_database(self.path)

    def reader(self, timeout: float = 60) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=timeout)


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
