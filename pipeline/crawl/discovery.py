"""Discovery helpers: what URLs a feed, a sitemap or a page names. Pure functions over bytes.

Feeds are RSS 2.0 or Atom; sitemaps are sitemap indexes (→ more sitemaps) or URL sets whose
entries may carry a Google News `<news:news>` block with the story's publication date. Markup
is parsed with lxml's recovering parsers with network access and entity expansion off: a feed is
data from the web, not trusted XML.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

_XML_PARSER = etree.XMLParser(
    recover=True, resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
)


@dataclass(frozen=True)
class Entry:
    url: str
    kind: str = "page"  # page or sitemap
    published: str | None = None  # a date the feed or sitemap gives for the entry
    title: str | None = None


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


# A gzip sitemap (sitemap.xml.gz) is unpacked up to this size: enough for the 50,000 URLs a
# sitemap may list, and a bound on a "gzip bomb".
MAX_UNPACKED_BYTES = 64 * 1024 * 1024


def _unpacked(body: bytes) -> bytes:
    if not body.startswith(b"\x1f\x8b"):
        return body
    unpacker = zlib.decompressobj(wbits=31)
    try:
        data = unpacker.decompress(body, MAX_UNPACKED_BYTES)
    except zlib.error:
        return b""
    return b"" if unpacker.unconsumed_tail else data


def _xml_root(body: bytes) -> etree._Element | None:
    body = _unpacked(body)
    try:
        return etree.fromstring(body.lstrip(), _XML_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def parse_feed(body: bytes, base_url: str) -> list[Entry]:
    """Items of an RSS 2.0 or Atom feed: link, publication date, title."""
    root = _xml_root(body)
    if root is None:
        return []
    entries: list[Entry] = []
    for element in root.iter():
        name = _local(element.tag)
        if name == "item":  # RSS
            link = _child_text(element, "link") or _child_text(element, "guid")
            date = _child_text(element, "pubDate") or _child_text(element, "date")
        elif name == "entry":  # Atom
            link = None
            for child in element:
                if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
                    link = child.get("href")
                    break
            date = _child_text(element, "published") or _child_text(element, "updated")
        else:
            continue
        if link and _is_web_url(urljoin(base_url, link)):
            entries.append(
                Entry(urljoin(base_url, link.strip()), "page", date, _child_text(element, "title"))
            )
    return entries


def parse_sitemap(body: bytes, base_url: str) -> list[Entry]:
    """A sitemap index's sitemaps (kind "sitemap") or a URL set's pages with their news dates."""
    root = _xml_root(body)
    if root is None:
        return []
    kind = "sitemap" if _local(root.tag) == "sitemapindex" else "page"
    entries: list[Entry] = []
    for element in root:
        if _local(element.tag) not in ("sitemap", "url"):
            continue
        location = _child_text(element, "loc")
        if not location or not _is_web_url(urljoin(base_url, location)):
            continue
        published, title = None, None
        for child in element:
            if _local(child.tag) == "news":
                published = _child_text(child, "publication_date")
                title = _child_text(child, "title")
        entries.append(
            Entry(
                urljoin(base_url, location),
                kind,
                published or _child_text(element, "lastmod"),
                title,
            )
        )
    return entries


def page_links(document: html.HtmlElement, page_url: str) -> list[str]:
    """Absolute http(s) links of a parsed page, fragment dropped, in document order, once each."""
    links: dict[str, None] = {}
    for anchor in document.iter("a"):
        href = anchor.get("href")
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        url = urljoin(page_url, href.strip()).split("#", 1)[0]
        if _is_web_url(url):
            links[url] = None
    return list(links)


def page_title_and_text(document: html.HtmlElement) -> tuple[str, str]:
    """The page's title and visible text, for relevance scoring (not for the dataset)."""
    title = " ".join((document.findtext(".//title") or "").split())
    for element in document.iter("script", "style", "noscript", "template"):
        element.text = None
    body = document.find("body")
    text = " ".join((body if body is not None else document).text_content().split())
    return title, text


def same_site(url: str, domains: list[str]) -> bool:
    """Whether `url`'s host is one of `domains` or a subdomain of one."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in (d.lower() for d in domains))


_WAYBACK_PATH = re.compile(r"^/(?:web/)?\d{4,14}(?:[a-z]{2}_)?/(https?://.+)$", re.IGNORECASE)


def archived_original(url: str) -> str:
    """The original URL of a Wayback-style capture (…/web/20190126000000/https://…), else `url`.

    Archived social-media threads are given as capture URLs; their source is the site they were
    captured from, not the archive.
    """
    parts = urlsplit(url)
    match = _WAYBACK_PATH.match(parts.path + (f"?{parts.query}" if parts.query else ""))
    return match.group(1) if match else url


def _is_web_url(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")
