"""The NLP stage as the process stage calls it: batches of texts, here or on a Dask cluster.

process_pending hands an analyzer one batch of article bodies at a time (`submit`) and writes
the results later, in order, with its one SQLite writer. An analyzer answers each batch with
`(True, analysis)` or `(False, "Error: message")` per text, so one bad text becomes that
article's failure row and its neighbours keep their results.

- InProcessAnalyzer (`--workers 1`): nlp.pipe over the batch in this process, on one thread of
  its own, so the stage extracts the next pages and writes finished ones while a batch is
  analysed (the model's matrix products, about a third of its time, run without the GIL).
  spaCy is loaded on the first batch, so an up-to-date dataset costs nothing.
- DaskAnalyzer (`--workers N`, `--cluster URL`; pipeline/process/cluster.py): batches of
  pages (archive location and offset) are tasks on the worker processes of a Dask cluster, each
  with its own pipeline, which read, extract and analyse them, while this process sends the
  next batches and writes finished ones. spaCy's own
  `nlp.pipe(n_process=N)` is not used because it returns Docs, and presswatch's facts live in
  custom Doc extensions that do not survive that trip; a worker sends plain data back instead.

Both keep at most `ahead + 1` batches of texts in memory, so memory does not grow with the
corpus, and both give the same analyses as one `nlp(text)` per text (nlp.pipe batches do not
change a CPU pipeline's output; tests compare the databases row for row).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from presswatch.common.collector import settle_loaded
from presswatch.dataset import Dataset

Outcome = tuple[bool, Any]  # (True, analysis) or (False, "ErrorType: message")

BATCH_TEXTS = 32  # texts per submitted batch (what is held in memory and sent to a worker)
# Texts per nlp.pipe call. Measured on 700–2,000-word articles (en_core_web_sm): 4 is ~17%
# faster than one at a time, while 8 is slower again and 32 needs ~740 MiB instead of ~210
# (the parser and NER hold per-batch state that grows with the batch's tokens).
NLP_BATCH = 4


def analyze_batch(nlp: Any, texts: list[str]) -> list[Outcome]:
    """Every text's outcome, in order: one nlp.pipe pass, or text by text if the pass fails."""
    from presswatch.analyze import analyze_text, analyze_texts

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
    """Batches analysed in this process, one at a time, by one thread that alone uses the
    pipeline."""

    ahead = 1  # one batch analysed while the one before it is written and the next extracted
    batch_size = BATCH_TEXTS

    def __init__(self, dataset: Dataset | None):
        self.dataset = dataset
        self._nlp: Any = None
        self._thread: ThreadPoolExecutor | None = None

    def nlp(self) -> Any:
        if self._nlp is None:
            from presswatch.analyze import load_dataset_nlp

            self._nlp = load_dataset_nlp(self.dataset)
            settle_loaded()  # the pipeline lives as long as the stage: out of the collector's way
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
        """Stop the NLP thread (a batch it is analysing is finished first; queued ones are
        dropped)."""
        if self._thread is not None:
            self._thread.shutdown(wait=True, cancel_futures=True)
            self._thread = None


class ClusterBroken(RuntimeError):
    """No worker is left to analyse the batches (all died, or the Dask scheduler went away); the
    run stops, what was written stays."""
