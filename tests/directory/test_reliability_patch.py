"""Issue 11, hole 8: an organisation's required fields cannot be emptied through the API; the answer is a
422 naming the field, never a 500, and nothing changes."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "body",
    [
        {"org_type": None},
        {"country": None},
        {"org_type": ""},
        {"country": ""},
        {"country": "  "},
        {"name_ko": None, "name_zh": None, "name_en": None},
        {"city": None, "org_type": None},
    ],
)
def test_required_fields_cannot_be_nulled(client, make_user, make_org, api_token, body):
    owner = make_user()
    org = make_org(owner=owner, name_en="Keeps Its Fields", org_type="investor", country="CN")
    r = client.patch(f"/api/v1/organisations/{org.id}", json=body, headers=api_token(owner))
    assert r.status_code == 422, r.text
    locs = [d["loc"] for d in r.json()["detail"]]
    required = [k for k in ("org_type", "country") if k in body]
    assert all(["body", k] in locs for k in required) and locs
    got = client.get(f"/api/v1/organisations/{org.id}").json()
    assert (got["org_type"], got["country"], got["names"].get("en")) == ("investor", "CN", "Keeps Its Fields")


def test_optional_fields_can_still_be_cleared(client, make_user, make_org, api_token):
    owner = make_user()
    org = make_org(owner=owner, size="sme", city="Seoul", website="https://a.example")
    r = client.patch(
        f"/api/v1/organisations/{org.id}",
        json={"size": None, "city": None, "website": ""},
        headers=api_token(owner),
    )
    assert r.status_code == 200, r.text
    assert (r.json()["size"], r.json()["city"], r.json()["website"]) == (None, "", None)
