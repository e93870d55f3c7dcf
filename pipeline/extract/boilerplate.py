"""What is not the article: page furniture recognised by markup, and filler lines by their words.

The tag and ARIA lists below are HTML semantics. The class words and filler-line patterns are
data, in data/furniture.yml (generic rules plus rules per publisher family), loaded once into
`FurnitureRules`: a researcher who meets a new outlet's "Continue reading below" line adds a
pattern there without touching the extraction logic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

import yaml

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
# A <figcaption> is a caption wherever it sits: some CMSs put it in a <div>, not a <figure>.
FURNITURE_TAGS = frozenset(
    {"nav", "header", "footer", "aside", "form", "menu", "figure", "figcaption"}
)
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

_CLASS_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_PUNCTUATION = re.compile(r"[^A-Za-z0-9]+")
# A generated name (CSS modules, styled-components, build hashes): "Ee5Ad" in
# "styles_article__Ee5Ad", "4e016ad2" in "sc-4e016ad2-0". Digits mixed into letters with no run
# of four letters: "footer2", "share42" and "s2nPlayer" are words with a number, not hashes.
_HASH_MIN_CHARACTERS = 5
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[A-Za-z]")
_WORD_RUN = re.compile(r"[A-Za-z]{4}")


def _is_hash(chunk: str) -> bool:
    return (
        len(chunk) >= _HASH_MIN_CHARACTERS
        and _DIGIT.search(chunk) is not None
        and _LETTER.search(chunk) is not None
        and _WORD_RUN.search(chunk) is None
    )


def class_tokens(attribute_values: Sequence[str]) -> tuple[str, ...]:
    """Lower-case words of class and id values: "l-inArticle
    c-ad__label" → l, in, article, c, ad, label. Generated hashes say nothing and give no
    words: "styles_article__Ee5Ad" → styles, article (not "ad")."""
    if len(attribute_values) == 1:
        return _value_tokens(attribute_values[0])
    return tuple(word for value in attribute_values for word in _value_tokens(value))


@lru_cache(maxsize=8192)
def _value_tokens(value: str) -> tuple[str, ...]:
    # Cached: a page repeats a few hundred class names over thousands of elements.
    return tuple(
        word.lower()
        for chunk in _PUNCTUATION.split(value)
        if not _is_hash(chunk)
        for word in _CLASS_WORD.findall(chunk)
    )


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def style_hides(style: str | None) -> bool:
    return bool(style and _HIDDEN_STYLE.search(style))


SHORT_BLOCK_CHARACTERS = 300
LINK_HEAVY_RATIO = 0.5
SENTENCE_MIN_UNLINKED_CHARACTERS = 60
LINK_ROW_MIN_RATIO = 0.3
LINK_ROW_MIN_ITEMS = 3
LINK_ROW_MAX_ITEM_CHARACTERS = 40
SENTENCE_END = re.compile(r"[.!?][\"'’”)]*\s*$")  # how a line of prose ends
FURNITURE_FILE = "furniture.yml"
COMPOUND_HEAD_MIN = 6  # furniture words this long also count at the end of a longer token
COMPOUND_MIN_CHARACTERS = 8


@dataclass(frozen=True)
class FurnitureRules:
    """Furniture class words and filler-line patterns for one page's publisher family."""

    class_words: frozenset[str]
    class_bigrams: frozenset[tuple[str, str]]
    content_words: frozenset[str]
    whole_line: re.Pattern[str]
    lead_in: re.Pattern[str]
    family: str | None = None
    card_words: frozenset[str] = frozenset()
    compound_heads: tuple[str, ...] = ()  # long class words, which also end compound tokens

    def is_card_class(self, tokens: Sequence[str]) -> bool:
        return any(token in self.card_words for token in tokens)

    def is_furniture_class(self, tokens: Sequence[str]) -> bool:
        if any(self._is_furniture_word(token) for token in tokens):
            return True
        return any(pair in self.class_bigrams for pair in pairwise(tokens))

    def _is_furniture_word(self, token: str) -> bool:
        # A compound the splitter cannot see into ("photogallery", "mainsidebar") ends with a
        # long furniture word; short ones ("ad", "nav") end too many words ("head", "canvas").
        return token in self.class_words or (
            len(token) > COMPOUND_MIN_CHARACTERS and token.endswith(self.compound_heads)
        )

    def furniture_words(self, tokens: Sequence[str]) -> frozenset[str]:
        """The furniture words (and "a b" bigrams) among `tokens`: why an element is furniture."""
        words = {token for token in tokens if self._is_furniture_word(token)}
        words.update(f"{a} {b}" for a, b in pairwise(tokens) if (a, b) in self.class_bigrams)
        return frozenset(words)

    def is_content_class(self, tokens: Sequence[str]) -> bool:
        return any(token in self.content_words for token in tokens)

    def is_filler(self, text: str, link_ratio: float = 0.0) -> bool:
        """True for advertising labels, share buttons, "Read more: …" teasers and the like."""
        # The patterns spell spaces as spaces; a CMS that joins words with no-break spaces
        # ("Reprinted by\u00a0permission") prints the same line.
        text = text.replace("\u00a0", " ")
        if self.whole_line.fullmatch(text.strip(" .:!|•·–—-")):
            return True
        if len(text) < SHORT_BLOCK_CHARACTERS:
            if self.lead_in.match(text):
                return True
            # A short block that is mostly a link is a teaser for another page, unless it is
            # a sentence with prose of its own beside its links.
            if link_ratio > LINK_HEAVY_RATIO and not _sentence_beside_links(text, link_ratio):
                return True
            if link_ratio >= LINK_ROW_MIN_RATIO and _is_link_row(text):
                return True
        return False


def _is_link_row(text: str) -> bool:
    """Short items set between bars, as a row of links is printed ("RANKINGS: Top 250 | Team |
    Position | State"): navigation, even with an unlinked label in front of the links."""
    items = text.split("|")
    return len(items) >= LINK_ROW_MIN_ITEMS and all(
        0 < len(item.strip()) <= LINK_ROW_MAX_ITEM_CHARACTERS for item in items
    )


def _sentence_beside_links(text: str, link_ratio: float) -> bool:
    """A sentence ending as prose does, with enough words outside its links to be reporting
    that links its sources ("In response, the studios <a>cut costs</a> …"), not a headline."""
    unlinked = len(text) * (1.0 - link_ratio)
    return unlinked >= SENTENCE_MIN_UNLINKED_CHARACTERS and bool(SENTENCE_END.search(text))


def _alternation(patterns: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def _rules(sections: Sequence[dict[str, Any]], family: str | None) -> FurnitureRules:
    def merged(key: str) -> list[Any]:
        return [item for section in sections for item in section.get(key) or []]

    class_words = frozenset(str(word).lower() for word in merged("class_words"))
    return FurnitureRules(
        class_words=class_words,
        compound_heads=tuple(sorted(w for w in class_words if len(w) >= COMPOUND_HEAD_MIN)),
        class_bigrams=frozenset(
            (str(a).lower(), str(b).lower()) for a, b in merged("class_bigrams")
        ),
        content_words=frozenset(str(word).lower() for word in merged("content_words")),
        whole_line=_alternation(merged("whole_lines")),
        lead_in=_alternation(merged("lead_ins")),
        family=family,
        card_words=frozenset(str(word).lower() for word in merged("card_words")),
    )


@cache
def _furniture_data() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("data", FURNITURE_FILE).read_text("utf-8")
    return yaml.safe_load(text)


@cache
def furniture_rules(family: str | None = None) -> FurnitureRules:
    """Generic rules, plus the named family's when there is one."""
    data = _furniture_data()
    sections = [data["generic"]]
    if family:
        sections.append(data["families"][family])
    return _rules(sections, family)


def family_for_url(url: str | None) -> str | None:
    """The publisher family whose `domains` cover the page's host, if any."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    for family, section in (_furniture_data().get("families") or {}).items():
        for domain in section.get("domains") or []:
            if host == domain or host.endswith("." + domain):
                return str(family)
    return None


def rules_for_url(url: str | None) -> FurnitureRules:
    return furniture_rules(family_for_url(url))
