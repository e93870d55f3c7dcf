"""NLP cost of `process` against the base spaCy model alone, on realistic synthetic articles.

    .venv/bin/python benchmarks/process_speed.py [--articles 300] [--rounds 2]

The corpus is --articles synthetic news pages (benchmarks/synthetic.py: 300–2,000 words,
quotes from named fictional commentators), replayed once into a copy of the dataset by the
real CLI (`presswatch crawl --replay`). In one run, on the same article bodies, it measures:

  raw          the base model alone: nlp.pipe(texts, batch_size=32)            (the reference)
  no storage   nlp.pipe with the presswatch components + analyze_doc (their own cost)
  process      the process stage itself: pipeline.process.process_pending with the in-process
               analyzer on a fresh copy of the crawled folder — reading each page from the WARC,
               extraction, batched NLP, SQLite writes in WAL, the end-of-stage passes
               (target: ≥ 0.9 × raw)

Both pipelines are loaded and warmed before timing. The modes run in interleaved rounds and the
best time of each is reported, so load from other processes does not favour one mode. It also
prints the resident memory after each quarter of the last process run (it must not grow with the
corpus). Prints figures and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.synthetic import article, write_archive
from pipeline.analyzers import BATCH_TEXTS, InProcessAnalyzer, load_dataset_nlp
from pipeline.dataset import load_dataset
from pipeline.extract import extract_article
from pipeline.nlp import analyze_texts, resolve_model_name
from pipeline.process import process_pending
from pipeline.store import open_database

DATASET = "fb-messaging-integration"


def rss_mib() -> float:
    """Current resident set size (Linux /proc), in MiB."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def crawled_corpus(articles: int, work: Path) -> tuple[Path, list[str]]:
    """(datasets root holding the crawled copy, the article bodies process will analyse)."""
    root = work / "crawled"
    shutil.copytree(REPO / "datasets" / DATASET, root / DATASET, ignore=shutil.ignore_patterns("build"))
    archive = work / "synthetic.warc.gz"
    write_archive(articles, archive)
    subprocess.run([sys.executable, "-m", "pipeline", "crawl", DATASET, "--replay", str(archive)],
                   env={**os.environ, "PRESSWATCH_DATASETS": str(root)}, cwd=root, check=True,
                   capture_output=True)
    rng = random.Random(7)  # the seed write_archive uses: the same pages again
    texts = [extract_article(page_html, url=None, source="synthetic").body
             for _title, page_html in (article(rng, number) for number in range(articles))]
    return root, texts


def time_raw(nlp, texts: list[str]) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH_TEXTS):
        pass
    return time.perf_counter() - start


def time_components(nlp, texts: list[str]) -> float:
    start = time.perf_counter()
    for _ in analyze_texts(nlp, texts, batch_size=BATCH_TEXTS):
        pass
    return time.perf_counter() - start


class _Preloaded(InProcessAnalyzer):
    """The stage's in-process analyzer with the already loaded pipeline (loading is not timed)."""

    def __init__(self, nlp, memory: list[float], quarter: int):
        super().__init__(None)
        self._nlp, self.memory, self.quarter, self.texts = nlp, memory, quarter, 0

    def submit(self, texts):
        result = super().submit(texts)

        def counted():
            outcomes = result()
            before, self.texts = self.texts, self.texts + len(texts)
            if before // self.quarter != self.texts // self.quarter:
                self.memory.append(rss_mib())
            return outcomes
        return counted


def time_process(nlp, crawled: Path, work: Path, memory: list[float], articles: int) -> tuple[float, int]:
    root = work / "process"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(crawled, root / DATASET)
    dataset = load_dataset(root / DATASET)
    db = open_database(dataset.db_path)
    memory.clear()
    memory.append(rss_mib())
    start = time.perf_counter()
    counts = process_pending(db, dataset, _Preloaded(nlp, memory, max(1, articles // 4)))
    seconds = time.perf_counter() - start
    db.close()
    return seconds, counts["articles"]


def run(articles: int, rounds: int) -> None:
    dataset = load_dataset(REPO / "datasets" / DATASET)
    model = resolve_model_name(dataset.model_setting)
    with tempfile.TemporaryDirectory(prefix="presswatch-process-speed-") as folder:
        work = Path(folder)
        crawled, texts = crawled_corpus(articles, work)
        words = sum(len(t.split()) for t in texts)
        print(f"corpus: {len(texts)} synthetic articles, {words} words; base model {model}; "
              f"batch size {BATCH_TEXTS}; {os.cpu_count()} CPUs; best of {rounds} interleaved rounds")
        raw_nlp = spacy.load(model)
        presswatch_nlp = load_dataset_nlp(dataset)
        list(raw_nlp.pipe(texts[:4]))  # warm both up: first calls are not what a long run pays
        list(analyze_texts(presswatch_nlp, texts[:4]))
        times: dict[str, list[float]] = {"raw": [], "components": [], "process": []}
        memory: list[float] = []
        written = 0
        for _ in range(rounds):
            gc.collect()
            times["raw"].append(time_raw(raw_nlp, texts))
            times["components"].append(time_components(presswatch_nlp, texts))
            seconds, written = time_process(presswatch_nlp, crawled / DATASET, work, memory, articles)
            times["process"].append(seconds)
    best = {mode: min(values) for mode, values in times.items()}
    raw = best["raw"]

    def line(label: str, seconds: float, extra: str = "") -> None:
        ratio = "" if seconds == raw else f"  ratio {raw / seconds:.2f} of raw"
        print(f"{label:<36}{len(texts) / seconds:7.2f} articles/s  ({seconds:.1f} s){ratio}{extra}")

    line("raw nlp.pipe (base model)", raw)
    line("presswatch nlp.pipe, no storage", best["components"])
    line("process stage (process_pending)", best["process"], f" (target >= 0.90); {written} articles written")
    print("resident memory (MiB) at the start and after each quarter of the last process run: "
          + ", ".join(f"{m:.0f}" for m in memory))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    run(args.articles, args.rounds)


if __name__ == "__main__":
    main()
