"""Demo events: Gyeonggi's delegation visit to a Shanghai cloud company (story 1), a hybrid Beijing forum
with about forty participants (story 2) and a Seoul pitch day (story 8), each with requests and a published
schedule.

Organisations come from the demo directory by name; any that is missing is created, so this also runs
on a database loaded with other data.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import MemberRole, Membership, Role, User
from kcbridge.accounts.service import account_service
from kcbridge.directory.models import Organisation, OrgSector
from kcbridge.directory.schemas import OrganisationIn
from kcbridge.directory.service import directory_service
from kcbridge.events import planning
from kcbridge.events.agenda import agenda_service
from kcbridge.events.meetings import meeting_service
from kcbridge.events.models import Bookmark, Event, MeetingRequest, Participant, RequestStatus, SchedulerRun
from kcbridge.events.schemas import EventIn, RegistrationIn, SessionIn, SlotSeriesIn, TableIn
from kcbridge.events.service import event_service
from kcbridge.kit.audit import Actor

ACTOR = Actor.system("demo loader")
VISIT_TITLE = "Gyeonggi AI firms visit Alibaba Cloud Shanghai"


def _org(db: Session, name_en: str, **create: object) -> Organisation:
    """The live organisation called `name_en`, created from `create` when the directory lacks it."""
    org = db.scalar(
        select(Organisation)
        .where(func.lower(Organisation.name_en) == name_en.lower(), Organisation.deleted_at.is_(None))
        .order_by(Organisation.id)
    )
    if org is not None:
        return org
    data = OrganisationIn.model_validate({"name_en": name_en, **create})
    return directory_service.create(db, user=None, data=data, actor=ACTOR)


def _firms(
    db: Session, country: str, sector: str, n: int, exclude: set[int], prefer_city: str = ""
) -> list[int]:
    """Up to `n` companies or startups of `country` in `sector`, those in `prefer_city` first."""
    stmt = (
        select(Organisation.id)
        .join(OrgSector, OrgSector.organisation_id == Organisation.id)
        .where(
            Organisation.country == country,
            OrgSector.sector == sector,
            Organisation.org_type.in_(("company", "startup")),
            Organisation.deleted_at.is_(None),
        )
        .order_by((Organisation.city == prefer_city).desc(), Organisation.id)
    )
    return [i for i in db.scalars(stmt.limit(n + len(exclude))) if i not in exclude][:n]


def _organiser(db: Session, email: str, org_id: int) -> User:
    """The demo user `email` as a member of the organising body (an administrator if the user is missing)."""
    user = db.scalar(select(User).where(User.email == email))
    if user is None:
        user = db.scalar(select(User).where(User.role == Role.ADMIN.value).order_by(User.id))
    if user is None:
        user = account_service.register(
            db, email=email, password="kcbridge-demo", display_name=email.split("@")[0], role=Role.USER
        )
    if not user.is_admin:
        account_service.add_member(
            db, user=user, organisation_id=org_id, role=MemberRole.MEMBER.value, actor=ACTOR
        )
    return user


def _approved(db: Session, user: User, event: Event, org_id: int, role: str, team: str = "") -> Participant:
    data = RegistrationIn(organisation_id=org_id, role=role, team=team)
    return event_service.register(db, user=user, event_id=event.id, data=data)


def _request(
    db: Session, event: Event, a: Participant, b: Participant, status: str, message: str = ""
) -> None:
    db.add(MeetingRequest(event_id=event.id, from_id=a.id, to_id=b.id, status=status, message=message))


def _schedule_and_publish(db: Session, user: User, event: Event, seconds: float) -> SchedulerRun:
    """Runs the scheduler inline (the demo loader waits for it) and publishes the result."""
    db.flush()
    run = SchedulerRun(event_id=event.id, requested_by=user.id, time_limit=seconds)
    db.add(run)
    db.flush()
    planning.execute(db, run)
    meeting_service.publish(db, user=user, event_id=event.id)
    return run


def _visit(db: Session, rng: random.Random) -> tuple[Event, SchedulerRun]:
    gyeonggi = _org(
        db, "Gyeonggi Province", name_ko="경기도", name_zh="京畿道", org_type="government", country="KR"
    )
    host = _org(
        db,
        "Alibaba Cloud",
        name_ko="알리바바 클라우드",
        name_zh="阿里云",
        org_type="company",
        country="CN",
        city="Hangzhou",
        sectors=["cloud", "ai"],
    )
    officer = _organiser(db, "officer@gyeonggi.example", gyeonggi.id)
    event = event_service.create(
        db,
        user=officer,
        data=EventIn(
            event_type="delegation_visit",
            mode="onsite",
            title_ko="경기도 AI 기업 알리바바 클라우드 상하이 방문",
            title_zh="京畿道AI企业访问阿里云上海",
            title_en=VISIT_TITLE,
            description=(
                "Gyeonggi Province leads six Pangyo AI firms to Alibaba Cloud's Shanghai office for 1:1 meetings "
                "with its product and partner teams."
            ),
            timezone="Asia/Shanghai",
            starts_at=datetime(2026, 12, 8, 9, 0),
            ends_at=datetime(2026, 12, 8, 18, 0),
            venue="Alibaba Cloud Shanghai office, Xuhui District, Shanghai",
            languages=["zh", "ko"],
            organiser_org_id=gyeonggi.id,
        ),
    )
    event_service.add_slot_series(
        db,
        user=officer,
        event_id=event.id,
        data=SlotSeriesIn(starts_at=datetime(2026, 12, 8, 14, 0), minutes=30, break_minutes=10, count=6),
    )
    teams = []
    for i, team_name in enumerate(("AI platform (PAI)", "Cloud infrastructure", "Partner and marketplace")):
        p = _approved(db, officer, event, host.id, "host_team", team_name)
        event_service.add_table(
            db, user=officer, event_id=event.id, data=TableIn(name=f"Room {301 + i}", owner_id=p.id)
        )
        teams.append(p)
    ids = _firms(db, "KR", "ai", 6, {gyeonggi.id}, prefer_city="Seongnam (Pangyo)")
    for n in range(len(ids), 6):
        ids.append(
            _org(
                db,
                f"Pangyo AI Firm {n + 1}",
                name_ko=f"판교 AI 기업 {n + 1}",
                org_type="company",
                country="KR",
                city="Seongnam (Pangyo)",
                sectors=["ai"],
            ).id
        )
    firms = [_approved(db, officer, event, oid, "visitor") for oid in ids]
    for firm in firms:
        for team in rng.sample(teams, 2 + (rng.random() < 0.5)):
            status = RequestStatus.ACCEPTED if rng.random() < 0.8 else RequestStatus.DECLINED
            _request(
                db,
                event,
                firm,
                team,
                status.value,
                "We would like to present our AI solution and discuss a pilot.",
            )
    return event, _schedule_and_publish(db, officer, event, 5.0)


def _forum(db: Session, rng: random.Random) -> tuple[Event, SchedulerRun]:
    kic = _org(
        db,
        "Korea Innovation Center (KIC) China",
        name_ko="글로벌혁신센터(KIC중국)",
        name_zh="韩国创新中心（KIC中国）",
        org_type="support_agency",
        country="CN",
        city="Beijing",
    )
    agent = _organiser(db, "agent@kic.example", kic.id)
    event = event_service.create(
        db,
        user=agent,
        data=EventIn(
            event_type="forum",
            mode="hybrid",
            title_ko="한중 혁신창업 포럼 2026 (베이징)",
            title_zh="2026中韩创新创业论坛（北京）",
            title_en="Korea–China Innovation and Entrepreneurship Forum 2026 (Beijing)",
            description="Company presentations from both countries, an attendee marketplace and 1:1 meetings, "
            "on site in Zhongguancun and online.",
            timezone="Asia/Shanghai",
            starts_at=datetime(2026, 12, 15, 9, 0),
            ends_at=datetime(2026, 12, 15, 18, 0),
            venue="Zhongguancun Inno-Way, Haidian District, Beijing",
            online_url="https://meet.example.org/kcbridge-forum-2026",
            languages=["zh", "ko", "en"],
            organiser_org_id=kic.id,
        ),
    )
    event_service.add_slot_series(
        db,
        user=agent,
        event_id=event.id,
        data=SlotSeriesIn(starts_at=datetime(2026, 12, 15, 14, 0), minutes=20, break_minutes=5, count=8),
    )
    taken = {kic.id}
    founder_orgs = db.scalars(
        select(Membership.organisation_id)
        .join(User, User.id == Membership.user_id)
        .where(User.email == "founder@robotouch.example")
    ).all()
    kr = list(founder_orgs)[:1]
    for sector in ("robotics", "ai", "cloud", "semiconductors", "bio_healthcare"):
        kr += _firms(db, "KR", sector, 4, taken | set(kr))
    cn: list[int] = []
    for sector in ("robotics", "ai", "cloud", "semiconductors", "bio_healthcare"):
        cn += _firms(db, "CN", sector, 4, taken | set(cn))
    kr, cn = list(dict.fromkeys(kr))[:20], list(dict.fromkeys(cn))[:20]
    roles = ["visitor", "exhibitor", "speaker", "investor"]
    people = []
    for oid in kr + cn:
        people.append(_approved(db, agent, event, oid, rng.choice(roles)))
    booths = [p for p in people if p.role == "exhibitor"][:4]
    for i, p in enumerate(booths):
        event_service.add_table(
            db, user=agent, event_id=event.id, data=TableIn(name=f"Booth {chr(65 + i)}", owner_id=p.id)
        )
    for i in range(12):
        event_service.add_table(
            db,
            user=agent,
            event_id=event.id,
            data=TableIn(
                name=f"Table {i + 1}", online_url=None if i < 9 else f"https://meet.example.org/table-{i + 1}"
            ),
        )
    kr_people, cn_people = people[: len(kr)], people[len(kr) :]
    pairs: set[tuple[int, int]] = set()
    for a in kr_people + cn_people:
        others = cn_people if a in kr_people else kr_people
        for b in rng.sample(others, min(len(others), 4)):
            if (a.id, b.id) in pairs:
                continue
            pairs.add((a.id, b.id))
            roll = rng.random()
            status = (
                RequestStatus.ACCEPTED
                if roll < 0.65
                else RequestStatus.DECLINED
                if roll < 0.8
                else RequestStatus.PENDING
            )
            _request(db, event, a, b, status.value, "Interested in a partnership; can we meet at the forum?")
    speakers = [p for p in people if p.role == "speaker"] or people[:4]
    kr_speakers = [p for p in speakers if p in kr_people][:3] or kr_people[:2]
    cn_speakers = [p for p in speakers if p in cn_people][:3] or cn_people[:2]
    for start, end, kind, titles, who in (
        (
            (9, 30),
            (10, 0),
            "keynote",
            (
                "개회 및 기조연설: 한중 혁신 협력의 다음 10년",
                "开幕及主旨演讲：中韩创新合作的下一个十年",
                "Opening keynote: the next ten years of Korea–China innovation",
            ),
            [],
        ),
        (
            (10, 0),
            (11, 0),
            "presentation",
            ("한국 기업 발표", "韩国企业路演", "Company presentations from Korea"),
            kr_speakers,
        ),
        (
            (11, 0),
            (12, 0),
            "presentation",
            ("중국 기업 발표", "中国企业路演", "Company presentations from China"),
            cn_speakers,
        ),
        ((12, 0), (13, 30), "break", ("점심 및 네트워킹", "午餐与交流", "Lunch and networking"), []),
        (
            (13, 30),
            (14, 0),
            "panel",
            ("패널: 로봇·AI 공동 실증", "圆桌：机器人与AI联合试点", "Panel: joint robot and AI pilots"),
            (kr_speakers[:1] + cn_speakers[:1]),
        ),
    ):
        agenda_service.add_session(
            db,
            user=agent,
            event_id=event.id,
            data=SessionIn(
                kind=kind,
                title_ko=titles[0],
                title_zh=titles[1],
                title_en=titles[2],
                starts_at=datetime(2026, 12, 15, *start),
                ends_at=datetime(2026, 12, 15, *end),
                room="Main hall" if kind != "break" else "Lobby",
                speakers=[{"participant_id": p.id} for p in who],
            ),
        )
    return event, _schedule_and_publish(db, agent, event, 8.0)


def _pitch(db: Session, rng: random.Random, forum: Event) -> tuple[Event, SchedulerRun]:
    """A pitch session (story 8): projects pitch, investors bookmark them and request meetings."""
    kic = db.get(Organisation, forum.organiser_org_id)
    assert kic is not None
    agent = _organiser(db, "agent@kic.example", kic.id)
    event = event_service.create(
        db,
        user=agent,
        data=EventIn(
            event_type="pitch_session",
            mode="hybrid",
            title_ko="한중 로봇·AI 투자 피칭 데이",
            title_zh="中韩机器人与AI投资路演日",
            title_en="Korea–China Robotics and AI Pitch Day",
            timezone="Asia/Seoul",
            starts_at=datetime(2027, 1, 20, 13, 0),
            ends_at=datetime(2027, 1, 20, 18, 0),
            venue="Seoul Startup Hub, Mapo-gu, Seoul",
            online_url="https://meet.example.org/kcbridge-pitch-day",
            languages=["ko", "zh"],
            organiser_org_id=kic.id,
        ),
    )
    event_service.add_slot_series(
        db,
        user=agent,
        event_id=event.id,
        data=SlotSeriesIn(starts_at=datetime(2027, 1, 20, 15, 30), minutes=15, break_minutes=5, count=6),
    )
    projects = [
        _approved(db, agent, event, oid, "speaker") for oid in _firms(db, "KR", "robotics", 6, {kic.id})
    ]
    investors = db.scalars(
        select(Organisation.id)
        .where(Organisation.org_type == "investor", Organisation.deleted_at.is_(None))
        .order_by(Organisation.country.desc(), Organisation.id)
        .limit(6)
    ).all()
    backers = [_approved(db, agent, event, oid, "investor") for oid in investors]
    for i in range(6):
        event_service.add_table(db, user=agent, event_id=event.id, data=TableIn(name=f"Pitch table {i + 1}"))
    for i, p in enumerate(projects):
        agenda_service.add_session(
            db,
            user=agent,
            event_id=event.id,
            data=SessionIn(
                kind="pitch",
                title_en=f"Pitch {i + 1}",
                title_ko=f"피칭 {i + 1}",
                title_zh=f"路演 {i + 1}",
                starts_at=datetime(2027, 1, 20, 13, 10) + timedelta(minutes=10 * i),
                ends_at=datetime(2027, 1, 20, 13, 18) + timedelta(minutes=10 * i),
                room="Main stage",
                speakers=[{"participant_id": p.id}],
            ),
        )
    for b in backers:
        for p in rng.sample(projects, min(3, len(projects))):
            db.add(Bookmark(participant_id=b.id, target_id=p.id, event_id=event.id))
            if rng.random() < 0.7:
                _request(
                    db,
                    event,
                    b,
                    p,
                    RequestStatus.ACCEPTED.value,
                    "Impressive pitch; let us talk about your round.",
                )
    for p in projects:
        for b in rng.sample(backers, min(2, len(backers))):
            if rng.random() < 0.5:
                _request(db, event, p, b, RequestStatus.ACCEPTED.value, "We are raising a seed round.")
    db.flush()
    return event, _schedule_and_publish(db, agent, event, 5.0)


def load_demo(db: Session) -> str:
    """Creates the two demo events unless they exist; returns a one-line summary."""
    if db.scalar(select(func.count()).select_from(Event).where(Event.title_en == VISIT_TITLE)):
        return "demo events not loaded: they already exist"
    rng = random.Random(20261208)
    visit, visit_run = _visit(db, rng)
    forum, forum_run = _forum(db, rng)
    pitch, pitch_run = _pitch(db, rng, forum)
    db.flush()
    return (
        f"demo events loaded: delegation visit #{visit.id} ({visit_run.meetings} meetings, "
        f"score {visit_run.objective:g} of bound {visit_run.upper_bound:g}), hybrid forum #{forum.id} "
        f"({forum_run.meetings} meetings, score {forum_run.objective:g} of bound {forum_run.upper_bound:g}), "
        f"pitch day #{pitch.id} ({pitch_run.meetings} meetings)"
    )
