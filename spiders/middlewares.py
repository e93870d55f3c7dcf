"""Downloader middlewares.

ArchiveReplayMiddleware answers requests from WARC archives instead of the network, so the
same spiders, redirects and item pipeline run offline: the URLs recorded are the real ones, and
nothing is fetched from the web. A URL missing from the archive gets a 404 marked as such, so
it is recorded as a failure instead of silently vanishing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as BaseRobotsTxtMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from spiders.archive import ArchiveIndex

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
        return cls([Path(path) for path in archives])

    def process_request(self, request: Any) -> Response:
        archived = self.index.get(request.url)
        request.meta["presswatch_origin"] = self.origin
        if archived is None:
            # "Not captured as of this archive": dated by the archive, so replays are repeatable.
            request.meta["presswatch_fetched_at"] = self.index.latest_date
            return Response(
                request.url, status=404, headers={REPLAY_MISSING_HEADER: "missing"},
                request=request,
            )
        request.meta["presswatch_fetched_at"] = archived.date
        headers = {}
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
