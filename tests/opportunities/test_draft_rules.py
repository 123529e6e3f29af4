"""Drafts and anonymous publishers are filtered by the opportunities repository, for every role."""

from __future__ import annotations

from kcbridge.accounts.models import Role
from kcbridge.opportunities import repository as repo
from kcbridge.opportunities.models import Opportunity


def test_drafts_and_anonymous_publishers_for_every_role(db, make_user, make_org, make_opp):
    owner, stranger = make_user(), make_user()
    org = make_org(owner=owner)
    make_org(owner=stranger)
    draft = make_opp(owner, org, status="draft")
    hidden = make_opp(owner, org, anonymous=True)
    staff = {role: make_user(role=role) for role in Role if role != Role.USER}

    def readable(user):
        return {
            o.id
            for o in db.scalars(repo.readable_statement(user).where(Opportunity.organisation_id == org.id))
        }

    everyone = {draft.id, hidden.id}
    assert readable(None) == readable(stranger) == {hidden.id}
    assert readable(owner) == everyone
    assert readable(staff[Role.ADMIN]) == readable(staff[Role.SUPPORT_AGENT]) == everyone
    assert readable(staff[Role.GOVERNMENT_OFFICER]) == readable(staff[Role.ANALYST]) == {hidden.id}
    assert repo.owners_shown(db, None, [hidden]) == repo.owners_shown(db, stranger, [hidden]) == set()
    assert repo.owners_shown(db, owner, [hidden]) == {hidden.id}
    assert repo.owners_shown(db, staff[Role.SUPPORT_AGENT], [hidden]) == {hidden.id}
    assert repo.owners_shown(db, staff[Role.ANALYST], [hidden]) == set()
