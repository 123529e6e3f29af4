"""The demo directory data set: shape, vocabulary, coverage, privacy and determinism."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from kcbridge.app.demo._real import build_anchors, invented_in_real_list, real_keys
from kcbridge.app.demo._text import josa, money
from kcbridge.app.demo.organisations import STORY_KEYS, demo_organisations, fragments, sector_data
from kcbridge.directory import places
from kcbridge.directory.taxonomy import (
    LANGUAGE_CODES,
    ORG_TYPE_CODES,
    SECTOR_CODES,
    SIZE_CODES,
    STAGE_CODES,
)

FIELDS = {"key", "names", "org_type", "size", "stage", "country", "city", "sectors", "founded", "website", "texts",
          "people"}  # fmt: skip
PERSON_FIELDS = {"name", "title", "email", "phone", "languages", "public"}
PHONE = re.compile(r"^(\+82-10-\d{4}-\d{4}|\+86-13\d-\d{4}-\d{4})$")
REAL_KEYS, INVENTED_IN_REAL_LIST = real_keys(), invented_in_real_list()


@pytest.fixture(scope="module")
def orgs() -> list[dict]:
    return demo_organisations()


@pytest.fixture(scope="module")
def invented(orgs: list[dict]) -> list[dict]:
    return [o for o in orgs if o["key"] not in REAL_KEYS]


def test_counts(orgs: list[dict], invented: list[dict]) -> None:
    real = [o for o in orgs if o["key"] in REAL_KEYS]
    assert len(real) == len(REAL_KEYS) >= 35
    assert len(invented) >= 300 + len(INVENTED_IN_REAL_LIST)
    generated = [o for o in invented if o["key"] not in INVENTED_IN_REAL_LIST]
    assert len(generated) == 320
    assert len(demo_organisations(invented=50)) == len(real) + len(INVENTED_IN_REAL_LIST) + 50


def test_shape_and_vocabulary(orgs: list[dict]) -> None:
    for o in orgs:
        assert set(o) == FIELDS, o["key"]
        assert o["org_type"] in ORG_TYPE_CODES
        assert o["country"] in {"KR", "CN"}
        assert o["city"]
        assert o["sectors"] and set(o["sectors"]) <= SECTOR_CODES, o["key"]
        assert len(set(o["sectors"])) == len(o["sectors"])
        if o["org_type"] == "company":
            assert o["size"] in SIZE_CODES and o["stage"] in STAGE_CODES, o["key"]
        else:
            assert o["size"] is None and o["stage"] is None, o["key"]
        assert o["founded"] is None or 1850 <= o["founded"] <= 2025
        assert o["names"] and set(o["names"]) <= LANGUAGE_CODES and all(o["names"].values())
        assert o["texts"] and set(o["texts"]) <= LANGUAGE_CODES
        for text in o["texts"].values():
            assert set(text) == {"description", "offer", "seek"}
            assert all(isinstance(v, str) and v.strip() for v in text.values()), o["key"]
        for p in o["people"]:
            assert set(p) == PERSON_FIELDS
            assert p["languages"] and set(p["languages"]) <= LANGUAGE_CODES


def test_keys_unique_and_slugs(orgs: list[dict]) -> None:
    keys = [o["key"] for o in orgs]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"(kr|cn)-[a-z0-9-]+", k) for k in keys)
    assert all(o["key"][:2].upper() == o["country"] for o in orgs)


def test_names_unique_per_country(orgs: list[dict]) -> None:
    for country in ("KR", "CN"):
        for lang in ("ko", "zh", "en"):
            names = [o["names"][lang] for o in orgs if o["country"] == country and lang in o["names"]]
            dupes = [n for n, c in Counter(names).items() if c > 1]
            assert not dupes, (country, lang, dupes)


def test_every_sector_used_three_times(orgs: list[dict]) -> None:
    used = Counter(s for o in orgs for s in o["sectors"])
    assert {s for s in SECTOR_CODES if used[s] < 3} == set()


def test_countries_and_types(orgs: list[dict], invented: list[dict]) -> None:
    assert {o["country"] for o in orgs} == {"KR", "CN"}
    assert {o["org_type"] for o in orgs} == ORG_TYPE_CODES
    assert {o["org_type"] for o in invented} == ORG_TYPE_CODES - {"government"}
    share_kr = sum(o["country"] == "KR" for o in invented) / len(invented)
    assert 0.5 <= share_kr <= 0.6
    companies = [o for o in invented if o["org_type"] == "company"]
    assert {o["size"] for o in companies} == SIZE_CODES
    assert len(companies) > len(invented) / 2


def test_real_institutions_have_no_people(orgs: list[dict]) -> None:
    real = [o for o in orgs if o["key"] in REAL_KEYS | INVENTED_IN_REAL_LIST]
    assert real and all(o["people"] == [] for o in real)
    assert all(len(o["names"]) == 3 and len(o["texts"]) == 3 for o in real)


def test_invented_contacts_and_domains(invented: list[dict]) -> None:
    for o in invented:
        assert o["website"].startswith("https://") and o["website"].endswith(".example"), o["key"]
        if o["key"] in INVENTED_IN_REAL_LIST:
            continue
        assert 1 <= len(o["people"]) <= 3, o["key"]
        domain = o["website"].removeprefix("https://www.")
        emails = [p["email"] for p in o["people"]]
        assert len(emails) == len(set(emails))
        for p in o["people"]:
            assert p["email"].endswith("@" + domain), p
            assert PHONE.match(p["phone"]), p["phone"]
            assert p["phone"].startswith("+82" if o["country"] == "KR" else "+86")
            assert isinstance(p["public"], bool)


def test_languages_follow_the_authors(invented: list[dict]) -> None:
    for o in invented:
        own = "ko" if o["country"] == "KR" else "zh"
        assert own in o["texts"], o["key"]
        assert set(o["texts"]) <= set(o["names"]), o["key"]
    assert sum("en" in o["texts"] for o in invented) > len(invented) / 2
    kr_with_zh = sum(o["country"] == "KR" and "zh" in o["texts"] for o in invented)
    cn_with_ko = sum(o["country"] == "CN" and "ko" in o["texts"] for o in invented)
    assert kr_with_zh > 10 and cn_with_ko > 10


def test_texts_are_filled_and_varied(invented: list[dict]) -> None:
    sentences: Counter[str] = Counter()
    for o in invented:
        for lang, text in o["texts"].items():
            for value in text.values():
                assert not re.search(r"[{}]|\((은|이|을|과|으로)\)", value), (o["key"], lang, value)
                sentences.update(s for s in re.split(r"(?<=[.。])\s*", value) if len(s) > 30)
    assert max(sentences.values()) <= 8, sentences.most_common(3)
    descriptions = [o["texts"][next(iter(o["texts"]))]["description"] for o in invented]
    assert len(set(descriptions)) == len(descriptions)


def test_deterministic_per_seed() -> None:
    assert demo_organisations(seed=7) == demo_organisations(seed=7)
    assert demo_organisations(seed=7) != demo_organisations(seed=8)


def test_story_organisations_present(orgs: list[dict]) -> None:
    by_key = {o["key"]: o for o in orgs}
    assert set(STORY_KEYS.values()) <= set(by_key)
    hand = by_key[STORY_KEYS["robot_hand_startup"]]
    assert hand["city"] == "Seoul" and "humanoid_robots" in hand["sectors"]
    assert "전자피부" in hand["texts"]["ko"]["description"] and "중국" in hand["texts"]["ko"]["seek"]
    cn_robotics = [
        o
        for o in orgs
        if o["country"] == "CN" and {"humanoid_robots", "robot_components"} & set(o["sectors"])
    ]
    assert len(cn_robotics) >= 8


def test_every_sector_has_its_fragments_and_every_city_is_in_the_gazetteer(orgs: list[dict]) -> None:
    data = sector_data()
    assert set(data) == SECTOR_CODES
    for code, record in data.items():
        assert len(record["products"]) == 4 and len(record["offers"]) == len(record["seeks"]) == 3, code
        assert {e["sector"] for e in record["expansions"]} <= SECTOR_CODES and set(
            record["related"]
        ) <= SECTOR_CODES
        assert all(places.find(c) for cities in record["cities"].values() for c in cities), code
    assert all(places.find(o["city"]) for o in orgs), {o["city"] for o in orgs if not places.find(o["city"])}


JOSA = {
    "(은)": "(?:은|는)",
    "(이)": "(?:이|가)",
    "(을)": "(?:을|를)",
    "(과)": "(?:과|와)",
    "(으로)": "(?:으로|로)",
}


def frames_matching(frames: list[str], text: str) -> set[int]:
    """Indexes of the frames `text` could have been written from (slots match anything)."""
    found = set()
    for i, frame in enumerate(frames):
        pieces = re.split(r"(\{\w+\}|\((?:은|이|을|과|으로)\))", frame)
        pattern = "".join(".+?" if p.startswith("{") else JOSA.get(p, re.escape(p)) for p in pieces)
        if re.match(pattern, text, re.S):
            found.add(i)
    return found


def test_an_organisations_texts_translate_each_other(invented: list[dict]) -> None:
    """The frames of a text are translations (same slots, checked when read), and one frame is picked for all
    of an organisation's languages: a company's Korean, Chinese and English texts come from the same frames."""
    hand_written = {a["key"] for a in build_anchors()}
    companies = [
        o
        for o in invented
        if o["key"] not in hand_written and o["org_type"] == "company" and len(o["texts"]) > 1
    ]
    assert len(companies) > 50
    for o in companies:
        for part, field in (("desc", "description"), ("offer", "offer"), ("seek", "seek")):
            found = {
                lang: frames_matching(fragments(lang).COMPANY[part], t[field])
                for lang, t in o["texts"].items()
            }
            assert all(found.values()) and set.intersection(*found.values()), (o["key"], part, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("로보터치(은)", "로보터치는"),
        ("에이치투텍(은)", "에이치투텍은"),
        ("서울(으로)", "서울로"),
        ("기술 스타트업(으로)", "기술 스타트업으로"),
        ("중국(과) 한국", "중국과 한국"),
        ("AI(을)", "AI를"),
        ("샘플(PoC)(을)", "샘플(PoC)을"),
    ],
)
def test_korean_particles(text: str, expected: str) -> None:
    assert josa(text) == expected


def test_money_per_language() -> None:
    assert money("ko", "KR", 120_000) == "1,200억 원"
    assert money("en", "KR", 120_000) == "KRW 120 billion"
    assert money("zh", "CN", 2_000) == "20亿元人民币"
    assert money("ko", "CN", 20) == "2,000만 위안"
    assert money("en", "CN", 50) == "RMB 50 million"
