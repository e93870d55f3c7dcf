"""The process stage's own work beyond the NLP: process_pending with the analyses answered at once.

    .venv/bin/python benchmarks/process_overhead.py [--articles 80] [--rounds 5]

process_speed.py measures the whole stage against raw spaCy; on a shared 2-core machine the
NLP's own run-to-run spread (a second or more on 80 articles) hides a change of a tenth of a
second in the rest. Here the synthetic corpus of process_speed.py is analysed once, untimed, and
process_pending runs `--rounds` times on fresh copies of the crawled folder with an analyzer that
hands back those analyses at once: what is timed is only the stage's own work (reading pages
from the WARC, extraction, SQLite writes, syndication, quote tracing, event mentions). Prints
the median CPU seconds of the stage and of each part. datasketch (and the scipy it imports) is
loaded before timing, as process_speed.py's best-of rounds leave it out. Asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import presswatch.process.loop as loop
from presswatch.analyze import analyze_texts, load_dataset_nlp
from presswatch.dataset import load_dataset
from presswatch.derive.syndication_index import hash_ranges
from presswatch.process.analyzers import BATCH_TEXTS, NLP_BATCH
from presswatch.store import open_database

from benchmarks.process_speed import crawled_corpus
from benchmarks.replayed import DATASET

# The parts timed, as process_pending calls them (each wrapped in the loop module's namespace).
PARTS = {
    "extract_page": "extraction (WARC read + extract_article)",
    "save_analysis": "writes (save_analysis)",
    "cluster_articles": "syndication (cluster_articles)",
    "trace_quotes": "quote tracing (trace_quotes)",
    "extract_event_mentions": "event mentions",
}


class Answered:
    """An analyzer whose batches are already analysed: submit returns them at once."""

    ahead, batch_size = 1, BATCH_TEXTS

    def __init__(self, analyses: dict[str, Any]):
        self.analyses = analyses

    def submit(self, texts: list[str]) -> Callable[[], list[tuple[bool, Any]]]:
        return lambda: [(True, self.analyses[text]) for text in texts]


def timed_parts(spent: dict[str, float]) -> None:
    """Wrap each part in process_pending's namespace so its CPU seconds add up in `spent`."""
    for name in PARTS:
        function = getattr(loop, name)

        def wrapper(*args: Any, _function: Any = function, _name: str = name, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return _function(*args, **kwargs)
            finally:
                spent[_name] += time.process_time() - start

        setattr(loop, name, wrapper)


def run(articles: int, rounds: int) -> None:
    dataset = load_dataset(REPO / "datasets" / DATASET)
    with tempfile.TemporaryDirectory(prefix="presswatch-process-overhead-") as folder:
        work = Path(folder)
        crawled, texts = crawled_corpus(articles, work)
        nlp = load_dataset_nlp(dataset)
        analyses = dict(zip(texts, analyze_texts(nlp, texts, batch_size=NLP_BATCH), strict=True))
        del nlp
        hash_ranges(0.3, 128), hash_ranges(0.25, 64)  # datasketch and scipy imported here
        gc.collect()
        gc.freeze()  # the cached analyses are not what the stage allocates: GC leaves them be
        spent: dict[str, float] = dict.fromkeys(PARTS, 0.0)
        timed_parts(spent)
        totals: list[float] = []
        parts: dict[str, list[float]] = {name: [] for name in PARTS}
        written = 0
        for index in range(rounds):
            root = work / f"round-{index}"
            shutil.copytree(crawled / DATASET, root / DATASET)
            copy = load_dataset(root / DATASET)
            db = open_database(copy.db_path)
            for name in spent:
                spent[name] = 0.0
            start = time.process_time()
            counts = loop.process_pending(db, copy, Answered(analyses))
            totals.append(time.process_time() - start)
            db.close()
            written = counts["articles"]
            for name, seconds in spent.items():
                parts[name].append(seconds)
            shutil.rmtree(root)
    print(
        f"corpus: {len(texts)} synthetic articles, {written} written per round; "
        f"median of {rounds} rounds, CPU seconds of this process"
    )
    print(f"{'process stage without the NLP':<44}{statistics.median(totals):8.3f}")
    for name, label in PARTS.items():
        print(f"  {label:<42}{statistics.median(parts[name]):8.3f}")
    print("rounds: " + ", ".join(f"{seconds:.3f}" for seconds in totals))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=80)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    run(args.articles, args.rounds)


if __name__ == "__main__":
    main()
