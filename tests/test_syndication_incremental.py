"""Syndication clustering run by run (issue 7): per-version work once, same clusters as all at once.

The reference is near_duplicate_clusters, the whole-corpus in-memory clustering; the database
pass (cluster_articles) must give exactly its clusters, members and similarity figures whether
the articles arrive in one run or several, and must do nothing when nothing changed.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from presswatch.derive import signing, syndication, syndication_index
from presswatch.derive.syndication import (
    ClusterDoc,
    cluster_articles,
    near_duplicate_clusters,
)
from presswatch.extract import extract_article
from presswatch.store.schema import open_database

from tests.statement_log import StatementLog

PAGES = (
    Path(__file__).parent.parent / "datasets" / "fb-messaging-integration" / "fixtures" / "pages"
)
DERIVED_TABLES = (
    "article_signatures",
    "article_lsh_bands",
    "near_duplicate_pairs",
    "clusters",
    "article_clusters",
)


def _words(rng: random.Random, count: int) -> list[str]:
    vocabulary = [f"w{index}" for index in range(3000)]
    return [rng.choice(vocabulary) for _ in range(count)]


def corpus() -> list[ClusterDoc]:
    """Unrelated stories, and around them: reprints, trimmed copies with a local intro, a copy of
    a copy (a chain joined only through its middle), an exact duplicate and a too-short note."""
    rng = random.Random(11)
    stories = {f"story{index:02d}": _words(rng, 160) for index in range(24)}
    docs = [
        ClusterDoc(key, " ".join(words), f"2019-01-{10 + index:02d}T08:00:00+00:00")
        for index, (key, words) in enumerate(stories.items())
    ]
    base = stories["story03"]
    docs += [
        ClusterDoc(
            "reprint-a", " ".join(base[:150] + _words(rng, 12)), "2019-01-14T09:00:00+00:00"
        ),
        ClusterDoc(
            "trimmed-b", " ".join(_words(rng, 15) + base[10:120]), "2019-01-15T09:00:00+00:00"
        ),
        ClusterDoc("undated-c", " ".join(base[:140]), None),
    ]
    second = stories["story07"]
    middle = second[40:] + _words(rng, 60)
    docs += [
        ClusterDoc("chain-1", " ".join(middle), "2019-01-20T09:00:00+00:00"),
        ClusterDoc("chain-2", " ".join(middle[50:] + _words(rng, 70)), "2019-01-21T09:00:00+00:00"),
        ClusterDoc("mirror", " ".join(stories["story12"]), "2019-01-30T09:00:00+00:00"),
        ClusterDoc("note", "Short note.", None),
        ClusterDoc("blank", "", None),
    ]
    return docs


def _row(doc: ClusterDoc) -> dict[str, object]:
    return {
        "id": doc.id, "version": hashlib.sha256(doc.body.encode()).hexdigest()[:16],
        "url": f"https://{doc.id}.example/story", "canonical_url": f"https://{doc.id}.example/story",
        "title": doc.id, "authors": "[]", "published": doc.published, "body": doc.body,
        "word_count": len(doc.body.split()),
    }  # fmt: skip


def _database(path: Path, docs: list[ClusterDoc]) -> sqlite_utils.Database:
    db = open_database(path)
    if docs:
        db["articles"].insert_all([_row(doc) for doc in docs])
    return db


def db_clusters(db: sqlite_utils.Database) -> list[tuple]:
    return [
        tuple(row)
        for row in db.execute(
            "select c.id, c.origin_article_id, c.size, c.method,"
            " ac.article_id, ac.relation, ac.jaccard, ac.containment"
            " from clusters c join article_clusters ac on ac.cluster_id = c.id"
            " order by c.id, ac.article_id"
        )
    ]


def exact_duplicate_groups(docs: list[ClusterDoc]) -> list[list[ClusterDoc]]:
    """Groups (earliest first) of two or more articles whose bodies are identical."""
    by_body: dict[str, list[ClusterDoc]] = {}
    for doc in docs:
        if doc.body.strip():
            by_body.setdefault(hashlib.sha256(doc.body.encode()).hexdigest(), []).append(doc)
    return [
        sorted(group, key=lambda doc: (doc.published is None, doc.published or "", doc.id))
        for group in by_body.values()
        if len(group) > 1
    ]


def reference_clusters(docs: list[ClusterDoc]) -> list[tuple]:
    """What the whole-corpus in-memory clustering gives after exact duplicates are folded."""
    folded = {doc.id for group in exact_duplicate_groups(docs) for doc in group[1:]}
    rows = [
        (
            cluster.id,
            cluster.origin,
            len(cluster.members),
            syndication.ALGORITHM,
            member.article_id,
            member.relation,
            member.jaccard,
            member.containment,
        )
        for cluster in near_duplicate_clusters([doc for doc in docs if doc.id not in folded])
        for member in cluster.members
    ]
    return sorted(rows, key=lambda row: (row[0], row[4]))


def test_the_corpus_has_what_the_tests_need() -> None:
    clusters = reference_clusters(corpus())
    members = {row[4] for row in clusters}
    # Reprints, the trimmed copy and both links of the chain are found; the exact copy is not a
    # near-duplicate (it is folded); the short note is never clustered.
    assert {
        "story03",
        "reprint-a",
        "trimmed-b",
        "undated-c",
        "story07",
        "chain-1",
        "chain-2",
    } <= members
    assert "mirror" not in members and "note" not in members
    assert any(row[7] >= 0.8 > row[6] for row in clusters), (
        "a containment-only member (trimmed copy)"
    )


@pytest.mark.parametrize("batch", [200, 3])
def test_database_pass_equals_whole_corpus_clustering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    # batch=3: pairs whose articles are read in different batches are found too.
    monkeypatch.setattr(syndication_index, "BATCH", batch)
    docs = corpus()
    db = _database(tmp_path / "all.db", docs)
    counts = cluster_articles(db, run_id=None)
    expected = reference_clusters(docs)
    assert db_clusters(db) == expected
    assert counts == {
        "duplicates_collapsed": 1,
        "clusters": len({row[0] for row in expected}),
        "clustered_articles": len(expected),
    }
    assert db["article_aliases"].get("https://mirror.example/story")["article_id"] == "story12"


def test_dataset_fixture_pages_give_the_reference_clusters(tmp_path: Path) -> None:
    docs = []
    for path in sorted(PAGES.glob("*.html")):
        article = extract_article(path.read_bytes())
        docs.append(ClusterDoc(path.stem, article.body, article.published))
    db = _database(tmp_path / "pages.db", docs)
    cluster_articles(db)
    assert db_clusters(db) == reference_clusters(docs)
    assert len(db_clusters(db)) == 2  # the wire story and its reprint


def test_an_unchanged_second_run_recomputes_nothing(tmp_path: Path) -> None:
    db = _database(tmp_path / "again.db", corpus())
    first = cluster_articles(db, run_id=None)
    before = {
        table: list(db.execute(f"select * from [{table}] order by 1, 2"))
        for table in DERIVED_TABLES
    }
    log = StatementLog(db)
    second = cluster_articles(db, run_id=None)
    assert log.body_reads() == []
    for table in DERIVED_TABLES:
        assert log.writes_to(table) == [], table
        assert list(db.execute(f"select * from [{table}] order by 1, 2")) == before[table]
    assert second == {**first, "duplicates_collapsed": 0}


@pytest.mark.parametrize("late", ["reprint-a", "story03", "chain-1", "mirror", "undated-c"])
def test_an_article_added_in_a_later_run_gives_the_clusters_of_one_run(
    tmp_path: Path, late: str
) -> None:
    # story03: the origin arrives after its copies; chain-1: the link joining two clusters;
    # mirror: an exact copy of an article already clustered and signed.
    docs = corpus()
    db = _database(tmp_path / "late.db", [doc for doc in docs if doc.id != late])
    db["runs"].insert_all([{"id": 1, "command": "process"}, {"id": 2, "command": "process"}])
    cluster_articles(db, run_id=1)
    db["articles"].insert(_row(next(doc for doc in docs if doc.id == late)))
    log = StatementLog(db)
    cluster_articles(db, run_id=2)
    assert db_clusters(db) == reference_clusters(docs)
    # Only the new article was signed: one signature row written.
    assert (
        len([s for s in log.writes_to("article_signatures") if s.lower().startswith("insert")]) == 1
    )


def test_a_changed_article_version_is_redone(tmp_path: Path) -> None:
    docs = corpus()
    db = _database(tmp_path / "changed.db", docs)
    cluster_articles(db)
    # The reprint is rewritten into an unrelated story; an unrelated story becomes a reprint.
    rng = random.Random(5)
    edited = {
        "reprint-a": ClusterDoc(
            "reprint-a", " ".join(_words(rng, 150)), "2019-01-14T09:00:00+00:00"
        ),
        "story20": ClusterDoc(
            "story20",
            next(d for d in docs if d.id == "story07").body + " update",
            "2019-01-30T08:00:00+00:00",
        ),
    }
    for doc in edited.values():
        db["articles"].update(doc.id, {"body": doc.body, "version": _row(doc)["version"]})
    cluster_articles(db)
    now = [edited.get(doc.id, doc) for doc in docs]
    assert db_clusters(db) == reference_clusters(now)
    assert "reprint-a" not in {row[4] for row in db_clusters(db)}
    assert (
        db.execute(
            "select count(*) from article_signatures s join articles a on a.id = s.article_id"
            " and a.version = s.article_version"
        ).fetchone()[0]
        == db["articles"].count
    )


def test_a_run_killed_before_clustering_is_finished_by_the_next(tmp_path: Path) -> None:
    docs = corpus()
    db = _database(tmp_path / "killed.db", docs)
    cluster_articles(db)
    # As if a run had signed everything but died before pairing and clustering.
    db.execute("update article_signatures set stage = 1")
    db.execute("delete from near_duplicate_pairs")
    db.execute("delete from article_clusters")
    db.execute("delete from clusters")
    db.conn.commit()
    cluster_articles(db)
    assert db_clusters(db) == reference_clusters(docs)


def test_changed_algorithm_settings_redo_every_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = corpus()
    db = _database(tmp_path / "settings.db", docs)
    cluster_articles(db)
    monkeypatch.setattr(syndication, "INDEX_FORMAT", syndication.INDEX_FORMAT + 1)
    log = StatementLog(db)
    cluster_articles(db)
    signed = [s for s in log.writes_to("article_signatures") if s.lower().startswith("insert")]
    assert len(signed) == db["articles"].count
    assert db_clusters(db) == reference_clusters(docs)


def test_built_database_has_one_current_signature_per_article(built_db_path: Path) -> None:
    with sqlite3.connect(built_db_path) as conn:
        articles = conn.execute("select count(*) from articles").fetchone()[0]
        current = conn.execute(
            "select count(*) from article_signatures s join articles a on a.id = s.article_id"
            " and a.version = s.article_version where s.stage = 3"
        ).fetchone()[0]
        pairs = conn.execute("select count(*) from near_duplicate_pairs").fetchone()[0]
    assert articles > 0 and current == articles
    assert pairs == 1  # the wire story and its reprint


def test_shingle_hashes_give_the_exact_set_similarity() -> None:
    # Pairs are confirmed on 64-bit shingle hashes stored per article; on every pair of the
    # corpus (and the fixture pages) the figures must be those of the shingle sets themselves.
    docs = corpus() + [
        ClusterDoc(p.stem, extract_article(p.read_bytes()).body, None)
        for p in sorted(PAGES.glob("*.html"))
    ]
    sets = {doc.id: syndication.shingle_set(doc.body) for doc in docs}
    hashes = {key: signing.shingle_hashes(value) for key, value in sets.items()}
    for index, first in enumerate(docs):
        for second in docs[index + 1 :]:
            assert signing.hashed_similarity(
                hashes[first.id], hashes[second.id]
            ) == syndication._similarity(sets[first.id], sets[second.id]), (first.id, second.id)
