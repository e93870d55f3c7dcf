"""One pending page → its articles row: read the body from the archive, extract the article.

The process command runs this itself with `--workers 1`; on a Dask cluster the workers run it
(pipeline/process/cluster.py), each reading its pages from the archive by (file, offset) through
fsspec, so only a page's address and a few fetch columns travel to the worker. Everything here is
a function of a fetch row and an archive location: no database, no spaCy.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from presswatch.common.ids import stable_id
from presswatch.derive.events.documents import PDF_TYPE, DocumentError, document_article
from presswatch.extract import Article, extract_article
from presswatch.store.archive import archive_location, read_response_at
from w3lib.encoding import http_content_type_encoding

HTML_TYPES = ("text/html", "application/xhtml+xml")

# In the failure row of a page whose archive could not be reached (a setting to fix, not a bad
# page): such pages are pending again on the next run (pipeline/process/loop.py).
READ_AGAIN = "`presswatch process` reads the page again once it can"

# The fetch columns a page's extraction and its articles row need (what a worker is sent).
FETCH_COLUMNS = (
    "id",
    "url",
    "final_url",
    "source_id",
    "content_type",
    "fetched_at",
    "warc_file",
    "warc_offset",
)


class PageSkipped(Exception):
    """This fetch yields no article; the message says why (it becomes the page's failure row)."""


@dataclass(frozen=True)
class PageJob:
    """A pending page as a worker gets it: the fetch's columns and where its archive file is."""

    fetch: dict[str, Any]  # FETCH_COLUMNS of the fetches row
    location: str  # the archive file: an absolute path or an fsspec URL (archive_location)
    is_fixture: bool
    run_id: int | None


def page_job(
    fetch: dict[str, Any],
    folder: Path,
    archive_url: str | None,
    is_fixture: bool,
    run_id: int | None,
) -> PageJob:
    location = archive_location(folder.resolve(), fetch["warc_file"], archive_url)
    return PageJob({key: fetch[key] for key in FETCH_COLUMNS}, str(location), is_fixture, run_id)


def article_row(
    article: Article, fetch: dict[str, Any], is_fixture: bool, run_id: int | None
) -> dict[str, Any]:
    """The articles row: identity from the canonical URL, version from the body text."""
    identity_url = article.canonical_url or fetch["final_url"] or fetch["url"]
    return {
        "id": stable_id(identity_url),
        "version": hashlib.sha256(article.body.encode("utf-8")).hexdigest()[:16],
        "fetch_id": fetch["id"],
        "source_id": fetch["source_id"],
        "url": fetch["final_url"] or fetch["url"],
        "canonical_url": article.canonical_url,
        "title": article.title,
        "authors": json.dumps(article.authors, ensure_ascii=False),
        "published": article.published,
        "publisher": article.publisher,
        "language": article.language,
        "body": article.body,
        "word_count": len(article.body.split()),
        "is_fixture": int(is_fixture),
        "run_id": run_id,
        "subtitle": article.subtitle,
        "agency": article.agency,
        "credits": json.dumps(article.credits, ensure_ascii=False),
        "modified": article.modified,
        "section": article.section,
        "paywall": None if article.paywall is None else int(article.paywall),
        "provenance": json.dumps(article.provenance, ensure_ascii=False, sort_keys=True),
    }


def page_row(job: PageJob) -> dict[str, Any]:
    """The page's articles row, or PageSkipped saying why it has none."""
    return article_row(extract_page(job.fetch, job.location), job.fetch, job.is_fixture, job.run_id)


def extract_page(fetch: dict[str, Any], location: str | Path) -> Article:
    """The article of one fetched page, read from its archive file at `location`."""
    content_type = (fetch["content_type"] or "").split(";")[0].strip().lower()
    if content_type and content_type not in HTML_TYPES and content_type != PDF_TYPE:
        raise PageSkipped(f"not an HTML page or PDF document (Content-Type: {content_type})")
    try:
        stored = read_response_at(location, fetch["warc_offset"])
    except Exception as exc:  # noqa: BLE001 - whatever the storage raises (s3fs, gcsfs…), the page fails
        raise PageSkipped(unreadable(fetch, location, exc)) from exc
    if content_type == PDF_TYPE:  # a primary document: numbered paragraphs (derive/events)
        try:
            return document_article(stored.body, fetch["final_url"] or fetch["url"])
        except DocumentError as exc:
            raise PageSkipped(str(exc)) from exc
    article = extract_article(
        stored.body,
        url=fetch["final_url"] or fetch["url"],
        source=fetch["url"],
        encoding=http_content_type_encoding(fetch["content_type"]),
        fetched_at=_parse_time(fetch["fetched_at"]),
    )
    if article.error:
        raise PageSkipped(article.error)
    return article


def unreadable(fetch: dict[str, Any], location: str | Path, exc: Exception) -> str:
    """The failure message of a page whose archive record cannot be read: the record, where it
    was looked for, the storage's error, and what to do."""
    where = f"{fetch['warc_file']}@{fetch['warc_offset']}"
    message = f"body unreadable from {where}: {location}: {type(exc).__name__}: {exc}"
    if isinstance(exc, (FileNotFoundError, PermissionError, ImportError)) or "://" in str(location):
        message += (
            "; the archive must be readable there by every process that reads pages: "
            "set archive_url in dataset.yml (or --archive) to a copy of the dataset "
            "folder's tree (build/archive/...), with its fsspec package (s3fs, gcsfs) "
            "installed on the workers; " + READ_AGAIN
        )
    return message


def _parse_time(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass
class PageResult:
    """What a worker sends back for one page: its articles row (None when it has no article:
    `problem` says why) and its NLP outcome (None when not analysed: its text repeats the
    version the article was known to have, or another shard owns it)."""

    row: dict[str, Any] | None
    problem: str = ""
    outcome: Any = None
    analyse: bool = False  # whether the worker is to run the NLP on row["body"]


def read_pages(
    jobs: list[PageJob], known_versions: dict[str, str], owns: Any = None
) -> list[PageResult]:
    """Every job's row, in order, and which texts need the NLP.

    `known_versions` (article id → version, as the database had them when the jobs were sent)
    and the versions of earlier pages of the same jobs mark a text that repeats its article's
    version: it is not analysed. This is only a saving: the process command decides again when
    it writes, and analyses there a text that turns out to need it after all.
    `owns`: the shard's test of an article id (pipeline/process/shards.py); other shards'
    articles are not analysed.
    """
    versions = dict(known_versions)
    results: list[PageResult] = []
    for job in jobs:
        try:
            row = page_row(job)
        except PageSkipped as problem:
            results.append(PageResult(None, str(problem)))
            continue
        mine = owns is None or owns(row["id"])
        results.append(PageResult(row, analyse=mine and versions.get(row["id"]) != row["version"]))
        versions[row["id"]] = row["version"]
    return results
