"""Incremental re-crawls of a real loopback site: 304s, content hashes, versions with diffs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils

from tests.conftest import run_presswatch
from tests.fixtures.sites.newsroom import NewsroomState, newsroom_dataset, serve
from tests.test_crawl_discovery import write_dataset

SEEDS = ["/news/merger.html", "/news/analysis.html", "/news/changing.html", "/news/same-story.html"]


def test_second_crawl_fetches_only_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRESSWATCH_POLITENESS", "off")
    state = NewsroomState()
    with serve(state) as base:
        config = newsroom_dataset(base)
        config["crawl"]["max_depth"] = 0
        config["sources"][0]["seeds"] = [base + path for path in SEEDS]
        folder = write_dataset(tmp_path, config)
        host = base.removeprefix("http://")
        run_presswatch(
            "build", "gazette", "--live", "--allow-host", host, datasets_root=tmp_path, timeout=300
        )
        db = sqlite_utils.Database(folder / "build" / "gazette.db")
        # Canonical identity: same-story.html declares merger.html canonical, so it is one article.
        assert db.table("articles").count == 3
        merger = next(
            db.query("select * from articles where canonical_url = ?", [base + "/news/merger.html"])
        )
        first_changing = next(
            db.query("select * from articles where url = ?", [base + "/news/changing.html"])
        )
        first_facts = db.execute(
            "select count(*) from mentions where article_id = ?", [first_changing["id"]]
        ).fetchone()[0]
        assert first_facts > 0

        state.edition = 2  # changing.html gains a paragraph; nothing else changes
        result = run_presswatch(
            "build",
            "gazette",
            "--live",
            "--allow-host",
            host,
            "--scheduled",
            datasets_root=tmp_path,
            timeout=300,
        )

    # Conditional GETs: the ETag and Last-Modified of the first crawl were sent back.
    second = [headers for _, path, headers in state.log if path == "/news/merger.html"][1]
    assert second.get("if-none-match") == '"merger-v1"'
    second = [headers for _, path, headers in state.log if path == "/news/analysis.html"][1]
    assert "if-modified-since" in second
    rows = {
        row["url"].removeprefix(base): row
        for row in db.query("select * from fetches where run_id = 3")
    }
    assert {path: rows[path]["status"] for path in SEEDS} == {
        "/news/merger.html": 304,
        "/news/analysis.html": 304,
        "/news/changing.html": 200,
        "/news/same-story.html": 200,
    }
    assert {path: rows[path]["outcome"] for path in SEEDS} == {
        "/news/merger.html": "unchanged",
        "/news/analysis.html": "unchanged",
        "/news/changing.html": "changed",
        "/news/same-story.html": "unchanged",  # same body hash
    }
    runs = {run["id"]: run for run in db.query("select * from runs")}
    crawl2, process2 = runs[3], runs[4]
    assert (
        crawl2["new"],
        crawl2["changed"],
        crawl2["unchanged"],
        crawl2["failed"],
        crawl2["scheduled"],
    ) == (0, 1, 3, 0, 1)
    # Only the changed article went through extraction and NLP.
    assert "1 page(s) to extract and analyse" in result.stderr
    assert (process2["articles"], process2["changed"], process2["new"]) == (1, 1, 0)

    # The changed article has a second version with the diff; the first version's facts stay,
    # attributable to it, and its text is kept so their offsets can still be checked.
    changing = next(
        db.query("select * from articles where url = ?", [base + "/news/changing.html"])
    )
    assert changing["version"] != first_changing["version"]
    versions = list(
        db.query(
            "select * from article_versions where article_id = ? order by created_at, "
            "previous_version is not null",
            [changing["id"]],
        )
    )
    assert [v["version"] for v in versions] == [first_changing["version"], changing["version"]]
    assert versions[1]["previous_version"] == first_changing["version"]
    assert "+Update: Facebook said WhatsApp keys stay on the phone." in versions[1]["diff"]
    old_facts = list(
        db.query(
            "select * from mentions where article_id = ? and article_version = ?",
            [changing["id"], first_changing["version"]],
        )
    )
    assert len(old_facts) == first_facts
    for fact in old_facts:
        assert versions[0]["body"][fact["start_char"] : fact["end_char"]] == fact["text"]
    new_facts = list(
        db.query(
            "select * from mentions where article_id = ? and article_version = ?",
            [changing["id"], changing["version"]],
        )
    )
    assert any(
        f["text"] == "WhatsApp" and f["start_char"] > len(versions[0]["body"]) - 40
        for f in new_facts
    )
    # The unchanged article was not re-analysed: its facts are the first run's.
    assert db.table("articles").get(merger["id"])["version"] == merger["version"]

    status = run_presswatch("status", "gazette", datasets_root=tmp_path).stdout
    assert "failing in the last crawl (run 3):\n  nothing" in status
    line = next(row for row in status.splitlines() if row.strip().startswith("3 crawl"))
    assert line.split()[5:9] == ["4", "0", "1", "3"] and line.rstrip().endswith("yes")
    assert json.loads(runs[3]["arguments"])["live"] is True


def test_an_unchanged_feed_still_gets_its_items_rechecked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 304 on a feed says the item list is the same, not that the items are: they are
    re-queued from the last crawl and asked for with their own conditional GETs."""
    monkeypatch.setenv("PRESSWATCH_POLITENESS", "off")
    state = NewsroomState()
    with serve(state) as base:
        config = newsroom_dataset(base)
        config["crawl"]["max_depth"] = 0
        folder = write_dataset(tmp_path, config)
        for _ in range(2):
            run_presswatch(
                "crawl",
                "gazette",
                "--live",
                "--allow-host",
                "127.0.0.1",
                "--feed",
                base + "/feed.xml",
                datasets_root=tmp_path,
            )
    db = sqlite_utils.Database(folder / "build" / "gazette.db")
    second = {
        row["url"].removeprefix(base): row
        for row in db.query("select * from fetches where run_id = 2")
    }
    assert second["/feed.xml"]["status"] == 304
    assert (
        second["/news/merger.html"]["status"] == 304
        and second["/news/merger.html"]["outcome"] == "unchanged"
    )
    assert second["/news/roads.html"]["outcome"] == "skipped"  # still off-topic, still recorded
    assert state.requests["/news/merger.html"] == 2
    assert [
        r["outcome"]
        for r in db.query("select outcome from fetches where run_id = 2 and url like '%draft%'")
    ] == ["failed"]
