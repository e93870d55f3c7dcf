"""Article metadata from a parsed page: title, authors, dates, language, outlet, keywords.

Sources are tried from the most deliberate to the most incidental: schema.org JSON-LD (what the
publisher tells search engines), then <meta> tags (OpenGraph, Dublin Core, vendor tags),
microdata, <time> elements, the URL, and finally the visible byline. Each value records no more
certainty than its source has: a date read from the URL is a day, never a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from presswatch.common.urls import date_from_url

from .agencies import agency_name, split_people_and_agencies
from .authors import normalize_authors
from .bylines import (
    headline_byline,
    printed_bylines,
    profile_link_names,
    reconcile_with_printed,
)
from .dates import parse_date
from .headlines import choose_title, headline_element, strip_site_suffix
from .headlines import subtitle as headline_dek
from .json_ld import json_ld_nodes, ld_names, text_values, type_names
from .page_dates import (
    labelled_date,
    localise_dates,
    time_element_date,
    visible_dateline,
)
from .page_index import PageIndex, index_page
from .paywall import detect_paywall
from .text import clean_inline_text

# fmt: off
ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle",
        "satiricalarticle", "report", "liveblogposting", "techarticle", "scholarlyarticle",
        "socialmediaposting", "discussionforumposting", "posting",
    }
)
# fmt: on
# fmt: off
PUBLISHED_META_KEYS = (
    "article:published_time", "og:article:published_time", "article:published", "published_time",
    "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
    "publication_date", "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued",
    "dc.date.created", "dcterms.created", "dc.date", "dcterms.date", "citation_publication_date",
    "citation_date", "article.published", "originalpublicationdate", "rnews:datepublished",
    "cxenseparse:recs:publishtime", "pdate", "displaydate", "date",
)
# fmt: on
# fmt: off
MODIFIED_META_KEYS = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
    "dc.date.modified", "dcterms.modified", "last-modified", "lastmod", "article.updated",
)
# fmt: on
# fmt: off
AUTHOR_META_KEYS = (
    "author", "article:author", "og:article:author", "byl", "parsely-author", "sailthru.author",
    "dc.creator", "dcterms.creator", "citation_author", "twitter:creator:name",
)
# fmt: on
KEYWORD_META_KEYS = ("news_keywords", "keywords", "article:tag", "og:article:tag", "parsely-tags")
SECTION_META_KEYS = (
    "article:section",
    "og:article:section",
    "parsely-section",
    "section",
    "category",
)
MAX_KEYWORDS = 30


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None
    description: str | None
    authors: tuple[str, ...]
    published: date | None  # a datetime when the source had a time of day
    modified: date | None
    date_source: str | None
    language: str | None
    site_name: str | None
    section: str | None
    keywords: tuple[str, ...]
    declared_canonical: str | None
    page_type: str | None
    json_ld_body: str | None
    subtitle: str | None = None
    agencies: tuple[str, ...] = ()  # wire services named where authors go
    paywalled: bool | None = None
    # Which signal gave each field: "json-ld", "meta", "microdata", "h1", "title-tag", …
    provenance: dict[str, str] = field(default_factory=dict)


def _meta_values(index: PageIndex) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for tag in index.all("meta"):
        content = tag.get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = tag.get(attribute)
            if isinstance(key, str) and key.strip():
                values.setdefault(key.strip().lower(), []).append(content.strip())
    return values


def _first(meta: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key][0]
    return None


def _microdata(index: PageIndex, prop: str) -> str | None:
    tag = index.itemprops.get(prop.lower())
    if not isinstance(tag, Tag):
        return None
    for attribute in ("content", "datetime"):
        if isinstance(tag.get(attribute), str):
            return str(tag[attribute])
    inner_name = tag.find(itemprop="name")
    return clean_inline_text((inner_name or tag).get_text(" ")) or None


def _language(
    soup: BeautifulSoup, meta: dict[str, list[str]], article: dict[str, Any]
) -> tuple[str | None, str | None]:
    html = soup.find("html")
    candidates = [
        ("html-lang", html.get("lang") if isinstance(html, Tag) else None),
        ("meta", _first(meta, ("content-language", "dc.language", "language"))),
        ("json-ld", article.get("inLanguage")),
        ("meta", _first(meta, ("og:locale",))),
    ]
    for source, value in candidates:
        if isinstance(value, str) and re.match(r"^[A-Za-z]{2,3}(?:[-_]|$)", value.strip()):
            return re.split(r"[-_]", value.strip())[0].lower(), source
    return None, None


def canonical_source(link: object, declared: str | None) -> str | None:
    if isinstance(link, Tag):
        return "link-canonical"
    return "og:url" if declared else None


def _agencies_named(raw_names: list[str]) -> list[str]:
    """Agencies among author values: whole values ("Reuters") or byline parts ("Jane Roe, AP")."""
    agencies: list[str] = []
    for raw in raw_names:
        for part in re.split(r"\s*(?:,|;|\||&|/|\band\b|\s[-–—]\s)\s*", clean_inline_text(raw)):
            part = re.sub(r"^by\s+", "", part, flags=re.IGNORECASE)
            agency = agency_name(part)
            if agency and agency not in agencies:
                agencies.append(agency)
    return agencies


def _dated(
    candidates: list[tuple[str, Callable[[], str | None]]], now: datetime | None
) -> tuple[date | None, str | None]:
    """The first source's date; a bare day is completed by a later source's time on that day.

    Sources are read lazily, strongest first: most pages give a full time in JSON-LD or a meta
    tag, and then the page-wide searches for printed dates are never run."""
    first: tuple[str, date] | None = None
    for source, read in candidates:
        value = parse_date(read(), now=now)
        if value is None:
            continue
        if first is None:
            if isinstance(value, datetime):
                return value, source
            first = (source, value)
        elif isinstance(value, datetime) and value.date() == first[1]:
            return value, source
    return (first[1], first[0]) if first else (None, None)


def read_page_metadata(
    soup: BeautifulSoup, *, url: str, now: datetime | None = None
) -> PageMetadata:
    index = index_page(soup)
    meta = _meta_values(index)
    nodes = list(json_ld_nodes(index))
    nodes_by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    article = next((node for node in nodes if type_names(node) & ARTICLE_TYPES), {})

    site_name = _first(meta, ("og:site_name", "application-name", "twitter:site:name"))
    publisher_names = ld_names(article.get("publisher"), nodes_by_id)
    site_name_source = "meta" if site_name else ("json-ld" if publisher_names else None)
    site_name = (
        clean_inline_text(site_name or (publisher_names[0] if publisher_names else "")) or None
    )
    host = urlsplit(url).netloc.lower().removeprefix("www.")

    headline = headline_element(index)
    heading = clean_inline_text(headline.get_text(" ")) if headline is not None else None
    title_tag = index.first("title")
    raw_titles = [
        *(("json-ld", value) for value in text_values(article.get("headline"))),
        ("meta", _first(meta, ("og:title", "twitter:title", "headline", "dc.title"))),
        ("microdata", _microdata(index, "headline")),
        ("title-tag", title_tag.get_text(" ") if isinstance(title_tag, Tag) else None),
    ]
    title, title_source = choose_title(
        [
            (source, strip_site_suffix(clean_inline_text(t), site_name, host))
            for source, t in raw_titles
            if t
        ],
        heading or None,
        (site_name, *publisher_names, host),
    )

    printed = printed_bylines(index)
    author_sources = [
        ("json-ld", ld_names(article.get("author"), nodes_by_id)
         + ld_names(article.get("creator"), nodes_by_id)),
        ("meta", [value for key in AUTHOR_META_KEYS for value in meta.get(key, [])]),
        ("microdata", [value for value in [_microdata(index, "author")] if value]),
        ("byline", printed),
        # Outside any byline markup, a link to an author's profile page names the author.
        ("author-link", profile_link_names(index)),
        # Else a plain "by …" left loose in the headline's block, with no markup of its own.
        ("headline-byline", headline_byline(headline)),
    ]  # fmt: skip
    excluded = [site_name, *publisher_names]
    authors: tuple[str, ...] = ()
    agencies: list[str] = []
    provenance: dict[str, str] = {}
    for source, raw_names in author_sources:
        found_agencies = _agencies_named(raw_names)
        people, _ = split_people_and_agencies(normalize_authors(raw_names, exclude=excluded))
        authors = tuple(people)
        if found_agencies and not agencies:
            agencies, provenance["agency"] = found_agencies, source
        if authors:
            provenance["authors"] = source
            break
    if provenance.get("authors") in ("json-ld", "meta", "microdata"):
        shown, _ = split_people_and_agencies(normalize_authors(printed, exclude=excluded))
        if not shown:
            shown, _ = split_people_and_agencies(
                normalize_authors(profile_link_names(index), exclude=excluded)
            )
        authors, from_byline = reconcile_with_printed(authors, shown)
        if from_byline:
            provenance["authors"] += "+byline"

    times = index.all("time")
    published, date_source = _dated(
        [
            ("json-ld", lambda: next(iter(text_values(article.get("datePublished"))), None)),
            ("meta", lambda: _first(meta, PUBLISHED_META_KEYS)),
            ("microdata", lambda: _microdata(index, "datePublished")),
            ("time-element", lambda: time_element_date(soup, times=times)),
            ("dateline", lambda: visible_dateline(index)),
            ("labelled", lambda: labelled_date(soup)),
        ],
        now,
    )
    if published is None and (url_day := date_from_url(url)):
        published, date_source = url_day, "url"
    modified, modified_source = _dated(
        [
            ("json-ld", lambda: next(iter(text_values(article.get("dateModified"))), None)),
            ("meta", lambda: _first(meta, MODIFIED_META_KEYS)),
            ("microdata", lambda: _microdata(index, "dateModified")),
            ("time-element", lambda: time_element_date(soup, modified=True, times=times)),
        ],
        now,
    )
    published, modified = localise_dates((published, modified), soup, index, times)

    keywords: list[str] = []
    for raw in [
        *(v for key in KEYWORD_META_KEYS for v in meta.get(key, [])),
        *text_values(article.get("keywords")),
    ]:
        for keyword in raw.split(","):
            keyword = clean_inline_text(keyword)
            if keyword and keyword.casefold() not in {k.casefold() for k in keywords}:
                keywords.append(keyword)
    sections = text_values(article.get("articleSection"))
    section_source = "json-ld" if sections else None
    if not sections and _first(meta, SECTION_META_KEYS):
        sections, section_source = [_first(meta, SECTION_META_KEYS) or ""], "meta"
    sections = sections or [""]
    canonical_link = next(
        (
            link
            for link in index.all("link")
            if "canonical" in [str(rel).lower() for rel in link.get("rel") or []]
            and link.has_attr("href")
        ),
        None,
    )
    declared_types = sorted(type_names(article) & ARTICLE_TYPES)
    description = _first(
        meta, ("og:description", "description", "twitter:description", "dc.description")
    )
    json_ld_body = next(iter(text_values(article.get("articleBody"))), None)
    paywalled, paywall_source = detect_paywall(index.classed, article, meta)
    subtitle, subtitle_source = headline_dek(
        index,
        [
            ("json-ld", next(iter(text_values(article.get("description"))), None)),
            ("meta", _first(meta, ("og:description", "description", "twitter:description"))),
        ],
        headline,
    )
    language, language_source = _language(soup, meta, article)
    declared_canonical = (
        str(canonical_link["href"])
        if isinstance(canonical_link, Tag)
        else _first(meta, ("og:url",))
    )
    provenance.update(
        (name, signal)
        for name, signal in (
            ("title", title_source),
            ("subtitle", subtitle_source),
            ("published", date_source),
            ("modified", modified_source),
            ("publisher", site_name_source),
            ("section", section_source),
            ("language", language_source),
            ("canonical_url", canonical_source(canonical_link, declared_canonical)),
            ("paywall", paywall_source),
        )
        if signal
    )

    return PageMetadata(
        title=title,
        description=clean_inline_text(description) if description else None,
        authors=authors,
        published=published,
        modified=modified,
        date_source=date_source,
        language=language,
        site_name=site_name,
        section=clean_inline_text(sections[0]) or None,
        keywords=tuple(keywords[:MAX_KEYWORDS]),
        declared_canonical=declared_canonical,
        page_type=declared_types[0] if declared_types else _first(meta, ("og:type",)),
        json_ld_body=json_ld_body,
        subtitle=subtitle,
        agencies=tuple(agencies),
        paywalled=paywalled,
        provenance=provenance,
    )
