"""The process stage: extract + analyse every crawled page that has not been processed yet.

Reads each pending fetch's body back from its WARC record, extracts the article, runs the NLP
pipeline on the body, and writes each batch's articles with their facts in one transaction. A
page that cannot be extracted or analysed becomes a `failures` row and the run goes on. With an
analyzer that reads pages (a Dask cluster), the reading and extraction run on its workers too,
and this process only plans the pages and writes what comes back (pipeline/process/pages.py).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import sqlite_utils
from presswatch.common.collector import long_lived_heap
from presswatch.common.ids import stable_id
from presswatch.dataset import Dataset
from presswatch.derive.events.store import extract_event_mentions
from presswatch.derive.quote_clusters import trace_quotes
from presswatch.derive.syndication import cluster_articles
from presswatch.process.pages import (
    READ_AGAIN,
    PageJob,
    PageResult,
    PageSkipped,
    article_row,
    extract_page,
    page_job,
)
from presswatch.process.shards import Shard
from presswatch.process.versions import current_version, note_unchanged, version_record
from presswatch.store import bulk_writes, clear_failure, record_failure, save_analysis
from presswatch.store.archive import archive_location
from presswatch.store.batches import chunks, marks
from presswatch.store.journal import savepoints_in_memory

Paired = Callable[[], list[tuple["_Step", Any]]]  # a batch's steps with their NLP outcomes

PENDING_SQL = """
select fetches.id from fetches
where fetches.status between 200 and 299
  and fetches.warc_file is not null
  and coalesce(fetches.outcome, '') not in ('unchanged', 'skipped')
  and not exists (select 1 from articles where articles.fetch_id = fetches.id)
  and not exists (select 1 from article_versions where article_versions.fetch_id = fetches.id)
  and not exists (select 1 from article_aliases where article_aliases.fetch_id = fetches.id)
  and not exists (
    select 1 from failures
    where failures.fetch_id = fetches.id and failures.stage in ('extract', 'analyze')
      and failures.error not like '%{read_again}%'
  )
order by fetches.url, fetches.fetched_at
""".format(read_again=READ_AGAIN)


def _read_again(db: sqlite_utils.Database) -> set[str]:
    """The pending pages whose archive could not be reached last time: their failure row goes
    once they get through (the page's own failures, if any, are written as usual)."""
    sql = "select fetch_id from failures where stage = 'extract' and error like ?"
    return {fetch_id for (fetch_id,) in db.execute(sql, [f"%{READ_AGAIN}%"])}


def pending_fetch_ids(db: sqlite_utils.Database) -> list[str]:
    """Ids of the fetches still to process, in processing order (ids only: the rows are read a
    chunk at a time, so a large backlog does not sit in memory)."""
    return [row[0] for row in db.execute(PENDING_SQL)]


class Analyzer(Protocol):
    """What process_pending needs of the NLP stage (pipeline/process/analyzers.py)."""

    ahead: int  # batches submitted before the oldest one is written
    batch_size: int  # texts per batch

    def submit(self, texts: list[str]) -> Callable[[], list[tuple[bool, Any]]]: ...


class PageReader(Analyzer, Protocol):
    """An analyzer whose workers also read and extract the pages (pipeline/process/cluster.py)."""

    reads_pages: bool

    def submit_pages(
        self, jobs: list[PageJob], known_versions: dict[str, str], shard: Shard | None
    ) -> Callable[[], list[PageResult]]: ...


@dataclass
class _Step:
    """What to do with one pending fetch, decided before its NLP runs."""

    position: int  # 1-based, in pending order (progress)
    fetch: dict[str, Any]
    kind: str  # "failed" (no article: `problem` says why), "unchanged" or "analyze"
    row: dict[str, Any] | None = None
    problem: str = ""


def _plan(
    db: sqlite_utils.Database,
    dataset: Dataset,
    fetch_ids: list[str],
    shard: Shard | None,
    fixture_sources: set[str],
    run_id: int | None,
) -> Iterator[_Step]:
    """Extract each pending page and decide its fate, in order, reading fetch rows a chunk at a
    time.

    The database lags behind the plan by the batches not yet written, so the version each
    article will have by then is tracked here: a second fetch of the same text in one run is
    seen as unchanged exactly as a one-at-a-time run would see it.
    """
    planned_versions: dict[str, str] = {}
    position = 0
    for chunk in chunks(fetch_ids):
        rows = {
            row["id"]: row
            for row in db.query(f"select * from fetches where id in ({marks(len(chunk))})", chunk)
        }
        for fetch_id in chunk:
            position += 1
            fetch = rows[fetch_id]
            try:
                article = extract_page(
                    fetch, archive_location(dataset.folder, fetch["warc_file"], dataset.archive_url)
                )
            except PageSkipped as problem:
                if shard is None or shard.owns(fetch["id"]):
                    yield _Step(position, fetch, "failed", problem=str(problem))
                continue
            row = article_row(article, fetch, fetch["source_id"] in fixture_sources, run_id)
            if shard is not None and not shard.owns(row["id"]):
                continue  # another shard's article: all versions of one article stay in one shard
            if row["id"] not in planned_versions:
                previous = current_version(db, row["id"])
                planned_versions[row["id"]] = previous["version"] if previous else ""
            kind = "unchanged" if planned_versions[row["id"]] == row["version"] else "analyze"
            planned_versions[row["id"]] = row["version"]
            yield _Step(position, fetch, kind, row)


def _batches(steps: Iterator[_Step], size: int) -> Iterator[list[_Step]]:
    """Consecutive steps holding at most `size` texts to analyse."""
    batch: list[_Step] = []
    texts = 0
    for step in steps:
        batch.append(step)
        texts += step.kind == "analyze"
        if texts >= size:
            yield batch
            batch, texts = [], 0
    if batch:
        yield batch


def process_pending(
    db: sqlite_utils.Database,
    dataset: Dataset,
    analyzer: Analyzer,
    run_id: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    shard: Shard | None = None,
    fetch_ids: list[str] | None = None,
) -> dict[str, int]:
    """Process every pending fetch: extract, analyse the new texts in batches, write in order.

    Batches go to `analyzer` while earlier ones are written, so the NLP of the next pages runs
    during the writing of these (on a cluster, their reading and extraction too); the database
    sees the same writes in the same order whatever the analyzer. A batch's pages are written
    in one transaction (all or none of them). While the stage writes, the database is in WAL
    mode with synchronous=NORMAL (a commit costs no fsync); it is a single self-contained file
    again when the stage ends.

    With `shard`, only the articles (and failed pages) that shard owns are written, and the
    syndication clusters are left to `presswatch merge`, which sees every shard's articles.
    `fetch_ids`: the pending fetches as the caller already listed them (pending_fetch_ids), so a
    large backlog is not queried twice.
    """
    fixture_sources = {row["id"] for row in db.query("select id from sources where is_fixture = 1")}
    counts = {
        "articles": 0,
        "mentions": 0,
        "quotes": 0,
        "errors": 0,
        "new": 0,
        "changed": 0,
        "unchanged": 0,
    }
    if fetch_ids is None:
        fetch_ids = pending_fetch_ids(db)
    in_flight: deque[Paired] = deque()
    read_again = _read_again(db)

    def write_oldest_until(left_in_flight: int) -> None:
        while len(in_flight) > left_in_flight:
            steps = in_flight.popleft()()  # waited for outside any transaction
            # One transaction per batch, each article in a savepoint of it (its failure undoes
            # only its own rows and is recorded): a commit per article, with its WAL frames and
            # checkpoints, cost the command ~1.5-2 ms of CPU an article on a Dask run. A run
            # killed mid-batch leaves none of the batch, so the next run finds all of its pages
            # pending and redoes exactly them (tests/test_process_batch_commit.py).
            with db.atomic():
                for step, outcome in steps:
                    if progress:
                        url = step.fetch["final_url"] or step.fetch["url"]
                        progress(step.position, len(fetch_ids), url)
                    if step.kind != "failed" and step.fetch["id"] in read_again:
                        clear_failure(db, "extract", step.fetch["id"])
                    _write_step(db, analyzer, step, outcome, run_id, counts)

    with bulk_writes(db), long_lived_heap():  # the collector skips the pipeline's heap
        if getattr(analyzer, "reads_pages", False):
            batches = _sent_to_readers(
                db, dataset, analyzer, fetch_ids, shard, fixture_sources, run_id
            )
        else:
            steps = _plan(db, dataset, fetch_ids, shard, fixture_sources, run_id)
            batches = _analysed_here(steps, analyzer)
        with savepoints_in_memory(db):  # an article's savepoint journal (pipeline/store/journal.py)
            for batch in batches:
                in_flight.append(batch)
                write_oldest_until(analyzer.ahead)
            write_oldest_until(0)
        if shard is None:
            counts.update(cluster_articles(db, run_id))  # syndication clusters over all articles
            counts.update(trace_quotes(db, run_id))  # after syndication: copies are marked
        counts.update(
            extract_event_mentions(db, dataset.knowledge_base, dataset.events)
        )  # pipeline/derive/events
    return counts


def _analysed_here(steps: Iterator[_Step], analyzer: Analyzer) -> Iterator[Paired]:
    """Pages read and extracted by this process; the texts that need it sent to the analyzer."""
    for batch in _batches(steps, analyzer.batch_size):
        texts = [step.row["body"] for step in batch if step.kind == "analyze" and step.row]
        yield _paired(batch, analyzer.submit(texts))


def _paired(steps: list[_Step], result: Callable[[], list[tuple[bool, Any]]]) -> Paired:
    def pairs() -> list[tuple[_Step, Any]]:
        outcomes = iter(result())
        return [(step, next(outcomes) if step.kind == "analyze" else None) for step in steps]

    return pairs


def _sent_to_readers(
    db: sqlite_utils.Database,
    dataset: Dataset,
    analyzer: PageReader,
    fetch_ids: list[str],
    shard: Shard | None,
    fixture_sources: set[str],
    run_id: int | None,
) -> Iterator[Paired]:
    """Pages sent to the analyzer's workers as (archive location, offset) and a few fetch
    columns; each worker reads, extracts and analyses them, and sends rows and analyses back.

    Which texts repeat their article's version is decided by the workers from the versions the
    database has now (a hint: the database lags by the batches in flight); _write_step decides
    again against the database as it writes, so the rows are those of a one-at-a-time run.
    """
    position = 0
    for chunk in chunks(fetch_ids, analyzer.batch_size):
        sql = f"select * from fetches where id in ({marks(len(chunk))})"
        rows = {row["id"]: row for row in db.query(sql, chunk)}
        fetches = [rows[fetch_id] for fetch_id in chunk]
        jobs = [
            page_job(
                fetch,
                dataset.folder,
                dataset.archive_url,
                fetch["source_id"] in fixture_sources,
                run_id,
            )
            for fetch in fetches
        ]
        result = analyzer.submit_pages(jobs, _known_versions(db, fetches), shard)
        yield _read_steps(position, fetches, result, shard)
        position += len(chunk)


def _read_steps(
    position: int,
    fetches: list[dict[str, Any]],
    result: Callable[[], list[PageResult]],
    shard: Shard | None,
) -> Paired:
    """The steps of a batch the workers read, as _plan would have made them (same shard rule)."""

    def pairs() -> list[tuple[_Step, Any]]:
        steps: list[tuple[_Step, Any]] = []
        pages = zip(fetches, result(), strict=True)
        for offset, (fetch, page) in enumerate(pages, start=position + 1):
            if page.row is None:
                if shard is None or shard.owns(fetch["id"]):
                    steps.append((_Step(offset, fetch, "failed", problem=page.problem), None))
            elif shard is None or shard.owns(page.row["id"]):
                steps.append((_Step(offset, fetch, "analyze", page.row), page.outcome))
        return steps

    return pairs


def _known_versions(db: sqlite_utils.Database, fetches: list[dict[str, Any]]) -> dict[str, str]:
    """The current versions of the articles these pages probably are: those whose id is the
    page's URL's (no other canonical URL) and those last fetched from the same URL."""
    urls = [fetch["url"] for fetch in fetches]
    ids = [stable_id(fetch["final_url"] or fetch["url"]) for fetch in fetches]
    sql = (
        "select articles.id, articles.version from articles "
        "join fetches on fetches.id = articles.fetch_id "
        f"where fetches.url in ({marks(len(urls))}) "
        f"union select id, version from articles where id in ({marks(len(ids))})"
    )
    return {article_id: version for article_id, version in db.execute(sql, [*urls, *ids])}


def _write_step(
    db: sqlite_utils.Database,
    analyzer: Analyzer,
    step: _Step,
    outcome: tuple[bool, Any] | None,
    run_id: int | None,
    counts: dict[str, int],
) -> None:
    fetch, row = step.fetch, step.row
    if step.kind == "failed" or row is None:
        record_failure(
            db, run_id, "extract", fetch["final_url"] or fetch["url"], step.problem, fetch["id"]
        )
        counts["errors"] += 1
        return
    previous = current_version(db, row["id"])
    if previous is not None and previous["version"] == row["version"]:
        # Same extracted text (the page changed around it, or it is the same story under
        # another URL): no NLP; the article now points at the latest fetch that carried it.
        note_unchanged(db, row, fetch["id"])
        counts["unchanged"] += 1
        return
    if outcome is None:
        # Planned as unchanged, but the version it repeats was not written (its analysis
        # failed earlier in this run), or a batch in flight changed the article since the
        # workers were told its version: this text needs its own analysis, as a one-at-a-time
        # run would give it.
        outcome = analyzer.submit([row["body"]])()[0]
    ok, analysis = outcome
    try:
        if not ok:
            raise AnalysisFailed(analysis)
        # The version row goes in the article's own transaction: a run killed between the two
        # would leave an article whose fetch no longer looks pending and no version row.
        version = version_record(row, previous, run_id)
        written = save_analysis(db, row, analysis, with_rows={"article_versions": [version]})
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run; it is recorded
        message = str(exc) if isinstance(exc, AnalysisFailed) else f"{type(exc).__name__}: {exc}"
        record_failure(db, run_id, "analyze", row["url"], message, fetch["id"])
        counts["errors"] += 1
        return
    counts["changed" if previous is not None else "new"] += 1
    counts["articles"] += 1
    counts["mentions"] += written["mentions"]
    counts["quotes"] += written["quotes"]


class AnalysisFailed(RuntimeError):
    """The NLP failed on this text (message: "ErrorType: detail"); recorded as a failure row."""
