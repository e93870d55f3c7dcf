"""Item pipeline: every fetched page goes to this run's WARC and becomes a row in `fetches`.

The request as sent and the response as it came are kept in the WARC (one gzip member per
record) and the row points at both by file and offset, so the database stays small and the
process stage can read any page back exactly as it came. The records are flushed to disk before
the row is committed, and each page's row, its frontier update and the URLs it adds are one
transaction (spiders/frontier.py): a crawl killed half-way leaves whole rows that point at
whole records.

The writing happens on a thread of its own (spiders/recorder.py), so the crawl goes on while the
disk works; a page counts as recorded once its transaction is committed. In a shared (Redis)
crawl the pages are written in the reactor's own call instead, so the ledger pipeline that
follows strikes a page the moment its row is committed.
"""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path
from typing import Any

from pipeline.dataset import load_dataset
from spiders.discovery import archived_original
from spiders.items import FetchedPage
from spiders.recorder import PageWriter, PendingPage, WriterThread


class FetchRecorderPipeline:
    def __init__(self, db_path: Path, warc_path: Path, dataset_folder: Path, run_id: int | None, job_id: int = 0):
        self.job_id = job_id or run_id or 0
        self.db_path = db_path
        self.warc_path = warc_path
        self.dataset_folder = dataset_folder
        self.run_id = run_id
        self.source_for_url = load_dataset(dataset_folder).source_for_url
        self.stats: Any = None
        self.crawler: Any = None
        self.threaded = True

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
        pipeline.crawler = crawler
        pipeline.threaded = settings.getbool("PRESSWATCH_RECORDER_THREAD", True)
        return pipeline

    def open_spider(self) -> None:
        self.writer = PageWriter(self.db_path, self.warc_path, str(self._relative(self.warc_path)), self.job_id, self.run_id)
        self.thread = WriterThread(self.writer) if self.threaded else None
        if self.thread is not None:
            self.thread.start()
        else:
            self.writer.open()

    def close_spider(self) -> None:
        job = self._job()
        if job is not None:
            job.close()  # its reading connection would keep the writer from leaving WAL mode
        if self.thread is not None:
            self.thread.close()
        else:
            self.writer.close()

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        page = PendingPage(item, self._row(item))
        if self.thread is None:
            self.writer.write([page])
            page.done.result()  # raises what the writing raised
            self._count(page)
            self._committed(page)
            return item
        return self._recorded(page)

    async def _recorded(self, page: PendingPage) -> FetchedPage:
        assert self.thread is not None
        await asyncio.wrap_future(self.thread.submit(page))
        self._count(page)
        self._committed(page)
        return page.item

    def _job(self) -> Any:
        return getattr(getattr(self.crawler, "spider", None), "job", None)

    def _committed(self, page: PendingPage) -> None:
        # The URLs the page added are in the frontier table now, where the spider looks them up.
        # (Those of a page that could not be recorded stay pending: never queued twice.)
        job = self._job()
        if job is not None:
            job.committed(page.item.discovered)

    def _count(self, page: PendingPage) -> None:
        if self.stats is not None:
            self.stats.inc_value("presswatch/fetched")
            self.stats.inc_value(f"presswatch/{page.row['outcome']}")

    def _row(self, item: FetchedPage) -> dict[str, Any]:
        return {
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
