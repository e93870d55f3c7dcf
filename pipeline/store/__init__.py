"""Storage: the SQLite schema (declared as data) and the writers that fill it."""

from presswatch.store.journal import bulk_writes
from presswatch.store.schema import TABLES, Connector, ensure_schema, open_database
from presswatch.store.writers import (
    clear_failure,
    finish_run,
    record_failure,
    save_analysis,
    save_fetch,
    save_sources_and_entities,
    start_run,
)

__all__ = [
    "TABLES",
    "Connector",
    "bulk_writes",
    "clear_failure",
    "ensure_schema",
    "finish_run",
    "open_database",
    "record_failure",
    "save_analysis",
    "save_fetch",
    "save_sources_and_entities",
    "start_run",
]
