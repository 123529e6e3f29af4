"""Who may do what with opportunities; also opens contact details between accepted partners."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.directory import policy as directory_policy
from kcbridge.directory import repository as directory_repo
from kcbridge.opportunities import repository as repo
from kcbridge.opportunities.models import Opportunity


@directory_policy.grant_contacts_when
def accepted_partners(db: Session, user_id: int, org_id: int) -> bool:
    """Both sides of an accepted expression of interest see each other's contact people."""
    return repo.accepted_between(db, user_id, org_id)


def is_member(db: Session, user: User | None, org_id: int) -> bool:
    return user is not None and directory_repo.member_role(db, user.id, org_id) is not None


def can_manage(db: Session, user: User | None, opp: Opportunity) -> bool:
    """Members of the publishing organisation and administrators change an opportunity."""
    return user is not None and (user.is_admin or is_member(db, user, opp.organisation_id))


def can_review(user: User | None) -> bool:
    return repo.is_staff(user)


def shows_owner(db: Session, user: User | None, opp: Opportunity) -> bool:
    """An anonymous opportunity names its organisation only to members, staff and accepted partners."""
    if not opp.anonymous or repo.is_staff(user):
        return True
    return user is not None and (
        is_member(db, user, opp.organisation_id) or repo.accepted_between(db, user.id, opp.organisation_id)
    )
