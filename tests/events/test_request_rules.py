"""Meeting requests, registrations and meetings are read through the events repository's statements:
private to the two sides and the organisers, whatever page, route or job asks."""

from __future__ import annotations

from tests.support.events import make_visit, request_all

from kcbridge.accounts.models import Role
from kcbridge.events import repository as repo


def test_requests_for_every_role(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=2, teams=1, slots=2)
    first, second = request_all(db, visit, accept=False)
    eid = visit.event.id
    staff = {role: make_user(role=role) for role in Role if role != Role.USER}
    stranger = make_user()
    make_org(owner=stranger)

    def ids(user):
        return [r.id for r in repo.requests_readable(db, user, eid)]

    assert ids(None) == [] and ids(stranger) == []
    assert ids(visit.organiser) == [first.id, second.id]  # organisers: all
    assert ids(visit.host_user) == [first.id, second.id]  # both were sent to the host's team
    assert ids(visit.firm_users[0]) == [first.id] and ids(visit.firm_users[1]) == [second.id]
    assert ids(staff[Role.ADMIN]) == [first.id, second.id]
    for role in (Role.SUPPORT_AGENT, Role.GOVERNMENT_OFFICER, Role.ANALYST):
        assert ids(staff[role]) == [], role


def test_registrations_and_meetings_follow_the_same_rules(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    eid = visit.event.id
    analyst = make_user(role=Role.ANALYST)
    every = {p.id for p in repo.participants(db, eid)}
    assert {p.id for p in repo.participants_readable(db, visit.organiser, eid)} == every
    approved = {p.id for p in repo.participants(db, eid) if p.status == "approved"}
    assert {p.id for p in repo.participants_readable(db, None, eid)} == approved
    assert {p.id for p in repo.participants_readable(db, analyst, eid)} == approved
    assert repo.meetings_readable(db, None, eid) == [] and repo.meetings_readable(db, analyst, eid) == []
