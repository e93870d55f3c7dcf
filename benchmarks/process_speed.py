"""NLP cost of `process` against the base spaCy model alone, on realistic synthetic articles.

    .venv/bin/python benchmarks/process_speed.py [--articles 300] [--rounds 2]

The corpus is --articles synthetic news pages (benchmarks/synthetic.py: 300–2,000 words,
quotes from named fictional commentators), replayed once into a copy of the dataset by the
real CLI (`presswatch crawl --replay`). In one run, on the same article bodies, it measures:

  raw          the base model alone, as spaCy ships it: nlp.pipe(texts) at batch sizes 4 and
               32; the faster of the two is the reference
  stock ruler  nlp.pipe with the presswatch components + analyze_doc, the model's
               attribute_ruler left as spaCy runs it (what the components cost on their own)
  no storage   the same with the compiled attribute ruler, as `process` runs it
  serial       the process stage with the NLP on the calling thread: every page's extraction
               and writes wait for the NLP and the NLP waits for them (how it ran before the
               analyzer got its own thread; shows what the overlap buys)
  process      the process stage itself: presswatch.process.loop.process_pending with the in-process
               analyzer on a fresh copy of the crawled folder — reading each page from the WARC,
               extraction, batched NLP on the analyzer's thread while the previous batch is
               written, SQLite writes in WAL, the end-of-stage passes (floor: ≥ 0.85 × raw,
               the figure issue 16 holds the stage to)

The pipelines are loaded and warmed before timing. The modes run in interleaved rounds and the best
time of each is reported, so load from other processes does not favour one mode. CPU seconds (this
process's own, all threads; all of it runs here) are printed beside the wall-clock ones; they are
not immune to a busy machine either (on this 2-core VM a neighbour's load moved them by up to ~15%),
so run it quiet. It also prints the resident memory after each quarter of the last process run (it
must not grow with the corpus). Prints figures and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import spacy

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from presswatch.analyze import analyze_texts, load_dataset_nlp, resolve_model_name
from presswatch.analyze.loading import read_pipeline_config
from presswatch.dataset import load_dataset
from presswatch.extract import extract_article
from presswatch.process.analyzers import (
    BATCH_TEXTS,
    NLP_BATCH,
    InProcessAnalyzer,
    analyze_batch,
)
from presswatch.process.loop import process_pending
from presswatch.store import open_database
from presswatch.store.archive import iter_responses

from benchmarks.replayed import DATASET, crawled_copy
from benchmarks.synthetic import write_archive


def rss_mib() -> float:
    """Current resident set size (Linux /proc), in MiB."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def crawled_corpus(articles: int, work: Path) -> tuple[Path, list[str]]:
    """(datasets root holding the crawled copy, the article bodies process will analyse)."""
    archive = work / "synthetic.warc.gz"
    write_archive(articles, archive)
    root = crawled_copy(archive, work)
    # The bodies the process stage will analyse: every article page of the archive, extracted.
    texts = []
    for _offset, response in iter_responses(archive):
        if response.status == 200 and "html" in (response.header("content-type") or ""):
            page = extract_article(response.body, url=response.url, source=response.url)
            if not page.error and page.body:
                texts.append(page.body)
    return root, texts


class Clock:
    """Wall-clock and CPU seconds of this process since it was made (all of the stage runs in
    this process, so CPU seconds are the work done, whatever else the machine is running)."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def read(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def time_raw(nlp, texts: list[str], batch_size: int) -> tuple[float, float]:
    clock = Clock()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return clock.read()


def time_components(nlp, texts: list[str]) -> tuple[float, float]:
    clock = Clock()
    for _ in analyze_texts(nlp, texts, batch_size=NLP_BATCH):
        pass
    return clock.read()


def stock_ruler_nlp(dataset, work: Path):
    """The dataset's pipeline with the model's attribute_ruler as spaCy runs it."""
    config = read_pipeline_config()
    config["presswatch"]["compiled_attribute_ruler"] = False
    path = work / "stock-ruler.cfg"
    config.to_disk(path)
    return load_dataset_nlp(dataset, config_path=path)


class _Preloaded(InProcessAnalyzer):
    """The stage's in-process analyzer with the already loaded pipeline (loading is not timed);
    with overlap=False, the NLP runs on the calling thread when a result is asked for."""

    def __init__(self, nlp, memory: list[float], quarter: int, overlap: bool = True):
        super().__init__(None)
        self._nlp, self.memory, self.quarter, self.texts = nlp, memory, quarter, 0
        self.overlap = overlap
        self.ahead = 1 if overlap else 0

    def submit(self, texts):
        if self.overlap:
            result = super().submit(texts)
        else:

            def result():
                return analyze_batch(self._nlp, texts) if texts else []

        def counted():
            outcomes = result()
            before, self.texts = self.texts, self.texts + len(texts)
            if before // self.quarter != self.texts // self.quarter:
                self.memory.append(rss_mib())
            return outcomes

        return counted


def time_process(
    nlp, crawled: Path, work: Path, memory: list[float], articles: int, overlap: bool = True
) -> tuple[tuple[float, float], int]:
    root = work / "process"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(crawled, root / DATASET)
    dataset = load_dataset(root / DATASET)
    db = open_database(dataset.db_path)
    memory.clear()
    memory.append(rss_mib())
    analyzer = _Preloaded(nlp, memory, max(1, articles // 4), overlap)
    clock = Clock()
    try:
        counts = process_pending(db, dataset, analyzer)
    finally:
        analyzer.close()
    seconds = clock.read()
    db.close()
    return seconds, counts["articles"]


def run(articles: int, rounds: int) -> None:
    dataset = load_dataset(REPO / "datasets" / DATASET)
    model = resolve_model_name(dataset.model_setting)
    with tempfile.TemporaryDirectory(prefix="presswatch-process-speed-") as folder:
        work = Path(folder)
        crawled, texts = crawled_corpus(articles, work)
        words = sum(len(t.split()) for t in texts)
        print(
            f"corpus: {len(texts)} synthetic articles, {words} words; base model {model}; "
            f"nlp.pipe batch {NLP_BATCH} ({BATCH_TEXTS} texts per submitted batch); "
            f"{os.cpu_count()} CPUs; best of {rounds} interleaved rounds"
        )
        raw_nlp = spacy.load(model)
        presswatch_nlp = load_dataset_nlp(dataset)
        stock_nlp = stock_ruler_nlp(dataset, work)
        list(raw_nlp.pipe(texts[:4]))  # warm all up: first calls are not what a long run pays
        list(analyze_texts(presswatch_nlp, texts[:4]))
        list(analyze_texts(stock_nlp, texts[:4]))
        modes = [
            f"raw {NLP_BATCH}",
            f"raw {BATCH_TEXTS}",
            "stock",
            "components",
            "serial",
            "process",
        ]
        times: dict[str, list[tuple[float, float]]] = {mode: [] for mode in modes}
        memory: list[float] = []
        written = 0
        for _ in range(rounds):
            gc.collect()
            times[f"raw {NLP_BATCH}"].append(time_raw(raw_nlp, texts, NLP_BATCH))
            times[f"raw {BATCH_TEXTS}"].append(time_raw(raw_nlp, texts, BATCH_TEXTS))
            times["stock"].append(time_components(stock_nlp, texts))
            times["components"].append(time_components(presswatch_nlp, texts))
            seconds, _written = time_process(
                presswatch_nlp, crawled / DATASET, work, memory, articles, overlap=False
            )
            times["serial"].append(seconds)
            seconds, written = time_process(
                presswatch_nlp, crawled / DATASET, work, memory, articles
            )
            times["process"].append(seconds)
    # Best wall and best CPU time of each mode; the reference is the faster raw batch size.
    wall = {mode: min(w for w, _ in values) for mode, values in times.items()}
    cpu = {mode: min(c for _, c in values) for mode, values in times.items()}
    raw_wall = min(wall[f"raw {NLP_BATCH}"], wall[f"raw {BATCH_TEXTS}"])
    raw_cpu = min(cpu[f"raw {NLP_BATCH}"], cpu[f"raw {BATCH_TEXTS}"])
    print(f"{'':<36}{'articles/s':>11} {'wall s':>8} {'ratio':>6}   {'CPU s':>7} {'ratio':>6}")

    def line(label: str, mode: str, extra: str = "") -> None:
        print(
            f"{label:<36}{len(texts) / wall[mode]:11.2f} {wall[mode]:8.1f} "
            f"{raw_wall / wall[mode]:6.2f}"
            f"   {cpu[mode]:7.1f} {raw_cpu / cpu[mode]:6.2f}{extra}"
        )

    for size in (NLP_BATCH, BATCH_TEXTS):
        line(f"raw nlp.pipe, batch {size}", f"raw {size}")
    line("presswatch nlp.pipe, stock ruler", "stock")
    line("presswatch nlp.pipe, no storage", "components")
    line("process stage, NLP on the same thread", "serial")
    line(
        "process stage (process_pending)",
        "process",
        f"  (floor >= 0.85); {written} articles written",
    )
    print(
        "ratios are against the faster raw batch size (1.00 there); resident memory (MiB) at the "
        "start and after each quarter of the last process run: "
        + ", ".join(f"{m:.0f}" for m in memory)
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    run(args.articles, args.rounds)


if __name__ == "__main__":
    main()
