"""Opening paragraphs printed just before the story's main wrapper, beside it in one parent.

Some CMSs print the first paragraph or two straight into the story section and the rest in a
wrapper (a paywall's "premium" box, a "read more" fold). The wrapper wins the scoring and holds
so much of the prose that the climb in content.py does not leave it, and the story loses its
opening. The parent is taken instead when all it adds is paragraphs before the wrapper: no
prose after it (a rail, "related" links) and nothing else with prose before it.
"""

from __future__ import annotations

from collections.abc import Sequence

from bs4 import NavigableString, Tag

# Characters of text the parent may hold after the wrapper (a share line, a tag list) or in
# non-paragraph elements before it (an embed's placeholder, a caption), which the paragraph
# filter then judges like any other line.
MAX_OTHER_CHARACTERS = 200


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
OPENING_MIN_CHARACTERS = 60
_SENTENCE_END = ".!?\"'”’)…"


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _is_opening_paragraph(text: str) -> bool:
    """Reporting, not a summary line or a label: long enough, and ending as a sentence does."""
    return len(text) >= OPENING_MIN_CHARACTERS and text[-1] in _SENTENCE_END


def with_lead_in(
    root: Tag,
    prose: dict[int, int],
    body: Tag,
    declared_story: Tag | None,
    guarded_furniture: Sequence[Tag],
) -> Tag:
    """`root`'s parent when what the parent adds is opening paragraphs before `root`.

    `prose` is the substantial prose under each element (by id). Never the page's body, and
    never outside the story's declared element (<article>) around `root`."""
    parent = root.parent
    if parent is None or parent is body or parent.name in ("body", "html", "[document]"):
        return root
    if declared_story is not None and not _inside(parent, declared_story):
        return root
    # A <p>'s prose is counted on the element holding it (blocks.py): the parent's own prose
    # is what its paragraphs hold, beyond what its child elements hold.
    children = [child for child in parent.children if isinstance(child, Tag)]
    if any(prose.get(id(child), 0) for child in children if child is not root):
        return root  # prose in another wrapper beside the chosen one
    if prose.get(id(parent), 0) <= prose.get(id(root), 0):
        return root
    other = 0
    seen_root = False
    for child in parent.children:
        if child is root:
            seen_root = True
        elif not isinstance(child, Tag):
            # Loose text after the wrapper; comments and doctype-like strings are no text.
            if seen_root and type(child) is NavigableString:
                other += len(child.strip())
        elif child.name == "p" and (text := _text(child)):
            if seen_root or not _is_opening_paragraph(text):
                return root  # a note under the story, or a summary line above it
        elif child.name in _HEADINGS:
            return root  # the parent is the header block around the headline
        else:
            other += len(_text(child))
    if other > MAX_OTHER_CHARACTERS:
        return root
    for furniture in guarded_furniture:
        if furniture is not root and _inside(furniture, parent) and not _inside(root, furniture):
            return root
    return parent


def _inside(tag: Tag, ancestor: Tag) -> bool:
    return tag is ancestor or any(parent is ancestor for parent in tag.parents)
