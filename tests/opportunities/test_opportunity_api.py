"""Opportunities API: who may do what on each route, and contacts revealed only after acceptance."""

from __future__ import annotations

from kcbridge.accounts.models import Role

BODY = {
    "opp_type": "technology_request",
    "texts": {"ko": {"title": "로봇 손 제조 파트너", "description": "중국 제조 파트너를 찾습니다."}},
    "sectors": ["humanoid_robots"],
    "coop_types": ["co_production"],
}


def test_create_edit_submit_review_authz(client, make_user, make_org, api_token, staff):
    owner, stranger, admin = make_user(), make_user(), make_user(role=Role.ADMIN)
    org = make_org(owner=owner)
    body = {**BODY, "organisation_id": org.id}
    assert client.post("/api/v1/opportunities", json=body).status_code == 401
    assert client.post("/api/v1/opportunities", json=body, headers=api_token(stranger)).status_code == 403
    r = client.post("/api/v1/opportunities", json=body, headers=api_token(owner))
    assert r.status_code == 201, r.text
    opp = r.json()
    assert opp["status"] == "draft" and opp["organisation"]["id"] == org.id
    oid = opp["id"]
    # A draft is invisible to anonymous visitors and other organisations (404, not 403: no existence leak).
    assert client.get(f"/api/v1/opportunities/{oid}").status_code == 404
    assert client.get(f"/api/v1/opportunities/{oid}", headers=api_token(stranger)).status_code == 404
    assert client.get(f"/api/v1/opportunities/{oid}", headers=api_token(staff)).status_code == 200
    patch = {"deadline": "2999-01-01"}
    assert (
        client.patch(f"/api/v1/opportunities/{oid}", json=patch, headers=api_token(stranger)).status_code
        == 404
    )
    assert (
        client.patch(f"/api/v1/opportunities/{oid}", json=patch, headers=api_token(owner)).status_code == 200
    )
    assert client.post(f"/api/v1/opportunities/{oid}/submit", headers=api_token(stranger)).status_code == 404
    assert (
        client.post(f"/api/v1/opportunities/{oid}/submit", headers=api_token(owner)).json()["status"]
        == "in_review"
    )
    queue = client.get("/api/v1/opportunities/review", headers=api_token(staff))
    assert [o["id"] for o in queue.json()] == [oid]
    assert client.get("/api/v1/opportunities/review", headers=api_token(owner)).status_code == 403
    review = {"decision": "approve"}
    assert (
        client.post(f"/api/v1/opportunities/{oid}/review", json=review, headers=api_token(owner)).status_code
        == 403
    )
    bad = client.post(
        f"/api/v1/opportunities/{oid}/review", json={"decision": "reject"}, headers=api_token(staff)
    )
    assert bad.status_code == 422
    r = client.post(f"/api/v1/opportunities/{oid}/review", json=review, headers=api_token(admin))
    assert r.status_code == 200 and r.json()["status"] == "published"
    # Published: everyone reads it, on the board too.
    assert client.get(f"/api/v1/opportunities/{oid}").status_code == 200
    board = client.get("/api/v1/opportunities", params={"sector": "humanoid_robots"}).json()
    assert [o["id"] for o in board["items"]] == [oid] and board["items"][0]["review_comment"] is None
    assert client.post(f"/api/v1/opportunities/{oid}/close", headers=api_token(stranger)).status_code == 403
    assert (
        client.post(f"/api/v1/opportunities/{oid}/close", headers=api_token(owner)).json()["status"]
        == "closed"
    )


def test_validation_names_the_field(client, make_user, make_org, api_token):
    owner = make_user()
    org = make_org(owner=owner)
    h = api_token(owner)
    r = client.post(
        "/api/v1/opportunities", json={**BODY, "organisation_id": org.id, "opp_type": "x"}, headers=h
    )
    assert r.status_code == 422 and ["body", "opp_type"] in [e["loc"] for e in r.json()["detail"]]
    r = client.post(
        "/api/v1/opportunities",
        json={**BODY, "organisation_id": org.id, "texts": {"ko": {"title": " "}}},
        headers=h,
    )
    assert r.status_code == 422 and ["body", "texts"] in [e["loc"] for e in r.json()["detail"]]
    # An opportunity without sectors is fine.
    r = client.post(
        "/api/v1/opportunities", json={**BODY, "organisation_id": org.id, "sectors": []}, headers=h
    )
    assert r.status_code == 201


def test_anonymous_opportunity_hides_the_name(client, make_user, make_org, make_opp, api_token):
    owner = make_user()
    org = make_org(owner=owner, name_en="Secret Robotics", size="startup")
    opp = make_opp(owner, org, anonymous=True)
    public = client.get(f"/api/v1/opportunities/{opp.id}").json()
    assert public["organisation"] == {
        "id": None,
        "name": None,
        "country": "KR",
        "org_type": "company",
        "size": "startup",
    }
    assert "Secret Robotics" not in client.get(f"/opportunities/{opp.id}").text
    mine = client.get(f"/api/v1/opportunities/{opp.id}", headers=api_token(owner)).json()
    assert mine["organisation"]["name"] == "Secret Robotics"


def test_contacts_are_revealed_only_after_acceptance(client, make_user, make_org, make_opp, api_token):
    owner, partner, stranger = make_user(), make_user(), make_user()
    org = make_org(owner=owner, people=({"name": "김지훈", "email": "kim@robo.example"},))
    partner_org = make_org(
        owner=partner, country="CN", people=({"name": "王芳", "email": "wang@parts.example"},)
    )
    make_org(owner=stranger)
    opp = make_opp(owner, org)

    def people(user, org_id):
        return client.get(f"/api/v1/organisations/{org_id}", headers=api_token(user)).json()["people"]

    assert people(partner, org.id) is None and people(owner, partner_org.id) is None
    r = client.post(
        f"/api/v1/opportunities/{opp.id}/interests",
        json={"message": "我们可以生产"},
        headers=api_token(partner),
    )
    assert r.status_code == 201, r.text
    eoi = r.json()
    assert eoi["status"] == "pending"
    assert people(partner, org.id) is None  # pending is not enough
    again = client.post(f"/api/v1/opportunities/{opp.id}/interests", json={}, headers=api_token(partner))
    assert again.status_code == 409 and "already" in again.json()["detail"][0]["msg"]
    own = client.post(f"/api/v1/opportunities/{opp.id}/interests", json={}, headers=api_token(owner))
    assert own.status_code == 409
    # Only the owner answers; the sender cannot accept its own request, strangers do not see it.
    assert client.post(f"/api/v1/interests/{eoi['id']}/accept", headers=api_token(partner)).status_code == 403
    assert (
        client.post(f"/api/v1/interests/{eoi['id']}/accept", headers=api_token(stranger)).status_code == 404
    )
    assert client.post(f"/api/v1/interests/{eoi['id']}/accept").status_code == 401
    received = client.get("/api/v1/interests", headers=api_token(owner)).json()["received"]
    assert [e["id"] for e in received] == [eoi["id"]]
    r = client.post(f"/api/v1/interests/{eoi['id']}/accept", headers=api_token(owner))
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    assert [p["email"] for p in people(partner, org.id)] == ["kim@robo.example"]
    assert [p["email"] for p in people(owner, partner_org.id)] == ["wang@parts.example"]
    assert people(stranger, org.id) is None and people(stranger, partner_org.id) is None
    assert client.post(f"/api/v1/interests/{eoi['id']}/decline", headers=api_token(owner)).status_code == 409
    notes = client.get("/api/v1/notifications", headers=api_token(partner)).json()
    assert notes[0]["kind"] == "eoi_accepted" and notes[0]["text"]


def test_every_write_route_needs_a_user_and_the_right_one(
    client, make_user, make_org, make_opp, api_token, staff
):
    owner, stranger = make_user(), make_user()
    org = make_org(owner=owner)
    opp = make_opp(owner, org)
    anonymous_routes = [
        ("post", f"/api/v1/opportunities/{opp.id}/submit", None),
        ("post", f"/api/v1/opportunities/{opp.id}/close", None),
        ("post", f"/api/v1/opportunities/{opp.id}/renew", {}),
        ("post", f"/api/v1/opportunities/{opp.id}/review", {"decision": "approve"}),
        ("post", f"/api/v1/opportunities/{opp.id}/interests", {}),
        ("patch", f"/api/v1/opportunities/{opp.id}", {}),
        ("get", "/api/v1/interests", None),
        ("get", "/api/v1/notifications", None),
        ("post", "/api/v1/notifications/read", None),
        ("get", "/api/v1/opportunities/review", None),
    ]
    for method, url, body in anonymous_routes:
        r = getattr(client, method)(url, **({"json": body} if body is not None else {}))
        assert r.status_code == 401, (method, url, r.status_code)
    h = api_token(stranger)
    assert client.post(f"/api/v1/opportunities/{opp.id}/renew", json={}, headers=h).status_code == 403
    assert client.patch(f"/api/v1/opportunities/{opp.id}", json={}, headers=h).status_code == 403
    # the owner cannot edit a published opportunity, staff can correct it
    assert (
        client.patch(
            f"/api/v1/opportunities/{opp.id}", json={"stage": "seed"}, headers=api_token(owner)
        ).status_code
        == 409
    )
    r = client.patch(f"/api/v1/opportunities/{opp.id}", json={"stage": "seed"}, headers=api_token(staff))
    assert r.status_code == 200 and r.json()["stage"] == "seed"
    # stranger without an organisation cannot send an expression of interest
    r = client.post(f"/api/v1/opportunities/{opp.id}/interests", json={}, headers=h)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["from_organisation_id"]
    assert client.get("/api/v1/notifications", headers=h).json() == []
