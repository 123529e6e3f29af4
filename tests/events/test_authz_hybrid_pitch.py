"""Authorization of every route added for hybrid events, pitch projects, speakers, the marketplace, the
agenda and the organiser console, for every role: anonymous, a member of another organisation (a participant
of the event itself), a member of the presenting organisation, the owner of the organising body (the
organiser), a support agent, a government officer, an analyst and an administrator.

A route of the new modules missing from MATRIX fails `test_every_new_route_is_in_the_matrix`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from tests.support import client_with, factories
from tests.support.client import TestClient
from tests.support.forum import make_forum, meet, run
from tests.support.routes import app_routes

ACTORS = ("anon", "stranger", "member", "owner", "agent", "officer", "analyst", "admin")
UNSAFE = {"POST", "PATCH", "PUT", "DELETE"}
MODULES = ("kcbridge.events.pitch_api", "kcbridge.events.pitch_pages", "kcbridge.events.attendee_pages",
           "kcbridge.events.console_pages")  # fmt: skip
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@dataclass
class World:
    app: Any
    tokens: dict[str, dict[str, str]]
    clients: dict[str, TestClient]
    event: int
    member_p: int  # the presenting participant ("member" acts for it)
    stranger_p: int  # a participant of another organisation ("stranger" acts for it)
    project: int
    speaker: int
    meeting: int
    session: int


@pytest.fixture(scope="module")
def built(app, module_db) -> Iterator[dict[str, Any]]:
    """The event, its rows, one user per role logged in (their cookies) and API tokens: built once for
    the module (`module_db`); each test runs in a savepoint rolled back after it."""
    from kcbridge.accounts import security
    from kcbridge.accounts.models import Role
    from kcbridge.events.agenda import agenda_service
    from kcbridge.events.projects import project_service
    from kcbridge.events.schemas import ProjectIn, SessionIn, SpeakerPersonIn
    from kcbridge.events.speakers import speaker_service

    db = module_db
    make_user, make_org = factories.user_maker(db), factories.organisation_maker(db)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(security, "_hasher", security.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        forum = make_forum(db, make_user, make_org, kr=1, cn=1, slots=2)
        member_p, stranger_p = forum.kr[0], forum.cn[0]
        meet(db, forum, member_p, stranger_p)
        run(db, forum)
        session = agenda_service.add_session(
            db,
            user=forum.organiser,
            event_id=forum.event.id,
            data=SessionIn(
                kind="pitch",
                title_en="Pitch",
                starts_at=datetime(2026, 12, 15, 10),
                ends_at=datetime(2026, 12, 15, 11),
            ),
        )
        project = project_service.create(
            db,
            user=forum.organiser,
            event_id=forum.event.id,
            data=ProjectIn(participant_id=member_p.id, session_id=session.id, title_en="Robot hand"),
        )
        speaker = speaker_service.add(
            db, user=forum.organiser, event_id=forum.event.id, data=SpeakerPersonIn(name_en="Kim")
        )
        speaker_service.set_photo(db, user=forum.organiser, speaker_id=speaker.id, data=PNG)
        from kcbridge.events import repository as repo

        meeting = repo.meetings(db, forum.event.id)[0]
        users = {
            "stranger": forum.users[stranger_p.id],
            "member": forum.users[member_p.id],
            "owner": forum.organiser,
            "agent": make_user(role=Role.SUPPORT_AGENT),
            "officer": make_user(role=Role.GOVERNMENT_OFFICER),
            "analyst": make_user(role=Role.ANALYST),
            "admin": make_user(role=Role.ADMIN),
        }
        db.commit()
        cookies, tokens = factories.credentials(app, db, users)
        yield {
            "cookies": cookies,
            "tokens": tokens,
            "ids": (
                forum.event.id,
                member_p.id,
                stranger_p.id,
                project.id,
                speaker.id,
                meeting.id,
                session.id,
            ),
        }


@pytest.fixture
def world(app, built, db_url) -> Iterator[World]:
    """The module's world, with clients of this test's own (each as just logged in)."""
    clients = {"anon": client_with(app, None)}
    clients |= {actor: client_with(app, jar) for actor, jar in built["cookies"].items()}
    yield World(app, built["tokens"], clients, *built["ids"])
    for c in clients.values():
        c.close()


def E(anon: int, stranger: int, member: int, owner: int, agent: int, officer: int, analyst: int, admin: int):  # noqa: N802
    return dict(zip(ACTORS, (anon, stranger, member, owner, agent, officer, analyst, admin), strict=True))


def ALL(status: int) -> dict[str, int]:  # noqa: N802
    return dict.fromkeys(ACTORS, status)


ORGANISERS = E(303, 403, 403, 200, 403, 403, 403, 200)  # pages only organisers (and admins) read
ORGANISERS_POST = E(401, 403, 403, 303, 403, 403, 403, 303)
API_ORGANISERS = E(401, 403, 403, 200, 403, 403, 403, 200)


@dataclass
class Case:
    expect: dict[str, int]
    url: Callable[[World], str]
    body: Callable[[World], dict[str, Any]] | None = None


def project_json(w: World) -> dict[str, Any]:
    return {"json": {"participant_id": w.member_p, "title_ko": "촉각 손", "session_id": w.session}}


MATRIX: dict[tuple[str, str], Case] = {
    # Pages read by everyone.
    ("GET", "/events/{event_id}/marketplace"): Case(ALL(200), lambda w: f"/events/{w.event}/marketplace"),
    ("GET", "/events/{event_id}/agenda"): Case(ALL(200), lambda w: f"/events/{w.event}/agenda"),
    ("GET", "/events/{event_id}/projects"): Case(ALL(200), lambda w: f"/events/{w.event}/projects"),
    ("GET", "/events/{event_id}/projects/{project_id}"): Case(
        ALL(200), lambda w: f"/events/{w.event}/projects/{w.project}"
    ),
    ("GET", "/events/speakers/{speaker_id}/photo"): Case(
        ALL(200), lambda w: f"/events/speakers/{w.speaker}/photo"
    ),
    # Pages of the organisers.
    ("GET", "/events/{event_id}/interest"): Case(ORGANISERS, lambda w: f"/events/{w.event}/interest"),
    ("GET", "/events/{event_id}/console/run"): Case(ORGANISERS, lambda w: f"/events/{w.event}/console/run"),
    ("GET", "/events/{event_id}/console/meetings/{meeting_id}"): Case(
        ORGANISERS, lambda w: f"/events/{w.event}/console/meetings/{w.meeting}"
    ),
    ("GET", "/events/{event_id}/console/orgs"): Case(
        ORGANISERS, lambda w: f"/events/{w.event}/console/orgs?q=KR"
    ),
    ("POST", "/events/{event_id}/console/rooms"): Case(
        ORGANISERS_POST, lambda w: f"/events/{w.event}/console/rooms", lambda w: {"data": {"count": "1"}}
    ),
    ("POST", "/events/{event_id}/console/video"): Case(
        ORGANISERS_POST,
        lambda w: f"/events/{w.event}/console/video",
        lambda w: {"data": {"video_base_url": "https://meet.example.org/x"}},
    ),
    ("POST", "/events/{event_id}/console/attendance"): Case(
        ORGANISERS_POST,
        lambda w: f"/events/{w.event}/console/attendance",
        lambda w: {"data": {"participant_id": str(w.stranger_p), "attendance": "onsite"}},
    ),
    ("POST", "/events/{event_id}/console/speakers"): Case(
        ORGANISERS_POST,
        lambda w: f"/events/{w.event}/console/speakers",
        lambda w: {"data": {"name_en": "Lee"}},
    ),
    ("POST", "/events/{event_id}/console/speakers/{speaker_id}/delete"): Case(
        ORGANISERS_POST, lambda w: f"/events/{w.event}/console/speakers/" + "{fresh}/delete"
    ),
    ("POST", "/events/{event_id}/console/projects/{project_id}/session"): Case(
        ORGANISERS_POST,
        lambda w: f"/events/{w.event}/console/projects/{w.project}/session",
        lambda w: {"data": {"session_id": str(w.session)}},
    ),
    # Participants act for their own registration (organisers may switch anyone's attendance).
    ("POST", "/events/participants/{participant_id}/attendance"): Case(
        E(401, 403, 303, 303, 403, 403, 403, 303),
        lambda w: f"/events/participants/{w.member_p}/attendance",
        lambda w: {"data": {"attendance": "onsite"}},
    ),
    ("POST", "/events/{event_id}/projects"): Case(
        E(401, 403, 303, 303, 403, 403, 403, 303),
        lambda w: f"/events/{w.event}/projects",
        lambda w: {"data": {"participant_id": str(w.member_p), "title_en": "Another project"}},
    ),
    ("POST", "/events/{event_id}/projects/{project_id}/bookmark"): Case(
        E(401, 303, 403, 403, 403, 403, 403, 403),
        lambda w: f"/events/{w.event}/projects/{w.project}/bookmark",
        lambda w: {"data": {"from_id": str(w.stranger_p)}},
    ),
    ("POST", "/events/{event_id}/projects/{project_id}/request"): Case(
        E(401, 303, 403, 403, 403, 403, 403, 403),
        lambda w: f"/events/{w.event}/projects/{w.project}/request",
        lambda w: {"data": {"from_id": str(w.stranger_p)}},
    ),
    # JSON API.
    ("PUT", "/api/v1/participants/{participant_id}/attendance"): Case(
        E(401, 403, 200, 200, 403, 403, 403, 200),
        lambda w: f"/api/v1/participants/{w.member_p}/attendance",
        lambda w: {"json": {"attendance": "onsite"}},
    ),
    ("PUT", "/api/v1/events/{event_id}/video-address"): Case(
        E(401, 403, 403, 204, 403, 403, 403, 204),
        lambda w: f"/api/v1/events/{w.event}/video-address",
        lambda w: {"json": {"video_base_url": "https://meet.example.org/y"}},
    ),
    ("GET", "/api/v1/events/{event_id}/projects"): Case(
        ALL(200), lambda w: f"/api/v1/events/{w.event}/projects"
    ),
    ("POST", "/api/v1/events/{event_id}/projects"): Case(
        E(401, 403, 201, 201, 403, 403, 403, 201),
        lambda w: f"/api/v1/events/{w.event}/projects",
        project_json,
    ),
    ("GET", "/api/v1/projects/{project_id}"): Case(ALL(200), lambda w: f"/api/v1/projects/{w.project}"),
    ("PUT", "/api/v1/projects/{project_id}"): Case(
        E(401, 403, 200, 200, 403, 403, 403, 200), lambda w: f"/api/v1/projects/{w.project}", project_json
    ),
    ("DELETE", "/api/v1/projects/{project_id}"): Case(
        E(401, 403, 204, 204, 403, 403, 403, 204), lambda w: "/api/v1/projects/{fresh}"
    ),
    ("PUT", "/api/v1/participants/{participant_id}/project-bookmarks/{project_id}"): Case(
        E(401, 204, 403, 403, 403, 403, 403, 403),
        lambda w: f"/api/v1/participants/{w.stranger_p}/project-bookmarks/{w.project}",
    ),
    ("DELETE", "/api/v1/participants/{participant_id}/project-bookmarks/{project_id}"): Case(
        E(401, 204, 403, 403, 403, 403, 403, 403),
        lambda w: f"/api/v1/participants/{w.stranger_p}/project-bookmarks/{w.project}",
    ),
    ("POST", "/api/v1/projects/{project_id}/requests"): Case(
        E(401, 201, 403, 403, 403, 403, 403, 403),
        lambda w: f"/api/v1/projects/{w.project}/requests",
        lambda w: {"json": {"from_id": w.stranger_p}},
    ),
    ("GET", "/api/v1/projects/{project_id}/interested"): Case(
        E(401, 403, 200, 200, 403, 403, 403, 200), lambda w: f"/api/v1/projects/{w.project}/interested"
    ),
    ("GET", "/api/v1/events/{event_id}/projects/interest"): Case(
        API_ORGANISERS, lambda w: f"/api/v1/events/{w.event}/projects/interest"
    ),
    ("GET", "/api/v1/events/{event_id}/speakers"): Case(
        ALL(200), lambda w: f"/api/v1/events/{w.event}/speakers"
    ),
    ("POST", "/api/v1/events/{event_id}/speakers"): Case(
        E(401, 403, 403, 201, 403, 403, 403, 201),
        lambda w: f"/api/v1/events/{w.event}/speakers",
        lambda w: {"json": {"name_zh": "王丽"}},
    ),
    ("PUT", "/api/v1/speakers/{speaker_id}"): Case(
        E(401, 403, 403, 200, 403, 403, 403, 200),
        lambda w: f"/api/v1/speakers/{w.speaker}",
        lambda w: {"json": {"name_en": "Kim Jung-hoon"}},
    ),
    ("DELETE", "/api/v1/speakers/{speaker_id}"): Case(
        E(401, 403, 403, 204, 403, 403, 403, 204), lambda w: "/api/v1/speakers/{fresh}"
    ),
    ("PUT", "/api/v1/speakers/{speaker_id}/photo"): Case(
        E(401, 403, 403, 204, 403, 403, 403, 204),
        lambda w: f"/api/v1/speakers/{w.speaker}/photo",
        lambda w: {"content": PNG, "headers": {"Content-Type": "image/png"}},
    ),
}


def new_routes(app: Any) -> set[tuple[str, str]]:
    return {k for k, r in app_routes(app).items() if r.module in MODULES}


def test_every_new_route_is_in_the_matrix(app):
    routes = new_routes(app)
    assert routes and routes == set(MATRIX), (sorted(routes - set(MATRIX)), sorted(set(MATRIX) - routes))


def _csrf(c: TestClient) -> str:
    m = re.search(r'"X-CSRF-Token": "([^"]+)"', c.get("/events").text)
    assert m
    return m.group(1)


def _fresh(w: World, db: Any, path: str) -> str:
    """A row of its own for each deletion."""
    from kcbridge.events.models import Project, Speaker

    if "/projects/" in path:
        row = Project(event_id=w.event, participant_id=w.member_p, title_en="Spare")
    else:
        row = Speaker(event_id=w.event, name_en="Spare")
    db.add(row)
    db.commit()
    return path.replace("{fresh}", str(row.id))


@pytest.mark.parametrize("key", sorted(MATRIX), ids=lambda k: f"{k[0]} {k[1]}")
def test_route_for_every_role(world: World, db, key: tuple[str, str]) -> None:
    method, _path = key
    case = MATRIX[key]
    for actor in ACTORS:
        url = case.url(world)
        if "{fresh}" in url:
            url = _fresh(world, db, url)
        kwargs = dict(case.body(world)) if case.body else {}
        if url.startswith("/api/"):
            headers = {**world.tokens[actor], **kwargs.pop("headers", {})}
            r = TestClient(world.app).request(method, url, headers=headers, follow_redirects=False, **kwargs)
        else:
            c = world.clients[actor]
            headers = {"X-CSRF-Token": _csrf(c)} if method in UNSAFE else {}
            r = c.request(method, url, headers=headers, follow_redirects=False, **kwargs)
        assert r.status_code == case.expect[actor], (actor, method, url, r.status_code, r.text[:300])
        if r.status_code == 303 and actor == "anon":  # pages send visitors to the login form
            assert "/login" in r.headers["location"], (actor, url)


def test_who_is_interested_shows_only_to_the_project_and_the_organisers(world: World) -> None:
    for actor, sees in (
        ("anon", False),
        ("stranger", False),
        ("agent", False),
        ("member", True),
        ("owner", True),
    ):
        page = world.clients[actor].get(f"/events/{world.event}/projects/{world.project}").text
        assert ('id="interested"' in page) is sees, actor
