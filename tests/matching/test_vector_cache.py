"""The query path's vector cache gives the model's own rows, embeds each text once, and stays bounded."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kcbridge.matching.embedder import _BLAS, HashEmbedder
from kcbridge.matching.vector_cache import CachedEmbedder, one_blas_thread


class Counting(HashEmbedder):
    """The hash embedder, remembering which texts it was asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return super().encode(texts)


def test_rows_are_the_models_and_each_text_is_embedded_once() -> None:
    model = Counting()
    cached = CachedEmbedder(model)
    texts = ["로봇 핸드를 만듭니다", "寻求韩国供应商", "로봇 핸드를 만듭니다"]
    first = cached.encode(texts)
    assert np.array_equal(first, HashEmbedder().encode(texts))
    assert model.calls == [["로봇 핸드를 만듭니다", "寻求韩国供应商"]]  # a repeat in one call: once
    again = cached.encode(["寻求韩国供应商", "Seeking distributors"])
    assert model.calls[-1] == ["Seeking distributors"]  # only the new text goes to the model
    assert np.array_equal(again[0], first[1])
    assert cached.encode([]).shape == (0, model.dim)
    assert cached.name == model.name and cached.dim == model.dim


def test_least_recently_used_texts_leave_and_long_texts_are_never_kept() -> None:
    model = Counting()
    cached = CachedEmbedder(model, max_entries=2, max_chars=20)
    cached.encode(["a one", "b two"])
    cached.encode(["a one"])  # used again: "b two" is now the oldest
    cached.encode(["c three"])
    assert len(cached) == 2
    model.calls.clear()
    cached.encode(["a one", "c three", "b two"])
    assert model.calls == [["b two"]]
    long = "x" * 21
    cached.encode([long])
    cached.encode([long])
    assert model.calls[-2:] == [[long], [long]]
    assert len(cached) == 2


def test_one_blas_thread_restores_the_previous_count() -> None:
    before = _BLAS.get()
    with one_blas_thread():
        assert _BLAS.get() in (None, 1)
    assert _BLAS.get() == before
