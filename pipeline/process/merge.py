"""`presswatch merge`: shard databases made by `process --shard K/N` → one database.

Every shard starts from a copy of the same crawled database, so crawl-side rows (runs of the
crawl, sources, fetches, frontier) are the same in all of them; each shard adds the articles
it owns with their facts. Facts have stable ids (hashes of article, version and offsets), so
the union keeps the ids a single full build gives and a row present in two shards is written
once. Three things need care:

- runs: a shard's own process run has the same integer id as the other shards' process runs;
  a run row that differs from the one already merged gets the next free id, and the run_id of
  that shard's rows follows it.
- entities: an entity first seen in an article is created from that article (its name and
  aliases), so when two shards created it differently the row kept is the one from the shard
  whose article comes first in processing order (fetch URL, then time) — as a full build does.
- syndication clusters need every article at once: they are recomputed after the union.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlite_utils
from presswatch.derive.quote_clusters import trace_quotes
from presswatch.derive.syndication import cluster_articles
from presswatch.store import open_database
from presswatch.store.batches import chunks, marks
from presswatch.store.schema import TABLES
from presswatch.store.writers import finish_run, start_run

# Rebuilt from the merged articles (shards leave the whole-corpus passes to the merge).
RECOMPUTED = {"clusters", "article_clusters", "quote_clusters", "quote_cluster_members"}
RUN_COLUMNS = ("run_id", "done_run_id")


class MergeError(Exception):
    """A merge that cannot go ahead; the message names the file and what to do."""


def merge_shards(out_path: Path, shard_paths: Sequence[Path]) -> dict[str, int]:
    """Write the union of `shard_paths` to the new database `out_path`; returns row counts."""
    _check_inputs(out_path, shard_paths)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    _copy_database(shard_paths[0], out_path)
    db = open_database(out_path)
    try:
        for shard in shard_paths[1:]:
            _merge_one(db, shard)
        duplicates = drop_shared_crawl_duplicates(db)
        run_id = start_run(db, "merge", None, {"shards": [str(p) for p in shard_paths]})
        counts = {
            name: db.table(name).count
            for name in ("articles", "mentions", "quotes", "entities", "failures")
        }
        counts.update(cluster_articles(db, run_id))
        counts.update(trace_quotes(db, run_id))
        counts["duplicate_fetches"] = duplicates
        finish_run(
            db,
            run_id,
            "ok",
            {
                "articles": counts["articles"],
                "mentions": counts["mentions"],
                "quotes": counts["quotes"],
            },
        )
    except BaseException:
        db.close()
        out_path.unlink(missing_ok=True)  # never leave a half-merged database behind
        raise
    db.close()
    return counts


def _check_inputs(out_path: Path, shard_paths: Sequence[Path]) -> None:
    if not shard_paths:
        raise MergeError("give at least one shard database to merge")
    if out_path.exists():
        raise MergeError(
            f"{out_path} already exists: merge writes a new database (remove it or name another)"
        )
    resolved = {p.resolve() for p in shard_paths}
    if len(resolved) != len(shard_paths):
        raise MergeError("the same shard database is named twice")
    for path in shard_paths:
        if not path.is_file():
            raise MergeError(f"{path}: no such shard database")
        try:
            with sqlite3.connect(
                path
            ) as conn:  # read-write: a killed writer's hot journal is rolled back
                names = {
                    row[0]
                    for row in conn.execute("select name from sqlite_master where type = 'table'")
                }
        except sqlite3.DatabaseError as exc:
            raise MergeError(f"{path}: not an SQLite database ({exc})") from exc
        if not {"articles", "fetches", "runs"} <= names:
            raise MergeError(f"{path}: not a presswatch database (no articles/fetches/runs tables)")


def _copy_database(source: Path, target: Path) -> None:
    """A consistent copy even if the shard is in WAL mode (the backup API, not a file copy)."""
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    shutil.copymode(source, target)


def _merge_one(db: sqlite_utils.Database, shard: Path) -> None:
    db.conn.execute("attach database ? as shard", [str(shard)])
    try:
        shard_tables = {
            row[0]
            for row in db.execute("select name from shard.sqlite_master where type = 'table'")
        }
        with db.conn:
            run_map = _merge_runs(db)
            for table in TABLES:
                if (
                    table.name in RECOMPUTED
                    or table.name == "runs"
                    or table.name not in shard_tables
                ):
                    continue
                if table.name == "entities":
                    _merge_entities(db)
                    continue
                _copy_rows(db, table.name, run_map)
            # Tables another stage creates itself (not in TABLES): the same union by primary key.
            declared = {table.name for table in TABLES}
            main_tables = {
                row[0]
                for row in db.execute("select name from main.sqlite_master where type = 'table'")
            }
            for name in sorted(shard_tables - declared - RECOMPUTED):
                if name.startswith("sqlite_") or "_fts" in name:
                    continue  # full-text indexes follow their tables through triggers
                if name not in main_tables:  # created by a stage only where it had rows
                    create = db.execute(
                        "select sql from shard.sqlite_master where type = 'table' and name = ?",
                        [name],
                    ).fetchone()[0]
                    db.execute(create)
                _copy_rows(db, name, run_map)
    finally:
        db.conn.execute("detach database shard")


def _columns(db: sqlite_utils.Database, schema: str, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"pragma {schema}.table_info([{table}])")]


def _merge_runs(db: sqlite_utils.Database) -> dict[int, int]:
    """Shard run id → merged run id, adding the shard's own runs under fresh ids."""
    columns = [c for c in _columns(db, "shard", "runs") if c in _columns(db, "main", "runs")]
    mapping: dict[int, int] = {}
    next_id = (db.execute("select coalesce(max(id), 0) from main.runs").fetchone()[0]) + 1
    select = ", ".join(f"[{c}]" for c in columns)
    for row in db.execute(f"select {select} from shard.runs order by id").fetchall():
        record = dict(zip(columns, row))
        existing = db.execute(
            f"select {select} from main.runs where id = ?", [record["id"]]
        ).fetchone()
        if existing is not None and tuple(existing) == tuple(row):
            mapping[record["id"]] = record["id"]  # the shared crawl history
            continue
        mapping[record["id"]] = next_id
        record["id"] = next_id
        db.table("runs").insert(record)
        next_id += 1
    return mapping


def _copy_rows(db: sqlite_utils.Database, table: str, run_map: dict[int, int]) -> None:
    """Insert the shard's rows the merged database lacks (same primary key = same row)."""
    columns = [c for c in _columns(db, "shard", table) if c in _columns(db, "main", table)]
    select = ", ".join(_remapped(c, run_map) if c in RUN_COLUMNS else f"[{c}]" for c in columns)
    names = ", ".join(f"[{c}]" for c in columns)
    db.execute(
        f"insert or ignore into main.[{table}] ({names}) select {select} from shard.[{table}]"
    )


def _remapped(column: str, run_map: dict[int, int]) -> str:
    changed = {old: new for old, new in run_map.items() if old != new}
    if not changed:
        return f"[{column}]"
    cases = " ".join(f"when {int(old)} then {int(new)}" for old, new in changed.items())
    return f"case [{column}] {cases} else [{column}] end"


# The earliest fetch (processing order: URL, then time) of an article mentioning or quoting the
# entity: the article a full build would have created the entity from.
FIRST_USE_SQL = """
select min(fetches.url || char(31) || fetches.fetched_at) from {schema}.article_versions as versions
join {schema}.fetches as fetches on fetches.id = versions.fetch_id
where exists (
    select 1 from {schema}.mentions as m
    where m.entity_id = :entity and m.article_id = versions.article_id \
and m.article_version = versions.version
) or exists (
    select 1 from {schema}.quotes as q
    where q.speaker_entity_id = :entity and q.article_id = versions.article_id \
and q.article_version = versions.version
)
"""


def _merge_entities(db: sqlite_utils.Database) -> None:
    columns = [
        c for c in _columns(db, "shard", "entities") if c in _columns(db, "main", "entities")
    ]
    names = ", ".join(f"[{c}]" for c in columns)
    conflicts = db.execute(
        f"select shard.entities.id from shard.entities join main.entities using (id)"
        f" where ({', '.join(f'shard.entities.[{c}]' for c in columns)})"
        f" is not ({', '.join(f'main.entities.[{c}]' for c in columns)})"
    ).fetchall()
    for (entity_id,) in conflicts:
        ours = _first_use(db, "main", entity_id)
        theirs = _first_use(db, "shard", entity_id)
        if theirs is not None and (ours is None or theirs < ours):
            assignments = ", ".join(
                f"[{c}] = (select [{c}] from shard.entities where id = :id)"
                for c in columns
                if c != "id"
            )
            db.execute(f"update main.entities set {assignments} where id = :id", {"id": entity_id})
    db.execute(f"insert or ignore into main.entities ({names}) select {names} from shard.entities")


def _first_use(db: sqlite_utils.Database, schema: str, entity_id: str) -> Any:
    return db.execute(FIRST_USE_SQL.format(schema=schema), {"entity": entity_id}).fetchone()[0]


# Fetch rows of one URL from two workers of the same shared (--redis) crawl: the page was
# fetched again after a worker died between recording it and saying so. The earliest row stays.
SHARED_DUPLICATES_SQL = """
with shared as (
    select fetches.id, fetches.url, fetches.fetched_at,
           json_extract(runs.arguments, '$.shared_crawl') as crawl
    from fetches join runs on runs.id = fetches.run_id
    where json_valid(runs.arguments) and json_extract(runs.arguments, '$.shared_crawl') is not null
), ranked as (
    select id, row_number() over (partition by crawl, url order by fetched_at, id) as rank \
from shared
)
select id from ranked where rank > 1
  and id not in (select fetch_id from articles where fetch_id is not null)
  and id not in (select fetch_id from article_versions where fetch_id is not null)
  and id not in (select fetch_id from article_aliases where fetch_id is not null)
  and id not in (select fetch_id from failures where fetch_id is not null)
"""


def drop_shared_crawl_duplicates(db: sqlite_utils.Database) -> int:
    """Keep one fetch row per URL and shared crawl; returns how many were dropped."""
    ids = [row[0] for row in db.execute(SHARED_DUPLICATES_SQL).fetchall()]
    with db.conn:
        for part in chunks(ids):
            db.execute(f"delete from fetches where id in ({marks(len(part))})", part)
    return len(ids)
