from kcbridge.news.extract import Extractor, Gazetteer, to_directory
from kcbridge.news.extract.names import same_name

KO = """한빛로보틱스, 상하이서 AI 협력 양해각서 체결

박지훈 한빛로보틱스 대표는 지난달 30일 중국 상하이 푸둥신구를 방문해 화웨이와 인공지능 협력 양해각서를 체결했다.
이튿날 박 대표는 상하이 현지 기업인들과 간담회를 열었다.
김서연 경기도경제과학진흥원(경과원) 원장도 "클라우드와 로봇 분야 협력을 늘리겠다"고 말했다.
"""

ZH = """星云科技与华为签署合作协议

7月30日，星云科技有限公司与华为在上海签署人工智能合作协议。星云科技有限公司董事长王建国表示，双方将在云计算领域合作。次日，代表团访问了中关村。
"""

EN = """Hanbit Robotics signs AI pact in Shanghai

Hanbit Robotics signed an agreement with Huawei in Shanghai on July 30. Chairman Park Jihoon of Hanbit Robotics said the
two sides would cooperate in cloud and robotics. The next day the delegation visited Zhongguancun.
"""


def _names(items):
    return {i["name"] for i in items}


def test_korean_article():
    r = Extractor().extract(
        KO.split("\n", 1)[1], title=KO.split("\n")[0], published="2024-08-04T10:00:00+09:00"
    )
    assert r["language"] == "ko"
    people = {p["name"]: p for p in r["people"]}
    assert people["박지훈"]["role"] == "대표" and people["박지훈"]["organization"] == "한빛로보틱스"
    assert people["김서연"]["role"] == "원장"
    orgs = {o["name"]: o for o in r["organizations"]}
    assert orgs["화웨이"]["linked_id"] == "co:cn:huawei"
    assert orgs["경기도경제과학진흥원"]["linked_id"] == "agency:kr:gbsa"  # glossed with its acronym
    assert "경과원" in orgs["경기도경제과학진흥원"]["aliases"]
    assert {"상하이", "중국"} <= set(r["places"])
    events = {(e["type"], e["date"]) for e in r["events"]}
    assert ("visit", "2024-07-30") in events and ("agreement", "2024-07-30") in events
    assert ("meeting", "2024-07-31") in events
    assert {"ai", "cloud", "robotics"} <= set(r["sectors"])


def test_chinese_article():
    r = Extractor().extract(ZH, published="2024-08-04T10:00:00+08:00", language="zh")
    assert "华为" in _names(r["organizations"])
    assert "星云科技有限公司" in _names(r["organizations"])
    assert any(p["name"] == "王建国" and p["role"] == "董事长" for p in r["people"])
    events = {(e["type"], e["date"]) for e in r["events"]}
    assert ("agreement", "2024-07-30") in events and ("visit", "2024-07-31") in events
    assert "上海" in r["places"]


def test_english_article():
    r = Extractor().extract(EN, published="2024-08-04", language="en")
    assert "Huawei" in _names(r["organizations"])
    assert any(p["name"] == "Park Jihoon" and p["role"] == "Chairman" for p in r["people"])
    events = {(e["type"], e["date"]) for e in r["events"]}
    assert ("agreement", "2024-07-30") in events and ("visit", "2024-07-31") in events


def test_injected_gazetteer_links_and_candidates():
    entries = [
        {
            "id": "dir:42",
            "type": "company",
            "country": "KR",
            "names": {"ko": ["한빛로보틱스"], "en": ["Hanbit Robotics"]},
        }
    ]
    r = Extractor(entries).extract(KO, published="2024-08-04")
    orgs = {o["name"]: o for o in r["organizations"]}
    assert orgs["한빛로보틱스"]["linked_id"] == "dir:42"
    g = Gazetteer(entries)
    assert g.link("한빛로보틱스") is not None
    assert g.link("Hanbit Robotic") is not None  # fuzzy, same script
    assert g.link("한빛") is None


def test_chinese_names_in_hangul():
    assert same_name("궁정", "龚正")
    assert same_name("레이쥔", "雷军")
    assert not same_name("김철수", "龚正")


def test_sector_codes_roll_up_to_directory():
    assert to_directory(["ai", "manufacturing", "trade"]) == ["ai", "smart_manufacturing"]


def test_a_name_of_several_words_in_the_gazetteer_wins_over_its_part():
    entries = [
        {"id": "dir:7", "type": "company", "country": "CN", "names": {"ko": ["알리바바 클라우드"]}},
    ]
    text = "경기도는 11일 상하이에서 알리바바 클라우드와 업무협약을 체결했다."
    r = Extractor(entries).extract(text, published="2025-03-12", language="ko")
    orgs = {o["name"]: o["linked_id"] for o in r["organizations"]}
    assert orgs.get("알리바바 클라우드") == "dir:7" and "알리바바" not in orgs  # not the seed's Alibaba


def test_the_body_telling_the_lead_event_again_keeps_its_date():
    text = (
        "Gyeonggi Province signed a memorandum of understanding with Alibaba Cloud in Shanghai on March 11, 2025.\n\n"
        "Six firms joined the delegation.\n\n"
        "Its chief executive said the agreement would help Korean firms."
    )
    r = Extractor().extract(text, language="en")
    assert [(e["type"], e["date"]) for e in r["events"] if e["type"] == "agreement"] == [
        ("agreement", "2025-03-11")
    ]
