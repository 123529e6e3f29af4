"""The test suite's embedder (KCBRIDGE_EMBEDDER=hash): instant, deterministic unit rows where shared
wording scores higher than unrelated text."""

from __future__ import annotations

import numpy as np
import pytest

from kcbridge.matching.embedder import HashEmbedder, load_embedder

TEXTS = [
    "Humanoid robot hands: we look for a manufacturing partner in China",
    "Maker of dexterous robot hands for humanoid robots",
    "Cloud accounting software for restaurants",
    "휴머노이드 로봇 핸드",
    "人形机器人灵巧手",
    "",
]


def test_rows_are_unit_length_float32_and_the_same_every_time():
    model = load_embedder("hash")
    assert isinstance(model, HashEmbedder) and model.dim == 512
    rows = model.encode(TEXTS)
    assert rows.shape == (len(TEXTS), 512) and rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)  # the empty text too
    assert np.array_equal(rows, HashEmbedder().encode(TEXTS))
    # crc32, not Python's salted hash(): the same buckets in every process
    assert int(np.argmax(np.abs(HashEmbedder().encode(["kcbridge"])[0]))) == 72


def test_shared_wording_scores_higher_than_unrelated_text():
    rows = load_embedder("hash").encode(TEXTS)
    sim = rows @ rows.T
    assert sim[0, 1] > 0.3 > sim[0, 2]
    assert abs(sim[0, 3]) < 0.2 and abs(sim[3, 4]) < 0.2  # no meeting across languages: not a real model


def test_one_string_is_refused():
    with pytest.raises(TypeError):
        load_embedder("hash").encode("one string")  # type: ignore[arg-type]
