"""Bylines → author names.

Pages state authors in many shapes: "By Jane Doe and John Roe", "Jane Doe, Global News",
a profile URL in article:author, "JANE DOE | Staff Writer". These functions keep the names and
drop roles, outlets, dates, handles and addresses.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .text import clean_inline_text

MAX_WORDS_IN_NAME = 5
_BYLINE_PREFIX = re.compile(
    r"^(?:(?:written|posted|story|words|reported|compiled|opinion|analysis|text|photos?)\s+)?by\b[:\s]*",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:,|;|\||&|\+|/|\band\b|\bund\b|\bet\b)\s*", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+\.\S+")
_HANDLE = re.compile(r"@\w+")
_URL = re.compile(r"^(?:https?:)?//|^www\.|^/")
# A part that is a role, a desk or a time stamp is not a person's name.
# fmt: off
_ROLE_WORDS = frozenset(
    {
        "reporter", "correspondent", "editor", "writer", "staff", "contributor", "columnist",
        "producer", "journalist", "news", "desk", "team", "bureau", "updated", "published",
        "posted", "contributing", "senior", "chief", "associate", "freelance", "photographer",
        "am", "pm", "ago", "minutes", "hours", "read", "follow", "email", "twitter", "more",
        "reporters", "correspondents", "editors", "writers", "contributors", "columnists",
        "producers", "journalists", "photographers",
    }
)
# fmt: on
_DIGIT = re.compile(r"\d")
# Time stamps glued to a byline: "Jane Doe Updated January 26, 2019", "Alex Smith on Jan 3".
_TRAILING_STAMP = re.compile(
    r"\s+(?:(?:last\s+)?(?:updated|published|posted|modified)\b.*"
    r"|(?:on|at)?\s*[:|]?\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d.*"
    r"|(?:on|at)?\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.*)$",
    re.IGNORECASE,
)


# Days and months: what is left of a date stamp split on its commas ("Tue., Jan. 29, 2019").
# fmt: off
_CALENDAR_WORDS = frozenset(
    {
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february",
        "march", "april", "june", "july", "august", "september", "october", "november",
        "december", "today", "yesterday",
    }
)
# fmt: on


# Degrees and licences printed after a name: "Jane Roe MS, RDN, LD", "John Roe, PhD".
# fmt: off
_CREDENTIALS = frozenset(
    {
        "md", "phd", "ph.d", "ms", "msc", "ma", "mba", "mph", "rn", "rd", "rdn", "ld", "ldn",
        "cdn", "cdces", "do", "dds", "dvm", "jd", "np", "cpt", "cscs", "facs", "facp", "mfa",
    }
)
# fmt: on
# Left behind by a time stamp removed from a byline: "Jane Roe on", "Jane Roe updated".
_DANGLING_WORDS = frozenset({"on", "at", "updated", "published", "posted"})


def _without_credentials(part: str) -> str:
    words = part.split()
    while len(words) > 1 and (
        words[-1].lower().strip(".,") in _CREDENTIALS or words[-1] in _DANGLING_WORDS
    ):
        words.pop()
    return " ".join(words)


def _looks_like_name(part: str) -> bool:
    words = part.split()
    if not words or len(words) > MAX_WORDS_IN_NAME or _DIGIT.search(part):
        return False
    if all(word.lower().strip(".,") in _CALENDAR_WORDS for word in words):
        return False
    if any(word.lower().strip(".:") in _ROLE_WORDS for word in words):
        return False
    # Names start with a capital; a lower-case fragment is left-over prose ("with files from").
    return words[0][0].isupper()


def _tidy_case(name: str) -> str:
    return name.title() if name.isupper() and len(name) > 3 else name


def split_byline(raw: str) -> list[str]:
    """Candidate names in one byline string, in order."""
    text = clean_inline_text(html.unescape(raw) if "&" in raw else raw)
    if not text or _URL.match(text):
        return []
    text = _EMAIL.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    text = _BYLINE_PREFIX.sub("", text)
    text = _TRAILING_STAMP.sub("", text)
    # "Jane Doe - Staff Writer", "Jane Doe – Reuters": the dash introduces a role or outlet.
    text = re.split(r"\s+[-–—]\s+", text, maxsplit=1)[0]
    parts = (
        _without_credentials(_BYLINE_PREFIX.sub("", part).strip(" .:-–—·•"))
        for part in _SEPARATORS.split(text)
    )
    return [
        _tidy_case(part)
        for part in parts
        if part and part.lower().strip(".") not in _CREDENTIALS and _looks_like_name(part)
    ]


def normalize_authors(
    raw_values: Iterable[str], *, exclude: Iterable[str | None] = ()
) -> tuple[str, ...]:
    """Distinct author names from all byline strings, keeping first-seen order.

    `exclude` holds names that are not authors on this page, typically the outlet's own name
    ("Jane Doe, Global News").
    """
    excluded = {clean_inline_text(name).casefold() for name in exclude if name}
    seen: set[str] = set()
    names: list[str] = []
    for raw in raw_values:
        for name in split_byline(raw):
            key = name.casefold()
            if key in excluded or key in seen:
                continue
            seen.add(key)
            names.append(name)
    return tuple(names)


# Lower-case words that occur inside personal names.
_NAME_PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "del",
        "della",
        "der",
        "den",
        "da",
        "di",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "dos",
        "das",
        "ter",
        "ten",
    }
)


def looks_like_byline(text: str) -> bool:
    """True for a line such as "By Jane Doe and John Roe,
    Global News" (not "By Friday, Facebook said")."""
    cleaned = clean_inline_text(text)
    if not _BYLINE_PREFIX.match(cleaned):
        return False
    rest = _TRAILING_STAMP.sub("", _BYLINE_PREFIX.sub("", cleaned))
    parts = [part for part in _SEPARATORS.split(rest) if part.strip()]
    if not parts:
        return False
    for part in parts:
        words = part.strip(" .:-–—").split()
        if not words or len(words) > MAX_WORDS_IN_NAME + 1:
            return False
        if any(not (word[0].isupper() or word in _NAME_PARTICLES) for word in words):
            return False
    return True
