"""Accounts API: who am I, personal tokens (create, list, revoke), 401 for missing or revoked tokens."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from tests.support import login

from kcbridge.accounts import security


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Still argon2, with the smallest cost, so that the suite stays fast."""
    monkeypatch.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    "headers",
    [{}, bearer("kcb_not-a-real-token"), {"Authorization": "Basic a2ltOnB3"}, {"Authorization": "Bearer "}],
)
def test_me_without_a_valid_token_is_401_json(client, headers):
    r = client.get("/api/v1/me", headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.json()["detail"][0]["type"] == "unauthorized"


def test_me_tells_who_is_calling(client, make_user, api_token):
    user = make_user(email="kim@robo.example", name="김지훈")
    body = client.get("/api/v1/me", headers=api_token(user)).json()
    assert body["email"] == "kim@robo.example" and body["display_name"] == "김지훈"
    assert body["role"] == "user" and body["memberships"] == []
    assert "password_hash" not in body


def test_token_lifecycle_create_list_revoke(client, make_user, api_token):
    user = make_user()
    auth = api_token(user)
    r = client.post("/api/v1/me/tokens", json={"name": "CRM sync"}, headers=auth)
    assert r.status_code == 201
    created = r.json()
    token = created["token"]
    assert token.startswith("kcb_") and created["prefix"] == token[:10] and created["revoked_at"] is None

    listed = client.get("/api/v1/me/tokens", headers=bearer(token)).json()
    assert {t["name"] for t in listed} == {"test", "CRM sync"}
    assert all("token" not in t for t in listed)  # the clear value is shown once, at creation

    assert client.delete(f"/api/v1/me/tokens/{created['id']}", headers=auth).status_code == 204
    r = client.get("/api/v1/me", headers=bearer(token))
    assert r.status_code == 401
    listed = client.get("/api/v1/me/tokens", headers=auth).json()
    assert next(t for t in listed if t["id"] == created["id"])["revoked_at"] is not None


def test_nobody_revokes_or_lists_another_users_tokens(client, make_user, api_token):
    owner, other = make_user(), make_user()
    created = client.post("/api/v1/me/tokens", json={"name": "mine"}, headers=api_token(owner)).json()
    assert client.delete(f"/api/v1/me/tokens/{created['id']}", headers=api_token(other)).status_code == 404
    assert client.get("/api/v1/me", headers=bearer(created["token"])).status_code == 200
    names = {t["name"] for t in client.get("/api/v1/me/tokens", headers=api_token(other)).json()}
    assert "mine" not in names
    assert client.delete("/api/v1/me/tokens/999999", headers=api_token(owner)).status_code == 404
    assert client.delete("/api/v1/me/tokens/not-a-number", headers=api_token(owner)).status_code == 422


def test_token_name_errors_carry_the_field_path(client, make_user, api_token):
    auth = api_token(make_user())
    r = client.post("/api/v1/me/tokens", json={"name": ""}, headers=auth)
    assert r.status_code == 422
    assert ["body", "name"] in [e["loc"] for e in r.json()["detail"]]
    r = client.post(
        "/api/v1/me/tokens", content=b"{not json", headers={**auth, "content-type": "application/json"}
    )
    assert r.status_code == 422


def test_session_cookie_calls_to_the_api_need_the_csrf_header(client, make_user):
    user = make_user()
    login(client, user.email)
    assert client.get("/api/v1/me").json()["email"] == user.email  # reads work with the cookie
    assert client.post("/api/v1/me/tokens", json={"name": "x"}).status_code == 403
    page = client.get("/account").text
    csrf = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    r = client.post("/api/v1/me/tokens", json={"name": "x"}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201


def test_unsafe_api_calls_without_any_credentials_are_401_not_csrf_403(client):
    assert client.post("/api/v1/me/tokens", json={"name": "x"}).status_code == 401
    assert client.delete("/api/v1/me/tokens/1").status_code == 401
