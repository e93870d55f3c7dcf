"""The process stage on Dask distributed (pipeline/process/cluster.py; issue 20).

The bundled dataset is crawled once by the real CLI. A reference database is made with the
in-process analyzer (what `--workers 1` runs); then copies of the crawled folder are processed
by process_pending with a real 2-worker LocalCluster of processes:
- one of whose workers is killed with SIGKILL while it analyses a batch;
- whose workers' pipelines crash on chosen pages (a Python error on one, the death of the
  worker process on another), through a real worker plugin added for the test;
- reading the archive from a second folder standing for shared storage (a file:// URL),
  through the real CLI.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import dask
import pytest
from distributed import WorkerPlugin
from presswatch.dataset import load_dataset
from presswatch.process.analyzers import InProcessAnalyzer
from presswatch.process.cluster import DaskAnalyzer
from presswatch.process.loop import process_pending
from presswatch.store import open_database
from presswatch.store.archive import archive_location

from tests.conftest import DATASET, crawled_copy, run_presswatch
from tests.db_compare import COMPARED_TABLES, table_rows

# Chosen by reading the bundled articles: each phrase is in exactly one article's body.
RAISES_ON = "unscramble"  # the newsletter issue "Can you still unscramble the egg?"
KILLS_ON = "412 million"  # the council budget story


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return crawled_copy(tmp_path_factory.mktemp("crawled"))


def _process(crawled: Path, destination: Path, analyzer: Any) -> tuple[Path, dict[str, int]]:
    folder = destination / DATASET
    shutil.copytree(crawled, folder)
    dataset = load_dataset(folder)
    db = open_database(dataset.db_path)
    try:
        counts = process_pending(db, dataset, analyzer, run_id=None)
    finally:
        db.close()
        analyzer.close()
    return dataset.db_path, counts


@pytest.fixture(scope="module")
def reference(crawled: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _process(crawled, tmp_path_factory.mktemp("one"), InProcessAnalyzer(load_dataset(crawled)))[0]


class _KillsAWorkerMidBatch(DaskAnalyzer):
    """The real Dask analyzer; once its first batch runs on a worker, that worker gets SIGKILL."""

    killed: int | None = None
    key_at_kill: str | None = None

    def submit(self, texts: list[str]) -> Any:
        result = super().submit(texts)
        if self.killed is None and texts:
            client = self._client
            deadline = time.monotonic() + 60
            while not (busy := {w: keys for w, keys in client.processing().items() if keys}):
                assert time.monotonic() < deadline, "no worker took the batch"
                time.sleep(0.05)
            address, keys = next(iter(busy.items()))
            pid = client.run(os.getpid, workers=[address])[address]
            time.sleep(0.5)  # into the analysis of the batch (one thread per worker: it runs now)
            self.key_at_kill = next(iter(keys))
            os.kill(pid, signal.SIGKILL)
            self.killed = pid
        return result


def test_a_worker_killed_mid_batch_loses_nothing(crawled: Path, reference: Path, tmp_path: Path) -> None:
    analyzer = _KillsAWorkerMidBatch(load_dataset(crawled), workers=2, echo=lambda _line: None)
    analyzer.start()
    analyzer.batch_size = 3  # several batches, so the killed one is not the whole run
    db_path, counts = _process(crawled, tmp_path, analyzer)
    assert analyzer.killed is not None and analyzer.key_at_kill is not None
    with pytest.raises(ProcessLookupError):
        os.kill(analyzer.killed, 0)  # the worker really died
    assert counts["errors"] == 1  # the one page of the bundled crawl that is not an article
    for table in COMPARED_TABLES:
        assert table_rows(db_path, table) == table_rows(reference, table), table
    assert table_rows(db_path, "quotes"), "the comparison would prove nothing"


class _CrashOnPages(WorkerPlugin):
    """Adds, on each worker, a first pipeline component that raises on one page's text and ends
    the worker's process (as a segfault in a model would) on another's."""

    name = "test-crash-on-pages"

    def setup(self, worker: Any) -> None:
        from spacy.language import Language

        @Language.component("test_crash_on_pages")
        def crash(doc: Any) -> Any:
            if KILLS_ON in doc.text:
                os._exit(1)
            if RAISES_ON in doc.text:
                raise ValueError("chosen to fail")
            return doc

        worker.presswatch_nlp.add_pipe("test_crash_on_pages", first=True)


def test_a_page_that_crashes_the_analyzer_is_a_failure_row(crawled: Path, reference: Path, tmp_path: Path) -> None:
    # Dask gives up on a task after its first worker death (the default retries it 3 times,
    # each one a worker restart with a spaCy load: slow for a test, same path).
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        analyzer = DaskAnalyzer(load_dataset(crawled), workers=2, echo=lambda _line: None)
        analyzer.start()
        analyzer._client.register_plugin(_CrashOnPages())
        db_path, counts = _process(crawled, tmp_path, analyzer)
    with sqlite3.connect(db_path) as conn:
        failures = dict(conn.execute("select subject, error from failures where stage = 'analyze'").fetchall())
        bodies = [body for (body,) in conn.execute("select body from articles")]
    with sqlite3.connect(reference) as conn:
        urls = {phrase: conn.execute("select url from articles where body like ?", (f"%{phrase}%",)).fetchall()
                for phrase in (RAISES_ON, KILLS_ON)}
    assert len(urls[RAISES_ON]) == 1 and len(urls[KILLS_ON]) == 1
    assert set(failures) == {urls[RAISES_ON][0][0], urls[KILLS_ON][0][0]}
    assert failures[urls[RAISES_ON][0][0]] == "ValueError: chosen to fail"
    assert failures[urls[KILLS_ON][0][0]].startswith("KilledWorker:")
    # the run went on: every other article is there
    assert len(bodies) == len(table_rows(reference, "articles")) - 2
    assert counts["articles"] == len(bodies)


def test_the_archive_is_read_from_shared_storage(crawled: Path, reference: Path, tmp_path: Path) -> None:
    root = tmp_path / "datasets"
    folder = root / DATASET
    shutil.copytree(crawled, folder)
    store = tmp_path / "object-store" / "news"  # stands for s3://bucket/news
    (store / "build").mkdir(parents=True)
    shutil.move(folder / "build" / "archive", store / "build" / "archive")  # not in the dataset folder any more
    result = run_presswatch("process", DATASET, "--workers", "2", "--archive", store.as_uri(), datasets_root=root)
    assert "dashboard http://" in result.stderr
    db_path = folder / "build" / f"{DATASET}.db"
    for table in COMPARED_TABLES:
        assert table_rows(db_path, table) == table_rows(reference, table), table


def test_without_the_shared_archive_pages_are_failures(crawled: Path, reference: Path, tmp_path: Path) -> None:
    root = tmp_path / "datasets"
    shutil.copytree(crawled, root / DATASET)
    missing = (tmp_path / "nowhere").as_uri()
    run_presswatch("process", DATASET, "--archive", missing, datasets_root=root)
    with sqlite3.connect(root / DATASET / "build" / f"{DATASET}.db") as conn:
        errors = [error for (error,) in conn.execute("select error from failures where stage = 'extract'")]
        assert conn.execute("select count(*) from articles").fetchone()[0] == 0
    unreadable = [error for error in errors if error.startswith("body unreadable from build/archive/run-00001.warc.gz@")]
    assert len(unreadable) == len(table_rows(reference, "articles")), errors
    assert all("nowhere/build/archive/run-00001.warc.gz" in error for error in unreadable)  # where it looked


def test_archive_location() -> None:
    folder = Path("/data/news")
    assert archive_location(folder, "build/archive/run-00001.warc.gz", None) == folder / "build/archive/run-00001.warc.gz"
    assert archive_location(folder, "build/archive/run-00001.warc.gz", "s3://bucket/news/") == \
        "s3://bucket/news/build/archive/run-00001.warc.gz"
    assert archive_location(folder, "build/archive/a.warc.gz", "/mnt/shared/news") == "/mnt/shared/news/build/archive/a.warc.gz"


def test_an_unreachable_scheduler_is_one_clear_message(crawled: Path, tmp_path: Path) -> None:
    root = tmp_path / "datasets"
    shutil.copytree(crawled, root / DATASET)
    result = run_presswatch("process", DATASET, "--cluster", "tcp://127.0.0.1:9", datasets_root=root, check=False)
    assert result.returncode != 0
    assert "no Dask scheduler answers at tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr
