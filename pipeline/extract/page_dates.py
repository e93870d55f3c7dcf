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
from functools import cache
from itertools import chain

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString

from .boilerplate import class_tokens
from .bylines import is_elsewhere
from .dates import is_date_line, parse_date
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
MAX_STAMP_CHARACTERS = 60
MAX_STAMPS = 6
_CLOCK = re.compile(r"\d[:.]\d\d")
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
) -> tuple[list[str], list[str]]:
    """Every way the story's own header or metadata writes a date, as (all, printed): <time>
    attributes and text and dateline texts; `printed` keeps only what readers see (no
    datetime attributes, which CMSs often write as UTC without saying so)."""
    found: list[str] = []
    printed: list[str] = []
    for tag in soup.find_all("time") if times is None else times:
        if not is_elsewhere(tag):
            shown = tag.get_text(" ")
            for value in (tag.get("datetime"), shown):
                if isinstance(value, str) and value.strip():
                    found.append(clean_inline_text(value))
            text = clean_inline_text(shown)
            if text:
                printed.append(text)
    datelines = [text for _, text in _dateline_elements(index)]
    return [*found, *datelines][:MAX_RENDERINGS], [*printed, *datelines][:MAX_RENDERINGS]


def printed_stamps(soup: BeautifulSoup) -> Iterator[str]:
    """Short texts that are nothing but a date with a clock ("Dec 19, 2023 3:57 AM"), in page
    order: the byline's stamp as readers see it, whatever (often generated) class its element
    has. Stamps labelled as updates and stamps of other stories are left out."""
    found = 0
    for string in soup.descendants:
        if not isinstance(string, NavigableString) or isinstance(string, Comment):
            continue
        # Cheap tests first: this walks every string of pages whose stamp has no class.
        if len(string) > 2 * MAX_STAMP_CHARACTERS or not _CLOCK.search(string):
            continue
        parent = string.parent
        if not isinstance(parent, Tag) or parent.name in ("script", "style", "title"):
            continue
        text = clean_inline_text(str(string))
        if len(text) > MAX_STAMP_CHARACTERS or _UPDATE_LABEL.search(text):
            continue
        if not is_date_line(text) or is_elsewhere(parent):
            continue
        yield text
        found += 1
        if found >= MAX_STAMPS:
            return


def _minute(value: datetime) -> datetime:
    return value.replace(second=0, microsecond=0)


def localise(
    value: date | None, renderings: Iterable[str | None], printed: Iterable[str] = ()
) -> date | None:
    """`value` in the page's own time zone, when the page writes the same moment with one.

    A rendering counts when it is the same instant with a non-zero offset, or the same wall
    clock as a naive `value` with an offset, or (for a UTC `value`) a wall clock without zone
    that differs from it by a whole number of quarter hours within the offsets in use: the
    publisher's clock. `printed` are the texts readers see, read after `renderings`.

    A `value` with a non-zero offset keeps it: the page gave its zone, and a zoneless printed
    clock that reads otherwise (often the rendering server's UTC) names none.
    """
    if not isinstance(value, datetime):
        return value
    offset = value.utcoffset()
    if offset not in (None, timedelta(0)):
        return value  # already in a zone of its own
    for raw in chain(renderings, printed):
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
            zone = _clock_offset(value, seen)
            if zone:
                return value.astimezone(timezone(zone))
    return value


def _clock_offset(value: datetime, clock: datetime) -> timedelta | None:
    """The offset at which the aware `value` reads as the naive `clock`, when that is one in
    use on Earth (a whole number of quarter hours); None for another moment."""
    offset = value.utcoffset()
    assert offset is not None
    zone = offset + (_minute(clock) - _minute(value.replace(tzinfo=None)))
    low, high = _OFFSET_RANGE
    if low <= zone <= high and not zone % _OFFSET_STEP:
        return zone
    return None


def localise_dates(
    values: tuple[date | None, date | None],
    soup: BeautifulSoup,
    index: PageIndex,
    times: list[Tag] | None = None,
) -> tuple[date | None, date | None]:
    """`localise` for the publication and update times, with the page's renderings read once;
    the walk for classless printed stamps is done only when a time needs it."""
    renderings, printed = date_renderings(soup, index, times)

    @cache
    def stamps() -> tuple[str, ...]:
        return tuple(printed_stamps(soup))

    def reader_texts() -> Iterator[str]:
        yield from printed
        yield from stamps()

    first, second = values
    return localise(first, renderings, reader_texts()), localise(second, renderings, reader_texts())
