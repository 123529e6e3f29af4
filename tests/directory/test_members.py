"""Owners bring colleagues into their organisation; the last owner cannot be removed."""

from __future__ import annotations


def test_owner_adds_a_colleague_who_can_then_edit(client, make_user, make_org, api_token):
    owner, colleague = make_user(), make_user()
    org = make_org(owner=owner)
    h_owner, h_colleague = api_token(owner), api_token(colleague)
    assert (
        client.patch(
            f"/api/v1/organisations/{org.id}", json={"city": "Pangyo"}, headers=h_colleague
        ).status_code
        == 403
    )

    r = client.post(
        f"/api/v1/organisations/{org.id}/members", json={"email": colleague.email}, headers=h_owner
    )
    assert r.status_code == 201 and r.json()["role"] == "member"
    assert (
        client.patch(
            f"/api/v1/organisations/{org.id}", json={"city": "Pangyo"}, headers=h_colleague
        ).status_code
        == 200
    )
    roles = {
        m["email"]: m["role"]
        for m in client.get(f"/api/v1/organisations/{org.id}/members", headers=h_owner).json()
    }
    assert roles == {owner.email: "owner", colleague.email: "member"}
    # a member may not manage members
    r = client.delete(f"/api/v1/organisations/{org.id}/members/{owner.id}", headers=h_colleague)
    assert r.status_code == 403


def test_unknown_email_and_last_owner_are_refused(client, make_user, make_org, api_token):
    owner = make_user()
    org = make_org(owner=owner)
    headers = api_token(owner)
    r = client.post(
        f"/api/v1/organisations/{org.id}/members", json={"email": "nobody@test.example"}, headers=headers
    )
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["email"]
    r = client.post(
        f"/api/v1/organisations/{org.id}/members",
        json={"email": owner.email, "role": "boss"},
        headers=headers,
    )
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["role"]
    r = client.delete(f"/api/v1/organisations/{org.id}/members/{owner.id}", headers=headers)
    assert r.status_code == 422
    assert client.get(f"/api/v1/organisations/{org.id}/members", headers=headers).json()[0]["role"] == "owner"
