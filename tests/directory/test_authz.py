"""Authorization matrix: every route of the app, called by an anonymous visitor, a member of another
organisation, a member and the owner of the organisation concerned, and a platform administrator.

`test_every_route_is_in_the_matrix` fails when a route exists that the matrix does not list, so a new
route cannot ship without its expected answers. Routes of the domains built in parallel (opportunities,
events, matching) are covered by their own domain tests; they are recognised by their module below.
"""

from __future__ import annotations

import io
import itertools
import secrets
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import text
from tests.support.client import TestClient
from tests.support.routes import app_routes as all_routes

from kcbridge.accounts import security
from kcbridge.accounts.models import MemberRole, Role, User
from kcbridge.accounts.security import sign
from kcbridge.accounts.service import account_service
from kcbridge.app.models import metadata
from kcbridge.directory.schemas import OrganisationIn, PersonIn
from kcbridge.directory.search import directory_search
from kcbridge.directory.service import directory_service
from kcbridge.kit.audit import Actor
from kcbridge.kit.config import get_settings
from kcbridge.kit.db import get_engine, unit_of_work

ACTORS = ("anon", "stranger", "member", "owner", "admin")
USERS = ACTORS[1:]
# Domains whose routes are tested in tests/<domain>/ by the engineers building them.
OWN_DOMAIN_TESTS = (
    "kcbridge.opportunities.",
    "kcbridge.events.",
    "kcbridge.matching.",
    "kcbridge.matchmaking.",
    "kcbridge.notifications.",
    "kcbridge.alerts.",
    "kcbridge.programmes.",
    "kcbridge.news.",  # tests/news/test_authz.py
    "kcbridge.agreements.",  # tests/agreements/test_authz.py
    "kcbridge.cases.",  # tests/cases/test_authz.py
)
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
_n = itertools.count(1)


def png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 200)).save(buf, format="PNG")
    return buf.getvalue()


@dataclass
class World:
    """Two organisations: A (owner + member, a contact person, a logo) and B (the stranger's)."""

    app: Any
    users: dict[str, User] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)
    bearer: dict[str, str] = field(default_factory=dict)
    clients: dict[str, TestClient] = field(default_factory=dict)
    org_a: int = 0
    org_b: int = 0
    person: int = 0

    def new_org(self) -> int:
        with unit_of_work() as db:
            org = directory_service.create(
                db,
                user=self.users["owner"],
                data=OrganisationIn(name_en=f"Org A{next(_n)}", org_type="company", country="KR"),
            )
            account_service.add_member(
                db,
                user=self.users["member"],
                organisation_id=org.id,
                role=MemberRole.MEMBER.value,
                actor=Actor.system("test"),
            )
            return org.id

    def new_person(self) -> int:
        with unit_of_work() as db:
            person = directory_service.add_person(
                db,
                user=None,
                org_id=self.org_a,
                data=PersonIn(name="김지훈", email="kim@a.example"),
                actor=Actor.system("test"),
            )
            return person.id

    def new_owner_token(self) -> int:
        with unit_of_work() as db:
            _token, row = account_service.create_token(db, self.users["owner"], name="to revoke")
            return row.id

    def client(self, actor: str, *, fresh: bool = False) -> TestClient:
        """A browser of `actor`: logged in with its own session (a new one when `fresh`)."""
        if not fresh and actor in self.clients:
            return self.clients[actor]
        c = TestClient(self.app)
        c.cookies.set("kcb_anon", secrets.token_urlsafe(24))
        if actor != "anon":
            with unit_of_work() as db:
                c.cookies.set("kcb_session", account_service.start_session(db, self.users[actor]))
        if not fresh:
            self.clients[actor] = c
        return c

    def csrf(self, c: TestClient) -> str:
        key = c.cookies.get("kcb_session") or c.cookies.get("kcb_anon")
        return sign(get_settings().resolved_secret_key(), f"csrf:{key}")


@pytest.fixture(scope="module")
def world(app: Any, database_url: str) -> Iterator[World]:
    """Built once for the module (cheap argon2), emptied at the end like every other test's data."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(security, "_hasher", security.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        w = World(app=app)
        with unit_of_work() as db:
            for actor in USERS:
                w.users[actor] = account_service.register(
                    db,
                    email=f"{actor}@authz.example",
                    password="correct-horse-battery",
                    display_name=actor,
                    role=Role.ADMIN if actor == "admin" else Role.USER,
                )
            for actor in USERS:
                token, _row = account_service.create_token(db, w.users[actor], name="authz")
                w.bearer[actor] = token
            org_b = directory_service.create(
                db,
                user=w.users["stranger"],
                data=OrganisationIn(name_en="Org B", org_type="company", country="CN"),
            )
            w.org_b = org_b.id
        w.org_a = w.new_org()
        w.person = w.new_person()
        with unit_of_work() as db:
            directory_service.set_logo(db, user=w.users["owner"], org_id=w.org_a, data=png())
        yield w
    with get_engine().begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(text(f'DELETE FROM "{table.name}"'))
    directory_search.__init__()  # type: ignore[misc]


def E(anon: int, stranger: int, member: int, owner: int, admin: int) -> dict[str, int]:  # noqa: N802
    return dict(zip(ACTORS, (anon, stranger, member, owner, admin), strict=True))


def ALL(status: int) -> dict[str, int]:  # noqa: N802
    return dict.fromkeys(ACTORS, status)


Params = Callable[[World], dict[str, Any]]


@dataclass
class Case:
    expect: dict[str, int]
    params: Params = lambda w: {}  # noqa: E731
    body: Callable[[World], dict[str, Any]] = lambda w: {}  # noqa: E731
    fresh: bool = False  # the request changes the browser's own login: use a throwaway one
    missing: int | None = None  # status for an id that does not exist (asked by the admin)
    check: Callable[[Any, str], None] | None = None


def org_a(w: World) -> dict[str, Any]:
    return {"org_id": w.org_a}


def fresh_org(w: World) -> dict[str, Any]:
    return {"org_id": w.new_org()}


def person(w: World) -> dict[str, Any]:
    return {"person_id": w.person}


def fresh_person(w: World) -> dict[str, Any]:
    return {"person_id": w.new_person()}


def owner_token(w: World) -> dict[str, Any]:
    return {"token_id": w.new_owner_token()}


def org_form(w: World) -> dict[str, Any]:
    return {
        "data": {"name_en": f"Form Org {next(_n)}", "org_type": "company", "country": "KR", "city": "Seoul"}
    }


def contacts_shown_only_to_insiders(r: Any, actor: str) -> None:
    insider = actor in ("member", "owner", "admin")
    if r.headers["content-type"].startswith("application/json"):
        assert (r.json()["people"] is not None) == insider
    else:
        assert ("kim@a.example" in r.text) == insider


MATRIX: dict[tuple[str, str], Case] = {
    # --- accounts API -------------------------------------------------------------------------------
    ("GET", "/api/v1/me"): Case(E(401, 200, 200, 200, 200)),
    ("GET", "/api/v1/me/tokens"): Case(E(401, 200, 200, 200, 200)),
    ("POST", "/api/v1/me/tokens"): Case(E(401, 201, 201, 201, 201), body=lambda w: {"json": {"name": "x"}}),
    ("DELETE", "/api/v1/me/tokens/{token_id}"): Case(E(401, 404, 404, 204, 404), owner_token, missing=404),
    # --- directory API ------------------------------------------------------------------------------
    ("GET", "/api/v1/organisations"): Case(ALL(200)),
    ("POST", "/api/v1/organisations"): Case(
        E(401, 201, 201, 201, 201),
        body=lambda w: {"json": {"name_en": f"API Org {next(_n)}", "org_type": "company", "country": "KR"}},
    ),
    ("GET", "/api/v1/organisations/{org_id}"): Case(
        ALL(200), org_a, missing=404, check=contacts_shown_only_to_insiders
    ),
    ("PATCH", "/api/v1/organisations/{org_id}"): Case(
        E(401, 403, 200, 200, 200), org_a, body=lambda w: {"json": {"city": "Busan"}}, missing=404
    ),
    ("DELETE", "/api/v1/organisations/{org_id}"): Case(E(401, 403, 403, 204, 204), fresh_org, missing=404),
    ("PUT", "/api/v1/organisations/{org_id}/logo"): Case(
        E(401, 403, 204, 204, 204), org_a, body=lambda w: {"files": {"file": ("l.png", png())}}, missing=404
    ),
    ("GET", "/api/v1/organisations/{org_id}/people"): Case(E(403, 403, 200, 200, 200), org_a, missing=404),
    ("POST", "/api/v1/organisations/{org_id}/people"): Case(
        E(401, 403, 201, 201, 201), org_a, body=lambda w: {"json": {"name": "Lee"}}, missing=404
    ),
    ("PUT", "/api/v1/people/{person_id}"): Case(
        E(401, 403, 200, 200, 200),
        person,
        body=lambda w: {"json": {"name": "김지훈", "email": "kim@a.example"}},
        missing=404,
    ),
    ("DELETE", "/api/v1/people/{person_id}"): Case(E(401, 403, 204, 204, 204), fresh_person, missing=404),
    ("GET", "/api/v1/organisations/{org_id}/members"): Case(E(401, 403, 200, 200, 200), org_a, missing=404),
    ("POST", "/api/v1/organisations/{org_id}/members"): Case(
        E(401, 403, 403, 201, 201),
        lambda w: {"org_id": w.new_org()},
        body=lambda w: {"json": {"email": w.users["stranger"].email, "role": "member"}},
        missing=404,
    ),
    ("DELETE", "/api/v1/organisations/{org_id}/members/{user_id}"): Case(
        E(401, 403, 403, 204, 204),
        lambda w: {"org_id": w.new_org(), "user_id": w.users["member"].id},
        missing=404,
    ),
    ("GET", "/api/v1/taxonomy"): Case(ALL(200)),
    # --- API documentation --------------------------------------------------------------------------
    ("GET", "/api/v1/openapi.json"): Case(ALL(200)),
    ("GET", "/api/docs"): Case(ALL(200)),
    ("GET", "/docs/oauth2-redirect"): Case(ALL(200)),
    ("MOUNT", "/static"): Case(ALL(200)),
    # --- pages: start, accounts ---------------------------------------------------------------------
    ("GET", "/"): Case(ALL(200)),
    ("GET", "/healthz"): Case(ALL(200)),
    ("GET", "/login"): Case(ALL(200)),
    ("POST", "/login"): Case(
        ALL(303),
        body=lambda w: {"data": {"email": "owner@authz.example", "password": "correct-horse-battery"}},
        fresh=True,
    ),
    ("POST", "/logout"): Case(ALL(303), fresh=True),
    ("GET", "/register"): Case(ALL(200)),
    ("POST", "/register"): Case(
        ALL(303),
        body=lambda w: {
            "data": {
                "display_name": "New",
                "email": f"new{next(_n)}@authz.example",
                "password": "correct-horse-battery",
                "password2": "correct-horse-battery",
            }
        },
        fresh=True,
    ),
    ("GET", "/password/forgot"): Case(ALL(200)),
    ("POST", "/password/forgot"): Case(  # a new address each time: reset mails are limited per address
        ALL(200), body=lambda w: {"data": {"email": f"forgot-{uuid.uuid4().hex[:8]}@authz.example"}}
    ),
    ("GET", "/password/reset/{token}"): Case(ALL(200), lambda w: {"token": "whatever"}),
    ("POST", "/password/reset/{token}"): Case(
        ALL(422),
        lambda w: {"token": "not-a-real-token"},
        body=lambda w: {"data": {"password": "long-enough-pw"}},
    ),
    ("GET", "/account"): Case(E(303, 200, 200, 200, 200)),
    ("GET", "/dashboard"): Case(E(303, 200, 200, 200, 200)),
    ("GET", "/dashboard/matches"): Case(E(303, 200, 200, 200, 200)),
    ("GET", "/dashboard/programmes"): Case(E(303, 200, 200, 200, 200)),
    ("POST", "/account/tokens"): Case(E(401, 200, 200, 200, 200), body=lambda w: {"data": {"name": "x"}}),
    ("POST", "/account/tokens/{token_id}/revoke"): Case(E(401, 404, 404, 303, 404), owner_token, missing=404),
    # --- pages: directory ---------------------------------------------------------------------------
    ("GET", "/organisations"): Case(ALL(200)),
    ("GET", "/organisations/new"): Case(E(303, 200, 200, 200, 200)),
    ("POST", "/organisations/new"): Case(E(401, 303, 303, 303, 303), body=org_form),
    ("GET", "/organisations/{org_id}"): Case(
        ALL(200), org_a, missing=404, check=contacts_shown_only_to_insiders
    ),
    ("GET", "/organisations/{org_id}/edit"): Case(E(303, 403, 200, 200, 200), org_a, missing=404),
    ("POST", "/organisations/{org_id}/edit"): Case(
        E(401, 403, 303, 303, 303),
        org_a,
        body=lambda w: {
            "data": {"name_en": "Org A", "org_type": "company", "country": "KR", "city": "Seoul"}
        },
        missing=404,
    ),
    ("POST", "/organisations/{org_id}/delete"): Case(E(401, 403, 403, 303, 303), fresh_org, missing=404),
    ("POST", "/organisations/{org_id}/people"): Case(
        E(401, 403, 303, 303, 303), org_a, body=lambda w: {"data": {"name": "Park"}}, missing=404
    ),
    ("POST", "/people/{person_id}/delete"): Case(E(401, 403, 303, 303, 303), fresh_person, missing=404),
    ("POST", "/organisations/{org_id}/logo"): Case(
        E(401, 403, 303, 303, 303), org_a, body=lambda w: {"files": {"logo": ("l.png", png())}}, missing=404
    ),
    ("GET", "/organisations/{org_id}/logo"): Case(ALL(200), org_a, missing=404),
    ("POST", "/organisations/{org_id}/members"): Case(
        E(401, 403, 403, 303, 303),
        lambda w: {"org_id": w.new_org()},
        body=lambda w: {"data": {"email": w.users["stranger"].email, "role": "member"}},
        missing=404,
    ),
    ("POST", "/organisations/{org_id}/members/{member_id}/remove"): Case(
        E(401, 403, 403, 303, 303),
        lambda w: {"org_id": w.new_org(), "member_id": w.users["member"].id},
        missing=404,
    ),
    ("GET", "/my/organisations"): Case(E(303, 200, 200, 200, 200)),
    # --- pages: audit -------------------------------------------------------------------------------
    ("GET", "/admin/audit"): Case(E(303, 403, 403, 403, 200)),
    ("GET", "/admin/users"): Case(E(303, 403, 403, 403, 200)),
    ("POST", "/admin/users/{user_id}/role"): Case(
        E(401, 403, 403, 403, 303),
        lambda w: {"user_id": w.users["stranger"].id},
        body=lambda w: {"data": {"role": "user"}},
        missing=404,
    ),
    ("GET", "/api/v1/users"): Case(E(401, 403, 403, 403, 200)),
    ("PATCH", "/api/v1/users/{user_id}"): Case(
        E(401, 403, 403, 403, 200),
        lambda w: {"user_id": w.users["stranger"].id},
        body=lambda w: {"json": {"role": "user"}},
        missing=404,
    ),
}


def app_routes(app: Any) -> dict[tuple[str, str], str]:
    """(method, path) → module of the endpoint, for every route the app answers (HEAD aside)."""
    return {k: r.module for k, r in all_routes(app).items()}


def other_domain_routes(app: Any) -> list[tuple[str, str]]:
    return sorted(k for k, mod in app_routes(app).items() if mod.startswith(OWN_DOMAIN_TESTS))


def test_every_route_is_in_the_matrix(app):
    routes = app_routes(app)
    ours = {k for k, mod in routes.items() if not mod.startswith(OWN_DOMAIN_TESTS)}
    unlisted = sorted(ours - MATRIX.keys())
    assert not unlisted, f"routes without expected answers for each actor: add them to MATRIX: {unlisted}"
    stale = sorted(MATRIX.keys() - ours)
    assert not stale, f"MATRIX lists routes the app no longer has: {stale}"


def request(
    w: World, key: tuple[str, str], case: Case, actor: str, params: dict[str, Any] | None = None
) -> Any:
    method, path = key
    if method == "MOUNT":
        method, url = "GET", "/static/app.css"
    else:
        url = path.format(**(case.params(w) if params is None else params))
    kwargs = case.body(w)
    if url.startswith("/api/"):
        c = TestClient(w.app)  # API callers: a bearer token, no cookies
        headers = {"Authorization": f"Bearer {w.bearer[actor]}"} if actor != "anon" else {}
    else:
        c = w.client(actor, fresh=case.fresh)
        headers = {"X-CSRF-Token": w.csrf(c)} if method in UNSAFE else {}
    return c.request(method, url, headers=headers, follow_redirects=False, **kwargs)


@pytest.mark.parametrize("key", list(MATRIX), ids=[f"{m} {p}" for m, p in MATRIX])
def test_route_answers_each_actor_as_expected(world, key):
    case = MATRIX[key]
    got = {}
    for actor in ACTORS:
        r = request(world, key, case, actor)
        got[actor] = r.status_code
        if case.check and r.status_code == 200:
            case.check(r, actor)
    assert got == case.expect


@pytest.mark.parametrize(
    "key",
    [k for k, c in MATRIX.items() if c.missing],
    ids=[f"{m} {p}" for (m, p), c in MATRIX.items() if c.missing],
)
def test_a_missing_record_is_404_even_for_the_admin(world, key):
    case = MATRIX[key]
    params = {name: 987654 for name in case.params(world)}
    assert request(world, key, case, "admin", params).status_code == case.missing


@pytest.mark.parametrize(
    "key",
    [k for k in MATRIX if k[0] in UNSAFE and not k[1].startswith("/api/")],
    ids=[f"{m} {p}" for m, p in MATRIX if m in UNSAFE and not p.startswith("/api/")],
)
def test_page_forms_without_the_csrf_token_are_refused(world, key):
    case = MATRIX[key]
    method, path = key
    c = world.client("owner", fresh=True)
    r = c.request(method, path.format(**case.params(world)), follow_redirects=False, **case.body(world))
    assert r.status_code == 403
    token = world.csrf(world.client("stranger"))  # another visitor's token does not fit either
    r = c.request(
        method,
        path.format(**case.params(world)),
        headers={"X-CSRF-Token": token},
        follow_redirects=False,
        **case.body(world),
    )
    assert r.status_code == 403


def test_a_revoked_or_unknown_token_is_401_on_every_api_route(world):
    with unit_of_work() as db:
        token, row = account_service.create_token(db, world.users["owner"], name="soon revoked")
        account_service.revoke_token(db, world.users["owner"], row.id)
    c = TestClient(world.app)
    for (method, path), case in MATRIX.items():
        if not path.startswith("/api/v1/") or path in ("/api/v1/openapi.json", "/api/v1/taxonomy"):
            continue  # public documents that never look at the caller
        url = path.format(**{name: 1 for name in case.params(world)})
        for bad in (token, "kcb_unknown"):
            r = c.request(method, url, headers={"Authorization": f"Bearer {bad}"}, **case.body(world))
            assert r.status_code == 401, (method, path, r.status_code)
