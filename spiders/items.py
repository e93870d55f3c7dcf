"""What the fetch stage hands on: one FetchedPage per requested URL, success or failure."""

from __future__ import annotations

from dataclasses import dataclass, field


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
