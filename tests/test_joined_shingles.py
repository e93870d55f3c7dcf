"""joined_shingles (pipeline/common/text.py) gives exactly the space-joined shingles, in order."""

from __future__ import annotations

import random

import pytest
from presswatch.common.text import joined_shingles, shingles


@pytest.mark.parametrize("size", [1, 3, 4, 5])
def test_joined_shingles_are_the_shingles_joined(size: int) -> None:
    generator = random.Random(size)
    for length in range(0, 12):
        words = [generator.choice(["a", "deal", "the", "fcc", "é", "12"]) for _ in range(length)]
        assert joined_shingles(words, size) == [" ".join(gram) for gram in shingles(words, size)]


def test_short_and_empty_word_lists() -> None:
    assert joined_shingles([], 5) == []
    assert joined_shingles(["only", "two"], 5) == ["only two"]
    assert joined_shingles(["a", "b", "c"], 3) == ["a b c"]
    assert joined_shingles(["a", "b", "c", "d"], 3) == ["a b c", "b c d"]
