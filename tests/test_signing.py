"""One-pass signing (pipeline/derive/signing.py): the values datasketch and the per-shingle
hashes give, since stored signatures and shingle hashes outlive the process."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from presswatch.derive import signing
from presswatch.derive.syndication import shingle_set

SETS = [
    frozenset({"only one shingle"}),
    frozenset({"café über naïve", "déjà vu again", "“quoted” words here", "a b c", "emoji 🙂 ok"}),
    shingle_set(" ".join(f"word{index % 37} other{index % 11}" for index in range(400))),
]


@pytest.mark.parametrize("num_perm", [128, 64])
@pytest.mark.parametrize("shingles", SETS, ids=["one", "unicode", "article"])
def test_sign_gives_datasketchs_signature_and_the_per_shingle_hashes(
    shingles: frozenset[str], num_perm: int
) -> None:
    from datasketch import MinHash

    fresh = MinHash(num_perm=num_perm, seed=signing.MINHASH_SEED)
    fresh.update_batch(shingle.encode("utf-8") for shingle in sorted(shingles))
    expected_hashes = sorted(
        {
            int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
            for s in shingles
        }
    )

    signature, hashes = signing.sign(shingles, num_perm)

    assert signature.dtype == fresh.hashvalues.dtype
    assert signature.tolist() == fresh.hashvalues.tolist()
    assert hashes.dtype == np.uint64
    assert hashes.tolist() == expected_hashes
    assert signing.minhash_signature(shingles, num_perm).tolist() == signature.tolist()
    assert signing.shingle_hashes(shingles).tolist() == hashes.tolist()


def test_signing_one_set_leaves_the_next_unaffected() -> None:
    # The MinHash object is reused between sets: the second signature must not carry the first.
    first, _ = signing.sign(SETS[2], 64)
    alone, _ = signing.sign(SETS[0], 64)
    again, _ = signing.sign(SETS[0], 64)
    assert alone.tolist() == again.tolist()
    assert alone.tolist() != first.tolist()


def test_band_keys_hash_each_bands_values_with_its_number() -> None:
    # Stored band keys are looked up by later runs: the key of a band must stay the blake2b of
    # its number and its values' little-endian bytes, whatever the signature's dtype.
    from presswatch.derive.syndication_index import band_keys, hash_ranges

    signature, _ = signing.sign(SETS[2], 128)
    ranges = hash_ranges(0.3, 128)
    expected = [
        int.from_bytes(
            hashlib.blake2b(
                band.to_bytes(2, "big") + np.asarray(signature[start:end], "<u4").tobytes(),
                digest_size=8,
            ).digest(),
            "big",
            signed=True,
        )
        for band, (start, end) in enumerate(ranges)
    ]
    assert band_keys(signature, lambda: ranges) == expected
    assert band_keys(signature.astype(np.uint64), lambda: ranges) == expected
    changed = signature.copy()
    changed[ranges[-1][0]] ^= 1  # one value of the last band
    assert band_keys(changed, lambda: ranges)[:-1] == expected[:-1]
    assert band_keys(changed, lambda: ranges)[-1] != expected[-1]
