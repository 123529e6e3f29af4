"""Role-aware ranking: offers and needs read from ko / zh / en text, customers over competitors,
reasons that point the right way, and bad input that still gives sensible results."""

from __future__ import annotations

import numpy as np
import pytest

from kcbridge.matching import ranker
from kcbridge.matching.embedder import load_embedder
from kcbridge.matching.engine import REASON_MIN, MatchDoc, Matcher, MatchQuery, Weights
from kcbridge.matching.intent import clauses, read

# A hand-written mini-directory (not from ../shared): for each field, a customer, a competitor
# and a distributor, in Chinese and English.
DOCS = (
    MatchDoc(
        "pump-buyer",
        "我们是大型水处理工程公司，每年建设30座污水厂，现需要采购高效节能的离心泵，欢迎海外泵厂供货。",
        "zh",
        ("smart_manufacturing",),
        "company",
        "CN",
    ),
    MatchDoc(
        "pump-rival",
        "高效节能离心泵制造商，年产离心泵两万台，寻求韩国水务公司客户。",
        "zh",
        ("smart_manufacturing",),
        "company",
        "CN",
    ),
    MatchDoc(
        "pump-dealer",
        "Distributor of industrial pumps and valves to municipal water utilities in East China, "
        "looking for new foreign pump brands to represent.",
        "en",
        ("smart_manufacturing",),
        "company",
        "CN",
    ),
    MatchDoc(
        "lens-buyer",
        "Smartphone maker seeking a second supplier of camera lens modules for mid-range phones.",
        "en",
        ("semiconductors",),
        "company",
        "CN",
    ),
    MatchDoc(
        "lens-rival",
        "手机摄像头镜头模组制造商，月产能500万颗，正在寻找韩国手机厂商客户。",
        "zh",
        ("semiconductors",),
        "company",
        "CN",
    ),
    MatchDoc(
        "fund",
        "专注工业装备的早期投资基金，单笔投资500万至2000万元。",
        "zh",
        ("smart_manufacturing",),
        "investor",
        "CN",
    ),
    MatchDoc(
        "zone",
        "经济开发区，为外资制造企业提供标准厂房和注册一站式服务。",
        "zh",
        ("smart_manufacturing",),
        "economic_zone",
        "CN",
    ),
)
PUMP_MAKER = MatchQuery(
    "고효율 원심펌프를 제조하는 한국 기업입니다. 하수처리장이나 수처리 시설에 펌프를 도입할 중국 고객사를 찾고 있습니다.",
    lang="ko",
    sectors=("smart_manufacturing",),
    country="KR",
)
LENS_MAKER = MatchQuery(
    "We manufacture camera lens modules for smartphones in Korea and want Chinese phone makers as customers.",
    lang="en",
    sectors=("semiconductors",),
    country="KR",
)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    m = Matcher(load_embedder("use"))
    m.add(DOCS)
    return m


def ranked(matcher: Matcher, query: MatchQuery, **kw) -> list[str]:
    return [r.id for r in matcher.search(query, top=len(DOCS), **kw)]


@pytest.mark.parametrize(
    "query,customer,rival",
    [(PUMP_MAKER, "pump-buyer", "pump-rival"), (LENS_MAKER, "lens-buyer", "lens-rival")],
)
def test_customer_outranks_competitor(matcher: Matcher, query, customer, rival) -> None:
    order = ranked(matcher, query)
    assert order.index(customer) < order.index(rival), order


def test_role_ranker_is_default_and_previous_hybrid_stays_selectable(matcher: Matcher) -> None:
    roles = matcher.search(PUMP_MAKER, top=3)
    assert "they_need_my_offer" in roles[0].parts
    old = Matcher(matcher.embedder, Weights(ranker="hybrid"))
    old.add(DOCS)
    legacy = old.search(PUMP_MAKER, top=3)
    assert "reciprocal" in legacy[0].parts and "they_need_my_offer" not in legacy[0].parts
    with pytest.raises(ValueError, match="ranker"):
        matcher.index.search(PUMP_MAKER, np.ones(512), top=1, weights=Weights(ranker="nope"))


def test_reading_offers_needs_and_roles_in_three_languages() -> None:
    ko = read("배터리 관리 시스템을 제조합니다. 중국 유통사를 찾고 있습니다.")
    assert ko.offer and ko.seek and "maker" in ko.roles and "distributor" in ko.sought
    zh = read("化妆品代工厂，寻求韩国品牌的订单。")
    assert "contract_mfr" in zh.roles and "buyer" in zh.sought
    en = read("Early-stage fund investing in robotics.", org_type="investor")
    assert "investor" in en.roles and not en.seek
    mixed = read("AI 비전 검사 장비 maker, 寻求中国代理商 and looking for investors.")
    assert {"distributor", "investor"} <= set(mixed.sought)
    gov = read("경기도청은 중국 성 정부와 경제 협력 MOU를 희망합니다.")
    assert "government" in gov.roles and "government" in gov.sought
    assert clauses("Maker of pumps, seeking distributors.") == ["Maker of pumps", "seeking distributors."]


@pytest.mark.parametrize(
    "text",
    [
        "今年计划建设15座加氢站，正在招标压缩机。",  # a tender asks for what it names
        "Utility tendering 200,000 smart water meters this year.",
        "We are sourcing injection-moulded housings for our scooters.",
        "내년 상반기 물류센터 자동화 설비 입찰을 진행합니다.",
    ],
)
def test_tenders_and_sourcing_read_as_requests(text: str) -> None:
    assert read(text).seek, read(text)


def test_reasons_point_the_right_way_and_weak_pairs_are_dropped(matcher: Matcher) -> None:
    results = matcher.search(PUMP_MAKER, top=len(DOCS))
    by_id = {r.id: r for r in results}
    dealer = [c for c, *_ in by_id["pump-dealer"].explanation.reasons]
    assert "they_distribute_to" in dealer or "they_seek_your_offer" in dealer
    for r in results:
        for code, a, b, cosine in r.explanation.reasons:
            assert code in {
                "they_seek_your_offer",
                "they_offer_your_need",
                "they_distribute_to",
                "they_invest_in",
                "they_host",
                "they_research",
                "counterpart",
                "similar_text",
            }
            assert (not a and not b) or cosine >= REASON_MIN
        assert all(c >= REASON_MIN for *_, c in r.explanation.phrase_pairs)


def test_investor_and_government_priors(matcher: Matcher) -> None:
    raising = MatchQuery(
        "산업용 펌프 스타트업으로 시리즈 A 투자를 유치하려고 투자사를 찾고 있습니다.",
        sectors=("smart_manufacturing",),
    )
    assert ranked(matcher, raising)[0] == "fund"
    province = MatchQuery("省政府希望与韩国地方政府和产业园区开展制造业合作。", org_type="government")
    order = ranked(matcher, province)
    assert order.index("zone") < order.index("fund")


@pytest.mark.parametrize(
    "text",
    [
        "한국 펌프 제조사의 중국 고객을 찾습니다.",  # only seeks
        "Nous fabriquons des pompes centrifuges et cherchons des distributeurs en Chine.",  # a fourth language
        "Hanil Pump Co., Ltd.",  # only a company name
        "🙂 ...",  # nothing to read
    ],
)
def test_bad_input_gives_results_not_errors(matcher: Matcher, text: str) -> None:
    results = matcher.search(MatchQuery(text, lang="fr"), top=3)
    assert len(results) == 3 and all(np.isfinite(r.score) for r in results)


def test_profile_without_offer_or_seek_text(matcher: Matcher) -> None:
    m = Matcher(matcher.embedder)
    m.add([*DOCS, MatchDoc("bare", "", "zh", ("smart_manufacturing",), "company", "CN", name="华东泵业")])
    assert len(m.search(PUMP_MAKER, top=len(DOCS) + 1)) == len(DOCS) + 1


def test_fit_learns_a_feature_that_separates() -> None:
    rng = np.random.default_rng(0)
    groups = []
    for _ in range(20):
        feats = np.zeros((30, len(ranker.FEATURES)), np.float32)
        feats[:, 0] = rng.normal(0.5, 0.05, 30)
        rel = np.zeros(30, bool)
        rel[0] = True
        feats[0, ranker.FEATURES.index("role_fit")] = 1.0
        groups.append((feats, rel))
    w = ranker.fit(groups)
    assert w["cosine"] == 1.0 and w["role_fit"] > 0.1 and abs(w["rival"]) < 0.05


@pytest.mark.parametrize(
    "text, role, sought",
    [
        ("我们经营一家连锁药店，计划采购国外品牌的保健品。", "buyer", "maker"),
        ("We run three bakeries and want to purchase Korean ovens.", "buyer", "maker"),
        ("신약 후보물질의 중국 권리를 라이선스 아웃할 제약사를 찾고 있습니다.", "maker", "buyer"),
        ("Biotech in-licensing late-stage assets for China.", "buyer", None),
        ("베이징 법인 설립을 대행해 줄 파트너를 찾습니다.", None, "incubation"),
    ],
)
def test_buying_selling_and_landing_requests_read_as_roles(text, role, sought):
    reading = read(text)
    if role:
        assert role in reading.roles, reading
    if sought:
        assert sought in reading.sought, reading
