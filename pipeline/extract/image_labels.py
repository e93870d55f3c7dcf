"""Labels printed beside a picture: a line that repeats the picture's alt text.

Many CMSs print a picture's caption or title as an ordinary <p> or heading next to the <img>,
not in a <figure> (which is furniture by its tag): "2024 Lexus RZ" under a photo of the car,
an illustration's description in a wrapper div. The alt text says what such a line is: when a
block's text is the alt text of an image in the same small wrapper, it labels the picture and
is not the story. A story paragraph that an image far from it copies as its alt text (a
listicle's product headings) stays: only wrappers close around both count.
"""

from __future__ import annotations

from bs4 import Tag
from presswatch.common.text import tokens

from .blocks import Block

# Wrappers around the image (its parent and the two above; a fourth level took in two captions
# the dev pages' truths keep) that hold the block's element or its parent.
IMAGE_WRAPPER_LEVELS = 3
BLOCK_WRAPPER_LEVELS = 2


def _key(text: str) -> str:
    return " ".join(tokens(text))


def image_label_places(tag: Tag) -> set[tuple[int, str]]:
    """(id of a wrapper close around an image, the image's alt text as tokens) for the images
    of `tag` (an <img>, or a <picture> around one), read before they are removed."""
    images = [tag] if tag.name == "img" else tag.find_all("img")
    places: set[tuple[int, str]] = set()
    for image in images:
        alt = _key(str(image.get("alt") or ""))
        if not alt:
            continue
        wrapper = image.parent
        for _ in range(IMAGE_WRAPPER_LEVELS):
            if wrapper is None:
                break
            places.add((id(wrapper), alt))
            wrapper = wrapper.parent
    return places


def is_image_label(block: Block, places: set[tuple[int, str]]) -> bool:
    if not places:
        return False
    text = _key(block.text)
    element: Tag | None = block.container
    for _ in range(BLOCK_WRAPPER_LEVELS):
        if element is None:
            return False
        if (id(element), text) in places:
            return True
        element = element.parent
    return False
