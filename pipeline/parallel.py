"""`presswatch process --workers N`: the NLP in N processes, the database written by one.

spaCy's own `nlp.pipe(n_process=N)` returns Docs to the parent, and presswatch's facts live in
custom Doc extensions that do not survive that trip; so each worker process loads the pipeline
once, runs `nlp.pipe` (through pipeline.nlp.analyze_texts, batched, in memory zones) over a
batch of texts and sends back the plain-data analyses. The parent keeps the one SQLite writer
and the exact order and logic of the one-process run (process_pending), so `--workers N` and
`--workers 1` make the same database.

The parent cannot know which texts process_pending will ask for without reading the pending
pages, so ParallelAnalyzer first extracts them (cheap next to the NLP) to queue the texts,
then answers each `analyze(text)` call from the workers' results. A text it did not foresee is
analysed in the parent: a wrong guess costs time, never a wrong result.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from pipeline.dataset import Dataset, load_dataset
from pipeline.shards import Shard

BATCH_TEXTS = 16  # texts per task: enough for nlp.pipe batching, small enough to keep both cores busy

_worker_nlp: Any = None  # the pipeline of this worker process, loaded once by _start_worker


def _start_worker(dataset_folder: str) -> None:
    global _worker_nlp
    from pipeline.cli.crawling import load_nlp

    _worker_nlp = load_nlp(load_dataset(Path(dataset_folder)))


def _analyze_batch(texts: list[str]) -> list[tuple[bool, Any]]:
    """(True, analysis) or (False, "Error: message") per text, in order."""
    from pipeline.nlp import analyze_text, analyze_texts

    try:
        return [(True, result) for result in analyze_texts(_worker_nlp, texts, batch_size=len(texts))]
    except Exception:  # noqa: BLE001 - find which text failed; the others keep their results
        results: list[tuple[bool, Any]] = []
        for text in texts:
            try:
                results.append((True, analyze_text(_worker_nlp, text)))
            except Exception as exc:  # noqa: BLE001 - sent back and recorded as that article's failure
                results.append((False, f"{type(exc).__name__}: {exc}"))
        return results


class WorkerFailure(RuntimeError):
    """The NLP failed on this text in a worker; process_pending records it as a failure row."""


def expected_texts(db: sqlite_utils.Database, dataset: Dataset, pending: list[dict[str, Any]],
                   shard: Shard | None) -> list[str]:
    """The bodies process_pending will analyse, in its order (same skips: failures, other shards, unchanged)."""
    from pipeline.process import _extract, _Skip, article_row
    from pipeline.versions import current_version

    versions: dict[str, str] = {}
    texts = []
    for fetch in pending:
        try:
            article = _extract(dataset, fetch)
        except _Skip:
            continue
        row = article_row(article, fetch, False, None)
        if shard is not None and not shard.owns(row["id"]):
            continue
        if row["id"] not in versions:
            previous = current_version(db, row["id"])
            versions[row["id"]] = previous["version"] if previous else ""
        if versions[row["id"]] == row["version"]:
            continue
        versions[row["id"]] = row["version"]
        texts.append(article.body)
    return texts


class ParallelAnalyzer:
    """analyze(text) answered by a pool of `workers` spaCy processes (started on first use)."""

    def __init__(self, dataset: Dataset, workers: int, db: sqlite_utils.Database,
                 pending: list[dict[str, Any]], shard: Shard | None = None):
        self.dataset, self.workers, self.db, self.pending, self.shard = dataset, workers, db, pending, shard
        self._pool: Any = None
        self._results: Iterator[tuple[str, tuple[bool, Any]]] | None = None
        self._early: dict[str, deque[tuple[bool, Any]]] = {}
        self._local: Any = None
        self.fallbacks = 0  # texts analysed in the parent because they were not foreseen
        self.from_workers = 0  # texts whose analysis came from a worker process

    def _start(self) -> None:
        texts = expected_texts(self.db, self.dataset, self.pending, self.shard)
        batches = [texts[i:i + BATCH_TEXTS] for i in range(0, len(texts), BATCH_TEXTS)]
        # spawn: a fresh interpreter per worker (fork would copy the parent's SQLite handle and
        # any threads); the registered pipeline.nlp factories are importable there.
        context = multiprocessing.get_context("spawn")
        self._pool = context.Pool(self.workers, initializer=_start_worker, initargs=(str(self.dataset.folder),))
        results = self._pool.imap(_analyze_batch, batches)
        self._results = ((text, result) for batch, batch_results in zip(batches, results)
                         for text, result in zip(batch, batch_results))

    def __call__(self, text: str) -> dict[str, Any]:
        if self._results is None:
            self._start()
        outcome = self._take(text)
        if outcome is None:
            self.fallbacks += 1
            return self._analyze_here(text)
        ok, value = outcome
        self.from_workers += 1
        if not ok:
            raise WorkerFailure(value)
        return value

    def _take(self, text: str) -> tuple[bool, Any] | None:
        waiting = self._early.get(text)
        if waiting:
            return waiting.popleft()
        assert self._results is not None
        for produced, outcome in self._results:
            if produced == text:
                return outcome
            self._early.setdefault(produced, deque()).append(outcome)
        return None

    def _analyze_here(self, text: str) -> dict[str, Any]:
        from pipeline.cli.crawling import load_nlp
        from pipeline.nlp import analyze_text

        if self._local is None:
            self._local = load_nlp(self.dataset)
        return analyze_text(self._local, text)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
