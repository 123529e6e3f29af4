"""Event pages: list, event page with registration and requests, organiser console, personal schedule."""

from __future__ import annotations

import re

from tests.support import csrf_of, login
from tests.support.events import make_visit, request_all, schedule

from kcbridge.events import repository as repo


def test_events_list_and_event_page_for_anonymous(client, db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    html = client.get("/events?lang=en").text
    assert "Gyeonggi AI firms visit Shanghai" in html and 'href="/events"' in html
    page = client.get(f"/events/{visit.event.id}")
    assert page.status_code == 200 and "Log in and register" in page.text
    assert client.get(f"/events/{visit.event.id}/console", follow_redirects=False).status_code == 303


def test_story_one_in_the_browser(client, db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=2, slots=2)
    eid = visit.event.id
    # A firm of the delegation registers through the page.
    newcomer = make_user(email="newcomer@test.example")
    org = make_org(owner=newcomer, name_ko="판교비전", name_en="Pangyo Vision")
    login(client, "newcomer@test.example")
    token = csrf_of(client, f"/events/{eid}")
    r = client.post(
        f"/events/{eid}/register", data={"csrf_token": token, "organisation_id": org.id, "role": "visitor"}
    )
    assert r.status_code == 200 and "Your registration was sent" in r.text
    pid = next(p.id for p in repo.participants(db, eid) if p.organisation_id == org.id)
    db.commit()  # end the read so the web requests can write (SQLite)
    # Requests before approval are refused with a clear message.
    r = client.post(
        f"/events/{eid}/requests", data={"csrf_token": token, "from_id": pid, "to_id": visit.teams[0].id}
    )
    assert r.status_code == 422 and f"Participant {pid} is not approved yet" in r.text
    client.post("/logout", data={"csrf_token": token})
    # The organiser approves in the console.
    login(client, visit.organiser.email)
    token = csrf_of(client, f"/events/{eid}/console")
    r = client.post(
        f"/events/{eid}/console/participants",
        data={"csrf_token": token, "participant_id": pid, "action": "approve"},
    )
    assert r.status_code == 200 and "Saved." in r.text
    client.post("/logout", data={"csrf_token": token})
    # The firm requests meetings with both host teams.
    login(client, "newcomer@test.example")
    token = csrf_of(client, f"/events/{eid}")
    for team in visit.teams:
        r = client.post(
            f"/events/{eid}/requests",
            data={"csrf_token": token, "from_id": pid, "to_id": team.id, "message": "협력 논의"},
        )
        assert r.status_code == 200 and "Your meeting request was sent" in r.text
    client.post("/logout", data={"csrf_token": token})
    # The host accepts one and declines the other.
    login(client, visit.host_user.email)
    token = csrf_of(client, f"/events/{eid}")
    mine = [r for r in repo.requests(db, eid) if r.from_id == pid]
    db.commit()
    for req, accept in zip(mine, ("1", "0"), strict=True):
        r = client.post(f"/events/requests/{req.id}/answer", data={"csrf_token": token, "accept": accept})
        assert r.status_code == 200
    client.post("/logout", data={"csrf_token": token})
    # The organiser runs the scheduler and publishes.
    login(client, visit.organiser.email)
    token = csrf_of(client, f"/events/{eid}/console")
    r = client.post(f"/events/{eid}/console/schedule", data={"csrf_token": token})
    assert r.status_code == 200 and "scheduler" in r.text.lower()
    r = client.post(f"/events/{eid}/console/publish", data={"csrf_token": token})
    assert r.status_code == 200 and "Meetings were published" in r.text
    assert "Room 1" in r.text and "Pangyo Vision" in r.text
    csv = client.get(f"/events/{eid}/meetings.csv")
    assert csv.status_code == 200 and "Pangyo Vision" in csv.text
    client.post("/logout", data={"csrf_token": token})
    # The firm sees its schedule in Shanghai time and in Seoul time, and downloads PDF and ICS.
    login(client, "newcomer@test.example")
    page = client.get(f"/events/participants/{pid}?tz=Asia/Seoul&lang=ko").text
    assert "Cloud Shanghai" in page or "阿里云上海" in page
    times = re.findall(r"2026-12-08 (\d\d:\d\d)–", page)
    assert times[:2] in (["14:00", "15:00"], ["14:40", "15:40"])  # Shanghai and Seoul are one hour apart
    assert client.get(f"/events/participants/{pid}/schedule.pdf").content.startswith(b"%PDF")
    ics = client.get(f"/events/participants/{pid}/schedule.ics")
    assert b"BEGIN:VEVENT" in ics.content and b"TZID=Asia/Shanghai" in ics.content


def test_pages_enforce_access(client, db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=2, teams=1, slots=1)
    request_all(db, visit)
    schedule(db, visit)
    eid, pid = visit.event.id, visit.firms[0].id
    outsider = make_user(email="outsider@test.example")
    firm_email, other_pid = visit.firm_users[1].email, visit.firms[1].id
    db.commit()
    login(client, "outsider@test.example")
    assert client.get(f"/events/{eid}/console").status_code == 403
    assert client.get(f"/events/participants/{pid}").status_code == 403
    assert client.get(f"/events/participants/{pid}/schedule.pdf").status_code == 403
    assert client.get(f"/events/{eid}/meetings.csv").status_code == 403
    token = csrf_of(client, f"/events/{eid}")
    r = client.post(f"/events/{eid}/console/publish", data={"csrf_token": token})
    assert r.status_code == 403
    assert outsider.id
    client.post("/logout", data={"csrf_token": token})
    login(client, firm_email)
    assert client.get(f"/events/participants/{pid}").status_code == 403  # another firm's schedule
    assert client.get(f"/events/participants/{other_pid}").status_code == 200


def test_create_event_form(client, db, make_user, make_org):
    user = make_user(email="org@test.example")
    org = make_org(owner=user, name_en="Beijing KIC")
    login(client, "org@test.example")
    token = csrf_of(client, "/events/new")
    data = {
        "csrf_token": token,
        "event_type": "forum",
        "mode": "hybrid",
        "title_en": "Innovation forum",
        "timezone": "Asia/Shanghai",
        "starts_at": "2026-12-10T09:00",
        "ends_at": "2026-12-10T08:00",
        "organiser_org_id": org.id,
        "languages": ["zh", "ko"],
    }
    r = client.post("/events/new", data=data)
    assert r.status_code == 422 and "The event must end after it starts." in r.text
    data["ends_at"] = "2026-12-10T18:00"
    r = client.post("/events/new", data=data)
    assert r.status_code == 200 and "Organiser console" in r.text
    # Slots that overlap are refused in the console, named by their times.
    eid = int(re.search(r"/events/(\d+)/console", str(r.url)).group(1))
    slot = {
        "csrf_token": token,
        "starts_at": "2026-12-10T10:00",
        "minutes": 30,
        "break_minutes": 0,
        "count": 2,
    }
    assert client.post(f"/events/{eid}/console/slots", data=slot).status_code == 200
    r = client.post(
        f"/events/{eid}/console/slots", data={**slot, "starts_at": "2026-12-10T10:15", "count": 1}
    )
    assert r.status_code == 422
    assert re.search(
        r"New slot 1 \(Dec 10 10:15 Shanghai\) overlaps slot #\d+ \(Dec 10 10:00 Shanghai\)\.",
        r.text,
    )


def test_organiser_places_and_moves_meetings_by_hand(client, db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=2, teams=1, slots=2)
    r1, r2 = request_all(db, visit)
    eid, email = visit.event.id, visit.organiser.email
    s1, s2, table = visit.slots[0].id, visit.slots[1].id, visit.tables[0].id
    db.commit()
    login(client, email)
    token = csrf_of(client, f"/events/{eid}/console")
    assert "Accepted requests without a meeting" in client.get(f"/events/{eid}/console").text
    r = client.post(
        f"/events/{eid}/console/place",
        data={"csrf_token": token, "request_id": r1.id, "place": f"{s1}:{table}"},
    )
    assert r.status_code == 200 and "Saved." in r.text
    r = client.post(
        f"/events/{eid}/console/place",
        data={"csrf_token": token, "request_id": r2.id, "place": f"{s1}:{table}"},
    )
    assert r.status_code == 422 and "The slot at Dec 8 14:00 Shanghai is already taken" in r.text
    (m,) = repo.meetings(db, eid)
    db.commit()
    r = client.post(
        f"/events/{eid}/console/meetings/{m.id}",
        data={"csrf_token": token, "action": "move", "place": f"{s2}:{table}"},
    )
    assert r.status_code == 200
    db.expire_all()
    assert [(x.slot_id, x.locked) for x in repo.meetings(db, eid)] == [(s2, True)]


def test_bookmark_from_the_marketplace(client, db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    eid, firm, team, email = visit.event.id, visit.firms[0].id, visit.teams[0].id, visit.firm_users[0].email
    db.commit()
    login(client, email)
    token = csrf_of(client, f"/events/{eid}")
    r = client.post(
        f"/events/{eid}/bookmarks",
        data={"csrf_token": token, "from_id": firm, "to_id": team, "on": "1", "back": "marketplace"},
    )
    assert r.status_code == 200 and "★" in r.text and r.url.path == f"/events/{eid}/marketplace"
    assert [b.target_id for b in repo.bookmarks(db, eid)] == [team]
