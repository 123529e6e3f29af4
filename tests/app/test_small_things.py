"""The small things of issue 12 a user stumbles on, each as the user meets it: landing after login, the
language switch keeping filters, publish links for staff without an organisation, the login form's
attributes, an empty required date, and a government officer's own events on her dashboard."""

from __future__ import annotations

import re
from datetime import datetime

from tests.support import PASSWORD, csrf_of, login

from kcbridge.accounts.models import Role
from kcbridge.events.schemas import EventIn
from kcbridge.events.service import event_service
from kcbridge.kit.db import utcnow


def test_after_login_one_lands_on_the_dashboard(client, make_user):
    user = make_user()
    token = csrf_of(client, "/login")
    r = client.post(
        "/login",
        data={"csrf_token": token, "email": user.email, "password": PASSWORD},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/dashboard"
    client.cookies.clear()
    token = csrf_of(client, "/login")
    r = client.post(
        "/login",
        data={"csrf_token": token, "email": user.email, "password": PASSWORD, "next": "/events"},
        follow_redirects=False,
    )
    assert r.headers["location"] == "/events"  # a page one came from is kept


def test_the_login_form_asks_browsers_to_fill_the_right_fields(client):
    page = client.get("/login").text
    assert 'autocomplete="username"' in page and 'autocomplete="current-password"' in page
    assert "&#34;" not in page and "&quot;username" not in page


def test_switching_language_keeps_the_filters_and_the_search(client):
    page = client.get("/organisations?q=robot&country=CN&sector=robotics").text
    form = re.search(r'<form class="langswitch".*?</form>', page, re.S).group(0)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))
    assert hidden == {"q": "robot", "country": "CN", "sector": "robotics"}
    assert 'name="lang"' in form


def test_publish_links_are_explained_to_staff_without_an_organisation(client, make_user, make_org):
    agent = make_user(role=Role.SUPPORT_AGENT)
    login(client, agent.email)
    for path, link in (("/opportunities", "/opportunities/new"), ("/programmes", "/programmes/new")):
        page = client.get(path).text
        assert f'href="{link}"' not in page and 'href="/my/organisations"' in page, path
    make_org(owner=agent)
    for path, link in (("/opportunities", "/opportunities/new"), ("/programmes", "/programmes/new")):
        assert f'href="{link}"' in client.get(path).text, path


def test_an_empty_required_date_says_required(client, make_user, make_org):
    user = make_user()
    org = make_org(owner=user)
    login(client, user.email)
    token = csrf_of(client, "/events/new")
    r = client.post(
        "/events/new",
        data={
            "csrf_token": token,
            "event_type": "forum",
            "mode": "onsite",
            "title_en": "Forum",
            "timezone": "Asia/Seoul",
            "starts_at": "",
            "ends_at": "2026-12-20T18:00",
            "organiser_org_id": org.id,
        },
    )
    assert r.status_code == 422
    assert "This field is required." in r.text and "This value is not valid." not in r.text


def test_a_government_officer_sees_the_events_she_organises(client, db, make_user, make_org):
    officer = make_user(role=Role.GOVERNMENT_OFFICER)
    gov = make_org(owner=officer, name_ko="경기도", name_en="Gyeonggi Province", org_type="government")
    start = utcnow().replace(tzinfo=None, microsecond=0)
    event_service.create(
        db,
        user=officer,
        data=EventIn(
            event_type="delegation_visit",
            title_en="Gyeonggi delegation to Shanghai",
            timezone="UTC",
            starts_at=datetime(start.year + 1, 1, 10, 9),
            ends_at=datetime(start.year + 1, 1, 10, 18),
            organiser_org_id=gov.id,
        ),
    )
    db.commit()
    login(client, officer.email)
    page = client.get("/dashboard?lang=en").text
    assert "Gyeonggi delegation to Shanghai" in page and "/console" in page
    assert "You are not registered for an upcoming event." not in page
