"""Batched `IN (...)` queries: ids a few hundred at a time, so no statement outgrows SQLite's
variable limit and no step holds more than one batch of rows."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

BATCH = 200  # rows (or bodies) read at once: memory stays flat whatever the size of the corpus

Item = TypeVar("Item")


def chunks(items: Sequence[Item], size: int | None = None) -> Iterator[Sequence[Item]]:
    size = size or BATCH
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(count: int) -> str:
    """`?, ?, …` placeholders for `count` values."""
    return ",".join("?" * count)
