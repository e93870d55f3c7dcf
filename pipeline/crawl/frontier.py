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
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sqlite_utils
from presswatch.common.urls import canonicalize_url
from presswatch.store.batches import chunks, marks
from presswatch.store.schema import Connector
from presswatch.store.writers import fetch_record


def url_key(url: str) -> str:
    try:
        return canonicalize_url(url)
    except ValueError:  # a malformed URL (bad port…) is its own key; fetching it will fail
        return url


# slots: a replay starts from every captured page, and the plan holds them all for the crawl.
@dataclass(frozen=True, slots=True)
class Start:
    url: str
    kind: str = "page"  # page, feed or sitemap
    # Named by the dataset or the operator (kept whatever its relevance) rather than found.
    given: bool = True


# Queued rows are read this many at a time: a resumed job of a million URLs costs one page of
# rows in memory, not the whole queue.
QUEUE_PAGE = 2000


class Job:
    """A crawl job, read from the database on demand instead of held in memory.

    The queue, the job's URL keys, earlier validators and earlier children all live in SQLite
    (indexed); a 100,000-page job held them as Python objects for the whole crawl (~60 MiB of
    rows and keys, more with a crawl history). Lookups run on a connection of the thread that
    asks (the reactor's); the recorder writes on its own connection, so a URL the spider has
    queued is in the table only once its parent page is committed: until then it is `pending`.
    """

    def __init__(self, id: int, resumed: bool, connector: Connector, queued: int, last_rowid: int, history: bool = True):  # noqa: A002
        self.id, self.resumed = id, resumed
        self.connector = connector
        # Whether any page had been fetched when the job opened: a first crawl of a dataset
        # has no validators to look up, and skips the query per request.
        self.history = history
        self.queue = QueuedRows(self, queued, last_rowid)
        # Keys this process queued whose parent page is not committed yet (so not in the table).
        self.pending: set[str] = set()
        self._conn: sqlite3.Connection | None = None

    def connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = self.connector.reader()
        return self._conn

    def close(self) -> None:
        """Close the reading connection (it would keep the writer from leaving WAL mode)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def unknown(self, keys: list[str]) -> list[str]:
        """The keys (in order, once each) this job has never queued; they count as queued now."""
        fresh = [key for key in dict.fromkeys(keys) if key not in self.pending]
        stored: set[str] = set()
        for batch in chunks(fresh):
            stored.update(row[0] for row in self.connection().execute(
                f"select url_key from crawl_frontier where job_id = ? and url_key in ({marks(len(batch))})",
                [self.id, *batch],
            ))
        new = [key for key in fresh if key not in stored]
        self.pending.update(new)
        return new

    def committed(self, rows: Iterable[dict[str, Any]]) -> None:
        """The rows a recorded page added are in the table now: the table answers for them."""
        for row in rows:
            self.pending.discard(row["url_key"])

    def previous(self, url: str) -> dict[str, str | None] | None:
        """{etag, last_modified, sha256} of the URL's latest 200 answer, if it ever had one."""
        return previous_fetch(self.connection(), url) if self.history else None

    def children(self, url: str) -> list[tuple[str, str]]:
        """(URL, kind) of what `url` named in earlier jobs (re-queued when it answers 304)."""
        rows = self.connection().execute(
            "select url, kind from crawl_frontier where discovered_from = ? and job_id != ? order by rowid",
            [url, self.id],
        )
        return list(dict.fromkeys((row[0], row[1]) for row in rows))


class QueuedRows:
    """The rows queued when the job was opened, read page by page in the order they were added.

    Rows added later are not part of it: the spider requests those as their parents answer.
    Each page is read in full before any row is handed out, so no read transaction stays open
    while the recorder writes (it would keep the WAL from being checkpointed).
    """

    def __init__(self, job: Job, count: int, last_rowid: int):
        self.job, self.count, self.last_rowid = job, count, last_rowid

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        after = 0
        while True:
            cursor = self.job.connection().execute(
                "select rowid, * from crawl_frontier where job_id = ? and state = 'queued' "
                "and rowid > ? and rowid <= ? order by rowid limit ?",
                [self.job.id, after, self.last_rowid, QUEUE_PAGE],
            )
            names = [column[0] for column in cursor.description]
            page = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
            if not page:
                return
            after = page[-1]["rowid"]
            for row in page:
                del row["rowid"]
                yield row
            if len(page) < QUEUE_PAGE:
                return


def open_job(db: sqlite_utils.Database, connector: Connector, run_id: int, starts: Iterable[Start], live: bool) -> Job:
    """Resume the unfinished crawl job if there is one, else start job `run_id` from `starts`.

    `db` is the caller's connection (the run's); the job's own lookups go through `connector`.
    """
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
        rows = ({
            "job_id": job_id, "url": start.url, "url_key": url_key(start.url),
            "kind": start.kind, "depth": 0, "discovered_from": None, "listed_date": None,
            "given": int(start.given), "state": "queued", "done_run_id": None,
        } for start in starts)  # a generator: sqlite-utils inserts it in batches
        with db.conn:
            db.table("crawl_frontier").insert_all(rows, pk=("job_id", "url_key"), ignore=True)
    queued, last_rowid = db.execute(
        "select count(*), coalesce(max(rowid), 0) from crawl_frontier where job_id = ? and state = 'queued'",
        [job_id],
    ).fetchone()
    history = bool(db.execute("select exists(select 1 from fetches)").fetchone()[0])
    return Job(job_id, resumed, connector, queued, last_rowid, history)


def previous_fetch(db: sqlite_utils.Database | sqlite3.Connection, url: str) -> dict[str, str | None] | None:
    """{etag, last_modified, sha256} of the URL's latest 200 answer (None if it never had one).

    Looked up when the URL's request is built (fetches is indexed by url): loading it for every
    URL ever fetched held the whole crawl history in memory.
    """
    # `+status`: the url index must answer (a few rows per URL); SQLite, with no statistics,
    # would otherwise walk every 200 answer of the history through the status index.
    row = db.execute(
        "select headers, body_sha256 from fetches where url = ? and +status = 200 order by fetched_at desc limit 1",
        [url],
    ).fetchone()
    return None if row is None else _validators(row[0], row[1])


def _validators(headers: str | None, sha256: str | None) -> dict[str, str | None]:
    pairs = {k.lower(): v for k, v in json.loads(headers or "[]")}
    return {"etag": pairs.get("etag"), "last_modified": pairs.get("last-modified"), "sha256": sha256}


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
