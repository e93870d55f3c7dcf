"""The idempotent step that gives a database file the declared schema, and the way to open one.

Every column is declared in tables.py and documented in metadata.yml at the top of the
repository; upgrades of an existing file are the ordered migrations of migrations.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
from presswatch.store.migrations import MIGRATIONS
from presswatch.store.tables import TABLES, VIEWS, Table

__all__ = ["TABLES", "VIEWS", "Connector", "Table", "ensure_schema", "open_database"]


def ensure_schema(db: sqlite_utils.Database) -> sqlite_utils.Database:
    """Apply the migrations the database has not had and bring its views up to date; safe to repeat.

    An up-to-date database is only read. Changes are made under the write lock, so processes
    opening one new file at once (crawl workers, shards) make them once: the later ones wait,
    then find nothing left to do.
    """
    if not MIGRATIONS.pending(db) and not _stale_views(db):
        return db
    with _write_lock(db):
        MIGRATIONS.apply(db)  # each migration in a savepoint, with its record in _sqlite_migrations
        for name, sql in _stale_views(db):
            db.execute(f"drop view if exists {name}")
            db.execute(sql)
    return db


def _stale_views(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """The declared views (name, CREATE statement) the database lacks or has in another version."""
    stored = dict(db.execute("select name, sql from sqlite_master where type = 'view'").fetchall())
    # As SQLite keeps it in sqlite_master: keyword upper-cased, no trailing blanks.
    declared = [(name, f"CREATE VIEW {name} AS {select.strip()}") for name, select in VIEWS]
    return [(name, sql) for name, sql in declared if stored.get(name) != sql]


@contextmanager
def _write_lock(db: sqlite_utils.Database) -> Iterator[None]:
    if db.conn.in_transaction:  # the caller's transaction holds or will take the lock
        yield
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


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
