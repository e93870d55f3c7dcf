"""The process stage: extract + analyse every crawled page that has not been processed yet.

Reads each pending fetch's body back from its WARC record, extracts the article, runs the NLP
pipeline on the body, and writes the article with its facts in one transaction. A page that
cannot be extracted or analysed becomes a `failures` row and the run goes on.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import sqlite_utils
from presswatch.common.ids import stable_id
from presswatch.dataset import Dataset
from presswatch.derive.events.documents import PDF_TYPE, DocumentError, document_article
from presswatch.derive.events.store import extract_event_mentions
from presswatch.derive.quote_clusters import trace_quotes
from presswatch.derive.syndication import cluster_articles
from presswatch.extract import Article, extract_article
from presswatch.process.shards import Shard
from presswatch.process.versions import current_version, note_unchanged, save_version
from presswatch.store import bulk_writes, record_failure, save_analysis
from presswatch.store.archive import ArchiveError, archive_location, read_response_at
from presswatch.store.batches import chunks, marks
from w3lib.encoding import http_content_type_encoding

HTML_TYPES = ("text/html", "application/xhtml+xml")

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
  )
order by fetches.url, fetches.fetched_at
"""


def pending_fetch_ids(db: sqlite_utils.Database) -> list[str]:
    """Ids of the fetches still to process, in processing order (ids only: the rows are read a
    chunk at a time, so a large backlog does not sit in memory)."""
    return [row[0] for row in db.execute(PENDING_SQL)]


def article_row(article: Article, fetch: dict[str, Any], is_fixture: bool, run_id: int | None) -> dict[str, Any]:
    """The articles row: identity from the canonical URL, version from the body text."""
    identity_url = article.canonical_url or fetch["final_url"] or fetch["url"]
    return {
        "id": stable_id(identity_url),
        "version": hashlib.sha256(article.body.encode("utf-8")).hexdigest()[:16],
        "fetch_id": fetch["id"], "source_id": fetch["source_id"],
        "url": fetch["final_url"] or fetch["url"], "canonical_url": article.canonical_url,
        "title": article.title, "authors": json.dumps(article.authors, ensure_ascii=False),
        "published": article.published, "publisher": article.publisher,
        "language": article.language, "body": article.body,
        "word_count": len(article.body.split()), "is_fixture": int(is_fixture), "run_id": run_id,
        "subtitle": article.subtitle, "agency": article.agency,
        "credits": json.dumps(article.credits, ensure_ascii=False), "modified": article.modified,
        "section": article.section, "paywall": None if article.paywall is None else int(article.paywall),
        "provenance": json.dumps(article.provenance, ensure_ascii=False, sort_keys=True),
    }


class Analyzer(Protocol):
    """What process_pending needs of the NLP stage (pipeline/process/analyzers.py)."""

    ahead: int  # batches submitted before the oldest one is written
    batch_size: int  # texts per batch

    def submit(self, texts: list[str]) -> Callable[[], list[tuple[bool, Any]]]: ...


@dataclass
class _Step:
    """What to do with one pending fetch, decided before its NLP runs."""

    position: int  # 1-based, in pending order (progress)
    fetch: dict[str, Any]
    kind: str  # "failed" (no article: `problem` says why), "unchanged" or "analyze"
    row: dict[str, Any] | None = None
    problem: str = ""


def _plan(db: sqlite_utils.Database, dataset: Dataset, fetch_ids: list[str], shard: Shard | None,
          fixture_sources: set[str], run_id: int | None) -> Iterator[_Step]:
    """Extract each pending page and decide its fate, in order, reading fetch rows a chunk at a time.

    The database lags behind the plan by the batches not yet written, so the version each
    article will have by then is tracked here: a second fetch of the same text in one run is
    seen as unchanged exactly as a one-at-a-time run would see it.
    """
    planned_versions: dict[str, str] = {}
    position = 0
    for chunk in chunks(fetch_ids):
        rows = {row["id"]: row for row in db.query(f"select * from fetches where id in ({marks(len(chunk))})", chunk)}
        for fetch_id in chunk:
            position += 1
            fetch = rows[fetch_id]
            try:
                article = _extract(dataset, fetch)
            except _Skip as problem:
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

    Batches go to `analyzer` while earlier ones are written, so with a pool the NLP of the next
    pages runs during the extraction and writing of these; the database sees the same writes in
    the same order whatever the analyzer. While the stage writes, the database is in WAL mode
    with synchronous=NORMAL (a commit per article costs no fsync); it is a single self-contained
    file again when the stage ends.

    With `shard`, only the articles (and failed pages) that shard owns are written, and the
    syndication clusters are left to `presswatch merge`, which sees every shard's articles.
    `fetch_ids`: the pending fetches as the caller already listed them (pending_fetch_ids), so a
    large backlog is not queried twice.
    """
    fixture_sources = {row["id"] for row in db.query("select id from sources where is_fixture = 1")}
    counts = {"articles": 0, "mentions": 0, "quotes": 0, "errors": 0, "new": 0, "changed": 0, "unchanged": 0}
    if fetch_ids is None:
        fetch_ids = pending_fetch_ids(db)
    in_flight: deque[tuple[list[_Step], Callable[[], list[tuple[bool, Any]]]]] = deque()

    def write_oldest_until(left_in_flight: int) -> None:
        while len(in_flight) > left_in_flight:
            steps, result = in_flight.popleft()
            outcomes = iter(result())
            for step in steps:
                if progress:
                    progress(step.position, len(fetch_ids), step.fetch["final_url"] or step.fetch["url"])
                outcome = next(outcomes) if step.kind == "analyze" else None
                _write_step(db, analyzer, step, outcome, run_id, counts)

    with bulk_writes(db):
        for steps in _batches(_plan(db, dataset, fetch_ids, shard, fixture_sources, run_id), analyzer.batch_size):
            texts = [step.row["body"] for step in steps if step.kind == "analyze" and step.row]
            in_flight.append((steps, analyzer.submit(texts)))
            write_oldest_until(analyzer.ahead)
        write_oldest_until(0)
        if shard is None:
            counts.update(cluster_articles(db, run_id))  # syndication clusters over all articles
            counts.update(trace_quotes(db, run_id))  # after syndication: copies are marked
        counts.update(extract_event_mentions(db, dataset.knowledge_base, dataset.events))  # pipeline/derive/events
    return counts


def _write_step(db: sqlite_utils.Database, analyzer: Analyzer, step: _Step, outcome: tuple[bool, Any] | None,
                run_id: int | None, counts: dict[str, int]) -> None:
    fetch, row = step.fetch, step.row
    if step.kind == "failed" or row is None:
        record_failure(db, run_id, "extract", fetch["final_url"] or fetch["url"], step.problem, fetch["id"])
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
        # failed earlier in this run): this text needs its own analysis, as a one-at-a-time run
        # would give it.
        outcome = analyzer.submit([row["body"]])()[0]
    ok, analysis = outcome
    try:
        if not ok:
            raise AnalysisFailed(analysis)
        written = save_analysis(db, row, analysis)
        save_version(db, row, previous, run_id)
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


def _parse_time(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


class _Skip(Exception):
    """This fetch yields no article; the message says why."""


def _extract(dataset: Dataset, fetch: dict[str, Any]) -> Article:
    content_type = (fetch["content_type"] or "").split(";")[0].strip().lower()
    if content_type and content_type not in HTML_TYPES and content_type != PDF_TYPE:
        raise _Skip(f"not an HTML page or PDF document (Content-Type: {content_type})")
    try:
        stored = read_response_at(archive_location(dataset.folder, fetch["warc_file"], dataset.archive_url),
                                  fetch["warc_offset"])
    except (OSError, ArchiveError) as exc:
        raise _Skip(f"body unreadable from {fetch['warc_file']}@{fetch['warc_offset']}: {exc}") from exc
    if content_type == PDF_TYPE:  # a primary document: numbered paragraphs (pipeline/derive/events/documents.py)
        try:
            return document_article(stored.body, fetch["final_url"] or fetch["url"])
        except DocumentError as exc:
            raise _Skip(str(exc)) from exc
    article = extract_article(
        stored.body, url=fetch["final_url"] or fetch["url"], source=fetch["url"],
        encoding=http_content_type_encoding(fetch["content_type"]), fetched_at=_parse_time(fetch["fetched_at"]),
    )
    if article.error:
        raise _Skip(article.error)
    return article
