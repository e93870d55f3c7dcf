"""The process stage: extract + analyse every crawled page that has not been processed yet.

Reads each pending fetch's body back from its WARC record, extracts the article, runs the NLP
pipeline on the body, and writes the article with its facts in one transaction. A page that
cannot be extracted or analysed becomes a `failures` row and the run goes on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import sqlite_utils

from pipeline.dataset import Dataset
from pipeline.events.documents import PDF_TYPE, DocumentError, document_article
from pipeline.events.store import extract_event_mentions
from pipeline.extract import Article, extract_article
from pipeline.shards import Shard
from pipeline.store import record_failure, save_analysis
from pipeline.store.writers import stable_id
from pipeline.syndication import cluster_articles
from pipeline.versions import current_version, note_unchanged, save_version
from spiders.archive import ArchiveError, read_response_at

HTML_TYPES = ("text/html", "application/xhtml+xml")

PENDING_SQL = """
select fetches.* from fetches
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


def pending_fetches(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return list(db.query(PENDING_SQL))


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


def process_pending(
    db: sqlite_utils.Database,
    dataset: Dataset,
    analyze: Callable[[str], dict[str, Any]],
    run_id: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    shard: Shard | None = None,
) -> dict[str, int]:
    """Process every pending fetch. `analyze(text)` is the NLP stage (loaded lazily by the caller).

    With `shard`, only the articles (and failed pages) that shard owns are written, and the
    syndication clusters are left to `presswatch merge`, which sees every shard's articles.
    """
    fixture_sources = {row["id"] for row in db.query("select id from sources where is_fixture = 1")}
    counts = {"articles": 0, "mentions": 0, "quotes": 0, "errors": 0, "new": 0, "changed": 0, "unchanged": 0}
    pending = pending_fetches(db)
    for index, fetch in enumerate(pending, start=1):
        if progress:
            progress(index, len(pending), fetch["final_url"] or fetch["url"])
        try:
            article = _extract(dataset, fetch)
        except _Skip as problem:
            if shard is not None and not shard.owns(fetch["id"]):
                continue
            record_failure(db, run_id, "extract", fetch["final_url"] or fetch["url"], str(problem), fetch["id"])
            counts["errors"] += 1
            continue
        row = article_row(article, fetch, fetch["source_id"] in fixture_sources, run_id)
        if shard is not None and not shard.owns(row["id"]):
            continue  # another shard's article: all versions of one article stay in one shard
        previous = current_version(db, row["id"])
        if previous is not None and previous["version"] == row["version"]:
            # Same extracted text (the page changed around it, or it is the same story under
            # another URL): no NLP; the article now points at the latest fetch that carried it.
            note_unchanged(db, row, fetch["id"])
            counts["unchanged"] += 1
            continue
        try:
            analysis = analyze(article.body)
            written = save_analysis(db, row, analysis)
            save_version(db, row, previous, run_id)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run; it is recorded
            record_failure(db, run_id, "analyze", row["url"], f"{type(exc).__name__}: {exc}", fetch["id"])
            counts["errors"] += 1
            continue
        counts["changed" if previous is not None else "new"] += 1
        counts["articles"] += 1
        counts["mentions"] += written["mentions"]
        counts["quotes"] += written["quotes"]
    if shard is None:
        counts.update(cluster_articles(db, run_id))  # syndication clusters over all articles
    counts.update(extract_event_mentions(db, dataset.knowledge_base, dataset.events))  # pipeline/events
    return counts


def _http_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, which outranks the page's own <meta>."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


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
        stored = read_response_at(dataset.folder / fetch["warc_file"], fetch["warc_offset"])
    except (OSError, ArchiveError) as exc:
        raise _Skip(f"body unreadable from {fetch['warc_file']}@{fetch['warc_offset']}: {exc}") from exc
    if content_type == PDF_TYPE:  # a primary document: numbered paragraphs (pipeline/events/documents.py)
        try:
            return document_article(stored.body, fetch["final_url"] or fetch["url"])
        except DocumentError as exc:
            raise _Skip(str(exc)) from exc
    article = extract_article(
        stored.body, url=fetch["final_url"] or fetch["url"], source=fetch["url"],
        encoding=_http_charset(fetch["content_type"]), fetched_at=_parse_time(fetch["fetched_at"]),
    )
    if article.error:
        raise _Skip(article.error)
    return article


def iter_texts(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(source, text) for `presswatch analyze`: plain text as read, or a page's extracted body."""
    from pipeline.extract import read_page

    for path in paths:
        if path.endswith((".html", ".htm", ".html.gz", ".htm.gz")):
            article = extract_article(read_page(path), url=None, source=path)
            yield path, article.body
        else:
            with open(path, encoding="utf-8", newline="") as handle:
                yield path, handle.read()
