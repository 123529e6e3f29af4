"""Hybrid events: meetings with an online side take place in online rooms with a link of their own, on-site
pairs at venue tables; calendar files and PDFs use the link as the place; switching online moves meetings."""

from __future__ import annotations

import pytest
from icalendar import Calendar
from tests.support.forum import VIDEO, make_forum, meet, run

from kcbridge.events import hybrid
from kcbridge.events import repository as repo
from kcbridge.events.attendance import attendance_service
from kcbridge.events.ics import calendar
from kcbridge.events.itinerary import itinerary
from kcbridge.events.meetings import meeting_service
from kcbridge.events.pdf import render_html
from kcbridge.events.schemas import AttendanceIn, MoveIn, RegistrationIn, TableIn
from kcbridge.events.service import event_service
from kcbridge.kit.errors import Invalid


def _place(db, forum):
    """Meeting of each pair as (table kind, link)."""
    tables = {t.id: t for t in repo.tables(db, forum.event.id)}
    out = {}
    for m in repo.meetings(db, forum.event.id):
        pair = frozenset(s.participant_id for s in m.seats)
        out[pair] = (tables[m.table_id].kind, hybrid.meeting_link(forum.event, tables[m.table_id], m.id))
    return out


def test_online_side_meets_in_an_online_room_on_site_pairs_at_a_table(db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=2, cn=2, online=(1,))  # KR firm 2 attends online
    k1, k2 = forum.kr
    c1, c2 = forum.cn
    for a, b in ((k1, c1), (k1, c2), (k2, c1), (k2, c2)):
        meet(db, forum, a, b)
    r = run(db, forum)
    db.refresh(r)
    assert r.status == "done" and r.meetings == 4
    places = _place(db, forum)
    for pair in (frozenset((k1.id, c1.id)), frozenset((k1.id, c2.id))):
        assert places[pair] == ("table", None)  # both on site: a venue table, no link
    links = set()
    for pair in (frozenset((k2.id, c1.id)), frozenset((k2.id, c2.id))):
        kind, link = places[pair]
        assert kind == "online" and link and link.startswith(VIDEO + "/kcbridge-")
        links.add(link)
    assert len(links) == 2  # a room of its own per meeting


def test_calendar_and_pdf_use_the_link_as_the_place(db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=1, cn=1, online=(0,))
    meet(db, forum, forum.kr[0], forum.cn[0])
    run(db, forum)
    items = itinerary(db, forum.event, forum.cn[0])
    assert len(items) == 1 and items[0].online and items[0].online_url.startswith(VIDEO)
    cal = Calendar.from_ical(calendar(forum.event, items, lang="zh", participant_id=forum.cn[0].id))
    vevent = cal.walk("VEVENT")[0]
    assert str(vevent["LOCATION"]) == items[0].online_url and str(vevent["URL"]) == items[0].online_url
    html = render_html(forum.event, {"ko": "x", "zh": "x", "en": "x"}, items, "ko")
    assert items[0].online_url in html


def test_an_online_room_needs_a_link(db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=1, cn=1, rooms=0, video=None)
    with pytest.raises(Invalid) as err:
        event_service.add_table(
            db, user=forum.organiser, event_id=forum.event.id, data=TableIn(name="Room X", kind="online")
        )
    assert err.value.fields[0][0] == ("online_url",) and "needs a link" in err.value.message
    room = event_service.add_table(
        db,
        user=forum.organiser,
        event_id=forum.event.id,
        data=TableIn(name="Room Y", kind="online", online_url="https://meet.example.org/room-y"),
    )
    assert room.kind == "online"


def test_an_online_pair_cannot_be_moved_to_a_venue_table(db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=1, cn=1, online=(0,))
    meet(db, forum, forum.kr[0], forum.cn[0])
    run(db, forum)
    m = repo.meetings(db, forum.event.id)[0]
    with pytest.raises(Invalid) as err:
        meeting_service.move(
            db,
            user=forum.organiser,
            meeting_id=m.id,
            data=MoveIn(slot_id=m.slot_id, table_id=forum.tables[0].id),
        )
    assert "attends online" in err.value.message and err.value.fields[0][0] == ("table_id",)
    db.rollback()
    assert repo.meeting(db, m.id).table_id in {r.id for r in forum.rooms}  # nothing half-saved


def test_switching_online_moves_the_meeting_to_a_free_room_and_tells_both(db, make_user, make_org):
    from kcbridge.notifications.models import Notification

    forum = make_forum(db, make_user, make_org, kr=1, cn=1)
    meet(db, forum, forum.kr[0], forum.cn[0])
    run(db, forum)
    m = repo.meetings(db, forum.event.id)[0]
    assert m.table_id in {t.id for t in forum.tables}
    out = attendance_service.set_attendance(
        db,
        user=forum.users[forum.kr[0].id],
        participant_id=forum.kr[0].id,
        data=AttendanceIn(attendance="online"),
    )
    db.commit()
    assert [x.id for x in out.moved] == [m.id] and not out.stuck
    moved = repo.meeting(db, m.id)
    assert moved.table_id in {r.id for r in forum.rooms} and moved.slot_id == m.slot_id
    kinds = [n.kind for n in db.query(Notification).all()]
    assert kinds.count("meeting_moved") == 2


def test_switching_online_with_no_free_room_tells_the_organisers(db, make_user, make_org):
    from kcbridge.notifications.models import Notification

    forum = make_forum(db, make_user, make_org, kr=1, cn=1, rooms=0)
    meet(db, forum, forum.kr[0], forum.cn[0])
    run(db, forum)
    out = attendance_service.set_attendance(
        db,
        user=forum.users[forum.cn[0].id],
        participant_id=forum.cn[0].id,
        data=AttendanceIn(attendance="online"),
    )
    db.commit()
    assert not out.moved and len(out.stuck) == 1
    told = db.query(Notification).filter_by(kind="meeting_attendance_conflict").all()
    assert [n.user_id for n in told] == [forum.organiser.id]


def test_attendance_must_fit_the_event(db, make_user, make_org):
    from tests.support.events import make_visit

    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)  # on site only
    user = make_user()
    org = make_org(owner=user)
    with pytest.raises(Invalid) as err:
        event_service.register(
            db,
            user=user,
            event_id=visit.event.id,
            data=RegistrationIn(organisation_id=org.id, attendance="online"),
        )
    assert err.value.fields[0][0] == ("attendance",)


def test_attendance_switch_through_the_api(client, db, make_user, make_org, api_token):
    forum = make_forum(db, make_user, make_org, kr=1, cn=1)
    pid = forum.kr[0].id
    owner, other = forum.users[pid], forum.users[forum.cn[0].id]
    headers, strangers = api_token(owner), api_token(other)
    r = client.put(f"/api/v1/participants/{pid}/attendance", json={"attendance": "online"}, headers=strangers)
    assert r.status_code == 403
    r = client.put(
        f"/api/v1/participants/{pid}/attendance", json={"attendance": "by pigeon"}, headers=headers
    )
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][:2] == ["body", "attendance"]
    r = client.put(f"/api/v1/participants/{pid}/attendance", json={"attendance": "online"}, headers=headers)
    assert r.status_code == 200 and r.json()["participant"]["attendance"] == "online"
