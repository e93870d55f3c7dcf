"""The process stage analyses in batches and writes in order (pipeline/process/loop.py,
analyzers.py).

The bundled dataset is crawled once by the real CLI; copies of the crawled folder are processed
by process_pending with the real spaCy pipeline in batches of different sizes, and with an
analyzer that fails on one chosen article, to show that batching changes nothing in the
database and that a failed analysis costs only its own article.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from presswatch.analyze import ModelNotInstalled
from presswatch.dataset import load_dataset
from presswatch.process.analyzers import InProcessAnalyzer
from presswatch.process.loop import PENDING_SQL, pending_fetch_ids, process_pending
from presswatch.store import open_database

from tests.conftest import DATASET, crawled_copy
from tests.db_compare import COMPARED_TABLES, table_rows

FAILING_WORD = "Weinstein"  # the articles chosen to fail quote Sam Weinstein


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return crawled_copy(tmp_path_factory.mktemp("crawled"))


@pytest.fixture(scope="module")
def nlp_analyzer(crawled: Path) -> InProcessAnalyzer:
    return InProcessAnalyzer(load_dataset(crawled))  # one spaCy load for the module


def _process(
    crawled: Path,
    destination: Path,
    analyzer: Any,
    statements: list[str] | None = None,
    pick: Callable[[list[str]], list[str]] | None = None,
) -> tuple[Path, dict[str, int]]:
    """Process a copy of the crawled folder; `statements` gets every SQL statement the stage ran;
    `pick` chooses, from the pending fetch ids, the ones handed to the stage as already listed."""
    folder = destination / DATASET
    shutil.copytree(crawled, folder)
    dataset = load_dataset(folder)
    db = open_database(dataset.db_path)
    fetch_ids = pick(pending_fetch_ids(db)) if pick else None
    if statements is not None:
        db.conn.set_trace_callback(statements.append)  # sqlite3's trace: each statement as run
    try:
        counts = process_pending(db, dataset, analyzer, run_id=None, fetch_ids=fetch_ids)
    finally:
        db.conn.set_trace_callback(None)
        db.close()
    return dataset.db_path, counts


class _Sized:
    """The real analyzer with another batch size."""

    def __init__(self, inner: InProcessAnalyzer, batch_size: int):
        self.inner, self.batch_size, self.ahead = inner, batch_size, 0

    def submit(self, texts: list[str]) -> Callable[[], list[tuple[bool, Any]]]:
        return self.inner.submit(texts)


class _FailingOn(_Sized):
    """The real analyzer, except that texts containing `word` come back as failures."""

    def __init__(self, inner: InProcessAnalyzer, word: str):
        super().__init__(inner, batch_size=4)
        self.word, self.failed = word, 0

    def submit(self, texts: list[str]) -> Callable[[], list[tuple[bool, Any]]]:
        real = self.inner.submit(texts)

        def result() -> list[tuple[bool, Any]]:
            outcomes = real()
            for index, text in enumerate(texts):
                if self.word in text:
                    outcomes[index] = (False, "ValueError: chosen to fail")
                    self.failed += 1
            return outcomes

        return result


@pytest.fixture(scope="module")
def by_batch_size(
    crawled: Path, nlp_analyzer: InProcessAnalyzer, tmp_path_factory: pytest.TempPathFactory
) -> dict[int, tuple[Path, dict[str, int]]]:
    return {
        size: _process(crawled, tmp_path_factory.mktemp(f"batch{size}"), _Sized(nlp_analyzer, size))
        for size in (1, 3, 32)
    }


@pytest.mark.parametrize("table", COMPARED_TABLES)
def test_batch_size_changes_nothing_in_the_database(by_batch_size: dict, table: str) -> None:
    one = table_rows(by_batch_size[1][0], table)
    assert table_rows(by_batch_size[3][0], table) == one
    assert table_rows(by_batch_size[32][0], table) == one


def test_batched_run_wrote_real_facts(by_batch_size: dict) -> None:
    db_path, counts = by_batch_size[32]
    assert counts["articles"] >= 10 and counts["quotes"] > 50, counts
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == counts["articles"]


def test_database_is_one_self_contained_file_afterwards(by_batch_size: dict) -> None:
    db_path, _counts = by_batch_size[3]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"
    assert not Path(f"{db_path}-wal").exists()


def test_a_failed_analysis_costs_only_its_article(
    crawled: Path, nlp_analyzer: InProcessAnalyzer, tmp_path: Path, by_batch_size: dict
) -> None:
    analyzer = _FailingOn(nlp_analyzer, FAILING_WORD)
    db_path, counts = _process(crawled, tmp_path, analyzer)
    assert analyzer.failed >= 1
    _full_path, full_counts = by_batch_size[1]
    assert counts["articles"] == full_counts["articles"] - analyzer.failed
    with sqlite3.connect(db_path) as conn:
        failures = conn.execute(
            "select subject, error from failures where stage = 'analyze'"
        ).fetchall()
        bodies = conn.execute("select body from articles").fetchall()
    assert len(failures) == analyzer.failed
    assert all(error == "ValueError: chosen to fail" for _url, error in failures)
    assert all(FAILING_WORD not in body for (body,) in bodies)


def test_pending_pages_listed_by_the_caller_are_not_listed_again(
    crawled: Path, nlp_analyzer: InProcessAnalyzer, tmp_path: Path
) -> None:
    # `presswatch process` counts the pending pages before the stage starts; on a 100k backlog
    # the listing is a query over every fetch, so the stage takes the caller's list.
    statements: list[str] = []
    chosen: list[str] = []

    def first_two(pending: list[str]) -> list[str]:
        chosen.extend(pending[:2])
        return chosen

    db_path, counts = _process(
        crawled, tmp_path, _Sized(nlp_analyzer, 4), statements, pick=first_two
    )
    assert not any(statement.strip() == PENDING_SQL.strip() for statement in statements)
    with sqlite3.connect(db_path) as conn:
        written = {row[0] for row in conn.execute("select fetch_id from article_versions")}
        failed = {row[0] for row in conn.execute("select fetch_id from failures")}
    assert len(chosen) == 2 and written | failed == set(chosen), (chosen, written, failed)
    assert counts["articles"] == len(written)


def test_the_stage_analyzer_overlapping_its_batches_writes_the_same_database(
    crawled: Path, nlp_analyzer: InProcessAnalyzer, tmp_path: Path, by_batch_size: dict
) -> None:
    # As `process` runs it: the next batch is analysed on the NLP thread while this one is written.
    assert nlp_analyzer.ahead == 1
    db_path, counts = _process(crawled, tmp_path, nlp_analyzer)
    one_path, one_counts = by_batch_size[1]
    assert counts == one_counts
    for table in COMPARED_TABLES:
        assert table_rows(db_path, table) == table_rows(one_path, table), table


class _Gated(InProcessAnalyzer):
    """The real pipeline, handed out only once the test opens the gate (and noting the thread)."""

    def __init__(self, inner: InProcessAnalyzer, gate: threading.Event):
        super().__init__(None)
        self.inner, self.gate, self.threads = inner, gate, set()

    def nlp(self) -> Any:
        self.threads.add(threading.current_thread().name)
        if not self.gate.wait(timeout=60):
            raise TimeoutError("the gate was never opened: submit() waited for the analysis")
        return self.inner.nlp()


def test_submit_returns_while_the_batch_is_analysed_on_another_thread(
    nlp_analyzer: InProcessAnalyzer,
) -> None:
    gate = threading.Event()
    analyzer = _Gated(nlp_analyzer, gate)
    try:
        result = analyzer.submit(["Alex Stamos said the plan would help encryption."])
        gate.set()  # reached only if submit() did not wait for the analysis
        [(ok, analysis)] = result()
    finally:
        analyzer.close()
    assert ok, analysis
    assert [quote["speaker"]["text"] for quote in analysis["quotes"]] == ["Alex Stamos"]
    assert analyzer.threads and threading.current_thread().name not in analyzer.threads


class _NoModel(InProcessAnalyzer):
    def nlp(self) -> Any:
        raise ModelNotInstalled("model 'missing_model' is not installed")


def test_an_error_of_the_nlp_thread_reaches_the_caller() -> None:
    analyzer = _NoModel(None)
    try:
        result = analyzer.submit(["Any text."])
        with pytest.raises(ModelNotInstalled, match="missing_model"):
            result()
    finally:
        analyzer.close()
    assert analyzer.submit([])() == []  # nothing to analyse: no thread needed


def _shape(statement: str) -> str:
    """The statement with its literal values replaced: one shape per statement of the code."""
    shape = re.sub(r"'(?:[^']|'')*'", "?", statement)
    shape = re.sub(r"\b\d+(?:\.\d+)?\b", "?", shape)
    return " ".join(re.sub(r"\?(?:\s*,\s*\?)+", "?...", shape).split())


@pytest.fixture(scope="module")
def traced(
    crawled: Path, nlp_analyzer: InProcessAnalyzer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, int], dict[str, list[str]]]:
    """A processed copy, its counts, and every statement the stage ran, grouped by shape."""
    statements: list[str] = []
    db_path, counts = _process(crawled, tmp_path_factory.mktemp("traced"), nlp_analyzer, statements)
    by_shape: dict[str, list[str]] = {}
    for statement in statements:
        if not statement.lstrip().startswith("--"):  # statements of triggers
            by_shape.setdefault(_shape(statement), []).append(statement)
    return db_path, counts, by_shape


def _plan(conn: sqlite3.Connection, statement: str) -> list[tuple[int, int, str]]:
    """(id, parent id, step) of the statement's query plan; [] for what has none."""
    if (
        statement.lstrip()
        .upper()
        .startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE", "PRAGMA", "ROLLBACK"))
    ):
        return []
    try:
        return [
            (row[0], row[1], row[-1]) for row in conn.execute("explain query plan " + statement)
        ]
    except sqlite3.OperationalError as exc:
        # sqlite-utils probes for STRICT support with a table it drops at once: a table gone by the
        # end of the run does not grow with the corpus.
        if re.fullmatch(r"no such table: t[0-9a-f]{32}", str(exc)):
            return []
        raise


def _is_table_scan(step: str) -> bool:
    return step.startswith("SCAN ") and not step.startswith("SCAN sqlite_master")


def test_no_statement_run_for_every_article_reads_a_whole_table(traced: tuple) -> None:
    # A statement run once per article that scans a table growing with the corpus makes the
    # stage quadratic: invisible on 11 articles, hours at 100,000. Each such statement is run
    # again under EXPLAIN QUERY PLAN on the finished database; SQLite must find its rows through
    # an index (SEARCH), never by reading the table (SCAN).
    db_path, counts, by_shape = traced
    per_article = {
        shape: runs[-1] for shape, runs in by_shape.items() if len(runs) >= counts["articles"]
    }
    assert any(shape.startswith("delete from person_roles") for shape in per_article), sorted(
        per_article
    )
    scans = {}
    with sqlite3.connect(db_path) as conn:
        for shape, statement in per_article.items():
            if full := [step for _, _, step in _plan(conn, statement) if _is_table_scan(step)]:
                scans[shape] = full
    assert scans == {}


def test_no_statement_reads_a_whole_table_for_each_row_it_visits(traced: tuple) -> None:
    # A correlated subquery runs once per row of its outer query: a SCAN inside one is
    # quadratic even in a statement run once per run. The pending-pages query scanned
    # article_versions for every fetch: instant on an empty database, over two minutes (and
    # growing as the square) when a 100,000-page build resumed with 56,000 articles written.
    db_path, _, by_shape = traced
    assert any("not exists (select ? from article_versions" in shape for shape in by_shape), sorted(
        by_shape
    )
    scans = {}
    with sqlite3.connect(db_path) as conn:
        for shape, runs in by_shape.items():
            plan = _plan(conn, runs[-1])
            step_of = {node: step for node, _, step in plan}
            parent_of = {node: parent for node, parent, _ in plan}
            for node, _, step in plan:
                ancestor, correlated = parent_of.get(node, 0), False
                while ancestor:
                    correlated = correlated or step_of.get(ancestor, "").startswith("CORRELATED")
                    ancestor = parent_of.get(ancestor, 0)
                if correlated and _is_table_scan(step):
                    scans.setdefault(shape, []).append(step)
    assert scans == {}
