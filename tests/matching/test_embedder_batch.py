"""The USE embedder's batch path (sorted by length, split across workers, once per distinct token) gives
each text the row it gets when embedded alone."""

from __future__ import annotations

import numpy as np
import pytest

from kcbridge.matching import use_batch
from kcbridge.matching.embedder import PARALLEL_MIN, UseEmbedder, load_embedder

TEXTS = [
    "로봇 핸드를 월 500대 이상 양산할 수 있는 중국 제조 파트너를 찾고 있습니다.",
    "我们是机器人核心零部件制造商，生产灵巧手、触觉传感器和关节模组，寻求海外人形机器人企业联合开发。",
    "Cloud managed services for Korean firms in China; we seek Chinese enterprise customers.",
    "수소 연료전지 스택을 공급하며 중국 상용차 제조사와의 공동 개발을 희망합니다.",
    "国货彩妆品牌，主营口红和粉底液，寻求韩国化妆品代工厂。",
    "Early-stage fund investing in robotics and smart manufacturing startups.",
    "AI",
    "",
    "반도체 장비 부품 · 半导体设备零部件 · semiconductor equipment parts",
    "经济开发区，为外资机器人企业提供厂房、试点场地和落地一站式服务。" * 12,  # longer than a micro-batch
]


@pytest.fixture(scope="module")
def embedder() -> UseEmbedder:
    model = load_embedder("use")
    assert isinstance(model, UseEmbedder)
    return model


def _alone(embedder: UseEmbedder, texts: list[str]) -> np.ndarray:
    return np.vstack([embedder.encode([t]) for t in texts])


def test_batch_rows_equal_one_by_one_rows(embedder: UseEmbedder) -> None:
    # Enough texts for the batch path, in an order that is not sorted by length, with repeats.
    texts = [f"{t} ({i})" if i >= len(TEXTS) else t for i, t in enumerate(TEXTS * 6)]
    assert len(texts) >= PARALLEL_MIN
    batched = embedder.encode(texts)
    alone = _alone(embedder, texts)
    assert batched.shape == (len(texts), embedder.dim)
    np.testing.assert_allclose(batched, alone, atol=2e-6)
    assert np.allclose(np.linalg.norm(batched, axis=1), 1.0, atol=1e-5)


def test_rows_do_not_depend_on_chunk_or_micro_batch_bounds(
    embedder: UseEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tiny chunks and micro-batches: every text its own table of distinct tokens, long ones split off.
    texts = [f"{t} #{i}" for i, t in enumerate(TEXTS * 5)]
    monkeypatch.setattr(use_batch, "CHUNK_TOKENS", 64)
    monkeypatch.setattr(use_batch, "TOKEN_BUDGET", 16)
    np.testing.assert_allclose(embedder.encode(texts), _alone(embedder, texts), atol=2e-6)


def test_translations_still_meet_in_a_batch(embedder: UseEmbedder) -> None:
    ko, zh, other = "로봇 부품 제조", "机器人零部件制造", "口红和粉底液"
    rows = embedder.encode([ko, zh, other] + [f"filler {i}" for i in range(PARALLEL_MIN)])
    assert rows[0] @ rows[1] > rows[0] @ rows[2] + 0.2
