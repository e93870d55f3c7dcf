"""A live progress line for crawls run on a terminal: pages fetched, queued, failed, rate.

Under cron or systemd stderr is not a terminal, and the extension stays silent: scheduled runs
leave their log file and their runs row, not a stream of carriage returns.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

INTERVAL_SECONDS = 1.0


def progress_line(fetched: int, queued: int, failed: int, elapsed: float) -> str:
    rate = fetched / elapsed if elapsed > 0 else 0.0
    return f"crawl: {fetched} fetched, {queued} queued, {failed} failed, {rate:.1f} pages/s"


class ProgressLine:
    def __init__(self, crawler: Any, stream: TextIO):
        self.crawler = crawler
        self.stream = stream
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressLine:
        stream = sys.stderr
        if not stream.isatty() or not crawler.settings.getbool("PRESSWATCH_PROGRESS", True):
            raise NotConfigured("not a terminal: no progress line")
        extension = cls(crawler, stream)
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.show)
        self.loop.start(INTERVAL_SECONDS, now=True)

    def closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.show()
        self.stream.write("\n")
        self.stream.flush()

    def show(self) -> None:
        stats = self.crawler.stats
        fetched = int(stats.get_value("presswatch/fetched", 0))
        enqueued = int(stats.get_value("scheduler/enqueued", 0))
        dequeued = int(stats.get_value("scheduler/dequeued", 0))
        failed = int(stats.get_value("presswatch/failed", 0))
        line = progress_line(
            fetched, max(0, enqueued - dequeued), failed, time.monotonic() - self.started
        )
        self.stream.write("\r" + line.ljust(78))
        self.stream.flush()
