"""Writing fetched pages: WARC records first, made durable, then each page's database rows.

`PageWriter` writes a batch of pages: their request and response records appended to the run's
WARC, one fsync for the batch, then every page's rows (pipeline/crawl/frontier.py `record_page`, each
page all or nothing) in one commit. The order a resumed crawl relies on holds page by page: a
row is committed only after its records are on disk, so a crawl killed at any moment leaves rows
that point at whole records.

`WriterThread` runs a PageWriter on its own thread. The reactor hands it pages and goes on
downloading and parsing while the disk works; the thread takes every page waiting at once, so an
fsync is shared by the pages that arrived during the previous one. A page is reported recorded
(its future resolved) only once its transaction is committed.
"""

from __future__ import annotations

import logging
import os
import queue
import sqlite3
import threading
from concurrent.futures import Future
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presswatch.crawl.fetched import FetchedPage
from presswatch.crawl.frontier import record_page
from presswatch.store import Connector
from presswatch.store.archive import record_id, write_request, write_response
from presswatch.store.journal import bulk_writes

logger = logging.getLogger(__name__)


@dataclass
class PendingPage:
    item: FetchedPage
    row: dict[str, Any]  # the fetches row, without its WARC offsets yet
    done: Future[str] = field(default_factory=Future)  # the fetch id, once committed


class PageWriter:
    def __init__(self, connector: Connector, warc_path: Path, warc_name: str, job_id: int, run_id: int | None):
        self.connector, self.warc_path, self.warc_name = connector, warc_path, warc_name
        self.job_id, self.run_id = job_id, run_id

    def open(self) -> None:
        self.db = self.connector.open()
        # A commit per page (what makes a killed crawl resumable) costs no fsync in WAL mode with
        # synchronous=NORMAL; the file is one self-contained database again when the crawl ends.
        self.journal = ExitStack()
        self.journal.enter_context(bulk_writes(self.db))
        self.warc_path.parent.mkdir(parents=True, exist_ok=True)
        self.warc = open(self.warc_path, "ab")  # noqa: SIM115 - open for the whole crawl, closed in close()

    def close(self) -> None:
        self.warc.close()
        try:
            self.journal.close()
        except sqlite3.OperationalError as exc:
            # Another connection was reading at that moment; run_crawl tries again once Scrapy
            # is done, and the data is in the database either way.
            logger.warning("could not leave WAL mode yet: %s", exc)
        self.db.close()

    def write(self, pages: list[PendingPage]) -> None:
        """Record the pages (records, fsync, rows) and resolve each page's future."""
        try:
            self._append_records(pages)
        except BaseException as exc:  # noqa: BLE001 - the archive cannot be written: none of these is recorded
            for page in pages:
                page.done.set_exception(exc)
            return
        # One commit for the batch (each page in a savepoint of its own, so a page that cannot be
        # written fails alone): a page is still all or nothing, and a commit costs the same for
        # one page as for twenty.
        outcomes: list[tuple[PendingPage, str | BaseException]] = []
        try:
            with self.db.atomic():
                for page in pages:
                    try:
                        fetch_id = record_page(self.db, self.job_id, self.run_id, page.item.url, page.row, page.item.discovered)
                    except Exception as exc:  # noqa: BLE001 - this page's failure, handed to its future
                        outcomes.append((page, exc))
                    else:
                        outcomes.append((page, fetch_id))
        except BaseException as exc:  # noqa: BLE001 - the commit failed: nothing of the batch is in
            for page in pages:
                page.done.set_exception(exc)
            return
        for page, outcome in outcomes:
            if isinstance(outcome, BaseException):
                page.done.set_exception(outcome)
            else:
                page.done.set_result(outcome)

    def _append_records(self, pages: list[PendingPage]) -> None:
        wrote = False
        for page in pages:
            item, row = page.item, page.row
            if item.status is None:
                continue
            url = item.final_url or item.url
            row["warc_request_offset"] = write_request(
                self.warc, url, item.request_headers, item.fetched_at,
                concurrent_to=record_id(url, item.fetched_at),
            )
            row["warc_offset"] = write_response(
                self.warc, url, item.status, item.headers, item.body, item.fetched_at,
            )
            row["warc_file"] = self.warc_name
            wrote = True
        if wrote:
            self.warc.flush()
            os.fsync(self.warc.fileno())


class WriterThread:
    """A PageWriter on its own thread (SQLite connections stay on the thread that opened them)."""

    def __init__(self, writer: PageWriter):
        self.writer = writer
        self.queue: queue.SimpleQueue[PendingPage | None] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, name="presswatch-recorder", daemon=True)
        self._opened: Future[None] = Future()

    def start(self) -> None:
        self.thread.start()
        self._opened.result()  # the database or the WARC could not be opened: say so now

    def submit(self, page: PendingPage) -> Future[str]:
        if not self.thread.is_alive():
            raise RuntimeError("the recorder thread has stopped; nothing more can be recorded")
        self.queue.put(page)
        return page.done

    def close(self) -> None:
        """Record everything submitted, then close the database and the WARC."""
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()

    def _run(self) -> None:
        try:
            self.writer.open()
        except BaseException as exc:  # noqa: BLE001 - raised again by start(), in the reactor's thread
            self._opened.set_exception(exc)
            return
        self._opened.set_result(None)
        try:
            stop = False
            while not stop:
                batch = [self.queue.get()]
                while True:  # every page waiting shares this batch's fsync
                    try:
                        batch.append(self.queue.get_nowait())
                    except queue.Empty:
                        break
                stop = None in batch
                pages = [page for page in batch if page is not None]
                if pages:
                    self.writer.write(pages)
        finally:
            self.writer.close()
