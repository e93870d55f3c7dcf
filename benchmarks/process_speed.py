"""NLP cost of `process` against the base spaCy model alone, and memory over a growing corpus.

    .venv/bin/python benchmarks/process_speed.py [--articles 110] [--batch-size 16] [--rounds 3]

The corpus is the extracted bodies of the fixture pages (seed included), repeated with a
numbered closing sentence until --articles texts. In one run, on the same texts, it measures:

  raw          the base model alone: nlp.pipe(texts)                       (the reference)
  no storage   nlp.pipe(texts) with the presswatch components + analyze_doc (their cost)
  per-article  what the process stage does today: for each article analyze_text (one
               nlp(text) in a memory zone), save_analysis into a temporary SQLite file
  batched      pipeline.nlp.analyze_texts (nlp.pipe batches in spaCy memory zones), then
               save_analysis
  batched+WAL  the same with the database in WAL mode, synchronous=NORMAL while writing (one
               fsync per checkpoint instead of per article), switched back to a self-contained
               file at the end — the proposed process stage                (target ≥ 0.9 × raw)

and the resident memory after each quarter of every batched run (it must not grow with the
corpus). The modes run in interleaved rounds and the best time of each is reported, so load
from other processes does not favour one mode. Prints figures and ratios; asserts nothing.
Keep runs short on shared machines.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

import spacy

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.dataset import load_dataset
from pipeline.extract import extract_article, read_page
from pipeline.nlp import analyze_text, analyze_texts, load_pipeline, resolve_model_name
from pipeline.store import open_database, save_analysis

DATASET = "fb-messaging-integration"


def rss_mib() -> float:
    """Current resident set size (Linux /proc), in MiB."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def corpus(articles: int) -> list[str]:
    dataset = load_dataset(REPO / "datasets" / DATASET)
    pages = sorted((dataset.folder / "fixtures" / "pages").glob("*.html"))
    bodies = [extract_article(read_page(str(p)), url=None, source=str(p)).body for p in pages]
    bodies = [b for b in bodies if b]
    return [f"{bodies[i % len(bodies)]}\n\nThis is copy number {i}." for i in range(articles)]


def save(db, index: int, text: str, analysis: dict) -> None:
    article = {"id": f"bench-{index}", "version": "v1", "body": text,
               "url": f"https://bench.example/{index}"}
    save_analysis(db, article, analysis)


def time_raw(nlp, texts: list[str], batch_size: int) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_components(nlp, texts: list[str], batch_size: int) -> float:
    start = time.perf_counter()
    for _ in analyze_texts(nlp, texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_per_article(nlp, texts: list[str], folder: Path) -> float:
    db = open_database(folder / "per-article.db")
    start = time.perf_counter()
    for index, text in enumerate(texts):
        save(db, index, text, analyze_text(nlp, text))
    seconds = time.perf_counter() - start
    db.close()
    return seconds


def time_batched(nlp, texts: list[str], batch_size: int, folder: Path,
                 memory: list[float], wal: bool = False) -> tuple[float, float]:
    """Seconds for the whole run and for save_analysis within it; appends the resident memory
    after each quarter of the texts to `memory`. wal: write-ahead log with synchronous=NORMAL
    during the run (one fsync per checkpoint, not per article), back to a self-contained
    rollback-journal file at the end (timed too)."""
    db = open_database(folder / ("wal.db" if wal else "batched.db"))
    if wal:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
    quarter = max(1, len(texts) // 4)
    storing = 0.0
    start = time.perf_counter()
    analyses = analyze_texts(nlp, texts, batch_size=batch_size)
    for index, (text, analysis) in enumerate(zip(texts, analyses, strict=True)):
        saved_at = time.perf_counter()
        save(db, index, text, analysis)
        storing += time.perf_counter() - saved_at
        if (index + 1) % quarter == 0:
            memory.append(rss_mib())
    if wal:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode=DELETE")
    seconds = time.perf_counter() - start
    db.close()
    return seconds, storing


def run(articles: int, batch_size: int, rounds: int, db_dir: str | None) -> None:
    dataset = load_dataset(REPO / "datasets" / DATASET)
    texts = corpus(articles)
    words = sum(len(t.split()) for t in texts)
    model = resolve_model_name(dataset.model_setting)
    print(f"corpus: {len(texts)} articles, {words} words; base model {model}; "
          f"batch size {batch_size}; {os.cpu_count()} CPUs; best of {rounds} interleaved rounds")

    raw_nlp = spacy.load(model)
    presswatch_nlp = load_pipeline(dataset.knowledge_base, model=model,
                                   topics=dataset.config.get("topics"),
                                   stance_target=dataset.config.get("stance_target"))
    # Warm both up so model loading and first-call costs are not timed.
    list(raw_nlp.pipe(texts[:2]))
    list(presswatch_nlp.pipe(texts[:2]))

    # Interleaved rounds, best time per mode: a shared machine's load hits every mode alike.
    times: dict[str, list[float]] = {"raw": [], "components": [], "per_article": [],
                                     "batched": [], "storing": [], "wal": [], "wal_storing": []}
    gc.collect()
    memory: list[float] = [rss_mib()]
    for _ in range(rounds):
        times["raw"].append(time_raw(raw_nlp, texts, batch_size))
        times["components"].append(time_components(presswatch_nlp, texts, batch_size))
        with tempfile.TemporaryDirectory(dir=db_dir) as folder:
            times["per_article"].append(time_per_article(presswatch_nlp, texts, Path(folder)))
            batched, storing = time_batched(presswatch_nlp, texts, batch_size, Path(folder),
                                            memory)
            wal, wal_storing = time_batched(presswatch_nlp, texts, batch_size, Path(folder),
                                            [], wal=True)
        times["batched"].append(batched)
        times["storing"].append(storing)
        times["wal"].append(wal)
        times["wal_storing"].append(wal_storing)
    best = {mode: min(values) for mode, values in times.items()}
    raw = best["raw"]

    def line(label: str, seconds: float, extra: str = "") -> None:
        ratio = "" if seconds == raw else f"  ratio {raw / seconds:.2f} of raw"
        print(f"{label:<34}{len(texts) / seconds:7.2f} articles/s  ({seconds:.1f} s){ratio}{extra}")

    line("raw nlp.pipe (base model)", raw)
    line("presswatch nlp.pipe, no storage", best["components"])
    line("process today (nlp(text) each)", best["per_article"])
    line("process batched (nlp.pipe)", best["batched"],
         f"; save_analysis {100 * best['storing'] / best['batched']:.0f}% of it")
    line("batched + WAL, synchronous=NORMAL", best["wal"],
         f" (target >= 0.90); save_analysis {100 * best['wal_storing'] / best['wal']:.0f}% of it")
    steps = ", ".join(f"{m:.0f}" for m in memory)
    print(f"resident memory (MiB) at start and after each quarter of each batched run: {steps}")
    print(f"growth over the last batched run: {memory[-1] - memory[-4]:+.1f} MiB; over all "
          f"{rounds} runs ({rounds * len(texts)} articles written): {memory[-1] - memory[1]:+.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=110)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--db-dir", default=None,
                        help="Where the temporary databases go (default: the system temp folder; "
                             "give a folder on the disk the datasets live on to include its fsyncs).")
    args = parser.parse_args()
    run(args.articles, args.batch_size, args.rounds, args.db_dir)


if __name__ == "__main__":
    main()
