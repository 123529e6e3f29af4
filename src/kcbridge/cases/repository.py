"""Queries of the cases domain. Who may read a case's text is decided here, once, for every page, API
route, export and job: `readable_statement(user)`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, false, func, or_, select
from sqlalchemy.orm import Session, selectinload

from kcbridge.accounts.models import Membership, Role, User
from kcbridge.cases.models import (
    Case,
    CaseAssignment,
    CaseAttachment,
    CaseMessage,
    CaseRoute,
    CaseShare,
)
from kcbridge.directory.models import Organisation

OPEN = ("submitted", "in_progress", "waiting_firm")
# Roles that read statistics, never case texts (unless a firm shares one with a named officer).
STATS_ROLES = (Role.GOVERNMENT_OFFICER.value, Role.ANALYST.value)


def _orgs_of(user: User) -> Select[Any]:
    return select(Membership.organisation_id).where(Membership.user_id == user.id)


def readable_statement(user: User | None) -> Select[Any]:
    """Cases whose text `user` may read: members of the firm, support agents of the assigned institution,
    administrators, and government officers a firm shared the case with. Analysts and other officers read
    statistics only."""
    stmt = select(Case)
    if user is None or not user.is_active:
        return stmt.where(false())
    if user.is_admin:
        return stmt
    if user.role in STATS_ROLES:
        return stmt.where(Case.id.in_(select(CaseShare.case_id).where(CaseShare.user_id == user.id)))
    own = Case.organisation_id.in_(_orgs_of(user))
    if user.role == Role.SUPPORT_AGENT.value:
        return stmt.where(or_(own, Case.institution_id.in_(_orgs_of(user))))
    return stmt.where(own)


def shared_statement(user: User) -> Select[Any]:
    """Cases firms shared with `user` (a government officer)."""
    return select(Case).where(Case.id.in_(select(CaseShare.case_id).where(CaseShare.user_id == user.id)))


def _loaded(stmt: Select[Any]) -> Select[Any]:
    return stmt.options(selectinload(Case.organisation), selectinload(Case.institution))


def get_readable(db: Session, case_id: int, user: User | None) -> Case | None:
    return db.scalar(_loaded(readable_statement(user).where(Case.id == case_id)))


def exists(db: Session, case_id: int) -> bool:
    return db.scalar(select(Case.id).where(Case.id == case_id)) is not None


def get_any(db: Session, case_id: int) -> Case | None:
    """A case whatever the reader (jobs and services that checked the actor already)."""
    return db.scalar(_loaded(select(Case).where(Case.id == case_id)))


def listing(
    db: Session,
    stmt: Select[Any],
    *,
    q: str | None = None,
    status: str | None = None,
    category: str | None = None,
    institution_id: int | None = None,
    breached: bool = False,
    offset: int = 0,
    limit: int = 20,
) -> tuple[list[Case], int]:
    """A page of `stmt` (a readable statement) narrowed by words and filters, newest first, and the count."""
    if q and q.strip():
        for word in q.split()[:6]:
            stmt = stmt.where(
                or_(
                    Case.subject.icontains(word, autoescape=True),
                    Case.description.icontains(word, autoescape=True),
                    Case.desired_outcome.icontains(word, autoescape=True),
                )
            )
    if status:
        stmt = stmt.where(Case.status == status)
    if category:
        stmt = stmt.where(Case.category == category)
    if institution_id is not None:
        stmt = stmt.where(Case.institution_id == institution_id)
    if breached:
        stmt = stmt.where(
            or_(Case.first_reply_breached_at.is_not(None), Case.resolution_breached_at.is_not(None))
        )
    total = int(db.scalar(stmt.with_only_columns(func.count(Case.id)).order_by(None)) or 0)
    page = db.scalars(
        _loaded(stmt).order_by(Case.submitted_at.desc(), Case.id.desc()).offset(offset).limit(limit)
    )
    return list(page), total


def messages(db: Session, case_id: int) -> list[CaseMessage]:
    return list(
        db.scalars(select(CaseMessage).where(CaseMessage.case_id == case_id).order_by(CaseMessage.id))
    )


def assignments(db: Session, case_id: int) -> list[CaseAssignment]:
    return list(
        db.scalars(
            select(CaseAssignment).where(CaseAssignment.case_id == case_id).order_by(CaseAssignment.id)
        )
    )


def current_assignment(db: Session, case_id: int) -> CaseAssignment | None:
    return db.scalar(
        select(CaseAssignment)
        .where(CaseAssignment.case_id == case_id, CaseAssignment.ended_at.is_(None))
        .order_by(CaseAssignment.id.desc())
    )


def attachments(db: Session, case_id: int) -> list[CaseAttachment]:
    return list(
        db.scalars(
            select(CaseAttachment).where(CaseAttachment.case_id == case_id).order_by(CaseAttachment.id)
        )
    )


def attachment(db: Session, case_id: int, attachment_id: int) -> CaseAttachment | None:
    return db.scalar(
        select(CaseAttachment).where(CaseAttachment.id == attachment_id, CaseAttachment.case_id == case_id)
    )


def shares(db: Session, case_id: int) -> list[tuple[CaseShare, User]]:
    stmt = (
        select(CaseShare, User)
        .join(User, User.id == CaseShare.user_id)
        .where(CaseShare.case_id == case_id)
        .order_by(User.display_name)
    )
    return [(s, u) for s, u in db.execute(stmt)]


def share(db: Session, case_id: int, user_id: int) -> CaseShare | None:
    return db.get(CaseShare, (case_id, user_id))


def rules(db: Session) -> list[CaseRoute]:
    return list(
        db.scalars(select(CaseRoute).options(selectinload(CaseRoute.institution)).order_by(CaseRoute.id))
    )


def rule(db: Session, rule_id: int) -> CaseRoute | None:
    return db.scalar(
        select(CaseRoute).options(selectinload(CaseRoute.institution)).where(CaseRoute.id == rule_id)
    )


def member_org_ids(db: Session, user_id: int) -> list[int]:
    return list(db.scalars(select(Membership.organisation_id).where(Membership.user_id == user_id)))


def is_member(db: Session, user_id: int, org_id: int | None) -> bool:
    if org_id is None:
        return False
    stmt = select(Membership.id).where(Membership.user_id == user_id, Membership.organisation_id == org_id)
    return db.scalar(stmt.limit(1)) is not None


def member_role(db: Session, user_id: int, org_id: int) -> str | None:
    return db.scalar(
        select(Membership.role).where(Membership.user_id == user_id, Membership.organisation_id == org_id)
    )


def member_user_ids(db: Session, org_id: int) -> list[int]:
    return list(db.scalars(select(Membership.user_id).where(Membership.organisation_id == org_id)))


def agent_ids(db: Session, institution_id: int) -> list[int]:
    """Active support agents who are members of the institution."""
    stmt = (
        select(User.id)
        .join(Membership, Membership.user_id == User.id)
        .where(
            Membership.organisation_id == institution_id,
            User.role == Role.SUPPORT_AGENT.value,
            User.is_active.is_(True),
        )
    )
    return list(db.scalars(stmt))


def admin_ids(db: Session) -> list[int]:
    return list(db.scalars(select(User.id).where(User.role == Role.ADMIN.value, User.is_active.is_(True))))


def user_by_email(db: Session, email: str) -> User | None:
    return db.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def users(db: Session, ids: Sequence[int]) -> dict[int, User]:
    if not ids:
        return {}
    return {u.id: u for u in db.scalars(select(User).where(User.id.in_(set(ids))))}


def organisations(db: Session, ids: Sequence[int]) -> dict[int, Organisation]:
    if not ids:
        return {}
    return {o.id: o for o in db.scalars(select(Organisation).where(Organisation.id.in_(set(ids))))}


def institutions(db: Session, types: Sequence[str]) -> list[Organisation]:
    """Live organisations that can receive cases, by name."""
    stmt = select(Organisation).where(Organisation.org_type.in_(types), Organisation.deleted_at.is_(None))
    return list(db.scalars(stmt.order_by(Organisation.name_en, Organisation.id)))


def firms_of(db: Session, user_id: int, types: Sequence[str]) -> list[Organisation]:
    """The user's live organisations that may file cases."""
    stmt = (
        select(Organisation)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(
            Membership.user_id == user_id,
            Organisation.org_type.in_(types),
            Organisation.deleted_at.is_(None),
        )
        .order_by(Organisation.id)
        .options(selectinload(Organisation.sector_rows))
    )
    return list(db.scalars(stmt))


def recorded_at(db: Session, event_id: int) -> int:
    """How many cases were recorded at a round table (a count, never their texts)."""
    return int(db.scalar(select(func.count(Case.id)).where(Case.event_id == event_id)) or 0)


def sla_breaches(db: Session, now: datetime) -> list[Case]:
    """Open cases past a deadline that is not flagged yet: no first reply in time, or a running resolution
    clock (not waiting for the firm) past its due time."""
    first_late = and_(
        Case.first_reply_at.is_(None), Case.first_reply_breached_at.is_(None), Case.first_reply_due_at < now
    )
    resolution_late = and_(
        Case.resolution_breached_at.is_(None), Case.paused_since.is_(None), Case.resolution_due_at < now
    )
    stmt = select(Case).where(Case.status.in_(OPEN), or_(first_late, resolution_late)).order_by(Case.id)
    return list(db.scalars(stmt))
