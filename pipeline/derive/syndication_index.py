"""The database side of syndication: per-article MinHash signatures, LSH bands, confirmed pairs.

Clustering compares every article with every other, yet each run should only pay for what is
new. So the per-article work is done once per article version and kept in SQLite:

- `article_signatures`: the body's SHA-256 (exact duplicates are found by an index, not by
  loading bodies), its shingle count, its MinHash signature (128 × uint32, 512 bytes) and its
  shingles as sorted 64-bit hashes (8 bytes each), which a candidate pair is checked on;
- `article_lsh_bands`: one 64-bit key per LSH band of the signature; two articles sharing a key
  are a candidate pair, found with an indexed SQL lookup instead of an in-memory LSH index;
- `near_duplicate_pairs`: candidate pairs confirmed on their shingles (Jaccard/containment).

Only a new or changed article version is signed and paired (against every article, through the
bands); rows of a removed article or an outdated version are dropped. Nothing here holds more
than one batch of bodies, and the state is reset whenever the algorithm's constants change.
Each pass keeps the fingerprint of its inputs in `derived_state` (presswatch.store.derived_state).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import sqlite_utils
from presswatch.store.batches import BATCH, chunks, marks

# The LSH banding, computed only when a signature is written or dropped (datasketch's optimiser
# imports scipy: an unchanged run should not pay for it).
Ranges = Callable[[], Sequence[tuple[int, int]]]
# Where an article version is in the pass (article_signatures.stage). Kept in the database so a
# run killed half-way resumes: nothing done is redone, nothing pending is forgotten.
SIGNED, PAIRED, CLUSTERED = 1, 2, 3


# --- signatures and bands -------------------------------------------------------------------------


@lru_cache(maxsize=4)
def hash_ranges(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each LSH band: datasketch's optimal banding for the threshold."""
    from datasketch import MinHashLSH

    return tuple(
        (int(start), int(end))
        for start, end in MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges
    )


def band_keys(signature: np.ndarray, ranges: Ranges) -> list[int]:
    """One signed 64-bit key per band. Two signatures share a band key exactly when datasketch's
    LSH would put them in the same bucket of that band (up to a 2^-64 hash collision, which the
    exact shingle check then rejects like any other weak candidate)."""
    # The signature's bytes once, sliced per band (4 bytes a value): the same bytes as converting
    # each band's values on its own, without a numpy conversion per band.
    values = signature.astype("<u4").tobytes()
    return [
        int.from_bytes(
            hashlib.blake2b(
                band.to_bytes(2, "big") + values[4 * start : 4 * end], digest_size=8
            ).digest(),
            "big",
            signed=True,
        )
        for band, (start, end) in enumerate(ranges())
    ]


def signature_blob(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def signature_from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")


def forget(
    db: sqlite_utils.Database, rows: Iterable[tuple[str, bytes | None]], ranges: Ranges
) -> list[str]:
    """Drop the signature, band and pair rows of these (article id, signature blob); returns the
    ids."""
    forgotten = []
    with db.atomic():
        for article_id, blob in rows:
            if blob is not None:
                keys = band_keys(signature_from_blob(blob), ranges)
                db.conn.executemany(
                    "delete from article_lsh_bands where key = ? and article_id = ?",
                    [(key, article_id) for key in keys],
                )
            db.conn.execute(
                "delete from near_duplicate_pairs where article_id = ? or other_article_id = ?",
                [article_id, article_id],
            )
            db.conn.execute("delete from article_signatures where article_id = ?", [article_id])
            forgotten.append(article_id)
    return forgotten


def forget_outdated(db: sqlite_utils.Database, ranges: Ranges) -> int:
    """Forget signatures of articles that are gone or whose current version is another one."""
    forgotten = 0
    while True:  # a batch at a time: each pass removes what it read, so the next reads the rest
        rows = db.execute(
            "select s.article_id, s.signature from article_signatures s"
            " left join articles a on a.id = s.article_id"
            " where a.id is null or a.version is not s.article_version limit ?",
            [BATCH],
        ).fetchall()
        if not rows:
            return forgotten
        forgotten += len(forget(db, rows, ranges))


def forget_articles(
    db: sqlite_utils.Database, article_ids: Sequence[str], ranges: Ranges
) -> list[str]:
    rows: list[tuple[str, bytes | None]] = []
    for part in chunks(article_ids):
        rows += db.execute(
            "select article_id, signature from article_signatures"
            f" where article_id in ({marks(len(part))})",
            list(part),
        ).fetchall()
    return forget(db, rows, ranges)


def unsigned_articles(db: sqlite_utils.Database, after: str) -> list[str]:
    """The next batch of ids (sorted, after `after`) of articles whose version has no signature
    yet."""
    return [
        row[0]
        for row in db.execute(
            "select a.id from articles a left join article_signatures s on s.article_id = a.id"
            " where s.article_id is null and a.id > ? order by a.id limit ?",
            [after, BATCH],
        )
    ]


def signed_not_paired(db: sqlite_utils.Database, after: str) -> list[str]:
    """The next batch of ids signed but not compared yet (left by a run killed in between)."""
    return [
        row[0]
        for row in db.execute(
            f"select article_id from article_signatures where stage = {SIGNED} and article_id > ?"
            " order by article_id limit ?",
            [after, BATCH],
        )
    ]


def read_bodies(db: sqlite_utils.Database, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """id → {version, body, published} of the given articles (a batch, never the whole table)."""
    found: dict[str, dict[str, Any]] = {}
    for part in chunks(article_ids):
        for row in db.query(
            f"select id, version, body, published from articles where id in ({marks(len(part))})",
            list(part),
        ):
            found[row["id"]] = {
                "version": row["version"],
                "body": row["body"] or "",
                "published": row["published"],
            }
    return found


def save_signatures(
    db: sqlite_utils.Database, rows: Sequence[dict[str, Any]], ranges: Ranges
) -> None:
    """rows: article_id, article_version, body_sha256, shingles, signature and shingle_hashes (np
    arrays or None)."""
    with (
        db.atomic()
    ):  # bands and signature together: a killed run never leaves bands without their signature
        for row in rows:
            signature = row["signature"]
            if signature is not None:
                db.conn.executemany(
                    "insert or ignore into article_lsh_bands (key, article_id) values (?, ?)",
                    [(key, row["article_id"]) for key in band_keys(signature, ranges)],
                )
            hashes = row["shingle_hashes"]
            db.conn.execute(
                "insert or replace into article_signatures"
                " (article_id, article_version, body_sha256, shingles,"
                " signature, shingle_hashes, stage) values (?, ?, ?, ?, ?, ?, 1)",
                [
                    row["article_id"],
                    row["article_version"],
                    row["body_sha256"],
                    row["shingles"],
                    None if signature is None else signature_blob(signature),
                    None if hashes is None else hashes.astype("<u8").tobytes(),
                ],
            )


def candidates(db: sqlite_utils.Database, article_id: str, ranges: Ranges) -> list[str]:
    """Articles sharing at least one LSH band key with this one (sorted; itself excluded)."""
    row = db.execute(
        "select signature from article_signatures where article_id = ?", [article_id]
    ).fetchone()
    if row is None or row[0] is None:
        return []
    keys = band_keys(signature_from_blob(row[0]), ranges)
    return [
        found[0]
        for found in db.execute(
            "select distinct article_id from article_lsh_bands"
            f" where key in ({marks(len(keys))}) and article_id != ?"
            " order by article_id",
            [*keys, article_id],
        )
    ]


def shingle_hashes_of(
    db: sqlite_utils.Database, article_ids: Sequence[str]
) -> dict[str, np.ndarray]:
    """id → sorted 64-bit shingle hashes of these (signed, long enough) articles."""
    found: dict[str, np.ndarray] = {}
    for part in chunks(article_ids):
        for article_id, blob in db.execute(
            "select article_id, shingle_hashes from article_signatures"
            f" where article_id in ({marks(len(part))})"
            " and shingle_hashes is not null",
            list(part),
        ):
            found[article_id] = np.frombuffer(blob, dtype="<u8")
    return found


def save_pairs(
    db: sqlite_utils.Database, paired: Sequence[str], pairs: Sequence[tuple[str, str, float, float]]
) -> None:
    """The confirmed pairs found for `paired`, which then move on to the clustering stage."""
    with db.atomic():
        db.conn.executemany(
            "insert or replace into near_duplicate_pairs"
            " (article_id, other_article_id, jaccard, containment)"
            " values (?, ?, ?, ?)",
            pairs,
        )
        db.conn.executemany(
            f"update article_signatures set stage = {PAIRED} where article_id = ?",
            [(article_id,) for article_id in paired],
        )


def changed_members(db: sqlite_utils.Database) -> set[str]:
    """Clustered articles whose version was signed since clusters were last written."""
    return {
        row[0]
        for row in db.execute(
            "select s.article_id from article_signatures s"
            " join article_clusters c on c.article_id = s.article_id"
            f" where s.stage != {CLUSTERED}"
        )
    }


def any_unclustered(db: sqlite_utils.Database) -> bool:
    return (
        db.execute(
            f"select 1 from article_signatures where stage != {CLUSTERED} limit 1"
        ).fetchone()
        is not None
    )


def mark_clustered(db: sqlite_utils.Database) -> None:
    with db.atomic():
        db.conn.execute(
            f"update article_signatures set stage = {CLUSTERED} where stage != {CLUSTERED}"
        )


def exact_duplicate_sets(db: sqlite_utils.Database) -> list[list[str]]:
    """Ids of articles sharing one body SHA-256, one list per body (blank bodies have no hash)."""
    groups: dict[str, list[str]] = {}
    for article_id, digest in db.execute(
        "select article_id, body_sha256 from article_signatures where body_sha256 in ("
        " select body_sha256 from article_signatures where body_sha256 is not null"
        " group by body_sha256 having count(*) > 1) order by body_sha256, article_id"
    ):
        groups.setdefault(digest, []).append(article_id)
    return list(groups.values())


def all_pairs(db: sqlite_utils.Database) -> Iterator[tuple[str, str]]:
    yield from db.execute(
        "select article_id, other_article_id from near_duplicate_pairs"
        " order by article_id, other_article_id"
    )


def reset(db: sqlite_utils.Database) -> None:
    """Drop every signature, band and pair (the algorithm changed: all must be redone)."""
    with db.atomic():
        for table in ("article_lsh_bands", "near_duplicate_pairs", "article_signatures"):
            db.conn.execute(f"delete from [{table}]")
