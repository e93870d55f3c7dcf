"""similarity_bound (pipeline/derive/quote_tracing.py) is never under edit_similarity, so a
candidate pair it rules out could not have been one quotation."""

from __future__ import annotations

import difflib
import random

from presswatch.derive.quote_tracing import edit_similarity, quote_words, similarity_bound


def test_the_bound_is_difflibs_quick_ratio_and_never_under_the_similarity() -> None:
    generator = random.Random(7)
    vocabulary = ["the", "deal", "was", "a", "mistake", "we", "said", "it", "not", "never"]
    for _ in range(2000):
        first = [generator.choice(vocabulary) for _ in range(generator.randint(0, 14))]
        second = [generator.choice(vocabulary) for _ in range(generator.randint(0, 14))]
        bound = similarity_bound(first, second)
        matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
        assert bound == matcher.quick_ratio()
        assert edit_similarity(first, second) <= bound


def test_the_bound_counts_repeated_words_once_per_occurrence() -> None:
    first = quote_words("We will fight, fight, fight this merger")
    second = quote_words("We will fight this merger in court")
    # Common: we, will, fight (once: the second form says it once), this, merger = 5 of 14 words.
    assert similarity_bound(first, second) == 2.0 * 5 / 14
    assert similarity_bound([], []) == 1.0
    assert similarity_bound(["a"], []) == 0.0
