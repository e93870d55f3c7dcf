"""The database side of quote tracing: per-quote signatures, LSH bands and confirmed pairs.

The same scheme as syndication (pipeline/derive/syndication_index.py, whose band keys and
signature encoding are used here): each quote of a current article version is signed once and
kept in `quote_signatures` (its MinHash signature and shingle hashes, with the speaker and date
it had, so a changed attribution is noticed), its band keys in `quote_lsh_bands`, and the
candidate pairs confirmed as one quotation in `quote_pairs`. A quote that is gone, belongs to an
outdated article version, or changed speaker or date is forgotten and signed again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import sqlite_utils
from presswatch.derive.syndication_index import band_keys, signature_blob, signature_from_blob
from presswatch.store.batches import BATCH, chunks, marks

Ranges = Callable[[], Sequence[tuple[int, int]]]
PAIRED, CLUSTERED = 1, 2
# Quotes signed and paired per transaction: quotes are short, and each commit waits for the disk.
QUOTE_BATCH = 2000  # quote_signatures.stage: signed and paired in one transaction

_CURRENT_QUOTES = (
    "from quotes q join articles a on a.id = q.article_id and a.version = q.article_version"
)


def forget_outdated(db: sqlite_utils.Database, ranges: Ranges) -> int:
    """Forget the state of quotes that are gone or changed; returns how many."""
    forgotten = 0
    while True:  # each pass removes what it read, so the next reads the rest
        rows = db.execute(
            "select s.quote_id, s.signature from quote_signatures s"
            " left join quotes q on q.id = s.quote_id left join articles a on a.id = q.article_id"
            " where q.id is null or a.id is null or a.version is not q.article_version"
            " or s.speaker_entity_id is not q.speaker_entity_id"
            " or s.speaker_text is not q.speaker_text or s.published is not a.published"
            " limit ?",
            [BATCH],
        ).fetchall()
        if not rows:
            return forgotten
        forget(db, rows, ranges)
        forgotten += len(rows)


def forget(
    db: sqlite_utils.Database, rows: Iterable[tuple[str, bytes | None]], ranges: Ranges
) -> None:
    with db.atomic():
        for quote_id, blob in rows:
            if blob is not None:
                db.conn.executemany(
                    "delete from quote_lsh_bands where key = ? and quote_id = ?",
                    [(key, quote_id) for key in band_keys(signature_from_blob(blob), ranges)],
                )
            db.conn.execute(
                "delete from quote_pairs where quote_id = ? or other_quote_id = ?",
                [quote_id, quote_id],
            )
            db.conn.execute("delete from quote_signatures where quote_id = ?", [quote_id])


def unsigned_quotes(db: sqlite_utils.Database, after: str) -> list[dict[str, Any]]:
    """The next batch (by id, after `after`) of current quotes not signed yet."""
    return [
        dict(row)
        for row in db.query(
            "select q.id, q.article_id, q.article_version, a.published, q.speaker_entity_id,"
            f" q.speaker_text, q.content, q.type {_CURRENT_QUOTES}"
            " left join quote_signatures s on s.quote_id = q.id"
            " where s.quote_id is null and q.id > ? order by q.id limit ?",
            [after, QUOTE_BATCH],
        )
    ]


def write_signatures(db: sqlite_utils.Database, rows: Sequence[dict[str, Any]]) -> None:
    """Signatures and band keys of a batch, each in one statement (the caller's transaction also
    holds the batch's pairs, so a killed run leaves a quote either fully done or not started)."""
    db.conn.executemany(
        "insert or ignore into quote_lsh_bands (key, quote_id) values (?, ?)",
        sorted((key, row["quote_id"]) for row in rows for key in row["band_keys"]),
    )
    db.conn.executemany(
        "insert or replace into quote_signatures (quote_id, article_id, article_version,"
        " published, speaker_entity_id, speaker_text, words, signature, shingle_hashes, stage)"
        f" values (?, ?, ?, ?, ?, ?, ?, ?, ?, {PAIRED})",
        [
            (
                row["quote_id"],
                row["article_id"],
                row["article_version"],
                row["published"],
                row["speaker_entity_id"],
                row["speaker_text"],
                row["words"],
                None if row["signature"] is None else signature_blob(row["signature"]),
                None
                if row["shingle_hashes"] is None
                else row["shingle_hashes"].astype("<u8").tobytes(),
            )
            for row in rows
        ],
    )


def sharing_bands(db: sqlite_utils.Database, keys_of: dict[str, list[int]]) -> dict[str, set[str]]:
    """quote id → the quotes sharing at least one band key with it (itself excluded), for a
    batch of quotes at once: one indexed lookup per few hundred keys, not one per quote."""
    owners: dict[int, list[str]] = {}
    for quote_id, keys in keys_of.items():
        for key in keys:
            owners.setdefault(key, []).append(quote_id)
    found: dict[str, set[str]] = {quote_id: set() for quote_id in keys_of}
    for part in chunks(sorted(owners), 500):
        for key, other in db.execute(
            f"select key, quote_id from quote_lsh_bands where key in ({marks(len(part))})",
            list(part),
        ):
            for quote_id in owners[key]:
                if other != quote_id:
                    found[quote_id].add(other)
    return found


def stored_words_and_hashes(
    db: sqlite_utils.Database, quote_ids: Sequence[str]
) -> dict[str, tuple[str, np.ndarray]]:
    """id → (content, sorted shingle hashes) of signed quotes."""
    found: dict[str, tuple[str, np.ndarray]] = {}
    for part in chunks(quote_ids):
        for quote_id, content, blob in db.execute(
            "select s.quote_id, q.content, s.shingle_hashes from quote_signatures s"
            f" join quotes q on q.id = s.quote_id where s.quote_id in ({marks(len(part))})"
            " and s.shingle_hashes is not null",
            list(part),
        ):
            found[quote_id] = (content, np.frombuffer(blob, dtype="<u8"))
    return found


def all_pairs(db: sqlite_utils.Database) -> Iterable[tuple[str, str]]:
    yield from db.execute(
        "select quote_id, other_quote_id from quote_pairs order by quote_id, other_quote_id"
    )


def changed_members(db: sqlite_utils.Database) -> set[str]:
    """Clustered quotes signed again since the clusters were written (a new speaker or date)."""
    return {
        row[0]
        for row in db.execute(
            "select s.quote_id from quote_signatures s"
            " join quote_cluster_members m on m.quote_id = s.quote_id"
            f" where s.stage != {CLUSTERED}"
        )
    }


def mark_clustered(db: sqlite_utils.Database) -> None:
    if db.execute(f"select 1 from quote_signatures where stage != {CLUSTERED} limit 1").fetchone():
        db.conn.execute(
            f"update quote_signatures set stage = {CLUSTERED} where stage != {CLUSTERED}"
        )


def reset(db: sqlite_utils.Database) -> None:
    """Drop every signature, band and pair (the method changed: all must be redone)."""
    with db.atomic():
        for table in ("quote_lsh_bands", "quote_pairs", "quote_signatures"):
            db.conn.execute(f"delete from [{table}]")


def syndication_of(db: sqlite_utils.Database) -> dict[str, str]:
    """article id → its syndication cluster (articles in none are absent)."""
    return dict(db.execute("select article_id, cluster_id from article_clusters").fetchall())


def occurrence_rows(db: sqlite_utils.Database, quote_ids: Sequence[str]) -> list[dict[str, Any]]:
    """What describing a cluster needs of each quote: article, outlet, date, text, speaker."""
    rows: list[dict[str, Any]] = []
    for part in chunks(quote_ids):
        rows += [
            dict(row)
            for row in db.query(
                "select q.id, q.article_id, a.source_id, a.published, q.content_start, q.content,"
                " q.speaker_entity_id, coalesce(e.name, q.speaker_text) as speaker_name"
                " from quotes q join articles a on a.id = q.article_id"
                " left join entities e on e.id = q.speaker_entity_id"
                f" where q.id in ({marks(len(part))})",
                list(part),
            )
        ]
    return rows


def stored_clusters(db: sqlite_utils.Database) -> dict[str, set[str]]:
    stored: dict[str, set[str]] = {
        row[0]: set() for row in db.execute("select id from quote_clusters")
    }
    for cluster_id, quote_id in db.execute(
        "select cluster_id, quote_id from quote_cluster_members"
    ):
        stored.setdefault(cluster_id, set()).add(quote_id)
    return stored


def delete_clusters(db: sqlite_utils.Database, cluster_ids: Sequence[str]) -> None:
    for part in chunks(cluster_ids, BATCH):
        db.execute(
            f"delete from quote_cluster_members where cluster_id in ({marks(len(part))})",
            list(part),
        )
        db.execute(f"delete from quote_clusters where id in ({marks(len(part))})", list(part))
