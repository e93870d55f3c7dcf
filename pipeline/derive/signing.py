"""Signing a shingle set: its MinHash signature and its sorted 64-bit shingle hashes, together.

Syndication (pipeline/derive/syndication.py) signs every article body and quote tracing
(pipeline/derive/quote_clusters.py) every quote with both. Each shingle is encoded once and
both digests are taken from the same bytes; the digests are joined and read as one numpy array
instead of one Python integer at a time. The values are exactly those datasketch's
`MinHash.update_batch` (SHA-1, first 4 bytes little-endian) and the blake2b shingle hashes
always gave: stored signatures outlive the process, and a database built before this module
must still pair with one built after it (tests/test_signing.py).
"""

from __future__ import annotations

import functools
import hashlib
from typing import Any

import numpy as np

MINHASH_SEED = 1


def sign(shingle_set_: frozenset[str], num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """(MinHash signature, sorted unique 64-bit shingle hashes) of a shingle set, from the same
    encoded bytes (an empty set gives the blank signature and no hashes)."""
    encoded = _encoded(shingle_set_)
    return _signature(encoded, num_perm), _hashes(encoded)


def minhash_signature(shingle_set_: frozenset[str], num_perm: int) -> np.ndarray:
    """The MinHash signature of a shingle set (fixed seed: the same set always gives the same
    values), as `sign` gives it."""
    return _signature(_encoded(shingle_set_), num_perm)


def shingle_hashes(shingle_set_: frozenset[str]) -> np.ndarray:
    """The shingles as sorted 64-bit hashes, as `sign` gives them: a compact stand-in for the
    set when comparing two articles (a collision between two different shingles has a chance
    of about 10^-13 per pair of 700-word articles)."""
    return _hashes(_encoded(shingle_set_))


def _encoded(shingle_set_: frozenset[str]) -> list[bytes]:
    return [shingle.encode("utf-8") for shingle in shingle_set_]


def _signature(encoded: list[bytes], num_perm: int) -> np.ndarray:
    # datasketch's sha1_hash32 is struct.unpack("<I", sha1(data).digest()[:4]): the same values,
    # read from one buffer.
    sha1 = hashlib.sha1
    first_words = b"".join([sha1(data).digest()[:4] for data in encoded])
    signature = _prehashed_minhash(num_perm)
    signature.hashvalues = _blank_hashvalues(num_perm)
    # Plain ints, as sha1_hash32 returns them: datasketch applies its own permutations to them.
    signature.update_batch(np.frombuffer(first_words, dtype="<u4").tolist())
    return signature.hashvalues


def _hashes(encoded: list[bytes]) -> np.ndarray:
    blake2b = hashlib.blake2b
    digests = b"".join([blake2b(data, digest_size=8).digest() for data in encoded])
    return np.unique(np.frombuffer(digests, dtype="<u8").astype(np.uint64))


def hashed_similarity(first: np.ndarray | None, second: np.ndarray | None) -> tuple[float, float]:
    """Set similarity on shingle hashes: (Jaccard, containment in the smaller)."""
    if first is None or second is None or not len(first) or not len(second):
        return 0.0, 0.0
    common = len(np.intersect1d(first, second, assume_unique=True))
    return common / (len(first) + len(second) - common), common / min(len(first), len(second))


@functools.lru_cache(maxsize=2)
def _blank_hashvalues(num_perm: int) -> np.ndarray:
    return empty_minhash(num_perm).hashvalues


@functools.lru_cache(maxsize=2)
def _seeded_minhash(num_perm: int) -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=MINHASH_SEED)


def _as_hashed(value: int) -> int:
    return value


@functools.lru_cache(maxsize=2)
def _prehashed_minhash(num_perm: int) -> Any:
    """The seeded MinHash's permutations and scheme, fed hash values already computed (sign)."""
    from datasketch import MinHash

    seeded = _seeded_minhash(num_perm)
    return MinHash(
        num_perm=num_perm,
        seed=MINHASH_SEED,
        permutations=seeded.permutations,
        scheme=seeded.scheme,
        hashfunc=_as_hashed,
    )


def empty_minhash(num_perm: int) -> Any:
    """A MinHash with the fixed seed's permutations, drawn once per process: datasketch draws them
    from a seeded generator for every new MinHash, a third of the time of signing a 700-word
    article, paid once per article on a 100,000-article pass."""
    from datasketch import MinHash

    seeded = _seeded_minhash(num_perm)
    return MinHash(
        num_perm=num_perm, seed=MINHASH_SEED, permutations=seeded.permutations, scheme=seeded.scheme
    )
