"""Codes of the programme finder with their ko / zh / en labels (data, like the directory taxonomy)."""

from __future__ import annotations

from kcbridge.directory.taxonomy import Term
from kcbridge.directory.taxonomy import label as taxonomy_label

PROGRAMME_TYPES: tuple[Term, ...] = (
    Term("incubation", "인큐베이션·입주 보육", "孵化/入驻", "Incubation"),
    Term("acceleration", "액셀러레이팅", "加速营", "Acceleration"),
    Term("soft_landing", "소프트랜딩·시장 진출", "软着陆/市场进入", "Soft landing / market entry"),
    Term(
        "zone_landing",
        "경제구역 입주(사무소·법인·공장)",
        "园区落地（办事处/法人/工厂）",
        "Landing in a zone (office, legal entity, factory)",
    ),
    Term("competition", "창업 경진대회", "创业大赛", "Competition"),
    Term("training", "교육·멘토링", "培训与导师辅导", "Training & mentoring"),
    Term("funding", "자금·보조금 지원", "资金/补贴", "Funding / grant"),
    Term("exhibition", "전시회·데모데이", "展会/路演日", "Exhibition / demo day"),
)

FORMATS: tuple[Term, ...] = (
    Term("on_site", "현장", "线下", "On site"),
    Term("online", "온라인", "线上", "Online"),
    Term("hybrid", "현장·온라인 병행", "线上线下结合", "Hybrid"),
)

STATUSES: tuple[Term, ...] = (
    Term("draft", "초안", "草稿", "Draft"),
    Term("published", "게시됨", "已发布", "Published"),
    Term("closed", "마감", "已关闭", "Closed"),
)

PROGRAMME_TYPE_CODES = frozenset(t.code for t in PROGRAMME_TYPES)
FORMAT_CODES = frozenset(t.code for t in FORMATS)
STATUS_CODES = frozenset(t.code for t in STATUSES)

# What a programme of each type offers, in the matching engine's cooperation codes
# (kcbridge.matching.text.COOP_TYPES), so a firm that seeks incubation meets incubators' programmes.
TYPE_OFFERS: dict[str, tuple[str, ...]] = {
    "incubation": ("incubation",),
    "acceleration": ("incubation", "investment"),
    "soft_landing": ("incubation", "distribution"),
    "zone_landing": ("incubation",),
    "competition": ("investment", "incubation"),
    "training": ("incubation",),
    "funding": ("investment",),
    "exhibition": ("distribution",),
}

_ALL = {t.code: t for group in (PROGRAMME_TYPES, FORMATS) for t in group}
_STATUS = {t.code: t for t in STATUSES}


def label(code: str | None, lang: str) -> str:
    """Label of a programme type or format; directory codes (sectors, stages, countries) too."""
    if not code:
        return ""
    term = _ALL.get(code)
    return term.label(lang) if term else taxonomy_label(code, lang)


def status_label(code: str, lang: str) -> str:
    term = _STATUS.get(code)
    return term.label(lang) if term else code
