"""A small hybrid forum for tests: Korean and Chinese firms, some attending online, venue tables and online
rooms under the organiser's video-meeting address, accepted requests between the two countries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kcbridge.events.meetings import meeting_service
from kcbridge.events.schemas import EventIn, RegistrationIn, RequestIn, SlotSeriesIn, TableIn
from kcbridge.events.service import event_service

VIDEO = "https://meet.example.org/forum"


@dataclass
class Forum:
    event: Any
    organiser: Any
    organiser_org: Any
    kr: list[Any] = field(default_factory=list)  # participants
    cn: list[Any] = field(default_factory=list)
    users: dict[int, Any] = field(default_factory=dict)  # participant id → its owner
    slots: list[Any] = field(default_factory=list)
    tables: list[Any] = field(default_factory=list)
    rooms: list[Any] = field(default_factory=list)


def make_forum(
    db,
    make_user,
    make_org,
    *,
    kr: int = 3,
    cn: int = 3,
    online: tuple[int, ...] = (),
    tables: int = 2,
    rooms: int = 2,
    slots: int = 3,
    video: str | None = VIDEO,
) -> Forum:
    """`online`: indexes (in kr + cn order) of the participants attending online."""
    organiser = make_user(name="KIC agent")
    kic = make_org(
        owner=organiser, name_en="KIC China", name_zh="韩国创新中心", org_type="support_agency", country="CN"
    )
    event = event_service.create(
        db,
        user=organiser,
        data=EventIn(
            event_type="forum",
            mode="hybrid",
            title_ko="한중 혁신창업 포럼",
            title_zh="中韩创新创业论坛",
            title_en="Korea–China Innovation Forum",
            timezone="Asia/Shanghai",
            starts_at=datetime(2026, 12, 15, 9, 0),
            ends_at=datetime(2026, 12, 15, 18, 0),
            venue="Zhongguancun, Beijing",
            video_base_url=video,
            languages=["zh", "ko", "en"],
            organiser_org_id=kic.id,
        ),
    )
    forum = Forum(event, organiser, kic)
    forum.slots = event_service.add_slot_series(
        db,
        user=organiser,
        event_id=event.id,
        data=SlotSeriesIn(starts_at=datetime(2026, 12, 15, 14, 0), minutes=20, break_minutes=5, count=slots),
    )
    for i in range(tables):
        forum.tables.append(
            event_service.add_table(
                db, user=organiser, event_id=event.id, data=TableIn(name=f"Table {i + 1}")
            )
        )
    for i in range(rooms):
        forum.rooms.append(
            event_service.add_table(
                db,
                user=organiser,
                event_id=event.id,
                data=TableIn(name=f"Online room {i + 1}", kind="online"),
            )
        )
    n = 0
    for country, count, bucket in (("KR", kr, forum.kr), ("CN", cn, forum.cn)):
        for i in range(count):
            user = make_user(name=f"{country} founder {i + 1}")
            names = {"name_ko": f"한국 기업 {i + 1}"} if country == "KR" else {"name_zh": f"中国企业{i + 1}"}
            org = make_org(
                owner=user, country=country, sectors=["ai"], name_en=f"{country} Firm {i + 1}", **names
            )
            attendance = "online" if n in online else "onsite"
            p = event_service.register(
                db,
                user=user,
                event_id=event.id,
                data=RegistrationIn(
                    organisation_id=org.id, role="visitor", attendance=attendance, mail_consent=True
                ),
            )
            event_service.decide(db, user=organiser, participant_id=p.id, approve=True)
            bucket.append(p)
            forum.users[p.id] = user
            n += 1
    db.commit()
    return forum


def meet(db, forum: Forum, a: Any, b: Any) -> Any:
    """`a` asks `b`; `b` accepts."""
    r = event_service.request_meeting(
        db, user=forum.users[a.id], event_id=forum.event.id, data=RequestIn(from_id=a.id, to_id=b.id)
    )
    event_service.answer(db, user=forum.users[b.id], request_id=r.id, accept=True)
    return r


def run(db, forum: Forum, *, publish: bool = True) -> Any:
    run = meeting_service.queue_run(db, user=forum.organiser, event_id=forum.event.id, time_limit=4)
    db.commit()  # the job runs inline in tests, after the commit
    db.expire_all()
    if publish:
        meeting_service.publish(db, user=forum.organiser, event_id=forum.event.id)
        db.commit()
    return run
