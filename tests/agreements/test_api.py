"""The JSON API of agreements: public reading, filters, commitments and progress, 4xx with field paths."""

from __future__ import annotations

from tests.support.client import TestClient


def test_anonymous_visitors_list_public_agreements_only(client: TestClient, world):
    r = client.get("/api/v1/agreements")
    assert r.status_code == 200
    body = r.json()
    assert [a["id"] for a in body["items"]] == [world.public.id] and body["total"] == 1
    a = body["items"][0]
    assert a["parties"][0]["organisation"]["name"] == "Gyeonggi Province"
    assert a["parties"][0]["signatories"] == [{"name": "Signer 0", "title": "Governor", "person_id": None}]
    # signed in September 2025 and no progress reported since: more than six months, so yellow
    assert (a["commitments"], a["open_commitments"], a["light"]) == (1, 1, "yellow")
    assert client.get(f"/api/v1/agreements/{world.private.id}").status_code == 404


def test_filters_narrow_the_list(client: TestClient, world, api_token):
    headers = api_token(world.users["officer"])  # reads all

    def ids(**params):
        r = client.get("/api/v1/agreements", params=params, headers=headers)
        assert r.status_code == 200, r.text
        return sorted(a["id"] for a in r.json()["items"])

    both = sorted([world.public.id, world.private.id])
    assert ids() == both
    assert ids(kind="letter_of_intent") == [world.private.id]
    assert ids(field="education") == both and ids(field="tourism") == []
    assert ids(year=2025) == both and ids(year=2014) == []
    assert ids(party=world.firm.id) == [] and ids(party=world.party_b.id) == both
    assert ids(country="CN") == both and ids(country="OTHER") == []
    assert ids(status="planned") == both and ids(status="done") == []
    assert ids(q="상하이") == [world.public.id] and ids(q="上海市") == both
    assert ids(light="yellow") == both and ids(light="green") == ids(light="red") == []


def test_unknown_filter_codes_are_422_naming_the_parameter(client: TestClient, world):
    r = client.get("/api/v1/agreements", params={"kind": "treaty"})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["query", "kind"]


def test_labels_come_in_the_asked_language(client: TestClient, world):
    a = client.get(f"/api/v1/agreements/{world.public.id}", params={"lang": "ko"}).json()
    assert a["kind_label"] == "업무협약(MOU)" and a["title"] == "경기도-상하이 우호협력 MOU"
    assert a["field_labels"] == ["교육", "경제통상"] or set(a["field_labels"]) == {"교육", "경제통상"}


def test_fewer_than_two_parties_is_422_with_the_field_path(client: TestClient, world, api_token):
    body = {
        "kind": "mou",
        "title_en": "Solo",
        "signed_on": "2025-01-01",
        "parties": [{"organisation_id": world.party_a.id}],
    }
    r = client.post("/api/v1/agreements", json=body, headers=api_token(world.users["member"]))
    assert r.status_code == 422
    (err,) = r.json()["detail"]
    assert err["loc"] == ["body", "parties"] and "at least two parties" in err["msg"]


def test_an_unknown_party_is_422_at_its_position(client: TestClient, world, api_token):
    body = {"kind": "mou", "title_en": "Ghost", "signed_on": "2025-01-01",
            "parties": [{"organisation_id": world.party_a.id}, {"organisation_id": 999_999}]}  # fmt: skip
    r = client.post("/api/v1/agreements", json=body, headers=api_token(world.users["member"]))
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["parties", 1, "organisation_id"]


def test_commitment_due_before_signing_is_422(client: TestClient, world, api_token):
    r = client.post(
        f"/api/v1/agreements/{world.public.id}/commitments",
        json={"what_en": "Early", "owner_org_id": world.firm.id, "due_on": "2024-01-01"},
        headers=api_token(world.users["member"]),
    )
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["due_on"] and "2025-09-25" in r.json()["detail"][0]["msg"]


def test_status_changes_and_progress_through_the_api(client: TestClient, world, api_token):
    headers = api_token(world.users["owner"])
    base = f"/api/v1/agreements/{world.public.id}/commitments/{world.commitment.id}"
    r = client.patch(base, json={"status": "done"}, headers=headers)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["status"]
    r = client.patch(base, json={"status": "in_progress"}, headers=headers)
    assert r.status_code == 200 and r.json()["allowed_statuses"] == ["at_risk", "done", "dropped"]
    r = client.post(
        base + "/progress", json={"text": "Booths booked", "evidence_url": "not a link"}, headers=headers
    )
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "evidence_url"]
    r = client.post(
        base + "/progress",
        json={"text": "Booths booked", "status": "done", "evidence_url": "https://expo.example/list"},
        headers=headers,
    )
    assert r.status_code == 201, r.text
    assert r.json()["author_name"] == "Owner member"
    c = client.get(base).json()
    assert (c["status"], c["completion"], c["overdue"]) == ("done", "complete", False)
    notes = client.get(base + "/progress").json()
    assert [n["text"] for n in notes] == ["Booths booked"]
    a = client.get(f"/api/v1/agreements/{world.public.id}").json()
    assert a["last_progress_on"] == notes[0]["noted_on"] and a["open_commitments"] == 0


def test_attachments_must_be_small_documents(client: TestClient, world, api_token):
    headers = api_token(world.users["member"])
    url = f"/api/v1/agreements/{world.public.id}/attachment"
    r = client.put(
        url,
        files={"file": ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 10, "application/pdf")},
        headers=headers,
    )
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["file"]
    big = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024)
    r = client.put(url, files={"file": ("big.pdf", big, "application/pdf")}, headers=headers)
    assert r.status_code == 422 and "5 MB" in r.json()["detail"][0]["msg"]
    r = client.put(
        url, files={"file": ("mou.txt", "경기도와 상하이시는…".encode(), "text/plain")}, headers=headers
    )
    assert r.status_code == 200 and r.json()["filename"] == "mou.txt"
    a = client.get(f"/api/v1/agreements/{world.public.id}").json()
    assert a["attachment"]["url"] == r.json()["url"]
    got = client.get(r.json()["url"])
    assert got.status_code == 200 and got.content == "경기도와 상하이시는…".encode()
    assert got.headers["content-disposition"].startswith("attachment;")


def test_events_where_it_was_signed_are_linked(client: TestClient, db, world, api_token):
    from datetime import UTC, datetime

    from kcbridge.events.models import Event

    forum = Event(event_type="forum", title_en="Korea–China innovation forum", title_ko="한중 혁신 포럼",
                  timezone="Asia/Shanghai", starts_at=datetime(2025, 9, 25, 1, tzinfo=UTC),
                  ends_at=datetime(2025, 9, 25, 9, tzinfo=UTC), organiser_org_id=world.party_b.id, languages=["zh"])  # fmt: skip
    db.add(forum)
    db.commit()
    headers = api_token(world.users["member"])
    url = f"/api/v1/agreements/{world.public.id}"
    r = client.patch(url, json={"event_ids": [forum.id, 987_654]}, headers=headers)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["event_ids", 1]
    r = client.patch(url, json={"event_ids": [forum.id]}, params={"lang": "ko"}, headers=headers)
    assert r.status_code == 200 and r.json()["events"] == [
        {"id": forum.id, "title": "한중 혁신 포럼", "starts_at": "2025-09-25T01:00:00Z"}
    ]
    assert "한중 혁신 포럼" in client.get(f"/agreements/{world.public.id}").text  # ?lang=ko set the cookie
