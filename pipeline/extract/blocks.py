"""Reading blocks of an HTML subtree, in document order.

A block is what a reader sees as one paragraph: a <p>, a heading, a list item, or a line of
loose text and inline elements inside a <div> or <td> (older pages lay out a story with <br>
only). Each block remembers the element that holds it, which is what scoring climbs from, and
how much of its text is link text, which tells teasers from prose.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bs4 import Tag
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Script,
    Stylesheet,
    TemplateString,
)

from .embeds import PLACEHOLDER_INDEX_ATTRIBUTE, PLACEHOLDER_TAG
from .model import ParagraphKind
from .text import clean_inline_text

# fmt: off
INLINE_TAGS = frozenset(
    {
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del",
        "dfn", "em", "font", "i", "ins", "kbd", "label", "mark", "q", "s", "samp", "small",
        "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "nobr",
    }
)
# fmt: on
# fmt: off
LEAF_BLOCK_KINDS: dict[str, ParagraphKind] = {
    "p": "paragraph", "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading",
    "h5": "heading", "h6": "heading", "pre": "preformatted", "li": "list-item", "dd": "paragraph",
    "dt": "paragraph", "figcaption": "paragraph", "address": "paragraph",
    "blockquote": "blockquote", "summary": "paragraph",
}
# fmt: on
_NON_TEXT_STRINGS = (
    Comment,
    Declaration,
    Doctype,
    ProcessingInstruction,
    Script,
    Stylesheet,
    TemplateString,
)
_LINE_BREAK = object()  # a <br>; two in a row end a paragraph


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    kind: ParagraphKind
    container: Tag  # the element holding this block: where scoring starts climbing
    link_characters: int

    @property
    def link_ratio(self) -> float:
        return self.link_characters / len(self.text) if self.text else 0.0


def is_table_datum(block: Block, min_prose_characters: int) -> bool:
    """A short cell of a data table (a figure, a label): data beside the story, not its prose.
    Long cells stay: older pages lay the story out in a table."""
    if len(block.text) >= min_prose_characters:
        return False
    return block.container.name in ("td", "th") or block.container.find_parent("table") is not None


@dataclass(frozen=True, slots=True)
class EmbedMarker:
    index: int
    container: Tag


def _contains_block(tag: Tag) -> bool:
    # A plain walk: bs4's find() with a function costs several times more per element.
    return any(
        isinstance(inner, Tag) and inner.name not in INLINE_TAGS for inner in tag.descendants
    )


def _leads_away(tag: Tag) -> bool:
    """A link to another page. A jump to a place on this one ("#what-is-it", a table of
    contents' target or a heading's own anchor) is no teaser: its text is the story's."""
    if tag.name != "a":
        return False
    href = tag.get("href")
    if not isinstance(href, str):
        return True
    href = href.strip()
    # A bare "#" is a script's button ("Show more"), not a place in the story.
    return not (href.startswith("#") and len(href) > 1)


def _segments(
    nodes: Iterable[PageElement], in_link: bool = False
) -> Iterator[tuple[str, bool] | object]:
    for node in nodes:
        if isinstance(node, NavigableString):
            if not isinstance(node, _NON_TEXT_STRINGS) or isinstance(node, CData):
                yield (str(node), in_link)
        elif isinstance(node, Tag):
            if node.name == "br":
                yield _LINE_BREAK
            else:
                yield from _segments(node.children, in_link or _leads_away(node))


def _blocks_from_inline(
    nodes: Iterable[PageElement], kind: ParagraphKind, container: Tag, breaks_per_paragraph: int
) -> Iterator[Block]:
    pieces: list[list[tuple[str, bool]]] = [[]]
    pending_breaks = 0
    for segment in _segments(nodes):
        if segment is _LINE_BREAK:
            pending_breaks += 1
            pieces[-1].append((" ", False))
            continue
        text, in_link = segment  # type: ignore[misc]
        if not text.strip():
            pieces[-1].append((text, in_link))
            continue
        if pending_breaks >= breaks_per_paragraph and any(t.strip() for t, _ in pieces[-1]):
            pieces.append([])
        pending_breaks = 0
        pieces[-1].append((text, in_link))
    for piece in pieces:
        text = clean_inline_text("".join(t for t, _ in piece))
        if text:
            link_characters = len(clean_inline_text("".join(t for t, linked in piece if linked)))
            yield Block(text=text, kind=kind, container=container, link_characters=link_characters)


def iter_blocks(root: Tag, quoted: bool = False) -> Iterator[Block | EmbedMarker]:
    """Blocks and embed markers under `root`, in the order a reader meets them."""
    run: list[PageElement] = []

    def flush() -> Iterator[Block]:
        if run:
            # Loose text in a <div> or <td> is how pre-CSS pages lay out headline, byline and
            # paragraphs, one per line: every <br> ends a block there.
            kind: ParagraphKind = "blockquote" if quoted else "paragraph"
            yield from _blocks_from_inline(list(run), kind, root, breaks_per_paragraph=1)
            run.clear()

    for child in root.children:
        if not isinstance(child, Tag):
            run.append(child)
            continue
        if child.name == PLACEHOLDER_TAG:
            yield from flush()
            yield EmbedMarker(
                index=int(str(child.get(PLACEHOLDER_INDEX_ATTRIBUTE, "-1"))), container=root
            )
        elif child.name in INLINE_TAGS and not _contains_block(child):
            run.append(child)
        elif child.name in LEAF_BLOCK_KINDS and not _contains_block(child):
            yield from flush()
            kind = (
                "blockquote"
                if quoted or child.name == "blockquote"
                else LEAF_BLOCK_KINDS[child.name]
            )
            # Inside a <p>, one <br> is a line break within the paragraph; two end it.
            yield from _blocks_from_inline(child.children, kind, root, breaks_per_paragraph=2)
        else:
            yield from flush()
            yield from iter_blocks(child, quoted or child.name == "blockquote")
    yield from flush()
