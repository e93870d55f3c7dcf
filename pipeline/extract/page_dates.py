"""Dates as the page prints them: <time> elements, datelines, labelled dates ("Date: …",
"posted on …"), and the page's own time zone.

Structured dates (JSON-LD, meta tags) are often given in UTC ("2023-12-23T03:22:07Z") while the
page prints the same moment in its own zone ("Dec 22, 2023, 10:22 PM EST"). The publication
time keeps the page's zone when the page gives one: the calendar day a reader and the
publisher see is that zone's. Dates of other stories (teaser lists, "related" rails, the
footer) are never this story's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta, timezone

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString

from .boilerplate import class_tokens
from .bylines import is_elsewhere
from .dates import parse_date
from .page_index import PageIndex
from .text import clean_inline_text

_DATELINE_CLASS_WORDS = frozenset({"date", "dateline", "timestamp", "published", "pubdate"})
_UPDATE_CLASS_WORDS = frozenset({"modified", "updated"})
# A label and then the date: "Date: December 13, 2023", "posted on 2023-12-19 23:30 EST".
_DATE_LABEL = re.compile(
    r"\b(?:date|published|posted|first\s+published)(?:\s+on)?\s*:?\s*", re.IGNORECASE
)
_UPDATE_LABEL = re.compile(r"\b(?:updated|modified|edited)\b", re.IGNORECASE)
MAX_LABEL_CHARACTERS = 80
MAX_DATELINE_CHARACTERS = 120
MAX_RENDERINGS = 40
# Offsets in use on Earth; a difference outside them is no time zone.
_OFFSET_RANGE = (timedelta(hours=-12), timedelta(hours=14))
_OFFSET_STEP = timedelta(minutes=15)


def _story_scope(soup: BeautifulSoup) -> Tag | BeautifulSoup:
    article = soup.find("article")
    return article if isinstance(article, Tag) else soup


def time_element_date(
    soup: BeautifulSoup, *, modified: bool = False, times: list[Tag] | None = None
) -> str | None:
    """The first <time> of the story (not of a teaser) marked, or not marked, as an update.

    `times` are the page's <time> elements when the caller has already found them."""
    times = soup.find_all("time") if times is None else times
    story = _story_scope(soup)
    in_story = [tag for tag in times if any(parent is story for parent in tag.parents)]
    for scoped in [times] if story is soup else [in_story, times]:
        for tag in scoped:
            tokens = class_tokens(tag.get("class") or [])
            if bool(_UPDATE_CLASS_WORDS & set(tokens)) != modified or is_elsewhere(tag):
                continue
            value = tag.get("datetime") or tag.get_text(" ")
            if isinstance(value, str) and value.strip() and parse_date(value) is not None:
                return value
    return None


def visible_dateline(index: PageIndex) -> str | None:
    """Text of the first short element whose class says it shows the date ("print-date")."""
    for _tag, text in _dateline_elements(index):
        if not _UPDATE_LABEL.match(text):
            return text
    return None


def _dateline_elements(index: PageIndex) -> Iterator[tuple[Tag, str]]:
    for tag, tokens in index.classed:
        if tag.name not in ("div", "span", "p", "time", "li"):
            continue
        if not _DATELINE_CLASS_WORDS & set(tokens) or is_elsewhere(tag):
            continue
        text = clean_inline_text(tag.get_text(" "))
        if 6 <= len(text) <= MAX_DATELINE_CHARACTERS:
            yield tag, text


def labelled_date(soup: BeautifulSoup) -> str | None:
    """A date printed after a label, in the same line or the next element ("Date:" in a <dt>,
    the date in the <dd>); never one labelled as an update."""
    # A plain walk over the strings: bs4's find_all(string=…) costs several times more.
    for string in soup.descendants:
        if not isinstance(string, NavigableString) or isinstance(string, Comment):
            continue
        if not isinstance(string.parent, Tag) or not _DATE_LABEL.search(string):
            continue
        if string.parent.name in ("script", "style", "title") or is_elsewhere(string.parent):
            continue
        text = clean_inline_text(str(string))
        match = _DATE_LABEL.search(text)
        if match is None or len(text) > MAX_LABEL_CHARACTERS or _UPDATE_LABEL.search(text):
            continue
        rest = text[match.end() :]
        if not rest:
            following = string.find_next(string=lambda s: bool(str(s).strip()))
            rest = clean_inline_text(str(following or ""))[:MAX_LABEL_CHARACTERS]
        if parse_date(rest) is not None:
            return rest
    return None


def date_renderings(
    soup: BeautifulSoup, index: PageIndex, times: list[Tag] | None = None
) -> list[str]:
    """Every way the story's own header or metadata writes a date: <time> attributes and text,
    dateline texts. Candidates for the page's time zone."""
    found: list[str] = []
    for tag in soup.find_all("time") if times is None else times:
        if not is_elsewhere(tag):
            for value in (tag.get("datetime"), tag.get_text(" ")):
                if isinstance(value, str) and value.strip():
                    found.append(clean_inline_text(value))
    found.extend(text for _, text in _dateline_elements(index))
    return found[:MAX_RENDERINGS]


def _minute(value: datetime) -> datetime:
    return value.replace(second=0, microsecond=0)


def localise(value: date | None, renderings: Iterable[str | None]) -> date | None:
    """`value` in the page's own time zone, when the page writes the same moment with one.

    A rendering counts when it is the same instant with a non-zero offset, or the same wall
    clock as a naive `value` with an offset, or (for a UTC `value`) a wall clock without zone
    that differs from it by a whole number of quarter hours within the offsets in use: the
    publisher's clock.
    """
    if not isinstance(value, datetime):
        return value
    offset = value.utcoffset()
    if offset not in (None, timedelta(0)):
        return value  # already in a zone of its own
    for raw in renderings:
        seen = parse_date(raw) if raw else None
        if not isinstance(seen, datetime):
            continue
        seen_offset = seen.utcoffset()
        if seen_offset not in (None, timedelta(0)):
            assert seen.tzinfo is not None
            if offset is None and _minute(seen.replace(tzinfo=None)) == _minute(value):
                return value.replace(tzinfo=seen.tzinfo)
            instant = value if offset is not None else value.replace(tzinfo=timezone.utc)
            if _minute(seen) == _minute(instant):
                return instant.astimezone(seen.tzinfo)
        elif seen_offset is None and offset is not None:
            difference = _minute(seen) - _minute(value.replace(tzinfo=None))
            low, high = _OFFSET_RANGE
            if difference and low <= difference <= high and not difference % _OFFSET_STEP:
                return value.astimezone(timezone(difference))
    return value
