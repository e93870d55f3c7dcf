"""The last resort for a publication date: htmldate's search of the whole page.

Used only when no structured signal (JSON-LD, meta tags, microdata, <time>, the URL) gave a
date: htmldate reads visible datelines, copyright lines and other cues, and is slower (it
parses the page again) and less certain, so the result is a day, never a time, and its
provenance says "htmldate".
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

EARLIEST_DATE = "1995-01-01"


def htmldate_published(markup: str, url: str | None, now: datetime | None) -> str | None:
    """An ISO day found by htmldate, or None (also when htmldate itself fails)."""
    try:
        from htmldate import find_date
    except ImportError:  # an install without the optional signal still extracts
        return None
    latest = (now or datetime.now(UTC)).date()
    # htmldate logs every unparsable page as an ERROR; the caller already records outcomes.
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        found = find_date(
            markup,
            url=url,
            original_date=True,
            extensive_search=True,
            outputformat="%Y-%m-%d",
            min_date=EARLIEST_DATE,
            max_date=latest.isoformat(),
        )
    except Exception:  # noqa: BLE001 - a third-party heuristic must not cost us the article
        return None
    if not found:
        return None
    try:
        return date.fromisoformat(found).isoformat()
    except ValueError:
        return None
