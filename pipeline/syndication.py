"""Syndication and near-duplicates: one wire story run by several outlets is one cluster.

Runs after extraction over the whole articles table (it compares articles with each other, so
it cannot run page by page). Two steps:

1. Exact duplicates: articles with the same body under different URLs (the same story at two
   addresses, a mirror, an AMP copy with its own canonical) collapse into one article — the
   earliest published. The others' rows and facts are removed and each address is kept in
   `article_aliases`, so no fetch is lost from the record.
2. Near-duplicates: MinHash signatures over 5-word shingles of the body, with locality-
   sensitive hashing (datasketch) to find candidate pairs without comparing every pair; a
   candidate pair is confirmed on the exact shingle sets (Jaccard ≥ 0.5, or one body ≥ 80%
   contained in the other: an outlet that trims a wire story and adds a local intro).
   Confirmed pairs are joined into clusters; each cluster's origin is its earliest published
   article (ties: the lower id), recorded in `clusters` and `article_clusters`.

The same articles always give the same clusters: ids derive from article ids, MinHash uses a
fixed seed, and members are processed in id order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from pipeline.extract.scoring import shingles, tokens

SHINGLE_WORDS = 5
NUM_PERMUTATIONS = 128
MINHASH_SEED = 1
LSH_THRESHOLD = 0.3  # candidate recall: containment cases have a low Jaccard
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.8
MIN_SHINGLES = 20  # a body this short says too little to call two articles one story
ALGORITHM = (
    f"minhash-lsh: {SHINGLE_WORDS}-word shingles, {NUM_PERMUTATIONS} permutations, "
    f"jaccard >= {MIN_JACCARD} or containment >= {MIN_CONTAINMENT}"
)


@dataclass(frozen=True, slots=True)
class ClusterDoc:
    id: str
    body: str
    published: str | None


@dataclass(frozen=True, slots=True)
class Member:
    article_id: str
    relation: str  # "origin" or "near-duplicate"
    jaccard: float  # with the origin (1.0 for the origin itself)
    containment: float


@dataclass(frozen=True, slots=True)
class Cluster:
    id: str
    origin: str
    members: tuple[Member, ...]


def _order_key(doc: ClusterDoc) -> tuple[int, str, str]:
    # Earliest first; an article without a date cannot claim to be the origin over a dated one.
    return (doc.published is None, doc.published or "", doc.id)


def shingle_set(body: str) -> frozenset[str]:
    return frozenset(" ".join(gram) for gram in shingles(tokens(body), SHINGLE_WORDS))


def _similarity(first: frozenset[str], second: frozenset[str]) -> tuple[float, float]:
    if not first or not second:
        return 0.0, 0.0
    common = len(first & second)
    return common / len(first | second), common / min(len(first), len(second))


def _is_match(first: frozenset[str], second: frozenset[str]) -> bool:
    jaccard, containment = _similarity(first, second)
    return jaccard >= MIN_JACCARD or containment >= MIN_CONTAINMENT


def exact_duplicate_groups(docs: Sequence[ClusterDoc]) -> list[list[ClusterDoc]]:
    """Groups (earliest first) of two or more articles whose bodies are identical."""
    by_body: dict[str, list[ClusterDoc]] = {}
    for doc in docs:
        if doc.body.strip():
            by_body.setdefault(hashlib.sha256(doc.body.encode()).hexdigest(), []).append(doc)
    return [sorted(group, key=_order_key) for group in by_body.values() if len(group) > 1]


def near_duplicate_clusters(docs: Sequence[ClusterDoc]) -> list[Cluster]:
    """Clusters of two or more articles telling one story, each with its origin first."""
    from datasketch import MinHash, MinHashLSH

    ordered = sorted(docs, key=lambda doc: doc.id)
    sets = {doc.id: shingle_set(doc.body) for doc in ordered}
    usable = [doc for doc in ordered if len(sets[doc.id]) >= MIN_SHINGLES]
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERMUTATIONS)
    signatures: dict[str, MinHash] = {}
    for doc in usable:
        signature = MinHash(num_perm=NUM_PERMUTATIONS, seed=MINHASH_SEED)
        signature.update_batch(shingle.encode("utf-8") for shingle in sorted(sets[doc.id]))
        signatures[doc.id] = signature
        lsh.insert(doc.id, signature)

    parent = {doc.id: doc.id for doc in usable}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for doc in usable:
        for other in sorted(lsh.query(signatures[doc.id])):
            if other > doc.id and _is_match(sets[doc.id], sets[other]):
                first, second = sorted((root(doc.id), root(other)))
                parent[second] = first

    groups: dict[str, list[ClusterDoc]] = {}
    for doc in usable:
        groups.setdefault(root(doc.id), []).append(doc)
    clusters: list[Cluster] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=_order_key)
        origin = members[0]
        described = []
        for member in members:
            jaccard, containment = _similarity(sets[origin.id], sets[member.id])
            relation = "origin" if member is origin else "near-duplicate"
            described.append(Member(member.id, relation, round(jaccard, 4), round(containment, 4)))
        cluster_id = hashlib.sha256(f"cluster:{origin.id}".encode()).hexdigest()[:16]
        clusters.append(Cluster(cluster_id, origin.id, tuple(described)))
    return sorted(clusters, key=lambda cluster: cluster.id)


def _referencing(db: sqlite_utils.Database, table: str) -> list[tuple[str, str, str]]:
    """(table, column, referenced column) of every foreign key pointing at `table`."""
    return [
        (name, str(key.column), str(key.other_column))
        for name in db.table_names()
        for key in db.table(name).foreign_keys
        if key.other_table == table and key.other_column and key.column
    ]


def _delete_cascade(db: sqlite_utils.Database, table: str, where: str, values: Sequence[Any]) -> None:
    """Delete rows and, first, every row that points at them (facts about a removed article)."""
    for child, column, other_column in _referencing(db, table):
        if child == table:
            continue
        keys = [row[other_column] for row in db.query(f"select [{other_column}] from [{table}] where {where}", values)]
        for key in keys:
            _delete_cascade(db, child, f"[{column}] = ?", [key])
    db.execute(f"delete from [{table}] where {where}", values)


def collapse_exact_duplicates(db: sqlite_utils.Database, docs: Sequence[ClusterDoc]) -> int:
    """Keep the earliest of each set of identical bodies; returns how many rows were folded."""
    folded = 0
    for group in exact_duplicate_groups(docs):
        keeper = group[0]
        for duplicate in group[1:]:
            row = db.table("articles").get(duplicate.id)
            db.table("article_aliases").upsert(
                {
                    "url": row["url"], "article_id": keeper.id, "former_article_id": duplicate.id,
                    "canonical_url": row["canonical_url"], "fetch_id": row["fetch_id"],
                    "source_id": row["source_id"], "published": row["published"],
                },
                pk="url",
            )  # fmt: skip
            _delete_cascade(db, "articles", "id = ?", [duplicate.id])
            folded += 1
    return folded


def _docs(db: sqlite_utils.Database) -> list[ClusterDoc]:
    return [
        ClusterDoc(row["id"], row["body"] or "", row["published"])
        for row in db.query("select id, body, published from articles order by id")
    ]


def cluster_articles(db: sqlite_utils.Database, run_id: int | None = None) -> dict[str, int]:
    """Collapse exact duplicates, then rebuild the syndication clusters of the whole table.

    Called at the end of the process stage; safe to repeat (clusters are recomputed from the
    articles as they are). Returns counts for the run log.
    """
    with db.conn:
        folded = collapse_exact_duplicates(db, _docs(db))
        clusters = near_duplicate_clusters(_docs(db))
        db.execute("delete from article_clusters")
        db.execute("delete from clusters")
        db.table("clusters").insert_all(
            (
                {
                    "id": cluster.id, "origin_article_id": cluster.origin,
                    "size": len(cluster.members), "method": ALGORITHM, "run_id": run_id,
                }
                for cluster in clusters
            ),
        )  # fmt: skip
        db.table("article_clusters").insert_all(
            _member_rows(clusters),
        )
    return {
        "duplicates_collapsed": folded,
        "clusters": len(clusters),
        "clustered_articles": sum(len(cluster.members) for cluster in clusters),
    }


def _member_rows(clusters: Iterable[Cluster]) -> Iterable[dict[str, Any]]:
    for cluster in clusters:
        for member in cluster.members:
            yield {
                "article_id": member.article_id, "cluster_id": cluster.id,
                "relation": member.relation, "jaccard": member.jaccard,
                "containment": member.containment,
            }  # fmt: skip
