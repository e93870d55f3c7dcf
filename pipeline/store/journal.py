"""Journal modes: fast many-small-transactions writing, and a self-contained file afterwards.

A stage that commits once per article (process) or per page (crawl) pays an fsync per commit
in SQLite's default rollback-journal mode. In WAL mode with synchronous=NORMAL a commit only
appends to the -wal file and the fsync happens at checkpoints; a crash can lose the last few
commits but never corrupts the file, and every stage redoes work that was not committed. At
the end the file goes back to the rollback journal, so `serve` and `publish` hand Datasette one
self-contained file (an immutable database must not have a -wal beside it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

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
