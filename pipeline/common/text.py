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


def joined_shingles(words: Sequence[str], size: int = SHINGLE_SIZE) -> list[str]:
    """Each of shingles(words, size) as one space-joined string: what syndication and quote
    tracing compare. zip over shifted copies of the word list makes each shingle's tuple in C,
    where slicing made one tuple per shingle in Python (a third of signing an article)."""
    if len(words) < size:
        return [" ".join(words)] if words else []
    return list(map(" ".join, zip(*(words[start:] for start in range(size)))))
