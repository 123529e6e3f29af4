"""Codes of the opportunity board with their ko / zh / en labels (data, like the directory taxonomy)."""

from __future__ import annotations

from kcbridge.directory.taxonomy import Term
from kcbridge.directory.taxonomy import label as taxonomy_label

OPPORTUNITY_TYPES: tuple[Term, ...] = (
    Term("business_offer", "비즈니스 제안", "商务合作提供", "Business offer"),
    Term("business_request", "비즈니스 요청", "商务合作需求", "Business request"),
    Term("technology_offer", "기술 제안", "技术提供", "Technology offer"),
    Term("technology_request", "기술 요청", "技术需求", "Technology request"),
    Term("rnd_partner", "R&D 파트너 찾기", "研发伙伴征集", "R&D partner search"),
    Term("investment_offer", "투자 제안", "投资提供", "Investment offer"),
    Term("investment_sought", "투자 유치", "寻求投资", "Investment sought"),
    Term(
        "landing_support",
        "현지 진출·입주 지원 요청",
        "落地/孵化支持需求",
        "Landing / incubation support sought",
    ),
    Term("co_production", "공동 제작·선판매", "联合制作/预售", "Co-production / pre-sales"),
)

COOP_TYPES: tuple[Term, ...] = (
    Term("licensing", "라이선싱", "技术许可", "Licensing"),
    Term("joint_rnd", "공동 R&D", "联合研发", "Joint R&D"),
    Term("distribution", "유통·시장 진출", "分销/市场进入", "Distribution / market entry"),
    Term("joint_venture", "합작 투자", "合资", "Joint venture"),
    Term("investment", "투자", "投资", "Investment"),
    Term("supply", "공급", "供应", "Supply"),
    Term("co_production", "공동 생산", "联合生产", "Co-production"),
    Term("incubation", "보육·인큐베이션", "孵化", "Incubation"),
)

STATUSES: tuple[Term, ...] = (
    Term("draft", "초안", "草稿", "Draft"),
    Term("in_review", "검토 중", "审核中", "In review"),
    Term("published", "게시됨", "已发布", "Published"),
    Term("returned", "보완 요청", "退回修改", "Returned for changes"),
    Term("rejected", "반려", "已拒绝", "Rejected"),
    Term("expired", "기한 만료", "已过期", "Expired"),
    Term("closed", "마감", "已关闭", "Closed"),
)

EOI_STATUSES: tuple[Term, ...] = (
    Term("pending", "답변 대기", "待答复", "Pending"),
    Term("accepted", "수락됨", "已接受", "Accepted"),
    Term("declined", "거절됨", "已谢绝", "Declined"),
    Term("expired", "기한 만료", "已过期", "Expired"),
)

OPPORTUNITY_TYPE_CODES = frozenset(t.code for t in OPPORTUNITY_TYPES)
COOP_TYPE_CODES = frozenset(t.code for t in COOP_TYPES)
STATUS_CODES = frozenset(t.code for t in STATUSES)

# What an opportunity of each type offers and seeks, in the matching engine's cooperation codes.
TYPE_INTENT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "business_offer": (("supply", "distribution"), ()),
    "business_request": ((), ("supply", "distribution")),
    "technology_offer": (("licensing",), ()),
    "technology_request": ((), ("licensing",)),
    "rnd_partner": ((), ("joint_rnd",)),
    "investment_offer": (("investment",), ()),
    "investment_sought": ((), ("investment",)),
    "landing_support": ((), ("incubation",)),
    "co_production": ((), ("co_production",)),
}
OFFER_TYPES = frozenset(k for k, (offer, _seek) in TYPE_INTENT.items() if offer)

_ALL = {t.code: t for group in (OPPORTUNITY_TYPES, COOP_TYPES) for t in group}
_STATUS = {t.code: t for t in STATUSES}
_EOI = {t.code: t for t in EOI_STATUSES}


def label(code: str | None, lang: str) -> str:
    """Label of an opportunity or cooperation type code; directory codes (sectors, countries) too."""
    if not code:
        return ""
    term = _ALL.get(code)
    return term.label(lang) if term else taxonomy_label(code, lang)


def status_label(code: str, lang: str) -> str:
    term = _STATUS.get(code)
    return term.label(lang) if term else code


def eoi_status_label(code: str, lang: str) -> str:
    term = _EOI.get(code)
    return term.label(lang) if term else code
