"""Copied text, step 2 (across agencies): MinHash sketches of every unit and candidate pairs from LSH
banding, so the work grows with the number of units, not with its square. Every candidate is then
confirmed by the exact Jaccard similarity of its shingle sets (`_copy_evidence`) before anything is
reported.

MinHash is a small numpy implementation here rather than datasketch: datasketch pulls in scipy (about
100 MB installed) only to pick the band/row split, and its per-document `update` API hashes one
document at a time in Python, while this sketches all units of a run in a few vectorised passes. The
band/row split is chosen the way datasketch does (minimum of the weighted false-positive and
false-negative areas), integrated with numpy.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ._copy_units import Unit

_U64 = np.uint64


def _mix64(z: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads the bits of a 64-bit array (wrapping arithmetic)."""
    z = z ^ (z >> _U64(30))
    z = z * _U64(0xBF58476D1CE4E5B9)
    z = z ^ (z >> _U64(27))
    z = z * _U64(0x94D049BB133111EB)
    return z ^ (z >> _U64(31))


def shingle_hashes(norms: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of every character k-gram of every text, concatenated, and each text's start
    offset in that array. A text shorter than k contributes one hash (of the whole text)."""
    if not norms:
        return np.zeros(0, dtype=_U64), np.zeros(0, dtype=np.int64)
    padded = [s if len(s) >= k else s + "\0" * (k - len(s)) for s in norms]
    lens = np.fromiter((len(s) for s in padded), dtype=np.int64, count=len(padded))
    cps = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(_U64)
    n = len(cps) - k + 1
    h = np.zeros(n, dtype=_U64)
    for j in range(k):  # polynomial hash of cps[i : i + k], wrapping at 2**64
        h = h * _U64(0x100000001B3) + cps[j : j + n]
    counts = lens - k + 1
    offsets = np.concatenate(([0], np.cumsum(lens)[:-1]))
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    pos = np.repeat(offsets - starts, counts) + np.arange(int(counts.sum()), dtype=np.int64)
    return _mix64(h[pos]), starts


def minhash_signatures(norms: Sequence[str], k: int, num_perm: int, seed: int, chunk: int = 8192) -> np.ndarray:
    """MinHash signatures (len(norms) × num_perm, uint32) of the k-gram sets, with multiply-shift
    hash functions ((a·x + b) mod 2**64) >> 32 on the 64-bit k-gram hashes."""
    hashes, starts = shingle_hashes(norms, k)
    out = np.empty((len(norms), num_perm), dtype=np.uint32)
    if not len(norms):
        return out
    rng = np.random.default_rng(seed)
    a = (rng.integers(0, 2**62, num_perm, dtype=np.uint64) << _U64(1)) | _U64(1)
    b = rng.integers(0, 2**62, num_perm, dtype=np.uint64)
    ends = np.append(starts[1:], len(hashes))
    u = 0
    while u < len(norms):  # chunks of whole units, about `chunk` k-grams each
        v = int(np.searchsorted(ends, starts[u] + chunk, side="right"))
        v = max(v, u + 1)
        lo, hi = int(starts[u]), int(ends[v - 1])
        block = ((hashes[lo:hi, None] * a[None, :] + b[None, :]) >> _U64(32)).astype(np.uint32)
        out[u:v] = np.minimum.reduceat(block, starts[u:v] - lo, axis=0)
        u = v
    return out


def unit_signatures(units: Sequence[Unit], k: int, num_perm: int, seed: int) -> np.ndarray:
    """MinHash signatures of prose units. Paragraphs are sketched directly; a section's shingles are
    the union of its paragraphs' and the k-grams across their boundaries, and the MinHash of a union
    is the minimum of the MinHashes, so a section costs only its boundaries (same result as sketching
    its text, half the work)."""
    para_at = {(u.report_id, u.paras[0]): i for i, u in enumerate(units) if u.kind == "paragraph"}
    texts = [u.norm for u in units if u.kind == "paragraph"]
    row = {i: n for n, i in enumerate(i for i, u in enumerate(units) if u.kind == "paragraph")}
    members: list[tuple[int, list[int]]] = []  # (unit index, rows of its paragraphs and boundaries)
    for i, u in enumerate(units):
        if u.kind == "paragraph":
            continue
        rows, prev = [], None
        for j in u.paras:
            para = units[para_at[(u.report_id, j)]]
            rows.append(row[para_at[(u.report_id, j)]])
            if prev is not None:
                rows.append(len(texts))
                texts.append(prev.norm[-(k - 1) :] + para.norm[: k - 1])
            prev = para
        members.append((i, rows))
    atoms = minhash_signatures(texts, k, num_perm, seed)
    out = np.empty((len(units), num_perm), dtype=np.uint32)
    for i, n in row.items():
        out[i] = atoms[n]
    for i, rows in members:
        out[i] = atoms[rows].min(axis=0)
    return out


def _area(ys: np.ndarray, xs: np.ndarray) -> float:
    return float(((ys[1:] + ys[:-1]) * np.diff(xs)).sum() / 2)


@lru_cache(maxsize=64)
def lsh_bands(threshold: float, num_perm: int, fp_weight: float = 0.5) -> tuple[int, int]:
    """(bands, rows) with bands·rows ≤ num_perm minimising the weighted areas of false positives
    below `threshold` and false negatives above it (datasketch's choice, integrated with numpy)."""
    fn_weight = 1 - fp_weight
    best, best_err = (1, num_perm), float("inf")
    xs_lo = np.linspace(0, threshold, 201)
    xs_hi = np.linspace(threshold, 1, 201)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = _area(1 - (1 - xs_lo**r) ** b, xs_lo)
            fn = _area((1 - xs_hi**r) ** b, xs_hi)
            err = fp_weight * fp + fn_weight * fn
            if err < best_err - 1e-12:
                best, best_err = (b, r), err
    return best


def lsh_candidates(sig: np.ndarray, bands: int, rows: int, salt: np.ndarray | None = None, cap: int = 50) -> np.ndarray:
    """Pairs (i, j), i < j, of rows of `sig` that agree on every row of at least one band.
    `salt` (one int per row) keeps rows with different salts apart. Rows are taken in order: a
    bucket's member is paired with at most the first `cap` members before it, so a passage shared
    by thousands of reports costs O(n·cap) pairs, not O(n²)."""
    n = len(sig)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    base = _mix64(salt.astype(_U64)) if salt is not None else np.zeros(n, dtype=_U64)
    found: list[np.ndarray] = []
    for band in range(bands):
        key = base.copy()
        for col in range(band * rows, (band + 1) * rows):
            key = _mix64(key ^ sig[:, col].astype(_U64) ^ _U64(col))
        order = np.argsort(key, kind="stable")
        ks = key[order]
        new = np.empty(n, dtype=bool)
        new[0] = True
        np.not_equal(ks[1:], ks[:-1], out=new[1:])
        gid = np.cumsum(new) - 1
        start = np.flatnonzero(new)
        rank = np.arange(n) - start[gid]
        top = min(int(rank.max()), cap)
        for i in range(top):
            m = rank > i
            first = order[start[gid[m]] + i]
            found.append(first * n + order[m])
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack((codes // n, codes % n), axis=1)
