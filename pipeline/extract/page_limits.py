"""Keeping hostile pages within what the extractor can walk: size and nesting depth.

A page can be 50 MB (inline images and app state), or nest thousands of elements (broken
templates, or a deliberate trap); both must give an article or a recorded error, never a crash
or a stall that stops a crawl of many outlets.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag
from bs4.element import CData, NavigableString, PageElement

# Elements whose text stays one paragraph when a too-deep subtree is rebuilt flat.
_BLOCK_NAMES = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "dt"}
)
_SKIPPED = frozenset({"script", "style", "template", "noscript"})

# Scripts, styles and inline data: URIs are what makes real pages huge; none is reading text.
_BULK_WITHOUT_TEXT = re.compile(
    r"<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<svg\b[^>]*>.*?</svg\s*>"
    r"|data:[a-z]+/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=\s]+",
    re.IGNORECASE | re.DOTALL,
)
_LD_JSON_SCRIPT = re.compile(r"""<script[^>]+ld\+json""", re.IGNORECASE)
# Pages larger than this are slimmed first; what is still larger is cut at this length. The
# longest real article pages, scripts removed, are well under a megabyte of markup.
MAX_MARKUP_CHARACTERS = 5_000_000
# Deeper elements are unwrapped (their content kept, the element dropped): text survives, and
# every later walk of the tree stays far from Python's recursion limit.
MAX_ELEMENT_DEPTH = 200


def _drop_bulk(match: re.Match[str]) -> str:
    # JSON-LD holds the metadata; keep it unless it is itself the bulk.
    text = match.group(0)
    if _LD_JSON_SCRIPT.match(text) and len(text) < 1_000_000:
        return text
    return ""


def shrink_oversized(markup: str) -> tuple[str, list[str]]:
    """`markup` small enough to parse quickly, and warnings saying what was cut."""
    if len(markup) <= MAX_MARKUP_CHARACTERS:
        return markup, []
    warnings = [f"page of {len(markup):,} characters: scripts, styles and inline data removed"]
    slim = _BULK_WITHOUT_TEXT.sub(_drop_bulk, markup)
    if len(slim) > MAX_MARKUP_CHARACTERS:
        slim = slim[:MAX_MARKUP_CHARACTERS]
        warnings.append(
            f"page still over {MAX_MARKUP_CHARACTERS:,} characters: the rest was not read"
        )
    return slim, warnings


def _flat_blocks(tag: Tag) -> list[tuple[str, str]]:
    """(block tag name, text) for the text under `tag`, grouped by its nearest block element;
    an explicit stack, never recursion."""
    groups: list[tuple[str, list[str]]] = []
    group_ids: list[int] = []
    pending: list[tuple[PageElement, str, int]] = [
        (child, "p", id(tag)) for child in reversed(tag.contents)
    ]
    while pending:
        node, block_name, block_id = pending.pop()
        if isinstance(node, Tag):
            if node.name in _SKIPPED:
                continue
            if node.name in _BLOCK_NAMES:
                block_name, block_id = node.name, id(node)
            pending.extend((child, block_name, block_id) for child in reversed(node.contents))
        elif isinstance(node, NavigableString) and type(node) in (NavigableString, CData):
            if not group_ids or group_ids[-1] != block_id:
                groups.append((block_name, []))
                group_ids.append(block_id)
            groups[-1][1].append(str(node))
    return [(name, "".join(pieces)) for name, pieces in groups if "".join(pieces).strip()]


def flatten_deep_nesting(soup: BeautifulSoup, max_depth: int = MAX_ELEMENT_DEPTH) -> int:
    """Rebuild every element at `max_depth` that has deeper descendants as a flat list of its
    text blocks; returns how many subtrees were rebuilt.

    Iterative on purpose: the recursive walks that would find them are what deep pages break
    (and bs4's own unwrap is quadratic on a deep chain).
    """
    boundary: list[Tag] = []
    pending: list[tuple[Tag, int]] = [(soup, 0)]
    while pending:
        tag, depth = pending.pop()
        for child in tag.contents:
            if not isinstance(child, Tag):
                continue
            if depth + 1 == max_depth:
                if any(isinstance(inner, Tag) and inner.find(True) for inner in child.contents):
                    boundary.append(child)
            else:
                pending.append((child, depth + 1))
    for tag in boundary:
        blocks = _flat_blocks(tag)
        tag.clear(decompose=True)
        for name, text in blocks:
            block = soup.new_tag(name)
            block.string = text
            tag.append(block)
    return len(boundary)
