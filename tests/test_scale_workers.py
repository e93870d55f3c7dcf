"""`presswatch process --workers 2` gives the database `--workers 1` gives (issue 7, item 2).

The bundled dataset is crawled once by the real CLI; two copies of the crawled folder are
processed, one with one process and one with two spaCy worker processes, and every table of
facts is compared row for row (ids included).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import DATASET, crawled_copy, run_presswatch
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
        arguments = conn.execute("select arguments from runs where command = 'process'").fetchone()[0]
    assert '"workers": 2' in arguments
