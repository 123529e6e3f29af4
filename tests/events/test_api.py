"""Events API: story 1 end to end over HTTP, and who may call which route."""

from __future__ import annotations

import pytest
from icalendar import Calendar
from tests.support.events import make_visit, request_all, schedule


def test_story_one_over_the_api(client, db, make_user, make_org, api_token):
    organiser = make_user()
    gov = make_org(owner=organiser, name_ko="경기도", name_en="Gyeonggi Province", org_type="government")
    host_user = make_user()
    host = make_org(owner=host_user, name_zh="阿里云", name_en="Alibaba Cloud", country="CN")
    firm_user = make_user()
    firm = make_org(owner=firm_user, name_ko="판교AI", name_en="Pangyo AI")
    org_h, host_h, firm_h = api_token(organiser), api_token(host_user), api_token(firm_user)

    r = client.post(
        "/api/v1/events",
        headers=org_h,
        json={
            "event_type": "delegation_visit",
            "title_ko": "상하이 방문",
            "title_zh": "上海访问",
            "timezone": "Asia/Shanghai",
            "starts_at": "2026-12-08T09:00:00",
            "ends_at": "2026-12-08T18:00:00",
            "languages": ["zh", "ko"],
            "organiser_org_id": gov.id,
        },
    )
    assert r.status_code == 201, r.text
    event = r.json()
    assert event["starts_at"].startswith("2026-12-08T01:00:00")
    eid = event["id"]
    r = client.post(
        f"/api/v1/events/{eid}/slots/series",
        headers=org_h,
        json={"starts_at": "2026-12-08T14:00:00", "minutes": 30, "break_minutes": 10, "count": 2},
    )
    assert r.status_code == 201, r.text
    team = client.post(
        f"/api/v1/events/{eid}/participants",
        headers=org_h,
        json={"organisation_id": host.id, "team": "AI platform", "role": "host_team"},
    ).json()
    assert team["status"] == "invited"  # the organiser invites the host; the host's member accepts
    r = client.post(f"/api/v1/participants/{team['id']}/invitation/accept", headers=host_h, json={})
    assert r.status_code == 200 and r.json()["status"] == "approved", r.text
    r = client.post(
        f"/api/v1/events/{eid}/tables", headers=org_h, json={"name": "Room A", "owner_id": team["id"]}
    )
    assert r.status_code == 201, r.text
    me = client.post(f"/api/v1/events/{eid}/participants", headers=firm_h, json={"organisation_id": firm.id})
    assert me.status_code == 201 and me.json()["status"] == "pending"
    pid = me.json()["id"]
    assert client.post(f"/api/v1/participants/{pid}/approve", headers=firm_h).status_code == 403
    assert client.post(f"/api/v1/participants/{pid}/approve", headers=org_h).status_code == 200
    req = client.post(
        f"/api/v1/events/{eid}/requests",
        headers=firm_h,
        json={"from_id": pid, "to_id": team["id"], "message": "안녕하세요"},
    )
    assert req.status_code == 201, req.text
    assert client.post(f"/api/v1/requests/{req.json()['id']}/accept", headers=firm_h).status_code == 403
    assert client.post(f"/api/v1/requests/{req.json()['id']}/accept", headers=host_h).status_code == 200
    run = client.post(f"/api/v1/events/{eid}/schedule", headers=org_h, json={"time_limit": 5})
    assert run.status_code == 202, run.text
    run = client.get(f"/api/v1/events/{eid}/runs/{run.json()['id']}", headers=org_h).json()
    assert run["status"] == "done" and run["meetings"] == 1
    assert client.get(f"/api/v1/events/{eid}/meetings", headers=firm_h).json() == []  # drafts stay private
    assert client.post(f"/api/v1/events/{eid}/publish", headers=org_h).json() == {"published": 1}
    (meeting,) = client.get(f"/api/v1/events/{eid}/meetings", headers=firm_h).json()
    assert meeting["starts_at"][:19] in ("2026-12-08T06:00:00", "2026-12-08T06:40:00")
    ics = client.get(f"/api/v1/participants/{pid}/schedule.ics", headers=firm_h)
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    (vevent,) = Calendar.from_ical(ics.content).walk("VEVENT")
    assert vevent.decoded("DTSTART").utcoffset().total_seconds() == 8 * 3600
    pdf = client.get(f"/api/v1/participants/{pid}/schedule.pdf", headers=firm_h)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    stats = client.get(f"/api/v1/events/{eid}/stats", headers=org_h).json()
    assert stats["meetings"] == 1 and stats["acceptance_rate"] == 1.0
    csv = client.get(f"/api/v1/events/{eid}/meetings.csv", headers=org_h)
    assert csv.status_code == 200 and "Room A" in csv.text and "Asia/Shanghai" in csv.text


@pytest.fixture
def published(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=2, teams=1, slots=2)
    request_all(db, visit)
    schedule(db, visit)
    return visit


def _who(who, visit, make_user, make_org):
    if who == "anonymous":
        return None
    if who == "other_org":
        user = make_user()
        make_org(owner=user)
        return user
    if who == "participant":
        return visit.firm_users[0]
    if who == "organiser":
        return visit.organiser
    from kcbridge.accounts.models import Role

    return make_user(role=Role.ADMIN)


ROLES = ["anonymous", "other_org", "participant", "organiser", "admin"]


@pytest.mark.parametrize(
    ("route", "allowed"),
    [
        ("GET /events/{e}/stats", {"organiser", "admin"}),
        ("GET /events/{e}/meetings.csv", {"organiser", "admin"}),
        ("GET /events/{e}/stats.csv", {"organiser", "admin"}),
        ("POST /events/{e}/publish", {"organiser", "admin"}),
        ("POST /events/{e}/schedule", {"organiser", "admin"}),
        ("GET /participants/{p}/schedule.ics", {"participant", "organiser", "admin"}),
        ("GET /participants/{p}/schedule.pdf", {"participant", "organiser", "admin"}),
        ("POST /participants/{p}/approve", {"organiser", "admin"}),
        ("GET /events/{e}/requests", {"other_org", "participant", "organiser", "admin"}),
    ],
)
def test_route_access(client, published, make_user, make_org, api_token, route, allowed):
    method, path = route.split(" ")
    path = "/api/v1" + path.format(e=published.event.id, p=published.firms[0].id)
    for who in ROLES:
        user = _who(who, published, make_user, make_org)
        headers = api_token(user) if user else {}
        r = client.request(method, path, headers=headers)
        expected = (200, 202) if who in allowed else ((401,) if who == "anonymous" else (403,))
        assert r.status_code in expected, (route, who, r.status_code, r.text[:200])


def test_requests_are_private_to_their_sides(client, published, make_user, make_org, api_token):
    eid = published.event.id
    outsider = make_user()
    make_org(owner=outsider)
    assert client.get(f"/api/v1/events/{eid}/requests", headers=api_token(outsider)).json() == []
    mine = client.get(f"/api/v1/events/{eid}/requests", headers=api_token(published.firm_users[0])).json()
    assert {r["from_id"] for r in mine} == {published.firms[0].id}
    everything = client.get(f"/api/v1/events/{eid}/requests", headers=api_token(published.organiser)).json()
    assert len(everything) == 2


def test_bad_input_names_the_ids(client, published, api_token):
    eid, org_h = published.event.id, api_token(published.organiser)
    r = client.post(
        f"/api/v1/events/{eid}/slots",
        headers=org_h,
        json=[{"starts_at": "2026-12-08T14:10:00", "ends_at": "2026-12-08T14:20:00"}],
    )
    assert r.status_code == 422
    assert f"overlaps slot #{published.slots[0].id} (Dec 8 14:00 Shanghai)." in r.json()["detail"][0]["msg"]
    assert r.json()["detail"][0]["loc"] == ["slots", 0]
    firm = published.firms[1]
    r = client.post(
        f"/api/v1/events/{eid}/requests",
        headers=api_token(published.firm_users[1]),
        json={"from_id": firm.id, "to_id": firm.id},
    )
    assert r.status_code == 422 and str(firm.id) in r.json()["detail"][0]["msg"]
    r = client.post(
        f"/api/v1/events/{eid}/requests",
        headers=api_token(published.firm_users[1]),
        json={"from_id": firm.id, "to_id": published.teams[0].id},
    )
    assert r.status_code == 409 and "already asked" in r.json()["detail"][0]["msg"]
    r = client.post(
        "/api/v1/events",
        headers=org_h,
        json={
            "event_type": "forum",
            "title_en": "X",
            "timezone": "Mars/Olympus",
            "starts_at": "2026-12-08T09:00:00",
            "ends_at": "2026-12-08T18:00:00",
            "organiser_org_id": published.organiser_org.id,
        },
    )
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "timezone"]


def test_bookmarks_over_the_api(client, published, api_token):
    firm, team = published.firms[0], published.teams[0]
    headers = api_token(published.firm_users[0])
    assert (
        client.put(f"/api/v1/participants/{firm.id}/bookmarks/{team.id}", headers=headers).status_code == 204
    )
    assert client.get(f"/api/v1/participants/{firm.id}/bookmarks", headers=headers).json() == [team.id]
    other = api_token(published.firm_users[1])
    assert client.get(f"/api/v1/participants/{firm.id}/bookmarks", headers=other).status_code == 403
    assert client.put(f"/api/v1/participants/{firm.id}/bookmarks/{team.id}", headers=other).status_code == 403
    assert (
        client.delete(f"/api/v1/participants/{firm.id}/bookmarks/{team.id}", headers=headers).status_code
        == 204
    )
    assert client.get(f"/api/v1/participants/{firm.id}/bookmarks", headers=headers).json() == []
