"""The quote-tracing pass: occurrences of one quotation across articles, run by run.

Runs at the end of the process stage, after syndication (an occurrence inside a syndicated copy
of an article is marked as such, from `article_clusters`). Candidate pairs come from MinHash/LSH
over each quote's 3-word shingles — the syndication machinery: its seeded MinHash, band keys and
shingle hashes — and are confirmed on the quote's words, by containment (a trimmed or cut form)
or a word-level edit similarity (a few words changed): pipeline/derive/quote_tracing.py.
Confirmed pairs are joined into clusters (`quote_clusters`, `quote_cluster_members`).

Incremental like syndication: a quote is signed and paired once (pipeline/derive/quote_index.py);
clusters are rewritten only where a member, a member's speaker or date, or the syndication of
a member's article changed; the method's fingerprint is kept in `derived_state`.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Sequence
from typing import Any

import sqlite_utils
from presswatch.derive import quote_index as index
from presswatch.derive import quote_tracing as tracing
from presswatch.derive.groups import connected_groups
from presswatch.derive.signing import hashed_similarity, sign
from presswatch.derive.syndication_index import band_keys, hash_ranges
from presswatch.store.derived_state import store_fingerprint, stored_fingerprint

NUM_PERMUTATIONS = 64  # a quote has a few dozen shingles; 64 values estimate their overlap well
LSH_THRESHOLD = 0.25  # a cut form of a third of the quote still becomes a candidate
METHOD = (
    f"minhash-lsh: {tracing.SHINGLE_WORDS}-word shingles of quotes of {tracing.MIN_WORDS}+ words,"
    f" (direct or mixed), {NUM_PERMUTATIONS} permutations; containment >= {tracing.MIN_CONTAINMENT}"
    f" (forms of {tracing.MIN_PARTIAL_WORDS}+ words)"
    f" or word similarity >= {tracing.MIN_EDIT_SIMILARITY}"
)
STATE_NAME = "quote_tracing"
SYNDICATION_STATE = "quote_tracing:syndication"  # which articles were syndicated copies last time
INDEX_FORMAT = 1
CACHE_KIB = 128 * 1024


def fingerprint() -> str:
    settings = [
        METHOD,
        NUM_PERMUTATIONS,
        LSH_THRESHOLD,
        sorted(tracing.PRONOUNS),
        sorted(tracing.HONORIFICS),
        importlib.metadata.version("datasketch"),
        INDEX_FORMAT,
    ]
    return hashlib.sha256(json.dumps(settings).encode()).hexdigest()[:16]


def _ranges() -> Sequence[tuple[int, int]]:
    return hash_ranges(LSH_THRESHOLD, NUM_PERMUTATIONS)


def trace_quotes(db: sqlite_utils.Database, run_id: int | None = None) -> dict[str, int]:
    """Bring the quote clusters in step with the quotes; safe to repeat, cheap when nothing
    changed. Returns the number of clusters, for the run log."""
    # The band index grows by ~18 rows a quote, inserted at random keys: a larger page cache
    # than SQLite's 2 MB default keeps those inserts off the disk (this connection, this pass).
    cache = db.execute("pragma cache_size").fetchone()[0]
    db.execute(f"pragma cache_size = {-CACHE_KIB}")
    try:
        return _trace(db, run_id)
    finally:
        db.execute(f"pragma cache_size = {int(cache)}")


def _trace(db: sqlite_utils.Database, run_id: int | None) -> dict[str, int]:
    current = fingerprint()
    if stored_fingerprint(db, STATE_NAME) != current:
        index.reset(db)
        store_fingerprint(db, STATE_NAME, current)
    index.forget_outdated(db, _ranges)
    _sign_and_pair(db)
    _update_clusters(db, run_id)
    return {"quote_clusters": db.execute("select count(*) from quote_clusters").fetchone()[0]}


def signature_row(quote: dict[str, Any]) -> dict[str, Any]:
    words = tracing.quote_words(quote["content"] or "")
    usable = tracing.traceable(words) and quote["type"] in tracing.TRACED_TYPES
    shingles = tracing.quote_shingles(words) if usable else frozenset()
    signature, hashes = sign(shingles, NUM_PERMUTATIONS) if usable else (None, None)
    return {
        "quote_id": quote["id"], "article_id": quote["article_id"],
        "article_version": quote["article_version"], "published": quote["published"],
        "speaker_entity_id": quote["speaker_entity_id"], "speaker_text": quote["speaker_text"],
        "words": len(words), "signature": signature,
        "shingle_hashes": hashes,
        "band_keys": band_keys(signature, _ranges) if usable else [],
        "word_list": words,
    }  # fmt: skip


def _sign_and_pair(db: sqlite_utils.Database) -> None:
    """Sign the quotes not signed yet, a batch at a time, and confirm their LSH candidates.

    The batch's band keys are looked up together with those already stored, so quotes of one
    batch find each other; each pair is checked once, from its higher id.
    """
    after = ""
    while batch := index.unsigned_quotes(db, after):
        after = batch[-1]["id"]
        rows = [signature_row(quote) for quote in batch]
        mine = {row["quote_id"]: row for row in rows if row["band_keys"]}
        with db.atomic():
            index.write_signatures(db, rows)
            candidates = index.sharing_bands(
                db, {qid: row["band_keys"] for qid, row in mine.items()}
            )
            others = sorted({other for found in candidates.values() for other in found} - set(mine))
            stored = index.stored_words_and_hashes(db, others)
            known = {qid: (row["word_list"], row["shingle_hashes"]) for qid, row in mine.items()}
            known.update(
                {
                    qid: (tracing.quote_words(content), hashes)
                    for qid, (content, hashes) in stored.items()
                }
            )
            pairs = []
            for quote_id in sorted(mine):
                for other in sorted(candidates[quote_id]):
                    if other in mine and other > quote_id:
                        continue  # checked from the other side
                    if other not in known:
                        continue
                    pair = _confirmed(known[quote_id], known[other])
                    if pair is not None:
                        first, second = sorted((quote_id, other))
                        pairs.append((first, second, *pair))
            db.conn.executemany(
                "insert or replace into quote_pairs"
                " (quote_id, other_quote_id, containment, similarity)"
                " values (?, ?, ?, ?)",
                pairs,
            )


def _confirmed(
    first: tuple[list[str], Any], second: tuple[list[str], Any]
) -> tuple[float, float] | None:
    _, containment = hashed_similarity(first[1], second[1])
    shorter = min(len(first[0]), len(second[0]))
    if (
        not tracing.same_quotation(containment, 0.0, shorter)
        and tracing.similarity_bound(first[0], second[0]) < tracing.MIN_EDIT_SIMILARITY
    ):
        # Not one quotation by containment, and the similarity's upper bound is under the
        # threshold: most candidates end here, without difflib's quadratic matching.
        return None
    similarity = tracing.edit_similarity(first[0], second[0])
    if tracing.same_quotation(containment, similarity, shorter):
        return round(containment, 4), round(similarity, 4)
    return None


def _syndication_digest(syndication: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(sorted(syndication.items())).encode()).hexdigest()[:16]


def _update_clusters(db: sqlite_utils.Database, run_id: int | None) -> None:
    """Rewrite the clusters whose members changed; keep the others as they are."""
    components = connected_groups(index.all_pairs(db))
    syndication = index.syndication_of(db)
    stored = index.stored_clusters(db)
    changed = index.changed_members(db)
    syndication_digest = _syndication_digest(syndication)
    if stored_fingerprint(db, SYNDICATION_STATE) != syndication_digest:
        # An article joined or left a syndication cluster: redo every quote cluster that has an
        # occurrence in a syndicated article or that marked one as a syndicated copy.
        changed |= {
            row[0]
            for row in db.execute(
                "select quote_id from quote_cluster_members where relation = ? or article_id in"
                " (select article_id from article_clusters)",
                [tracing.SYNDICATED],
            )
        }
    stored_of = {quote_id: cluster for cluster, members in stored.items() for quote_id in members}
    keep: set[str] = set()
    rewrite: list[list[str]] = []
    for members in components:
        clusters = {stored_of.get(quote_id) for quote_id in members}
        (only,) = clusters if len(clusters) == 1 else (None,)
        if only is not None and stored[only] == set(members) and not changed.intersection(members):
            keep.add(only)
        else:
            rewrite.append(members)
    with db.atomic():
        index.delete_clusters(db, sorted(set(stored) - keep))
        for part in _batches(rewrite):
            found = index.occurrence_rows(
                db, [quote_id for members in part for quote_id in members]
            )
            by_id = {row["id"]: row for row in found}
            for members in part:
                occurrences = [_occurrence(by_id[q], syndication) for q in members if q in by_id]
                if len(occurrences) >= 2:
                    _write_cluster(db, tracing.describe(occurrences), run_id)
        index.mark_clustered(db)
    store_fingerprint(db, SYNDICATION_STATE, syndication_digest)  # after: a killed run redoes it


def _batches(components: list[list[str]], size: int = 200) -> list[list[list[str]]]:
    parts: list[list[list[str]]] = [[]]
    count = 0
    for members in components:
        if count + len(members) > size and parts[-1]:
            parts.append([])
            count = 0
        parts[-1].append(members)
        count += len(members)
    return parts


def _occurrence(row: dict[str, Any], syndication: dict[str, str]) -> tracing.Occurrence:
    return tracing.Occurrence(
        quote_id=row["id"],
        article_id=row["article_id"],
        source_id=row["source_id"],
        published=row["published"],
        content_start=row["content_start"] or 0,
        content=row["content"] or "",
        speaker_entity_id=row["speaker_entity_id"],
        speaker_name=row["speaker_name"],
        syndication_cluster=syndication.get(row["article_id"]),
    )


def _write_cluster(
    db: sqlite_utils.Database, cluster: tracing.QuoteCluster, run_id: int | None
) -> None:
    first = cluster.first
    db.conn.execute(
        "insert or replace into quote_clusters (id, canonical_text, canonical_quote_id,"
        " first_quote_id, first_article_id, first_source_id, first_published, occurrences,"
        " independent_occurrences, outlets, speakers, speaker_count, disputed_attribution,"
        " method, run_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            cluster.id,
            cluster.canonical.content,
            cluster.canonical.quote_id,
            first.quote_id,
            first.article_id,
            first.source_id,
            first.published,
            cluster.occurrences,
            cluster.independent,
            cluster.outlets,
            cluster.speakers_json(),
            len(cluster.speakers),
            int(cluster.disputed),
            METHOD,
            run_id,
        ],
    )
    db.conn.executemany(
        "insert or replace into quote_cluster_members (quote_id, cluster_id, position, article_id,"
        " source_id, published, speaker, speaker_entity_id, relation, first_appearance,"
        " earlier_elsewhere, similarity, containment, changes)"
        " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                o.quote_id,
                cluster.id,
                m.position,
                o.article_id,
                o.source_id,
                o.published,
                o.speaker_name,
                o.speaker_entity_id,
                m.relation,
                int(m.position == 1),
                int(m.earlier_elsewhere),
                m.similarity,
                m.containment,
                m.changes,
            )
            for o, m in cluster.members
        ],
    )
