"""Issue 11, hole 11: a successful password reset invalidates every other reset link; asking for reset
mails is rate limited per e-mail and per address; the last platform administrator cannot step down."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

import pytest
from tests.support import csrf_of

from kcbridge.accounts.models import Role
from kcbridge.kit.config import get_settings


@pytest.fixture
def outbox(db_url: str) -> Path:
    folder = get_settings().outbox_dir
    folder.mkdir(parents=True, exist_ok=True)
    for f in folder.glob("*.eml"):
        f.unlink()
    return folder


def post(client, path: str, data: dict[str, str], page: str | None = None):  # noqa: ANN001, ANN201
    token = csrf_of(client, page or path)
    return client.post(path, data={"csrf_token": token, **data}, follow_redirects=False)


def reset_paths(outbox: Path) -> list[str]:
    out = []
    for eml in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
        body = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default).get_content()
        out.append("/password/reset/" + re.search(r"/password/reset/(\S+)", body).group(1))
    return out


def test_a_successful_reset_invalidates_the_other_links(client, make_user, outbox):
    user = make_user()
    for _ in range(2):
        assert post(client, "/password/forgot", {"email": user.email}).status_code == 200
    first, second = reset_paths(outbox)
    assert post(client, second, {"password": "a-brand-new-password"}).status_code == 303
    r = post(client, first, {"password": "an-attackers-password"})
    assert r.status_code == 422  # the older link died with the reset


def test_reset_mails_are_limited_per_email(client, make_user, outbox):
    user = make_user()
    limit = get_settings().reset_max_per_email
    for _ in range(limit):
        assert post(client, "/password/forgot", {"email": user.email}).status_code == 200
    r = post(client, "/password/forgot", {"email": user.email.upper()})
    assert r.status_code == 429 and "Too many" in r.text
    assert len(list(outbox.glob("*.eml"))) == limit
    # An unknown e-mail is counted the same way, so the answer says nothing about who has an account.
    for _ in range(limit):
        assert post(client, "/password/forgot", {"email": "ghost@test.example"}).status_code == 200
    assert post(client, "/password/forgot", {"email": "ghost@test.example"}).status_code == 429


def test_reset_requests_are_limited_per_address(client, outbox):
    limit = get_settings().reset_max_per_address
    for n in range(limit):
        assert post(client, "/password/forgot", {"email": f"person{n}@test.example"}).status_code == 200
    assert post(client, "/password/forgot", {"email": "one-more@test.example"}).status_code == 429


def test_the_last_admin_cannot_demote_themselves(client, make_user, api_token):
    admin = make_user(role=Role.ADMIN)
    h = api_token(admin)
    r = client.patch(f"/api/v1/users/{admin.id}", json={"role": "user"}, headers=h)
    assert r.status_code == 409, r.text
    assert client.get("/api/v1/me", headers=h).json()["role"] == "admin"
    second = make_user(role=Role.ADMIN)
    r = client.patch(f"/api/v1/users/{admin.id}", json={"role": "analyst"}, headers=h)
    assert r.status_code == 200 and r.json()["role"] == "analyst"
    r = client.patch(f"/api/v1/users/{second.id}", json={"role": "user"}, headers=api_token(second))
    assert r.status_code == 409  # now `second` is the last one


def test_the_last_admin_cannot_demote_themselves_on_the_page(client, make_user):
    from tests.support import login

    admin = make_user(role=Role.ADMIN)
    login(client, admin.email)
    r = post(client, f"/admin/users/{admin.id}/role", {"role": "user"}, page="/admin/users")
    assert r.status_code == 409
    assert client.get("/admin/users").status_code == 200  # still an administrator
