"""Find the article body in a page and turn it into cleaned paragraphs.

1. Drop what is never text (scripts, media) and page furniture (navigation, ads, share bars,
   related links), recognised by tag, ARIA role, hiding, or class and id words. A furniture
   label on an element that holds most of the page's prose is ignored: sites do put "share" or
   "sidebar-layout" on the wrapper around the story.
2. Score containers by the prose they hold. Each paragraph's weight is its length, discounted
   for link text; its container gets the full weight, the next two ancestors a half and a
   quarter, so the tightest element around most paragraphs wins. Class words nudge the score;
   an element wrapped around furniture kept in step 1 cannot win. When the page has a single
   <article> element holding a real share of the prose, the winner is sought inside it.
3. Climb from the winner, past wrappers that add nothing, to an ancestor when the winner holds
   under 70% of that ancestor's prose: stories split over sibling sections (common around
   inline ads) are otherwise cut short. The climb never leaves the <article> element around
   the winner, and never takes in furniture that survived step 1 only because of its size,
   such as a long comment thread. A parent that adds only opening paragraphs before the
   winner (the rest of the story in a paywall's wrapper) is taken too (lead_in.py).
4. Emit the blocks under the chosen element, minus filler lines, repeats, the headline, short
   cells of data tables, and the byline or date lines that open many bodies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bs4 import Tag

from .blocks import Block, EmbedMarker, is_table_datum, iter_blocks
from .boilerplate import (
    FURNITURE_ROLES,
    FURNITURE_TAGS,
    NON_CONTENT_TAGS,
    FurnitureRules,
    class_tokens,
    furniture_rules,
    style_hides,
)
from .cards import is_teaser_card
from .cleanup import ParagraphFilter
from .image_labels import image_label_places, is_image_label
from .lead_in import with_lead_in
from .model import ParagraphKind

SCORED_MIN_CHARACTERS = 25
SCORED_MAX_CHARACTERS = 800  # one long blob must not outweigh many ordinary paragraphs
SUBSTANTIAL_MIN_CHARACTERS = 60
SUBSTANTIAL_MAX_LINK_RATIO = 0.3
FURNITURE_GUARD_SHARE = 0.5
CLIMB_WHILE_SHARE_BELOW = 0.7
MAX_CLIMB_STEPS = 3
MAX_LOOK_PAST = 1  # ancestors adding under 30% more prose, looked past on the way up
FRAGMENT_SHARE = 0.3  # ... by a winner holding less than this share of the page's prose
DECLARED_STORY_MIN_SHARE = 0.25
NEGATIVE_CLASS_WEIGHT = 0.3  # furniture that survived pruning can still win, but rarely
_ANCESTOR_DECAY = (1.0, 0.5, 0.25)


@dataclass(frozen=True, slots=True)
class BodyResult:
    blocks: tuple[tuple[str, ParagraphKind], ...]
    embed_positions: tuple[tuple[int, int], ...]  # (embed index, index of the paragraph before it)
    coverage: float  # share of the story's (or page's) substantial prose in the chosen element
    bylines: tuple[str, ...] = ()  # byline lines found at the top of the body
    headline: str | None = None  # the headline as the body printed it, when it did
    # Every block of text on the page (embedded posts detached, furniture not yet removed):
    # (text, kind, link ratio). What a second opinion may add is among these.
    page_blocks: tuple[tuple[str, ParagraphKind, float], ...] = ()


def _tokens(tag: Tag) -> tuple[str, ...]:
    values = list(tag.get("class") or [])
    if isinstance(tag.get("id"), str):
        values.append(str(tag["id"]))
    return class_tokens(values)


def _is_structural_furniture(tag: Tag) -> bool:
    """Furniture by what the markup says it is (tag, ARIA role, hidden), not by class words."""
    if tag.name == "figure":
        # Media with its caption, unless it is the HTML way to mark up a quotation.
        return tag.find("blockquote") is None
    if tag.name in FURNITURE_TAGS:
        return True
    role = tag.get("role")
    if isinstance(role, str) and role.lower() in FURNITURE_ROLES:
        return True
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    style = tag.get("style")
    return isinstance(style, str) and style_hides(style)


def _is_furniture(tag: Tag, rules: FurnitureRules) -> bool:
    return _is_structural_furniture(tag) or rules.is_furniture_class(_tokens(tag))


def _is_substantial(block: Block) -> bool:
    return (
        block.kind != "heading"
        and len(block.text) >= SUBSTANTIAL_MIN_CHARACTERS
        and block.link_ratio < SUBSTANTIAL_MAX_LINK_RATIO
    )


def _prose_by_element(blocks: Sequence[Block | EmbedMarker]) -> dict[int, int]:
    """Characters of substantial prose under each element (keyed by id())."""
    prose: dict[int, int] = defaultdict(int)
    for block in blocks:
        if isinstance(block, Block) and _is_substantial(block):
            element: Tag | None = block.container
            while element is not None:
                prose[id(element)] += len(block.text)
                element = element.parent
    return prose


def _remove_where(root: Tag, should_remove: Callable[[Tag], bool]) -> None:
    """Top-down removal that never visits inside a removed element.

    (Checking `Tag.decomposed` instead is slow: bs4 resolves the missing private attribute by
    searching the subtree for a tag of that name.)
    """
    pending = [child for child in root.contents if isinstance(child, Tag)]
    while pending:
        tag = pending.pop()
        if should_remove(tag):
            tag.decompose()
        else:
            pending.extend(child for child in tag.contents if isinstance(child, Tag))


def remove_non_content(body: Tag, image_labels: set[tuple[int, str]] | None = None) -> None:
    """Remove what is never text; `image_labels` collects the removed images' alt texts."""

    def should_remove(tag: Tag) -> bool:
        if image_labels is not None and tag.name in ("img", "picture"):
            image_labels.update(image_label_places(tag))
        return tag.name in NON_CONTENT_TAGS

    _remove_where(body, should_remove)


def remove_furniture(
    body: Tag,
    rules: FurnitureRules | None = None,
    blocks: Sequence[Block | EmbedMarker] | None = None,
) -> list[Tag]:
    """Remove furniture; return the furniture elements kept because they hold most prose.

    `blocks` are the body's blocks as they stand, when the caller has already read them."""
    prose = _prose_by_element(list(iter_blocks(body)) if blocks is None else blocks)
    total = prose.get(id(body), 0)
    guarded: list[Tag] = []
    rules = rules or furniture_rules()
    # Furniture words of a guarded <article> (or articleBody): the publisher's story container
    # classed "article--image-gallery" makes "gallery" on its own items no sign of furniture.
    # (Not any guarded wrapper: "content-and-right-rail" wraps the rail too.)
    story_words: dict[int, frozenset[str]] = {}

    def carried_by_story(tag: Tag) -> bool:
        if not story_words or _is_structural_furniture(tag):
            return False
        words = rules.furniture_words(_tokens(tag))
        return any(words <= story_words.get(id(parent), frozenset()) for parent in tag.parents)

    def should_remove(tag: Tag) -> bool:
        if not _is_furniture(tag, rules):
            return is_teaser_card(tag, _tokens(tag), rules)
        if total and prose.get(id(tag), 0) >= FURNITURE_GUARD_SHARE * total:
            guarded.append(tag)
            if _declares_story(tag):
                story_words[id(tag)] = rules.furniture_words(_tokens(tag))
            return False
        return not carried_by_story(tag)

    _remove_where(body, should_remove)
    return guarded


def _class_weight(tag: Tag, rules: FurnitureRules) -> float:
    weight = 1.0
    if str(tag.get("itemprop", "")).lower() == "articlebody":
        weight *= 1.5
    tokens = _tokens(tag)
    if rules.is_content_class(tokens):
        weight *= 1.25
    if rules.is_furniture_class(tokens):
        weight *= NEGATIVE_CLASS_WEIGHT
    if tag.name == "article":
        weight *= 1.1
    return weight


def _is_page_level(tag: Tag | None, body: Tag) -> bool:
    return tag is None or tag is body or tag.name in ("body", "html", "[document]")


def _contains(ancestor: Tag, tag: Tag) -> bool:
    return tag is ancestor or any(parent is ancestor for parent in tag.parents)


def _declares_story(tag: Tag) -> bool:
    return tag.name == "article" or str(tag.get("itemprop", "")).lower() == "articlebody"


def _single_declared_story(body: Tag) -> Tag | None:
    """The page's one outermost <article> (or articleBody) element; several mean teaser cards
    or a feed, and then none of them says where the story is."""
    # A plain walk: what find_all(_declares_story) visits, in the same order, without bs4's
    # filter machinery (most of this function's time).
    outermost = [
        tag
        for tag in body.descendants
        if isinstance(tag, Tag)
        and _declares_story(tag)
        and not any(_declares_story(parent) for parent in tag.parents)
    ]
    return outermost[0] if len(outermost) == 1 else None


def _declared_story_scope(story: Tag | None, body: Tag, prose: dict[int, int]) -> Tag | None:
    """The declared story element (_single_declared_story) when it holds a real share of the
    page's prose (a small one wraps only the headline)."""
    if story is None:
        return None
    total = prose.get(id(body), 0)
    share = prose.get(id(story), 0) / total if total else 0.0
    return story if share >= DECLARED_STORY_MIN_SHARE else None


def _best_scored(
    blocks: Sequence[Block | EmbedMarker],
    guarded_furniture: Sequence[Tag],
    scope: Tag | None,
    rules: FurnitureRules,
) -> Tag | None:
    scores: dict[int, float] = defaultdict(float)
    tags_by_id: dict[int, Tag] = {}
    for block in blocks:
        if not isinstance(block, Block) or block.kind == "heading":
            continue
        if len(block.text) < SCORED_MIN_CHARACTERS:
            continue
        weight = min(len(block.text), SCORED_MAX_CHARACTERS) * (1.0 - block.link_ratio)
        if block.kind == "list-item":
            weight *= 0.5  # lists are more often menus than prose
        element: Tag | None = block.container
        for decay in _ANCESTOR_DECAY:
            if element is None:
                break
            scores[id(element)] += weight * decay
            tags_by_id[id(element)] = element
            element = element.parent

    def adjusted(key: int) -> float:
        tag = tags_by_id[key]
        if scope is not None and not _contains(scope, tag):
            return 0.0
        weight = _class_weight(tag, rules)
        for furniture in guarded_furniture:
            if furniture is not tag and _contains(tag, furniture):
                return 0.0  # a wrapper around kept furniture would bring it along
            if _contains(furniture, tag):
                weight *= NEGATIVE_CLASS_WEIGHT
        return scores[key] * weight

    if not scores:
        return None
    best_id = max(scores, key=adjusted)
    return tags_by_id[best_id] if adjusted(best_id) > 0 else None


def _same_kind(tag: Tag, other: Tag) -> bool:
    """Same tag and a shared class: one more of the per-paragraph wrappers some CMSs put
    around every paragraph ("cli cli-text"), whatever furniture word one of them carries."""
    classes = set(tag.get("class") or [])
    return tag.name == other.name and bool(classes & set(other.get("class") or []))


def choose_content_root(
    body: Tag,
    blocks: Sequence[Block | EmbedMarker],
    guarded_furniture: Sequence[Tag],
    rules: FurnitureRules | None,
    prose: dict[int, int],
    story: Tag | None,
) -> Tag | None:
    """The element holding the story. `prose`: _prose_by_element(blocks); `story`:
    _single_declared_story(body) (extract_body uses both again afterwards)."""
    scope = _declared_story_scope(story, body, prose)
    root = _best_scored(blocks, guarded_furniture, scope, rules or furniture_rules())
    if root is None:
        return None
    # The publisher marked this element as the story; what lies outside it is something else
    # (comments, the next story in an infinite scroll), however much prose it holds.
    declared_story = next((tag for tag in (root, *root.parents) if _declares_story(tag)), None)
    # `probe` is where the search for a worthwhile ancestor goes on from: the root, or an
    # ancestor that added only a little (a photo with its caption around the text).
    probe = root
    # Only a winner holding a small part of the page's prose looks past small additions: it is
    # likely one piece of a story cut into segments, where a larger winner is the story.
    page_prose = prose.get(id(body), 0)
    small_winner = prose.get(id(root), 0) < FRAGMENT_SHARE * page_prose
    looked_past = 0 if small_winner else MAX_LOOK_PAST
    for _ in range(MAX_CLIMB_STEPS + MAX_LOOK_PAST):
        ancestor = probe.parent
        # A wrapper adding no prose says nothing either way: look past it.
        while ancestor is not None and not _is_page_level(ancestor, body):
            if prose.get(id(ancestor), 0) != prose.get(id(probe), 0):
                break
            ancestor = ancestor.parent
        if ancestor is None or _is_page_level(ancestor, body):
            break
        if declared_story is not None and not _contains(declared_story, ancestor):
            break
        if prose.get(id(root), 0) >= CLIMB_WHILE_SHARE_BELOW * prose.get(id(ancestor), 0):
            if looked_past >= MAX_LOOK_PAST:
                break
            probe, looked_past = ancestor, looked_past + 1
            continue
        takes_in_furniture = any(
            _contains(ancestor, furniture)
            and not _contains(furniture, root)
            and not _same_kind(furniture, root)
            for furniture in guarded_furniture
        )
        if takes_in_furniture:
            break
        root = probe = ancestor
    root = _with_split_parts(root, body, declared_story, guarded_furniture)
    return with_lead_in(root, prose, body, declared_story, guarded_furniture)


def _with_split_parts(
    root: Tag, body: Tag, declared_story: Tag | None, guarded_furniture: Sequence[Tag]
) -> Tag:
    """The parent of `root` when `root` is one of several sibling wrappers of one kind (same
    tag, same classes): CMSs that wrap each part of a story ("body-part", "col-12") split it so,
    and a part of lists or short lines holds no scored prose to pull the climb up. (Only the
    chosen element itself: looking past wrappers around it finds generic "row" twins, which
    cost more than they bring on the dev pages.)"""
    parent = root.parent
    if parent is None or _is_page_level(parent, body):
        return root
    if declared_story is not None and not _contains(declared_story, parent):
        return root
    classes = sorted(root.get("class") or [])
    if not classes:
        return root
    twins = [
        child
        for child in parent.children
        if isinstance(child, Tag)
        and child is not root
        and child.name == root.name
        and sorted(child.get("class") or []) == classes
    ]
    if not twins or any(
        _contains(parent, furniture) and not _contains(furniture, root)
        for furniture in guarded_furniture
    ):
        return root
    return parent


def extract_body(
    body: Tag, *, title: str | None, rules: FurnitureRules | None = None
) -> BodyResult:
    """Cleaned body blocks of a page whose embeds are already placeholders. Mutates `body`.

    `rules` are the furniture rules of the page's publisher family (generic ones by default).
    """
    rules = rules or furniture_rules()
    image_labels: set[tuple[int, str]] = set()
    remove_non_content(body, image_labels)
    # One walk serves both the second opinion's list and the furniture guard's prose counts.
    all_blocks = list(iter_blocks(body))
    page_blocks = tuple(
        (block.text, block.kind, block.link_ratio)
        for block in all_blocks
        if isinstance(block, Block)
    )
    guarded_furniture = remove_furniture(body, rules, all_blocks)
    blocks = list(iter_blocks(body))
    # Counted and found once: choosing the root does not change the page.
    prose = _prose_by_element(blocks)
    story = _single_declared_story(body)
    root = choose_content_root(body, blocks, guarded_furniture, rules, prose, story)
    if root is None:
        return BodyResult(blocks=(), embed_positions=(), coverage=0.0)
    inside = {id(root)} | {id(tag) for tag in root.descendants if isinstance(tag, Tag)}
    # Measured against the publisher's <article> when there is one: teaser rivers elsewhere on
    # the page say nothing about whether the story was cut short.
    reference = story or body
    coverage = prose.get(id(root), 0) / prose[id(reference)] if prose.get(id(reference)) else 1.0

    paragraph_filter = ParagraphFilter(title, rules)
    embed_positions: list[tuple[int, int]] = []
    for block in blocks:
        if id(block.container) not in inside:
            continue
        if isinstance(block, EmbedMarker):
            embed_positions.append((block.index, len(paragraph_filter.kept) - 1))
        elif not (
            is_table_datum(block, SUBSTANTIAL_MIN_CHARACTERS) or is_image_label(block, image_labels)
        ):
            paragraph_filter.offer(block.text, block.kind, block.link_ratio)
    kept = paragraph_filter.finish()
    embed_positions = [(index, min(position, len(kept) - 1)) for index, position in embed_positions]
    return BodyResult(
        blocks=tuple(kept),
        embed_positions=tuple(embed_positions),
        coverage=coverage,
        bylines=tuple(paragraph_filter.bylines),
        headline=paragraph_filter.headline,
        page_blocks=page_blocks,
    )
