"""Former home of the opportunity rules, now in repository.py (`readable_statement`, `may_manage`,
`may_review`, `owners_shown`, `accepted_partner_org_ids`) and auth.py (route actors). These names remain
only for code written against them; new code calls the repository."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.opportunities import repository as repo
from kcbridge.opportunities.models import Opportunity


def is_member(db: Session, user: User | None, org_id: int) -> bool:
    return repo.is_member(db, user, org_id)


def can_manage(db: Session, user: User | None, opp: Opportunity) -> bool:
    return repo.may_manage(db, user, opp)


def can_review(user: User | None) -> bool:
    return repo.may_review(user)


def shows_owner(db: Session, user: User | None, opp: Opportunity) -> bool:
    return opp.id in repo.owners_shown(db, user, [opp])
