"""Database write speed: rows/s that the process stage's writer (save_analysis) stores.

    .venv/bin/python benchmarks/write_speed.py [--articles 2000] [--analysed 40]

--analysed synthetic articles (benchmarks/synthetic.py) go through the real NLP pipeline once;
their analyses are then written --articles times over under new article ids (so every write
inserts: articles, mentions, quotes, claims, claim_topics, stances, person_roles, new
entities): with the database in WAL mode and synchronous=NORMAL (pipeline/store/journal.py),
--batch articles per transaction, each article a savepoint of it, its journal in memory (what
`presswatch process` does, pipeline/process/loop.py), then one transaction per article (what
it did before), then in SQLite's default rollback journal with an fsync per commit.
The database file is in --dir (default: the system temp folder; give a folder on the disk the
datasets live on to include its fsyncs). Prints rows/s and articles/s, and the CPU time per
article (on a loaded shared machine the rates move with the load, the CPU time much less);
asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from presswatch.analyze import load_dataset_nlp
from presswatch.dataset import load_dataset
from presswatch.extract import extract_article
from presswatch.process.analyzers import analyze_batch
from presswatch.store import bulk_writes, open_database, save_analysis
from presswatch.store.journal import savepoints_in_memory

from benchmarks.synthetic import article

FACT_TABLES = (
    "articles",
    "mentions",
    "quotes",
    "claims",
    "claim_topics",
    "stances",
    "person_roles",
    "entities",
)


def analysed_texts(count: int) -> list[tuple[str, dict]]:
    rng = random.Random(11)
    texts = [
        extract_article(article(rng, n)[1], url=None, source="synthetic").body for n in range(count)
    ]
    nlp = load_dataset_nlp(load_dataset(REPO / "datasets" / "fb-messaging-integration"))
    return [
        (text, outcome[1]) for text, outcome in zip(texts, analyze_batch(nlp, texts), strict=True)
    ]


def rows_in(db) -> int:
    return sum(db.table(name).count for name in FACT_TABLES)


def write(
    path: Path, analysed: list[tuple[str, dict]], articles: int, wal: bool, batch: int
) -> tuple[float, float, int]:
    db = open_database(path)
    before = rows_in(db)
    start, cpu = time.perf_counter(), time.process_time()
    in_memory = savepoints_in_memory(db) if batch > 1 else nullcontext()
    with bulk_writes(db) if wal else nullcontext(), in_memory:
        for first in range(0, articles, batch):
            with db.atomic() if batch > 1 else nullcontext():
                for number in range(first, min(first + batch, articles)):
                    text, analysis = analysed[number % len(analysed)]
                    row = {
                        "id": f"bench-{number:07d}",
                        "version": f"v{number % len(analysed)}",
                        "body": text,
                        "url": f"https://harbour-ledger.example/bench/{number}",
                        "title": f"Bench {number}",
                    }
                    save_analysis(db, row, analysis)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    written = rows_in(db) - before
    db.close()
    return seconds, cpu, written


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--analysed", type=int, default=40)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--batch", type=int, default=16, help="articles per transaction")
    args = parser.parse_args()
    analysed = analysed_texts(args.analysed)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        for label, wal, batch in (
            (f"WAL, {args.batch} articles a commit (process)", True, args.batch),
            ("WAL, synchronous=NORMAL, 1 a commit", True, 1),
            ("rollback journal, fsync per commit", False, 1),
        ):
            name = f"{'wal' if wal else 'delete'}-{batch}.db"
            seconds, cpu, rows = write(Path(folder) / name, analysed, args.articles, wal, batch)
            print(
                f"{label:<38} {rows / seconds:9.0f} rows/s  {args.articles / seconds:7.1f} "
                f"articles/s  CPU {1000 * cpu / args.articles:.1f} ms/article  "
                f"({rows} rows, {rows / args.articles:.0f} per article, {seconds:.1f} s)"
            )


if __name__ == "__main__":
    main()
