"""Expressions of interest addressed to an organisation's profile (a match or a directory entry)."""

from __future__ import annotations

from tests.support import csrf_of, login

CONTACT = "wang.li@lingqiao.example"


def _parties(make_user, make_org):
    seoul, shenzhen = make_user(), make_user()
    startup = make_org(owner=seoul, name_ko="로보터치", sectors=["robotics"])
    maker = make_org(
        owner=shenzhen,
        name_zh="深圳灵巧智能科技有限公司",
        country="CN",
        sectors=["humanoid_robots"],
        people=({"name": "王丽", "email": CONTACT},),
    )
    return seoul, startup, shenzhen, maker


def test_profile_interest_opens_contacts_only_after_acceptance(client, make_user, make_org, api_token):
    seoul, startup, shenzhen, maker = _parties(make_user, make_org)
    kr, cn, other = api_token(seoul), api_token(shenzhen), api_token(make_user())
    assert CONTACT not in client.get(f"/organisations/{maker.id}", headers=kr).text

    r = client.post(
        f"/api/v1/organisations/{maker.id}/interests", json={"message": "협력하고 싶습니다"}, headers=kr
    )
    assert r.status_code == 201, r.text
    eoi = r.json()
    assert eoi["opportunity_id"] is None and eoi["to_organisation_id"] == maker.id
    assert eoi["from_organisation_id"] == startup.id and eoi["status"] == "pending"

    again = client.post(f"/api/v1/organisations/{maker.id}/interests", json={}, headers=kr)
    assert again.status_code == 409 and "already" in again.json()["detail"][0]["msg"]
    own = client.post(f"/api/v1/organisations/{startup.id}/interests", json={}, headers=kr)
    assert own.status_code == 409
    # Still hidden while pending; the sender cannot answer for the addressee, a stranger does not see it.
    login(client, seoul.email)
    assert CONTACT not in client.get(f"/organisations/{maker.id}").text
    client.cookies.clear()
    assert client.post(f"/api/v1/interests/{eoi['id']}/accept", headers=kr).status_code == 403
    assert client.post(f"/api/v1/interests/{eoi['id']}/accept", headers=other).status_code == 404

    received = client.get("/api/v1/interests", headers=cn).json()["received"]
    assert [e["id"] for e in received] == [eoi["id"]]
    assert client.post(f"/api/v1/interests/{eoi['id']}/accept", headers=cn).json()["status"] == "accepted"
    login(client, seoul.email)
    assert CONTACT in client.get(f"/organisations/{maker.id}").text
    notes = client.get("/api/v1/notifications").json()
    assert any(n["kind"] == "eoi_accepted" and "深圳灵巧" in n["text"] for n in notes)


def test_profile_interest_refusals(client, make_user, make_org, api_token):
    seoul, _startup, _shenzhen, maker = _parties(make_user, make_org)
    kr = api_token(seoul)
    assert client.post(f"/api/v1/organisations/{maker.id}/interests", json={}).status_code == 401
    assert client.post("/api/v1/organisations/999999/interests", json={}, headers=kr).status_code == 404
    unmanaged = make_org(name_zh="无人管理的公司", country="CN")
    r = client.post(f"/api/v1/organisations/{unmanaged.id}/interests", json={}, headers=kr)
    assert r.status_code == 409 and "answer" in r.json()["detail"][0]["msg"]
    lonely = make_user()  # belongs to no organisation
    r = client.post(f"/api/v1/organisations/{maker.id}/interests", json={}, headers=api_token(lonely))
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "from_organisation_id"
    r = client.post(f"/api/v1/organisations/{maker.id}/interests", json={"message": "x" * 4001}, headers=kr)
    assert r.status_code == 422


def test_profile_interest_box_in_korean_and_chinese(client, make_user, make_org):
    seoul, _startup, shenzhen, maker = _parties(make_user, make_org)
    box = client.get(f"/organisations/{maker.id}/interest?lang=ko")
    assert box.status_code == 200 and f"/login?next=/organisations/{maker.id}" in box.text
    assert "관심 표명" in box.text or "관심" in box.text

    token = csrf_of(client, "/login")
    r = client.post(f"/organisations/{maker.id}/interest", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code in (303, 401) and "/login" in r.headers.get("location", "/login")  # log in first

    login(client, seoul.email)
    box = client.get(f"/organisations/{maker.id}/interest?lang=ko").text
    assert 'name="from_organisation_id"' in box
    token = csrf_of(client, f"/organisations/{maker.id}")
    r = client.post(
        f"/organisations/{maker.id}/interest",
        data={"csrf_token": token, "message": "시범 생산을 논의하고 싶습니다"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    box = client.get(f"/organisations/{maker.id}/interest?sent=1&lang=ko").text
    assert 'name="from_organisation_id"' not in box and "로보터치" in box
    # Without the CSRF token the form is refused, and nothing more is sent.
    r = client.post(f"/organisations/{maker.id}/interest", data={"message": "again"}, follow_redirects=False)
    assert r.status_code == 403

    client.cookies.clear()
    login(client, shenzhen.email)
    assert client.get(f"/organisations/{maker.id}/interest").text == ""  # one's own profile
    page = client.get("/interests?lang=zh_Hans").text
    assert "로보터치" in page and "接受" in page
