"""The process stage commits a batch of pages at a time (pipeline/process/loop.py, issue 20).

Each batch's articles, facts and failure rows are one transaction, each article a savepoint in
it. The bundled dataset is crawled once by the real CLI and processed with the real in-process
analyzer (spaCy), in batches of 3 pages:
- a run that gets SIGKILL in the middle of writing its second batch leaves exactly the first
  batch (none of the second is visible), and a restart makes the database an uninterrupted run
  makes;
- an article whose writing fails half-way inside a batch is undone alone: its failure row and
  the other articles of its batch are committed, none of its own rows are.
"""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from presswatch.dataset import load_dataset
from presswatch.process.analyzers import InProcessAnalyzer
from presswatch.process.loop import process_pending
from presswatch.store import open_database

from tests.conftest import DATASET, REPO_ROOT, crawled_copy
from tests.db_compare import COMPARED_TABLES, table_rows

FAILS_ON = "unscramble"  # in exactly one bundled article's body (tests/test_process_dask.py)

# Run in a child process: process_pending in batches of 3, killed with SIGKILL as it is about
# to write the second page of its second batch (after the first page of that batch was
# written); before dying it notes which fetches the first two batches held.
KILLED_RUN = """
import json, os, signal, sys
from pathlib import Path
import presswatch.process.loop as loop
from presswatch.dataset import load_dataset
from presswatch.process.analyzers import InProcessAnalyzer
from presswatch.store import open_database

folder, notes = Path(sys.argv[1]), Path(sys.argv[2])
batches = []
cut = loop._batches
def noted(steps, size):
    for batch in cut(steps, size):
        batches.append([step.fetch["id"] for step in batch])
        yield batch
written = []
write = loop._write_step
def dies_in_second_batch(db, analyzer, step, *rest):
    if len(batches) > 1 and len(written) == len(batches[0]) + 1:
        notes.write_text(json.dumps({"first": batches[0], "second": batches[1]}))
        os.kill(os.getpid(), signal.SIGKILL)
    written.append(step.fetch["id"])
    return write(db, analyzer, step, *rest)
loop._batches, loop._write_step = noted, dies_in_second_batch
dataset = load_dataset(folder)
analyzer = InProcessAnalyzer(dataset)
analyzer.batch_size = 3
loop.process_pending(open_database(dataset.db_path), dataset, analyzer)
"""


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return crawled_copy(tmp_path_factory.mktemp("crawled"))


def _process(folder: Path, analyzer: Any) -> dict[str, int]:
    dataset = load_dataset(folder)
    db = open_database(dataset.db_path)
    try:
        return process_pending(db, dataset, analyzer, run_id=None)
    finally:
        db.close()
        analyzer.close()


@pytest.fixture(scope="module")
def reference(crawled: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reference") / DATASET
    shutil.copytree(crawled, folder)
    _process(folder, InProcessAnalyzer(load_dataset(folder)))
    return load_dataset(folder).db_path


def _done(db_path: Path) -> set[str]:
    """The fetches the database shows as processed: an article, a version or a failure row."""
    with sqlite3.connect(db_path) as conn:
        return {
            fetch_id
            for (fetch_id,) in conn.execute(
                "select fetch_id from article_versions union select fetch_id from failures "
                "union select fetch_id from articles"
            )
        }


def test_a_run_killed_inside_a_batch_leaves_none_of_it(
    crawled: Path, reference: Path, tmp_path: Path
) -> None:
    folder = tmp_path / DATASET
    shutil.copytree(crawled, folder)
    notes = tmp_path / "batches.json"
    child = subprocess.run(
        [sys.executable, "-c", KILLED_RUN, str(folder), str(notes)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    batches = json.loads(notes.read_text())
    db_path = load_dataset(folder).db_path
    # The second batch's first page was written in the open transaction: not committed.
    assert _done(db_path) == set(batches["first"])
    assert not _done(db_path) & set(batches["second"])
    _process(folder, InProcessAnalyzer(load_dataset(folder)))  # the restart
    for table in COMPARED_TABLES:
        assert table_rows(db_path, table) == table_rows(reference, table), table


class _FailsHalfWayOn(InProcessAnalyzer):
    """The real analyzer; the analysis of the text holding FAILS_ON also names a stance of an
    entity that does not exist, so its writing fails on the stances' foreign key, after its
    article row and mentions were written."""

    def submit(self, texts: list[str]) -> Any:
        result = super().submit(texts)

        def outcomes() -> list[tuple[bool, Any]]:
            answered = result()
            for text, (ok, analysis) in zip(texts, answered, strict=True):
                if ok and FAILS_ON in text:
                    bad = {"speaker_entity": {"id": "no-such-entity"}, "stance": "against"}
                    analysis["stances"] = [*analysis.get("stances", []), bad]
            return answered

        return outcomes


def test_an_article_failing_inside_a_batch_is_undone_alone(
    crawled: Path, reference: Path, tmp_path: Path
) -> None:
    folder = tmp_path / DATASET
    shutil.copytree(crawled, folder)
    analyzer = _FailsHalfWayOn(load_dataset(folder))
    analyzer.batch_size = 3
    counts = _process(folder, analyzer)
    db_path = load_dataset(folder).db_path
    with sqlite3.connect(reference) as conn:
        ((failing_id, url),) = conn.execute(
            "select id, url from articles where body like ?", (f"%{FAILS_ON}%",)
        ).fetchall()
    with sqlite3.connect(db_path) as conn:
        failures = conn.execute(
            "select subject, error from failures where stage = 'analyze'"
        ).fetchall()
        left = [
            conn.execute(
                f"select count(*) from {table} where article_id = ?", (failing_id,)
            ).fetchone()[0]
            for table in ("mentions", "quotes", "stances", "article_versions")
        ]
        articles = {article_id for (article_id,) in conn.execute("select id from articles")}
    assert failures == [(url, "IntegrityError: FOREIGN KEY constraint failed")]
    assert left == [0, 0, 0, 0]  # nothing of the failed article, though some was written
    reference_articles = {row[0] for row in table_rows(reference, "articles")}
    assert articles == reference_articles - {failing_id}  # its batch's others are all there
    assert counts["errors"] == 2  # with the bundled crawl's one page that is not an article
    for table in ("mentions", "quotes"):
        expected = [row for row in table_rows(reference, table) if failing_id not in row]
        assert table_rows(db_path, table) == expected, table
