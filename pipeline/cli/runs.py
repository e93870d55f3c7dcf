"""Every command run against a dataset is logged: a `runs` row and a log file in build/logs/."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils
from presswatch.dataset import Dataset
from presswatch.derive.events.store import save_events_and_relations
from presswatch.store import Connector, finish_run, save_sources_and_entities, start_run


@dataclass
class Run:
    id: int
    db: sqlite_utils.Database
    connector: Connector  # every other connection of the run comes from here
    log_file: Path
    counts: dict[str, float] = field(default_factory=dict)
    logger: logging.Logger = field(default_factory=lambda: logging.getLogger("presswatch"))

    def add(self, counts: dict[str, float]) -> None:
        for key, value in counts.items():
            self.counts[key] = self.counts.get(key, 0) + value


@contextmanager
def logged_run(dataset: Dataset, command: str, arguments: dict[str, Any]) -> Iterator[Run]:
    """Open the dataset's database, record the run, log to a file; mark it ok or failed."""
    connector = Connector(dataset.db_path)
    db = connector.open()
    save_sources_and_entities(db, dataset.sources, dataset.knowledge_base)
    save_events_and_relations(db, list(dataset.events), list(dataset.relations))
    run_id = start_run(db, command, dataset.name, arguments)
    log_file = dataset.log_dir / f"{run_id:05d}-{command}.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with db.conn:
        db.table("runs").update(run_id, {"log_file": str(log_file.relative_to(dataset.folder))})
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("presswatch")
    logger.setLevel(logging.INFO)
    logger.propagate = False  # Scrapy's root handler writes the same file: log each line once
    logger.addHandler(handler)
    run = Run(run_id, db, connector, log_file, logger=logger)
    logger.info("run %s: %s %s %s", run_id, command, dataset.name, arguments)
    try:
        yield run
    except BaseException as exc:
        logger.error("run %s failed: %s: %s", run_id, type(exc).__name__, exc)
        finish_run(db, run_id, "failed", run.counts, f"{type(exc).__name__}: {exc}")
        raise
    else:
        logger.info("run %s finished: %s", run_id, run.counts)
        finish_run(db, run_id, "ok", run.counts)
    finally:
        logger.removeHandler(handler)
        handler.close()
        db.close()
