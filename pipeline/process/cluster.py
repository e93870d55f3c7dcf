"""The NLP of the process stage on a Dask distributed cluster (`--workers N` or `--cluster URL`).

process_pending hands the analyzer one batch of article bodies at a time and writes the
results later, in order, with its one SQLite writer; here each batch is a Dask task. Every
worker loads the dataset's spaCy pipeline once, through a worker plugin, when it joins the
cluster (a worker that comes later, or one the nanny restarts after a crash, loads it too).

Why this gives a database identical to `--workers 1`: a task is a pure function of its texts
(the pipeline is deterministic on CPU), results are written by this process in submission
order, and nothing is written before its batch's result is in. A worker killed mid-batch
loses only its result; the scheduler runs the task again on another worker. A batch that
kills every worker it lands on (Dask gives up with KilledWorker) is split into single texts,
so the one page that takes workers down becomes that article's failure row and its
neighbours are still analysed.

The workers read the pages too: a task is a batch of pages as (archive location, offset) and a
few fetch columns (pipeline/process/pages.py); the worker reads each record through fsspec
(the dataset folder on a path every machine mounts, or `archive_url`: s3://, gs://, file://),
extracts the article and analyses the texts that do not repeat a version the command told it
about. Only plain data travels back (the articles rows and the analyses), because
presswatch's facts live in Doc extensions that do not survive pickling. A batch that kills its
workers is split into single pages, each read in one task and analysed in another, so the
failure row says whether the page's reading or its analysis took the workers down.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin, get_worker
from distributed.scheduler import KilledWorker
from presswatch.dataset import Dataset
from presswatch.process.analyzers import BATCH_TEXTS, ClusterBroken, Outcome, analyze_batch
from presswatch.process.pages import PageJob, PageResult, read_pages
from presswatch.process.shards import Shard

PLUGIN_NAME = "presswatch-nlp"

# Dask's own book-keeping, slowed down on the cluster this command starts. Idle, with the
# defaults, each worker used 33 ms of CPU a second and this command (scheduler and nannies)
# 36-48 ms: an event-loop tick every 20 ms in every server, a sample of the running task's
# stack every 10 ms for the dashboard's Profile tab, memory polled every 100 ms. With these,
# 3 ms and 8 ms. At ~3 articles/s per worker that was ~10 ms of a worker's ~300 ms an article,
# and on 2 cores every ms a worker or the command spends besides the NLP is taken from the NLP
# (benchmarks/dask_speed.py). The dashboard keeps its other pages; a worker over its memory
# limit is still stopped, within half a second. A scheduler given with --cluster keeps its
# own settings.
QUIET_MONITORS = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "500ms",
    "distributed.worker.profile.enabled": False,
}


class SpacyPipeline(WorkerPlugin):
    """Loads the dataset's pipeline once per worker; tasks find it on the worker.

    The Dataset (its settings and knowledge base, plain data) is pickled with the plugin, so a
    remote worker needs presswatch and the spaCy model installed, not the dataset folder.
    """

    name = PLUGIN_NAME

    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    def setup(self, worker: Any) -> None:
        from presswatch.analyze import load_dataset_nlp

        worker.presswatch_nlp = load_dataset_nlp(self.dataset)


def analyze_on_worker(texts: list[str]) -> tuple[str, list[Outcome]]:
    """A task: (the worker's address, every text's outcome) with the worker's loaded pipeline."""
    worker = get_worker()
    return worker.address, analyze_batch(worker.presswatch_nlp, texts)


def pages_on_worker(
    jobs: list[PageJob], known_versions: dict[str, str], shard: Shard | None, analyse: bool = True
) -> tuple[str, list[PageResult]]:
    """A task: every page read from its archive, extracted and (with `analyse`) analysed with the
    worker's pipeline; (the worker's address, the pages' results)."""
    worker = get_worker()
    pages = read_pages(jobs, known_versions, shard.owns if shard is not None else None)
    if analyse:
        wanted = [page for page in pages if page.analyse and page.row is not None]
        texts = [page.row["body"] for page in wanted if page.row]
        outcomes = analyze_batch(worker.presswatch_nlp, texts)
        for page, outcome in zip(wanted, outcomes, strict=True):
            page.outcome = outcome
    return worker.address, pages


class DaskAnalyzer:
    """Batches answered by the workers of a Dask cluster: a LocalCluster of `workers` processes
    this command starts, or the running scheduler at `address`."""

    def __init__(
        self,
        dataset: Dataset,
        workers: int = 1,
        address: str | None = None,
        pending: int | None = None,
        echo: Callable[[str], None] = print,
    ):
        self.dataset, self.address, self.echo = dataset, address, echo
        self.workers = workers
        self._client: Client | None = None
        self._cluster: LocalCluster | None = None
        self.batch_size = BATCH_TEXTS // 2
        self.ahead = 2 * workers
        self._pending = pending
        self.worker_addresses: set[str] = set()
        self.from_workers = 0  # texts whose analysis came back from a worker (reported)
        self.read_by_workers = 0  # pages the workers read from the archive (reported)

    reads_pages = True  # process_pending sends pages (pages_on_worker), not texts

    def start(self) -> None:
        """Start (or join) the cluster and load the pipeline on every worker; prints the
        dashboard."""
        if self._client is not None:
            return
        if self.address:
            try:
                self._client = Client(self.address, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise ClusterBroken(
                    f"no Dask scheduler answers at {self.address} ({type(exc).__name__}: {exc}); "
                    "start one with `dask scheduler` or leave out --cluster"
                ) from exc
            self.workers = max(1, len(self._client.scheduler_info()["workers"]))
        else:
            # One thread per worker process: a spaCy pipeline is not shared by threads, and the
            # parallelism is the processes'. The dashboard gets a free port (several runs can
            # share a machine); without bokeh installed Dask serves no dashboard, only its link.
            # Dask starts its workers with OMP/MKL/OpenBLAS limited to one thread and an eager
            # malloc trim; the in-process analyzer and the retired pool ran spaCy without those
            # limits, and on this shared 2-core VM the limited workers analysed at ~0.6x the
            # pool's rate (benchmarks/dask_speed.py), so the workers get the usual environment.
            with dask.config.set({"distributed.nanny.pre-spawn-environ": {}, **QUIET_MONITORS}):
                self._cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                    silence_logs=logging.ERROR,
                )
            self._client = Client(self._cluster)
        self._client.register_plugin(SpacyPipeline(self.dataset), name=PLUGIN_NAME)
        self.ahead = 2 * self.workers  # one batch running and one queued per worker
        if self._pending:
            # Tasks small enough that every worker gets a share of a short run.
            self.batch_size = max(1, min(self.batch_size, -(-self._pending // (2 * self.workers))))
        self.echo(
            f"Dask cluster {self._client.scheduler.address}: {self.workers} worker(s), "
            f"dashboard {self._client.dashboard_link}"
        )

    def submit(self, texts: list[str]) -> Callable[[], list[Outcome]]:
        if not texts:
            return list
        self.start()
        assert self._client is not None
        # pure=False: two batches with the same texts are two tasks (Dask would merge them).
        future = self._client.submit(analyze_on_worker, texts, pure=False)

        def result() -> list[Outcome]:
            try:
                address, outcomes = future.result()
            except KilledWorker:
                return self._one_by_one(texts)
            except (OSError, TimeoutError) as exc:
                raise ClusterBroken(
                    f"the Dask cluster stopped answering ({type(exc).__name__}: {exc}); "
                    "the articles written so far are kept: run `presswatch process` again to go on"
                ) from exc
            self.worker_addresses.add(address)
            self.from_workers += len(outcomes)
            return outcomes

        return result

    def submit_pages(
        self, jobs: list[PageJob], known_versions: dict[str, str], shard: Shard | None
    ) -> Callable[[], list[PageResult]]:
        """Pages for a worker to read, extract and analyse; their results later, in order."""
        self.start()
        assert self._client is not None
        future = self._client.submit(pages_on_worker, jobs, known_versions, shard, pure=False)

        def result() -> list[PageResult]:
            try:
                address, pages = self._answer(future)
            except KilledWorker:
                return [self._page_alone(job, known_versions, shard) for job in jobs]
            self._count(address, pages)
            return pages

        return result

    def _answer(self, future: Any) -> Any:
        try:
            return future.result()
        except (OSError, TimeoutError) as exc:
            raise ClusterBroken(
                f"the Dask cluster stopped answering ({type(exc).__name__}: {exc}); the articles "
                "written so far are kept: run `presswatch process` again to go on"
            ) from exc

    def _count(self, address: str, pages: list[PageResult]) -> None:
        self.worker_addresses.add(address)
        self.read_by_workers += len(pages)
        self.from_workers += sum(page.outcome is not None for page in pages)

    def _page_alone(
        self, job: PageJob, known_versions: dict[str, str], shard: Shard | None
    ) -> PageResult:
        """A page of a batch that killed its workers: read in one task, analysed in another, so
        its failure row says which of the two killed them."""
        assert self._client is not None
        try:
            address, (page,) = self._answer(
                self._client.submit(
                    pages_on_worker, [job], known_versions, shard, False, pure=False
                )
            )
        except KilledWorker as exc:
            return PageResult(
                None,
                "KilledWorker: reading or extracting the page killed every "
                f"worker that tried ({exc})",
            )
        self._count(address, [page])
        if page.analyse and page.row is not None:
            (page.outcome,) = self._one_by_one([page.row["body"]])
        return page

    def _one_by_one(self, texts: list[str]) -> list[Outcome]:
        """A batch that killed its workers again and again: each text alone, and one at a time,
        so that when a worker dies the text it ran is the one that did it (tasks queued beside it
        would be blamed too); that text fails (its failure row names the crash), the others are
        analysed. Slow, but only for the batches a worker died on."""
        assert self._client is not None
        outcomes: list[Outcome] = []
        for text in texts:
            try:
                address, (outcome,) = self._client.submit(
                    analyze_on_worker, [text], pure=False
                ).result()
            except KilledWorker as exc:
                outcome = (
                    False,
                    f"KilledWorker: the text killed every worker that analysed it ({exc})",
                )
            else:
                self.worker_addresses.add(address)
                self.from_workers += 1
            outcomes.append(outcome)
        return outcomes

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
