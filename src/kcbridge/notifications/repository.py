"""Queries of notifications: a user reads only their own."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from kcbridge.notifications.models import Notification


def readable_statement(user_id: int) -> Select[Any]:
    """Notifications a user may read: their own, and nobody else's (staff included)."""
    return select(Notification).where(Notification.user_id == user_id)


def notifications(db: Session, user_id: int, limit: int = 50) -> list[Notification]:
    stmt = readable_statement(user_id).order_by(Notification.id.desc()).limit(limit)
    return list(db.scalars(stmt))


def unread_count(db: Session, user_id: int) -> int:
    unread = readable_statement(user_id).where(Notification.read_at.is_(None)).subquery()
    return int(db.scalar(select(func.count()).select_from(unread)) or 0)


def mark_read(db: Session, user_id: int, ids: Iterable[int] | None, when: datetime) -> None:
    stmt = update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(list(ids)))
    db.execute(stmt.values(read_at=when))
