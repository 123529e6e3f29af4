"""/api/v1/searches: every route refuses anonymous callers (401), hides a search from other users (404)
and serves its owner; bad input is a 422 naming the field."""

from __future__ import annotations

import pytest

BASE = "/api/v1/searches"


@pytest.fixture
def two_users(make_user, api_token):
    owner, other = make_user(), make_user()
    return api_token(owner), api_token(other)


def _create(client, headers, **body):
    body = {"kind": "directory", "criteria": {"country": "CN", "sectors": ["cloud"]}, **body}
    r = client.post(BASE, json=body, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def test_every_route_anonymous_401_other_user_404_owner_ok(client, two_users, make_org):
    mine, theirs = two_users
    make_org(name_en="Shanghai Cloud", country="CN", sectors=["cloud"])
    created = _create(client, mine, name="Cloud in China", frequency="weekly")
    sid = created["id"]
    assert created["summary"] and created["url"] == "/organisations?country=CN&sector=cloud"
    routes = [
        ("GET", BASE, None),
        ("POST", BASE, {"kind": "directory", "criteria": {}}),
        ("GET", f"{BASE}/{sid}", None),
        ("PATCH", f"{BASE}/{sid}", {"name": "Renamed"}),
        ("GET", f"{BASE}/{sid}/results", None),
        ("POST", f"{BASE}/{sid}/looked", None),
        ("DELETE", f"{BASE}/{sid}", None),
    ]
    for method, url, body in routes:
        assert client.request(method, url, json=body).status_code == 401, (method, url)
    for method, url, body in routes[2:]:
        assert client.request(method, url, json=body, headers=theirs).status_code == 404, (method, url)
    assert client.get(BASE, headers=theirs).json() == []  # another user's list does not show it
    assert [s["id"] for s in client.get(BASE, headers=mine).json()] == [sid]
    assert client.get(f"{BASE}/{sid}", headers=mine).json()["name"] == "Cloud in China"
    patched = client.patch(f"{BASE}/{sid}", json={"name": "Renamed", "frequency": "daily"}, headers=mine)
    assert patched.status_code == 200 and patched.json()["frequency"] == "daily"
    res = client.get(f"{BASE}/{sid}/results", headers=mine)
    assert res.status_code == 200
    assert [(i["title"], i["new"]) for i in res.json()["items"]] == [("Shanghai Cloud", False)]
    assert client.delete(f"{BASE}/{sid}", headers=mine).status_code == 204
    assert client.get(f"{BASE}/{sid}", headers=mine).status_code == 404


def test_results_mark_a_new_organisation(client, two_users, make_org):
    mine, _theirs = two_users
    sid = _create(client, mine)["id"]
    new = make_org(name_en="Beijing Cloud Lab", country="CN", sectors=["cloud"])
    items = client.get(f"{BASE}/{sid}/results", params={"lang": "zh"}, headers=mine).json()["items"]
    assert [(i["id"], i["new"], i["url"]) for i in items] == [(new.id, True, f"/organisations/{new.id}")]
    again = client.get(f"{BASE}/{sid}/results", headers=mine).json()
    assert again["new_count"] == 1 and again["items"][0]["new"]  # reading records nothing
    looked = client.post(f"{BASE}/{sid}/looked", headers=mine).json()
    assert looked["new_count"] == 1 and looked["items"][0]["new"]  # shown as new this once
    after = client.get(f"{BASE}/{sid}/results", headers=mine).json()
    assert after["new_count"] == 0 and not after["items"][0]["new"]


def test_bad_input_is_422_with_the_field_path(client, two_users):
    mine, _theirs = two_users
    cases = [
        ({"kind": "match", "criteria": {"text": ""}}, ["body", "criteria", "text"]),
        ({"kind": "match", "criteria": {"text": "robots"}, "frequency": "hourly"}, ["body", "frequency"]),
        ({"kind": "people", "criteria": {}}, ["body", "kind"]),
        ({"kind": "directory", "criteria": {"country": "ZZ"}}, ["body", "criteria", "country"]),
        ({"kind": "match", "criteria": {"text": "robots", "target": "JP"}}, ["body", "criteria", "target"]),
        ({"kind": "directory", "name": "n" * 121, "criteria": {}}, ["body", "name"]),
        ({"kind": "directory", "criteria": {"sectors": "cloud"}}, ["body", "criteria", "sectors"]),
    ]
    for body, loc in cases:
        r = client.post(BASE, json=body, headers=mine)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["detail"][0]["loc"] == loc, (body, r.json())
    sid = _create(client, mine)["id"]
    bad = client.patch(f"{BASE}/{sid}", json={"frequency": "sometimes"}, headers=mine)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "frequency"]
    bad = client.patch(f"{BASE}/{sid}", json={"criteria": {"country": "ZZ"}}, headers=mine)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "criteria", "country"]
    assert client.get(f"{BASE}/abc", headers=mine).status_code == 422


def test_the_fifty_first_search_is_refused_clearly(client, two_users, monkeypatch):
    from kcbridge.alerts import service

    monkeypatch.setattr(service, "MAX_PER_USER", 2)
    mine, theirs = two_users
    _create(client, mine)
    _create(client, mine)
    r = client.post(BASE, json={"kind": "directory", "criteria": {}}, headers=mine)
    assert r.status_code == 409 and "2" in r.json()["detail"][0]["msg"]
    _create(client, theirs)  # the limit is per user
