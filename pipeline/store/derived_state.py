"""The fingerprint of each derived pass's inputs (`derived_state`): a pass whose inputs have the
same fingerprint as last time has nothing to redo."""

from __future__ import annotations

import sqlite_utils

STATE_TABLE = "derived_state"


def stored_fingerprint(db: sqlite_utils.Database, name: str) -> str | None:
    row = db.execute(f"select fingerprint from [{STATE_TABLE}] where name = ?", [name]).fetchone()
    return row[0] if row else None


def store_fingerprint(db: sqlite_utils.Database, name: str, fingerprint: str) -> None:
    if stored_fingerprint(db, name) == fingerprint:
        return  # an unchanged run writes nothing
    with db.atomic():
        db.conn.execute(
            f"insert or replace into [{STATE_TABLE}] (name, fingerprint) values (?, ?)",
            [name, fingerprint],
        )
