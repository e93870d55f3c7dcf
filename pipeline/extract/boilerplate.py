"""What is not the article: page furniture recognised by markup, and filler lines by their words.

Everything here is data plus two small predicates, so a researcher who meets a new outlet's
"Continue reading below" line adds a pattern without touching the extraction logic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

# Never reading text, wherever they appear.
# fmt: off
NON_CONTENT_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
        "video", "audio", "picture", "img", "source", "track", "map", "button", "input",
        "select", "textarea", "option", "dialog", "link", "meta", "head", "title",
    }
)
# fmt: on
# Usually page furniture, but some sites wrap the whole story in one of them (ASP.NET pages
# sit inside a <form>), so these are removed only when they do not hold most of the text.
FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu", "figure"})
FURNITURE_ROLES = frozenset(
    {
        "navigation",
        "banner",
        "contentinfo",
        "complementary",
        "search",
        "dialog",
        "menu",
        "menubar",
        "toolbar",
    }
)

# Class and id words (split on punctuation and camelCase) that mark furniture.
# fmt: off
NEGATIVE_CLASS_TOKENS = frozenset(
    {
        "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot",
        "adunit", "dfp", "gpt", "sponsor", "sponsored", "promo", "promos", "promoted",
        "promotion", "outbrain", "taboola", "newsletter", "newsletters", "subscribe",
        "subscription", "signup", "share", "sharing", "sharebar", "sharetools", "comment",
        "comments", "disqus", "related", "recirc", "recirculation", "recommended",
        "recommendations", "trending", "popular", "sidebar", "rail", "breadcrumb",
        "breadcrumbs", "nav", "navbar", "navigation", "menu", "footer", "masthead", "cookie",
        "cookies", "consent", "gdpr", "modal", "popup", "overlay", "toolbar", "byline",
        "author", "authors", "bio", "tags", "caption", "captions", "credit", "credits",
        "video", "player", "podcast", "gallery", "slideshow", "carousel", "widget", "widgets",
        "hidden", "sronly", "tools", "skip", "pagination", "pager", "meta",
    }
)
# fmt: on
NEGATIVE_CLASS_BIGRAMS = frozenset(
    {
        ("read", "more"),
        ("more", "stories"),
        ("more", "from"),
        ("more", "on"),
        ("you", "may"),
        ("most", "read"),
        ("read", "next"),
        ("see", "also"),
        ("screen", "reader"),
        ("visually", "hidden"),
        ("sr", "only"),
        ("in", "article"),
    }
)
POSITIVE_CLASS_TOKENS = frozenset(
    {
        "article",
        "articlebody",
        "body",
        "content",
        "entry",
        "main",
        "post",
        "story",
        "text",
        "prose",
        "richtext",
    }
)

_CLASS_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_PUNCTUATION = re.compile(r"[^A-Za-z0-9]+")


def class_tokens(attribute_values: Sequence[str]) -> tuple[str, ...]:
    """Lower-case words of class and id values: "l-inArticle c-ad__label" → l, in, article, c, ad, label."""
    words: list[str] = []
    for value in attribute_values:
        for chunk in _PUNCTUATION.split(value):
            words.extend(word.lower() for word in _CLASS_WORD.findall(chunk))
    return tuple(words)


def has_negative_tokens(tokens: Sequence[str]) -> bool:
    if any(token in NEGATIVE_CLASS_TOKENS for token in tokens):
        return True
    return any(pair in NEGATIVE_CLASS_BIGRAMS for pair in pairwise(tokens))


def has_positive_tokens(tokens: Sequence[str]) -> bool:
    return any(token in POSITIVE_CLASS_TOKENS for token in tokens)


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def style_hides(style: str | None) -> bool:
    return bool(style and _HIDDEN_STYLE.search(style))


# Filler lines recognised by wording. `_WHOLE_LINE` must match the whole block; `_LEAD_INS`
# only the start of a short block (a long paragraph that opens with "Watch:" is reporting).
_WHOLE_LINE = re.compile(
    r"(?:story |article )?continues? (?:below|after)(?: (?:this|the))? (?:advertisement|ad)"
    r"|advertisement|advertising|sponsored(?: content)?|paid content|ad feature"
    r"|share(?: this)?(?: (?:article|story|page))?(?: on \w+)?|tweet|print|e-?mail|comments?"
    r"|copy link|link copied|save(?: article)?|listen(?: to (?:this )?article)?"
    r"|(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|flipboard|telegram)"
    r"|click to play video.*|skip (?:to )?(?:content|advertisement|ad)|close|menu|loading\W*"
    r"|(?:sign up|subscribe)(?: now| today| here)?(?: (?:for|to) (?:our|the|free)\b.{0,60})?",
    re.IGNORECASE,
)
_LEAD_INS = re.compile(
    r"(?:read|see) (?:more|next|also)\b|related(?: (?:stories|articles|coverage|content|reading))?\s*:"
    r"|more (?:on|from) [^.]{0,80}:|(?:watch|listen|video|photos|gallery)\s*:|trending now"
    r"|recommended (?:for you|reading|stories|articles|videos)\b|most popular"
    r"|you may (?:also )?like|(?:sign up|subscribe) (?:for|to) (?:our|the)\b"
    r"|follow (?:us|@\w+) on |(?:photo|image|video|graphic)(?: credit)?\s*:",
    re.IGNORECASE,
)
SHORT_BLOCK_CHARACTERS = 300
LINK_HEAVY_RATIO = 0.5


def is_filler_block(text: str, link_ratio: float = 0.0) -> bool:
    """True for advertising labels, share buttons, "Read more: …" teasers and the like."""
    if _WHOLE_LINE.fullmatch(text.strip(" .:!|•·–—-")):
        return True
    if len(text) < SHORT_BLOCK_CHARACTERS:
        if _LEAD_INS.match(text):
            return True
        # A short block that is mostly a link is a teaser for another page.
        if link_ratio > LINK_HEAVY_RATIO:
            return True
    return False
