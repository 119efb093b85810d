"""Near-duplicate texts: MinHash signatures of word shingles and their LSH band keys (datasketch).

Two cleaned texts whose word 5-shingles overlap by at least the threshold (Jaccard, estimated from
128-permutation MinHash signatures) are one article told twice: a wire copy, the same page read from
HTML and from a web archive, a republication. The signature of each stored article is kept in the
store with its LSH band keys (the bands and rows ``datasketch.MinHashLSH`` chooses for the threshold),
so a new article is matched by looking up its band keys: the cost does not grow with the store.
Within one run, articles not yet stored are matched through an in-memory ``MinHashLSH``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128  # permutations: the Jaccard estimate's error is about 1/sqrt(128) = 0.09 at worst
SHINGLE_WORDS = 5  # a shingle is five words in a row: enough to tell a copy from two texts on one topic
SEED = 1  # fixed, so signatures stored by one run compare with those of the next
SCHEME = "affine32"  # datasketch 2's permutation scheme: 32-bit hash values, named so stored ones read back
WORD = re.compile(r"[^\W_]+")


def shingles(text: str) -> set[bytes]:
    """The text's word shingles, lower case, punctuation and spacing ignored (a text shorter than
    one shingle is one shingle of all its words)."""
    words = WORD.findall(text.casefold())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> MinHash:
    """The MinHash signature of the text's shingles."""
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    m.update_batch(sorted(shingles(text)))
    return m


def to_bytes(m: MinHash) -> bytes:
    """The signature as bytes for the store: 32 bits a value, little-endian (the scheme's width)."""
    return m.hashvalues.astype("<u4").tobytes()


def from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return MinHash(num_perm=len(values), seed=SEED, hashvalues=values, scheme=SCHEME)


@cache
def band_ranges(threshold: float) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each LSH band that ``MinHashLSH`` picks for the threshold (it integrates
    the false positive and negative rates to choose them: worked out once per threshold)."""
    return tuple(MinHashLSH(threshold=threshold, num_perm=NUM_PERM).hashranges)


def band_keys(m: MinHash, threshold: float) -> list[str]:
    """One key per band: two signatures that share any key are candidates (then compared)."""
    return [f"{n}:{hashlib.sha1(m.hashvalues[a:b].astype('<u4').tobytes()).hexdigest()[:20]}"
            for n, (a, b) in enumerate(band_ranges(threshold))]


@dataclass
class RunIndex:
    """The texts taken as new during one run and not yet stored: an in-memory ``MinHashLSH``."""

    threshold: float
    signatures: dict[str, MinHash] = field(default_factory=dict)
    lsh: MinHashLSH | None = None

    def __post_init__(self) -> None:
        bands = band_ranges(self.threshold)  # the same bands as the stored keys, without working them out again
        self.lsh = MinHashLSH(num_perm=NUM_PERM, params=(len(bands), bands[0][1] - bands[0][0]))

    def add(self, key: str, m: MinHash) -> None:
        if key not in self.signatures:
            self.signatures[key] = m
            self.lsh.insert(key, m)

    def candidates(self, m: MinHash) -> dict[str, MinHash]:
        return {k: self.signatures[k] for k in self.lsh.query(m)}

    def discard(self, key: str) -> None:
        """``key`` is stored now (its band keys with it), so the store finds it from here on."""
        if self.signatures.pop(key, None) is not None:
            self.lsh.remove(key)


def closest(m: MinHash, candidates: dict[str, MinHash], threshold: float) -> tuple[str, float] | None:
    """The candidate most like ``m`` (estimated Jaccard) at or above the threshold, if any; ties go
    to the smallest key, so the choice does not depend on the order candidates were found in."""
    scored = sorted(((-m.jaccard(c), k) for k, c in candidates.items()))
    if scored and -scored[0][0] >= threshold:
        return scored[0][1], -scored[0][0]
    return None
