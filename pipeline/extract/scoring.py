"""Scoring an extractor against ground truth: body precision/recall/F1, and right metadata.

Pure functions over strings, so the same scores serve `presswatch extract --benchmark` and the
scripts in benchmarks/. Body overlap is counted on bags of tokens (multisets: a word the
extractor repeats is only right as often as the truth has it), and on bags of 4-token shingles,
which also punish paragraphs in the wrong order or furniture glued into sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from presswatch.common.text import shingles, tokens


@dataclass(frozen=True, slots=True)
class Overlap:
    precision: float
    recall: float
    f1: float


def bag_overlap(predicted: Iterable[object], truth: Iterable[object]) -> Overlap:
    """Precision, recall and F1 of two multisets. Both empty counts as a perfect match."""
    predicted_bag, truth_bag = Counter(predicted), Counter(truth)
    common = sum((predicted_bag & truth_bag).values())
    predicted_total, truth_total = sum(predicted_bag.values()), sum(truth_bag.values())
    if predicted_total == 0 and truth_total == 0:
        return Overlap(1.0, 1.0, 1.0)
    precision = common / predicted_total if predicted_total else 0.0
    recall = common / truth_total if truth_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Overlap(precision, recall, f1)


def token_overlap(predicted: str, truth: str) -> Overlap:
    return bag_overlap(tokens(predicted), tokens(truth))


def shingle_overlap(predicted: str, truth: str) -> Overlap:
    return bag_overlap(shingles(tokens(predicted)), shingles(tokens(truth)))


def _normal(text: str) -> str:
    return " ".join(tokens(text))


def same_title(predicted: str | None, truth: str) -> bool:
    return bool(predicted) and _normal(predicted or "") == _normal(truth)


def same_day(predicted: str | None, truth: str) -> bool:
    """Right when the calendar day agrees: truth sets rarely agree on a time zone."""
    return bool(predicted) and (predicted or "")[:10] == truth.strip()[:10]


def same_authors(predicted: Sequence[str], truth: str | Sequence[str]) -> bool:
    """Right when the sets of names agree; a string truth may list several ("A and B", "A, B")."""
    wanted = [truth] if isinstance(truth, str) else list(truth)
    names = {
        _normal(part)
        for value in wanted
        for part in re.split(r"\s*(?:,|;|\band\b|&)\s*", value)
        if _normal(part)
    }
    return {_normal(name) for name in predicted} == names


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
