"""Factories of committed rows, given a session: the fixtures make_user, make_org, api_token and make_opp
of tests/conftest.py use them, and so can data built once per module (`module_db`)."""

from __future__ import annotations

import uuid
from typing import Any

from tests.support import PASSWORD

# kcbridge is imported inside the functions: tests/conftest.py sets the test settings before any of it.


def user(db: Any, email: str | None = None, role: Any = None, name: str = "Test User") -> Any:
    """A committed account (role 'user' unless given) whose password is PASSWORD."""
    from kcbridge.accounts.models import Role
    from kcbridge.accounts.service import account_service

    made = account_service.register(
        db,
        email=email or f"user-{uuid.uuid4().hex[:8]}@test.example",
        password=PASSWORD,
        display_name=name,
        role=role or Role.USER,
    )
    db.commit()
    return made


def organisation(db: Any, owner: Any = None, people: tuple[dict[str, Any], ...] = (), **fields: Any) -> Any:
    """A committed organisation, owned by `owner` if given, with optional contact people."""
    from kcbridge.directory.schemas import OrganisationIn, PersonIn
    from kcbridge.directory.service import directory_service
    from kcbridge.kit.audit import Actor

    data = {"org_type": "company", "country": "KR", **fields}
    if not any(k.startswith("name_") for k in fields):
        data["name_en"] = f"Org {uuid.uuid4().hex[:6]}"
    org = directory_service.create(db, user=owner, data=OrganisationIn.model_validate(data))
    for p in people:
        directory_service.add_person(
            db,
            user=owner,
            org_id=org.id,
            data=PersonIn.model_validate(p),
            actor=None if owner else Actor.system("test"),
        )
    db.commit()
    return org


def member(db: Any, user: Any, organisation: Any) -> None:
    """Makes `user` a (non-owner) member of `organisation`."""
    from kcbridge.accounts.models import MemberRole
    from kcbridge.accounts.service import account_service
    from kcbridge.kit.audit import Actor

    account_service.add_member(
        db,
        user=user,
        organisation_id=organisation.id,
        role=MemberRole.MEMBER.value,
        actor=Actor.system("test"),
    )


def credentials(app: Any, db: Any, users: dict[str, Any]) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """Each actor's session cookies (logged in through the form) and API headers; "anon" has no headers."""
    from tests.support import login_cookies

    cookies = {actor: login_cookies(app, user.email) for actor, user in users.items()}
    tokens = {actor: api_headers(db, user) for actor, user in users.items()}
    tokens["anon"] = {}
    return cookies, tokens


def api_headers(db: Any, of: Any) -> dict[str, str]:
    """Authorization headers with a fresh personal API token of the user `of`."""
    from kcbridge.accounts.service import account_service

    token, _row = account_service.create_token(db, of, name="test")
    db.commit()
    return {"Authorization": f"Bearer {token}"}


def opportunity(
    db: Any, owner: Any, org: Any, reviewer: Any, status: str = "published", **fields: Any
) -> Any:
    """An opportunity of `owner`'s organisation, published (approved by `reviewer`) unless `status` says
    otherwise."""
    from kcbridge.opportunities.schemas import OpportunityIn, ReviewIn
    from kcbridge.opportunities.service import opportunity_service

    data = {
        "organisation_id": org.id,
        "opp_type": "business_request",
        "texts": {"en": {"title": "Seeking a distributor", "description": "We look for a distributor."}},
        **fields,
    }
    opp = opportunity_service.create(db, user=owner, data=OpportunityIn.model_validate(data))
    if status != "draft":
        opportunity_service.submit(db, user=owner, opp_id=opp.id)
    if status == "published":
        opportunity_service.review(db, user=reviewer, opp_id=opp.id, data=ReviewIn(decision="approve"))
    db.commit()
    return opp


def user_maker(db: Any) -> Any:
    """The make_user fixture of tests/conftest.py over `db` (e.g. `module_db`, for a world built once)."""

    def make(email: str | None = None, role: Any = None, name: str = "Test User") -> Any:
        return user(db, email=email, role=role, name=name)

    return make


def organisation_maker(db: Any) -> Any:
    """The make_org fixture of tests/conftest.py over `db`."""

    def make(owner: Any = None, people: tuple[dict[str, Any], ...] = (), **fields: Any) -> Any:
        return organisation(db, owner, people, **fields)

    return make
