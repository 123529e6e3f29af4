"""A small world of the voice of business: a firm (owner, member), another firm, the institution the
routing rule sends cases to (its support agent), another institution (an agent elsewhere), a government
officer who organises a round table, an analyst and an administrator; and case factories."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session

ROLES = (
    "anon",
    "stranger",
    "member",
    "owner",
    "agent",
    "agent_elsewhere",
    "officer",
    "analyst",
    "admin",
)


@dataclass
class World:
    users: dict[str, Any]
    firm: Any  # owned by "owner", "member" belongs to it
    other_firm: Any  # owned by "stranger"
    institution: Any  # "agent" belongs to it; the routing rule sends every case there
    elsewhere: Any  # "agent_elsewhere" belongs to it
    government: Any  # "officer" owns it; it organises the round table
    round_table: Any
    rule: Any
    cases: dict[str, Any] = field(default_factory=dict)
    file: Any = None


def case_data(org_id: int, **fields: Any) -> dict[str, Any]:
    return {
        "organisation_id": org_id,
        "category": "ip",
        "sector": "robotics",
        "region": "CN-shanghai",
        "lang": "ko",
        "subject": "상하이에서 상표가 선점되었습니다",
        "description": "우리 로봇 손 브랜드가 상하이의 한 업체에 의해 상표 등록되어 있습니다.",
        "desired_outcome": "상표 무효 심판 절차 안내",
        **fields,
    }


@pytest.fixture
def make_case(db: Session) -> Callable[..., Any]:
    """Factory: a case filed by `user` for `org` (committed)."""
    return case_factory(db)


def case_factory(db: Session) -> Callable[..., Any]:
    """make_case over any session (a test's `db`, or `module_db` for a world built once per module)."""
    from kcbridge.cases.schemas import CaseIn
    from kcbridge.cases.service import case_service

    def make(user: Any, org: Any, now: datetime | None = None, **fields: Any) -> Any:
        case = case_service.create(
            db, user=user, data=CaseIn.model_validate(case_data(org.id, **fields)), now=now
        )
        db.commit()
        return case

    return make


@pytest.fixture
def world(db: Session, make_user: Callable[..., Any], make_org: Callable[..., Any], make_case: Any) -> World:
    return build_world(db, make_user, make_org, make_case)


def build_world(
    db: Session, make_user: Callable[..., Any], make_org: Callable[..., Any], make_case: Any
) -> World:
    """The world above, committed through `db` with these factories (tests/cases/test_authz.py builds it
    once for its module)."""
    from kcbridge.accounts.models import MemberRole, Role
    from kcbridge.accounts.service import account_service
    from kcbridge.cases.rules import route_service
    from kcbridge.cases.schemas import RouteIn
    from kcbridge.events.models import Participant
    from kcbridge.events.schemas import EventIn
    from kcbridge.events.service import event_service
    from kcbridge.kit.audit import Actor

    u = {
        "stranger": make_user(email="stranger@firm-b.example", name="Stranger"),
        "member": make_user(email="member@robotouch.example", name="김민수"),
        "owner": make_user(email="owner@robotouch.example", name="김지훈"),
        "agent": make_user(email="agent@kic.example", role=Role.SUPPORT_AGENT, name="이민호"),
        "agent_elsewhere": make_user(email="agent@kotra.example", role=Role.SUPPORT_AGENT, name="Agent B"),
        "officer": make_user(email="officer@gyeonggi.example", role=Role.GOVERNMENT_OFFICER, name="박서연"),
        "analyst": make_user(email="analyst@kcbridge.example", role=Role.ANALYST, name="王磊"),
        "admin": make_user(email="admin@kcbridge.example", role=Role.ADMIN, name="Admin"),
    }
    firm = make_org(
        owner=u["owner"], name_ko="로보터치", name_en="RoboTouch", sectors=["robotics"], city="Seoul"
    )
    actor = Actor.system("test")
    account_service.add_member(
        db, user=u["member"], organisation_id=firm.id, role=MemberRole.MEMBER.value, actor=actor
    )
    other = make_org(owner=u["stranger"], name_zh="深圳灵巧", country="CN", sectors=["robotics"])
    kic = make_org(
        owner=u["agent"], name_en="KIC China", org_type="support_agency", country="CN", city="Beijing"
    )
    kotra = make_org(
        owner=u["agent_elsewhere"], name_en="KOTRA Shanghai", org_type="support_agency", country="CN"
    )
    gov = make_org(owner=u["officer"], name_ko="경기도", name_en="Gyeonggi Province", org_type="government")
    rule = route_service.create(db, user=u["admin"], data=RouteIn(institution_id=kic.id))
    event = event_service.create(
        db,
        user=u["officer"],
        data=EventIn(
            event_type="round_table",
            title_ko="경기도지사 기업 간담회",
            title_zh="京畿道知事企业座谈会",
            title_en="Governor's round table with firms",
            timezone="Asia/Seoul",
            starts_at=datetime(2026, 11, 20, 10, 0),
            ends_at=datetime(2026, 11, 20, 12, 0),
            venue="Suwon",
            languages=["ko"],
            organiser_org_id=gov.id,
        ),
    )
    for org in (firm, other):
        db.add(Participant(event_id=event.id, organisation_id=org.id, status="approved"))
    db.commit()
    w = World(u, firm, other, kic, kotra, gov, event, rule)
    w.cases["a"] = make_case(u["owner"], firm)
    w.cases["b"] = make_case(
        u["stranger"], other, subject="深圳海关扣留样品", lang="zh", description="样品被扣留。"
    )
    return w


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def full_world(db: Session, world: World) -> World:
    """The world with a resolved case, a case shared with the officer and a document on case "a"."""
    return complete_world(db, world)


def complete_world(db: Session, world: World) -> World:
    """full_world's additions to `world`, committed through `db`."""
    from kcbridge.cases.files import attachment_service
    from kcbridge.cases.schemas import CaseIn, StatusIn
    from kcbridge.cases.service import case_service
    from kcbridge.cases.sharing import share_service

    u = world.users
    done = case_service.create(
        db, user=u["owner"], data=CaseIn.model_validate(case_data(world.firm.id, category="logistics"))
    )
    for status, reason in (("in_progress", ""), ("resolved", "통관 서류를 보완했습니다.")):
        case_service.change_status(
            db, user=u["agent"], case_id=done.id, data=StatusIn(status=status, reason=reason)
        )
    shared = case_service.create(
        db, user=u["owner"], data=CaseIn.model_validate(case_data(world.firm.id, category="payments"))
    )
    share_service.share(db, user=u["owner"], case_id=shared.id, email=u["officer"].email)
    world.cases |= {"resolved": done, "shared": shared}
    world.file = attachment_service.add(
        db, user=u["member"], case_id=world.cases["a"].id, filename="계약서.pdf", data=PDF
    )
    db.commit()
    return world
