"""The dataset's topics (dataset.yml `topics`) as patterns over text, for claims and stances."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

# The words of each pattern topic_patterns made, lowercased, by the pattern's source: a pattern
# can only match a text that holds one of them (see _folded), which is quicker to rule out than
# running the pattern, and most sentences hold none.
_WORDS: dict[str, tuple[str, ...]] = {}
# The non-ASCII characters that re.IGNORECASE matches to an ASCII letter while str.lower()
# does not make them that letter (found by testing every code point): İ ı → i, ſ → s.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def topic_patterns(topics: Mapping[str, Sequence[str]]) -> dict[str, re.Pattern[str]]:
    """One case-insensitive pattern per topic over its keywords (plural -s allowed)."""
    patterns = {}
    for topic, keywords in topics.items():
        words = sorted({str(k) for k in [topic, *keywords]}, key=len, reverse=True)
        alternatives = "|".join(re.escape(w) for w in words)
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?:s|es)?(?!\w)", re.IGNORECASE)
        if all(w.isascii() for w in words):
            _WORDS[pattern.pattern] = tuple(w.lower() for w in words)
        patterns[topic] = pattern
    return patterns


def _folded(text: str) -> str:
    """The text as the ASCII words of a pattern would be found in it: an IGNORECASE match of
    an ASCII word is a substring of this (lowercase, one character for one)."""
    return text.translate(_FOLD).lower()


def topics_of(text: str, patterns: Mapping[str, re.Pattern[str]]) -> list[str]:
    found, folded = [], None
    for topic, pattern in patterns.items():
        words = _WORDS.get(pattern.pattern)
        if words is not None:
            folded = _folded(text) if folded is None else folded
            if not any(word in folded for word in words):
                continue  # none of its words: the pattern cannot match
        if pattern.search(text):
            found.append(topic)
    return found
