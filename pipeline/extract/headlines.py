"""Headline and dek: which of the page's titles is the article's, and the standfirst under it."""

from __future__ import annotations

import itertools
import re

from .page_index import PageIndex
from .text import clean_inline_text

_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»]\s+")


def strip_site_suffix(title: str, site_name: str | None, host: str) -> str:
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    outlet_keys = {host.split(".")[0]}
    if site_name:
        outlet_keys |= {site_name.casefold(), site_name.casefold().replace(" ", "")}
    for edge in (-1, 0):
        candidate = parts[edge].casefold()
        if candidate in outlet_keys or candidate.replace(" ", "") in outlet_keys:
            kept = parts[:-1] if edge == -1 else parts[1:]
            return " - ".join(kept) if len(kept) > 1 else kept[0]
    return title


def choose_title(
    candidates: list[tuple[str, str | None]], heading: str | None
) -> tuple[str | None, str | None]:
    """(title, signal): the visible headline when it agrees with the metadata (metadata may be
    SEO-rewritten or truncated); otherwise the first metadata title, since an <h1> can be a
    site logo."""
    titles = [
        (source, clean_inline_text(title))
        for source, title in candidates
        if title and clean_inline_text(title)
    ]
    if heading:
        prefix = heading[:40].casefold()
        if not titles or any(
            t.casefold().startswith(prefix) or heading.casefold() in t.casefold()
            for _, t in titles
        ):
            return heading, "h1"
    return (titles[0][1], titles[0][0]) if titles else (None, None)


# Class words of the standfirst (dek) printed under the headline.
_DEK_CLASS_WORDS = frozenset(
    {"dek", "deck", "standfirst", "subtitle", "subheadline", "subhead", "strapline"}
)


def visible_dek(index: PageIndex) -> str | None:
    for tag, tokens in index.classed:
        if tag.name not in ("p", "h2", "div", "span"):
            continue
        pairs = set(itertools.pairwise(tokens))
        if any(t in _DEK_CLASS_WORDS for t in tokens) or ("sub", "headline") in pairs or (
            "sub", "title"
        ) in pairs:
            text = clean_inline_text(tag.get_text(" "))
            if 20 <= len(text) <= 400:
                return text
    return None


def subtitle(
    index: PageIndex, declared: list[tuple[str, str | None]]
) -> tuple[str | None, str | None]:
    """(dek, signal): printed under the headline, else the first description the publisher
    declares (`declared`: (signal, value) pairs, strongest first)."""
    visible = visible_dek(index)
    if visible:
        return visible, "dek-element"
    for source, value in declared:
        if value and clean_inline_text(value):
            return clean_inline_text(value), source
    return None, None
