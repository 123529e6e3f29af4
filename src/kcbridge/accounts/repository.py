"""Queries of the accounts domain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import ApiToken, LoginAttempt, Membership, Role, User, UserSession


def user_by_email(db: Session, email: str) -> User | None:
    return db.scalar(select(User).where(User.email == email.strip().lower()))


def user_by_session(db: Session, token_hash: str, now: datetime) -> User | None:
    return db.scalar(
        select(User)
        .join(UserSession, UserSession.user_id == User.id)
        .where(UserSession.token_hash == token_hash, UserSession.expires_at > now, User.is_active.is_(True))
    )


def token_by_hash(db: Session, token_hash: str) -> ApiToken | None:
    return db.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash, ApiToken.revoked_at.is_(None)))


def lock_attempts(db: Session, key: str) -> None:
    """Serialises counting and recording attempts for `key` until the unit of work ends, so that
    concurrent guesses cannot all read the count before any of them is recorded. PostgreSQL: an advisory
    transaction lock; SQLite: writers already hold the database's write lock (BEGIN IMMEDIATE)."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))


def failures_since(
    db: Session,
    *,
    since: datetime,
    email: str | None = None,
    ip: str | None = None,
    kind: str = "login",
) -> int:
    """Recorded attempts of `kind` (failed logins, or password-reset requests) since `since`."""
    stmt = (
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.at > since, LoginAttempt.kind == kind)
    )
    if email is not None:
        stmt = stmt.where(LoginAttempt.email == email)
    if ip is not None:
        stmt = stmt.where(LoginAttempt.ip == ip)
    return int(db.scalar(stmt) or 0)


def memberships(db: Session, user_id: int) -> list[Membership]:
    return list(db.scalars(select(Membership).where(Membership.user_id == user_id).order_by(Membership.id)))


def membership(db: Session, user_id: int, organisation_id: int) -> Membership | None:
    return db.scalar(
        select(Membership).where(Membership.user_id == user_id, Membership.organisation_id == organisation_id)
    )


def tokens_of(db: Session, user_id: int) -> list[ApiToken]:
    return list(db.scalars(select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id.desc())))


def users(db: Session, *, query: str = "", offset: int = 0, limit: int = 50) -> tuple[list[User], int]:
    """Users for administrators, newest first; `query` matches e-mail or name."""
    stmt = select(User)
    if query.strip():
        like = f"%{query.strip().lower()}%"
        stmt = stmt.where(func.lower(User.email).like(like) | func.lower(User.display_name).like(like))
    total = int(db.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    rows = db.scalars(stmt.order_by(User.id.desc()).offset(offset).limit(limit)).all()
    return list(rows), total


def admin_count(db: Session, *, lock: bool = False) -> int:
    """Active platform administrators; `lock` keeps two administrators from stepping down at once."""
    if lock:
        lock_attempts(db, "platform-admins")
    stmt = (
        select(func.count()).select_from(User).where(User.role == Role.ADMIN.value, User.is_active.is_(True))
    )
    return int(db.scalar(stmt) or 0)
