"""Syndication clusters and exact-duplicate collapse (pipeline/derive/syndication.py)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from presswatch.derive.syndication import (
    ClusterDoc,
    cluster_articles,
    minhash_signature,
    near_duplicate_clusters,
    shingle_set,
)
from presswatch.extract import extract_article
from presswatch.store.schema import open_database

PAGES = (
    Path(__file__).parent.parent / "datasets" / "fb-messaging-integration" / "fixtures" / "pages"
)
WIRE = "capitalwire-2019-01-28-regulators.html"
REPRINT = "lakeshorecourier-2019-01-29-syndicated-wire.html"


def doc(name: str, article_id: str) -> ClusterDoc:
    article = extract_article((PAGES / name).read_bytes())
    return ClusterDoc(article_id, article.body, article.published)


@pytest.fixture(scope="module")
def dataset_docs() -> list[ClusterDoc]:
    return [doc(path.name, path.stem) for path in sorted(PAGES.glob("*.html"))]


def test_the_wire_story_and_its_reprint_form_one_cluster(dataset_docs: list[ClusterDoc]) -> None:
    clusters = near_duplicate_clusters(dataset_docs)
    assert len(clusters) == 1
    cluster = clusters[0]
    members = {member.article_id: member for member in cluster.members}
    assert set(members) == {Path(WIRE).stem, Path(REPRINT).stem}
    # The wire published first (Jan 28, 18:45 PST); the Courier ran it the next morning.
    assert cluster.origin == Path(WIRE).stem
    assert members[Path(REPRINT).stem].relation == "near-duplicate"
    assert 0.5 < members[Path(REPRINT).stem].jaccard < 1.0


def test_signatures_are_datasketchs_own_for_the_fixed_seed(dataset_docs: list[ClusterDoc]) -> None:
    # The permutations are drawn once per process and shared by every signature: each must still
    # be the one a MinHash of its own, seeded afresh, gives (stored signatures outlive the process).
    from datasketch import MinHash
    from presswatch.derive.syndication import MINHASH_SEED, NUM_PERMUTATIONS

    for document in dataset_docs[:3]:
        shingles = shingle_set(document.body)
        fresh = MinHash(num_perm=NUM_PERMUTATIONS, seed=MINHASH_SEED)
        fresh.update_batch(shingle.encode("utf-8") for shingle in shingles)
        assert minhash_signature(shingles).tolist() == fresh.hashvalues.tolist()
    assert len({tuple(minhash_signature(shingle_set(d.body))) for d in dataset_docs[:3]}) == 3


def test_origin_is_the_earliest_whatever_the_ids() -> None:
    body = " ".join(f"word{index}" for index in range(200))
    edited = body.replace("word150", "changed") + " and a local closing line"
    docs = [
        ClusterDoc("a-later", body, "2019-02-01T09:00:00+00:00"),
        ClusterDoc("z-earlier", edited, "2019-01-31T09:00:00+00:00"),
        ClusterDoc("undated", body + " more", None),
    ]
    (cluster,) = near_duplicate_clusters(docs)
    assert cluster.origin == "z-earlier"
    assert [m.article_id for m in cluster.members] == ["z-earlier", "a-later", "undated"]


def test_different_stories_and_short_bodies_stay_apart() -> None:
    docs = [
        ClusterDoc("one", " ".join(f"alpha{index}" for index in range(100)), None),
        ClusterDoc("two", " ".join(f"beta{index}" for index in range(100)), None),
        ClusterDoc("tiny-a", "Short note.", None),
        ClusterDoc("tiny-b", "Short note.", None),
    ]
    assert near_duplicate_clusters(docs) == []


def _article_row(article_id: str, url: str, body: str, published: str) -> dict[str, object]:
    return {
        "id": article_id, "version": "v", "url": url, "canonical_url": url, "title": "t",
        "authors": "[]", "published": published, "body": body, "word_count": len(body.split()),
    }  # fmt: skip


def test_exact_duplicates_under_different_urls_collapse(tmp_path: Path) -> None:
    db = open_database(tmp_path / "test.db")
    body = " ".join(f"token{index}" for index in range(120))
    db["articles"].insert_all(
        [
            _article_row("first", "https://a.example/story", body, "2019-01-28"),
            _article_row("mirror", "https://mirror.example/copy", body, "2019-01-29"),
            _article_row("other", "https://b.example/else", "different " * 50, "2019-01-30"),
        ]
    )
    db["entities"].insert({"id": "e1", "name": "Someone"})
    db["mentions"].insert(
        {"id": "m1", "article_id": "mirror", "article_version": "v", "entity_id": "e1",
         "text": "token1", "start_char": 7, "end_char": 13}
    )  # fmt: skip
    counts = cluster_articles(db, run_id=None)
    assert counts["duplicates_collapsed"] == 1
    assert [row["id"] for row in db.query("select id from articles order by id")] == [
        "first",
        "other",
    ]
    alias = db["article_aliases"].get("https://mirror.example/copy")
    assert (alias["article_id"], alias["former_article_id"]) == ("first", "mirror")
    assert db["mentions"].count == 0  # facts of the folded copy go with it
    # Foreign keys hold after the collapse.
    assert list(db.query("pragma foreign_key_check")) == []
    # Running again changes nothing.
    assert cluster_articles(db)["duplicates_collapsed"] == 0


def test_clusters_in_the_built_database(built_db_path: Path) -> None:
    db = sqlite3.connect(built_db_path)
    rows = db.execute(
        """select a.url, ac.relation, c.origin_article_id = a.id, c.size
           from article_clusters ac join clusters c on c.id = ac.cluster_id
           join articles a on a.id = ac.article_id order by ac.relation desc"""
    ).fetchall()
    assert len(rows) == 2
    (origin_url, origin_relation, is_origin, size), (copy_url, copy_relation, _, _) = rows
    assert "capitalwire.example" in origin_url and origin_relation == "origin" and is_origin
    assert "lakeshorecourier.example" in copy_url and copy_relation == "near-duplicate"
    assert size == 2
    run = db.execute(
        "select clusters, clustered_articles from runs"
        " where command in ('process', 'build') and clusters is not null order by id desc"
    ).fetchone()
    assert run == (1, 2)
    provenance = json.loads(
        db.execute(
            "select provenance from articles where url like '%lakeshorecourier%'"
        ).fetchone()[0]
    )
    assert provenance["agency"] in ("meta", "microdata", "json-ld")
    assert (
        db.execute("select agency from articles where url like '%lakeshorecourier%'").fetchone()[0]
        == "Capital Wire"
    )
