"""Issue 11, hole 1: an event's or a table's online link is stored only as an http(s) address, and a
link stored before that rule (e.g. `javascript:`) never reaches a schedule page, a calendar file or a PDF."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from tests.support import login
from tests.support.events import make_visit, request_all, schedule

from kcbridge.events import ics
from kcbridge.events import repository as repo
from kcbridge.events.itinerary import itinerary
from kcbridge.events.schemas import EventIn, TableIn

BAD = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html,<script>x</script>",
    "vbscript:x",
    "//evil.example/x",
    "ftp://files.example/x",
    "https://",
    "https://exa mple.com",
]
EVENT = {
    "event_type": "forum",
    "title_en": "Forum",
    "starts_at": "2026-12-08T09:00:00",
    "ends_at": "2026-12-08T18:00:00",
    "organiser_org_id": 1,
}


@pytest.mark.parametrize("url", BAD)
def test_only_http_links_are_accepted(url):
    with pytest.raises(ValidationError) as err:
        EventIn.model_validate({**EVENT, "online_url": url})
    assert err.value.errors()[0]["loc"] == ("online_url",)
    with pytest.raises(ValidationError):
        TableIn.model_validate({"name": "Room", "online_url": url})


def test_http_links_and_blanks_pass():
    assert EventIn.model_validate({**EVENT, "online_url": " https://meet.example.org/x "}).online_url == (
        "https://meet.example.org/x"
    )
    assert EventIn.model_validate({**EVENT, "online_url": ""}).online_url is None
    assert TableIn.model_validate({"name": "Room", "online_url": "http://meet.example.org/t1"}).online_url


def test_the_api_refuses_a_javascript_link_with_its_field(client, make_user, make_org, api_token):
    user = make_user()
    org = make_org(owner=user)
    r = client.post(
        "/api/v1/events",
        headers=api_token(user),
        json={**EVENT, "organiser_org_id": org.id, "online_url": "javascript:alert(1)"},
    )
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "online_url"]


def test_a_stored_javascript_link_is_never_rendered(client, db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    request_all(db, visit)
    schedule(db, visit)
    visit.tables[0].online_url = "javascript:alert(document.cookie)"  # written before the rule existed
    visit.event.online_url = "javascript:alert(2)"
    db.commit()
    firm = visit.firms[0]
    items = itinerary(db, visit.event, firm)
    assert items and all(i.online_url is None for i in items)
    assert b"javascript" not in ics.calendar(visit.event, items, lang="en", participant_id=firm.id).lower()
    login(client, visit.firm_users[0].email)
    page = client.get(f"/events/participants/{firm.id}")
    assert page.status_code == 200 and "javascript:" not in page.text.lower()
    table = repo.table(db, visit.tables[0].id)
    table.online_url = "https://meet.example.org/room-1"
    db.commit()
    page = client.get(f"/events/participants/{firm.id}")
    assert 'href="https://meet.example.org/room-1"' in page.text
