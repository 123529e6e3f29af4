"""Who acts on a case, and from which side: the firm, the assigned institution, or an administrator.

Reading is repository.readable_statement; these rules say what a reader may do."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kcbridge.accounts.models import MemberRole, Role, User
from kcbridge.cases import repository as repo
from kcbridge.cases.models import Case
from kcbridge.kit.errors import Forbidden, NotFound
from kcbridge.kit.i18n import _

FIRM, INSTITUTION, ADMIN = "firm", "institution", "admin"


def reads_statistics_only(user: User | None) -> bool:
    """Government officers and analysts: statistics, and cases shared with them by name."""
    return user is not None and user.role in repo.STATS_ROLES


def is_stats_reader(user: User | None) -> bool:
    return user is not None and (user.is_admin or user.role in repo.STATS_ROLES)


def side_of(db: Session, user: User | None, case: Case) -> str | None:
    """The side `user` acts for in `case`, or None (a reader of a shared case acts for no side)."""
    if user is None:
        return None
    if user.is_admin:
        return ADMIN
    if user.role == Role.SUPPORT_AGENT.value and repo.is_member(db, user.id, case.institution_id):
        return INSTITUTION
    if not reads_statistics_only(user) and repo.is_member(db, user.id, case.organisation_id):
        return FIRM
    return None


def is_firm_owner(db: Session, user: User, case: Case) -> bool:
    return (
        not reads_statistics_only(user)
        and repo.member_role(db, user.id, case.organisation_id) == MemberRole.OWNER.value
    )


def refuse_reader(db: Session, user: User | None, case_id: int) -> None:
    """Raises the error a user gets for a case it may not read: officers are told why (403), others
    learn nothing, not even that the case exists (404)."""
    if reads_statistics_only(user) and repo.exists(db, case_id):
        raise Forbidden(
            _(
                "Government officers and analysts see statistics, not the texts of cases. "
                "A firm can share one of its cases with you by name."
            )
        )
    raise NotFound(_("This case does not exist, or it is not yours to read."))


def require_case_user(user: User) -> None:
    """Filing and listing cases is for firms, institutions and administrators."""
    if reads_statistics_only(user):
        raise Forbidden(
            _(
                "Government officers and analysts see statistics of cases, not the cases themselves: "
                "open Cases › Statistics, or the cases firms shared with you."
            )
        )


def require_side(side: str | None, *allowed: str) -> str:
    if side is None or side not in allowed:
        if allowed == (FIRM,):
            raise Forbidden(_("Only members of the firm that filed this case can do this."))
        raise Forbidden(_("Only support agents of the institution handling this case can do this."))
    return side
