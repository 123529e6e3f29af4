"""The gazetteer: cities and provinces of Korea and China shown in the reader's language wherever the directory
and programmes show a place; unknown places as stored; a broken gazetteer file names its record and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from kcbridge.directory import places
from kcbridge.kit import i18n
from kcbridge.programmes.eligibility import Check
from kcbridge.programmes.finder import reason
from kcbridge.programmes.schemas import ProgrammeIn
from kcbridge.programmes.service import programme_service

# First-level divisions: Korea's 17, mainland China's 31, Hong Kong and Macau (by their stored English names).
KR_FIRST_LEVEL = {"Seoul", "Busan", "Incheon", "Daegu", "Daejeon", "Gwangju", "Ulsan", "Sejong", "Gyeonggi",
                  "Gangwon", "North Chungcheong", "South Chungcheong", "North Jeolla", "South Jeolla",
                  "North Gyeongsang", "South Gyeongsang", "Jeju Province"}  # fmt: skip
CN_FIRST_LEVEL = {"Beijing", "Shanghai", "Tianjin", "Chongqing", "Hebei", "Shanxi", "Liaoning", "Jilin Province",
                  "Heilongjiang", "Jiangsu", "Zhejiang", "Anhui", "Fujian", "Jiangxi", "Shandong", "Henan", "Hubei",
                  "Hunan", "Guangdong", "Hainan", "Sichuan", "Guizhou", "Yunnan", "Shaanxi", "Gansu", "Qinghai",
                  "Inner Mongolia", "Guangxi", "Tibet", "Ningxia", "Xinjiang", "Hong Kong", "Macau"}  # fmt: skip


@pytest.mark.parametrize(
    ("stored", "ko", "zh", "en"),
    [
        ("Seoul", "서울", "首尔", "Seoul"),
        ("Shanghai", "상하이", "上海", "Shanghai"),
        ("Suzhou", "쑤저우", "苏州", "Suzhou"),
        ("Seongnam (Pangyo)", "성남 판교", "城南板桥", "Seongnam (Pangyo)"),
        ("  beijing ", "베이징", "北京", "Beijing"),  # as typed
        ("판교", "성남 판교", "城南板桥", "Seongnam (Pangyo)"),  # any language or spelling
        ("Gyeonggi-do", "경기도", "京畿道", "Gyeonggi"),
    ],
)
def test_a_place_reads_in_every_language(stored: str, ko: str, zh: str, en: str) -> None:
    assert (places.name(stored, "ko"), places.name(stored, "zh"), places.name(stored, "en")) == (ko, zh, en)


def test_unknown_places_are_shown_as_stored() -> None:
    assert places.find("Atlantis") is None
    assert (
        places.name("Atlantis", "zh") == "Atlantis"
        and places.name("", "ko") == ""
        and places.name(None, "ko") == ""
    )


def test_every_first_level_division_of_both_countries_is_there() -> None:
    known = {p.en: p for p in places.places()}
    assert KR_FIRST_LEVEL <= set(known) and CN_FIRST_LEVEL <= set(known)
    assert {known[n].country for n in KR_FIRST_LEVEL} == {"KR"} and {
        known[n].country for n in CN_FIRST_LEVEL
    } == {"CN"}
    assert len(known) >= 150


def test_a_broken_gazetteer_names_the_record_and_the_field(tmp_path: Path) -> None:
    path = tmp_path / "places.toml"
    path.write_text(
        'place = [\n  { en = "Seoul", ko = "서울", country = "KR", kind = "city" },\n]\n', encoding="utf-8"
    )
    with pytest.raises(
        places.GazetteerError, match=r"^places\.toml: place\[0\] \(Seoul\): field 'zh' is missing"
    ):
        places.parse(path)
    path.write_text(
        'place = [\n  { en = "Jilin", ko = "지린", zh = "吉林", country = "CN", kind = "city" },\n'
        '  { en = "Jilin Province", ko = "지린성", zh = "吉林省", country = "CN", kind = "province", aliases = ["Jilin"] },\n]\n',
        encoding="utf-8",
    )
    with pytest.raises(
        places.GazetteerError, match=r"place\[1\] \(Jilin Province\): 'jilin' also names 'Jilin'"
    ):
        places.parse(path)


def test_directory_pages_show_the_city_in_the_readers_language(client, make_org):
    org = make_org(name_ko="로보터치", country="KR", city="Seoul")
    lost = make_org(name_ko="아틀란티스 랩", country="KR", city="Atlantis")
    for path in ("/organisations", f"/organisations/{org.id}"):
        zh = client.get(path, params={"lang": "zh"}).text
        assert "首尔" in zh and "· Seoul" not in zh and "<dd>Seoul</dd>" not in zh
        assert "서울" in client.get(path, params={"lang": "ko"}).text
    assert "Atlantis" in client.get(f"/organisations/{lost.id}", params={"lang": "zh"}).text


def test_programme_pages_and_reasons_show_the_city_in_the_readers_language(client, db, make_user, make_org):
    owner = make_user()
    centre = make_org(owner=owner, name_zh="人形机器人创新中心", org_type="research_institute", country="CN")
    data = {"organisation_id": centre.id, "prog_type": "incubation", "country": "CN", "city": "Suzhou",
            "status": "published", "texts": {"zh": {"title": "孵化计划", "description": "工位与辅导。"}}}  # fmt: skip
    prog = programme_service.create(db, user=owner, data=ProgrammeIn.model_validate(data))
    db.commit()
    for path in ("/programmes", f"/programmes/{prog.id}"):
        ko = client.get(path, params={"lang": "ko"}).text
        assert "쑤저우" in ko and "· Suzhou" not in ko
    check = Check("location", False, "other", wanted=("CN", "Beijing"), have=("KR", "Seoul"))
    said = {}
    try:
        for locale, lang in (("en", "en"), ("ko", "ko"), ("zh_Hans", "zh")):
            i18n.set_locale(locale)
            said[lang] = reason(check, lang)
    finally:
        i18n.set_locale("en")
    assert said == {
        "en": "Runs in Beijing, China, not in Seoul, Korea.",
        "ko": said["ko"],  # the particle after a place is the catalog's business
        "zh": "在中国北京举办，而非韩国首尔。",
    }
    assert "중국 베이징" in said["ko"] and "한국 서울" in said["ko"]
