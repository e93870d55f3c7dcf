"""One pass over a parsed page collecting what several metadata readers look up.

bs4's find/find_all walk the whole tree on every call; the metadata readers ask for classed
elements and itemprops a dozen times per page. Built once, before furniture removal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag

from .boilerplate import class_tokens

# Profile pages that CMSs link bylines to: /author/jane-roe, /authors/…, /staff/…, /people/….
_AUTHOR_PAGE = re.compile(
    r"/(?:author|authors|staff|people|journalists?|reporters?|writers?|by)/(?:\d+/)?[\w.-]+/?$"
)


@dataclass
class PageIndex:
    classed: list[tuple[Tag, tuple[str, ...]]] = field(default_factory=list)  # document order
    itemprops: dict[str, Tag] = field(default_factory=dict)  # first element per itemprop
    rel_author: list[Tag] = field(default_factory=list)
    author_links: list[Tag] = field(default_factory=list)  # <a href=".../author/jane-roe">
    # Elements of the names in INDEXED_NAMES, in document order.
    by_name: dict[str, list[Tag]] = field(default_factory=dict)

    def all(self, name: str) -> list[Tag]:
        return self.by_name.get(name, [])

    def first(self, name: str) -> Tag | None:
        found = self.by_name.get(name)
        return found[0] if found else None


# What the metadata readers look up by tag name (each a whole-tree find_all otherwise).
INDEXED_NAMES = frozenset({"article", "h1", "html", "link", "meta", "script", "time", "title"})


def index_page(soup: BeautifulSoup) -> PageIndex:
    index = PageIndex()
    # A plain walk: bs4's find_all(True) costs more for the same tags.
    for tag in soup.descendants:
        if not isinstance(tag, Tag):
            continue
        if tag.name in INDEXED_NAMES:
            index.by_name.setdefault(tag.name, []).append(tag)
        classes = tag.get("class")
        if classes:
            index.classed.append((tag, class_tokens(list(classes))))
        itemprop = tag.get("itemprop")
        if isinstance(itemprop, str):
            for name in itemprop.lower().split():
                index.itemprops.setdefault(name, tag)
        if tag.name == "a" and _AUTHOR_PAGE.search(str(tag.get("href") or "")):
            index.author_links.append(tag)
        rel = tag.get("rel")
        if rel and "author" in [value.lower() for value in rel]:
            index.rel_author.append(tag)
    return index
