"""Who sees what: platform staff, and rows public to all but private to the owning organisation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select

from kcbridge.accounts.models import Membership, Role, User

STAFF_ROLES = (Role.ADMIN.value, Role.SUPPORT_AGENT.value)


def is_staff(user: User | None) -> bool:
    """Platform staff review opportunities and may read every draft."""
    return user is not None and user.role in STAFF_ROLES


def public_or_own(
    stmt: Select[Any], user: User | None, public: ColumnElement[bool], organisation_id: Any
) -> Select[Any]:
    """`stmt` limited to public rows, plus those of the user's organisations; staff see everything."""
    if is_staff(user):
        return stmt
    if user is None:
        return stmt.where(public)
    mine = organisation_id.in_(select(Membership.organisation_id).where(Membership.user_id == user.id))
    return stmt.where(or_(public, mine))
