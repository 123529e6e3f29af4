"""Audit log: every create, update and delete is recorded with its author; only admins read the log."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from tests.support import login

from kcbridge.accounts import security
from kcbridge.accounts.models import Role
from kcbridge.kit.audit import AuditEntry, diff


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Still argon2, with the smallest cost, so that the suite stays fast."""
    monkeypatch.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def entries(db, entity_type: str) -> list[AuditEntry]:  # noqa: ANN001
    db.expire_all()
    rows = list(
        db.scalars(select(AuditEntry).where(AuditEntry.entity_type == entity_type).order_by(AuditEntry.id))
    )
    db.commit()
    return rows


def test_organisation_create_update_delete_are_recorded_with_the_author(client, db, make_user, api_token):
    owner = make_user(email="kim@robo.example")
    headers = api_token(owner)
    org = client.post(
        "/api/v1/organisations",
        json={"name_en": "Robotouch", "org_type": "company", "country": "KR", "city": "Seoul"},
        headers=headers,
    ).json()
    client.patch(f"/api/v1/organisations/{org['id']}", json={"city": "Busan"}, headers=headers)
    client.patch(f"/api/v1/organisations/{org['id']}", json={"city": "Busan"}, headers=headers)  # no change
    client.delete(f"/api/v1/organisations/{org['id']}", headers=headers)

    rows = entries(db, "organisation")
    assert [r.action for r in rows] == ["create", "update", "delete"]
    assert {(r.actor_id, r.actor_label, r.entity_id) for r in rows} == {
        (owner.id, owner.email, str(org["id"]))
    }
    assert rows[0].changes["name_en"] == [None, "Robotouch"]
    assert rows[1].changes == {"city": ["Seoul", "Busan"]}
    assert rows[0].at <= rows[1].at <= rows[2].at


def test_people_and_tokens_are_audited(client, db, make_user, make_org, api_token):
    owner = make_user()
    org = make_org(owner=owner)
    headers = api_token(owner)
    person = client.post(
        f"/api/v1/organisations/{org.id}/people", json={"name": "Kim"}, headers=headers
    ).json()
    client.put(f"/api/v1/people/{person['id']}", json={"name": "Kim Jihun"}, headers=headers)
    client.delete(f"/api/v1/people/{person['id']}", headers=headers)
    assert [(r.action, r.changes.get("name")) for r in entries(db, "person")] == [
        ("create", "Kim"),
        ("update", ["Kim", "Kim Jihun"]),
        ("delete", None),
    ]
    token = client.post("/api/v1/me/tokens", json={"name": "sync"}, headers=headers).json()
    client.delete(f"/api/v1/me/tokens/{token['id']}", headers=headers)
    actions = [(r.action, r.entity_id) for r in entries(db, "api_token")]
    assert ("create", str(token["id"])) in actions and ("revoke", str(token["id"])) in actions
    assert all(token["token"] not in str(r.changes) for r in entries(db, "api_token"))


def test_a_refused_change_leaves_no_entry(client, db, make_user, make_org, api_token):
    owner, stranger = make_user(), make_user()
    org = make_org(owner=owner, name_en="Robotouch")
    before = len(entries(db, "organisation"))
    # Refused by the rules after fields were set: the whole unit of work, audit entry included, rolls back.
    r = client.patch(
        f"/api/v1/organisations/{org.id}",
        json={"name_ko": "", "name_zh": "", "name_en": ""},
        headers=api_token(owner),
    )
    assert r.status_code == 422
    r = client.patch(f"/api/v1/organisations/{org.id}", json={"city": "X"}, headers=api_token(stranger))
    assert r.status_code == 403
    assert len(entries(db, "organisation")) == before
    assert client.get(f"/api/v1/organisations/{org.id}").json()["name"] == "Robotouch"


def test_only_admins_see_the_audit_page(client, make_user, make_org):
    admin, user = make_user(role=Role.ADMIN), make_user()
    make_org(owner=user, name_en="<script>alert(1)</script>")
    r = client.get("/admin/audit", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/admin/audit"
    login(client, user.email)
    assert client.get("/admin/audit").status_code == 403
    client.cookies.clear()
    login(client, admin.email)
    page = client.get("/admin/audit")
    assert page.status_code == 200
    assert user.email in page.text and "organisation #" in page.text
    assert "<script>alert(1)</script>" not in page.text
    filtered = client.get("/admin/audit", params={"entity_type": "user"}).text
    assert "organisation #" not in filtered and "user #" in filtered
    assert client.get("/admin/audit", params={"page": 0}).status_code == 422


def test_the_api_offers_no_way_around_the_admin_page(client, make_user, api_token):
    headers = api_token(make_user())
    paths = [getattr(r, "path", "") for r in client.app.routes]
    assert not any("audit" in p for p in paths if p.startswith("/api/"))
    assert client.get("/api/v1/audit", headers=headers).status_code == 404


def test_diff_lists_only_changed_fields_as_old_new_pairs():
    before = {"city": "Seoul", "sectors": ["ai"], "name_en": "R", "gone": 1}
    after = {"city": "Busan", "sectors": ["ai"], "name_en": "R", "new": {"a"}}
    assert diff(before, after) == {"city": ["Seoul", "Busan"], "gone": [1, None], "new": [None, ["a"]]}
    assert diff(after, after) == {}
