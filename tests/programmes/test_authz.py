"""Authorization of every programmes route: anonymous, a member of another organisation, a member of
the operator, platform staff (support agent) and an administrator. A route of this domain missing from
MATRIX fails `test_every_programmes_route_is_in_the_matrix`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from tests.support import client_with, factories
from tests.support.client import TestClient
from tests.support.routes import app_routes

from .conftest import programme_maker

ACTORS = ("anon", "stranger", "member", "staff", "admin")
UNSAFE = {"POST", "PATCH", "PUT", "DELETE"}


@dataclass
class World:
    app: Any
    users: dict[str, Any]
    tokens: dict[str, dict[str, str]]
    clients: dict[str, TestClient]
    org_a: int  # the operator; "member" belongs to it
    published: int
    draft: int


@pytest.fixture(scope="module")
def built(app, module_db) -> Iterator[dict[str, Any]]:
    """The users, the operator with a published programme and a draft, each user logged in (their cookies)
    and an API token each: built once for the module (`module_db`); each test runs in a savepoint rolled
    back after it."""
    from kcbridge.accounts import security
    from kcbridge.accounts.models import Role

    db = module_db
    make_user, make_org = factories.user_maker(db), factories.organisation_maker(db)
    make_prog = programme_maker(db)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(security, "_hasher", security.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        users = {
            "stranger": make_user(),
            "member": make_user(),
            "staff": make_user(role=Role.SUPPORT_AGENT),
            "admin": make_user(role=Role.ADMIN),
        }
        make_org(owner=users["stranger"], name_en="Org B", country="CN")
        org_a = make_org(
            owner=make_user(), name_en="Operator A", org_type="incubator", country="CN", city="Beijing"
        )
        factories.member(db, users["member"], org_a)
        db.commit()
        published = make_prog(users["member"], org_a)
        draft = make_prog(users["member"], org_a, status="draft")
        cookies, tokens = factories.credentials(app, db, users)
        yield {
            "users": users,
            "tokens": tokens,
            "cookies": cookies,
            "ids": (org_a.id, published.id, draft.id),
        }


@pytest.fixture
def world(app, built, db_url) -> Iterator[World]:
    """The module's world, with clients of this test's own (each as just logged in)."""
    clients = {"anon": client_with(app, None)}
    clients |= {actor: client_with(app, jar) for actor, jar in built["cookies"].items()}
    yield World(app, built["users"], built["tokens"], clients, *built["ids"])
    for c in clients.values():
        c.close()


def E(anon: int, stranger: int, member: int, staff: int, admin: int) -> dict[str, int]:  # noqa: N802
    return dict(zip(ACTORS, (anon, stranger, member, staff, admin), strict=True))


def ALL(status: int) -> dict[str, int]:  # noqa: N802
    return dict.fromkeys(ACTORS, status)


def prog_form(w: World) -> dict[str, Any]:
    return {
        "organisation_id": str(w.org_a),
        "prog_type": "training",
        "status": "draft",
        "country": "CN",
        "city": "Beijing",
        "format": "online",
        "title_en": "Market academy",
    }


@dataclass
class Case:
    expect: dict[str, int]
    url: Callable[[World], str]
    body: Callable[[World], dict[str, Any]] | None = None
    missing: str | None = None  # the URL with an id that does not exist (asked by the admin: 404)


MATRIX: dict[tuple[str, str], Case] = {
    ("GET", "/api/v1/programmes"): Case(ALL(200), lambda w: "/api/v1/programmes"),
    ("POST", "/api/v1/programmes"): Case(
        E(401, 403, 201, 201, 201),
        lambda w: "/api/v1/programmes",
        body=lambda w: {
            "json": {
                "organisation_id": w.org_a,
                "prog_type": "funding",
                "country": "CN",
                "texts": {"en": {"title": "Grant"}},
            }
        },
    ),
    ("GET", "/api/v1/programmes/eligible"): Case(
        E(401, 403, 200, 200, 200), lambda w: f"/api/v1/programmes/eligible?organisation_id={w.org_a}"
    ),
    ("GET", "/api/v1/programmes/{prog_id}"): Case(
        E(404, 404, 200, 200, 200),
        lambda w: f"/api/v1/programmes/{w.draft}",
        missing="/api/v1/programmes/987654",
    ),
    ("PATCH", "/api/v1/programmes/{prog_id}"): Case(
        E(401, 403, 200, 200, 200),
        lambda w: f"/api/v1/programmes/{w.published}",
        body=lambda w: {"json": {"capacity": 9}},
        missing="/api/v1/programmes/987654",
    ),
    ("GET", "/programmes"): Case(ALL(200), lambda w: "/programmes"),
    ("GET", "/programmes/eligible"): Case(
        E(303, 403, 200, 200, 200), lambda w: f"/programmes/eligible?org={w.org_a}"
    ),
    ("GET", "/my/programmes"): Case(E(303, 200, 200, 200, 200), lambda w: "/my/programmes"),
    ("GET", "/programmes/new"): Case(E(303, 200, 200, 403, 403), lambda w: "/programmes/new"),
    ("POST", "/programmes/new"): Case(
        E(401, 403, 303, 303, 303), lambda w: "/programmes/new", body=lambda w: {"data": prog_form(w)}
    ),
    ("GET", "/programmes/{prog_id}"): Case(
        E(404, 404, 200, 200, 200), lambda w: f"/programmes/{w.draft}", missing="/programmes/987654"
    ),
    ("GET", "/programmes/{prog_id}/fit"): Case(
        ALL(200), lambda w: f"/programmes/{w.published}/fit", missing="/programmes/987654/fit"
    ),
    ("GET", "/programmes/{prog_id}/edit"): Case(
        E(303, 403, 200, 200, 200),
        lambda w: f"/programmes/{w.published}/edit",
        missing="/programmes/987654/edit",
    ),
    ("POST", "/programmes/{prog_id}/edit"): Case(
        E(401, 403, 303, 303, 303),
        lambda w: f"/programmes/{w.published}/edit",
        body=lambda w: {"data": {**prog_form(w), "status": "published"}},
        missing="/programmes/987654/edit",
    ),
}


def programmes_routes(app: Any) -> set[tuple[str, str]]:
    """(method, path) of every route of programmes' pages and API (the fit fragment is matchmaking's)."""
    return {
        k
        for k, r in app_routes(app).items()
        if r.module.startswith("kcbridge.programmes.")
        or r.path.startswith(("/programmes", "/api/v1/programmes"))
    }


def test_every_programmes_route_is_in_the_matrix(app):
    routes = programmes_routes(app)
    assert routes, "no programmes routes found"
    assert routes == set(MATRIX), (sorted(routes - set(MATRIX)), sorted(set(MATRIX) - routes))


def csrf(c: TestClient) -> str:
    m = re.search(r'"X-CSRF-Token": "([^"]+)"', c.get("/programmes").text)
    assert m
    return m.group(1)


def call(w: World, key: tuple[str, str], actor: str, url: str | None = None, with_csrf: bool = True) -> Any:
    method, _path = key
    case = MATRIX[key]
    target = url or case.url(w)
    kwargs = case.body(w) if case.body else {}
    if target.startswith("/api/"):
        return TestClient(w.app).request(
            method, target, headers=w.tokens[actor], follow_redirects=False, **kwargs
        )
    c = w.clients[actor]
    headers = {"X-CSRF-Token": csrf(c)} if method in UNSAFE and with_csrf else {}
    return c.request(method, target, headers=headers, follow_redirects=False, **kwargs)


@pytest.mark.parametrize("key", list(MATRIX), ids=[f"{m} {p}" for m, p in MATRIX])
def test_route_answers_each_actor_as_expected(world, key):
    got = {actor: call(world, key, actor).status_code for actor in ACTORS}
    assert got == MATRIX[key].expect


@pytest.mark.parametrize(
    "key",
    [k for k, c in MATRIX.items() if c.missing],
    ids=[f"{m} {p}" for (m, p), c in MATRIX.items() if c.missing],
)
def test_a_missing_programme_is_404_even_for_the_admin(world, key):
    assert call(world, key, "admin", url=MATRIX[key].missing).status_code == 404


@pytest.mark.parametrize(
    "key",
    [k for k in MATRIX if k[0] in UNSAFE and not k[1].startswith("/api/")],
    ids=[f"{m} {p}" for m, p in MATRIX if m in UNSAFE and not p.startswith("/api/")],
)
def test_page_forms_without_the_csrf_token_are_refused(world, key):
    assert call(world, key, "member", with_csrf=False).status_code == 403


def test_published_programmes_are_public_and_drafts_stay_private(world):
    for actor in ACTORS:
        c = world.clients[actor]
        assert c.get(f"/programmes/{world.published}").status_code == 200
        r = TestClient(world.app).get(f"/api/v1/programmes/{world.published}", headers=world.tokens[actor])
        assert r.status_code == 200
    listed = TestClient(world.app).get("/api/v1/programmes", headers=world.tokens["member"]).json()
    assert [p["id"] for p in listed["items"]] == [world.published]  # a draft never reaches the finder
