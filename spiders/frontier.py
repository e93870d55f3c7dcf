"""The crawl frontier in the database: what a crawl job still has to fetch, and what it found.

A crawl job is the set of URLs one crawl reaches from its seeds, feeds and sitemaps. Every URL
the job queues is a `crawl_frontier` row (state queued → done); a page's fetch row, its row
turning done and the URLs it adds are written in one transaction. A crawl killed with SIGKILL
therefore leaves a consistent database, and the next crawl picks up the queued rows of the
unfinished job instead of starting over: no page recorded is fetched again, none is lost. (A
page whose answer was in flight at the kill has no row yet, so it is fetched once more.)

The key of a URL is its canonical form (scheme and host lower-case, tracking parameters such as
utm_* and fbclid dropped, query sorted), so one story under two URLs is queued once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import sqlite_utils

from pipeline.extract.urls import canonicalize_url
from pipeline.store.writers import fetch_record


def url_key(url: str) -> str:
    try:
        return canonicalize_url(url)
    except ValueError:  # a malformed URL (bad port…) is its own key; fetching it will fail
        return url


@dataclass(frozen=True)
class Start:
    url: str
    kind: str = "page"  # page, feed or sitemap
    # Named by the dataset or the operator (kept whatever its relevance) rather than found.
    given: bool = True


@dataclass
class Job:
    id: int
    resumed: bool
    queue: list[dict[str, Any]]  # queued frontier rows, in the order they were added
    known: set[str]  # url keys of every URL the job has queued (done or not)
    # Conditional-GET validators and body hash of each URL's last good fetch.
    previous: dict[str, dict[str, str | None]] = field(default_factory=dict)
    # URL → the URLs it named last time (re-queued when it answers 304 Not Modified).
    children: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def open_job(db: sqlite_utils.Database, run_id: int, starts: Iterable[Start], live: bool) -> Job:
    """Resume the unfinished crawl job if there is one, else start job `run_id` from `starts`."""
    # Only a job of the same kind is resumed: a live crawl's queue answered from an archive
    # (or the other way round) would record the wrong thing.
    unfinished = db.execute(
        "select max(f.job_id) from crawl_frontier f join runs r on r.id = f.job_id "
        "where f.state = 'queued' and coalesce(json_extract(r.arguments, '$.live'), 0) = ?",
        [int(live)],
    ).fetchone()[0]
    if unfinished is not None:
        with db.conn:
            # The runs that were killed never wrote their end; say what happened to them.
            db.execute(
                "update runs set status = 'interrupted', message = 'killed; resumed by run ' || ? "
                "where status = 'running' and command in ('crawl', 'build') and id < ?",
                [run_id, run_id],
            )
        job_id, resumed = int(unfinished), True
    else:
        job_id, resumed = run_id, False
        rows = []
        for start in starts:
            rows.append({
                "job_id": job_id, "url": start.url, "url_key": url_key(start.url),
                "kind": start.kind, "depth": 0, "discovered_from": None, "listed_date": None,
                "given": int(start.given), "state": "queued", "done_run_id": None,
            })
        with db.conn:
            db.table("crawl_frontier").insert_all(rows, pk=("job_id", "url_key"), ignore=True)
    queue = list(db.query(
        "select * from crawl_frontier where job_id = ? and state = 'queued' order by rowid", [job_id]
    ))
    known = {row[0] for row in db.execute("select url_key from crawl_frontier where job_id = ?", [job_id])}
    job = Job(job_id, resumed, queue, known)
    # Replays load them too: replaying the same capture again finds every page unchanged.
    job.previous = previous_fetches(db)
    job.children = previous_children(db, job_id)
    return job


def previous_fetches(db: sqlite_utils.Database) -> dict[str, dict[str, str | None]]:
    """URL → {etag, last_modified, sha256} of its latest 200 answer."""
    previous: dict[str, dict[str, str | None]] = {}
    # One row per URL, the latest (SQLite takes a bare column from the row holding the max()):
    # every crawl adds rows, and reading all of them each time would grow with the history.
    for row in db.query(
        "select url, headers, body_sha256, max(fetched_at) from fetches where status = 200 group by url"
    ):
        headers = {k.lower(): v for k, v in json.loads(row["headers"] or "[]")}
        previous[row["url"]] = {
            "etag": headers.get("etag"), "last_modified": headers.get("last-modified"),
            "sha256": row["body_sha256"],
        }
    return previous


def previous_children(db: sqlite_utils.Database, job_id: int) -> dict[str, list[tuple[str, str]]]:
    children: dict[str, list[tuple[str, str]]] = {}
    for row in db.query(
        "select distinct discovered_from, url, kind from crawl_frontier "
        "where discovered_from is not null and job_id != ? order by rowid", [job_id]
    ):
        pair = (row["url"], row["kind"])
        if pair not in children.setdefault(row["discovered_from"], []):
            children[row["discovered_from"]].append(pair)
    return children


def record_page(
    db: sqlite_utils.Database,
    job_id: int,
    run_id: int | None,
    frontier_url: str,
    fetch: dict[str, Any],
    discovered: list[dict[str, Any]],
) -> str:
    """One page's writes, atomically: its fetch row, its frontier row done, the URLs it adds.

    Plain statements in one BEGIN…COMMIT: sqlite-utils' upsert would commit the fetch row on its
    own (a second commit per page, and a window where the row is in but the frontier is not),
    and it reads the table's schema on every call.
    """
    row = fetch_record(fetch)
    with db.atomic():
        db.execute(_upsert_sql("fetches", tuple(row), "id"), list(row.values()))
        db.execute(
            "update crawl_frontier set state = 'done', done_run_id = ? where job_id = ? and url_key = ?",
            [run_id, job_id, url_key(frontier_url)],
        )
        for entry in discovered:
            queued = {**entry, "job_id": job_id, "state": "queued", "given": 0}
            db.execute(_insert_or_ignore_sql("crawl_frontier", tuple(queued)), list(queued.values()))
    return row["id"]


@lru_cache(maxsize=64)
def _upsert_sql(table: str, columns: tuple[str, ...], pk: str) -> str:
    """Insert the row, or update every given column of the row with the same primary key."""
    names = ", ".join(f'"{column}"' for column in columns)
    updates = ", ".join(f'"{column}" = excluded."{column}"' for column in columns if column != pk)
    placeholders = ", ".join("?" for _ in columns)
    return f'insert into "{table}" ({names}) values ({placeholders}) on conflict("{pk}") do update set {updates}'


@lru_cache(maxsize=64)
def _insert_or_ignore_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{column}"' for column in columns)
    return f'insert or ignore into "{table}" ({names}) values ({", ".join("?" for _ in columns)})'


def close_job(db: sqlite_utils.Database, job_id: int) -> int:
    """A crawl that ended normally leaves nothing to resume; returns rows that got no answer."""
    with db.conn:
        cursor = db.execute(
            "update crawl_frontier set state = 'unanswered' where job_id = ? and state = 'queued'",
            [job_id],
        )
    return cursor.rowcount
