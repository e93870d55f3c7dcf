"""What the fetch stage hands on: one FetchedPage per requested URL, success or failure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FetchedPage:
    url: str  # the URL that was requested (a seed, or a link)
    fetched_at: str  # ISO 8601 UTC; for a replayed page, the date the archive recorded
    origin: str  # "live" or "replay:<archive file name>"
    final_url: str | None = None  # after redirects
    status: int | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    redirects: list[str] = field(default_factory=list)
    error: str | None = None  # why nothing usable came back, if so
    kind: str = "page"  # page, feed or sitemap: what the URL was fetched as
    depth: int = 0  # link hops from a given seed, feed or sitemap
    discovered_from: str | None = None  # the page, feed or sitemap that named this URL
    request_headers: list[tuple[str, str]] = field(default_factory=list)  # as sent
    outcome: str | None = None  # new, changed, unchanged, failed, skipped
    relevance_score: float | None = None
    relevance_reason: str | None = None
    # Frontier rows for the URLs this page, feed or sitemap named that the crawl queued.
    discovered: list[dict[str, Any]] = field(default_factory=list)
    published: str | None = None  # a date a feed or news sitemap gave for the URL
