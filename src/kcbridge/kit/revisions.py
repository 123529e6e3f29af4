"""Revision feeds: a counter per feed, handed out in commit order, so every process's in-memory index can
ask "what changed since revision N" of the database instead of being told by another process."""

from __future__ import annotations

from sqlalchemy import Integer, String, UniqueConstraint, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from kcbridge.kit.db import Base

_HELD = "kcbridge.revisions.held"  # Session.info: feed -> (transaction holding its row lock, its row)


class SearchState(Base):
    """One row per feed: the latest revision handed out. Writers lock it, so revisions commit in order."""

    __tablename__ = "search_state"
    __table_args__ = (UniqueConstraint("feed", name="uq_search_state_feed"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feed: Mapped[str] = mapped_column(String(40))
    revision: Mapped[int] = mapped_column(Integer, default=0)


def next_revision(db: Session, feed: str = "organisation") -> int:
    """Hands out the next revision of a feed; the row lock orders concurrent writers on PostgreSQL.
    Within one transaction (or savepoint) the feed's row is locked once: an import of 10,000 rows takes the
    lock for the first and counts on in memory for the others (written at the next flush)."""
    held: dict[str, tuple[object, SearchState]] = db.info.setdefault(_HELD, {})
    current = db.get_nested_transaction() or db.get_transaction()
    mine = held.get(feed)
    if mine is not None and current is not None and mine[0] is current and current.is_active:
        mine[1].revision += 1
        return mine[1].revision
    locked = select(SearchState).where(SearchState.feed == feed).with_for_update()
    state = db.scalar(locked)
    if state is None:  # the feed's first write; another writer may be creating the row at this moment
        dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
        db.execute(dialect.insert(SearchState).values(feed=feed, revision=0).on_conflict_do_nothing())
        state = db.scalars(locked).one()
    state.revision += 1
    db.flush()
    # the transaction (or savepoint) that holds the lock: a savepoint rolled back gives its lock back
    held[feed] = (db.get_nested_transaction() or db.get_transaction(), state)
    return state.revision


def current_revision(db: Session, feed: str = "organisation") -> int:
    return int(db.scalar(select(SearchState.revision).where(SearchState.feed == feed)) or 0)
