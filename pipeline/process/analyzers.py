"""The NLP stage as the process stage calls it: batches of texts, here or in a pool of processes.

process_pending hands an analyzer one batch of article bodies at a time (`submit`) and writes
the results later, in order, with its one SQLite writer. An analyzer answers each batch with
`(True, analysis)` or `(False, "Error: message")` per text, so one bad text becomes that
article's failure row and its neighbours keep their results.

- InProcessAnalyzer (`--workers 1`): nlp.pipe over the batch in this process, on one thread of
  its own, so the stage extracts the next pages and writes finished ones while a batch is
  analysed (the model's matrix products, about a third of its time, run without the GIL).
  spaCy is loaded on the first batch, so an up-to-date dataset costs nothing.
- PoolAnalyzer (`--workers N`): N spawned processes, each with its own pipeline, answer the
  batches while this process extracts the next pages and writes finished ones. spaCy's own
  `nlp.pipe(n_process=N)` is not used because it returns Docs, and presswatch's facts live in
  custom Doc extensions that do not survive that trip; a worker sends plain data back instead.

Both keep at most `ahead + 1` batches of texts in memory, so memory does not grow with the
corpus, and both give the same analyses as one `nlp(text)` per text (nlp.pipe batches do not
change a CPU pipeline's output; tests compare the databases row for row).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from pipeline.dataset import Dataset, load_dataset

Outcome = tuple[bool, Any]  # (True, analysis) or (False, "ErrorType: message")

BATCH_TEXTS = 32  # texts per submitted batch (what is held in memory and sent to a worker)
# Texts per nlp.pipe call. Measured on 700–2,000-word articles (en_core_web_sm): 4 is ~17%
# faster than one at a time, while 8 is slower again and 32 needs ~740 MiB instead of ~210
# (the parser and NER hold per-batch state that grows with the batch's tokens).
NLP_BATCH = 4


def analyze_batch(nlp: Any, texts: list[str]) -> list[Outcome]:
    """Every text's outcome, in order: one nlp.pipe pass, or text by text if the pass fails."""
    from pipeline.analyze import analyze_text, analyze_texts

    try:
        return [(True, result) for result in analyze_texts(nlp, texts, batch_size=NLP_BATCH)]
    except Exception:  # noqa: BLE001 - find which text failed; the others keep their results
        outcomes: list[Outcome] = []
        for text in texts:
            try:
                outcomes.append((True, analyze_text(nlp, text)))
            except Exception as exc:  # noqa: BLE001 - recorded as that article's failure row
                outcomes.append((False, f"{type(exc).__name__}: {exc}"))
        return outcomes


class InProcessAnalyzer:
    """Batches analysed in this process, one at a time, by one thread that alone uses the pipeline."""

    ahead = 1  # one batch analysed while the one before it is written and the next extracted
    batch_size = BATCH_TEXTS

    def __init__(self, dataset: Dataset | None):
        self.dataset = dataset
        self._nlp: Any = None
        self._thread: ThreadPoolExecutor | None = None

    def nlp(self) -> Any:
        if self._nlp is None:
            from pipeline.analyze import load_dataset_nlp

            self._nlp = load_dataset_nlp(self.dataset)
        return self._nlp

    def submit(self, texts: list[str]) -> Callable[[], list[Outcome]]:
        if not texts:
            return list
        if self._thread is None:
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="presswatch-nlp")
        # One thread, so batches are analysed in the order given and never two at once (a
        # spaCy pipeline is not made to be shared by threads); errors come back from result().
        return self._thread.submit(lambda: analyze_batch(self.nlp(), texts)).result

    def close(self) -> None:
        """Stop the NLP thread (a batch it is analysing is finished first; queued ones are dropped)."""
        if self._thread is not None:
            self._thread.shutdown(wait=True, cancel_futures=True)
            self._thread = None


_worker_nlp: Any = None  # the pipeline of a pool worker process, loaded once by _start_worker


PARENT_CHECK_SECONDS = 2.0


def _start_worker(dataset_folder: str) -> None:
    global _worker_nlp
    # A run killed with SIGKILL cannot shut its pool down, and a worker waiting on its task
    # queue would wait for ever, holding its model's memory: it leaves once it is orphaned.
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    # spaCy is imported only now, after the watch has started: under load its import alone
    # can take longer than a killed run's workers are allowed to outlive it.
    from pipeline.analyze import load_dataset_nlp

    _worker_nlp = load_dataset_nlp(load_dataset(Path(dataset_folder)))


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _analyze_in_worker(texts: list[str]) -> tuple[int, list[Outcome]]:
    return os.getpid(), analyze_batch(_worker_nlp, texts)


class WorkerPoolBroken(RuntimeError):
    """A worker process died (killed, out of memory); the run stops, what was written stays."""


class PoolAnalyzer:
    """Batches answered by `workers` spawned processes, each loading the pipeline once."""

    def __init__(self, dataset: Dataset, workers: int, pending: int | None = None):
        self.dataset, self.workers = dataset, workers
        # Tasks of half a batch keep every worker busy near the end of a run; a short run is
        # split so that each worker gets a share (`pending`: how many pages are waiting).
        self.batch_size = BATCH_TEXTS // 2
        if pending:
            self.batch_size = max(1, min(self.batch_size, -(-pending // (2 * workers))))
        self.ahead = 2 * workers  # one batch running and one queued per worker
        self._pool: ProcessPoolExecutor | None = None
        self.worker_pids: set[int] = set()
        self.from_workers = 0  # texts whose analysis came back from another process (reported)

    def submit(self, texts: list[str]) -> Callable[[], list[Outcome]]:
        if not texts:
            return list
        if self._pool is None:
            # spawn: a fresh interpreter per worker (fork would copy this process's SQLite
            # handle and threads); the registered pipeline.analyze factories import there.
            import multiprocessing

            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker, initargs=(str(self.dataset.folder),))
        future = self._pool.submit(_analyze_in_worker, texts)

        def result() -> list[Outcome]:
            try:
                pid, outcomes = future.result()
            except BrokenProcessPool as exc:
                raise WorkerPoolBroken(
                    "an NLP worker process died (killed or out of memory); the articles written so far "
                    "are kept: run `presswatch process` again to go on, with fewer --workers if memory is short"
                ) from exc
            if pid != os.getpid():
                self.worker_pids.add(pid)
                self.from_workers += len(outcomes)
            return outcomes

        return result

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
