"""Processing in shards on several "machines" (folders) and merging them back (issue 7, item 3).

The real CLI crawls the bundled dataset once; four copies of the crawled folder are then
processed: one in full, three as shards 1/3, 2/3, 3/3. `presswatch merge` of the three shard
databases must equal the full build row for row (ids included), with no row twice.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import DATASET, crawled_copy, run_presswatch
from tests.db_compare import COMPARED_TABLES, table_rows


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base_root = tmp_path_factory.mktemp("crawled")
    crawled = crawled_copy(base_root)
    roots: dict[str, Path] = {}
    for name in ("full", "s1", "s2", "s3"):
        root = tmp_path_factory.mktemp(name)
        shutil.copytree(crawled, root / DATASET)
        roots[name] = root
    run_presswatch("process", DATASET, datasets_root=roots["full"])
    for index in (1, 2, 3):
        run_presswatch("process", DATASET, "--shard", f"{index}/3", datasets_root=roots[f"s{index}"])
    out = tmp_path_factory.mktemp("merged") / "merged.db"
    shard_dbs = [roots[f"s{i}"] / DATASET / "build" / f"{DATASET}.db" for i in (1, 2, 3)]
    result = run_presswatch("merge", str(out), *map(str, shard_dbs), datasets_root=base_root)
    assert "merged 3 shard(s)" in result.stderr
    return {"full": roots["full"] / DATASET / "build" / f"{DATASET}.db", "merged": out,
            "s1": shard_dbs[0], "s2": shard_dbs[1], "s3": shard_dbs[2], "root": base_root}


def test_each_shard_processes_a_real_part_and_together_all(sharded: dict[str, Path]) -> None:
    full_ids = {row[0] for row in table_rows(sharded["full"], "articles")}
    shard_ids = [{row[0] for row in table_rows(sharded[f"s{i}"], "articles")} for i in (1, 2, 3)]
    assert len(full_ids) >= 6, "the demo dataset should give enough articles to split"
    assert all(0 < len(ids) < len(full_ids) for ids in shard_ids), [len(ids) for ids in shard_ids]
    assert not (shard_ids[0] & shard_ids[1] or shard_ids[0] & shard_ids[2] or shard_ids[1] & shard_ids[2])
    assert shard_ids[0] | shard_ids[1] | shard_ids[2] == full_ids


@pytest.mark.parametrize("table", COMPARED_TABLES)
def test_merge_equals_full_build_row_for_row(sharded: dict[str, Path], table: str) -> None:
    full, merged = table_rows(sharded["full"], table), table_rows(sharded["merged"], table)
    assert len(merged) == len(set(merged)), f"{table}: a row appears twice"
    assert merged == full


def test_articles_facts_are_not_empty(sharded: dict[str, Path]) -> None:
    # The equality above would hold trivially for empty tables; the demo has real facts.
    for table in ("articles", "mentions", "quotes", "entities"):
        assert table_rows(sharded["merged"], table), table


def test_merge_is_logged_and_run_ids_point_at_runs(sharded: dict[str, Path]) -> None:
    with sqlite3.connect(sharded["merged"]) as conn:
        commands = [row[0] for row in conn.execute("select command from runs order by id")]
        dangling = conn.execute(
            "select count(*) from articles where run_id not in (select id from runs)").fetchone()[0]
        process_runs = conn.execute("select count(distinct run_id) from articles").fetchone()[0]
        problems = conn.execute("pragma foreign_key_check").fetchall()
    assert commands[-1] == "merge"
    assert commands.count("process") == 3  # each shard's run kept, under its own id
    assert dangling == 0 and process_runs == 3
    assert problems == []


def test_merge_refuses_existing_output_and_bad_input(sharded: dict[str, Path], tmp_path: Path) -> None:
    result = run_presswatch("merge", str(sharded["merged"]), str(sharded["s1"]), datasets_root=sharded["root"], check=False)
    assert result.returncode != 0 and "already exists" in result.stderr
    junk = tmp_path / "junk.db"
    junk.write_text("not a database at all, just text" * 100)
    result = run_presswatch("merge", str(tmp_path / "out.db"), str(junk), datasets_root=sharded["root"], check=False)
    assert result.returncode != 0 and "junk.db" in result.stderr
    assert not (tmp_path / "out.db").exists()


@pytest.mark.parametrize("bad", ["4/3", "0/3", "three", "1/0"])
def test_bad_shard_is_refused_with_a_message(sharded: dict[str, Path], bad: str) -> None:
    result = run_presswatch("process", DATASET, "--shard", bad, datasets_root=sharded["root"], check=False)
    assert result.returncode != 0 and "--shard" in result.stderr and "K/N" in result.stderr


def _worker_db(path: Path, crawl: str | None, fetched_at: str) -> Path:
    from presswatch.store import open_database
    from presswatch.store.writers import start_run

    db = open_database(path)
    arguments = {"live": True, **({"shared_crawl": crawl} if crawl else {})}
    run_id = start_run(db, "crawl", "loopback", arguments)
    with db.conn:
        db.table("fetches").insert({"id": f"f-{path.stem}", "run_id": run_id, "url": "http://127.0.0.1/p/1.html",
                                    "status": 200, "fetched_at": fetched_at})
    db.close()
    return path


def test_merge_keeps_one_fetch_per_url_of_a_shared_crawl(tmp_path: Path) -> None:
    # A worker killed between recording a page and striking it from the Redis ledger: the
    # survivor fetched it again. One shared crawl → the earliest row stays.
    from presswatch.process.merge import merge_shards

    first = _worker_db(tmp_path / "a.db", "crawl-1", "2026-01-01T10:00:00Z")
    second = _worker_db(tmp_path / "b.db", "crawl-1", "2026-01-01T10:00:05Z")
    counts = merge_shards(tmp_path / "out.db", [second, first])
    with sqlite3.connect(tmp_path / "out.db") as conn:
        rows = conn.execute("select id from fetches").fetchall()
    assert rows == [("f-a",)] and counts["duplicate_fetches"] == 1


def test_merge_keeps_fetches_of_different_crawls(tmp_path: Path) -> None:
    # Two separate crawls (not shared, or different shared crawls) fetching a URL are history.
    from presswatch.process.merge import merge_shards

    first = _worker_db(tmp_path / "a.db", "crawl-1", "2026-01-01T10:00:00Z")
    second = _worker_db(tmp_path / "b.db", "crawl-2", "2026-01-02T10:00:00Z")
    third = _worker_db(tmp_path / "c.db", None, "2026-01-03T10:00:00Z")
    merge_shards(tmp_path / "out.db", [first, second, third])
    with sqlite3.connect(tmp_path / "out.db") as conn:
        rows = sorted(conn.execute("select id from fetches").fetchall())
    assert rows == [("f-a",), ("f-b",), ("f-c",)]
