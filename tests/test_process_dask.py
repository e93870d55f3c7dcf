"""The process stage on Dask distributed (pipeline/process/cluster.py; issue 20).

The bundled dataset is crawled once by the real CLI. A reference database is made with the
in-process analyzer (what `--workers 1` runs); then copies of the crawled folder are processed
by process_pending with a real 2-worker LocalCluster of processes:
- one of whose workers is killed with SIGKILL while it analyses a batch;
- whose workers' pipelines crash on chosen pages (a Python error on one, the death of the
  worker process on another), through a real worker plugin added for the test;
- reading the archive from a second folder standing for shared storage (a file:// URL), the
  dataset folder's own archive moved there: the workers read every page (the command's own
  reading is made to fail), through process_pending and through the real CLI, also killed
  mid-run and restarted.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
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
from presswatch.process.pages import page_job, read_pages
from presswatch.process.shards import Shard
from presswatch.store import open_database
from presswatch.store.archive import archive_location

from tests.conftest import DATASET, PRESSWATCH, crawled_copy, run_presswatch
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
    return _process(
        crawled, tmp_path_factory.mktemp("one"), InProcessAnalyzer(load_dataset(crawled))
    )[0]


class _KillsAWorkerMidBatch(DaskAnalyzer):
    """The real Dask analyzer; once its first batch runs on a worker, that worker gets SIGKILL."""

    killed: int | None = None
    key_at_kill: str | None = None

    def submit_pages(self, jobs: list[Any], known_versions: dict[str, str], shard: Any) -> Any:
        result = super().submit_pages(jobs, known_versions, shard)
        if self.killed is None and jobs:
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


def test_a_worker_killed_mid_batch_loses_nothing(
    crawled: Path, reference: Path, tmp_path: Path
) -> None:
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


def test_a_page_that_crashes_the_analyzer_is_a_failure_row(
    crawled: Path, reference: Path, tmp_path: Path
) -> None:
    # Dask gives up on a task after its first worker death (the default retries it 3 times,
    # each one a worker restart with a spaCy load: slow for a test, same path).
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        analyzer = DaskAnalyzer(load_dataset(crawled), workers=2, echo=lambda _line: None)
        analyzer.start()
        analyzer._client.register_plugin(_CrashOnPages())
        db_path, counts = _process(crawled, tmp_path, analyzer)
    with sqlite3.connect(db_path) as conn:
        failures = dict(
            conn.execute("select subject, error from failures where stage = 'analyze'").fetchall()
        )
        bodies = [body for (body,) in conn.execute("select body from articles")]
    with sqlite3.connect(reference) as conn:
        urls = {
            phrase: conn.execute(
                "select url from articles where body like ?", (f"%{phrase}%",)
            ).fetchall()
            for phrase in (RAISES_ON, KILLS_ON)
        }
    assert len(urls[RAISES_ON]) == 1 and len(urls[KILLS_ON]) == 1
    assert set(failures) == {urls[RAISES_ON][0][0], urls[KILLS_ON][0][0]}
    assert failures[urls[RAISES_ON][0][0]] == "ValueError: chosen to fail"
    assert failures[urls[KILLS_ON][0][0]].startswith("KilledWorker:")
    # the run went on: every other article is there
    assert len(bodies) == len(table_rows(reference, "articles")) - 2
    assert counts["articles"] == len(bodies)


def test_the_archive_is_read_from_shared_storage(
    crawled: Path, reference: Path, tmp_path: Path
) -> None:
    root = tmp_path / "datasets"
    folder = root / DATASET
    shutil.copytree(crawled, folder)
    store = tmp_path / "object-store" / "news"  # stands for s3://bucket/news
    (store / "build").mkdir(parents=True)
    shutil.move(
        folder / "build" / "archive", store / "build" / "archive"
    )  # not in the dataset folder any more
    result = run_presswatch(
        "process", DATASET, "--workers", "2", "--archive", store.as_uri(), datasets_root=root
    )
    assert "dashboard http://" in result.stderr
    pending = len(table_rows(reference, "articles")) + len(table_rows(reference, "failures"))
    read = f"which read {pending} page(s) from the archive at {store.as_uri()}"
    assert read in result.stderr, result.stderr
    db_path = folder / "build" / f"{DATASET}.db"
    for table in COMPARED_TABLES:
        assert table_rows(db_path, table) == table_rows(reference, table), table


def _dataset_and_store(crawled: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the crawled dataset folder whose archive was moved to a second folder standing
    for an object store (s3://bucket/news): (the datasets root, the store)."""
    root = tmp_path / "datasets"
    shutil.copytree(crawled, root / DATASET)
    store = tmp_path / "object-store" / "news"
    (store / "build").mkdir(parents=True)
    shutil.move(root / DATASET / "build" / "archive", store / "build" / "archive")
    return root, store


def test_the_workers_read_every_page_from_the_store(
    crawled: Path, reference: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import presswatch.process.pages

    root, store = _dataset_and_store(crawled, tmp_path)
    folder = root / DATASET
    (folder / "dataset.yml").write_text(
        (folder / "dataset.yml").read_text(encoding="utf-8") + f"archive_url: {store.as_uri()}\n",
        encoding="utf-8",
    )

    def not_here(location: object, offset: int) -> None:
        raise AssertionError(f"the command read {location}@{offset} itself")

    # Only this process's reader: the workers are processes of their own, with their own imports.
    monkeypatch.setattr(presswatch.process.pages, "read_response_at", not_here)
    dataset = load_dataset(folder)
    assert dataset.archive_url == store.as_uri()
    pending = len(table_rows(reference, "articles")) + len(table_rows(reference, "failures"))
    analyzer = DaskAnalyzer(dataset, workers=2, pending=pending, echo=lambda _line: None)
    analyzer.start()  # batches cut for two workers (as the process command does)
    db = open_database(dataset.db_path)
    try:
        counts = process_pending(db, dataset, analyzer, run_id=None)
    finally:
        db.close()
        analyzer.close()
    assert analyzer.read_by_workers == pending
    assert len(analyzer.worker_addresses) == 2
    assert counts["articles"] == len(table_rows(reference, "articles"))
    for table in COMPARED_TABLES:
        assert table_rows(dataset.db_path, table) == table_rows(reference, table), table


def _articles_now(db_path: Path) -> int:
    conn = None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=0.2)
        return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:
        return 0  # not created yet, or busy
    finally:
        if conn is not None:
            conn.close()  # at once: an open reader would stop the stage's switch out of WAL mode


def test_a_run_killed_mid_way_and_restarted_writes_each_row_once(
    crawled: Path, reference: Path, tmp_path: Path
) -> None:
    root, store = _dataset_and_store(crawled, tmp_path)
    db_path = root / DATASET / "build" / f"{DATASET}.db"
    total = len(table_rows(reference, "articles"))
    command = [*PRESSWATCH, "process", DATASET, "--workers", "2", "--archive", store.as_uri()]
    run = subprocess.Popen(
        command,
        cwd=root,
        env={**os.environ, "PRESSWATCH_DATASETS": str(root)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 180
    while _articles_now(db_path) == 0:
        assert run.poll() is None and time.monotonic() < deadline, "the run wrote no article"
        time.sleep(0.05)
    run.kill()  # SIGKILL: no clean-up of any kind
    run.wait()
    written = _articles_now(db_path)
    assert 0 < written < total, "the kill came too late to test a restart"
    run_presswatch(
        "process", DATASET, "--workers", "2", "--archive", store.as_uri(), datasets_root=root
    )
    for table in COMPARED_TABLES:
        assert table_rows(db_path, table) == table_rows(reference, table), table


@pytest.mark.parametrize("workers", ["1", "2"])
def test_without_the_shared_archive_pages_are_failures(
    crawled: Path, reference: Path, tmp_path: Path, workers: str
) -> None:
    root = tmp_path / "datasets"
    shutil.copytree(crawled, root / DATASET)
    missing = (tmp_path / "nowhere").as_uri()
    run_presswatch(
        "process", DATASET, "--archive", missing, "--workers", workers, datasets_root=root
    )
    with sqlite3.connect(root / DATASET / "build" / f"{DATASET}.db") as conn:
        errors = [
            error for (error,) in conn.execute("select error from failures where stage = 'extract'")
        ]
        assert conn.execute("select count(*) from articles").fetchone()[0] == 0
    unreadable = [
        error
        for error in errors
        if error.startswith("body unreadable from build/archive/run-00001.warc.gz@")
    ]
    assert len(unreadable) == len(table_rows(reference, "articles")), errors
    for error in unreadable:
        assert f"{missing}/build/archive/run-00001.warc.gz: FileNotFoundError" in error  # where
        assert "set archive_url in dataset.yml (or --archive)" in error  # what to do
    # The setting fixed (here: no --archive, the dataset folder has its archive), the pages are
    # read again and their failure rows go: the database is the one a first good run makes.
    result = run_presswatch("process", DATASET, "--workers", workers, datasets_root=root)
    assert f"{len(unreadable)} page(s) to extract and analyse" in result.stderr
    db_path = root / DATASET / "build" / f"{DATASET}.db"
    for table in COMPARED_TABLES:
        assert table_rows(db_path, table) == table_rows(reference, table), table


def test_the_workers_skip_the_nlp_of_a_text_they_know(crawled: Path) -> None:
    dataset = load_dataset(crawled)
    with sqlite3.connect(dataset.db_path) as conn:
        conn.row_factory = sqlite3.Row
        fetches = [
            dict(row)
            for row in conn.execute(
                "select * from fetches where content_type like 'text/html%' order by url limit 3"
            )
        ]
    jobs = [page_job(fetch, crawled, None, False, None) for fetch in fetches]
    first, second, third = read_pages(jobs, {}, None)
    assert first.row is not None and second.row is not None and third.row is not None
    assert first.analyse and second.analyse and third.analyse  # nothing known: every text
    known = {first.row["id"]: first.row["version"], second.row["id"]: "an older version"}
    again = read_pages([*jobs, jobs[0]], known, None)
    assert [page.analyse for page in again] == [False, True, True, False]
    bodies = [page.row["body"] for page in again if page.row]
    assert bodies == [first.row["body"], second.row["body"], third.row["body"], first.row["body"]]
    mine = read_pages(jobs, {}, lambda article_id: article_id == third.row["id"])
    assert [page.analyse for page in mine] == [False, False, True]  # others' texts: not analysed


def test_archive_location() -> None:
    folder = Path("/data/news")
    assert (
        archive_location(folder, "build/archive/run-00001.warc.gz", None)
        == folder / "build/archive/run-00001.warc.gz"
    )
    assert (
        archive_location(folder, "build/archive/run-00001.warc.gz", "s3://bucket/news/")
        == "s3://bucket/news/build/archive/run-00001.warc.gz"
    )
    assert (
        archive_location(folder, "build/archive/a.warc.gz", "/mnt/shared/news")
        == "/mnt/shared/news/build/archive/a.warc.gz"
    )


def test_an_unreachable_scheduler_is_one_clear_message(crawled: Path, tmp_path: Path) -> None:
    root = tmp_path / "datasets"
    shutil.copytree(crawled, root / DATASET)
    result = run_presswatch(
        "process", DATASET, "--cluster", "tcp://127.0.0.1:9", datasets_root=root, check=False
    )
    assert result.returncode != 0
    assert "no Dask scheduler answers at tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_shard_on_the_cluster_writes_what_the_shard_writes_in_one_process(
    crawled: Path, reference: Path, tmp_path: Path
) -> None:
    shard = Shard(2, 3)

    def processed(analyzer: Any, where: str) -> Path:
        folder = tmp_path / where / DATASET
        shutil.copytree(crawled, folder)
        dataset = load_dataset(folder)
        db = open_database(dataset.db_path)
        try:
            process_pending(db, dataset, analyzer, run_id=None, shard=shard)
        finally:
            db.close()
            analyzer.close()
        return dataset.db_path

    here = processed(InProcessAnalyzer(load_dataset(crawled)), "here")
    analyzer = DaskAnalyzer(load_dataset(crawled), workers=2, pending=12, echo=lambda _line: None)
    on_cluster = processed(analyzer, "cluster")
    assert analyzer.read_by_workers > 0
    assert 0 < len(table_rows(here, "articles")) < len(table_rows(reference, "articles"))  # a share
    for table in COMPARED_TABLES:
        assert table_rows(on_cluster, table) == table_rows(here, table), table
