"""Article metadata from a parsed page: title, authors, dates, language, outlet, keywords.

Sources are tried from the most deliberate to the most incidental: schema.org JSON-LD (what the
publisher tells search engines), then <meta> tags (OpenGraph, Dublin Core, vendor tags),
microdata, <time> elements, the URL, and finally the visible byline. Each value records no more
certainty than its source has: a date read from the URL is a day, never a time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from .authors import normalize_authors
from .boilerplate import class_tokens
from .dates import parse_date
from .text import clean_inline_text
from .urls import date_from_url

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
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»]\s+")


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


def _meta_values(soup: BeautifulSoup) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
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


def _json_ld_nodes(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.IGNORECASE)):
        try:
            data = json.loads(script.string or script.get_text() or "null", strict=False)
        except (json.JSONDecodeError, RecursionError):
            continue
        pending = [data]
        while pending:
            item = pending.pop(0)
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    pending.extend(graph)
                elif isinstance(graph, dict):
                    pending.append(graph)


def _type_names(node: dict[str, Any]) -> set[str]:
    declared = node.get("@type")
    names = declared if isinstance(declared, list) else [declared]
    # "NewsArticle", "schema:NewsArticle" and "https://schema.org/NewsArticle" all name one type.
    return {re.split(r"[/:#]", name)[-1].lower() for name in names if isinstance(name, str)}


def _names(value: Any, nodes_by_id: dict[str, dict[str, Any]]) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [name for item in value for name in _names(item, nodes_by_id)]
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = nodes_by_id.get(value["@id"], value)
        name = value.get("name")
        if isinstance(name, str):
            return [name]
        if isinstance(name, list):
            return [item for item in name if isinstance(item, str)]
    return []


def _text_values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _microdata(soup: BeautifulSoup, prop: str) -> str | None:
    tag = soup.find(itemprop=prop)
    if not isinstance(tag, Tag):
        return None
    for attribute in ("content", "datetime"):
        if isinstance(tag.get(attribute), str):
            return str(tag[attribute])
    inner_name = tag.find(itemprop="name")
    return clean_inline_text((inner_name or tag).get_text(" ")) or None


def _time_element_date(soup: BeautifulSoup, *, modified: bool = False) -> str | None:
    """The first <time> in the article (or page) marked, or not marked, as an update time."""
    scope = soup.find("article") or soup
    for tag in scope.find_all("time"):
        tokens = class_tokens(tag.get("class") or [])
        if ("modified" in tokens or "updated" in tokens) != modified:
            continue
        value = tag.get("datetime") or tag.get_text(" ")
        if isinstance(value, str) and value.strip():
            return value
    return None


def _byline_texts(soup: BeautifulSoup) -> list[str]:
    found: list[str] = []
    for tag in soup.find_all(rel="author"):
        found.append(tag.get_text(" "))
    for tag in soup.find_all(class_=True):
        tokens = class_tokens(tag.get("class") or [])
        if "byline" in tokens or ("author" in tokens and "name" in tokens):
            found.append(tag.get_text(" "))
        if len(found) >= 3:
            break
    return found


def _strip_site_suffix(title: str, site_name: str | None, host: str) -> str:
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


def _choose_title(candidates: list[str | None], heading: str | None) -> str | None:
    """The visible headline when it agrees with the metadata (metadata may be SEO-rewritten
    or truncated); otherwise the first metadata title, since an <h1> can be a site logo."""
    titles = [
        clean_inline_text(title) for title in candidates if title and clean_inline_text(title)
    ]
    if heading:
        prefix = heading[:40].casefold()
        if not titles or any(
            t.casefold().startswith(prefix) or heading.casefold() in t.casefold() for t in titles
        ):
            return heading
    return titles[0] if titles else None


def _language(
    soup: BeautifulSoup, meta: dict[str, list[str]], article: dict[str, Any]
) -> str | None:
    html = soup.find("html")
    candidates = [
        html.get("lang") if isinstance(html, Tag) else None,
        _first(meta, ("content-language", "dc.language", "language")),
        article.get("inLanguage") if isinstance(article.get("inLanguage"), str) else None,
        _first(meta, ("og:locale",)),
    ]
    for value in candidates:
        if isinstance(value, str) and re.match(r"^[A-Za-z]{2,3}(?:[-_]|$)", value.strip()):
            return re.split(r"[-_]", value.strip())[0].lower()
    return None


def _dated(
    candidates: list[tuple[str, str | None]], now: datetime | None
) -> tuple[date | None, str | None]:
    """The first source's date; a bare day is completed by a later source's time on that day."""
    parsed = [(source, parse_date(raw, now=now)) for source, raw in candidates]
    found = [(source, value) for source, value in parsed if value is not None]
    if not found:
        return None, None
    source, value = found[0]
    if not isinstance(value, datetime):
        for later_source, later in found[1:]:
            if isinstance(later, datetime) and later.date() == value:
                return later, later_source
    return value, source


def read_page_metadata(
    soup: BeautifulSoup, *, url: str, now: datetime | None = None
) -> PageMetadata:
    meta = _meta_values(soup)
    nodes = list(_json_ld_nodes(soup))
    nodes_by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    article = next((node for node in nodes if _type_names(node) & ARTICLE_TYPES), {})

    site_name = _first(meta, ("og:site_name", "application-name", "twitter:site:name"))
    publisher_names = _names(article.get("publisher"), nodes_by_id)
    site_name = (
        clean_inline_text(site_name or (publisher_names[0] if publisher_names else "")) or None
    )
    host = urlsplit(url).netloc.lower().removeprefix("www.")

    first_heading = (soup.find("article") or soup).find("h1")
    heading = (
        clean_inline_text(first_heading.get_text(" ")) if isinstance(first_heading, Tag) else None
    )
    title_tag = soup.find("title")
    raw_titles = [
        *_text_values(article.get("headline")),
        _first(meta, ("og:title", "twitter:title", "headline", "dc.title")),
        _microdata(soup, "headline"),
        title_tag.get_text(" ") if isinstance(title_tag, Tag) else None,
    ]
    title = _choose_title(
        [_strip_site_suffix(clean_inline_text(t), site_name, host) for t in raw_titles if t],
        heading or None,
    )

    author_sources = [
        _names(article.get("author"), nodes_by_id) + _names(article.get("creator"), nodes_by_id),
        [value for key in AUTHOR_META_KEYS for value in meta.get(key, [])],
        [value for value in [_microdata(soup, "author")] if value],
        _byline_texts(soup),
    ]
    excluded = [site_name, *publisher_names]
    authors: tuple[str, ...] = ()
    for raw_names in author_sources:
        authors = normalize_authors(raw_names, exclude=excluded)
        if authors:
            break

    published, date_source = _dated(
        [
            ("json-ld", next(iter(_text_values(article.get("datePublished"))), None)),
            ("meta", _first(meta, PUBLISHED_META_KEYS)),
            ("microdata", _microdata(soup, "datePublished")),
            ("time-element", _time_element_date(soup)),
        ],
        now,
    )
    if published is None and (url_day := date_from_url(url)):
        published, date_source = url_day, "url"
    modified, _ = _dated(
        [
            ("json-ld", next(iter(_text_values(article.get("dateModified"))), None)),
            ("meta", _first(meta, MODIFIED_META_KEYS)),
            ("microdata", _microdata(soup, "dateModified")),
            ("time-element", _time_element_date(soup, modified=True)),
        ],
        now,
    )

    keywords: list[str] = []
    for raw in [
        *(v for key in KEYWORD_META_KEYS for v in meta.get(key, [])),
        *_text_values(article.get("keywords")),
    ]:
        for keyword in raw.split(","):
            keyword = clean_inline_text(keyword)
            if keyword and keyword.casefold() not in {k.casefold() for k in keywords}:
                keywords.append(keyword)
    sections = _text_values(article.get("articleSection")) or [
        _first(meta, SECTION_META_KEYS) or ""
    ]
    canonical_link = soup.find("link", rel="canonical", href=True)
    declared_types = sorted(_type_names(article) & ARTICLE_TYPES)
    description = _first(
        meta, ("og:description", "description", "twitter:description", "dc.description")
    )
    json_ld_body = next(iter(_text_values(article.get("articleBody"))), None)

    return PageMetadata(
        title=title,
        description=clean_inline_text(description) if description else None,
        authors=authors,
        published=published,
        modified=modified,
        date_source=date_source,
        language=_language(soup, meta, article),
        site_name=site_name,
        section=clean_inline_text(sections[0]) or None,
        keywords=tuple(keywords[:MAX_KEYWORDS]),
        declared_canonical=str(canonical_link["href"])
        if isinstance(canonical_link, Tag)
        else _first(meta, ("og:url",)),
        page_type=declared_types[0] if declared_types else _first(meta, ("og:type",)),
        json_ld_body=json_ld_body,
    )
