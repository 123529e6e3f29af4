"""Authorization of every agreements route for every role: anonymous, a member of another organisation,
a member of a party, a member of the firm that owns a commitment, a support agent, a government officer,
an analyst and an administrator. A route of this domain missing from MATRIX fails
`test_every_agreements_route_is_in_the_matrix`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from tests.support import client_with, factories, login_cookies
from tests.support.client import TestClient
from tests.support.routes import app_routes

from .conftest import agreement_maker, build_world, commitment_maker

ACTORS = ("anon", "stranger", "member", "owner", "agent", "officer", "analyst", "admin")
UNSAFE = {"POST", "PATCH", "PUT", "DELETE"}
PDF = b"%PDF-1.4\n% kcbridge test\n"


@dataclass
class Web:
    app: Any
    w: Any  # tests/agreements/conftest.py World
    tokens: dict[str, dict[str, str]]
    clients: dict[str, TestClient]
    file_id: int  # the parties-only agreement's text
    milestone_id: int


@pytest.fixture(scope="module")
def built(app, module_db) -> dict[str, Any]:
    """The world of tests/agreements/conftest.py with the parties-only agreement's text, each user logged
    in (their cookies) and an API token each: built once for the module (`module_db`); each test runs in
    a savepoint rolled back after it."""
    from kcbridge.agreements import repository as repo
    from kcbridge.agreements.service import agreement_service

    db = module_db
    world = build_world(
        factories.user_maker(db),
        factories.organisation_maker(db),
        agreement_maker(db),
        commitment_maker(db),
    )
    f = agreement_service.set_text_file(
        db, user=world.users["member"], agreement_id=world.private.id, filename="loi.pdf", data=PDF
    )
    db.commit()
    milestone = repo.commitment(db, world.public.id, world.commitment.id).milestones[0]
    cookies: dict[str, Any] = {"anon": None}
    tokens: dict[str, dict[str, str]] = {"anon": {}}
    for actor, user in world.users.items():
        if user is None:
            continue
        cookies[actor] = login_cookies(app, user.email)
        tokens[actor] = factories.api_headers(db, user)
    return {"world": world, "tokens": tokens, "cookies": cookies, "ids": (f.id, milestone.id)}


@pytest.fixture
def web(app, built, db_url) -> Iterator[Web]:
    """The module's world, with clients of this test's own (each as just logged in)."""
    clients = {actor: client_with(app, jar) for actor, jar in built["cookies"].items()}
    yield Web(app, built["world"], built["tokens"], clients, *built["ids"])
    for c in clients.values():
        c.close()


def E(anon, stranger, member, owner, agent, officer, analyst, admin) -> dict[str, int]:  # noqa: N802
    return dict(zip(ACTORS, (anon, stranger, member, owner, agent, officer, analyst, admin), strict=True))


def ALL(status: int) -> dict[str, int]:  # noqa: N802
    return dict.fromkeys(ACTORS, status)


# Who reads a parties-only agreement: its parties, the owner of one of its commitments, officers, admins.
PRIVATE_READ = E(404, 404, 200, 200, 404, 200, 404, 200)
PARTIES_WRITE_API = E(401, 403, 200, 403, 403, 403, 403, 200)
PARTIES_WRITE_PAGE = E(401, 403, 303, 403, 403, 403, 403, 303)
PARTIES_FORM = E(303, 403, 200, 403, 403, 403, 403, 200)
REPORT_PAGE = E(401, 403, 303, 303, 403, 403, 403, 303)


def agreement_json(w: Web) -> dict[str, Any]:
    return {
        "kind": "cooperation",
        "title_en": "Youth exchange",
        "signed_on": "2025-10-01",
        "parties": [{"organisation_id": w.w.party_a.id}, {"organisation_id": w.w.party_b.id}],
    }


def agreement_form(w: Web) -> dict[str, str]:
    return {
        "kind": "mou",
        "visibility": "public",
        "title_en": "Tourism MOU",
        "signed_on": "2025-10-02",
        "party_rows": "2",
        "party_0": "Gyeonggi Province",
        "party_1": "上海市人民政府",
    }


def commitment_form(w: Web) -> dict[str, str]:
    return {"what_en": "Student exchange", "owner_org_id": str(w.w.party_a.id), "status": "planned",
            "completion": "not_started", "due_on": "2026-09-01"}  # fmt: skip


@dataclass
class Case:
    expect: dict[str, int]
    url: Callable[[Web], str]
    body: Callable[[Web], dict[str, Any]] | None = None
    missing: str | None = None  # the URL with an id that does not exist (asked by the admin: 404)


def pub(w: Web) -> str:
    return f"/agreements/{w.w.public.id}"


def prv(w: Web) -> str:
    return f"/agreements/{w.w.private.id}"


def pub_c(w: Web) -> str:
    return f"{pub(w)}/commitments/{w.w.commitment.id}"


def prv_c(w: Web) -> str:
    return f"{prv(w)}/commitments/{w.w.private_commitment.id}"


MATRIX: dict[tuple[str, str], Case] = {
    ("GET", "/api/v1/agreements"): Case(ALL(200), lambda w: "/api/v1/agreements"),
    ("POST", "/api/v1/agreements"): Case(
        E(401, 403, 201, 403, 403, 403, 403, 201),
        lambda w: "/api/v1/agreements",
        body=lambda w: {"json": agreement_json(w)},
    ),
    ("GET", "/api/v1/agreements/{agreement_id}"): Case(
        PRIVATE_READ, lambda w: "/api/v1" + prv(w), missing="/api/v1/agreements/987654"
    ),
    ("PATCH", "/api/v1/agreements/{agreement_id}"): Case(
        PARTIES_WRITE_API,
        lambda w: "/api/v1" + pub(w),
        body=lambda w: {"json": {"signed_place": "Pudong"}},
        missing="/api/v1/agreements/987654",
    ),
    ("PUT", "/api/v1/agreements/{agreement_id}/attachment"): Case(
        PARTIES_WRITE_API,
        lambda w: "/api/v1" + pub(w) + "/attachment",
        body=lambda w: {"files": {"file": ("mou.pdf", PDF, "application/pdf")}},
        missing="/api/v1/agreements/987654/attachment",
    ),
    ("GET", "/api/v1/agreements/{agreement_id}/commitments"): Case(
        PRIVATE_READ,
        lambda w: "/api/v1" + prv(w) + "/commitments",
        missing="/api/v1/agreements/987654/commitments",
    ),
    ("POST", "/api/v1/agreements/{agreement_id}/commitments"): Case(
        E(401, 403, 201, 403, 403, 403, 403, 201),
        lambda w: "/api/v1" + pub(w) + "/commitments",
        body=lambda w: {"json": {"what_en": "Joint R&D", "owner_org_id": w.w.party_b.id}},
        missing="/api/v1/agreements/987654/commitments",
    ),
    ("GET", "/api/v1/agreements/{agreement_id}/commitments/{commitment_id}"): Case(
        PRIVATE_READ, lambda w: "/api/v1" + prv_c(w), missing="/api/v1/agreements/987654/commitments/1"
    ),
    ("PATCH", "/api/v1/agreements/{agreement_id}/commitments/{commitment_id}"): Case(
        E(401, 403, 200, 200, 403, 403, 403, 200),
        lambda w: "/api/v1" + pub_c(w),
        body=lambda w: {"json": {"status": "in_progress"}},
        missing="/api/v1/agreements/987654/commitments/1",
    ),
    ("GET", "/api/v1/agreements/{agreement_id}/commitments/{commitment_id}/progress"): Case(
        PRIVATE_READ,
        lambda w: "/api/v1" + prv_c(w) + "/progress",
        missing="/api/v1/agreements/1/commitments/987654/progress",
    ),
    ("POST", "/api/v1/agreements/{agreement_id}/commitments/{commitment_id}/progress"): Case(
        E(401, 403, 201, 201, 403, 403, 403, 201),
        lambda w: "/api/v1" + pub_c(w) + "/progress",
        body=lambda w: {"json": {"text": "Booths booked."}},
        missing="/api/v1/agreements/987654/commitments/1/progress",
    ),
    ("GET", "/agreements"): Case(ALL(200), lambda w: "/agreements"),
    ("GET", "/agreements/portfolio"): Case(
        E(303, 200, 200, 200, 200, 200, 200, 200), lambda w: "/agreements/portfolio"
    ),
    ("GET", "/my/commitments"): Case(E(303, 200, 200, 200, 200, 200, 200, 200), lambda w: "/my/commitments"),
    ("GET", "/agreements/new"): Case(E(303, 200, 200, 200, 403, 403, 403, 200), lambda w: "/agreements/new"),
    ("POST", "/agreements/new"): Case(
        E(401, 403, 303, 403, 403, 403, 403, 303),
        lambda w: "/agreements/new",
        body=lambda w: {"data": agreement_form(w)},
    ),
    ("GET", "/agreements/{agreement_id}"): Case(PRIVATE_READ, prv, missing="/agreements/987654"),
    ("GET", "/agreements/{agreement_id}/edit"): Case(
        PARTIES_FORM, lambda w: pub(w) + "/edit", missing="/agreements/987654/edit"
    ),
    ("POST", "/agreements/{agreement_id}/edit"): Case(
        PARTIES_WRITE_PAGE,
        lambda w: pub(w) + "/edit",
        body=lambda w: {"data": agreement_form(w)},
        missing="/agreements/987654/edit",
    ),
    ("POST", "/agreements/{agreement_id}/attachment"): Case(
        PARTIES_WRITE_PAGE,
        lambda w: pub(w) + "/attachment",
        body=lambda w: {"files": {"file": ("mou.pdf", PDF, "application/pdf")}},
        missing="/agreements/987654/attachment",
    ),
    ("GET", "/agreements/{agreement_id}/files/{file_id}"): Case(
        PRIVATE_READ, lambda w: f"{prv(w)}/files/{w.file_id}", missing="/agreements/1/files/987654"
    ),
    ("GET", "/agreements/{agreement_id}/commitments/new"): Case(
        PARTIES_FORM, lambda w: pub(w) + "/commitments/new", missing="/agreements/987654/commitments/new"
    ),
    ("POST", "/agreements/{agreement_id}/commitments/new"): Case(
        PARTIES_WRITE_PAGE,
        lambda w: pub(w) + "/commitments/new",
        body=lambda w: {"data": commitment_form(w)},
        missing="/agreements/987654/commitments/new",
    ),
    ("GET", "/agreements/{agreement_id}/commitments/{commitment_id}"): Case(
        PRIVATE_READ, prv_c, missing="/agreements/1/commitments/987654"
    ),
    ("GET", "/agreements/{agreement_id}/commitments/{commitment_id}/edit"): Case(
        PARTIES_FORM, lambda w: pub_c(w) + "/edit", missing="/agreements/1/commitments/987654/edit"
    ),
    ("POST", "/agreements/{agreement_id}/commitments/{commitment_id}/edit"): Case(
        PARTIES_WRITE_PAGE,
        lambda w: pub_c(w) + "/edit",
        body=lambda w: {"data": commitment_form(w)},
        missing="/agreements/1/commitments/987654/edit",
    ),
    ("POST", "/agreements/{agreement_id}/commitments/{commitment_id}/progress"): Case(
        REPORT_PAGE,
        lambda w: pub_c(w) + "/progress",
        body=lambda w: {"data": {"text": "Booths booked."}},
        missing="/agreements/1/commitments/987654/progress",
    ),
    ("POST", "/agreements/{agreement_id}/commitments/{commitment_id}/milestones/{milestone_id}"): Case(
        REPORT_PAGE,
        lambda w: f"{pub_c(w)}/milestones/{w.milestone_id}",
        body=lambda w: {"data": {"done": "1"}},
        missing="/agreements/1/commitments/1/milestones/987654",
    ),
}


def agreements_routes(app: Any) -> set[tuple[str, str]]:
    """(method, path) of every route of the agreements domain's pages and API."""
    return {k for k, r in app_routes(app).items() if r.module.startswith("kcbridge.agreements.")}


def test_every_agreements_route_is_in_the_matrix(app):
    routes = agreements_routes(app)
    assert routes, "no agreements routes found"
    assert routes == set(MATRIX), (sorted(routes - set(MATRIX)), sorted(set(MATRIX) - routes))


def csrf(c: TestClient) -> str:
    m = re.search(r'"X-CSRF-Token": "([^"]+)"', c.get("/agreements").text)
    assert m
    return m.group(1)


def call(web: Web, key: tuple[str, str], actor: str, url: str | None = None, with_csrf: bool = True) -> Any:
    method, _path = key
    case = MATRIX[key]
    target = url or case.url(web)
    kwargs = case.body(web) if case.body else {}
    if target.startswith("/api/"):
        return TestClient(web.app).request(
            method, target, headers=web.tokens[actor], follow_redirects=False, **kwargs
        )
    c = web.clients[actor]
    headers = {"X-CSRF-Token": csrf(c)} if method in UNSAFE and with_csrf else {}
    return c.request(method, target, headers=headers, follow_redirects=False, **kwargs)


@pytest.mark.parametrize("key", list(MATRIX), ids=[f"{m} {p}" for m, p in MATRIX])
def test_route_answers_each_role_as_expected(web, key):
    got = {actor: call(web, key, actor).status_code for actor in ACTORS}
    assert got == MATRIX[key].expect


@pytest.mark.parametrize(
    "key",
    [k for k, c in MATRIX.items() if c.missing],
    ids=[f"{m} {p}" for (m, p), c in MATRIX.items() if c.missing],
)
def test_a_missing_agreement_is_404_even_for_the_admin(web, key):
    assert call(web, key, "admin", url=MATRIX[key].missing).status_code == 404


@pytest.mark.parametrize(
    "key",
    [k for k in MATRIX if k[0] in UNSAFE and not k[1].startswith("/api/")],
    ids=[f"{m} {p}" for m, p in MATRIX if m in UNSAFE and not p.startswith("/api/")],
)
def test_page_forms_without_the_csrf_token_are_refused(web, key):
    assert call(web, key, "member", with_csrf=False).status_code == 403


def test_a_get_never_writes(web, db):
    from sqlalchemy import func, select

    from kcbridge.kit.audit import AuditEntry

    before = db.scalar(select(func.count()).select_from(AuditEntry))
    for method, _p in MATRIX:
        if method == "GET":
            for actor in ACTORS:
                call(web, (method, _p), actor)
    assert db.scalar(select(func.count()).select_from(AuditEntry)) == before
