"""The presswatch spider: seeds, feeds, sitemaps and same-site links, one fetch row per URL.

Every source family goes through it: news sites (seeds, feeds, news sitemaps), personal blogs
and newsletters (their feeds), press rooms (their feeds or index pages, followed one level), and
archived social-media threads given as seed URLs. What to fetch comes from the crawl job's
frontier (pipeline/crawl/frontier.py); what a response names is queued when it is new to the job, on
the allowed domains, and within the depth limit. Pages the dataset did not name itself are
scored for relevance; off-topic ones are recorded as skipped with the reason. Failures of any
kind (HTTP errors, timeouts, redirect loops, refused addresses, oversize bodies) are items too.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import scrapy
from lxml import html as lxml_html
from presswatch.crawl.context import CrawlContext
from presswatch.crawl.discovery import (
    page_links,
    page_title_and_text,
    parse_feed,
    parse_sitemap,
    same_site,
)
from presswatch.crawl.fetched import FetchedPage
from presswatch.crawl.frontier import url_key
from presswatch.crawl.relevance import score_page
from presswatch.spiders.addresses import GuardedResolver
from presswatch.spiders.middlewares import REPLAY_MISSING_HEADER
from scrapy import signals
from scrapy.http import Response
from twisted.python.failure import Failure

HTML_TYPES = ("text/html", "application/xhtml+xml")
# More replacement characters than this share of the text means the bytes were not text in the
# encoding the page declared (or the one guessed): the page is recorded as undecodable.
UNDECODABLE_SHARE = 0.01


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class DiscoverySpider(scrapy.Spider):
    name = "presswatch"

    def __init__(
        self,
        context: CrawlContext,
        terms: list[str],
        threshold: float,
        max_depth: int,
        domains: list[str],
        archive_keys: set[str] | None = None,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.context = context  # the item pipeline takes it from here when it opens
        self.job = context.job
        self.terms = terms
        self.threshold = threshold
        self.max_depth = max_depth
        self.domains = domains
        # When replaying, only what the archive captured can be answered: links to anything
        # else are not followed (a seed missing from it is still recorded as missing).
        self.archive_keys = archive_keys

    async def start(self) -> AsyncIterator[scrapy.Request]:
        backlog = self.settings.getint("PRESSWATCH_START_BACKLOG", 500)
        for row in self.job.queue:
            # Scrapy reads start() on whenever it cannot download more right now, so every
            # queued URL became a Request in the scheduler's memory (~0.8 KiB each: 80 MiB for a
            # 100,000-URL job). Past PRESSWATCH_START_BACKLOG waiting there, the rest stays in
            # the database until the scheduler runs dry; a few hundred keep the downloader fed.
            while self._waiting_in_memory() >= backlog:
                await self.crawler.signals.wait_for(signals.scheduler_empty)
            yield self._request(row)

    def _waiting_in_memory(self) -> int:
        # Requests in Scrapy's memory queues; a shared crawl's Redis queue is not counted here
        # (nor held in this process), so its start requests go out as fast as ever.
        stats = self.crawler.stats
        return int(stats.get_value("scheduler/enqueued/memory", 0)) - int(stats.get_value("scheduler/dequeued/memory", 0))

    def closed(self, reason: str) -> None:
        self.job.close()

    def _request(self, row: dict[str, Any]) -> scrapy.Request:
        meta = {
            "presswatch_url": row["url"], "presswatch_kind": row["kind"],
            "presswatch_depth": row["depth"], "presswatch_from": row["discovered_from"],
            "presswatch_given": bool(row["given"]), "presswatch_listed": row.get("listed_date"),
        }
        headers = {}
        previous = self.job.previous(row["url"])
        if previous:
            # What the answer is compared with (_change): the URL's last good body.
            meta["presswatch_previous_sha256"] = previous["sha256"]
            # Conditional GET: an unchanged page costs the publisher a 304 and us nothing.
            if previous.get("etag"):
                headers["If-None-Match"] = previous["etag"]
            if previous.get("last_modified"):
                headers["If-Modified-Since"] = previous["last_modified"]
        # dont_filter: the frontier already de-duplicates by canonical URL, and a request
        # Scrapy filtered would leave no fetch row behind.
        return scrapy.Request(
            row["url"], callback=self.parse, errback=self.failed, dont_filter=True,
            meta=meta, headers=headers,
        )

    def parse(self, response: Response) -> Any:
        try:
            page = self._judge(response)
        except Exception as exc:
            self.logger.exception("reading %s failed", response.url)
            page = self._page(response)
            page.error = f"could not read the response: {type(exc).__name__}: {exc}"
            page.outcome, page.discovered = "failed", []
        children = (self._request(new) for new in page.discovered)
        if self.settings.getbool("PRESSWATCH_SHARED_FRONTIER"):
            # A shared (Redis) crawl strikes a page from its worker's in-flight ledger once the
            # page is recorded; the URLs it names must be in the shared queue by then, or a
            # worker killed in between takes them with it (a sitemap's hundreds of URLs go to
            # Redis one by one, while the downloads go on). Scrapy queues a request the moment
            # it comes out of the callback, so the children go out first, then the page.
            yield from children
            yield page
            return
        # One process: the page's row is committed with the URLs it adds (the job's frontier),
        # which only then are requested; a killed crawl resumes them from the table.
        yield page
        yield from children

    def _judge(self, response: Response) -> FetchedPage:
        """The fetched page with its outcome, relevance and the URLs it adds to the job."""
        meta = response.meta
        page = self._page(response)
        if response.headers.get(REPLAY_MISSING_HEADER):
            page.error = "not in the replayed archive: crawl with --live to fetch it"
            page.status, page.headers, page.body = None, [], b""
            page.outcome = "failed"
        elif response.status == 304:
            page.outcome = "unchanged"
            # The page is as it was, so what it named last time is still what it names.
            page.discovered = self._queue_children(response.url, meta)
        elif response.status >= 400:
            retries = int(meta.get("retry_times", 0))
            page.error = f"HTTP {response.status}" + (f" after {retries} retries" if retries else "")
            page.outcome = "failed"
        elif response.status >= 300:
            page.error = f"HTTP {response.status} redirect without a usable Location"
            page.outcome = "failed"
        else:
            self._read(response, page)
        if page.outcome is None:
            page.outcome = self._change(page, meta)
        return page

    def _page(self, response: Response) -> FetchedPage:
        meta = response.meta
        request = response.request
        return FetchedPage(
            url=meta["presswatch_url"],
            fetched_at=meta.get("presswatch_fetched_at") or _utc_now(),
            origin=meta.get("presswatch_origin", "live"),
            final_url=response.url,
            status=response.status,
            headers=_header_pairs(response.headers),
            body=response.body,
            redirects=list(meta.get("redirect_urls", [])),
            kind=meta["presswatch_kind"], depth=meta["presswatch_depth"],
            discovered_from=meta["presswatch_from"], published=meta.get("presswatch_listed"),
            request_headers=_header_pairs(request.headers) if request is not None else [],
        )

    def _read(self, response: Response, page: FetchedPage) -> None:
        """Feeds and sitemaps give URLs; HTML pages give links and a relevance score."""
        meta = response.meta
        depth = meta["presswatch_depth"]
        if page.kind in ("feed", "sitemap"):
            entries = parse_feed(response.body, response.url) if page.kind == "feed" else parse_sitemap(response.body, response.url)
            if not entries:
                page.error = f"no entries found in this {page.kind} (not RSS/Atom or a sitemap?)"
                page.outcome = "failed"
            page.discovered = self._queue(
                [(e.url, e.kind, depth, e.published) for e in entries], response.url,
            )
            return
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1").split(";")[0].strip().lower()
        if content_type and content_type not in HTML_TYPES:
            # Kept as fetched (the process stage records why it yields no article); nothing to
            # score or follow in an image or a PDF.
            page.relevance_reason = f"not scored: not an HTML page (Content-Type: {content_type})"
            return
        text = getattr(response, "text", None)
        if text is None:
            text = response.body.decode("utf-8", errors="replace")
        if text and text.count("\ufffd") > UNDECODABLE_SHARE * len(text):
            encoding = getattr(response, "encoding", "utf-8")
            page.error = f"undecodable: the bytes are not text in {encoding} (declared or guessed)"
            page.outcome = "failed"
            return
        try:
            document = lxml_html.document_fromstring(text)
        except (ValueError, lxml_html.etree.ParserError) as exc:
            page.error = f"unparseable HTML: {exc}"
            page.outcome = "failed"
            return
        if depth < self.max_depth:
            links = [u for u in page_links(document, response.url) if same_site(u, [_host(response.url)])]
            page.discovered = self._queue([(u, "page", depth + 1, None) for u in links], response.url)
        title, body = page_title_and_text(document)
        relevance = score_page(title, body, self.terms, self.threshold)
        page.relevance_score, page.relevance_reason = relevance.score, relevance.reason
        if not relevance.kept:
            if meta["presswatch_given"]:
                page.relevance_reason = f"kept (given as a seed); {relevance.reason}"
            else:
                page.outcome = "skipped"

    def _queue(self, candidates: list[tuple[str, str, int, str | None]], parent: str) -> list[dict[str, Any]]:
        """Frontier rows for the candidates new to this job, on allowed domains, in the archive."""
        wanted: dict[str, tuple[str, int, str | None]] = {}
        for url, kind, depth, listed in candidates:
            key = url_key(url)
            if key in wanted or not same_site(url, self.domains):
                continue
            if self.archive_keys is not None and key not in self.archive_keys:
                continue
            wanted[key] = (kind, depth, listed)
        # One indexed query for the page's candidates (the job's keys are not held in memory).
        rows = []
        for key in self.job.unknown(list(wanted)):
            kind, depth, listed = wanted[key]
            # Tracking parameters are dropped from what is requested, not just from the key.
            rows.append({
                "url": key, "url_key": key, "kind": kind, "depth": depth,
                "discovered_from": parent, "listed_date": listed, "given": 0,
            })
        return rows

    def _queue_children(self, url: str, meta: dict[str, Any]) -> list[dict[str, Any]]:
        depth = meta["presswatch_depth"] + (1 if meta["presswatch_kind"] == "page" else 0)
        if meta["presswatch_kind"] == "page" and depth > self.max_depth:
            return []
        children = self.job.children(meta["presswatch_url"]) or self.job.children(url)
        return self._queue([(child, kind, depth, None) for child, kind in children], meta["presswatch_url"])

    def _change(self, page: FetchedPage, meta: dict[str, Any]) -> str:
        if "presswatch_previous_sha256" not in meta:
            return "new"
        import hashlib

        same = meta["presswatch_previous_sha256"] == hashlib.sha256(page.body).hexdigest()
        return "unchanged" if same else "changed"

    def failed(self, failure: Failure) -> FetchedPage:
        request = failure.request  # type: ignore[attr-defined]
        meta = request.meta
        return FetchedPage(
            url=meta.get("presswatch_url", request.url),
            fetched_at=_utc_now(),
            origin=meta.get("presswatch_origin", "live"),
            final_url=request.url,
            redirects=list(meta.get("redirect_urls", [])),
            error=failure_reason(failure, request),
            kind=meta.get("presswatch_kind", "page"), depth=meta.get("presswatch_depth", 0),
            discovered_from=meta.get("presswatch_from"), published=meta.get("presswatch_listed"),
            request_headers=_header_pairs(request.headers),
            outcome="failed",
        )


def failure_reason(failure: Failure, request: Any) -> str:
    """A reason a researcher can act on, for a request that got no usable response."""
    message = failure.getErrorMessage()
    name = failure.type.__name__ if failure.type else "Error"
    if name == "AddressRefused":
        return message
    refused = GuardedResolver.refusals.get(_host(request.url))
    if refused and ("DNS" in name or "Resolve" in name):
        return refused
    if "robots.txt" in message.lower():
        return "refused by robots.txt"
    if "max redirections" in message.lower() or "redirect" in message.lower() and name == "IgnoreRequest":
        chain = list(request.meta.get("redirect_urls", []))
        looped = len(set(chain)) < len(chain) or request.url in chain
        kind = "redirect loop" if looped else "too many redirects"
        return f"{kind} after {len(chain)} redirects ({message})"
    if "max size" in message.lower() or "maxsize" in message.lower() or "larger than download" in message.lower():
        return f"oversize: {message}"
    if "Timeout" in name or "timed out" in message.lower() or "took longer than" in message.lower():
        retries = int(request.meta.get("retry_times", 0))
        return f"timeout: {message}" + (f" (after {retries} retries)" if retries else "")
    return f"{name}: {message}"


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").lower()


def _header_pairs(headers: Any) -> list[tuple[str, str]]:
    pairs = []
    for key, values in headers.items():
        for value in values:
            pairs.append((key.decode("latin-1"), value.decode("latin-1")))
    return pairs

