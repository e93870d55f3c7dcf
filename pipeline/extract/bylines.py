"""The byline as the page prints it: which element holds it, and its text without the parts
that are not names (the outlet, a job title, a hidden duplicate for screen readers, the time
stamp, the contributors credited after the authors).

The printed byline is also a check on the structured authors: JSON-LD often lists everyone who
touched a story ("By Jane Roe, contributions from Sam Lee" declares both as authors) or only the
first of two authors the page prints.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bs4 import NavigableString, Tag
from bs4.element import Comment

from .authors import looks_like_byline
from .boilerplate import class_tokens, style_hides
from .page_index import PageIndex
from .text import clean_inline_text

# Parts of a byline element that are not names.
# fmt: off
_NOISE_CLASS_WORDS = frozenset(
    {
        "publication", "credit", "affiliation", "organization", "organisation", "outlet", "role",
        "job", "position", "bio", "description", "date", "time", "timestamp", "published",
        "updated", "image", "avatar", "photo", "icon", "social", "follow", "visually", "sr",
        "hidden", "tooltip", "type", "prefix",
    }
)
# fmt: on
_NOISE_TAGS = frozenset({"figure", "figcaption", "img", "svg", "script", "style", "time", "button"})
# Where the bylines of other stories are: lists of teasers, menus, the footer.
_ELSEWHERE_TAGS = frozenset({"li", "nav", "footer", "aside"})
_ELSEWHERE_CLASS_WORDS = frozenset(
    {"related", "teaser", "recirculation", "recirc", "promo", "card", "trending", "popular"}
)
_NOT_BYLINE_CLASS_WORDS = frozenset({"date", "time", "read", "timestamp"})
# Credited after the authors, not authors: "By Jane Roe Contributions from Sam Lee".
_CONTRIBUTORS = re.compile(
    r"\b(?:with\s+)?(?:contributions?\s+(?:from|by)|additional\s+reporting(?:\s+by)?"
    r"|contributing\s*:|with\s+reporting\s+(?:from|by))\b.*$",
    re.IGNORECASE | re.DOTALL,
)
# A profile link's own words: "View all posts by Jane Roe".
_PROFILE_LEAD_IN = re.compile(
    r"^(?:(?:view|see|read|more)\s+(?:all\s+)?(?:posts|articles|stories)\s+(?:by|from)\s+"
    r"|(?:authors?|written by)\s*:\s*"
    # "Amie Roe as told to Jane Doe": the one who wrote it down is the author.
    r"|.*\bas told to\s+)",
    re.IGNORECASE,
)
MAX_BYLINE_CHARACTERS = 200
MENTION_CONTEXT_CHARACTERS = 80
# How far after the headline its block's loose "by …" text may sit (elements and strings, as
# for the dek), and the length of a string that means the story's prose has begun.
HEADLINE_BLOCK_WINDOW = 300
PROSE_MIN_CHARACTERS = 120
# Only a plain "by": "Photos by …" or "Illustration by …" after a headline credit a picture.
_PLAIN_BY = re.compile(r"^by\s", re.IGNORECASE)
# Words that do not occur in a person's name but do in an institution's.
_INSTITUTION_WORDS = frozenset({"of", "for", "and", "the", "institute", "university", "department"})


def _tokens(tag: Tag) -> tuple[str, ...]:
    return class_tokens(list(tag.get("class") or []))


def _is_noise(tag: Tag) -> bool:
    if tag.name in _NOISE_TAGS or tag.has_attr("hidden"):
        return True
    if str(tag.get("aria-hidden", "")).lower() == "true" or style_hides(
        str(tag.get("style") or "")
    ):
        return True
    return bool(_NOISE_CLASS_WORDS & set(_tokens(tag)))


def byline_text(element: Tag) -> str:
    """The element's text without noise parts, cut before any contributors."""
    pieces: list[str] = []
    pending: list[Tag | NavigableString] = [element]
    while pending:
        node = pending.pop()
        if isinstance(node, Tag):
            if node is not element and _is_noise(node):
                continue
            pending.extend(reversed(node.contents))  # type: ignore[arg-type]
        elif isinstance(node, NavigableString) and not isinstance(node, Comment):
            pieces.append(str(node))
    text = _PROFILE_LEAD_IN.sub("", clean_inline_text(" ".join(pieces)))
    return _CONTRIBUTORS.sub("", text).strip()


def is_elsewhere(tag: Tag) -> bool:
    """Inside a list of teasers, a menu or the footer: another story's byline."""
    for parent in tag.parents:
        if parent.name in _ELSEWHERE_TAGS:
            return True
        if _ELSEWHERE_CLASS_WORDS & set(_tokens(parent)):
            return True
    return False


def printed_bylines(index: PageIndex) -> list[str]:
    """Texts of the page's own byline: its rel=author links, else the first byline element."""
    found: list[str] = []
    for tag in index.rel_author:
        text = byline_text(tag)
        if text and text not in found and not is_elsewhere(tag):
            found.append(text)
    for tag, tokens in index.classed:
        if _NOT_BYLINE_CLASS_WORDS & set(tokens) or tag.name in ("body", "html", "article"):
            continue
        if "byline" in tokens or ("author" in tokens and {"name", "link"} & set(tokens)):
            if is_elsewhere(tag):
                continue
            text = byline_text(tag)
            if text and len(text) <= MAX_BYLINE_CHARACTERS:
                return [*found, text] if text not in found else found
    return found


def _is_mention(link: Tag) -> bool:
    """A profile link inside a sentence of prose names someone the story is about: a long
    text around it, or a short one shaped as a sentence ("Wanna know what Jane Roe did?")."""
    parent = link.parent
    if not isinstance(parent, Tag):
        return False
    around = clean_inline_text(parent.get_text(" "))
    if len(around) <= 3 * len(link.get_text(" ").strip()):
        return False
    return len(around) > MENTION_CONTEXT_CHARACTERS or bool(_SENTENCE.search(around))


# Six words or more ending as a sentence ends; a byline ("By Jane Roe, Staff Writer") does not.
_SENTENCE = re.compile(r"^(?:\S+\s+){5,}\S*[.?!][\"”’']?$")
# A list of the story's topics ("tag cloud"): its links to people's pages name subjects.
_TOPIC_CLASS_WORDS = frozenset({"tag", "tags", "topic", "topics", "keyword", "keywords"})


def _in_topic_list(link: Tag) -> bool:
    return any(_TOPIC_CLASS_WORDS & set(_tokens(parent)) for parent in link.parents)


def profile_link_names(index: PageIndex) -> list[str]:
    """Texts of links to author profile pages: the first one, and any beside it (co-authors)."""
    links = [
        tag
        for tag in index.author_links
        if not (is_elsewhere(tag) or _is_mention(tag) or _in_topic_list(tag)) and byline_text(tag)
    ]
    if not links:
        return []
    first = links[0]
    return [byline_text(tag) for tag in links[:3] if tag is first or tag.parent is first.parent]


def headline_byline(headline: Tag | None) -> list[str]:
    """A "by Jane Roe" printed as loose text in the headline's block, with no byline element
    or profile link around it ("posted on <time>…</time> by Jane Roe"): the first such string
    after the headline, before the story's prose begins."""
    if headline is None:
        return []
    inside = set(map(id, headline.descendants))
    for steps, node in enumerate(headline.next_elements):
        if steps > HEADLINE_BLOCK_WINDOW:
            break
        if id(node) in inside or not isinstance(node, NavigableString):
            continue
        parent = node.parent
        if isinstance(node, Comment) or not isinstance(parent, Tag) or _is_noise(parent):
            continue
        text = clean_inline_text(str(node))
        if len(text) >= PROSE_MIN_CHARACTERS:
            break
        if _PLAIN_BY.match(text) and looks_like_byline(text) and not is_elsewhere(parent):
            return [text]
    return []


def _folded(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def reconcile_with_printed(
    structured: Sequence[str], printed: Sequence[str]
) -> tuple[tuple[str, ...], bool]:
    """(authors, taken from the printed byline?).

    The printed names win when they are the same people as the structured ones (the printed
    spelling keeps accents that metadata lost), a subset of them (the others are contributors),
    or a superset whose extra names read as people's (metadata named only the first author).
    A printed name that holds a structured one with something glued on ("Jane Roe Outlet",
    "Jane Roe on") is that structured name.
    """
    if not structured or not printed:
        return tuple(structured), False
    declared = {_folded(name): name for name in structured}
    names: list[str] = []
    added: list[str] = []
    for name in printed:
        key = _folded(name)
        if key not in declared:
            holder = next(
                (declared[d] for d in declared if re.search(rf"\b{re.escape(d)}\b", key)), None
            )
            if holder is not None:
                name, key = holder, _folded(holder)
            else:
                added.append(name)
        if name not in names:
            names.append(name)
    shown = {_folded(name) for name in names}
    agrees = set(declared) == shown or shown < set(declared)
    if agrees or (set(declared) < shown and all(map(_person_like, added))):
        return tuple(names), tuple(names) != tuple(structured)
    return tuple(structured), False


def _person_like(name: str) -> bool:
    """Two to four words, none an institution's word or an abbreviation such as "U.S."."""
    words = name.split()
    return 2 <= len(words) <= 4 and not any(
        word.casefold() in _INSTITUTION_WORDS or word.count(".") > 1 for word in words
    )
