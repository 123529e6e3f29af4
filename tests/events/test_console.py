"""The organiser console at scale: a compact grid with filters, the meeting dialog, the scheduler run's
progress that reloads the page when done, directory search to add participants, online rooms."""

from __future__ import annotations

from tests.support import csrf_of, login
from tests.support.forum import make_forum, meet, run

from kcbridge.events import repository as repo
from kcbridge.events.models import SchedulerRun
from kcbridge.kit.db import utcnow


def _forum(db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=2, cn=2, online=(1,), slots=3)
    k1, k2 = forum.kr
    c1, c2 = forum.cn
    for a, b in ((k1, c1), (k2, c2), (k1, c2)):
        meet(db, forum, a, b)
    run(db, forum)
    return forum


def test_grid_filters_by_participant_table_and_status(client, db, make_user, make_org):
    forum = _forum(db, make_user, make_org)
    eid, k1, room = forum.event.id, forum.kr[0].id, forum.rooms[0].id
    db.commit()
    login(client, forum.organiser.email)
    page = client.get(f"/events/{eid}/console?lang=ko").text
    assert page.count('class="m m-published"') == 3
    assert client.get(f"/events/{eid}/console?who={k1}").text.count('class="m m-published"') == 2
    assert client.get(f"/events/{eid}/console?status=draft").text.count('class="m m-') == 0
    only = client.get(f"/events/{eid}/console?table={room}").text
    assert only.count("<tr>") < page.count("<tr>")
    # Nonsense filters are ignored, never a 500.
    assert client.get(f"/events/{eid}/console?who=abc&table=99999999999&status=x").status_code == 200


def test_meeting_dialog_offers_only_places_that_fit(client, db, make_user, make_org):
    forum = _forum(db, make_user, make_org)
    eid = forum.event.id
    online_meeting = next(
        m for m in repo.meetings(db, eid) if forum.kr[1].id in {s.participant_id for s in m.seats}
    )
    db.commit()
    login(client, forum.organiser.email)
    fragment = client.get(
        f"/events/{eid}/console/meetings/{online_meeting.id}", headers={"HX-Request": "true"}
    )
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "Online room" in fragment.text and ":" + str(forum.tables[0].id) + '"' not in fragment.text
    page = client.get(f"/events/{eid}/console/meetings/{online_meeting.id}")
    assert "<html" in page.text and "Back to the console" in page.text


def test_a_running_scheduler_shows_its_progress_and_asks_for_a_reload_when_done(
    client, db, make_user, make_org
):
    forum = _forum(db, make_user, make_org)
    eid = forum.event.id
    running = SchedulerRun(event_id=eid, status="running", time_limit=10, started_at=utcnow())
    db.add(running)
    db.commit()
    login(client, forum.organiser.email)
    page = client.get(f"/events/{eid}/console").text
    assert f'hx-get="/events/{eid}/console/run"' in page and "<progress" in page
    box = client.get(f"/events/{eid}/console/run")
    assert box.status_code == 200 and "HX-Refresh" not in box.headers and "<progress" in box.text
    running.status = "done"
    db.commit()
    box = client.get(f"/events/{eid}/console/run")
    assert box.headers.get("HX-Refresh") == "true"


def test_add_a_participant_by_searching_the_directory_in_any_language(client, db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=0, cn=0)
    owner = make_user()
    org = make_org(owner=owner, name_ko="로보터치", name_zh="罗博触控", name_en="RoboTouch", country="KR")
    eid, oid = forum.event.id, org.id
    db.commit()
    login(client, forum.organiser.email)
    for q in ("로보터치", "罗博触控", "robotouch"):
        found = client.get(f"/events/{eid}/console/orgs", params={"q": q}).text
        assert f'value="{oid}"' in found, q
    token = csrf_of(client, f"/events/{eid}/console")
    r = client.post(
        f"/events/{eid}/console/participants",
        data={
            "csrf_token": token,
            "action": "add",
            "organisation_id": oid,
            "role": "visitor",
            "attendance": "online",
        },
    )
    assert r.status_code == 200
    [p] = [p for p in repo.participants(db, eid) if p.organisation_id == oid]
    assert p.status == "invited" and p.attendance == "online"


def test_a_co_host_is_found_by_name_in_any_language_and_listed(client, db, make_user, make_org):
    forum = _forum(db, make_user, make_org)
    partner = make_org(
        owner=make_user(), name_ko="상하이 혁신센터", name_zh="上海创新中心", name_en="Shanghai Hub"
    )
    eid, pid = forum.event.id, partner.id
    db.commit()
    login(client, forum.organiser.email)
    assert "上海创新中心" not in client.get(f"/events/{eid}/console?lang=zh_Hans").text
    for q in ("혁신센터", "上海创新", "shanghai hub"):
        found = client.get(
            f"/events/{eid}/console/orgs", params={"q": q, "purpose": "cohost", "lang": "ko"}
        ).text
        assert f'value="{pid}"' in found and "이미 이 행사를 주최합니다" not in found, q  # not yet a host
    token = csrf_of(client, f"/events/{eid}/console")
    form = {"csrf_token": token, "action": "cohost", "organisation_id": pid, "q": "上海"}
    assert client.post(f"/events/{eid}/console/participants", data=form).status_code == 200
    assert "上海创新中心" in client.get(f"/events/{eid}/console?lang=zh_Hans").text  # listed as a co-host
    found = client.get(
        f"/events/{eid}/console/orgs", params={"q": "shanghai hub", "purpose": "cohost", "lang": "ko"}
    ).text
    assert "이미 이 행사를 주최합니다" in found
    again = client.post(f"/events/{eid}/console/participants?lang=en", data=form | {"q": ""})
    assert again.status_code == 422 and "Organisation Shanghai Hub already hosts this event" in again.text
    nothing = client.post(f"/events/{eid}/console/participants", data=form | {"organisation_id": ""})
    assert nothing.status_code == 422 and "This organisation does not exist." in nothing.text


def test_online_rooms_are_added_in_bulk_and_need_a_link(client, db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=0, cn=0, rooms=0, video=None)
    eid = forum.event.id
    db.commit()
    login(client, forum.organiser.email)
    token = csrf_of(client, f"/events/{eid}/console")
    r = client.post(f"/events/{eid}/console/rooms", data={"csrf_token": token, "count": "5"})
    assert r.status_code == 422 and "needs a link" in r.text
    assert not [t for t in repo.tables(db, eid) if t.kind == "online"]  # nothing half-saved
    r = client.post(
        f"/events/{eid}/console/video", data={"csrf_token": token, "video_base_url": "javascript:alert(1)"}
    )
    assert r.status_code == 422 and "https://" in r.text
    client.post(
        f"/events/{eid}/console/video",
        data={"csrf_token": token, "video_base_url": "https://meet.example.org/f"},
    )
    r = client.post(f"/events/{eid}/console/rooms", data={"csrf_token": token, "count": "5"})
    assert r.status_code == 200
    db.expire_all()
    assert len([t for t in repo.tables(db, eid) if t.kind == "online"]) == 5
    r = client.post(f"/events/{eid}/console/rooms", data={"csrf_token": token, "count": "500"})
    assert r.status_code == 422
