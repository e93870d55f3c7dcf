"""The relevance filter: is a crawled page about the dataset's topic?

The dataset names its topic twice: `keywords` and the knowledge base's entity names and aliases.
A page scores one point per distinct term found in its body text and two when the term is in
its title (a headline names what a story is about; a sidebar mentions everything). A page that
scores at least the threshold is kept; the others are recorded as skipped, with the score and a
reason a researcher can read ("matched: WhatsApp (title), Messenger") — never silently dropped.
Pages given as seeds are scored too, but always kept: someone chose them by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

TITLE_WEIGHT = 2.0
BODY_WEIGHT = 1.0
DEFAULT_THRESHOLD = 2.0  # a title match, or two distinct terms in the body


@dataclass(frozen=True)
class Relevance:
    score: float
    reason: str
    kept: bool


def topic_terms(config: dict[str, Any]) -> list[str]:
    """Keywords plus every knowledge-base name and alias, without repeats, longest first."""
    terms: dict[str, None] = {}
    for keyword in config.get("keywords", []):
        terms[keyword] = None
    for entity in config.get("knowledge_base", []):
        for name in [entity["name"], *entity.get("aliases", [])]:
            terms[name] = None
    return sorted(terms, key=lambda term: (-len(term), term))


def _pattern(term: str) -> re.Pattern[str]:
    # Whole words only ("Meta" must not match "metadata"); case-insensitive except for short
    # all-capital names (FTC), which as lower-case words mean something else.
    flags = 0 if (term.isupper() and len(term) <= 4) else re.IGNORECASE
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", flags)


def score_page(title: str, body: str, terms: Iterable[str], threshold: float = DEFAULT_THRESHOLD) -> Relevance:
    """Score a page's title and body text against the topic terms."""
    score = 0.0
    matched: list[str] = []
    for term in terms:
        pattern = _pattern(term)
        if title and pattern.search(title):
            score += TITLE_WEIGHT
            matched.append(f"{term} (title)")
        elif body and pattern.search(body):
            score += BODY_WEIGHT
            matched.append(term)
    kept = score >= threshold
    if matched:
        reason = "matched: " + ", ".join(matched)
    else:
        reason = "no topic keyword or known name in the title or text"
    if not kept:
        reason = f"below the relevance threshold {threshold:g}: {reason}"
    return Relevance(score, reason, kept)
