"""Real institutions and places of the Korea–China innovation field, as facts only.

Names, types, cities and sectors; descriptions are short neutral summaries written for kcbridge.
No contact people and no contact details are given for real institutions. Founding years and
websites are set only where they are well established; otherwise None.
"""

from __future__ import annotations

from typing import NamedTuple

from ._text import city_name, sector_list


class Real(NamedTuple):
    key: str
    org_type: str
    country: str
    city: str
    sectors: list[str]
    names: tuple[str, str, str]  # ko, zh, en
    desc: tuple[str, str, str]  # ko, zh, en
    founded: int | None = None
    website: str | None = None
    size: str | None = None


# A plausible association name, invented on purpose so that no real body is misquoted.
INVENTED_IN_REAL_LIST = frozenset({"kr-seoul-korea-china-st-ict-exchange-association"})

# (offer, seek) per organisation type, in ko / zh / en: the public role, stated neutrally.
_ROLE = {
    "government": (
        (
            "{sectors} 등 분야의 정책·지원사업 정보와 정부 간 교류 채널",
            "{sectors}等领域的政策与扶持项目信息，以及政府间交流渠道",
            "Information on policies and support schemes in {sectors}, and channels for government-to-government "
            "exchange",
        ),
        (
            "{sectors} 분야에서 교류·협력할 국내외 기관과 기업",
            "在{sectors}等领域开展交流合作的国内外机构和企业",
            "Institutions and companies at home and abroad interested in cooperation in {sectors}",
        ),
    ),
    "support_agency": (
        (
            "{sectors} 분야 시장 정보, 기업 상담, 파트너 연결, 행사·전시 참가 지원",
            "{sectors}等领域的市场信息、企业咨询、合作伙伴对接以及展会活动支持",
            "Market information on {sectors}, company consultations, partner introductions and support for events",
        ),
        (
            "해외 진출 또는 상호 협력을 준비하는 {sectors} 기업",
            "正在筹备海外拓展或双边合作的{sectors}企业",
            "Companies in {sectors} preparing to expand abroad or to cooperate across borders",
        ),
    ),
    "economic_zone": (
        (
            "{sectors} 기업을 위한 입주 공간, 투자 유치 상담, 입주 지원 서비스",
            "面向{sectors}企业的入驻空间、招商咨询和落地服务",
            "Space for {sectors} companies, investment-promotion advice and services for companies settling in",
        ),
        (
            "{city} 입주를 검토하는 국내외 {sectors} 기업",
            "考虑落户{city}的国内外{sectors}企业",
            "Domestic and foreign {sectors} companies considering a location in {city}",
        ),
    ),
    "research_institute": (
        (
            "{sectors} 분야 공동연구, 기술이전, 연구 인프라 활용 협력",
            "{sectors}等领域的联合研究、技术转移和科研设施合作",
            "Joint research in {sectors}, technology transfer and cooperation on research infrastructure",
        ),
        (
            "{sectors} 연구성과를 함께 사업화할 기업과 공동연구 기관",
            "共同推动{sectors}成果转化的企业和联合研究机构",
            "Companies and research partners to commercialise results in {sectors} together",
        ),
    ),
    "university": (
        (
            "{sectors} 분야 공동연구, 기술이전, 인재 교류, 창업 교육",
            "{sectors}等领域的联合研究、技术转移、人才交流和创业教育",
            "Joint research in {sectors}, technology transfer, talent exchange and entrepreneurship education",
        ),
        (
            "{sectors} 분야 산학협력 기업과 해외 교류 대학",
            "{sectors}领域的产学合作企业和海外交流高校",
            "Industry partners in {sectors} and partner universities abroad",
        ),
    ),
    "company": (
        (
            "{sectors} 분야 제품·플랫폼과 공식 채널로 공개되는 파트너 프로그램",
            "{sectors}领域的产品与平台，以及通过官方渠道发布的合作伙伴计划",
            "Products and platforms in {sectors}, and partner programmes published through its official channels",
        ),
        (
            "공식 파트너 프로그램을 통한 {sectors} 분야 협력사",
            "通过官方合作伙伴计划在{sectors}领域开展合作的企业",
            "Partners in {sectors} through its official partner programmes",
        ),
    ),
    "investor": (
        (
            "벤처펀드 출자와 투자 생태계 지원",
            "对创投基金出资和投资生态支持",
            "Commitments to venture funds and support for the investment ecosystem",
        ),
        (
            "투자 생태계를 함께 만들 운용사와 기관",
            "共建投资生态的基金管理人和机构",
            "Fund managers and institutions to build the investment ecosystem with",
        ),
    ),
    "incubator": (
        (
            "{city}의 창업 공간, 보육 프로그램, 투자·파트너 연결",
            "{city}的创业空间、孵化项目和投融资与合作对接",
            "Startup space in {city}, incubation programmes and introductions to investors and partners",
        ),
        (
            "입주·참가를 희망하는 {sectors} 스타트업",
            "希望入驻或参加项目的{sectors}初创企业",
            "Startups in {sectors} wishing to join its space or programmes",
        ),
    ),
    "association": (
        (
            "{sectors} 등 분야의 회원 교류, 정보 제공, 정책 건의, 행사 개최",
            "{sectors}等领域的会员交流、信息服务、政策建议和活动组织",
            "Member networking, information on {sectors}, policy advocacy and events",
        ),
        (
            "{sectors} 분야 회원사와 협력 단체",
            "{sectors}领域的会员企业和合作团体",
            "Member companies and partner organisations in {sectors}",
        ),
    ),
}


def _slots(r: Real, lang: str) -> dict[str, str]:
    return {"sectors": sector_list(lang, r.sectors[:3]), "city": city_name(lang, r.city)}


def build_real(entries: list[Real]) -> list[dict]:
    """The real institutions (and the one invented association among them), as fresh dicts."""
    out = []
    for r in entries:
        offer, seek = _ROLE[r.org_type]
        company = r.org_type == "company"
        out.append(
            {
                "key": r.key,
                "names": dict(zip(("ko", "zh", "en"), r.names, strict=True)),
                "org_type": r.org_type,
                "size": (r.size or "large") if company else None,
                "stage": "mature" if company else None,
                "country": r.country,
                "city": r.city,
                "sectors": list(r.sectors),
                "founded": r.founded,
                "website": r.website,
                "texts": {
                    lang: {
                        "description": r.desc[i],
                        "offer": offer[i].format(**_slots(r, lang)),
                        "seek": seek[i].format(**_slots(r, lang)),
                    }
                    for i, lang in enumerate(("ko", "zh", "en"))
                },
                "people": [],
            }
        )
    return out
