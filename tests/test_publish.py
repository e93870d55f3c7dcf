"""The publication over a small hand-made database: publication tables, canned queries, feeds,
article page, robots option and the `publish` folder, each against a real Datasette on loopback.

Every row here is written by hand, offsets computed from the hand-written bodies, so each
expected answer below was worked out by reading the data, not by running the code.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from presswatch.publish import datasette_command, prepare_for_serving
from presswatch.publish.bundle import publish_folder
from presswatch.publish.metadata import fitted_metadata
from presswatch.publish.plugins.presswatch_publication import Highlight, segment_body
from presswatch.publish.prepare import STATIC_TABLES, prepare_database
from presswatch.store import ensure_schema

from tests.conftest import REPO_ROOT, free_port, serving, wait_for_http

DB_NAME = "handmade"
ATOM = "{http://www.w3.org/2005/Atom}"

BODY_A = (
    "Regulators are watching. “The merger could let Facebook lock in its users,” said Dana Reyes, "
    "a professor at Eastbridge.\n\nWhatsApp users may lose privacy, Reyes warned."
)
BODY_B = (
    "Wire story: <script>alert('x')</script> was typed into the app. “Regulators will act,” "
    "said Tom Hale of Brightline."
)
BODY_C = "Wire story, lightly edited. “Regulators will act,” said Tom Hale of Brightline."


def span(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def build_handmade_db(path: Path) -> Path:
    db = ensure_schema(sqlite_utils.Database(path))
    db["sources"].insert_all(
        [
            {
                "id": "ledger",
                "name": "The Ledger",
                "family": "news",
                "url": "https://ledger.example/",
                "is_fixture": 1,
            },
            {
                "id": "wire",
                "name": "Wire Daily",
                "family": "news",
                "url": "https://wire.example/",
                "is_fixture": 1,
            },
        ]
    )
    db["articles"].insert_all(
        [
            {
                "id": "art-a",
                "version": "va",
                "source_id": "ledger",
                "url": "https://ledger.example/a",
                "title": "Regulators watch the merger",
                "published": "2019-01-26T10:00:00+00:00",
                "publisher": "The Ledger",
                "body": BODY_A,
                "authors": '["Ann Writer"]',
                "is_fixture": 1,
            },
            {
                "id": "art-b",
                "version": "vb",
                "source_id": "wire",
                "url": "https://wire.example/b",
                "title": "Wire: <img src=x onerror=alert(1)> regulators",
                "published": "2019-01-28T09:00:00+00:00",
                "publisher": "Wire Daily",
                "body": BODY_B,
                "is_fixture": 1,
            },
            {
                "id": "art-c",
                "version": "vc",
                "source_id": "ledger",
                "url": "javascript:alert('c')",
                "title": "Regulators (wire copy)",
                "published": "2019-01-28T15:00:00+00:00",
                "publisher": "The Ledger",
                "body": BODY_C,
                "is_fixture": 1,
            },
        ]
    )
    db["entities"].insert_all(
        [
            {"id": "dana-reyes", "name": "Dana Reyes", "type": "person"},
            {"id": "tom-hale", "name": "Tom Hale", "type": "person"},
            {"id": "facebook", "name": "Facebook", "type": "organization"},
            {"id": "whatsapp", "name": "WhatsApp", "type": "product"},
        ]
    )
    qa = span(BODY_A, "The merger could let Facebook lock in its users")
    qb = span(BODY_B, "Regulators will act")
    qc = span(BODY_C, "Regulators will act")
    db["quotes"].insert_all(
        [
            {
                "id": "q-a",
                "article_id": "art-a",
                "article_version": "va",
                "speaker_entity_id": "dana-reyes",
                "speaker_text": "Dana Reyes",
                "content": BODY_A[qa[0] : qa[1]],
                "content_start": qa[0],
                "content_end": qa[1],
                "type": "direct",
                "cue_text": "said",
            },
            {
                "id": "q-b",
                "article_id": "art-b",
                "article_version": "vb",
                "speaker_entity_id": "tom-hale",
                "speaker_text": "Tom Hale",
                "content": BODY_B[qb[0] : qb[1]],
                "content_start": qb[0],
                "content_end": qb[1],
                "type": "direct",
                "cue_text": "said",
            },
            {
                "id": "q-c",
                "article_id": "art-c",
                "article_version": "vc",
                "speaker_entity_id": "tom-hale",
                "speaker_text": "Tom Hale",
                "content": BODY_C[qc[0] : qc[1]],
                "content_start": qc[0],
                "content_end": qc[1],
                "type": "direct",
                "cue_text": "said",
            },
        ]
    )
    fb = span(BODY_A, "Facebook")
    wa = span(
        BODY_A, "WhatsApp"
    )  # outside any quote: must not make q-a a quote "mentioning" WhatsApp
    db["mentions"].insert_all(
        [
            {
                "id": "m-fb",
                "article_id": "art-a",
                "article_version": "va",
                "entity_id": "facebook",
                "text": "Facebook",
                "label": "ORG",
                "start_char": fb[0],
                "end_char": fb[1],
            },
            {
                "id": "m-wa",
                "article_id": "art-a",
                "article_version": "va",
                "entity_id": "whatsapp",
                "text": "WhatsApp",
                "label": "PRODUCT",
                "start_char": wa[0],
                "end_char": wa[1],
            },
        ]
    )
    c1 = span(BODY_A, "The merger could let Facebook lock in its users")
    c2 = span(BODY_A, "WhatsApp users may lose privacy")
    db["claims"].insert_all(
        [
            {
                "id": "c-1",
                "article_id": "art-a",
                "article_version": "va",
                "holder_entity_id": "dana-reyes",
                "holder_text": "Dana Reyes",
                "text": BODY_A[c1[0] : c1[1]],
                "start_char": c1[0],
                "end_char": c1[1],
                "hedge": "could",
                "polarity": "affirmed",
                "topics": '["antitrust"]',
            },
            {
                "id": "c-2",
                "article_id": "art-a",
                "article_version": "va",
                "holder_entity_id": "dana-reyes",
                "holder_text": "Reyes",
                "text": BODY_A[c2[0] : c2[1]],
                "start_char": c2[0],
                "end_char": c2[1],
                "hedge": "may",
                "polarity": "affirmed",
                "topics": '["privacy"]',
            },
        ]
    )
    db["claim_topics"].insert_all(
        [{"claim_id": "c-1", "topic": "antitrust"}, {"claim_id": "c-2", "topic": "privacy"}]
    )
    db["stances"].insert_all(
        [
            {
                "id": "s-a",
                "article_id": "art-a",
                "article_version": "va",
                "entity_id": "dana-reyes",
                "target": "integration",
                "stance": "oppose",
                "confidence": 0.9,
                "evidence": "[]",
            },
            {
                "id": "s-b",
                "article_id": "art-b",
                "article_version": "vb",
                "entity_id": "tom-hale",
                "target": "integration",
                "stance": "oppose",
                "confidence": 0.6,
                "evidence": "[]",
            },
            {
                "id": "s-c",
                "article_id": "art-c",
                "article_version": "vc",
                "entity_id": "tom-hale",
                "target": "integration",
                "stance": "mixed",
                "confidence": 0.5,
                "evidence": "[]",
            },
        ]
    )
    db["person_roles"].insert_all(
        [
            {
                "id": "r-1",
                "entity_id": "dana-reyes",
                "article_id": "art-a",
                "article_version": "va",
                "role": "professor",
                "affiliation": "Eastbridge",
                "sentence": "a professor at Eastbridge",
                "start_char": 0,
                "end_char": 1,
            },
            {
                "id": "r-2",
                "entity_id": "tom-hale",
                "article_id": "art-b",
                "article_version": "vb",
                "role": "analyst",
                "affiliation": "Brightline",
                "sentence": "Tom Hale of Brightline",
                "start_char": 0,
                "end_char": 1,
            },
        ]
    )
    # Syndication clusters as the extraction stage writes them, and the crawl stage's versions.
    db["clusters"].insert(
        {"id": "wire-1", "origin_article_id": "art-b", "size": 2, "method": "minhash"}
    )
    db["article_clusters"].insert_all(
        [
            {"article_id": "art-b", "cluster_id": "wire-1", "relation": "origin"},
            {"article_id": "art-c", "cluster_id": "wire-1", "relation": "near-duplicate"},
        ]
    )
    db["article_versions"].insert_all(
        [
            {
                "id": "v-0",
                "article_id": "art-a",
                "version": "va0",
                "previous_version": None,
                "created_at": "2019-01-26T10:05:00Z",
                "diff": "",
            },
            {
                "id": "v-1",
                "article_id": "art-a",
                "version": "va",
                "previous_version": "va0",
                "created_at": "2019-01-27T08:00:00Z",
                "diff": "-Regulators are curious.\n+Regulators are watching.",
            },
        ]
    )
    db.conn.commit()
    return path


@pytest.fixture(scope="module")
def handmade_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_handmade_db(tmp_path_factory.mktemp("handmade") / f"{DB_NAME}.db")
    prepare_database(path)
    return path


@pytest.fixture(scope="module")
def handmade_url(handmade_db: Path) -> Iterator[str]:
    metadata = prepare_for_serving(handmade_db, REPO_ROOT / "metadata.yml", block_robots=True)
    command = datasette_command(handmade_db, metadata)
    # datasette_command names a default port; `serving` appends a free one, which wins.
    with serving(command) as base:
        yield base


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def query(base: str, name: str, **params: str) -> list[dict]:
    url = f"{base}/{DB_NAME}/{name}.json?_shape=array&" + urllib.parse.urlencode(params)
    return json.loads(get(url))


# --- publication tables -------------------------------------------------------------------


def test_quote_facts_carry_affiliation_stance_and_month(handmade_db: Path) -> None:
    rows = {r["quote_id"]: r for r in sqlite_utils.Database(handmade_db)["quote_facts"].rows}
    assert rows["q-a"]["speaker"] == "Dana Reyes"
    assert rows["q-a"]["speaker_affiliation"] == "Eastbridge"
    assert rows["q-a"]["stance"] == "oppose"
    assert rows["q-a"]["published_month"] == "2019-01"
    assert rows["q-c"]["stance"] == "mixed" and rows["q-c"]["outlet"] == "The Ledger"


def test_prepare_is_idempotent(handmade_db: Path) -> None:
    first = prepare_database(handmade_db)
    assert prepare_database(handmade_db) == first
    assert (
        first["quote_facts"] == 3 and first["claim_facts"] == 2 and first["syndicated_stories"] == 2
    )


def test_a_quotes_stance_and_mentions_are_looked_up_by_all_their_keys(tmp_path: Path) -> None:
    # On a 100,000-article build, quote_facts ran for over 12 minutes without finishing: SQLite
    # found each quote's stance through the entity_id index, reading every stance of a prolific
    # speaker once per quote of theirs. A database built before the composite indexes existed
    # (single-column ones, as here) must gain them in the publish step, before the tables.
    path = tmp_path / "older.db"
    db = ensure_schema(sqlite_utils.Database(path))
    for table, columns in [
        ("stances", ("article_id", "entity_id")),
        ("mentions", ("article_id", "article_version", "start_char")),
    ]:
        db.execute(f"drop index idx_{table}_{'_'.join(columns)}")
        db[table].create_index(["article_id"], if_not_exists=True)
    db["_sqlite_migrations"].drop()  # an earlier presswatch kept no record of its upgrades
    db.conn.commit()
    prepare_database(path)
    selects = {table.name: table.select for table in STATIC_TABLES}
    with sqlite3.connect(path) as conn:
        plan = {
            name: [row[-1] for row in conn.execute("explain query plan " + selects[name])]
            for name in ("quote_facts", "quote_mentions")
        }
    assert any(
        re.fullmatch(r"SEARCH s USING INDEX \S+ \(article_id=\? AND entity_id=\?\)", step)
        for step in plan["quote_facts"]
    ), plan["quote_facts"]
    # The mentions inside a quote: a range of its article's mentions by start offset.
    assert any(
        re.fullmatch(
            r"SEARCH m USING INDEX \S+ \(article_id=\? AND article_version=\? "
            r"AND start_char>\? AND start_char<\?\)",
            step,
        )
        for step in plan["quote_mentions"]
    ), plan["quote_mentions"]


# --- canned queries -----------------------------------------------------------------------


def test_who_said_what_filters_by_speaker_and_stance(handmade_url: str) -> None:
    rows = query(handmade_url, "who_said_what", speaker="tom-hale", stance="")
    assert sorted(r["quote_id"] for r in rows) == ["q-b", "q-c"]
    assert {r["outlet"] for r in rows} == {"Wire Daily", "The Ledger"}
    only_mixed = query(handmade_url, "who_said_what", speaker="Tom Hale", stance="mixed")
    assert [r["quote_id"] for r in only_mixed] == ["q-c"]
    assert len(query(handmade_url, "who_said_what", speaker="", stance="")) == 3


def test_stance_over_time(handmade_url: str) -> None:
    rows = query(handmade_url, "stance_over_time", speaker="tom-hale")
    assert {(r["published_month"], r["stance"], r["articles"]) for r in rows} == {
        ("2019-01", "oppose", 1),
        ("2019-01", "mixed", 1),
    }


def test_quotes_mentioning_an_entity_uses_offsets(handmade_url: str) -> None:
    assert [r["quote_id"] for r in query(handmade_url, "quotes_mentioning", entity="facebook")] == [
        "q-a"
    ]
    assert [r["quote_id"] for r in query(handmade_url, "quotes_mentioning", entity="Facebook")] == [
        "q-a"
    ]
    # WhatsApp is named in the article but outside the quote.
    assert query(handmade_url, "quotes_mentioning", entity="whatsapp") == []


def test_claims_by_topic_with_hedging(handmade_url: str) -> None:
    rows = query(handmade_url, "claims_by_topic", topic="antitrust", hedge="")
    assert [(r["claim_id"], r["hedge"], r["holder"]) for r in rows] == [
        ("c-1", "could", "Dana Reyes")
    ]
    assert [
        r["claim_id"] for r in query(handmade_url, "claims_by_topic", topic="", hedge="may")
    ] == ["c-2"]


def test_coverage_timeline(handmade_url: str) -> None:
    rows = query(handmade_url, "coverage_timeline", outlet="")
    assert [(r["published_day"], r["outlet"], r["articles"]) for r in rows] == [
        ("2019-01-26", "The Ledger", 1),
        ("2019-01-28", "The Ledger", 1),
        ("2019-01-28", "Wire Daily", 1),
    ]


def test_syndicated_story_outlets(handmade_url: str) -> None:
    rows = query(handmade_url, "syndicated_story_outlets", article="art-c")
    assert [(r["outlet"], r["is_origin"], r["cluster_size"]) for r in rows] == [
        ("Wire Daily", 1, 2),
        ("The Ledger", 0, 2),
    ]


def test_what_changed_between_versions(handmade_url: str) -> None:
    rows = query(handmade_url, "what_changed", article="art-a")
    assert [r["version"] for r in rows] == ["va0", "va"]
    assert "+Regulators are watching." in rows[1]["diff"] and rows[1]["previous_version"] == "va0"


def test_adaptive_tables_are_empty_without_clusters_or_versions(tmp_path: Path) -> None:
    db = ensure_schema(sqlite_utils.Database(tmp_path / "plain.db"))
    db.conn.commit()
    counts = prepare_database(tmp_path / "plain.db")
    assert counts["syndicated_stories"] == 0 and counts["version_changes"] == 0
    columns = sqlite_utils.Database(tmp_path / "plain.db")["version_changes"].columns_dict
    assert list(columns) == ["article_id", "version", "previous_version", "seen_at", "diff"]


def test_precounted_facets_match_live_counts(handmade_url: str) -> None:
    unfiltered = json.loads(get(f"{handmade_url}/{DB_NAME}/quote_facts.json"))["facet_results"]
    assert unfiltered["speaker_affiliation"]["type"] == "precounted"
    assert {v["value"]: v["count"] for v in unfiltered["speaker_affiliation"]["results"]} == {
        "Eastbridge": 1,
        "Brightline": 2,
    }
    assert {v["value"]: v["count"] for v in unfiltered["stance"]["results"]} == {
        "oppose": 2,
        "mixed": 1,
    }
    # A filtered page is counted live, and its facet links filter further.
    filtered = json.loads(get(f"{handmade_url}/{DB_NAME}/quote_facts.json?stance=oppose"))[
        "facet_results"
    ]
    assert {v["value"]: v["count"] for v in filtered["speaker_affiliation"]["results"]} == {
        "Eastbridge": 1,
        "Brightline": 1,
    }
    link = next(
        v["toggle_url"] for v in unfiltered["speaker"]["results"] if v["value"] == "Tom Hale"
    )
    assert "speaker=Tom+Hale" in link
    rows = json.loads(get(link + "&_shape=array"))
    assert sorted(r["quote_id"] for r in rows) == ["q-b", "q-c"]
    # Foreign keys keep their labels: quotes are faceted by speaker name.
    quotes = json.loads(get(f"{handmade_url}/{DB_NAME}/quotes.json"))["facet_results"][
        "speaker_entity_id"
    ]["results"]
    assert {v["label"]: v["count"] for v in quotes} == {"Tom Hale": 2, "Dana Reyes": 1}


# --- feeds --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "feed, expected_ids",
    [
        (
            "new_articles_feed",
            {"presswatch:article:art-a", "presswatch:article:art-b", "presswatch:article:art-c"},
        ),
        (
            "new_quotes_feed",
            {"presswatch:quote:q-a", "presswatch:quote:q-b", "presswatch:quote:q-c"},
        ),
    ],
)
def test_atom_feeds(handmade_url: str, feed: str, expected_ids: set[str]) -> None:
    with urllib.request.urlopen(f"{handmade_url}/{DB_NAME}/{feed}.atom", timeout=10) as response:
        assert response.headers["content-type"].startswith("application/xml")
        root = ET.fromstring(response.read())
    entries = root.findall(f"{ATOM}entry")
    assert {e.find(f"{ATOM}id").text for e in entries} == expected_ids
    assert root.find(f"{ATOM}title").text.startswith("presswatch — new")


def test_feed_of_an_empty_database_is_valid(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME / f"{DB_NAME}.db"
    path.parent.mkdir()
    ensure_schema(sqlite_utils.Database(path)).conn.commit()
    metadata = prepare_for_serving(path, REPO_ROOT / "metadata.yml")
    port = free_port()
    process = subprocess.Popen(
        datasette_command(path, metadata, port=port),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/-/versions.json", process)
        root = ET.fromstring(get(f"http://127.0.0.1:{port}/{DB_NAME}/new_quotes_feed.atom"))
        assert [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")] == [
            "No quotes yet"
        ]
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- article page -------------------------------------------------------------------------


def test_segment_body_overlaps_and_bad_offsets() -> None:
    body = "He said the merger could hurt users."
    quote = Highlight("quote", "q", 8, 35, "Quote")
    claim = Highlight("claim", "c", 12, 35, "Claim")
    stale = Highlight("quote", "old", 30, 400, "Quote")
    unplaced = Highlight("quote", "none", None, None, "Quote")
    segments = segment_body(body, [quote, claim, stale, unplaced])
    assert "".join(s.text for s in segments) == body
    assert [(s.text, s.kinds) for s in segments] == [
        ("He said ", []),
        ("the ", ["quote"]),
        ("merger could hurt users", ["claim", "quote"]),
        (".", []),
    ]
    assert segments[2].link.row_id == "c"  # the innermost highlight is the link


def test_article_page_highlights_and_escapes(handmade_url: str) -> None:
    html = get(f"{handmade_url}/{DB_NAME}/article/art-b")
    assert "<script>alert('x')" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert f'href="/{DB_NAME}/quotes/q-b"' in html and ">Regulators will act</a>" in html
    page_a = get(f"{handmade_url}/{DB_NAME}/article/art-a")
    assert f'href="/{DB_NAME}/claims/c-2"' in page_a  # claims are highlighted too
    assert "javascript:" not in get(
        f"{handmade_url}/{DB_NAME}/article/art-c"
    )  # no link to a javascript: URL


def test_unknown_article_is_404(handmade_url: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        get(f"{handmade_url}/{DB_NAME}/article/nope")
    assert caught.value.code == 404


def test_query_results_link_to_article_page(handmade_url: str) -> None:
    html = get(f"{handmade_url}/{DB_NAME}/who_said_what?speaker=dana-reyes&stance=")
    assert f'<a href="/{DB_NAME}/article/art-a">art-a</a>' in html


# --- robots and serving options -----------------------------------------------------------


def test_robots_option(handmade_url: str) -> None:
    assert get(f"{handmade_url}/robots.txt").splitlines() == ["User-agent: *", "Disallow: /"]


def test_fitted_metadata_renames_database_and_sets_robots() -> None:
    fitted = fitted_metadata(
        {"databases": {"fb": {"tables": {"x": {}}}}}, "other", block_robots=True
    )
    assert (
        list(fitted["databases"]) == ["other"]
        and fitted["plugins"]["presswatch"]["block_robots"] is True
    )
    assert fitted["plugins"]["datasette-block-robots"] == {}  # the plugin's default: Disallow: /
    allowed = fitted_metadata({}, "other")["plugins"]["datasette-block-robots"]
    assert allowed == {"literal": "User-agent: *\nDisallow:"}


# --- publish folder -----------------------------------------------------------------------


def test_publish_folder_is_served_by_its_run_command(handmade_db: Path, tmp_path: Path) -> None:
    out = publish_folder(handmade_db, REPO_ROOT / "metadata.yml", tmp_path / "site")
    for name in (
        f"{DB_NAME}.db",
        "metadata.json",
        "inspect.json",
        "requirements.txt",
        "run.sh",
        "plugins/presswatch_publication.py",
        "templates/presswatch_article.html",
        "static/presswatch-vega.js",
        "static/vendor/vega.min.js",
        "plugins/presswatch_person.py",
        "templates/database.html",
    ):
        assert (out / name).is_file(), name
    requirements = (out / "requirements.txt").read_text().split()
    assert "datasette==0.65.5" in requirements and any(
        r.startswith("datasette-atom==") for r in requirements
    )
    assert json.loads((out / "inspect.json").read_text())[DB_NAME]["tables"]["quotes"]["count"] == 3
    port = free_port()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    process = subprocess.Popen(
        [str(out / "run.sh"), "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/-/versions.json", process)
        rows = json.loads(
            get(
                f"http://127.0.0.1:{port}/{DB_NAME}/who_said_what.json?_shape=array&speaker=dana-reyes&stance="
            )
        )
        assert [r["quote_id"] for r in rows] == ["q-a"]
        assert "Regulators will act" in get(f"http://127.0.0.1:{port}/{DB_NAME}/article/art-b")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_publish_refuses_a_non_empty_folder(handmade_db: Path, tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "keep.txt").write_text("mine")
    from presswatch.publish.bundle import PublishError

    with pytest.raises(PublishError, match="not empty"):
        publish_folder(handmade_db, REPO_ROOT / "metadata.yml", tmp_path / "site")
    assert (tmp_path / "site" / "keep.txt").read_text() == "mine"


# --- metadata of the publication ----------------------------------------------------------


def test_publication_tables_and_queries_are_described(tmp_path: Path) -> None:
    import yaml
    from presswatch.publish.prepare import PUBLICATION_TABLE_NAMES

    metadata = yaml.safe_load((REPO_ROOT / "metadata.yml").read_text(encoding="utf-8"))
    database = next(iter(metadata["databases"].values()))
    ensure_schema(sqlite_utils.Database(tmp_path / "schema.db")).conn.commit()
    prepare_database(tmp_path / "schema.db")
    db = sqlite_utils.Database(tmp_path / "schema.db")
    problems = []
    for name in PUBLICATION_TABLE_NAMES:
        meta = database["tables"].get(name) or {}
        actual = set(db[name].columns_dict)
        described = set(meta.get("columns") or {})
        problems += [f"{name}.{c} undescribed" for c in sorted(actual - described)]
        problems += [f"{name}.{c} described but absent" for c in sorted(described - actual)]
        problems += [
            f"{name} facet {f} is not a column"
            for f in meta.get("facets", [])
            if isinstance(f, str) and f not in actual
        ]
        if not meta.get("description"):
            problems.append(f"{name} has no description")
    for name, query in database["queries"].items():
        if not (query.get("title") and query.get("description")):
            problems.append(f"query {name} lacks a title or description")
    assert not problems, problems
