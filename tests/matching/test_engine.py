"""Behaviour of the matching engine: ranking across languages, explanations, index upkeep, bad input."""

from __future__ import annotations

import numpy as np
import pytest

from kcbridge.matching.embedder import load_embedder
from kcbridge.matching.engine import REASON_MIN, Filters, MatchDoc, Matcher, MatchIndex, MatchQuery
from kcbridge.matching.text import complementary_types, detect_lang, infer_intent, normalise_sector

# Small hand-written profiles (not from ../shared): a Chinese-language directory.
DOCS = (
    MatchDoc(
        "cn-hand",
        "我们是机器人核心零部件制造商，生产灵巧手、触觉传感器和关节模组，寻求海外人形机器人企业联合开发。",
        "zh",
        ("robot_components",),
        "company",
        "CN",
    ),
    MatchDoc(
        "cn-cosmetics",
        "国货彩妆品牌，主营口红和粉底液，寻求韩国化妆品代工厂。",
        "zh",
        ("cosmetics_consumer",),
        "company",
        "CN",
    ),
    MatchDoc(
        "cn-fund",
        "专注机器人和智能制造的早期投资基金，可投资韩国初创企业。",
        "zh",
        ("robotics", "smart_manufacturing"),
        "investor",
        "CN",
    ),
    MatchDoc(
        "cn-zone",
        "经济开发区，为外资机器人企业提供厂房、试点场地和落地一站式服务。",
        "zh",
        ("robotics",),
        "economic_zone",
        "CN",
    ),
    MatchDoc(
        "kr-cloud",
        "클라우드 관리 서비스(MSP) 기업으로 중국 진출 게임사를 지원합니다.",
        "ko",
        ("cloud",),
        "company",
        "KR",
    ),
)
HAND_QUERY = MatchQuery(
    "전자피부 센서를 적용한 휴머노이드 로봇 손을 만드는 서울의 스타트업입니다. 중국 제조 파트너와 실증 사이트를 찾고 있습니다.",
    lang="ko",
    sectors=("humanoid_robots", "Robot components"),
    country="KR",
)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    m = Matcher(load_embedder("use"))
    m.add(DOCS)
    return m


def ids(results) -> list[str]:
    return [r.id for r in results]


def test_korean_robot_hand_query_prefers_chinese_robot_parts_maker(matcher: Matcher) -> None:
    ranked = ids(matcher.search(HAND_QUERY, top=5))
    assert ranked.index("cn-hand") < ranked.index("cn-cosmetics")
    assert ranked[0] == "cn-hand"


def test_result_explains_sectors_types_and_phrases(matcher: Matcher) -> None:
    best = matcher.search(HAND_QUERY, top=1)[0]
    assert best.explanation.shared_sectors == ("robot_components",)
    assert best.explanation.reasons, "every result says why it fits"
    for q_phrase, d_phrase, cosine in best.explanation.phrase_pairs:  # weak pairs are dropped
        assert q_phrase in HAND_QUERY.text and d_phrase in DOCS[0].text and REASON_MIN <= cosine <= 1
    assert set(best.parts) >= {"cosine", "reciprocal", "sector", "country", "they_need_my_offer"}
    assert best.semantic == pytest.approx(best.parts["cosine"])


def test_investment_request_meets_investor(matcher: Matcher) -> None:
    query = MatchQuery(
        "로봇 스타트업으로 시리즈 A 투자 유치를 위해 로봇 분야 투자사를 찾고 있습니다.", sectors=("robotics",)
    )
    best = matcher.search(query, top=1)[0]
    assert best.id == "cn-fund"
    assert "investment" in best.explanation.complementary_types


def test_filters_exclude(matcher: Matcher) -> None:
    assert "kr-cloud" not in ids(matcher.search(HAND_QUERY, top=5, filters=Filters(countries=("CN",))))
    only = ids(matcher.search(HAND_QUERY, top=5, filters=Filters(org_types=("investor", "economic_zone"))))
    assert sorted(only) == ["cn-fund", "cn-zone"]
    assert ids(matcher.search(HAND_QUERY, top=5, filters=Filters(sectors=("Cloud",)))) == ["kr-cloud"]
    assert "cn-hand" not in ids(matcher.search(HAND_QUERY, top=5, filters=Filters(exclude_ids=("cn-hand",))))
    assert matcher.search(HAND_QUERY, top=5, filters=Filters(updated_after=0.0)) == []  # no dates known


def test_upsert_replaces_and_remove_drops() -> None:
    m = Matcher(load_embedder())
    m.add(DOCS)
    m.add(
        [
            MatchDoc(
                "cn-cosmetics",
                "人形机器人灵巧手和电子皮肤传感器制造商，欢迎韩国企业合作。",
                "zh",
                ("humanoid_robots",),
                "company",
                "CN",
            )
        ]
    )
    assert len(m.index) == len(DOCS)
    top2 = ids(m.search(HAND_QUERY, top=2))
    assert "cn-cosmetics" in top2
    assert m.remove(["cn-cosmetics", "nope"]) == 1
    assert "cn-cosmetics" not in ids(m.search(HAND_QUERY, top=10))
    assert len(m.index) == len(DOCS) - 1


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_rejected_clearly(matcher: Matcher, text: str) -> None:
    with pytest.raises(ValueError, match="empty"):
        matcher.search(MatchQuery(text))
    with pytest.raises(ValueError, match="empty"):
        matcher.add([MatchDoc("x", text)])


def test_profile_with_only_a_name_is_indexed_and_found() -> None:
    m = Matcher(load_embedder())
    m.add([*DOCS, MatchDoc("name-only", "", "zh", (), "company", "CN", name="深圳灵巧手机器人有限公司")])
    found = m.search(MatchQuery("灵巧手机器人"), top=len(DOCS) + 1)
    assert "name-only" in ids(found)


@pytest.mark.parametrize("top", [0, -1, 1001])
def test_top_out_of_range(matcher: Matcher, top: int) -> None:
    with pytest.raises(ValueError, match="top"):
        matcher.search(HAND_QUERY, top=top)


def test_huge_emoji_and_unknown_language_inputs(matcher: Matcher) -> None:
    huge = "로봇 손 제조 파트너를 찾습니다. " * 6000  # ~100 KB, truncated for embedding
    assert len(huge.encode()) > 100_000
    assert matcher.search(MatchQuery(huge), top=3)
    mixed = MatchQuery("🤖 humanoid robot hand 휴머노이드 손 人形机器人 灵巧手 🙂", lang="fr")
    assert matcher.search(mixed, top=1)[0].id == "cn-hand"
    assert detect_lang("灵巧手制造商", "fr") == "zh" and detect_lang("🙂🙂") == "en"


def _unit_rows(n: int, dim: int, seed: int) -> np.ndarray:
    vecs = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def test_index_without_embedder_and_ann_mode_agree() -> None:
    vecs = _unit_rows(3000, 64, 7)
    docs = [
        MatchDoc(f"d{i}", "t", sectors=("ai",) if i % 2 else ("games",), country="CN" if i % 3 else "KR")
        for i in range(3000)
    ]
    exact = MatchIndex(64, ann_min=None)
    ann = MatchIndex(64, exact_limit=100, candidates=200, ann_min=1000)
    for index in (exact, ann):
        index.upsert(docs, vecs)
    assert exact.ann is None and ann.ann is not None and len(ann.ann) == 3000
    query = MatchQuery("q", sectors=("ai",))
    a = exact.search(query, vecs[11], top=5)
    b = ann.search(query, vecs[11], top=5)
    assert a[0].id == b[0].id == "d11"
    assert [r.id for r in a] == [r.id for r in ann.search(query, vecs[11], top=5, exact=True)]
    assert a[0].parts["sector"] == pytest.approx(1.0)  # exact label match without an embedder
    # Filters reach the ANN as a bitmap: a Korean-only search never returns a Chinese profile.
    korean = ann.search(query, vecs[11], top=20, filters=Filters(countries=("KR",)))
    assert len(korean) == 20 and all(int(r.id[1:]) % 3 == 0 for r in korean)
    # A replaced vector moves the doc; a removed doc leaves the ANN too.
    ann.upsert([docs[42]], vecs[11:12])
    assert {r.id for r in ann.search(query, vecs[11], top=2)} == {"d11", "d42"}
    assert ann.remove(["d11", "d42", "unknown"]) == 2 and len(ann.ann) == 2998
    assert {"d11", "d42"}.isdisjoint(r.id for r in ann.search(query, vecs[11], top=50))
    with pytest.raises(ValueError, match="shape"):
        exact.upsert(docs[:2], vecs[:3])


def test_ann_shortlist_recall_on_clustered_vectors() -> None:
    """Scanning a few lists finds most true neighbours when vectors cluster (as embeddings do)."""
    from kcbridge.matching.ann import IvfShortlist

    rng = np.random.default_rng(3)
    centres = _unit_rows(40, 64, 4)
    vecs = centres[rng.integers(0, 40, 20_000)] + 0.35 * _unit_rows(20_000, 64, 5)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ivf = IvfShortlist(64, scan_share=0.05, min_scan=0)
    ivf.build(vecs, np.arange(20_000))
    assert ivf.lists == 283 and ivf.probes(1.0) < ivf.lists // 10
    recall = []
    for q in vecs[:50]:
        truth = set(np.argsort(-(vecs @ q))[:10].tolist())
        recall.append(len(truth & set(ivf.search(q, 10, None).tolist())) / 10)
    assert np.mean(recall) >= 0.9
    # Half the rows filtered out: twice the lists scanned, and only eligible rows returned.
    mask = np.arange(20_000) % 2 == 0
    assert ivf.probes(1.0) < ivf.probes(0.5) <= 2 * ivf.probes(1.0)
    assert all(r % 2 == 0 for r in ivf.search(vecs[1], 30, mask, 0.5).tolist())


def test_sector_labels_are_normalised_and_compared_by_meaning(matcher: Matcher) -> None:
    assert normalise_sector(" IoT-5G ") == normalise_sector("iot_5g") == "iot_5g"
    enc = matcher.embedder.encode
    five_g, iot, cosm = enc(["5g", "5G / IoT", "cosmetics"])
    assert float(five_g @ iot) > float(five_g @ cosm)


def test_intent_lexicons_read_offers_and_requests() -> None:
    offer, seek = infer_intent("시리즈 A 투자 유치를 위해 투자사를 찾고 있습니다.")
    assert "investment" in seek
    offer, seek = infer_intent("寻求韩国代工厂生产新品。")
    assert "co_production" in seek
    offer, seek = infer_intent("We are a contract manufacturer and build to client design.")
    assert "co_production" in offer
    offer, _ = infer_intent("Early-stage fund.", org_type="investor")
    assert "investment" in offer
    assert complementary_types(("investment",), (), (), ("investment",)) == ("investment",)
    assert complementary_types((), ("joint_rnd",), (), ("joint_rnd",)) == ("joint_rnd",)
    assert complementary_types(("supply",), (), ("supply",), ()) == ()
