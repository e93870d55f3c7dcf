"""The antitrust lens in Datasette: coverage around events, voices, topics over time, co-mentions.

Expected counts come from reading the fixture pages' publication dates (fixtures/pages/*.html).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import urllib.parse
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

import sqlite_utils
import yaml
from presswatch.derive.events.network import GEXF_NS, co_mention_edges, edges_to_csv, edges_to_gexf
from presswatch.publish.prepare import prepare_database

from tests.conftest import DATASET, REPO_ROOT, run_presswatch

QUERIES = yaml.safe_load((REPO_ROOT / "metadata.yml").read_text(encoding="utf-8"))["databases"][
    DATASET
]["queries"]


def _window(db: sqlite_utils.Database, event_id: str, days: int) -> list[tuple[str, str, int]]:
    sql = QUERIES["coverage_around_event"]["sql"]
    return [
        (r["day"], r["outlet"], r["articles"])
        for r in db.query(sql, {"event_id": event_id, "days": days})
    ]


def test_coverage_window_needs_a_day_precise_event(built_db_path: Path) -> None:
    db = sqlite_utils.Database(built_db_path)
    # The NYT report is dated to the month its own record gives (January 2019), so it has no
    # day to centre a window on, although fixture articles fall on 26-29 January 2019.
    assert _window(db, "nyt-integration-report", 30) == []
    # The day-precise events (2014, 2021, 2022) are far from every fixture article (2019).
    assert list(db.query("select * from event_coverage")) == []
    # The window counts are checked on the second dataset (tests/test_second_dataset.py), whose
    # fixture story follows a day-precise court ruling.


def test_canned_query_served_by_datasette(datasette_url: str) -> None:
    query = urllib.parse.urlencode(
        {"event_id": "whatsapp-acquisition-announced", "days": 30, "_shape": "objects"}
    )
    with urllib.request.urlopen(
        f"{datasette_url}/{DATASET}/coverage_around_event.json?{query}", timeout=10
    ) as response:
        assert json.load(response)["rows"] == []


def test_event_voices_and_topics_over_time(built_db_path: Path, tmp_path: Path) -> None:
    # event_voices reads the publication table the publish step writes. On a copy: the session's
    # Datasette serves the built file as immutable, and rewriting it under it breaks later pages.
    copy = tmp_path / built_db_path.name
    shutil.copyfile(built_db_path, copy)
    prepare_database(copy)
    db = sqlite_utils.Database(copy)
    voices = list(
        db.query(QUERIES["event_voices"]["sql"], {"event_id": "whatsapp-acquisition-announced"})
    )
    # Every voice comes from an article that reports the WhatsApp purchase.
    reporting = {
        r["article_id"]
        for r in db.query(
            "select article_id from event_mentions"
            " where event_id = 'whatsapp-acquisition-announced'"
        )
    }
    assert voices and {v["article_id"] for v in voices} <= reporting
    assert all(
        v["stance"] in {None, "support", "oppose", "mixed", "neutral", "unclear"} for v in voices
    )
    months = {(r["month"], r["topic"]) for r in db.query("select * from claim_topics_by_month")}
    assert {month for month, _ in months} <= {"2019-01", "2019-02", "2019-03"}
    total = next(db.query("select sum(claims) as n from claim_topics_by_month"))["n"]
    direct = next(
        db.query(
            "select count(*) as n from claim_topics"
            " join claims on claims.id = claim_topics.claim_id"
            " join articles on articles.id = claims.article_id"
            " and articles.version = claims.article_version"
            " where articles.published is not null"
        )
    )["n"]
    assert total == direct


def test_co_mention_network_exports(built_db_path: Path, built_dataset: Path) -> None:
    db = sqlite_utils.Database(built_db_path)
    edges = co_mention_edges(db, min_articles=2)
    assert edges and all(
        e["source_entity_id"] < e["target_entity_id"] and e["articles"] >= 2 for e in edges
    )
    # Facebook and WhatsApp appear together in every article of the story but the council budget
    # piece: check the weight against a direct count.
    pair = next(
        e
        for e in edges
        if (e["source_entity_id"], e["target_entity_id"]) == ("facebook", "whatsapp")
    )
    both = next(
        db.query(
            "select count(*) as n from articles"
            " where exists (select 1 from mentions m where m.article_id = articles.id"
            " and m.article_version = articles.version and m.entity_id = 'facebook')"
            " and exists (select 1 from mentions m"
            " where m.article_id = articles.id and m.article_version = articles.version"
            " and m.entity_id = 'whatsapp')"
        )
    )["n"]
    assert pair["articles"] == both
    rows = list(csv.DictReader(io.StringIO(edges_to_csv(edges))))
    assert len(rows) == len(edges) and rows[0]["articles"] == str(edges[0]["articles"])
    root = ElementTree.fromstring(edges_to_gexf(edges, "test").encode("utf-8"))
    ns = {"g": GEXF_NS}
    node_ids = {n.get("id") for n in root.findall("g:graph/g:nodes/g:node", ns)}
    gexf_edges = root.findall("g:graph/g:edges/g:edge", ns)
    assert len(gexf_edges) == len(edges)
    assert all(e.get("source") in node_ids and e.get("target") in node_ids for e in gexf_edges)
    assert (
        root.find("g:graph/g:nodes/g:node[@id='facebook']/g:attvalues/g:attvalue", ns).get("value")
        == "company"
    )
    # The CLI writes the same file.
    result = run_presswatch(
        "network", DATASET, "--min-articles", "2", datasets_root=built_dataset.parent
    )
    written = built_dataset / "build" / f"{DATASET}-co-mentions.gexf"
    assert f"{len(edges)} edge(s)" in result.stdout and written.is_file()
    assert len(ElementTree.parse(written).getroot().findall("g:graph/g:edges/g:edge", ns)) == len(
        edges
    )


def test_text_that_looks_like_markup_is_escaped_in_gexf() -> None:
    edge = {
        "source_entity_id": "a",
        "source_name": "<b>A & Co</b>",
        "source_type": "company",
        "target_entity_id": "b",
        "target_name": 'B "quoted"',
        "target_type": "person",
        "articles": 1,
    }
    root = ElementTree.fromstring(edges_to_gexf([edge], "t").encode("utf-8"))
    labels = {n.get("label") for n in root.iter(f"{{{GEXF_NS}}}node")}
    assert labels == {"<b>A & Co</b>", 'B "quoted"'}
