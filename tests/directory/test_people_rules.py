"""The directory's access rules are statements in the repository, the same for pages, API and jobs:
contact people are read by members, administrators and accepted partners, and by nobody else."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session
from tests.support import factories

from kcbridge.accounts.models import Role
from kcbridge.directory import repository as repo
from kcbridge.directory.service import directory_service
from kcbridge.kit.errors import Forbidden
from kcbridge.opportunities.service import opportunity_service

CONTACT = {"name": "김지훈", "email": "kim@a.example"}


@pytest.fixture
def cast(db: Session, make_user: Any, make_org: Any) -> dict[str, Any]:
    """Organisation A (owner, member, one contact person), B (a stranger's), C (an accepted partner's)
    and one user of each platform role."""
    users = {name: make_user() for name in ("owner", "member", "stranger", "partner")}
    for role in (Role.ADMIN, Role.SUPPORT_AGENT, Role.GOVERNMENT_OFFICER, Role.ANALYST):
        users[role.value] = make_user(role=role)
    org = make_org(owner=users["owner"], people=(CONTACT,))
    factories.member(db, users["member"], org)
    make_org(owner=users["stranger"], country="CN")
    make_org(owner=users["partner"], country="CN")
    eoi = opportunity_service.contact_organisation(
        db, user=users["partner"], to_org_id=org.id, from_org_id=None, message="hello"
    )
    opportunity_service.answer(db, user=users["owner"], eoi_id=eoi.id, accept=True)
    db.commit()
    return {"org": org, **users}


READERS = {"owner", "member", "partner", "admin"}
OTHERS = {"stranger", "support_agent", "government_officer", "analyst"}


def test_contact_people_for_every_role(app, db, cast):
    # `app`: the assembled application wires the accepted-partner grant into the directory's rule.
    org = cast["org"]
    assert repo.people_of(db, None, org.id) is None  # anonymous
    for name in READERS:
        people = repo.people_of(db, cast[name], org.id)
        assert people is not None and [p.email for p in people] == [CONTACT["email"]], name
    for name in OTHERS:
        assert repo.people_of(db, cast[name], org.id) is None, name
        with pytest.raises(Forbidden):
            directory_service.people(db, user=cast[name], org_id=org.id)
    readable = {name for name in READERS | OTHERS if db.scalars(repo.readable_people(cast[name])).all()}
    assert readable == READERS


def test_the_profile_page_shows_contacts_only_to_readers(client, db, cast):
    from tests.support import login

    org = cast["org"]
    assert CONTACT["email"] not in client.get(f"/organisations/{org.id}").text  # anonymous
    for name in ("partner", "support_agent"):
        client.cookies.clear()
        login(client, cast[name].email)
        shown = CONTACT["email"] in client.get(f"/organisations/{org.id}").text
        assert shown == (name in READERS), name
        listing = client.get("/api/v1/organisations", params={"per_page": 100}).json()["items"]
        entry = next(i for i in listing if i["id"] == org.id)
        assert (entry["people"] is not None) == (name in READERS), name
