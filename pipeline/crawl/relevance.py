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
from functools import lru_cache
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
    flags = 0 if _case_sensitive(term) else re.IGNORECASE
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", flags)


def _case_sensitive(term: str) -> bool:
    return term.isupper() and len(term) <= 4


def _case_classes() -> dict[int, str]:
    """Lower-case characters the regex engine treats as equal (ſ/s, ς/σ, K/k…) → one of them."""
    try:
        from re import _casefix  # the engine's own table (CPython 3.11+)
    except ImportError:  # pragma: no cover - another Python: no pre-test, every regex runs
        return {}
    return {
        lower: chr(min(lower, *others))
        for lower, others in _casefix._EXTRA_CASES.items()
        if min(lower, *others) != lower
    }


_CASE_CLASSES = _case_classes()
_PREFILTER = bool(_CASE_CLASSES)


def _fold(text: str) -> str:
    """Text folded the way a case-insensitive regex compares characters, one for one.

    str.lower() maps characters as the regex engine does, except İ (two characters for
    str.lower(), "i" for the engine) and the pairs the engine adds (ſ/s…), both mended here; so
    a case-insensitive match of a term is always a substring of the folded text.
    """
    return text.replace("\u0130", "i").lower().translate(_CASE_CLASSES)


@lru_cache(maxsize=4096)
def _matcher(term: str) -> tuple[re.Pattern[str], str, bool]:
    """The term's pattern, its form to look for before
    running it, and whether that form is folded."""
    sensitive = _case_sensitive(term)
    return _pattern(term), term if sensitive else _fold(term), not sensitive


def score_page(
    title: str, body: str, terms: Iterable[str], threshold: float = DEFAULT_THRESHOLD
) -> Relevance:
    """Score a page's title and body text against the topic terms."""
    score = 0.0
    matched: list[str] = []
    # Most terms are absent from most pages, and the whole-word regex scans the whole text to
    # say so: a plain substring test first (a match is impossible without one) skips them.
    folded_title, folded_body = _fold(title), _fold(body)
    for term in terms:
        pattern, needle, folded = _matcher(term)
        if (
            title
            and (not _PREFILTER or needle in (folded_title if folded else title))
            and pattern.search(title)
        ):
            score += TITLE_WEIGHT
            matched.append(f"{term} (title)")
        elif (
            body
            and (not _PREFILTER or needle in (folded_body if folded else body))
            and pattern.search(body)
        ):
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
