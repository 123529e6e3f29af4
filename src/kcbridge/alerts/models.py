"""Tables of saved searches and the results each one has already reported."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kcbridge.kit.db import Base, UTCDateTime, utcnow


class SavedSearch(Base):
    """A user's search, kept with its criteria and how often its new results are announced."""

    __tablename__ = "saved_search"
    __table_args__ = (Index("ix_saved_search_due", "frequency", "last_checked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))  # match | directory
    criteria: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    frequency: Mapped[str] = mapped_column(String(10), default="daily")  # daily | weekly | never
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_alert_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    viewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    new_count: Mapped[int] = mapped_column(Integer, default=0)


class SavedSearchSeen(Base):
    """One result a saved search has met (in its baseline, an alert or a run): never announced again."""

    __tablename__ = "saved_search_seen"

    search_id: Mapped[int] = mapped_column(
        ForeignKey("saved_search.id", ondelete="CASCADE"), primary_key=True
    )
    result_kind: Mapped[str] = mapped_column(String(20), primary_key=True)  # organisation | opportunity
    result_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
