"""The seed spider: fetch a list of article URLs, one page each, and hand every outcome on.

Used for the offline default (the fixture archive's seed list) and for the `seeds:` of the
dataset's sources in live crawls. Failures (DNS, timeouts, refused connections) are items too,
so the run records them instead of only logging them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from spiders.items import FetchedPage
from spiders.middlewares import REPLAY_MISSING_HEADER


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class SeedSpider(scrapy.Spider):
    name = "seeds"

    def __init__(self, seeds: list[str] | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.seeds = list(seeds or [])

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.seeds:
            # dont_filter: a seed that redirects to a page already fetched must still get its
            # own fetch row, not vanish in the duplicate filter.
            yield scrapy.Request(
                url, callback=self.parse, errback=self.failed, dont_filter=True,
                meta={"presswatch_seed": url},
            )

    def parse(self, response: Response) -> FetchedPage:
        request = response.request
        meta = response.meta
        redirects = list(meta.get("redirect_urls", []))
        page = FetchedPage(
            url=meta.get("presswatch_seed", redirects[0] if redirects else response.url),
            fetched_at=meta.get("presswatch_fetched_at") or _utc_now(),
            origin=meta.get("presswatch_origin", "live"),
            final_url=response.url,
            status=response.status,
            headers=_header_pairs(response),
            body=response.body,
            redirects=redirects,
        )
        if response.headers.get(REPLAY_MISSING_HEADER):
            page.error = "not in the replayed archive: crawl with --live to fetch it"
            page.status, page.headers, page.body = None, [], b""
        elif response.status >= 400:
            page.error = f"HTTP {response.status}"
        assert request is not None
        return page

    def failed(self, failure: Failure) -> FetchedPage:
        request = failure.request  # type: ignore[attr-defined]
        return FetchedPage(
            url=request.meta.get("presswatch_seed", request.url),
            fetched_at=_utc_now(),
            origin=request.meta.get("presswatch_origin", "live"),
            final_url=request.url,
            error=f"{failure.type.__name__}: {failure.getErrorMessage()}",
        )


def _header_pairs(response: Response) -> list[tuple[str, str]]:
    pairs = []
    for key, values in response.headers.items():
        for value in values:
            pairs.append((key.decode("latin-1"), value.decode("latin-1")))
    return pairs
