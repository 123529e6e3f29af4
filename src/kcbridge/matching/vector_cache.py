"""Vectors of texts seen before, kept per process: the query path embeds only what is new.

A search embeds its query (three pieces) and, to explain its first results, their offer and request
phrases. Those phrases repeat from one search to the next, so a bounded LRU in front of the embedder
turns most of that work into look-ups. The vectors are derived data (the same text always gives the
same row, up to float rounding of the batch it came in), so a per-process cache needs no invalidation.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence

import numpy as np

from kcbridge.matching.embedder import _BLAS, Embedder

MAX_ENTRIES = 20_000  # ~40 MB of float32 rows at 512 dimensions
MAX_TEXT_CHARS = 1_000  # longer texts (whole profiles pasted in) are embedded every time


class CachedEmbedder:
    """An `Embedder` that remembers the rows of texts up to `max_chars` long, least recently used out."""

    def __init__(
        self, model: Embedder, *, max_entries: int = MAX_ENTRIES, max_chars: int = MAX_TEXT_CHARS
    ) -> None:
        self.model = model
        self.name = model.name
        self.dim = model.dim
        self.max_entries = max_entries
        self.max_chars = max_chars
        self._rows: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._rows)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of strings, not one string")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        todo: dict[str, list[int]] = {}
        with self._lock:
            for i, text in enumerate(texts):
                row = self._rows.get(text)
                if row is None:
                    todo.setdefault(text, []).append(i)
                else:
                    self._rows.move_to_end(text)
                    out[i] = row
            self.hits += len(texts) - sum(len(at) for at in todo.values())
            self.misses += len(todo)
        if not todo:
            return out
        new = list(todo)
        vecs = np.asarray(self.model.encode(new), dtype=np.float32)
        with self._lock:
            for text, vec in zip(new, vecs, strict=True):
                out[todo[text]] = vec
                if len(text) <= self.max_chars:
                    self._rows[text] = vec.copy()  # a copy: a row must not keep its whole batch alive
            while len(self._rows) > self.max_entries:
                self._rows.popitem(last=False)
        return out


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run small matrix products on one BLAS thread: a search's products take well under a
    millisecond, and on a busy 2-core machine OpenBLAS's second thread only spins (10-25x slower)."""
    before = _BLAS.get()
    _BLAS.set(1)
    try:
        yield
    finally:
        _BLAS.set(before)
