"""Issue 11, hole 3: the API must not name the organisation behind an anonymous opportunity (its
`to_organisation_id`) to the organisations that express interest, until the owner accepts."""

from __future__ import annotations


def test_anonymous_owner_stays_hidden_in_interest_answers_until_accepted(
    client, make_user, make_org, make_opp, api_token
):
    owner, sender = make_user(), make_user()
    owner_org = make_org(owner=owner)
    make_org(owner=sender, country="CN")
    opp = make_opp(owner, owner_org, anonymous=True)
    owner_h, sender_h = api_token(owner), api_token(sender)

    r = client.post(f"/api/v1/opportunities/{opp.id}/interests", headers=sender_h, json={"message": "hello"})
    assert r.status_code == 201, r.text
    assert r.json()["to_organisation_id"] is None
    eoi_id = r.json()["id"]
    (sent,) = client.get("/api/v1/interests", headers=sender_h).json()["sent"]
    assert sent["id"] == eoi_id and sent["to_organisation_id"] is None
    # The owner sees its own organisation, and once it accepts the sender learns whom it deals with.
    (received,) = client.get("/api/v1/interests", headers=owner_h).json()["received"]
    assert received["to_organisation_id"] == owner_org.id
    accepted = client.post(f"/api/v1/interests/{eoi_id}/accept", headers=owner_h)
    assert accepted.status_code == 200 and accepted.json()["to_organisation_id"] == owner_org.id
    (sent,) = client.get("/api/v1/interests", headers=sender_h).json()["sent"]
    assert sent["to_organisation_id"] == owner_org.id


def test_a_named_opportunity_names_its_owner(client, make_user, make_org, make_opp, api_token):
    owner, sender = make_user(), make_user()
    owner_org = make_org(owner=owner)
    make_org(owner=sender, country="CN")
    opp = make_opp(owner, owner_org)
    r = client.post(f"/api/v1/opportunities/{opp.id}/interests", headers=api_token(sender), json={})
    assert r.status_code == 201 and r.json()["to_organisation_id"] == owner_org.id
