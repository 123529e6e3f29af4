"""Cities of Korea and China with their names in ko / zh / en and coordinates, for the events map."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class City:
    key: str
    country: str
    ko: str
    zh: str
    en: str
    lon: float
    lat: float
    other: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return {"ko": self.ko, "zh": self.zh}.get(lang, self.en)


CITIES: tuple[City, ...] = (
    City("seoul", "KR", "서울", "首尔", "Seoul", 126.98, 37.57, ("서울시", "서울특별시")),
    City("busan", "KR", "부산", "釜山", "Busan", 129.08, 35.18),
    City("incheon", "KR", "인천", "仁川", "Incheon", 126.71, 37.46, ("송도",)),
    City("suwon", "KR", "수원", "水原", "Suwon", 127.03, 37.26),
    City("seongnam", "KR", "성남", "城南", "Seongnam", 127.13, 37.42, ("판교", "板桥", "Pangyo")),
    City("daejeon", "KR", "대전", "大田", "Daejeon", 127.38, 36.35, ("대덕",)),
    City("daegu", "KR", "대구", "大邱", "Daegu", 128.60, 35.87),
    City("gwangju", "KR", "광주", "光州", "Gwangju", 126.85, 35.16),
    City("ulsan", "KR", "울산", "蔚山", "Ulsan", 129.31, 35.54),
    City("sejong", "KR", "세종", "世宗", "Sejong", 127.29, 36.48),
    City("changwon", "KR", "창원", "昌原", "Changwon", 128.68, 35.23),
    City("jeju", "KR", "제주", "济州", "Jeju", 126.53, 33.50),
    City(
        "beijing",
        "CN",
        "베이징",
        "北京",
        "Beijing",
        116.40,
        39.90,
        ("북경", "중관촌", "中关村", "Zhongguancun", "이좡", "亦庄"),
    ),
    City(
        "shanghai",
        "CN",
        "상하이",
        "上海",
        "Shanghai",
        121.47,
        31.23,
        ("상해", "푸둥", "浦东", "Pudong", "장강", "张江"),
    ),
    City("shenzhen", "CN", "선전", "深圳", "Shenzhen", 114.06, 22.54, ("심천",)),
    City("guangzhou", "CN", "광저우", "广州", "Guangzhou", 113.26, 23.13),
    City("hangzhou", "CN", "항저우", "杭州", "Hangzhou", 120.16, 30.27),
    City("suzhou", "CN", "쑤저우", "苏州", "Suzhou", 120.59, 31.30, ("소주",)),
    City("nanjing", "CN", "난징", "南京", "Nanjing", 118.80, 32.06),
    City("tianjin", "CN", "톈진", "天津", "Tianjin", 117.20, 39.13, ("천진",)),
    City("qingdao", "CN", "칭다오", "青岛", "Qingdao", 120.38, 36.07),
    City("yantai", "CN", "옌타이", "烟台", "Yantai", 121.45, 37.46),
    City("weihai", "CN", "웨이하이", "威海", "Weihai", 122.12, 37.51),
    City("dalian", "CN", "다롄", "大连", "Dalian", 121.61, 38.91),
    City("shenyang", "CN", "선양", "沈阳", "Shenyang", 123.43, 41.80),
    City("changchun", "CN", "창춘", "长春", "Changchun", 125.32, 43.82),
    City("harbin", "CN", "하얼빈", "哈尔滨", "Harbin", 126.53, 45.80),
    City("wuhan", "CN", "우한", "武汉", "Wuhan", 114.31, 30.59),
    City("chengdu", "CN", "청두", "成都", "Chengdu", 104.07, 30.57),
    City("chongqing", "CN", "충칭", "重庆", "Chongqing", 106.55, 29.56),
    City("xian", "CN", "시안", "西安", "Xi'an", 108.94, 34.34),
    City("hefei", "CN", "허페이", "合肥", "Hefei", 117.23, 31.82),
    City("xiamen", "CN", "샤먼", "厦门", "Xiamen", 118.09, 24.48),
    City("changzhou", "CN", "창저우", "常州", "Changzhou", 119.97, 31.81),
    City("foshan", "CN", "포산", "佛山", "Foshan", 113.12, 23.02),
    City("dongguan", "CN", "둥관", "东莞", "Dongguan", 113.75, 23.02),
    City("hongkong", "CN", "홍콩", "香港", "Hong Kong", 114.17, 22.32),
)
BY_KEY = {c.key: c for c in CITIES}
_NAMES = sorted(
    ((n.casefold(), c) for c in CITIES for n in (c.ko, c.zh, c.en, *c.other)),
    key=lambda p: -len(p[0]),
)


def city_of(*places: str | None) -> str | None:
    """The key of the first city named in `places` ("베이징 중관촌" → beijing), or None."""
    for place in places:
        if not place:
            continue
        low = place.casefold()
        for name, city in _NAMES:
            if name in low:
                return city.key
    return None


def last_city(text: str | None) -> str | None:
    """The key of the city named last in `text` (where a sentence says the event happened), or None."""
    if not text:
        return None
    low = text.casefold()
    best: tuple[int, str] | None = None
    for name, city in _NAMES:
        at = low.rfind(name)
        if at >= 0 and (best is None or at + len(name) > best[0]):
            best = (at + len(name), city.key)
    return best[1] if best else None
