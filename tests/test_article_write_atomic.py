"""An article, its facts and its version row are written together or not at all: a process run
killed (or failing) between them must not leave an article whose fetch no longer looks pending
but whose version was never recorded."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils
from presswatch.process.versions import version_record
from presswatch.store import ensure_schema
from presswatch.store.writers import save_analysis

BODY = "Jane Roe said the merger would hurt users."
ANALYSIS = {
    "entities": [
        {"entity_id": "jane-roe", "text": "Jane Roe", "label": "PERSON", "start": 0, "end": 8}
    ],
    "quotes": [],
}


def _article(version: str) -> dict:
    return {
        "id": "a1",
        "version": version,
        "body": BODY,
        "title": "Merger",
        "url": "https://news.example/merger",
        "fetch_id": "f1",
    }


def test_the_version_row_is_written_in_the_articles_transaction() -> None:
    db = ensure_schema(sqlite_utils.Database(memory=True))
    article = _article("v1")
    version = version_record(article, None, run_id=None)
    save_analysis(db, article, ANALYSIS, with_rows={"article_versions": [version]})
    assert [r["id"] for r in db["articles"].rows] == ["a1"]
    rows = list(db["article_versions"].rows)
    assert len(rows) == 1 and rows[0]["article_id"] == "a1" and rows[0]["version"] == "v1"
    assert rows[0]["previous_version"] is None and rows[0]["fetch_id"] == "f1"


def test_a_failing_version_row_leaves_no_article_and_no_facts() -> None:
    db = ensure_schema(sqlite_utils.Database(memory=True))
    bad = {**version_record(_article("v1"), None, run_id=None), "no_such_column": 1}
    with pytest.raises(sqlite3.OperationalError):
        save_analysis(db, _article("v1"), ANALYSIS, with_rows={"article_versions": [bad]})
    assert db["articles"].count == 0 and db["mentions"].count == 0
    assert db["article_versions"].count == 0


def test_a_new_version_records_the_previous_one_and_the_diff() -> None:
    previous = {"version": "v1", "body": "Jane Roe said the merger would help users."}
    row = version_record(_article("v2"), previous, run_id=7)
    assert row["previous_version"] == "v1" and row["run_id"] == 7
    assert "hurt" in row["diff"] and "help" in row["diff"]
