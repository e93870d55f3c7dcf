"""Word tokens and shingles: the text fingerprint shared by extraction scoring and syndication."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE_SIZE = 4


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; punctuation and spacing differences do not count."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(words: Sequence[str], size: int = SHINGLE_SIZE) -> list[tuple[str, ...]]:
    if len(words) < size:
        return [tuple(words)] if words else []
    return [tuple(words[index : index + size]) for index in range(len(words) - size + 1)]
