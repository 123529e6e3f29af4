"""Platform administrators give accounts their platform role; nobody else can."""

from __future__ import annotations

from kcbridge.accounts.models import Role


def test_admin_gives_a_role_and_it_is_audited(client, make_user, api_token):
    admin, officer = make_user(role=Role.ADMIN), make_user(name="박서연")
    headers = api_token(admin)
    r = client.patch(f"/api/v1/users/{officer.id}", json={"role": "government_officer"}, headers=headers)
    assert r.status_code == 200 and r.json()["role"] == "government_officer"
    listed = client.get("/api/v1/users", params={"q": "박서연"}, headers=headers).json()
    assert [u["role"] for u in listed["items"]] == ["government_officer"]


def test_unknown_role_and_non_admins_are_refused(client, make_user, api_token):
    admin, user = make_user(role=Role.ADMIN), make_user()
    r = client.patch(f"/api/v1/users/{user.id}", json={"role": "emperor"}, headers=api_token(admin))
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "role"]
    r = client.patch(f"/api/v1/users/{user.id}", json={"role": "admin"}, headers=api_token(user))
    assert r.status_code == 403
    me = client.get("/api/v1/me", headers=api_token(user)).json()
    assert me["role"] == "user"
