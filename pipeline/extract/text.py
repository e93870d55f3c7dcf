"""Whitespace and character clean-up shared by the HTML and plain-text extractors.

Typographic quotes, dashes and apostrophes are kept as published: the NLP stage finds quotations
by their marks, and a journalist checking a quote compares it with the page.
"""

from __future__ import annotations

import re
import unicodedata

# Zero-width characters and soft hyphens are invisible on the page but split words for spaCy.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE_CHARACTERS = dict.fromkeys(map(ord, _INVISIBLE), None)
_WHITESPACE_RUN = re.compile(r"\s+")


def _one_space(match: re.Match[str]) -> str:
    # A single no-break space is the writer's ("10\u00a0km", "Mr.\u00a0Smith"): kept as
    # published, so the body matches the page character for character.
    return "\u00a0" if match.group(0) == "\u00a0" else " "


def clean_inline_text(raw: str) -> str:
    """One line of reading text: NFC, no invisible characters, single spaces (a lone no-break
    space kept), stripped."""
    text = unicodedata.normalize("NFC", raw)
    # translate() looks every character up in a dict; six scans for the rare characters cost
    # less, and a line without them is left as it is either way.
    if any(character in text for character in _INVISIBLE):
        text = text.translate(_INVISIBLE_CHARACTERS)
    if "\u00a0" not in text:
        # The common case. str.split() splits at the characters \s matches (both are
        # str.isspace), so this is sub(" ").strip() without building a match per space.
        return " ".join(text.split())
    return _WHITESPACE_RUN.sub(_one_space, text).strip()


def word_count(text: str) -> int:
    return len(text.split())
