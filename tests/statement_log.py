"""What SQL a run executed: proof that an incremental pass did (or did not) read or write."""

from __future__ import annotations

import re

import sqlite_utils


class StatementLog:
    """Every SQL statement the connection runs (sqlite3's trace callback), to see what a run did."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.statements: list[str] = []
        db.conn.set_trace_callback(self.statements.append)

    def writes_to(self, table: str) -> list[str]:
        return [
            s
            for s in self.statements
            if s.lstrip().lower().startswith(("insert", "update", "delete", "replace"))
            and table in s
        ]

    def body_reads(self) -> list[str]:
        return [
            s
            for s in self.statements
            if s.lstrip().lower().startswith("select") and re.search(r"\bbody\b", s)
        ]

    def articles_read(self) -> list[str]:
        """Ids of the articles whose text was read for
        event mentions (the bound ids of that query)."""
        return [
            article_id
            for s in self.statements
            if s.startswith("select id, version, body, published from articles")
            for article_id in re.findall(r"'([^']*)'", s)
        ]
