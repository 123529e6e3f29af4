"""Small factories for event tests: a delegation visit with a host, its teams' rooms and visiting firms."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kcbridge.events.meetings import meeting_service
from kcbridge.events.schemas import EventIn, RegistrationIn, RequestIn, SlotSeriesIn, TableIn
from kcbridge.events.service import event_service

# 2026-12-08 in Shanghai (UTC+8): slots 14:00, 14:40, 15:20 local.
DAY_START = datetime(2026, 12, 8, 9, 0)
DAY_END = datetime(2026, 12, 8, 18, 0)


@dataclass
class Visit:
    event: Any
    organiser: Any  # user, member of the organising body
    organiser_org: Any
    host_org: Any
    host_user: Any
    teams: list[Any] = field(default_factory=list)  # host team participants
    firms: list[Any] = field(default_factory=list)  # visiting firm participants
    firm_users: list[Any] = field(default_factory=list)
    slots: list[Any] = field(default_factory=list)
    tables: list[Any] = field(default_factory=list)


def make_visit(db, make_user, make_org, *, firms: int = 3, teams: int = 2, slots: int = 3) -> Visit:
    organiser = make_user(name="Gyeonggi officer")
    gov = make_org(owner=organiser, name_ko="경기도", name_en="Gyeonggi Province", org_type="government")
    host_user = make_user(name="Host")
    host = make_org(owner=host_user, name_zh="阿里云上海", name_en="Cloud Shanghai", country="CN")
    event = event_service.create(
        db,
        user=organiser,
        data=EventIn(
            event_type="delegation_visit",
            title_ko="경기 AI 기업 상하이 방문",
            title_zh="京畿道AI企业上海访问",
            title_en="Gyeonggi AI firms visit Shanghai",
            timezone="Asia/Shanghai",
            starts_at=DAY_START,
            ends_at=DAY_END,
            venue="Shanghai",
            languages=["zh", "ko"],
            organiser_org_id=gov.id,
        ),
    )
    visit = Visit(event, organiser, gov, host, host_user)
    visit.slots = event_service.add_slot_series(
        db,
        user=organiser,
        event_id=event.id,
        data=SlotSeriesIn(starts_at=datetime(2026, 12, 8, 14, 0), minutes=30, break_minutes=10, count=slots),
    )
    for i in range(teams):
        team = event_service.register(
            db,
            user=organiser,
            event_id=event.id,
            data=RegistrationIn(organisation_id=host.id, team=f"Team {i + 1}", role="host_team"),
        )  # the organiser invites the host's teams; the host accepts
        team = event_service.answer_invitation(
            db, user=host_user, participant_id=team.id, accept=True, mail_consent=True
        )
        visit.teams.append(team)
        visit.tables.append(
            event_service.add_table(
                db, user=organiser, event_id=event.id, data=TableIn(name=f"Room {i + 1}", owner_id=team.id)
            )
        )
    for i in range(firms):
        user = make_user(name=f"Firm {i + 1}")
        org = make_org(owner=user, name_ko=f"AI 기업 {i + 1}", name_en=f"AI Firm {i + 1}", sectors=["ai"])
        p = event_service.register(
            db,
            user=user,
            event_id=event.id,
            data=RegistrationIn(organisation_id=org.id, role="visitor", mail_consent=True),
        )
        event_service.decide(db, user=organiser, participant_id=p.id, approve=True)
        visit.firms.append(p)
        visit.firm_users.append(user)
    db.commit()
    return visit


def request_all(db, visit: Visit, *, accept: bool = True) -> list[Any]:
    """Every firm asks every host team; the host accepts (or not)."""
    out = []
    for firm, user in zip(visit.firms, visit.firm_users, strict=True):
        for team in visit.teams:
            r = event_service.request_meeting(
                db, user=user, event_id=visit.event.id, data=RequestIn(from_id=firm.id, to_id=team.id)
            )
            if accept:
                event_service.answer(db, user=visit.host_user, request_id=r.id, accept=True)
            out.append(r)
    db.commit()
    return out


def schedule(db, visit: Visit, *, publish: bool = True) -> Any:
    run = meeting_service.queue_run(db, user=visit.organiser, event_id=visit.event.id, time_limit=5)
    db.commit()  # the job runs inline in tests, after the commit
    db.expire_all()
    if publish:
        meeting_service.publish(db, user=visit.organiser, event_id=visit.event.id)
    # Reload what tests read, then end the transaction: on SQLite an open one would block the web requests.
    everything = [visit.event, visit.organiser, visit.organiser_org, visit.host_org, visit.host_user, run]
    for row in [*everything, *visit.slots, *visit.tables, *visit.teams, *visit.firms, *visit.firm_users]:
        db.refresh(row)
    db.commit()
    return run


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)
