"""Teaser cards: short boxes, mostly a link to another story (a headline with a blurb, a
product with its shop button), that sit inside the story's container. Marked by card words in
their classes (data/furniture.yml `card_words`), and told from a story part so marked by their
size and the share of their text that is link text.
"""

from __future__ import annotations

from collections.abc import Sequence

from bs4 import Tag

from .boilerplate import FurnitureRules

CARD_MAX_CHARACTERS = 400  # a headline with a short blurb; more is a part of the story
CARD_MIN_LINK_SHARE = 0.2  # a linked headline or shop button; a sentence's link is less


def is_teaser_card(tag: Tag, tokens: Sequence[str], rules: FurnitureRules) -> bool:
    if not rules.is_card_class(tokens):
        return False
    text = tag.get_text(" ", strip=True)
    if not text or len(text) > CARD_MAX_CHARACTERS:
        return False
    links = [tag] if tag.name == "a" else tag.find_all("a", href=True)
    linked = sum(len(link.get_text(" ", strip=True)) for link in links)
    return linked >= CARD_MIN_LINK_SHARE * len(text)
