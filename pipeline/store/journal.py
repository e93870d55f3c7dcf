"""Journal modes: fast many-small-transactions writing, and a self-contained file afterwards.

A stage that commits once per article (process) or per page (crawl) pays an fsync per commit
in SQLite's default rollback-journal mode. In WAL mode with synchronous=NORMAL a commit only
appends to the -wal file and the fsync happens at checkpoints; a crash can lose the last few
commits but never corrupts the file, and every stage redoes work that was not committed. At
the end the file goes back to the rollback journal, so `serve` and `publish` hand Datasette one
self-contained file (an immutable database must not have a -wal beside it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils


@contextmanager
def bulk_writes(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """WAL + synchronous=NORMAL inside the block; rollback journal + synchronous=FULL after it."""
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    try:
        yield db
    finally:
        if db.conn.in_transaction:
            db.conn.rollback()  # an unfinished transaction of a failed step: it was not committed
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA journal_mode=DELETE")  # checkpoints the WAL into the file, removes it


@contextmanager
def savepoints_in_memory(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """temp_store=MEMORY inside the block, the previous setting after it.

    A savepoint inside a transaction keeps the original of every page it changes in a
    statement journal, a temporary file by default: the process stage's savepoint per article
    inside a transaction per batch cost ~1.3 ms of CPU an article that way, ~0 in memory
    (benchmarks/write_speed.py). The journal holds one article's pages at a time. Only around
    the writing of the batches: the derived passes' sorts may be large and keep their files.
    """
    (previous,) = db.execute("PRAGMA temp_store").fetchone()
    db.execute("PRAGMA temp_store=MEMORY")
    try:
        yield db
    finally:
        db.execute(f"PRAGMA temp_store={int(previous)}")


class StillBeingWritten(RuntimeError):
    """The database is in WAL mode and another process holds it (a crawl or process run)."""


def settle_journal(path: Path, timeout: float = 5.0) -> None:
    """Make the file at `path` whole before it is copied or served immutable.

    A crawl or process run killed with SIGKILL leaves its last commits in the -wal file beside
    the database; an immutable reader, or a copy of the main file alone, would not see them.
    Switching back to the rollback journal folds them in (and a file left in WAL mode without
    a -wal file is switched too). If a running stage holds the file, the switch cannot happen,
    and serving it now would show a moving target: say so.
    """
    connection = sqlite3.connect(path, timeout=timeout)
    try:
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            return
        mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.OperationalError as exc:
        raise StillBeingWritten(
            f"{path} is being written by another presswatch run ({exc}); "
            "serve or copy it when that run has finished"
        ) from exc
    finally:
        connection.close()
    if mode != "delete":
        raise StillBeingWritten(
            f"{path} is being written by another presswatch run; "
            "serve or copy it when that run has finished"
        )
