"""Demo opportunities for the demo organisations, with their vectors, so matching works on first start.

Story 3 is written by hand (the Seoul robot-hand startup's Korean request, the Chinese component
makers' offers in Chinese); the rest are drawn from the demo organisations' own offer and seek texts.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from kcbridge.directory import taxonomy as tx
from kcbridge.directory.models import Organisation
from kcbridge.kit.audit import Actor, audit_service
from kcbridge.kit.db import utcnow
from kcbridge.matching.text import infer_intent
from kcbridge.matchmaking.embedding import embed_missing
from kcbridge.opportunities.models import (
    ExpressionOfInterest,
    Opportunity,
    OpportunitySector,
    OpportunityText,
)

TARGET = 40

STORY: list[dict[str, Any]] = [
    {
        "org": "RoboTouch Inc.",
        "type": "co_production",
        "coop": ["co_production", "joint_rnd"],
        "sectors": ["humanoid_robots", "robot_components"],
        "stage": "early",
        "target": "CN",
        "partner": "company",
        "days": 120,
        "texts": {
            "ko": (
                "휴머노이드 로봇 핸드 중국 제조 파트너 및 실증 현장 모집",
                "㈜로보터치는 전자피부(e-skin) 촉각센서를 적용한 22자유도 휴머노이드 로봇 핸드를 만듭니다. "
                "월 500대 이상 양산할 수 있는 중국의 제조(위탁 생산) 파트너와, 자동차·전자 조립 라인에서 "
                "6개월간 로봇 핸드를 실증할 파일럿 사이트를 찾고 있습니다. 촉각센서 공동 개발도 환영합니다.",
            ),
            "en": (
                "Chinese manufacturing partner and pilot site for humanoid robot hands",
                "RoboTouch builds 22-DoF humanoid robot hands with its own electronic-skin tactile sensors. We seek "
                "a Chinese contract manufacturer able to produce 500+ hands a month, and a pilot site on an "
                "automotive or electronics assembly line for a six-month trial.",
            ),
        },
    },
    {
        "org": "RoboTouch Inc.",
        "type": "landing_support",
        "coop": ["incubation"],
        "sectors": ["humanoid_robots", "robotics"],
        "stage": "early",
        "target": "CN",
        "partner": "incubator",
        "days": 90,
        "texts": {
            "ko": (
                "베이징·선전 인큐베이션 프로그램 입주 희망",
                "중국 현지 법인 설립 전 단계로, 베이징 또는 선전의 로봇 분야 인큐베이터에 입주해 사무 공간과 "
                "제조기업 연결, 법인 설립 지원을 받고자 합니다.",
            ),
        },
    },
    {
        "org": "深圳灵巧智能科技有限公司",
        "type": "technology_offer",
        "coop": ["supply", "joint_rnd", "licensing"],
        "sectors": ["robot_components", "humanoid_robots"],
        "stage": "early",
        "target": "KR",
        "partner": "company",
        "days": 150,
        "texts": {
            "zh": (
                "柔性电子皮肤触觉传感器：面向灵巧手的定制与联合开发",
                "我们提供柔性触觉传感器阵列（电子皮肤）、信号采集板和标定软件，可按客户的灵巧手手型定制，"
                "用于机器人指尖和夹爪。欢迎韩国灵巧手、人形机器人企业联合开发并批量采购。",
            ),
        },
    },
    {
        "org": "苏州精研传动科技有限公司",
        "type": "business_offer",
        "coop": ["supply", "co_production"],
        "sectors": ["robot_components", "humanoid_robots", "smart_manufacturing"],
        "stage": "growth",
        "target": "KR",
        "partner": "company",
        "days": 180,
        "texts": {
            "zh": (
                "人形机器人关节谐波减速器批量供货与代工",
                "年产能30万台的谐波减速器与行星减速器，提供14至32型批量供货、人形机器人关节轻量化定制设计，"
                "并可为韩国机器人企业代工生产关节模组，附寿命测试报告。",
            ),
            "en": (
                "Harmonic reducers for humanoid joints: volume supply and contract manufacturing",
                "Size 14–32 harmonic and planetary reducers from a 300,000-unit plant, lightweight custom designs "
                "for humanoid joints and contract manufacturing of joint modules for Korean robot makers.",
            ),
        },
    },
    {
        "org": "常州驭风电机有限公司",
        "type": "business_offer",
        "coop": ["supply", "co_production"],
        "sectors": ["robot_components", "robotics"],
        "stage": "growth",
        "target": "KR",
        "partner": "company",
        "days": 100,
        "texts": {
            "zh": (
                "无框力矩电机与一体化关节模组，两周快速打样",
                "为协作机器人和人形机器人提供无框电机与驱动器一体化关节模组，两周完成样机，可批量代工生产。"
                "寻找韩国整机企业客户。",
            ),
        },
    },
    {
        "org": "北京擎天人形机器人科技有限公司",
        "type": "rnd_partner",
        "coop": ["joint_rnd"],
        "sectors": ["humanoid_robots", "robotics"],
        "stage": "growth",
        "target": "KR",
        "partner": "company",
        "days": 75,
        "texts": {
            "zh": (
                "征集韩国灵巧手与触觉传感器企业联合开发末端执行器",
                "我们的1.7米全尺寸人形机器人已交付60余台。希望与韩国灵巧手、触觉传感器企业联合研发末端执行器，"
                "并在韩国汽车或电子工厂开展试点应用。",
            ),
            "en": (
                "Korean dexterous-hand and tactile-sensor makers wanted to co-develop end effectors",
                "Our 1.7 m humanoid robot is in use at 60+ sites. We seek Korean partners for joint R&D on "
                "hands and tactile sensing, and pilots in Korean car or electronics plants.",
            ),
        },
    },
    {
        "org": "北京知行国际孵化器",
        "type": "business_offer",
        "coop": ["incubation"],
        "sectors": ["robotics", "humanoid_robots", "ai"],
        "target": "KR",
        "partner": "company",
        "days": 60,
        "texts": {
            "zh": (
                "知行软着陆计划：招募韩国机器人与人工智能初创企业",
                "为期24周、每期12家企业：免费工位、北京制造企业试点对接、工商注册与签证协助、投资人路演日。",
            ),
            "ko": (
                "지행 소프트랜딩 프로그램: 한국 로봇·AI 스타트업 모집",
                "24주 과정, 기수당 12개 팀: 무상 입주 공간, 베이징 제조기업 실증 연결, 법인 설립·비자 지원, "
                "투자자 데모데이.",
            ),
        },
    },
]

# Titles of drawn opportunities per type: (ko, zh, en); {s} is the sector, {c} the counterpart country.
TITLES = {
    "business_request": (
        "{s} 분야 {c} 파트너를 찾습니다",
        "寻找{c}{s}领域合作伙伴",
        "Seeking a {s} partner in {c}",
    ),
    "business_offer": (
        "{s} 제품·서비스 공급 제안",
        "{s}产品与服务供应",
        "{s} products and services on offer",
    ),
    "technology_offer": (
        "{s} 기술 라이선싱·공동 적용 제안",
        "{s}技术许可与联合应用",
        "{s} technology for licensing and joint application",
    ),
    "rnd_partner": ("{s} 공동 R&D 파트너 모집", "征集{s}联合研发伙伴", "R&D partners wanted in {s}"),
    "investment_offer": ("{s} 분야 스타트업 투자", "投资{s}领域初创企业", "Investing in {s} startups"),
    "investment_sought": ("{s} 스타트업 투자 유치", "{s}初创企业寻求投资", "{s} startup seeking investment"),
}
_LANG_INDEX = {"ko": 0, "zh": 1, "en": 2}


def _find(db: Session, name: str) -> Organisation | None:
    stmt = (
        select(Organisation)
        .where(
            or_(Organisation.name_en == name, Organisation.name_zh == name, Organisation.name_ko == name),
            Organisation.deleted_at.is_(None),
        )
        .options(selectinload(Organisation.texts), selectinload(Organisation.sector_rows))
    )
    return db.scalars(stmt).first()


def _add(db: Session, org: Organisation, spec: dict[str, Any], status: str, actor: Actor) -> Opportunity:
    now = utcnow()
    opp = Opportunity(
        organisation_id=org.id,
        opp_type=spec["type"],
        coop_types=sorted(set(spec.get("coop", []))),
        stage=spec.get("stage"),
        target_country=spec.get("target"),
        partner_type=spec.get("partner"),
        deadline=date.today() + timedelta(days=spec.get("days", 90)),
        status=status,
        review_comment="",
        anonymous=spec.get("anonymous", False),
        published_at=now if status == "published" else None,
    )
    opp.texts = [OpportunityText(lang=k, title=t[:200], description=d) for k, (t, d) in spec["texts"].items()]
    opp.sector_rows = [OpportunitySector(sector=s) for s in sorted(set(spec.get("sectors", [])))]
    db.add(opp)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="create",
        entity_type="opportunity",
        entity_id=opp.id,
        changes={"status": status},
    )
    return opp


def _drawn(org: Organisation, n: int) -> dict[str, Any] | None:
    """An opportunity written from an organisation's own offer or seek texts."""
    texts = {t.lang: t for t in org.texts}
    if not texts or not org.sectors:
        return None
    if org.org_type == "investor":
        kind, field = "investment_offer", "offer"
    elif org.org_type in ("incubator", "economic_zone", "support_agency"):
        kind, field = "business_offer", "offer"
    elif org.org_type in ("university", "research_institute"):
        kind, field = "rnd_partner", "seek"
    else:
        kind, field = [
            ("business_request", "seek"),
            ("technology_offer", "offer"),
            ("business_offer", "offer"),
            ("rnd_partner", "seek"),
            ("investment_sought", "seek"),
        ][n % 5]
    sector = org.sectors[n % len(org.sectors)]
    other = {"KR": "CN", "CN": "KR"}.get(org.country, "CN")
    out: dict[str, tuple[str, str]] = {}
    for lang, t in texts.items():
        body = getattr(t, field) or t.description
        if not body.strip():
            continue
        template = TITLES[kind][_LANG_INDEX.get(lang, 2)]
        title = template.format(s=tx.label(sector, lang), c=tx.label(other, lang))
        out[lang] = (title, body)
    if not out:
        return None
    offer, seek = infer_intent(" ".join(b for _t, b in out.values()), org.org_type)
    coop = list(offer if field == "offer" else seek) or {"investment_offer": ["investment"]}.get(kind, [])
    return {
        "type": kind,
        "coop": coop,
        "sectors": org.sectors[:3],
        "stage": org.stage,
        "target": other,
        "days": 30 + (n * 37) % 150,
        "anonymous": n % 11 == 4,
        "texts": out,
    }


def load_demo(db: Session) -> str:
    """About forty opportunities (story 3 included), two expressions of interest, and every vector."""
    if db.scalar(select(func.count()).select_from(Opportunity)):
        return "demo opportunities not loaded: there are opportunities already"
    actor = Actor.system("demo loader")
    made: dict[str, Opportunity] = {}
    used: set[int] = set()
    for spec in STORY:
        org = _find(db, spec["org"])
        if org is not None:
            made.setdefault(spec["org"], _add(db, org, spec, "published", actor))
            used.add(org.id)
    count = len([s for s in STORY if _find(db, s["org"]) is not None])
    candidates = db.scalars(
        select(Organisation)
        .where(Organisation.deleted_at.is_(None), Organisation.id.not_in(used or {0}))
        .options(selectinload(Organisation.texts), selectinload(Organisation.sector_rows))
        .order_by(Organisation.id)
    ).all()
    step = max(1, len(candidates) // max(1, TARGET - count))
    n = 0
    for org in candidates[::step]:
        if count >= TARGET:
            break
        drawn = _drawn(org, n)
        if drawn is None:
            continue
        status = "in_review" if n % 13 == 5 else "draft" if n % 19 == 7 else "published"
        _add(db, org, drawn, status, actor)
        n += 1
        count += 1
    _interests(db, made)
    vectors = embed_missing(db)
    return f"demo opportunities loaded: {count} opportunities, {vectors} profiles and opportunities embedded"


def _interests(db: Session, made: dict[str, Opportunity]) -> None:
    """Pending expressions of interest the robot-hand founder can answer in the demo."""
    request = made.get("RoboTouch Inc.")
    for name, message in (
        ("深圳灵巧智能科技有限公司", "我们的电子皮肤触觉传感器可按贵司灵巧手定制，并可在深圳安排试产。"),
        ("苏州精研传动科技有限公司", "我们可以为贵司的机器人手关节提供减速器并代工生产关节模组。"),
    ):
        sender = _find(db, name)
        if request is not None and sender is not None:
            db.add(
                ExpressionOfInterest(
                    opportunity_id=request.id,
                    to_organisation_id=request.organisation_id,
                    from_organisation_id=sender.id,
                    message=message,
                    status="pending",
                )
            )
    db.flush()
