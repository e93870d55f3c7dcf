"""Processing shards: which articles machine K of N analyses, decided by a hash of the id.

`presswatch process DATASET --shard K/N` on N machines (each with a copy of the crawled
database and its WARCs) splits the NLP work without any coordination: an article belongs to
exactly one shard, chosen from its stable id, so every shard agrees on the split and
`presswatch merge` can put the shard databases back together. The split is by hash rather than
by contiguous id range because ids are themselves hashes of URLs: a hash bucket is an id range
that stays balanced whatever the URLs look like.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

SHARD_PATTERN = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class Shard:
    """Shard `index` (1-based) of `count`."""

    index: int
    count: int

    def owns(self, key: str) -> bool:
        """Whether the article (or, for a page that yields none, the fetch) `key` is ours."""
        return shard_of(key, self.count) == self.index

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def shard_of(key: str, count: int) -> int:
    """The 1-based shard of `key` among `count`: sha256, not hash(), so every machine agrees."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def parse_shard(text: str) -> Shard:
    """ "2/3" → Shard(2, 3); anything else is a ValueError that says what to write."""
    match = SHARD_PATTERN.match(text or "")
    if not match:
        raise ValueError(f"--shard {text!r}: write K/N, e.g. 2/3 for the second of three shards")
    index, count = int(match.group(1)), int(match.group(2))
    if count < 1 or not 1 <= index <= count:
        raise ValueError(
            f"--shard {text!r}: in K/N, K must be between 1 and N (N ≥ 1), e.g. 1/3, 2/3, 3/3"
        )
    return Shard(index, count)
