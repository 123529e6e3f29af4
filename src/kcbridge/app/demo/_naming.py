"""Unique invented names for organisations, in every language, composed from plausible morphemes."""

from __future__ import annotations

import random
from types import SimpleNamespace

from kcbridge.directory import places
from kcbridge.directory.taxonomy import label

from . import source
from ._text import slug


def _kr(t: dict[str, str]) -> tuple[str, str, str]:
    return t["ko"], t["en"], t["zh"]


def _cn(t: dict[str, str]) -> tuple[str, str, str]:
    return t["zh"], t["en"], t["ko"]


@source.derived
def parts() -> SimpleNamespace:
    """Name parts from data/names.toml and data/sectors.toml, as tuples: Korean brands (ko, en, zh),
    Chinese brands and industries (zh, pinyin or en, ko)."""
    names, sectors = source.read("names.toml"), source.read("sectors.toml")
    return SimpleNamespace(
        KR_PREFIXES={s: [_kr(t) for t in r["kr_brand_prefixes"]] for s, r in sectors.items()},
        KR_SECTOR_SUFFIXES={
            s: [_kr(t) for t in r["kr_brand_suffixes"]]
            for s, r in sectors.items()
            if "kr_brand_suffixes" in r
        },
        CN_INDUSTRIES={s: [_cn(t) for t in r["cn_industries"]] for s, r in sectors.items()},
        KR_GENERIC_PREFIXES=[_kr(t) for t in names["kr_brand_prefixes"]],
        KR_SUFFIXES=[_kr(t) for t in names["kr_brand_suffixes"]],
        KR_WORDS=[_kr(t) for t in names["kr_words"]],
        CN_BRANDS=[_cn(t) for t in names["cn_brands"]],
        CN_BRAND_FIRST=[_cn(t) for t in names["cn_brand_first"]],
        CN_BRAND_SECOND=[_cn(t) for t in names["cn_brand_second"]],
        CN_BRAND_AVOID=frozenset(names["cn_brand_avoid"]),
    )


def _city(city: str) -> tuple[str, str]:
    """(Korean, Chinese) name of a demo city; every city the generator picks is in the gazetteer."""
    place = places.find(city)
    if place is None:
        raise source.DemoDataError(f"the city {city!r} is not in the gazetteer (directory/data/places.toml)")
    return place.ko, place.zh


class Namer:
    """Hands out names that no organisation of the same country already uses, in any language."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.domains: set[str] = set()
        P = self.parts = parts()
        self.names: dict[str, set[str]] = {"KR": set(), "CN": set()}
        curated = list(P.CN_BRANDS)
        rng.shuffle(curated)
        composed = [
            (f[0] + s[0], f[1] + s[1], f[2] + s[2])
            for f in P.CN_BRAND_FIRST
            for s in P.CN_BRAND_SECOND
            if f[0] + s[0] not in P.CN_BRAND_AVOID
        ]
        rng.shuffle(composed)
        firsts: dict[str, tuple[str, str, str]] = {}
        for b in curated + composed:  # the first brand of each name
            firsts.setdefault(b[0], b)
        self.cn_brands = list(firsts.values())
        self.cn_brand_used: set[str] = set()

    def register(self, org: dict) -> None:
        self.names[org["country"]].update(org["names"].values())
        if org.get("website"):
            self.domains.add(org["website"].removeprefix("https://www."))
        if org["country"] == "CN":
            zh = org["names"].get("zh", "")
            self.cn_brand_used.update(b[0] for b in self.cn_brands if b[0] in zh)

    def _free(self, country: str, names: dict[str, str], domain: str | None = None) -> bool:
        if any(n in self.names[country] for n in names.values()):
            return False
        return domain is None or domain not in self.domains

    def _cn_brand(self) -> tuple[str, str, str]:
        """The next unused Chinese brand; brands repeat only once all have been used."""
        fresh = [b for b in self.cn_brands if b[0] not in self.cn_brand_used]
        brand = fresh[0] if fresh else self.rng.choice(self.cn_brands)
        self.cn_brand_used.add(brand[0])
        return brand

    def unique_domain(self, base: str) -> str:
        domain = f"{base}.example"
        while domain in self.domains:
            domain = f"{base}-{self.rng.randint(2, 99)}.example"
        return domain

    def company(self, country: str, sector: str, city: str, size: str) -> tuple[dict, str, dict]:
        """(names, domain, brand per language) for a new company."""
        rng, P = self.rng, self.parts
        for _ in range(500):
            if country == "KR":
                p = (
                    rng.choice(P.KR_PREFIXES[sector])
                    if rng.random() < 0.6
                    else rng.choice(P.KR_GENERIC_PREFIXES)
                )
                own = P.KR_SECTOR_SUFFIXES.get(sector)
                s = rng.choice(own) if own and rng.random() < 0.45 else rng.choice(P.KR_SUFFIXES)
                if p[0].endswith(s[0]) or s[0].startswith(p[0]):
                    continue
                brand = {"ko": p[0] + s[0], "en": p[1] + s[1], "zh": p[2] + s[2]}
                ko = rng.choice(
                    ["㈜{}", "㈜{}", "{} 주식회사", "주식회사 {}", "{}"] if size != "large" else ["{}㈜"]
                )
                en = rng.choice(
                    ["{} Inc.", "{} Co., Ltd.", "{} Corp."] if size != "large" else ["{} Corporation"]
                )
                names = {
                    "ko": ko.format(brand["ko"]),
                    "en": en.format(brand["en"]),
                    "zh": f"{brand['zh']}株式会社",
                }
                if any(brand["ko"] in n for n in self.names["KR"]):
                    continue
                domain = f"{brand['en'].lower()}.example"
            else:
                zh_b, py, ko_b = self._cn_brand()
                ind_zh, ind_en, ind_ko = rng.choice(P.CN_INDUSTRIES[sector])
                city_zh = _city(city)[1]
                form = rng.random()
                if size == "large" and form < 0.7 or form < 0.2:
                    zh, en = f"{zh_b}{ind_zh}股份有限公司", f"{py} {ind_en} Co., Ltd."
                elif form < 0.85:
                    zh, en = f"{city_zh}{zh_b}{ind_zh}有限公司", f"{city} {py} {ind_en} Co., Ltd."
                else:
                    zh, en = f"{zh_b}（{city_zh}）{ind_zh}有限公司", f"{py} ({city}) {ind_en} Co., Ltd."
                brand = {"zh": zh_b, "en": py, "ko": ko_b}
                names = {"zh": zh, "en": en, "ko": f"{ko_b}{ind_ko}"}
                domain = f"{py.lower()}-{slug(ind_en).split('-')[0]}.example"
                if domain in self.domains:
                    domain = f"{py.lower()}-{slug(ind_en).split('-')[0]}-{slug(city)}.example"
            if self._free(country, names, domain):
                return names, domain, brand
        raise RuntimeError("could not compose a unique company name")  # pragma: no cover

    def institution(self, org_type: str, country: str, sector: str, city: str) -> tuple[dict, dict]:
        rng, P = self.rng, self.parts
        city_ko, city_zh = _city(city)
        sec = {lang: label(sector, lang) for lang in ("ko", "zh", "en")}
        sec_en = " ".join(
            w if w == "and" else w[:1].upper() + w[1:] for w in sec["en"].replace("/", "and").split()
        )
        for _ in range(500):
            if country == "KR":
                # universities, institutes and parks take pure-Korean words; firms may take brand prefixes
                formal = org_type in ("university", "research_institute", "economic_zone")
                w = rng.choice(P.KR_WORDS if formal else P.KR_WORDS + P.KR_GENERIC_PREFIXES)
                brand = {"ko": w[0], "en": w[1], "zh": w[2]}
                options = {
                    "investor": [(f"{w[0]}{s0}", f"{w[1]} {s1}", f"{w[2]}{s2}") for s0, s1, s2 in (
                        ("벤처스", "Ventures", "创投"), ("인베스트먼트", "Investment", "投资"),
                        ("파트너스", "Partners", "合伙"), ("캐피탈", "Capital", "资本"))],
                    "incubator": [(f"{w[0]} {s0}", f"{w[1]} {s1}", f"{w[2]}{s2}") for s0, s1, s2 in (
                        ("액셀러레이터", "Accelerator", "加速器"), ("스페이스", "Space", "创业空间"),
                        ("창업캠퍼스", "Startup Campus", "创业园"))],
                    "support_agency": [(f"{w[0]}{s0}", f"{w[1]} {s1}", f"{w[2]}{s2}") for s0, s1, s2 in (
                        ("중국진출지원센터", "China Business Center", "中国业务支援中心"),
                        ("글로벌컨설팅", "Global Consulting", "国际咨询"),
                        (" 한중비즈니스데스크", "Korea-China Business Desk", "中韩商务服务中心"))],
                    "university": [
                        (f"{w[0]}과학기술대학교", f"{w[1]} University of Science and Technology", f"{w[2]}科技大学"),
                        (f"{w[0]}대학교", f"{w[1]} University", f"{w[2]}大学"),
                    ],
                    "research_institute": [
                        (f"{w[0]} {sec['ko']}연구소", f"{w[1]} Institute of {sec_en}", f"{w[2]}{sec['zh']}研究所"),
                    ],
                    "association": [
                        (f"한중{sec['ko']}산업교류회", f"Korea-China {sec_en} Exchange Council",
                         f"韩中{sec['zh']}产业交流会"),
                        (f"{city_ko}{sec['ko']}기업협의회", f"{city} {sec_en} Business Council",
                         f"{city_zh}{sec['zh']}企业协议会"),
                    ],
                    "economic_zone": [
                        (f"{city_ko} {w[0]} 첨단산업단지", f"{city} {w[1]} Advanced Industrial Complex",
                         f"{city_zh}{w[2]}尖端产业园区"),
                    ],
                }  # fmt: skip
            else:
                zh_b, py, ko_b = self._cn_brand()
                brand = {"zh": zh_b, "en": py, "ko": ko_b}
                options = {
                    "investor": [(f"{ko_b}{s0}", f"{py} {s1}", f"{zh_b}{s2}") for s0, s1, s2 in (
                        ("캐피탈", "Capital", "资本"), ("벤처스", "Ventures", "创投"),
                        ("인베스트먼트", "Investment", "投资"))],
                    "incubator": [(f"{city_ko} {ko_b} {s0}", f"{city} {py} {s1}", f"{city_zh}{zh_b}{s2}")
                                  for s0, s1, s2 in (("메이커스페이스", "Maker Space", "众创空间"),
                                                     ("인큐베이터", "Incubator", "孵化器"),
                                                     ("혁신센터", "Innovation Hub", "科创中心"))],
                    "support_agency": [(f"{city_ko} {ko_b}{s0}", f"{city} {py} {s1}", f"{city_zh}{zh_b}{s2}")
                                       for s0, s1, s2 in (
                        ("한중기업서비스센터", "Korea-China Business Service Centre", "中韩企业服务中心"),
                        ("국제비즈니스컨설팅", "International Business Consulting", "国际商务咨询有限公司"))],
                    "university": [(f"{city_ko} {ko_b}이공대학", f"{city} {py} Institute of Technology",
                                    f"{city_zh}{zh_b}理工学院")],
                    "research_institute": [(f"{city_ko} {ko_b}{sec['ko']}연구원",
                                            f"{city} {py} Research Institute of {sec_en}",
                                            f"{city_zh}{zh_b}{sec['zh']}研究院")],
                    "association": [
                        (f"{city_ko} {sec['ko']} 산업연맹", f"{city} {sec_en} Industry Alliance",
                         f"{city_zh}{sec['zh']}产业联盟"),
                        (f"중한 {sec['ko']} 협력촉진회", f"China-Korea {sec_en} Cooperation Council",
                         f"中韩{sec['zh']}合作促进会"),
                    ],
                    "economic_zone": [(f"{city_ko} {ko_b} 과학혁신단지", f"{city} {py} Science and Innovation Park",
                                       f"{city_zh}{zh_b}科创园")],
                }  # fmt: skip
            ko, en, zh = rng.choice(options[org_type])
            names = {"ko": ko, "en": en, "zh": zh}
            if self._free(country, names):
                return names, brand
        raise RuntimeError("could not compose a unique institution name")  # pragma: no cover
