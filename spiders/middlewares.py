"""Downloader middlewares.

ArchiveReplayMiddleware answers requests from WARC archives instead of the network, so the
same spiders, redirects and item pipeline run offline: the URLs recorded are the real ones, and
nothing is fetched from the web. A URL missing from the archive gets a 404 marked as such, so
it is recorded as a failure instead of silently vanishing.
"""

from __future__ import annotations

import asyncio
import time
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from presswatch.store.archive import ArchiveIndex
from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as BaseRobotsTxtMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message
from twisted.internet.defer import Deferred

REPLAY_MISSING_HEADER = "X-Presswatch-Replay"


class ArchiveReplayMiddleware:
    def __init__(self, archives: list[Path]):
        self.index = ArchiveIndex(archives)
        self.origin = "replay:" + ",".join(path.name for path in archives)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchiveReplayMiddleware:
        archives = crawler.settings.getlist("PRESSWATCH_REPLAY_ARCHIVES")
        if not archives:
            raise NotConfigured("live crawl: no archive to replay")
        middleware = cls([Path(path) for path in archives])
        crawler.signals.connect(middleware.index.close, signal=signals.spider_closed)
        return middleware

    def process_request(self, request: Any) -> Response:
        archived = self.index.get(request.url)
        # Conditional headers from an earlier run mean nothing to an archive: it answers with
        # what it captured.
        request.meta["presswatch_origin"] = self.origin
        if archived is None:
            # "Not captured as of this archive": dated by the archive, so replays are repeatable.
            request.meta["presswatch_fetched_at"] = self.index.latest_date
            return Response(
                request.url, status=404, headers={REPLAY_MISSING_HEADER: "missing"},
                request=request,
            )
        request.meta["presswatch_fetched_at"] = archived.date
        headers: dict[str, list[str]] = {}
        for key, value in archived.headers:
            headers.setdefault(key, []).append(value)
        content_type = (archived.header("Content-Type") or "").lower()
        response_class: type[Response] = Response
        if "html" in content_type:
            response_class = HtmlResponse
        elif content_type.startswith("text/") or "xml" in content_type:
            response_class = TextResponse
        return response_class(
            request.url, status=archived.status, headers=headers, body=archived.body,
            request=request,
        )


class RobotsTxtMiddleware(BaseRobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, mended so that robots.txt is obeyed under concurrency.

    In Scrapy 2.19, requests that arrive while a site's robots.txt is still downloading wait
    on one shared Deferred; awaiting it hands the parser to the first waiter only and None
    (= "allow everything") to the rest, so pages that robots.txt forbids are fetched (seen
    here on a loopback site; the upstream refactor to `async def` notes the path is untested).
    Once the download is done the parser sits in `_parsers`, so a waiter that got None looks
    there before concluding there is no robots.txt.
    """

    async def robot_parser(self, request: Any) -> Any:
        parser = await super().robot_parser(request)
        if parser is None:
            stored = self._parsers.get(urlparse_cached(request).netloc)
            if stored is not None and not isinstance(stored, Deferred):
                return stored
        return parser


class PoliteRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, but waiting first: Retry-After when the server sends it, else back-off.

    Scrapy retries at once; a publisher answering 429 or 503 has asked for time. The wait is
    awaited here, so only this request waits; the rest of the crawl goes on.
    """

    def __init__(self, settings: Any):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("PRESSWATCH_RETRY_BACKOFF_BASE", 2.0)
        self.retry_after_max = settings.getfloat("PRESSWATCH_RETRY_AFTER_MAX", 600.0)

    async def process_response(self, request: Any, response: Response) -> Any:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        attempt = int(request.meta.get("retry_times", 0))
        await asyncio.sleep(self.wait_seconds(response, attempt))
        return retry

    def wait_seconds(self, response: Response, attempt: int) -> float:
        header = response.headers.get("Retry-After")
        told = retry_after_seconds(header.decode("latin-1") if header else None)
        wait = told if told is not None else self.backoff_base * (2**attempt)
        return max(0.0, min(wait, self.retry_after_max))


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment is None:
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))
