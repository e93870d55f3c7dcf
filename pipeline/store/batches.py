"""Batched statements: `IN (...)` queries with ids a few hundred at a time, so no statement
outgrows SQLite's variable limit and no step holds more than one batch of rows, and rows written
in one executemany (write_rows)."""

from __future__ import annotations

import operator
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

import sqlite_utils

BATCH = 200  # rows (or bodies) read at once: memory stays flat whatever the size of the corpus

Item = TypeVar("Item")


def chunks(items: Sequence[Item], size: int | None = None) -> Iterator[Sequence[Item]]:
    size = size or BATCH
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(count: int) -> str:
    """`?, ?, …` placeholders for `count` values."""
    return ",".join("?" * count)


def write_rows(
    db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]], verb: str
) -> None:
    """Rows with the same keys and plain values, in one executemany.

    sqlite-utils' insert_all lists the tables, reads the columns and converts every value on
    each call: a third of the time spent writing an article. These tables are declared by the
    schema (pipeline/store/schema.py) before anything is written, so none of that is needed.
    """
    columns = list(rows[0])
    names = ", ".join(f"[{column}]" for column in columns)
    # itemgetter reads a row's values in C (a generator per row was a tenth of the writing);
    # with one column it returns the value itself, so that case keeps a tuple of its own.
    values = operator.itemgetter(*columns)
    db.conn.executemany(
        f"{verb} into [{table}] ({names}) values ({marks(len(columns))})",
        map(values, rows) if len(columns) > 1 else [(row[columns[0]],) for row in rows],
    )
