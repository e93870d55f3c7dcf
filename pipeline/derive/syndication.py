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

Run by run (cluster_articles): the per-article work — body hash, signature, band keys, shingle
hashes, the check of its LSH candidates — is done once per article version and kept in SQLite
(pipeline/derive/syndication_index.py), a batch of bodies at a time, so memory does not grow with
the corpus and an unchanged table costs a few queries. Clusters are the connected groups of the
stored confirmed pairs; only those whose members changed are rewritten. The result is the
whole-table clustering of near_duplicate_clusters (kept as the in-memory reference).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlite_utils
from presswatch.common.text import joined_shingles, tokens
from presswatch.derive import signing
from presswatch.derive import syndication_index as index
from presswatch.derive.groups import connected_groups
from presswatch.derive.signing import MINHASH_SEED, hashed_similarity
from presswatch.store.derived_state import store_fingerprint, stored_fingerprint

SHINGLE_WORDS = 5
NUM_PERMUTATIONS = 128
LSH_THRESHOLD = 0.3  # candidate recall: containment cases have a low Jaccard
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.8
MIN_SHINGLES = 20  # a body this short says too little to call two articles one story
ALGORITHM = (
    f"minhash-lsh: {SHINGLE_WORDS}-word shingles, {NUM_PERMUTATIONS} permutations, "
    f"jaccard >= {MIN_JACCARD} or containment >= {MIN_CONTAINMENT}"
)
INDEX_FORMAT = 1  # bump when what syndication_index stores changes meaning: everything is redone
STATE_NAME = "syndication"


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
    return frozenset(joined_shingles(tokens(body), SHINGLE_WORDS))


def _similarity(first: frozenset[str], second: frozenset[str]) -> tuple[float, float]:
    if not first or not second:
        return 0.0, 0.0
    common = len(first & second)
    return common / len(first | second), common / min(len(first), len(second))


def _is_match(first: frozenset[str], second: frozenset[str]) -> bool:
    jaccard, containment = _similarity(first, second)
    return jaccard >= MIN_JACCARD or containment >= MIN_CONTAINMENT


def near_duplicate_clusters(docs: Sequence[ClusterDoc]) -> list[Cluster]:
    """Clusters of two or more articles telling one story, each with its origin first.

    All bodies in memory at once: the reference the database pass (cluster_articles) equals,
    for tests and small sets of documents.
    """
    from datasketch import MinHash, MinHashLSH

    ordered = sorted(docs, key=lambda doc: doc.id)
    sets = {doc.id: shingle_set(doc.body) for doc in ordered}
    usable = [doc for doc in ordered if len(sets[doc.id]) >= MIN_SHINGLES]
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERMUTATIONS)
    signatures: dict[str, MinHash] = {}
    for doc in usable:
        signature = signing.empty_minhash(NUM_PERMUTATIONS)
        signature.update_batch(shingle.encode("utf-8") for shingle in sorted(sets[doc.id]))
        signatures[doc.id] = signature
        lsh.insert(doc.id, signature)

    by_id = {doc.id: doc for doc in usable}
    matches = [
        (doc.id, other)
        for doc in usable
        for other in sorted(lsh.query(signatures[doc.id]))
        if other > doc.id and _is_match(sets[doc.id], sets[other])
    ]
    groups = [[by_id[doc_id] for doc_id in group] for group in connected_groups(matches)]
    clusters = [describe_cluster(members, sets.__getitem__) for members in groups]
    return sorted(clusters, key=lambda cluster: cluster.id)


def describe_cluster(
    members: Sequence[ClusterDoc], shingles_of: Callable[[str], frozenset[str]]
) -> Cluster:
    """The cluster of these articles: origin = earliest, each member's similarity with it."""
    ordered = sorted(members, key=_order_key)
    origin = ordered[0]
    origin_set = shingles_of(origin.id)
    described = []
    for member in ordered:
        jaccard, containment = _similarity(origin_set, shingles_of(member.id))
        relation = "origin" if member is origin else "near-duplicate"
        described.append(Member(member.id, relation, round(jaccard, 4), round(containment, 4)))
    return Cluster(cluster_id(origin.id), origin.id, tuple(described))


def cluster_id(origin_id: str) -> str:
    return hashlib.sha256(f"cluster:{origin_id}".encode()).hexdigest()[:16]


def minhash_signature(shingle_set_: frozenset[str], num_perm: int = NUM_PERMUTATIONS) -> np.ndarray:
    """The MinHash signature of a shingle set (fixed seed: the same set always gives the same
    values). Quote tracing (pipeline/derive/quote_tracing.py) signs short quotes with fewer
    permutations."""
    return signing.minhash_signature(shingle_set_, num_perm)


def _referencing(db: sqlite_utils.Database, table: str) -> list[tuple[str, str, str]]:
    """(table, column, referenced column) of every foreign key pointing at `table`."""
    return [
        (name, str(key.column), str(key.other_column))
        for name in db.table_names()
        for key in db.table(name).foreign_keys
        if key.other_table == table and key.other_column and key.column
    ]


def _delete_cascade(
    db: sqlite_utils.Database, table: str, where: str, values: Sequence[Any]
) -> None:
    """Delete rows and, first, every row that points at them (facts about a removed article)."""
    for child, column, other_column in _referencing(db, table):
        if child == table:
            continue
        keys = [
            row[other_column]
            for row in db.query(f"select [{other_column}] from [{table}] where {where}", values)
        ]
        for key in keys:
            _delete_cascade(db, child, f"[{column}] = ?", [key])
    db.execute(f"delete from [{table}] where {where}", values)


def collapse_exact_duplicates(db: sqlite_utils.Database) -> list[str]:
    """Keep the earliest of each set of identical bodies; returns the ids of the folded rows.

    Identical bodies are found through article_signatures.body_sha256 (an index), so no body is
    loaded; only the (id, published) of each duplicate set is read.
    """
    folded: list[str] = []
    for ids in index.exact_duplicate_sets(db):
        group = sorted(
            (
                ClusterDoc(row["id"], "", row["published"])
                for row in db.query(
                    f"select id, published from articles where id in ({index.marks(len(ids))})", ids
                )
            ),
            key=_order_key,
        )
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
            folded.append(duplicate.id)
    return folded


def fingerprint() -> str:
    """What the stored signatures, bands and pairs depend on: change any, and all are redone.

    The LSH banding is a function of the threshold, the permutations and datasketch's optimiser,
    so its version stands in for it (computing the banding itself would import scipy).
    """
    settings = [
        ALGORITHM,
        SHINGLE_WORDS,
        NUM_PERMUTATIONS,
        MINHASH_SEED,
        LSH_THRESHOLD,
        MIN_SHINGLES,
        MIN_JACCARD,
        MIN_CONTAINMENT,
        importlib.metadata.version("datasketch"),
        INDEX_FORMAT,
    ]
    return hashlib.sha256(json.dumps(settings).encode()).hexdigest()[:16]


def _ranges() -> Sequence[tuple[int, int]]:
    return index.hash_ranges(LSH_THRESHOLD, NUM_PERMUTATIONS)


def cluster_articles(db: sqlite_utils.Database, run_id: int | None = None) -> dict[str, int]:
    """Collapse exact duplicates, then bring the syndication clusters in step with the articles.

    Called at the end of the process stage (and by merge); safe to repeat. Only article versions
    not seen before are signed and compared (against every article, through the LSH bands), and
    only clusters whose members changed are rewritten, so an unchanged table costs a few
    queries. The result equals clustering the whole table at once (near_duplicate_clusters).
    Returns counts for the run log: the rows folded now, and the clusters and clustered articles
    in the table.
    """
    current = fingerprint()
    if stored_fingerprint(db, STATE_NAME) != current:
        index.reset(db)  # every article is signed again, so every cluster is rewritten
        store_fingerprint(db, STATE_NAME, current)  # a run killed from here on resumes
    index.forget_outdated(db, _ranges)
    _sign_and_pair(db, index.unsigned_articles, signed_now=True)
    folded = collapse_exact_duplicates(db)
    index.forget_articles(db, folded, _ranges)
    _sign_and_pair(db, index.signed_not_paired, signed_now=False)  # left by a run killed half-way
    _update_clusters(db, run_id)
    clusters, members = db.execute(
        "select (select count(*) from clusters), (select count(*) from article_clusters)"
    ).fetchone()
    return {
        "duplicates_collapsed": len(folded),
        "clusters": clusters,
        "clustered_articles": members,
    }


def _sign_and_pair(
    db: sqlite_utils.Database,
    next_batch: Callable[[sqlite_utils.Database, str], list[str]],
    signed_now: bool,
) -> None:
    """Sign (unless already signed) and pair the articles `next_batch` lists, a batch at a time.

    A pair is checked from the side of the later of its two articles to be signed: an article
    finds every article signed before it through the bands (those of its own batch were
    checked from their side when they come first), never one signed after it.
    """
    after = ""
    while batch := next_batch(db, after):
        after = batch[-1]
        if signed_now:
            rows = [
                _signature_row(article_id, doc)
                for article_id, doc in sorted(index.read_bodies(db, batch).items())
            ]
            index.save_signatures(db, rows, _ranges)
            hashes = {
                row["article_id"]: row["shingle_hashes"]
                for row in rows
                if row["shingle_hashes"] is not None
            }
        else:
            hashes = index.shingle_hashes_of(db, batch)
        members = set(batch)
        pairs = []
        for article_id in sorted(hashes):
            others = [
                other
                for other in index.candidates(db, article_id, _ranges)
                if not (other < article_id and other in members)
            ]  # checked from its side
            for part in index.chunks(others):  # a popular article can have thousands of candidates
                found = index.shingle_hashes_of(
                    db, [other for other in part if other not in hashes]
                )
                for other in part:
                    jaccard, containment = hashed_similarity(
                        hashes[article_id], hashes.get(other, found.get(other))
                    )
                    if jaccard >= MIN_JACCARD or containment >= MIN_CONTAINMENT:
                        first, second = sorted((article_id, other))
                        pairs.append((first, second, round(jaccard, 4), round(containment, 4)))
        index.save_pairs(db, batch, pairs)


def _signature_row(article_id: str, doc: dict[str, Any]) -> dict[str, Any]:
    body = doc["body"]
    sets = shingle_set(body)
    usable = len(sets) >= MIN_SHINGLES
    signature, hashes = signing.sign(sets, NUM_PERMUTATIONS) if usable else (None, None)
    return {
        "article_id": article_id, "article_version": doc["version"],
        "body_sha256": hashlib.sha256(body.encode()).hexdigest() if body.strip() else None,
        "shingles": len(sets), "signature": signature, "shingle_hashes": hashes,
    }  # fmt: skip


def _update_clusters(db: sqlite_utils.Database, run_id: int | None) -> None:
    """Rewrite the clusters whose members (or a member's text) changed; keep the others as they
    are."""
    components = connected_groups(index.all_pairs(db))
    changed = index.changed_members(db)  # only members matter: a kept cluster has no new member
    stored: dict[str, set[str]] = {row[0]: set() for row in db.execute("select id from clusters")}
    for cluster, article_id in db.execute("select cluster_id, article_id from article_clusters"):
        stored.setdefault(cluster, set()).add(article_id)
    published = _published(db, [article_id for members in components for article_id in members])
    wanted: dict[str, list[ClusterDoc]] = {}
    for members in components:
        docs = [ClusterDoc(article_id, "", published[article_id]) for article_id in members]
        wanted[cluster_id(min(docs, key=_order_key).id)] = docs
    keep = {
        cid
        for cid, docs in wanted.items()
        if stored.get(cid) == {doc.id for doc in docs} and not changed.intersection(stored[cid])
    }
    with db.atomic():
        for part in index.chunks(sorted(set(stored) - keep)):
            db.execute(
                f"delete from article_clusters where cluster_id in ({index.marks(len(part))})",
                list(part),
            )
            db.execute(f"delete from clusters where id in ({index.marks(len(part))})", list(part))
        for cid in sorted(set(wanted) - keep):
            cluster = describe_cluster(wanted[cid], _ShingleReader(db))
            db.table("clusters").insert({
                "id": cluster.id, "origin_article_id": cluster.origin, "size": len(cluster.members),
                "method": ALGORITHM, "run_id": run_id,
            })  # fmt: skip
            db.table("article_clusters").insert_all(_member_rows([cluster]))
        if index.any_unclustered(db):
            index.mark_clustered(db)


class _ShingleReader:
    """Shingle sets read from the database on demand, the last one kept (the origin is asked
    first)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.cached: dict[str, frozenset[str]] = {}

    def __call__(self, article_id: str) -> frozenset[str]:
        if article_id not in self.cached:
            if len(self.cached) > 1:
                self.cached = dict(list(self.cached.items())[:1])  # keep the origin's
            self.cached[article_id] = shingle_set(
                index.read_bodies(self.db, [article_id])[article_id]["body"]
            )
        return self.cached[article_id]


def _published(db: sqlite_utils.Database, article_ids: Sequence[str]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for part in index.chunks(article_ids):
        for article_id, date in db.execute(
            f"select id, published from articles where id in ({index.marks(len(part))})", list(part)
        ):
            found[article_id] = date
    return found


def _member_rows(clusters: Iterable[Cluster]) -> Iterable[dict[str, Any]]:
    for cluster in clusters:
        for member in cluster.members:
            yield {
                "article_id": member.article_id, "cluster_id": cluster.id,
                "relation": member.relation, "jaccard": member.jaccard,
                "containment": member.containment,
            }  # fmt: skip
