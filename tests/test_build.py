"""crawl → process on the bundled fixture archive, through the real CLI, Scrapy and SQLite.

Expected counts come from reading fixtures/pages.yml: 14 seed URLs; 12 of them answer with an
HTML page (one through a 301 from an old short URL, one a hostile page full of markup that must
stay inert, one the Fenwick Herald's re-quotes for quote tracing), one is a PNG image and one is
missing from the archive on purpose.
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils
from presswatch.store.archive import read_response_at

from tests.conftest import DATASET, run_presswatch

SEED_URL = "https://globalnews.ca/news/4892985/facebook-messenger-whatsapp-instagram-data-sharing/"
SHORT_URL = "https://lakeshorecourier.example/story/48213"
MISSING_URL = "https://www.bayviewdaily.example/2019/02/missing-page"
IMAGE_URL = "https://www.meridianpost.example/media/integration-chart.png"


def test_every_seed_has_one_fetch_row(built_db_path: Path) -> None:
    db = sqlite_utils.Database(built_db_path)
    assert db.table("fetches").count == 14
    by_url = {row["url"]: row for row in db.query("select * from fetches")}
    ok = [row for row in by_url.values() if row["status"] == 200]
    assert len(ok) == 13  # 12 HTML pages + 1 image
    assert all(row["origin"] == "replay:archive.warc.gz" for row in by_url.values())
    # Replayed pages are dated by the archive, so rebuilding gives the same rows.
    assert by_url[SEED_URL]["fetched_at"] == "2019-01-28T15:04:05Z"
    assert by_url[SEED_URL]["source_id"] == "global-news"


def test_redirect_and_failures_are_recorded(built_db_path: Path) -> None:
    db = sqlite_utils.Database(built_db_path)
    by_url = {row["url"]: row for row in db.query("select * from fetches")}
    short = by_url[SHORT_URL]
    assert short["final_url"].endswith("regulators-scrutinize-facebook-messaging-plan-1.4821377")
    assert json.loads(short["redirects"]) == [SHORT_URL]
    missing = by_url[MISSING_URL]
    assert missing["status"] is None and "not in the replayed archive" in missing["error"]
    failures = list(db.query("select * from failures"))
    assert [(f["stage"], f["subject"]) for f in failures] == [("extract", IMAGE_URL)]
    assert "image/png" in failures[0]["error"]


def test_bodies_are_read_back_from_the_run_archive(
    built_dataset: Path, built_db_path: Path
) -> None:
    db = sqlite_utils.Database(built_db_path)
    row = next(db.query("select * from fetches where url = ?", [SEED_URL]))
    stored = read_response_at(built_dataset / row["warc_file"], row["warc_offset"])
    page = (built_dataset / "fixtures" / "pages" / "globalnews-4892985.html").read_bytes()
    assert stored.body == page
    import hashlib

    assert row["body_sha256"] == hashlib.sha256(page).hexdigest()


def test_articles_and_facts(built_db_path: Path) -> None:
    db = sqlite_utils.Database(built_db_path)
    assert db.table("articles").count == 12
    seed = next(db.query("select * from articles where url = ?", [SEED_URL]))
    assert seed["title"].startswith(
        "Facebook plans to deepen data sharing between Messenger, Instagram, WhatsApp"
    )
    assert seed["is_fixture"] == 0
    assert db.execute("select count(*) from articles where is_fixture = 1").fetchone()[0] == 11
    # Every fact carries its article, the article version and offsets into the body.
    for mention in db.query(
        "select m.*, a.body, a.version from mentions m join articles a on a.id = m.article_id"
    ):
        assert mention["article_version"] == mention["version"]
        assert mention["body"][mention["start_char"] : mention["end_char"]] == mention["text"]
    for quote in db.query(
        "select q.*, a.body from quotes q join articles a on a.id = q.article_id"
    ):
        assert quote["body"][quote["content_start"] : quote["content_end"]] == quote["content"]
    stamos = list(
        db.query(
            "select content from quotes where speaker_entity_id = 'alex-stamos' and article_id = ?",
            [seed["id"]],
        )
    )
    assert any("cautiously optimistic" in q["content"] for q in stamos)
    linked = {
        row["entity_id"]
        for row in db.query("select entity_id from mentions where article_id = ?", [seed["id"]])
    }
    assert {
        "facebook",
        "whatsapp",
        "instagram",
        "messenger",
        "matthew-green",
        "alec-muffett",
        "alex-stamos",
        "sam-weinstein",
    } <= linked


def test_full_text_search_finds_quotes_and_articles(built_db_path: Path) -> None:
    db = sqlite_utils.Database(built_db_path)
    assert db.table("quotes").search("optimistic")
    assert any(row["url"] == SEED_URL for row in db.table("articles").search("Cardozo"))


def test_runs_are_logged(built_dataset: Path, built_db_path: Path) -> None:
    db = sqlite_utils.Database(built_db_path)
    runs = list(db.query("select * from runs order by id limit 2"))
    assert [(r["command"], r["status"]) for r in runs] == [("crawl", "ok"), ("process", "ok")]
    assert runs[0]["fetched"] == 14 and runs[0]["failed"] == 1
    assert runs[1]["articles"] == 12 and runs[1]["errors"] == 1
    for run in runs:
        assert run["finished_at"] >= run["started_at"]
        assert (built_dataset / run["log_file"]).stat().st_size > 0


def test_processing_again_does_nothing_new(built_dataset: Path, built_db_path: Path) -> None:
    before = {
        t: sqlite_utils.Database(built_db_path).table(t).count
        for t in ("articles", "mentions", "quotes", "failures")
    }
    result = run_presswatch("process", DATASET, datasets_root=built_dataset.parent)
    assert "0 page(s) to extract" in result.stderr
    after = {t: sqlite_utils.Database(built_db_path).table(t).count for t in before}
    assert after == before


def test_rebuild_from_scratch_gives_the_same_facts(tmp_path: Path, built_db_path: Path) -> None:
    """Reproducibility: the same archive gives the same articles, mentions and quotes."""
    from tests.conftest import copy_dataset

    folder = copy_dataset(tmp_path)
    run_presswatch("build", DATASET, datasets_root=tmp_path)
    fresh = sqlite_utils.Database(folder / "build" / f"{DATASET}.db")
    first = sqlite_utils.Database(built_db_path)
    for table, columns in {
        "articles": "id, version, url, title, body",
        "mentions": "*",
        "quotes": "*",
        "fetches": "id, url, final_url, status, body_sha256, fetched_at, error",
    }.items():
        query = f"select {columns} from {table} order by id"
        assert list(fresh.query(query)) == list(first.query(query)), table
