"""Who may change what: parties' members edit their agreement and its commitments; members of a
commitment's owner organisation update it and report progress; administrators may do everything.
Reading is repository.readable_clause."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.agreements import repository as repo
from kcbridge.agreements.models import Agreement, Commitment


def _mine(db: Session, user: User) -> set[int]:
    return set(repo.member_org_ids(db, user.id))


def can_create(db: Session, user: User | None, party_ids: Iterable[int]) -> bool:
    """A member of one of the parties records an agreement (or an administrator)."""
    if user is None:
        return False
    return user.is_admin or bool(_mine(db, user) & set(party_ids))


def can_edit(db: Session, user: User | None, agreement: Agreement) -> bool:
    if user is None:
        return False
    return user.is_admin or bool(_mine(db, user) & set(agreement.party_ids))


def can_report(db: Session, user: User | None, agreement: Agreement, commitment: Commitment) -> bool:
    """Status, completion, milestones and progress notes: the owner's members, and whoever edits."""
    if user is None:
        return False
    if user.is_admin:
        return True
    mine = _mine(db, user)
    return commitment.owner_org_id in mine or bool(mine & set(agreement.party_ids))


def reportable(
    db: Session, user: User | None, agreement: Agreement, commitments: list[Commitment]
) -> set[int]:
    """Ids of the commitments `user` may report on (one membership query for a whole page)."""
    if user is None:
        return set()
    if user.is_admin:
        return {c.id for c in commitments}
    mine = _mine(db, user)
    if mine & set(agreement.party_ids):
        return {c.id for c in commitments}
    return {c.id for c in commitments if c.owner_org_id in mine}
