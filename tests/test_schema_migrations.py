"""Schema upgrades: named, ordered migrations, recorded in the database they were applied to."""

from __future__ import annotations

import multiprocessing
from multiprocessing.synchronize import Barrier
from pathlib import Path

import sqlite_utils
from presswatch.store import TABLES, ensure_schema, open_database

SNAPSHOT = Path(__file__).parent / "fixtures" / "schema" / "presswatch-0004.sql"
FIRST_FOUR = ["0001_declared_tables", "0002_columns_added_before_migrations",
              "0003_declared_indexes", "0004_full_text_indexes"]


def applied(db: sqlite_utils.Database) -> list[str]:
    return [row["name"] for row in db["_sqlite_migrations"].rows_where(order_by="id")]


def shape(db: sqlite_utils.Database) -> dict[str, object]:
    """What a database is made of: columns with types, indexes, full-text tables, triggers."""
    tables = {t.name: [(c.name, c.type) for c in t.columns] for t in db.tables}
    indexes = {(t.name, tuple(i.columns)) for t in db.tables for i in t.indexes}
    triggers = {t.name for t in db.triggers}
    return {"tables": tables, "indexes": indexes, "triggers": triggers, "views": set(db.view_names())}


def test_a_new_database_records_each_migration_once_in_order() -> None:
    db = ensure_schema(sqlite_utils.Database(memory=True))
    assert applied(db)[:4] == FIRST_FOUR
    before = shape(db)
    ensure_schema(ensure_schema(db))
    assert applied(db)[:4] == FIRST_FOUR and len(applied(db)) == len(set(applied(db)))
    assert shape(db) == before


def test_a_database_built_before_migrations_is_brought_up_to_date(tmp_path: Path) -> None:
    # As an earlier presswatch left it: fewer article columns, single-column stance and mention
    # indexes, no full-text index, and no record of upgrades.
    db = sqlite_utils.Database(tmp_path / "older.db")
    db["articles"].create({"id": str, "url": str, "title": str, "body": str}, pk="id")
    db["articles"].insert({"id": "a1", "url": "https://ledger.example/a", "title": "Merger", "body": "Text."})
    db["stances"].create({"id": str, "article_id": str, "entity_id": str, "stance": str}, pk="id")
    db["stances"].create_index(["entity_id"])
    db["mentions"].create({"id": str, "article_id": str, "entity_id": str, "text": str}, pk="id")
    db["mentions"].create_index(["article_id"])

    ensure_schema(db)

    assert applied(db)[:4] == FIRST_FOUR
    declared = next(t for t in TABLES if t.name == "articles").columns
    assert set(declared) <= set(db["articles"].columns_dict)
    assert db["articles"].get("a1")["title"] == "Merger"  # rows survive the upgrade
    indexes = {(t, tuple(i.columns)) for t in ("stances", "mentions") for i in db[t].indexes}
    assert ("stances", ("article_id", "entity_id")) in indexes
    assert ("mentions", ("article_id", "article_version", "start_char")) in indexes
    assert db["articles"].detect_fts() == "articles_fts"
    assert [r["id"] for r in db.query("select rowid as id from articles_fts where articles_fts match 'merger'")]


def test_every_declared_change_reaches_an_existing_database(tmp_path: Path) -> None:
    """A database frozen at the first four migrations, upgraded, equals a new one.

    Fails when tables.py gains a column, index or table without a migration that gives it to a
    database that already exists.
    """
    old = sqlite_utils.Database(tmp_path / "frozen.db")
    old.conn.executescript(SNAPSHOT.read_text(encoding="utf-8"))
    old = sqlite_utils.Database(tmp_path / "frozen.db")  # a fresh connection sees the full-text tables
    assert applied(old) == FIRST_FOUR
    new = ensure_schema(sqlite_utils.Database(tmp_path / "new.db"))
    assert shape(ensure_schema(old)) == shape(new)


def _open(path: str, start: Barrier) -> None:  # in a fresh process
    start.wait()
    open_database(path).close()


def test_processes_opening_one_new_file_at_once_apply_each_migration_once(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.db")
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(4)
    workers = [context.Process(target=_open, args=(path, start)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
    assert applied(sqlite_utils.Database(path))[:4] == FIRST_FOUR


def test_a_view_of_another_version_is_replaced_and_a_current_one_left_alone(tmp_path: Path) -> None:
    db = ensure_schema(sqlite_utils.Database(tmp_path / "views.db"))
    db.execute("drop view co_mentions")
    db.execute("create view co_mentions as select 1 as source_entity_id")  # an older definition
    kept = db.execute("select rowid from sqlite_master where name = 'person_stances'").fetchone()
    ensure_schema(db)
    assert "target_entity_id" in db["co_mentions"].columns_dict
    assert db.execute("select rowid from sqlite_master where name = 'person_stances'").fetchone() == kept
