"""`presswatch process --workers 2` gives the database `--workers 1` gives (issues 7 and 20).

`--workers 2` analyses on a local Dask cluster of two worker processes
(pipeline/process/cluster.py). The bundled dataset, and a small synthetic corpus
(benchmarks/synthetic.py) replayed into it, are crawled by the real CLI; copies of each crawled
folder are processed, one with one process and one with two worker processes, and every table of
facts is compared row for row (ids included).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import DATASET, PRESSWATCH, copy_dataset, crawled_copy, run_presswatch
from tests.db_compare import COMPARED_TABLES, table_rows


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    crawled = crawled_copy(tmp_path_factory.mktemp("crawled"))
    paths: dict[str, Path] = {}
    for workers in ("1", "2"):
        root = tmp_path_factory.mktemp(f"workers{workers}")
        shutil.copytree(crawled, root / DATASET)
        result = run_presswatch("process", DATASET, "--workers", workers, datasets_root=root)
        paths[workers] = root / DATASET / "build" / f"{DATASET}.db"
        paths[f"log{workers}"] = Path(root / "stderr.txt")
        paths[f"log{workers}"].write_text(result.stderr)
    return paths


@pytest.mark.parametrize("table", COMPARED_TABLES)
def test_two_workers_write_what_one_writes(both: dict[str, Path], table: str) -> None:
    assert table_rows(both["2"], table) == table_rows(both["1"], table)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from benchmarks.synthetic import write_archive

    crawled = tmp_path_factory.mktemp("synthetic-crawled")
    copy_dataset(crawled)
    archive = crawled / "synthetic.warc.gz"
    write_archive(8, archive, seed=20)
    run_presswatch("crawl", DATASET, "--replay", str(archive), datasets_root=crawled)
    paths: dict[str, Path] = {}
    for workers in ("1", "2"):
        root = tmp_path_factory.mktemp(f"synthetic{workers}")
        shutil.copytree(crawled / DATASET, root / DATASET)
        run_presswatch("process", DATASET, "--workers", workers, datasets_root=root)
        paths[workers] = root / DATASET / "build" / f"{DATASET}.db"
    return paths


@pytest.mark.parametrize("table", COMPARED_TABLES)
def test_two_workers_write_what_one_writes_on_a_synthetic_corpus(
    synthetic: dict[str, Path], table: str
) -> None:
    assert table_rows(synthetic["2"], table) == table_rows(synthetic["1"], table)


def test_the_synthetic_comparison_is_over_real_facts(synthetic: dict[str, Path]) -> None:
    with sqlite3.connect(synthetic["2"]) as conn:
        hosts = {url.split("/")[2] for (url,) in conn.execute("select url from articles")}
        quotes = conn.execute("select count(*) from quotes").fetchone()[0]
    assert "harbour-ledger.example" in hosts and quotes > 8


def test_the_comparison_is_over_real_facts(both: dict[str, Path]) -> None:
    for table in ("articles", "mentions", "quotes", "entities"):
        assert table_rows(both["2"], table), f"{table} is empty: the comparison would prove nothing"


def test_the_texts_were_analysed_in_the_workers(both: dict[str, Path]) -> None:
    stderr = both["log2"].read_text()
    with sqlite3.connect(both["2"]) as conn:
        articles = conn.execute("select count(*) from articles").fetchone()[0]
    assert f"{articles} text(s) analysed by 2 worker processes" in stderr, stderr


def test_the_run_records_its_workers(both: dict[str, Path]) -> None:
    with sqlite3.connect(both["2"]) as conn:
        arguments = conn.execute("select arguments from runs where command = 'process'").fetchone()[
            0
        ]
    assert '"workers": 2' in arguments


def _spawned_workers(parent: int) -> list[int]:
    workers = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == parent and b"spawn_main" in command:
                workers.append(int(entry.name))
    return workers


def _running(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) != "Z"
    except OSError:
        return False


def test_the_workers_of_a_killed_run_leave_with_it(tmp_path: Path) -> None:
    """kill -9 of `process --workers 2` cannot shut its
    Dask cluster down: its workers must not stay on."""
    crawled_copy(tmp_path)
    run = subprocess.Popen(
        [*PRESSWATCH, "process", DATASET, "--workers", "2"],
        cwd=tmp_path,
        env={**os.environ, "PRESSWATCH_DATASETS": str(tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while len(workers := _spawned_workers(run.pid)) < 2:
        assert run.poll() is None and time.monotonic() < deadline, "the run never started 2 workers"
        time.sleep(0.2)
    time.sleep(3)  # the workers are loading or running the model
    run.kill()
    run.wait()
    deadline = time.monotonic() + 30
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.5)
    left = [pid for pid in workers if _running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"worker processes {left} outlived their killed run by 30 s"
