"""The demo directory: real institutions of the field plus a seeded set of invented organisations.

`demo_organisations()` returns plain dicts (no database code); the loader inserts them. The same
seed always gives the same data. Texts come from data/sectors.toml (what firms of a sector make, offer and
seek) and data/frames.toml (sentence frames), names from data/names.toml; invented organisations use
.example domains (RFC 2606) for their websites and e-mails; real institutions carry no contact people.
"""

from __future__ import annotations

import random
from types import SimpleNamespace
from typing import Any

from kcbridge.directory.taxonomy import SECTORS

from . import source
from ._naming import Namer
from ._people import make_people
from ._real import build_anchors, build_real, real_keys
from ._text import city_name, join_list, josa, money, num, round2, sector_list, slug

__all__ = ["STORY_KEYS", "demo_organisations", "real_keys"]

# Stable keys of the hand-written organisations the acceptance stories use.
STORY_KEYS = {
    "robot_hand_startup": "kr-seoul-humanoid-robots-001",
    "pangyo_cloud_msp": "kr-seongnam-pangyo-cloud-001",
    "pangyo_office_software": "kr-seongnam-pangyo-cloud-002",
    "pangyo_ai_vision_security": "kr-seongnam-pangyo-ai-001",
    "beijing_humanoid_body": "cn-beijing-humanoid-robots-001",
    "harmonic_reducers": "cn-suzhou-robot-components-001",
    "tactile_sensors": "cn-shenzhen-robot-components-001",
    "servo_motors": "cn-changzhou-robot-components-001",
    "foundation_model": "cn-beijing-ai-001",
    "smartphone_maker": "cn-shenzhen-iot-5g-001",
    "soft_landing_incubator": "cn-beijing-incubator-001",
    "kic_china": "kr-beijing-kic-china",
    "gyeonggi": "kr-suwon-gyeonggi-province",
    "alibaba_cloud": "cn-hangzhou-alibaba-cloud",
}
SECTOR_CODES = [t.code for t in SECTORS]

TYPE_SHARE = {
    "company": 0.62,
    "investor": 0.09,
    "incubator": 0.08,
    "support_agency": 0.07,
    "research_institute": 0.05,
    "association": 0.04,
    "university": 0.03,
    "economic_zone": 0.02,
}
# Sectors the field talks about most get extra companies.
FOCUS = ["ai", "robotics", "humanoid_robots", "robot_components", "cloud", "semiconductors", "hydrogen",
         "bio_healthcare", "batteries_mobility", "big_data", "cosmetics_consumer", "content_media"]  # fmt: skip
KR_ONLY_PRODUCTS = {("cosmetics_consumer", 0)}  # K-beauty brands are Korean
INSTITUTION_YEARS = {
    "investor": (1995, 2021),
    "incubator": (2010, 2022),
    "support_agency": (2005, 2021),
    "university": (1950, 2005),
    "research_institute": (1976, 2015),
    "association": (1995, 2020),
    "economic_zone": (1992, 2018),
}
OTHER_CITIES = {
    "KR": ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Suzhou", "Qingdao", "Tianjin", "Guangzhou"],
    "CN": ["Seoul", "Seongnam (Pangyo)", "Incheon", "Busan", "Daejeon", "Suwon"],
}
# Where organisations of a country sit, as weights (gazetteer keys).
CITY_WEIGHTS = {
    "KR": {"Seoul": 30, "Seongnam (Pangyo)": 14, "Suwon": 5, "Incheon": 5, "Busan": 5, "Daejeon": 6, "Gwangju": 3,
           "Daegu": 1, "Ulsan": 1, "Changwon": 1, "Cheongju": 1, "Pohang": 1, "Hwaseong": 1, "Goyang": 1,
           "Anyang": 1, "Sejong": 1, "Jeonju": 1, "Jeju": 1, "Pyeongtaek": 1, "Paju": 1, "Wonju": 1, "Ansan": 1,
           "Gumi": 1, "Yeosu": 1, "Sacheon": 1},
    "CN": {"Beijing": 18, "Shanghai": 16, "Shenzhen": 13, "Hangzhou": 7, "Suzhou": 5, "Guangzhou": 4, "Tianjin": 3,
           "Chengdu": 2, "Wuhan": 2, "Hefei": 2, "Qingdao": 2, "Yantai": 2, "Shenyang": 2, "Dalian": 2,
           "Nanjing": 2, "Xi'an": 2, "Changzhou": 2, "Dongguan": 2, "Ningbo": 2, "Weihai": 2, "Changsha": 2,
           "Xiamen": 2, "Foshan": 2, "Wuxi": 2, "Guiyang": 2, "Yiwu": 2, "Weifang": 2, "Yanji": 2},
}  # fmt: skip


def in_lang(value: Any, lang: str) -> Any:
    """`value` with every text (a {ko, zh, en} table) replaced by its version in `lang`."""
    if source.is_text(value):
        return value[lang]
    if isinstance(value, dict):
        return {k: in_lang(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [in_lang(v, lang) for v in value]
    return value


@source.derived
def sector_data() -> dict[str, dict[str, Any]]:
    """data/sectors.toml: one record per sector code."""
    return source.read("sectors.toml")


def related(sector: str) -> list[str]:
    """Sectors that often go with `sector` (a firm's second sector, an institution's focus)."""
    return list(sector_data()[sector]["related"])


@source.derived
def fragments(lang: str) -> SimpleNamespace:
    """Everything the frames fill in, in one language: per-sector fragments and the sentence frames."""
    frames = in_lang(source.read("frames.toml"), lang)
    per_sector = {field: {s: in_lang(r[field], lang) for s, r in sector_data().items()}
                  for field in ("products", "offers", "seeks", "metric")}  # fmt: skip
    return SimpleNamespace(
        PRODUCTS=per_sector["products"],
        OFFERS=per_sector["offers"],
        SEEKS=per_sector["seeks"],
        METRICS=per_sector["metric"],
        **{k.upper(): v for k, v in frames.items()},
    )


def demo_organisations(seed: int = 7, invented: int = 320) -> list[dict]:
    """Real institutions followed by at least `invented` invented organisations, deterministic per seed."""
    rng = random.Random(seed)
    orgs = build_real()
    gen = _Generator(rng)
    anchors = build_anchors()[: max(invented, 0)]
    for org in orgs + anchors:
        gen.register(org)
    out = orgs + anchors
    for org_type, country, sector in _plan(rng, max(invented - len(anchors), 0)):
        out.append(gen.build(org_type, country, sector))
    return out


def _plan(rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    counts = {t: int(share * n) for t, share in TYPE_SHARE.items()}
    counts["company"] += n - sum(counts.values())
    plan: list[tuple[str, str, str]] = []
    for org_type, count in counts.items():
        kr = round(count * 0.55)
        countries = ["KR"] * kr + ["CN"] * (count - kr)
        rng.shuffle(countries)
        if org_type == "company":
            base = SECTOR_CODES * 4 if count >= 4 * len(SECTOR_CODES) else list(SECTOR_CODES)
            sectors = (base + [rng.choice(FOCUS) for _ in range(max(count - len(base), 0))])[:count]
        else:
            order = list(SECTOR_CODES)
            rng.shuffle(order)
            sectors = [order[i % len(order)] for i in range(count)]
        rng.shuffle(sectors)
        plan += [(org_type, c, s) for c, s in zip(countries, sectors, strict=True)]
    rng.shuffle(plan)
    return plan


class _Generator:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.namer = Namer(rng)
        self.keys: set[str] = set()

    def register(self, org: dict) -> None:
        self.keys.add(org["key"])
        self.namer.register(org)

    def _key(self, country: str, city: str, kind: str) -> str:
        n = 1
        while (key := f"{country.lower()}-{slug(city)}-{slug(kind)}-{n:03d}") in self.keys:
            n += 1
        return key

    def _pick_city(self, country: str, sector: str, clustered: bool) -> str:
        rng = self.rng
        if clustered and rng.random() < 0.7:
            return rng.choice(sector_data()[sector]["cities"][country])
        weights = CITY_WEIGHTS[country]
        return rng.choices(list(weights), weights=list(weights.values()))[0]

    def _languages(self, country: str, institution: bool) -> list[str]:
        """Languages the organisation writes in: its own, often English, sometimes the partner's."""
        rng = self.rng
        own, other = ("ko", "zh") if country == "KR" else ("zh", "ko")
        if institution:
            p_en, p_other = (0.85, 0.55) if country == "KR" else (0.65, 0.45)
        else:
            p_en, p_other = (0.75, 0.2) if country == "KR" else (0.55, 0.1)
        return [own] + (["en"] if rng.random() < p_en else []) + ([other] if rng.random() < p_other else [])

    def _names_kept(self, country: str, names: dict[str, str], langs: list[str], p_other: float) -> dict:
        own, other = ("ko", "zh") if country == "KR" else ("zh", "ko")
        keep = {own, "en", *langs} if self.rng.random() < 0.75 else {own, *langs}
        keep |= {other} if self.rng.random() < p_other else set()
        return {lang: n for lang, n in names.items() if lang in keep}

    def build(self, org_type: str, country: str, sector: str) -> dict:
        if org_type == "company":
            org = self._company(country, sector)
        else:
            org = self._institution(org_type, country, sector)
        self.register(org)
        return org

    def _context(self, country: str, city: str, other_city: str, lang: str) -> dict:
        other_country = "CN" if country == "KR" else "KR"
        F = fragments(lang)
        return {
            "city": city_name(lang, city),
            "other_city": city_name(lang, other_city),
            "country": F.COUNTRIES[country],
            "other": F.COUNTRIES[other_country],
            "other_lang": F.LANGUAGE_NAMES[other_country],
        }

    def _company(self, country: str, sector: str) -> dict:
        rng = self.rng
        size = rng.choices(["startup", "sme", "large"], weights=[50, 37, 13])[0]
        stage = {
            "startup": rng.choices(["idea", "seed", "early", "growth"], weights=[5, 25, 40, 30])[0],
            "sme": rng.choices(["early", "growth", "mature"], weights=[10, 60, 30])[0],
            "large": rng.choices(["growth", "mature"], weights=[10, 90])[0],
        }[size]
        small = stage in ("idea", "seed")
        founded = {
            "startup": rng.randint(2021, 2024) if small else rng.randint(2014, 2022),
            "sme": rng.randint(1995, 2016),
            "large": rng.randint(1975, 2008),
        }[size]
        if sector == "humanoid_robots":  # a young industry: nobody has done it for decades
            founded = max(founded, rng.randint(2015, 2020))
        city = self._pick_city(country, sector, clustered=True)
        expansion = rng.choice(sector_data()[sector]["expansions"])
        second, i_prod2 = expansion["sector"], expansion["product"]
        sectors = [sector, second]
        if rng.random() < 0.3:
            sectors.append(rng.choice([c for c in related(second) if c not in sectors] or [sector]))
        sectors = list(dict.fromkeys(sectors))
        names, domain, _ = self.namer.company(country, sector, city, size)
        langs = self._languages(country, institution=False)
        names = self._names_kept(country, names, langs, 0.25 if country == "KR" else 0.1)

        staff = {
            "startup": rng.randint(3, 12) if small else rng.randint(8, 90),
            "sme": rng.randint(40, 450),
            "large": rng.randint(1200, 25000),
        }[size]
        customers = {
            "startup": rng.randint(2, 8) if small else rng.randint(5, 60),
            "sme": rng.randint(40, 900),
            "large": rng.randint(500, 20000),
        }[size]
        patents = {"startup": rng.randint(2, 12), "sme": rng.randint(8, 90), "large": rng.randint(300, 6000)}[
            size
        ]
        mult = {"startup": 0.3 if small else 1, "sme": 4, "large": 25}[size]
        lo, hi = sector_data()[sector]["metric_range"]
        nums = {
            "staff": round2(staff) if staff > 100 else staff,
            "customers": round2(customers),
            "patents": round2(patents),
            "rd": {"startup": rng.randint(45, 85), "sme": rng.randint(18, 45), "large": rng.randint(8, 22)}[
                size
            ],
            "growth": rng.randint(12, 85),
        }
        metric_n = round2(rng.randint(lo, hi) * mult)
        # revenue and funding round in millions of the local currency
        kr = country == "KR"
        revenue = round2(
            {
                "startup": rng.randint(5, 80) * (100 if kr else 1) * (0.2 if small else 1),
                "sme": rng.randint(100, 2000) * (100 if kr else 1),
                "large": rng.randint(5000, 200000) * (100 if kr else 1),
            }[size]
        )
        series_a = round2(rng.randint(20, 150) * (100 if kr else 1))
        poc = rng.randint(2, 5)
        year2 = rng.randint(max(founded, 2019), 2025)
        i_prod = rng.choice([i for i in range(4) if country == "KR" or (sector, i) not in KR_ONLY_PRODUCTS])
        other_city = rng.choice(OTHER_CITIES[country])
        i_offers, i_seeks, i_generic = rng.sample(range(3), 2), rng.sample(range(3), 2), rng.randrange(6)
        startup_feat = size == "startup" and rng.random() < 0.5
        i_ach = rng.randrange(3 if startup_feat else 6)
        extras = rng.choice([("expansion", "achievement"), ("achievement",), ("expansion",)])
        # one frame per part, so the organisation's texts in its languages translate each other
        frames = fragments("en").COMPANY
        i_desc, i_fig = (
            rng.randrange(len(frames["desc"])),
            rng.randrange(2 if small else len(frames["figures"])),
        )
        i_offer, i_seek = rng.randrange(len(frames["offer"])), rng.randrange(len(frames["seek"]))
        texts = {}
        for lang in langs:
            F = fragments(lang)
            ctx = self._context(country, city, other_city, lang)
            ctx |= {k: num(lang, v) for k, v in nums.items()}
            ctx |= {
                "name": names[lang],
                "year": founded,
                "year2": year2,
                "size": F.SIZES[size],
                "product": F.PRODUCTS[sector][i_prod],
                "product2": F.PRODUCTS[second][i_prod2],
                "metric": F.METRICS[sector].format(n=num(lang, metric_n)),
                "poc": poc,
                "revenue": money(lang, country, revenue),
                "round": money(lang, country, series_a),
                "o1": F.OFFERS[sector][i_offers[0]],
                "o2": F.OFFERS[sector][i_offers[1]],
            }
            ctx |= {
                "s1": F.SEEKS[sector][i_seeks[0]].format(**ctx),
                "s2": F.SEEKS[sector][i_seeks[1]].format(**ctx),
                "g": F.GENERIC_SEEKS[country][i_generic].format(**ctx),
            }
            parts = [F.COMPANY["desc"][i_desc], F.COMPANY["figures"][i_fig]]
            for extra in extras:
                if extra == "expansion":
                    parts.append(F.EXPANSION)
                else:
                    parts.append((F.ACHIEVEMENTS_STARTUP if startup_feat else F.ACHIEVEMENTS)[i_ach])
            text = {
                "description": ("" if lang == "zh" else " ").join(parts).format(**ctx),
                "offer": F.COMPANY["offer"][i_offer].format(**ctx),
                "seek": F.COMPANY["seek"][i_seek].format(**ctx),
            }
            texts[lang] = {k: josa(v) for k, v in text.items()} if lang == "ko" else text
        return {
            "key": self._key(country, city, sector),
            "names": names,
            "org_type": "company",
            "size": size,
            "stage": stage,
            "country": country,
            "city": city,
            "sectors": sectors,
            "founded": founded,
            "website": f"https://www.{domain}",
            "texts": texts,
            "people": make_people(
                rng, country, "company", domain, rng.choices([1, 2, 3], weights=[30, 45, 25])[0]
            ),
        }

    def _institution(self, org_type: str, country: str, sector: str) -> dict:
        rng = self.rng
        city = self._pick_city(country, sector, clustered=org_type in ("research_institute", "economic_zone"))
        sectors = list(dict.fromkeys([sector] + rng.sample(related(sector), min(2, len(related(sector))))))
        if rng.random() < 0.4:
            sectors.append(rng.choice([c for c in SECTOR_CODES if c not in sectors]))
        names, brand = self.namer.institution(org_type, country, sector, city)
        langs = self._languages(country, institution=True)
        names = self._names_kept(country, names, ["en", *langs], 0.5)
        domain = self.namer.unique_domain(slug(names["en"])[:40].strip("-"))
        year = rng.randint(*INSTITUTION_YEARS[org_type])
        if country == "KR":  # amounts in millions of KRW
            fund = rng.choice([300, 450, 600, 800, 1200, 1500, 2000, 3200]) * 100
            ticket = rng.choice([5, 10, 20, 30, 50]) * 100
        else:  # millions of RMB
            fund = rng.choice([5, 8, 12, 20, 30, 50, 80]) * 100
            ticket = rng.choice([5, 10, 20, 30, 50])
        nums = {
            "n_funds": rng.randint(2, 12),
            "portfolio": rng.randint(20, 250),
            "area": rng.randint(3, 60) if org_type == "economic_zone" else rng.randint(8, 120) * 100,
            "alumni": rng.randint(30, 600),
            "weeks": rng.choice([12, 16, 20, 24]),
            "cohort": rng.choice([8, 10, 12, 15, 20]),
            "firms": rng.randint(40, 600) if org_type == "support_agency" else rng.randint(200, 4000),
            "staff": rng.randint(6, 60),
            "students": rng.randint(40, 300) * 100,
            "labs": rng.randint(20, 180),
            "spinoffs": rng.randint(10, 120),
            "researchers": rng.randint(80, 1500),
            "patents": rng.randint(50, 2500),
            "members": rng.randint(30, 800),
            "events": rng.randint(4, 30),
            "foreign": rng.randint(10, 150),
        }
        other_city = rng.choice(OTHER_CITIES[country])
        i_stage, i_prog = rng.randrange(3), rng.randrange(3)
        i_desc, i_offer, i_seek = rng.randrange(2), rng.randrange(2), rng.randrange(2)
        n_services = len(fragments("en").SERVICES.get(org_type, []))
        i_services = sorted(rng.sample(range(n_services), min(4, n_services)))
        texts = {}
        for lang in langs:
            F = fragments(lang)
            frames = F.INSTITUTIONS[org_type]
            progs = F.PROGRAMMES.get(org_type, ["{brand}"])
            ctx = self._context(country, city, other_city, lang) | {k: num(lang, v) for k, v in nums.items()}
            ctx |= {
                "name": names[lang],
                "year": year,
                "sectors": sector_list(lang, sectors[:3]),
                "fund": money(lang, country, fund),
                "ticket": money(lang, country, ticket),
                "stages": F.STAGES[i_stage],
                "programme": progs[i_prog % len(progs)].format(brand=brand[lang]),
            }
            services = [F.SERVICES[org_type][i].format(**ctx) for i in i_services] if i_services else []
            ctx["services"] = join_list(lang, services)
            text = {
                "description": frames["desc"][i_desc].format(**ctx),
                "offer": frames["offer"][i_offer].format(**ctx),
                "seek": frames["seek"][i_seek].format(**ctx),
            }
            texts[lang] = {k: josa(v) for k, v in text.items()} if lang == "ko" else text
        n_people = rng.choices([1, 2, 3], weights=[25, 50, 25])[0]
        return {
            "key": self._key(country, city, org_type),
            "names": names,
            "org_type": org_type,
            "size": None,
            "stage": None,
            "country": country,
            "city": city,
            "sectors": sectors,
            "founded": year,
            "website": f"https://www.{domain}",
            "texts": texts,
            "people": make_people(rng, country, org_type, domain, n_people),
        }
