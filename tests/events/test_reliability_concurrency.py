"""Issue 11, hole 10: registering the same organisation for an event from many clients at once gives one
registration and a 409 for every other client (the database's unique constraint), never a 500."""

from __future__ import annotations

import threading

import pytest
from tests.support.events import DAY_END, DAY_START

from kcbridge.events.schemas import EventIn, RegistrationIn
from kcbridge.events.service import event_service
from kcbridge.kit.db import unit_of_work
from kcbridge.kit.errors import Conflict


@pytest.mark.real_commits
def test_concurrent_registrations_of_one_organisation_give_one_row_and_409s(db, make_user, make_org):
    organiser, member = make_user(), make_user()
    gov = make_org(owner=organiser, org_type="government")
    firm = make_org(owner=member)
    event = event_service.create(
        db,
        user=organiser,
        data=EventIn(
            event_type="forum",
            title_en="Forum",
            starts_at=DAY_START,
            ends_at=DAY_END,
            organiser_org_id=gov.id,
        ),
    )
    db.commit()
    outcomes: list[str] = []
    start = threading.Barrier(12)

    def register() -> None:
        start.wait()
        try:
            with unit_of_work() as s:
                user = s.merge(member, load=True)
                event_service.register(
                    s, user=user, event_id=event.id, data=RegistrationIn(organisation_id=firm.id)
                )
            outcomes.append("created")
        except Conflict:
            outcomes.append("409")
        except Exception as exc:  # noqa: BLE001 - anything else is the bug this test guards against
            outcomes.append(f"error: {exc!r}")

    threads = [threading.Thread(target=register) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["409"] * 11 + ["created"], outcomes


def test_a_registration_racing_past_the_check_is_a_409_not_a_500(
    client, db, make_user, make_org, api_token, monkeypatch
):
    """The unique constraint catches what the check cannot see (another request's uncommitted row)."""
    from kcbridge.events import repository as repo

    organiser, member = make_user(), make_user()
    gov, firm = make_org(owner=organiser, org_type="government"), make_org(owner=member)
    event = event_service.create(
        db,
        user=organiser,
        data=EventIn(
            event_type="forum",
            title_en="Forum",
            starts_at=DAY_START,
            ends_at=DAY_END,
            organiser_org_id=gov.id,
        ),
    )
    db.commit()
    h = api_token(member)
    assert (
        client.post(
            f"/api/v1/events/{event.id}/participants", headers=h, json={"organisation_id": firm.id}
        ).status_code
        == 201
    )
    monkeypatch.setattr(repo, "participants", lambda *_a, **_k: [])  # as if the first were not yet visible
    r = client.post(f"/api/v1/events/{event.id}/participants", headers=h, json={"organisation_id": firm.id})
    assert r.status_code == 409, r.text
