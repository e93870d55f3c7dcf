"""Journal modes (pipeline/store/journal.py): WAL while a stage writes, one whole file afterwards."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from presswatch.store import bulk_writes, open_database
from presswatch.store.journal import StillBeingWritten, settle_journal

KILLED_WRITER = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("PRAGMA journal_mode=WAL")
connection.execute("create table notes (id integer primary key, text text)")
connection.executemany("insert into notes (text) values (?)", [("row %d" % n,) for n in range(50)])
connection.commit()
os._exit(0)  # like SIGKILL: no close, so no checkpoint; the commits are only in the -wal file
"""


def _rows_in_main_file_alone(path: Path, scratch: Path) -> int:
    copy = scratch / "main-file-only.db"
    shutil.copyfile(path, copy)  # what an immutable reader or a copy of the file sees
    with sqlite3.connect(copy) as connection:
        try:
            return connection.execute("select count(*) from notes").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def test_a_killed_writers_commits_are_folded_into_the_file(tmp_path: Path) -> None:
    path = tmp_path / "killed.db"
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path)], check=True)
    assert Path(f"{path}-wal").exists()
    assert _rows_in_main_file_alone(path, tmp_path) == 0, "the commits should still be in the -wal file"
    settle_journal(path)
    assert not Path(f"{path}-wal").exists()
    assert _rows_in_main_file_alone(path, tmp_path) == 50


def test_a_database_held_by_a_running_writer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("create table notes (id integer primary key)")
    writer.commit()
    writer.execute("begin immediate")
    try:
        with pytest.raises(StillBeingWritten, match="being written by another presswatch run"):
            settle_journal(path, timeout=0.1)
    finally:
        writer.rollback()
        writer.close()


def test_bulk_writes_leaves_a_rollback_journal_file(tmp_path: Path) -> None:
    db = open_database(tmp_path / "stage.db")
    with bulk_writes(db):
        assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
        db.table("notes").insert({"id": 1, "text": "kept"}, pk="id")
    assert db.execute("pragma journal_mode").fetchone()[0] == "delete"
    db.close()
    assert not (tmp_path / "stage.db-wal").exists()
    assert _rows_in_main_file_alone(tmp_path / "stage.db", tmp_path) == 1


def test_a_file_left_in_wal_mode_without_a_wal_file_is_switched_back(tmp_path: Path) -> None:
    path = tmp_path / "closed-in-wal.db"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("create table notes (id integer primary key)")
    connection.close()  # the last connection checkpoints and removes the -wal; the mode stays WAL
    assert not Path(f"{path}-wal").exists()
    settle_journal(path)
    with sqlite3.connect(path) as connection:
        assert connection.execute("pragma journal_mode").fetchone()[0] == "delete"
    connection.close()
