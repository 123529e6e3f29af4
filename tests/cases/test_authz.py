"""Authorization of every cases route (API and pages) for every role: anonymous, a member of another
organisation, a member and the owner of the firm, a support agent of the assigned institution, a support
agent elsewhere, a government officer, an analyst and an administrator. Each (route, role) runs on the
world as built (once for the module, `module_db`): what a call writes is rolled back after its test. A
route of this domain missing from MATRIX fails the first test."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.support import client_with, factories, login
from tests.support.client import TestClient
from tests.support.routes import app_routes

from .conftest import PDF, ROLES, build_world, case_data, case_factory, complete_world

UNSAFE = {"POST", "PATCH", "PUT", "DELETE"}


def E(*codes: int) -> dict[str, int]:  # noqa: N802
    return dict(zip(ROLES, codes, strict=True))


@dataclass
class Route:
    expect: dict[str, int]
    url: Callable[[Any], str]
    body: Callable[[Any], dict[str, Any]] | None = None
    missing: str | None = None  # the route with an id that names nothing (asked by the admin: 404)


def a(w):
    return w.cases["a"].id


def case_json(w):
    return {"json": case_data(w.firm.id, subject="시험 인증 지연")}


def case_form(w):
    return {"data": {k: str(v) for k, v in case_data(w.firm.id, subject="시험 인증 지연").items()}}


def row_form(w):
    row = case_data(w.firm.id, category="hiring_visas", subject="비자 지연")
    return {"data": {"rows": "1", **{f"{k}-0": str(v) for k, v in row.items()}}}


PDF_FILE = {"files": {"file": ("evidence.pdf", PDF, "application/pdf")}}
# (anon, stranger, member, owner, agent, agent_elsewhere, officer, analyst, admin)
MATRIX: dict[tuple[str, str], Route] = {
    ("GET", "/api/v1/cases"): Route(
        E(401, 200, 200, 200, 200, 200, 403, 403, 200), lambda w: "/api/v1/cases"
    ),
    ("POST", "/api/v1/cases"): Route(
        E(401, 403, 201, 201, 403, 403, 403, 403, 201), lambda w: "/api/v1/cases", case_json
    ),
    ("GET", "/api/v1/cases/shared"): Route(E(401, *[200] * 8), lambda w: "/api/v1/cases/shared"),
    ("GET", "/api/v1/cases/stats"): Route(
        E(401, 403, 403, 403, 403, 403, 200, 200, 200), lambda w: "/api/v1/cases/stats?by=region"
    ),
    ("GET", "/api/v1/cases/export"): Route(
        E(401, 200, 200, 200, 200, 200, 403, 403, 200), lambda w: "/api/v1/cases/export?format=json"
    ),
    ("GET", "/api/v1/cases/routes"): Route(E(401, *[403] * 7, 200), lambda w: "/api/v1/cases/routes"),
    ("POST", "/api/v1/cases/routes"): Route(
        E(401, *[403] * 7, 201),
        lambda w: "/api/v1/cases/routes",
        lambda w: {"json": {"category": "logistics", "institution_id": w.elsewhere.id}},
    ),
    ("DELETE", "/api/v1/cases/routes/{rule_id}"): Route(
        E(401, *[403] * 7, 204),
        lambda w: f"/api/v1/cases/routes/{w.rule.id}",
        missing="/api/v1/cases/routes/987654",
    ),
    ("POST", "/api/v1/cases/round-tables/{event_id}"): Route(
        E(401, 403, 403, 403, 403, 403, 201, 403, 201),
        lambda w: f"/api/v1/cases/round-tables/{w.round_table.id}",
        lambda w: {"json": {"cases": [case_data(w.firm.id, category="hiring_visas")]}},
        missing="/api/v1/cases/round-tables/987654",
    ),
    ("GET", "/api/v1/cases/{case_id}"): Route(
        E(401, 404, 200, 200, 200, 404, 403, 403, 200),
        lambda w: f"/api/v1/cases/{a(w)}",
        missing="/api/v1/cases/987654",
    ),
    ("PATCH", "/api/v1/cases/{case_id}"): Route(
        E(401, 404, 200, 200, 403, 404, 403, 403, 403),
        lambda w: f"/api/v1/cases/{a(w)}",
        lambda w: {"json": {"subject": "상표 선점 (수정)"}},
        missing="/api/v1/cases/987654",
    ),
    ("POST", "/api/v1/cases/{case_id}/messages"): Route(
        E(401, 404, 201, 201, 201, 404, 403, 403, 201),
        lambda w: f"/api/v1/cases/{a(w)}/messages",
        lambda w: {"json": {"body": "진행 상황을 알려 주세요."}},
        missing="/api/v1/cases/987654/messages",
    ),
    ("POST", "/api/v1/cases/{case_id}/status"): Route(
        E(401, 404, 403, 403, 200, 404, 403, 403, 200),
        lambda w: f"/api/v1/cases/{a(w)}/status",
        lambda w: {"json": {"status": "in_progress"}},
        missing="/api/v1/cases/987654/status",
    ),
    ("POST", "/api/v1/cases/{case_id}/reassign"): Route(
        E(401, 404, 403, 403, 200, 404, 403, 403, 200),
        lambda w: f"/api/v1/cases/{a(w)}/reassign",
        lambda w: {"json": {"institution_id": w.elsewhere.id, "reason": "상하이 사무소 담당"}},
        missing="/api/v1/cases/987654/reassign",
    ),
    ("POST", "/api/v1/cases/{case_id}/rating"): Route(
        E(401, 404, 200, 200, 403, 404, 403, 403, 403),
        lambda w: f"/api/v1/cases/{w.cases['resolved'].id}/rating",
        lambda w: {"json": {"score": 4}},
        missing="/api/v1/cases/987654/rating",
    ),
    ("POST", "/api/v1/cases/{case_id}/shares"): Route(
        E(401, 404, 403, 201, 403, 404, 403, 403, 403),
        lambda w: f"/api/v1/cases/{a(w)}/shares",
        lambda w: {"json": {"email": w.users["officer"].email}},
        missing="/api/v1/cases/987654/shares",
    ),
    ("DELETE", "/api/v1/cases/{case_id}/shares/{user_id}"): Route(
        E(401, 404, 403, 204, 403, 404, 403, 403, 403),
        lambda w: f"/api/v1/cases/{w.cases['shared'].id}/shares/{w.users['officer'].id}",
        missing="/api/v1/cases/987654/shares/1",
    ),
    ("POST", "/api/v1/cases/{case_id}/attachments"): Route(
        E(401, 404, 201, 201, 201, 404, 403, 403, 201),
        lambda w: f"/api/v1/cases/{a(w)}/attachments",
        lambda w: PDF_FILE,
        missing="/api/v1/cases/987654/attachments",
    ),
    ("GET", "/api/v1/cases/{case_id}/attachments/{attachment_id}"): Route(
        E(401, 404, 200, 200, 200, 404, 403, 403, 200),
        lambda w: f"/api/v1/cases/{a(w)}/attachments/{w.file.id}",
        missing="/api/v1/cases/987654/attachments/1",
    ),
    # Pages ---------------------------------------------------------------------------------------
    ("GET", "/cases"): Route(E(303, *[200] * 8), lambda w: "/cases"),
    ("GET", "/cases/new"): Route(E(303, 200, 200, 200, 200, 200, 403, 403, 200), lambda w: "/cases/new"),
    ("POST", "/cases/new"): Route(
        E(401, 403, 303, 303, 403, 403, 403, 403, 303), lambda w: "/cases/new", case_form
    ),
    ("GET", "/cases/export"): Route(
        E(303, 200, 200, 200, 200, 200, 403, 403, 200), lambda w: "/cases/export"
    ),
    ("GET", "/cases/shared"): Route(E(303, *[200] * 8), lambda w: "/cases/shared"),
    ("GET", "/cases/stats"): Route(
        E(303, 403, 403, 403, 403, 403, 200, 200, 200), lambda w: "/cases/stats?by=month&scope=KR"
    ),
    ("GET", "/cases/routes"): Route(E(303, *[403] * 7, 200), lambda w: "/cases/routes"),
    ("POST", "/cases/routes"): Route(
        E(401, *[403] * 7, 303),
        lambda w: "/cases/routes",
        lambda w: {"data": {"category": "logistics", "institution_id": str(w.elsewhere.id)}},
    ),
    ("POST", "/cases/routes/{rule_id}/delete"): Route(
        E(401, *[403] * 7, 303),
        lambda w: f"/cases/routes/{w.rule.id}/delete",
        missing="/cases/routes/987654/delete",
    ),
    ("GET", "/cases/round-tables"): Route(E(303, *[200] * 8), lambda w: "/cases/round-tables"),
    ("GET", "/cases/round-tables/{event_id}"): Route(
        E(303, 403, 403, 403, 403, 403, 200, 403, 200),
        lambda w: f"/cases/round-tables/{w.round_table.id}",
        missing="/cases/round-tables/987654",
    ),
    ("POST", "/cases/round-tables/{event_id}"): Route(
        E(401, 403, 403, 403, 403, 403, 303, 403, 303),
        lambda w: f"/cases/round-tables/{w.round_table.id}",
        row_form,
        missing="/cases/round-tables/987654",
    ),
    ("GET", "/cases/{case_id}"): Route(
        E(303, 404, 200, 200, 200, 404, 403, 403, 200), lambda w: f"/cases/{a(w)}", missing="/cases/987654"
    ),
    ("GET", "/cases/{case_id}/edit"): Route(
        E(303, 404, 200, 200, 403, 404, 403, 403, 403),
        lambda w: f"/cases/{a(w)}/edit",
        missing="/cases/987654/edit",
    ),
    ("POST", "/cases/{case_id}/edit"): Route(
        E(401, 404, 303, 303, 403, 404, 403, 403, 403),
        lambda w: f"/cases/{a(w)}/edit",
        case_form,
        missing="/cases/987654/edit",
    ),
    ("POST", "/cases/{case_id}/messages"): Route(
        E(401, 404, 303, 303, 303, 404, 403, 403, 303),
        lambda w: f"/cases/{a(w)}/messages",
        lambda w: {"data": {"body": "감사합니다"}},
        missing="/cases/987654/messages",
    ),
    ("POST", "/cases/{case_id}/status"): Route(
        E(401, 404, 403, 403, 303, 404, 403, 403, 303),
        lambda w: f"/cases/{a(w)}/status",
        lambda w: {"data": {"status": "in_progress"}},
        missing="/cases/987654/status",
    ),
    ("POST", "/cases/{case_id}/reassign"): Route(
        E(401, 404, 403, 403, 303, 404, 403, 403, 303),
        lambda w: f"/cases/{a(w)}/reassign",
        lambda w: {"data": {"institution_id": str(w.elsewhere.id), "reason": "상하이 담당"}},
        missing="/cases/987654/reassign",
    ),
    ("POST", "/cases/{case_id}/rating"): Route(
        E(401, 404, 303, 303, 403, 404, 403, 403, 403),
        lambda w: f"/cases/{w.cases['resolved'].id}/rating",
        lambda w: {"data": {"score": "5"}},
        missing="/cases/987654/rating",
    ),
    ("POST", "/cases/{case_id}/shares"): Route(
        E(401, 404, 403, 303, 403, 404, 403, 403, 403),
        lambda w: f"/cases/{a(w)}/shares",
        lambda w: {"data": {"email": w.users["officer"].email}},
        missing="/cases/987654/shares",
    ),
    ("POST", "/cases/{case_id}/shares/{user_id}/delete"): Route(
        E(401, 404, 403, 303, 403, 404, 403, 403, 403),
        lambda w: f"/cases/{w.cases['shared'].id}/shares/{w.users['officer'].id}/delete",
        missing="/cases/987654/shares/1/delete",
    ),
    ("POST", "/cases/{case_id}/attachments"): Route(
        E(401, 404, 303, 303, 303, 404, 403, 403, 303),
        lambda w: f"/cases/{a(w)}/attachments",
        lambda w: PDF_FILE,
        missing="/cases/987654/attachments",
    ),
    ("GET", "/cases/{case_id}/attachments/{attachment_id}"): Route(
        E(303, 404, 200, 200, 200, 404, 403, 403, 200),
        lambda w: f"/cases/{a(w)}/attachments/{w.file.id}",
        missing="/cases/987654/attachments/1",
    ),
}


def cases_routes(app: Any) -> set[tuple[str, str]]:
    return {k for k, r in app_routes(app).items() if r.module.startswith("kcbridge.cases.")}


def test_every_cases_route_is_in_the_matrix(app):
    routes = cases_routes(app)
    assert routes == set(MATRIX), (sorted(routes - set(MATRIX)), sorted(set(MATRIX) - routes))


def call(app, w, key, role, url=None, with_csrf=True) -> Any:
    method, _path = key
    route = MATRIX[key]
    target = url or route.url(w)
    kwargs = route.body(w) if route.body else {}
    if target.startswith("/api/"):
        headers = {"Authorization": f"Bearer {w.tokens[role]}"} if role in w.users else {}
        with TestClient(app) as c:
            return c.request(method, target, headers=headers, follow_redirects=False, **kwargs)
    cookies, token = w.browsers[role]
    with client_with(app, cookies) as c:
        headers = {"X-CSRF-Token": token} if method in UNSAFE and with_csrf else {}
        return c.request(method, target, headers=headers, follow_redirects=False, **kwargs)


def browser(app, user) -> tuple[httpx.Cookies, str]:
    """The cookies of a browser signed in as `user` (None: an anonymous visitor) and the CSRF token its
    pages carry."""
    with TestClient(app) as c:
        if user:
            login(c, user.email)
        m = re.search(r'"X-CSRF-Token": "([^"]+)"', c.get("/").text)
        assert m, "the home page carries the CSRF token"
        return httpx.Cookies(c.cookies), m.group(1)


@pytest.fixture(scope="module")
def built(module_db, app):
    """The full world of tests/cases/conftest.py with an API token and a signed-in browser per role, built
    once for the module (`module_db`): each test runs in a savepoint rolled back after it, so it sees that
    world as built."""
    from kcbridge.accounts.service import account_service

    w = complete_world(
        module_db,
        build_world(
            module_db,
            lambda **kw: factories.user(module_db, **kw),
            lambda owner=None, people=(), **kw: factories.organisation(module_db, owner, people, **kw),
            case_factory(module_db),
        ),
    )
    w.tokens = {}
    for role, user in w.users.items():
        w.tokens[role], _row = account_service.create_token(module_db, user, name="test")
    module_db.commit()
    w.browsers = {role: browser(app, w.users.get(role)) for role in ROLES}
    return w


@pytest.fixture
def tokened(built, db_url):
    return built


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", list(MATRIX), ids=[f"{m} {p}" for m, p in MATRIX])
def test_route_answers_each_role_as_expected(app, tokened, key, role):
    got = call(app, tokened, key, role)
    assert got.status_code == MATRIX[key].expect[role], got.text[:300]


@pytest.mark.parametrize(
    "key",
    [k for k, r in MATRIX.items() if r.missing],
    ids=[f"{m} {p}" for (m, p), r in MATRIX.items() if r.missing],
)
def test_an_id_that_names_nothing_is_404_even_for_the_admin(app, tokened, key):
    assert call(app, tokened, key, "admin", url=MATRIX[key].missing).status_code == 404


@pytest.mark.parametrize(
    "key",
    [k for k in MATRIX if k[0] in UNSAFE and not k[1].startswith("/api/")],
    ids=[f"{m} {p}" for m, p in MATRIX if m in UNSAFE and not p.startswith("/api/")],
)
def test_page_forms_without_the_csrf_token_are_refused(app, tokened, key):
    assert call(app, tokened, key, "owner", with_csrf=False).status_code == 403
