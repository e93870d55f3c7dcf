"""Python's cyclic garbage collector during the process stage: young objects only, less often.

The stage holds a large, long-lived heap (the spaCy pipeline, the dataset, the knowledge base)
and allocates millions of short-lived objects beside it (Tokens, Spans, analyses, rows). With
the default settings the collector ran ~400 young collections and, at least once a run, a full
collection that walked the whole pipeline: ~0.12 CPU s per 80 synthetic articles, against
~0.02 s with what exists when the stage starts (and the pipeline once loaded) moved out of the
collector's sight (gc.freeze) and the youngest generation collected every 7,000 allocations
instead of every 700 (benchmarks/README.md, "Process-stage speed"). Nothing the stage computes
depends on when garbage is collected; objects frozen here are handed back to the collector when
the stage ends, and everything the stage allocates is collected as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 7000  # allocations between two collections of the youngest generation

_depth = 0  # stages under way in this process (a stage inside a stage changes nothing more)


@contextmanager
def long_lived_heap() -> Iterator[None]:
    """Inside the block: what exists now is frozen and young collections are ten times rarer;
    after it, the collector's earlier thresholds, and the frozen objects collectable again."""
    global _depth
    _depth += 1
    if _depth > 1:
        try:
            yield
        finally:
            _depth -= 1
        return
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(YOUNG_THRESHOLD, thresholds[0]), *thresholds[1:])
    try:
        yield
    finally:
        _depth -= 1
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def settle_loaded() -> None:
    """A long-lived structure was just built inside a stage (the NLP pipeline, loaded on the
    stage's first batch): freeze it too. Outside a stage, nothing happens."""
    if _depth:
        gc.freeze()
