"""Item pipeline: every fetched page goes to this run's WARC and becomes a row in `fetches`.

The request as sent and the response as it came are kept in the WARC (one gzip member per
record) and the row points at both by file and offset, so the database stays small and the
process stage can read any page back exactly as it came. The records are flushed to disk before
the row is committed, and each page's row, its frontier update and the URLs it adds are one
transaction (spiders/frontier.py): a crawl killed half-way leaves whole rows that point at
whole records.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from pipeline.dataset import load_dataset
from pipeline.store import open_database
from spiders.archive import record_id, write_request, write_response
from spiders.discovery import archived_original
from spiders.frontier import record_page
from spiders.items import FetchedPage


class FetchRecorderPipeline:
    def __init__(self, db_path: Path, warc_path: Path, dataset_folder: Path, run_id: int | None, job_id: int = 0):
        self.job_id = job_id or run_id or 0
        self.db_path = db_path
        self.warc_path = warc_path
        self.dataset_folder = dataset_folder
        self.run_id = run_id
        self.source_for_url = load_dataset(dataset_folder).source_for_url
        self.stats: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> FetchRecorderPipeline:
        settings = crawler.settings
        pipeline = cls(
            db_path=Path(settings["PRESSWATCH_DB"]),
            warc_path=Path(settings["PRESSWATCH_WARC_OUT"]),
            dataset_folder=Path(settings["PRESSWATCH_DATASET_FOLDER"]),
            run_id=settings.getint("PRESSWATCH_RUN_ID") or None,
            job_id=settings.getint("PRESSWATCH_JOB_ID"),
        )
        pipeline.stats = crawler.stats
        return pipeline

    def open_spider(self) -> None:
        self.db = open_database(self.db_path)
        self.warc_path.parent.mkdir(parents=True, exist_ok=True)
        self.warc = open(self.warc_path, "ab")  # noqa: SIM115 - open for the whole crawl, closed in close_spider

    def close_spider(self) -> None:
        self.warc.close()
        self.db.close()

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        row: dict[str, Any] = {
            "run_id": self.run_id,
            "source_id": self.source_for_url(archived_original(item.final_url or item.url)),
            "url": item.url, "final_url": item.final_url, "status": item.status,
            "content_type": _content_type(item.headers),
            "headers": [list(pair) for pair in item.headers],
            "body_sha256": hashlib.sha256(item.body).hexdigest() if item.status else None,
            "body_bytes": len(item.body) if item.status else None,
            "fetched_at": item.fetched_at, "origin": item.origin,
            "warc_file": None, "warc_offset": None, "warc_request_offset": None,
            "redirects": item.redirects, "error": item.error,
            "kind": item.kind, "depth": item.depth, "discovered_from": item.discovered_from,
            "listed_date": item.published, "outcome": item.outcome or ("failed" if item.error else "new"),
            "relevance_score": item.relevance_score, "relevance_reason": item.relevance_reason,
        }
        if item.status is not None:
            url = item.final_url or item.url
            row["warc_request_offset"] = write_request(
                self.warc, url, item.request_headers, item.fetched_at,
                concurrent_to=record_id(url, item.fetched_at),
            )
            row["warc_offset"] = write_response(
                self.warc, url, item.status, item.headers, item.body, item.fetched_at,
            )
            self.warc.flush()
            os.fsync(self.warc.fileno())
            row["warc_file"] = str(self._relative(self.warc_path))
        record_page(self.db, self.job_id, self.run_id, item.url, row, item.discovered)
        if self.stats is not None:
            self.stats.inc_value("presswatch/fetched")
            self.stats.inc_value(f"presswatch/{row['outcome']}")
        return item

    def _relative(self, path: Path) -> Path:
        try:
            return path.resolve().relative_to(self.dataset_folder.resolve())
        except ValueError:
            return path


def _content_type(headers: list[tuple[str, str]]) -> str | None:
    for key, value in headers:
        if key.lower() == "content-type":
            return value
    return None
