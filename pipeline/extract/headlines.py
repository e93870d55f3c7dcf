"""Headline and dek: which of the page's titles is the article's, and the standfirst under it."""

from __future__ import annotations

import html
import itertools
import re

from bs4 import Tag

from .boilerplate import class_tokens
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


# "[Watch]", "(video)", "(PHOTOS)": a label for the media on the page, not headline words.
_MEDIA_LABEL = re.compile(
    r"\s*[\[(](?:watch|video|videos|photos?|pictures|gallery|listen|podcast|audio)[\])]\s*$",
    re.IGNORECASE,
)
HEADLINE_MIN_WORDS = 3


def tidy_title(raw: str) -> str:
    """Entities left escaped by the CMS ("&#8217;" in JSON-LD) decoded, media labels dropped."""
    text = clean_inline_text(html.unescape(raw) if "&" in raw else raw)
    return _MEDIA_LABEL.sub("", text) or text


def _is_headline_like(heading: str, site_names: set[str]) -> bool:
    """An <h1> that reads as a headline: a few words, and not the outlet's name (a logo)."""
    words = heading.split()
    return len(words) >= HEADLINE_MIN_WORDS and heading.casefold() not in site_names


def choose_title(
    candidates: list[tuple[str, str | None]],
    heading: str | None,
    site_names: tuple[str | None, ...] = (),
) -> tuple[str | None, str | None]:
    """(title, signal): the headline as the page prints it in its <h1>, else the first
    metadata title.

    Metadata titles are what the publisher tells search engines and social sites, often
    rewritten for them ("What Netflix's Data Dump Reveals…" over a printed "Inside the Netflix
    Data Trove…"); a reader, and a citation, uses the printed one. An <h1> that is a logo (the
    outlet's name, a word or two) does not count; an <h1> that prints a section kicker before
    a metadata title ("Opinion What I'll…") gives way to that title.
    """
    names = {name.casefold() for name in site_names if name}
    titles = [
        (source, tidy_title(title))
        for source, title in candidates
        if title and tidy_title(title) and tidy_title(title).casefold() not in names
    ]
    if heading:
        heading = tidy_title(heading)
        folded = heading.casefold()
        prefix = heading[:40].casefold()
        if not titles or any(
            t.casefold().startswith(prefix) or folded in t.casefold() for _, t in titles
        ):
            return heading, "h1"
        for source, title in titles:
            if folded.endswith(title.casefold()) and len(title) >= 0.6 * len(heading):
                return title, source
        if _is_headline_like(heading, names):
            return heading, "h1"
    return (titles[0][1], titles[0][0]) if titles else (None, None)


# Class words of the standfirst (dek) printed under the headline.
_DEK_CLASS_WORDS = frozenset(
    {"dek", "deck", "standfirst", "subtitle", "subheadline", "subhead", "strapline"}
)


def _is_logo(heading: Tag) -> bool:
    """An <h1> around the outlet's logo: an image, or a link to the site's front page."""
    if heading.find("img") is not None:
        return True
    return any(
        str(link.get("href") or "").rstrip("/") in ("", "#")
        or re.fullmatch(r"https?://[^/]+/?", str(link.get("href") or "")) is not None
        for link in heading.find_all("a", href=True)
    )


def headline_element(index: PageIndex) -> Tag | None:
    """The first <h1> of the story's <article>, else of the page, unless it is the logo."""
    article = index.first("article")
    candidates: list[Tag | None] = []
    if article is not None:
        candidates.append(
            next((h1 for h1 in index.all("h1") if any(p is article for p in h1.parents)), None)
        )
    candidates.append(index.first("h1"))
    for heading in candidates:
        if isinstance(heading, Tag) and not _is_logo(heading):
            if clean_inline_text(heading.get_text(" ")):
                return heading
    return None


# How far after the headline a dek may start, in elements and strings: a header block holds
# the headline, the dek, a byline and a picture, not a page's worth of markup.
DEK_WINDOW = 300


def _is_dek(tag: Tag, tokens: tuple[str, ...]) -> str | None:
    if tag.name not in ("p", "h2", "div", "span"):
        return None
    pairs = set(itertools.pairwise(tokens))
    if (
        any(t in _DEK_CLASS_WORDS for t in tokens)
        or ("sub", "headline") in pairs
        or ("sub", "title") in pairs
    ):
        text = clean_inline_text(tag.get_text(" "))
        if 20 <= len(text) <= 400:
            return text
    return None


def visible_dek(index: PageIndex, headline: Tag | None = None) -> str | None:
    """The standfirst printed under the headline.

    With the headline known, only an element just after it counts: the first "subtitle" of a
    page is often a newsletter box's or the site's tagline, printed above the story or
    beside it, and not this story's dek."""
    if headline is None:
        for tag, tokens in index.classed:
            if text := _is_dek(tag, tokens):
                return text
        return None
    for element in itertools.islice(headline.next_elements, DEK_WINDOW):
        if isinstance(element, Tag) and element.get("class"):
            if text := _is_dek(element, class_tokens(list(element["class"]))):
                return text
    return None


def subtitle(
    index: PageIndex,
    declared: list[tuple[str, str | None]],
    headline: Tag | None = None,
) -> tuple[str | None, str | None]:
    """(dek, signal): printed under the headline, else the first description the publisher
    declares (`declared`: (signal, value) pairs, strongest first)."""
    visible = visible_dek(index, headline)
    if visible:
        return visible, "dek-element"
    for source, value in declared:
        if value and clean_inline_text(value):
            return clean_inline_text(value), source
    return None, None
