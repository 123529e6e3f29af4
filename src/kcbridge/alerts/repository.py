"""Queries of saved searches; a search is only ever read through its owner (others get nothing)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.alerts.models import SavedSearch, SavedSearchSeen

PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
# Hourly checks drift by a few seconds; a search checked a little under a day ago is due all the same.
SLACK = timedelta(minutes=10)


def of_user(db: Session, user_id: int) -> list[SavedSearch]:
    return list(
        db.scalars(select(SavedSearch).where(SavedSearch.user_id == user_id).order_by(SavedSearch.id.desc()))
    )


def count_of_user(db: Session, user_id: int) -> int:
    return db.scalar(select(func.count()).select_from(SavedSearch).where(SavedSearch.user_id == user_id)) or 0


def get_owned(db: Session, user_id: int, search_id: int) -> SavedSearch | None:
    return db.scalar(select(SavedSearch).where(SavedSearch.id == search_id, SavedSearch.user_id == user_id))


def due(db: Session, now: datetime) -> list[tuple[SavedSearch, User]]:
    """Searches whose alert period has passed since their last check, with their active owners."""
    conditions = [
        and_(
            SavedSearch.frequency == freq,
            or_(SavedSearch.last_checked_at.is_(None), SavedSearch.last_checked_at <= now - period + SLACK),
        )
        for freq, period in PERIODS.items()
    ]
    stmt = (
        select(SavedSearch, User)
        .join(User, User.id == SavedSearch.user_id)
        .where(User.is_active.is_(True), or_(*conditions))
        .order_by(SavedSearch.id)
    )
    return [(s, u) for s, u in db.execute(stmt).all()]


def seen(db: Session, search_id: int) -> dict[tuple[str, int], datetime]:
    """{(kind, id): first seen} of every result this search has met."""
    rows = db.execute(
        select(SavedSearchSeen.result_kind, SavedSearchSeen.result_id, SavedSearchSeen.first_seen_at).where(
            SavedSearchSeen.search_id == search_id
        )
    )
    return {(kind, rid): when for kind, rid, when in rows}


def add_seen(db: Session, search_id: int, keys: Iterable[tuple[str, int]], when: datetime) -> None:
    """Records results as met; one already recorded (say by a concurrent run) keeps its first date."""
    values = [
        {"search_id": search_id, "result_kind": kind, "result_id": rid, "first_seen_at": when}
        for kind, rid in sorted(set(keys))
    ]
    if not values:
        return
    insert = pg_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    db.execute(insert(SavedSearchSeen).values(values).on_conflict_do_nothing())


def forget_seen(db: Session, search_id: int) -> None:
    """After the criteria change, the old results say nothing about what is new."""
    db.execute(delete(SavedSearchSeen).where(SavedSearchSeen.search_id == search_id))
