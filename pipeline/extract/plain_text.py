"""Plain-text article (a saved copy, a wire story, the dataset's seed file) → Article.

Text copied from a news page keeps the page's furniture as lines of their own: "Story continues
below advertisement", video teasers ("Click to play video: 'Title'" followed by the title
again), "READ MORE:" links. The same paragraph filter as for HTML removes them.
"""

from __future__ import annotations

import re
from datetime import date

from presswatch.common.urls import canonicalize_url, date_from_url

from .cleanup import ParagraphFilter
from .extractor import NO_ARTICLE, SHORT_BODY_WORDS
from .model import Article, assemble_paragraphs
from .text import clean_inline_text, word_count

# A text is hard-wrapped (an e-mail, a newsletter) when most lines stop near one width.
HARD_WRAP_MIN_LINES = 5
HARD_WRAP_SHARE = 0.7
HARD_WRAP_MIN_WIDTH, HARD_WRAP_MAX_WIDTH = 50, 90


def _is_hard_wrapped(lines: list[str]) -> bool:
    filled = [line for line in lines if line.strip()]
    if len(filled) < HARD_WRAP_MIN_LINES:
        return False
    near_width = sum(HARD_WRAP_MIN_WIDTH <= len(line) <= HARD_WRAP_MAX_WIDTH for line in filled)
    return (
        near_width / len(filled) >= HARD_WRAP_SHARE
        and max(map(len, filled)) <= HARD_WRAP_MAX_WIDTH + 10
    )


def split_paragraphs(text: str) -> list[str]:
    """One paragraph per line, or per blank-line-separated chunk when lines are hard-wrapped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if _is_hard_wrapped(lines):
        chunks = re.split(r"\n\s*\n", "\n".join(lines))
        return [clean_inline_text(chunk) for chunk in chunks if chunk.strip()]
    return [clean_inline_text(line) for line in lines if line.strip()]


def article_from_plain_text(
    text: str,
    url: str | None = None,
    *,
    source: str | None = None,
    title: str | None = None,
    published: date | None = None,
) -> Article:
    """Build an Article from plain text. Without `title`, the first line is the headline.

    `published` (a date or date-time known to the caller) wins over a date in the URL.
    """
    paragraphs = split_paragraphs(text)
    if title is None and paragraphs:
        title, paragraphs = paragraphs[0], paragraphs[1:]

    paragraph_filter = ParagraphFilter(title)
    for paragraph in paragraphs:
        paragraph_filter.offer(paragraph, "paragraph")
    body, body_paragraphs = assemble_paragraphs(paragraph_filter.finish())

    url_day = date_from_url(url) if url else None
    day = published or url_day
    warnings: list[str] = []
    if body_paragraphs and word_count(body) < SHORT_BODY_WORDS:
        warnings.append(f"short body: under {SHORT_BODY_WORDS} words (not an article page?)")
    return Article(
        source=source if source is not None else url,
        url=url,
        title=title,
        authors=[],
        published=day.isoformat() if day else None,
        publisher=None,
        canonical_url=canonicalize_url(url) if url else None,
        language=None,
        body=body,
        paragraphs=body_paragraphs,
        error=None if body_paragraphs else NO_ARTICLE,
        date_source="caller" if published else ("url" if url_day else None),
        body_source="plain-text" if body_paragraphs else "none",
        warnings=warnings,
    )
