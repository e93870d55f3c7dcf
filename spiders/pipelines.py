"""Item pipeline: every fetched page goes to this run's WARC and becomes a row in `fetches`.

The request as sent and the response as it came are kept in the WARC (one gzip member per
record) and the row points at both by file and offset, so the database stays small and the
process stage can read any page back exactly as it came. The records are flushed to disk before
the row is committed, and each page's row, its frontier update and the URLs it adds are one
transaction (pipeline/crawl/frontier.py): a crawl killed half-way leaves whole rows that point at
whole records.

The writing happens on a thread of its own (pipeline/crawl/recorder.py), so the crawl goes on while the
disk works; a page counts as recorded once its transaction is committed. In a shared (Redis)
crawl the pages are written in the reactor's own call instead, so the ledger pipeline that
follows strikes a page the moment its row is committed.
"""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

from presswatch.crawl.context import CrawlContext
from presswatch.crawl.discovery import archived_original
from presswatch.crawl.fetched import FetchedPage
from presswatch.crawl.recorder import PageWriter, PendingPage, WriterThread


class FetchRecorderPipeline:
    """Records every FetchedPage through the crawl's CrawlContext, taken from the spider."""

    def __init__(self, crawler: Any, threaded: bool = True):
        self.crawler = crawler
        self.stats: Any = crawler.stats
        self.threaded = threaded

    @classmethod
    def from_crawler(cls, crawler: Any) -> FetchRecorderPipeline:
        return cls(crawler, threaded=crawler.settings.getbool("PRESSWATCH_RECORDER_THREAD", True))

    def open_spider(self) -> None:
        context: CrawlContext = self.crawler.spider.context
        self.run_id = context.run_id
        self.source_for_url = context.dataset.source_for_url
        self.writer = PageWriter(context.connector, context.warc_out, context.warc_name, context.job.id, context.run_id)
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



def _content_type(headers: list[tuple[str, str]]) -> str | None:
    for key, value in headers:
        if key.lower() == "content-type":
            return value
    return None
