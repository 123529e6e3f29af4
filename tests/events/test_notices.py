"""Meeting notifications: requests received, answered and expired, the schedule published, meetings moved
and cancelled, reminders a day and an hour before; each worded in the reader's language; the schedule
mail carries the PDF and the ICS file."""

from __future__ import annotations

import email
from datetime import timedelta

from tests.support.forum import make_forum, meet, run

from kcbridge.events import notices
from kcbridge.events import repository as repo
from kcbridge.events.agenda import agenda_service
from kcbridge.events.meetings import meeting_service
from kcbridge.events.schemas import MoveIn, RequestIn
from kcbridge.events.service import event_service
from kcbridge.kit.config import get_settings
from kcbridge.kit.db import utcnow
from kcbridge.kit.i18n import set_locale
from kcbridge.notifications import service as notifications
from kcbridge.notifications.models import Notification


def _kinds(db, user) -> list[str]:
    return [n.kind for n in db.query(Notification).filter_by(user_id=user.id).order_by(Notification.id)]


def test_requests_are_announced_to_the_other_side(db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=1, cn=2)
    k, c1, c2 = forum.kr[0], *forum.cn
    meet(db, forum, k, c1)
    r = event_service.request_meeting(
        db, user=forum.users[k.id], event_id=forum.event.id, data=RequestIn(from_id=k.id, to_id=c2.id)
    )
    event_service.answer(db, user=forum.users[c2.id], request_id=r.id, accept=False)
    db.commit()
    assert _kinds(db, forum.users[c1.id]) == [notices.RECEIVED]
    assert _kinds(db, forum.users[k.id]) == [notices.ACCEPTED, notices.DECLINED]
    received = db.query(Notification).filter_by(user_id=forum.users[c1.id].id).one()
    set_locale("zh_Hans")
    assert (
        notifications.text(received.kind, received.payload)
        == "한국 기업 1 请求在“中韩创新创业论坛”与您进行一对一洽谈。"
    )
    set_locale("ko")
    assert "한국 기업 1" in notifications.text(received.kind, received.payload)
    assert "한중 혁신창업 포럼" in notifications.text(received.kind, received.payload)
    set_locale("en")


def test_expired_requests_are_announced(db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=1, cn=1)
    k, c = forum.kr[0], forum.cn[0]
    event_service.request_meeting(
        db, user=forum.users[k.id], event_id=forum.event.id, data=RequestIn(from_id=k.id, to_id=c.id)
    )
    forum.event.requests_close_at = utcnow() - timedelta(minutes=1)
    db.commit()
    assert event_service.expire_requests(db) == 1
    db.commit()
    assert notices.EXPIRED in _kinds(db, forum.users[k.id])


def test_publishing_moving_and_cancelling_are_announced_with_time_in_the_readers_words(
    db, make_user, make_org
):
    forum = make_forum(db, make_user, make_org, kr=1, cn=1, slots=3)
    k, c = forum.kr[0], forum.cn[0]
    meet(db, forum, k, c)
    run(db, forum)
    assert _kinds(db, forum.users[k.id])[-1] == notices.PUBLISHED
    m = repo.meetings(db, forum.event.id)[0]
    free = next(s for s in forum.slots if s.id != m.slot_id)
    meeting_service.move(
        db, user=forum.organiser, meeting_id=m.id, data=MoveIn(slot_id=free.id, table_id=m.table_id)
    )
    db.commit()
    moved = db.query(Notification).filter_by(user_id=forum.users[k.id].id, kind=notices.MOVED).one()
    set_locale("ko")
    text = notifications.text(moved.kind, moved.payload)
    assert "중국企业1" not in text and "中国企业1" in text and "상하이" in text and "12월 15일" in text
    set_locale("zh_Hans")
    assert "上海" in notifications.text(moved.kind, moved.payload)
    set_locale("en")
    meeting_service.cancel(db, user=forum.organiser, meeting_id=m.id)
    db.commit()
    assert _kinds(db, forum.users[c.id])[-1] == notices.CANCELLED


def test_reminders_a_day_and_an_hour_before_once_each(db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=1, cn=1)
    meet(db, forum, forum.kr[0], forum.cn[0])
    run(db, forum)
    m = repo.meetings(db, forum.event.id)[0]
    start = repo.slot(db, m.slot_id).starts_at
    assert notices.remind(db, start - timedelta(days=2)) == 0
    assert notices.remind(db, start - timedelta(hours=20)) == 2
    assert notices.remind(db, start - timedelta(hours=19)) == 0  # sent once
    assert notices.remind(db, start - timedelta(minutes=50)) == 2
    assert notices.remind(db, start - timedelta(minutes=40)) == 0
    db.commit()
    assert _kinds(db, forum.users[forum.kr[0].id])[-2:] == [notices.DAY_BEFORE, notices.HOUR_BEFORE]


def test_the_schedule_mail_carries_the_pdf_and_the_calendar_file(db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=1, cn=1, online=(0,))
    meet(db, forum, forum.kr[0], forum.cn[0])
    run(db, forum)
    reader = forum.users[forum.cn[0].id]
    reader.locale = "zh_Hans"
    db.commit()
    outbox = get_settings().outbox_dir
    before = set(outbox.glob("*.eml")) if outbox.exists() else set()
    sent = agenda_service.send_schedules(
        db, user=forum.organiser, event_id=forum.event.id, base_url="http://x"
    )
    db.commit()  # the mail jobs run after the commit (inline in tests)
    assert sent == 2
    mails = [email.message_from_bytes(p.read_bytes()) for p in set(outbox.glob("*.eml")) - before]
    chinese = next(m for m in mails if m["To"] == reader.email)
    assert "会谈" in str(email.header.make_header(email.header.decode_header(chinese["Subject"])))
    files = {part.get_filename(): part for part in chinese.walk() if part.get_filename()}
    name = f"schedule-{forum.event.id}-{forum.cn[0].id}"
    assert files[f"{name}.pdf"].get_payload(decode=True).startswith(b"%PDF")
    ics = files[f"{name}.ics"].get_payload(decode=True)
    assert b"BEGIN:VEVENT" in ics and b"LOCATION:https://meet.example.org/forum/kcbridge-" in ics
