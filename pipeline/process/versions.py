"""Article versions: what an article's text was at each crawl, and what changed between them.

An article's identity is its canonical URL; its version is a hash of its extracted body. A
re-crawl whose extracted text hashes the same costs no NLP (the process stage checks this
before analysing); one whose text differs gets a new `article_versions` row with the previous
version's id and a unified diff of the two texts, paragraph by paragraph. The facts extracted
from each version keep its id in their `article_version` column, and each version's body is
kept here, so their character offsets can always be checked against the text they came from.
"""

from __future__ import annotations

import difflib
from typing import Any

import sqlite_utils
from presswatch.common.ids import now_iso, stable_id


def text_diff(old: str, new: str) -> str:
    """A unified diff of two article bodies, one line per paragraph."""
    lines = difflib.unified_diff(
        old.split("\n\n"), new.split("\n\n"), "previous", "current", lineterm="", n=1
    )
    return "\n".join(lines)


def current_version(db: sqlite_utils.Database, article_id: str) -> dict[str, Any] | None:
    rows = list(db.query("select version, body, fetch_id from articles where id = ?", [article_id]))
    return rows[0] if rows else None


def version_record(
    article: dict[str, Any], previous: dict[str, Any] | None, run_id: int | None
) -> dict[str, Any]:
    """The article_versions row of the article's (new) current version, with the diff against
    `previous` when there is one."""
    return {
        "id": stable_id(article["id"], article["version"]),
        "article_id": article["id"],
        "version": article["version"],
        "previous_version": previous["version"] if previous else None,
        "fetch_id": article["fetch_id"],
        "run_id": run_id,
        "title": article["title"],
        "body": article["body"],
        "diff": text_diff(previous["body"], article["body"]) if previous else None,
        "created_at": now_iso(),
    }


def note_unchanged(db: sqlite_utils.Database, article: dict[str, Any], fetch_id: str) -> None:
    """A fetch whose text is the current version: the article now points at the latest fetch.
    (A savepoint inside the process stage's transaction for a batch: pipeline/store/writers.py.)"""
    with db.atomic():
        db.execute("update articles set fetch_id = ? where id = ?", [fetch_id, article["id"]])
