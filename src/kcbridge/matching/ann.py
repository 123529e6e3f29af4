"""Approximate shortlist for large indexes: an inverted-file index (faiss IVF, 8-bit codes).

Exact search reads every vector (2 GB at a million 512-d profiles, ~70 ms); the inverted file
clusters vectors around a few thousand centroids and scans only the lists nearest the query,
from one byte per dimension. It only proposes candidates: `MatchIndex` scores them exactly.
Row numbers of the index are the faiss ids, so eligibility masks map to a faiss bitmap.
"""

from __future__ import annotations

import math
import time
from typing import Any

import faiss
import numpy as np

TRAIN_POINTS_PER_LIST = 30
TRAIN_ITERATIONS = 10


def list_count(n: int) -> int:
    """About 2·√n lists (64 to 2,048): lists of a few hundred vectors keep both stages cheap."""
    return int(min(2048, max(64, round(2 * math.sqrt(n)))))


class IvfShortlist:
    """faiss IVF over float32 rows; not thread-safe (the owner serialises access)."""

    def __init__(self, dim: int, *, scan_share: float = 0.035, min_scan: int = 20_000) -> None:
        self.dim = dim
        self.scan_share = scan_share
        self.min_scan = min_scan
        self.trained_at = 0
        self.lists = 0
        self.build_seconds = 0.0
        self._index: Any = None

    def __len__(self) -> int:
        return 0 if self._index is None else int(self._index.ntotal)

    def memory_bytes(self) -> int:
        """Codes and ids held by faiss, plus the centroids."""
        if self._index is None:
            return 0
        return len(self) * (self._index.code_size + 8) + self.lists * self.dim * 4

    def build(self, vectors: np.ndarray, rows: np.ndarray, seed: int = 0) -> None:
        """Train centroids on a sample of `rows` and add them all (`vectors` is the whole row matrix)."""
        started = time.perf_counter()
        n = len(rows)
        self.lists = list_count(n)
        quantizer = faiss.IndexFlatIP(self.dim)
        index = faiss.IndexIVFScalarQuantizer(
            quantizer, self.dim, self.lists, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
        )
        index.cp.niter = TRAIN_ITERATIONS
        index.cp.seed = seed
        index.cp.min_points_per_centroid = TRAIN_POINTS_PER_LIST // 2  # faiss warns below this
        rng = np.random.default_rng(seed)
        sample = rows[rng.choice(n, size=min(n, TRAIN_POINTS_PER_LIST * self.lists), replace=False)]
        index.train(np.ascontiguousarray(vectors[np.sort(sample)], dtype=np.float32))
        self._index = index
        self._quantizer = quantizer  # faiss does not own it from Python: keep it alive
        for start in range(0, n, 65_536):
            self.add(rows[start : start + 65_536], vectors[rows[start : start + 65_536]])
        self.trained_at = n
        self.build_seconds = time.perf_counter() - started

    def to_array(self) -> np.ndarray:
        """The trained index with its codes as bytes (faiss's own serialisation), for a snapshot."""
        assert self._index is not None
        return np.asarray(faiss.serialize_index(self._index), dtype=np.uint8)

    @classmethod
    def from_array(cls, dim: int, data: np.ndarray, trained_at: int, **options: Any) -> IvfShortlist:

        ann = cls(dim, **options)
        ann._index = faiss.deserialize_index(np.ascontiguousarray(data, dtype=np.uint8))
        if ann._index.d != dim:
            raise ValueError(f"a stored ANN of {ann._index.d} dimensions, not {dim}")
        ann.lists, ann.trained_at = int(ann._index.nlist), int(trained_at)
        return ann

    def add(self, rows: np.ndarray, vectors: np.ndarray) -> None:
        if self._index is not None and len(rows):
            self._index.add_with_ids(
                np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(rows, dtype=np.int64)
            )

    def remove(self, rows: np.ndarray) -> None:
        if self._index is not None and len(rows):
            self._index.remove_ids(faiss.IDSelectorBatch(np.asarray(rows, dtype=np.int64)))

    def probes(self, eligible_share: float) -> int:
        """Lists to scan: enough for `scan_share` of the vectors (at least `min_scan`) that pass the filters."""
        n = max(len(self), 1)
        wanted = max(self.scan_share * n, min(self.min_scan, n)) / max(eligible_share, 1e-6)
        return int(min(self.lists, max(1, math.ceil(self.lists * wanted / n))))

    def search(
        self, q: np.ndarray, k: int, mask: np.ndarray | None, eligible_share: float = 1.0
    ) -> np.ndarray:
        """Rows of up to `k` approximate nearest neighbours by inner product, among `mask` when given."""
        assert self._index is not None
        params = faiss.SearchParametersIVF()
        params.nprobe = self.probes(eligible_share)
        if mask is not None:
            bits = np.packbits(mask, bitorder="little")
            params.sel = faiss.IDSelectorBitmap(len(mask), faiss.swig_ptr(bits))
            _scores, ids = self._index.search(q.reshape(1, -1).astype(np.float32), k, params=params)
            del bits  # the selector reads it during the search only
        else:
            _scores, ids = self._index.search(q.reshape(1, -1).astype(np.float32), k, params=params)
        found = ids[0]
        return found[found >= 0]
