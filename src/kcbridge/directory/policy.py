"""Who may see and change what in the directory. Other domains add contact grants (e.g. accepted
expressions of interest) with `grant_contacts_when`, so every page and route sees one rule."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from kcbridge.accounts.models import MemberRole, User
from kcbridge.directory import repository as repo

ContactGrant = Callable[[Session, int, int], bool]  # (db, user_id, organisation_id) -> allowed
_grants: list[ContactGrant] = []


def grant_contacts_when(rule: ContactGrant) -> ContactGrant:
    _grants.append(rule)
    return rule


def can_view_contacts(db: Session, user: User | None, org_id: int) -> bool:
    if user is None:
        return False
    if user.is_admin or repo.member_role(db, user.id, org_id) is not None:
        return True
    return any(rule(db, user.id, org_id) for rule in _grants)


def can_edit(db: Session, user: User | None, org_id: int) -> bool:
    if user is None:
        return False
    return user.is_admin or repo.member_role(db, user.id, org_id) is not None


def can_delete(db: Session, user: User | None, org_id: int) -> bool:
    if user is None:
        return False
    return user.is_admin or repo.member_role(db, user.id, org_id) == MemberRole.OWNER.value
