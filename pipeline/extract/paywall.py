"""Is the article behind a paywall? What the publisher declares, then what the markup shows.

A researcher comparing coverage needs to know whether the text we hold is the whole story or
the teaser a paywall let through; `paywall` is True, False (declared free), or None (no signal).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from bs4 import Tag

# Class/id words of the boxes paywalls put over or after a truncated story.
PAYWALL_CLASS_WORDS = frozenset({"paywall", "regwall", "meter", "metered", "premium", "piano"})
PAYWALL_CLASS_BIGRAMS = frozenset(
    {("subscriber", "only"), ("subscribers", "only"), ("locked", "content"), ("premium", "content")}
)
LOCKED_TIERS = frozenset({"locked", "metered", "premium", "subscriber", "paid"})


def _declared_free(article: dict[str, Any]) -> bool | None:
    value = article.get("isAccessibleForFree")
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def _paywall_element(classed: Sequence[tuple[Tag, tuple[str, ...]]]) -> bool:
    for _, tokens in classed:
        if any(token in PAYWALL_CLASS_WORDS for token in tokens):
            return True
        if any(pair in PAYWALL_CLASS_BIGRAMS for pair in itertools.pairwise(tokens)):
            return True
    return False


def detect_paywall(
    classed: Sequence[tuple[Tag, tuple[str, ...]]],
    article: dict[str, Any],
    meta: dict[str, list[str]],
) -> tuple[bool | None, str | None]:
    """(paywalled, signal): JSON-LD isAccessibleForFree, then the content-tier meta tag, then a
    paywall box among the page's classed elements (`classed`: element and class words, as
    collected before furniture removal takes the box away)."""
    free = _declared_free(article)
    if free is not None:
        return (not free), "json-ld"
    for key in ("article:content_tier", "og:article:content_tier"):
        for value in meta.get(key, []):
            tier = value.strip().lower()
            return (tier in LOCKED_TIERS), "meta"
    if _paywall_element(classed):
        return True, "markup"
    return None, None
