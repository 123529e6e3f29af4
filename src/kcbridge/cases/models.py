"""Tables of the voice of business: a firm's case, its thread, assignments, routing rules, shares, files.

Case texts (subject, description, desired outcome, thread, files) are confidential: who reads them is
decided in repository.readable_statement, never here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from kcbridge.directory.models import Organisation
from kcbridge.kit.db import Base, UTCDateTime, utcnow


class Case(Base):
    """A difficulty a firm meets abroad, routed to a support institution and tracked to its resolution."""

    __tablename__ = "business_case"
    __table_args__ = (
        Index("ix_business_case_status_submitted", "status", "submitted_at"),
        Index("ix_business_case_institution_status", "institution_id", "status"),
        # Every column statistics read, so they scan this narrow index instead of the rows with their texts.
        Index(
            "ix_business_case_stats",
            "country",
            "category",
            "sector",
            "region",
            "status",
            "submitted_at",
            "first_reply_seconds",
            "resolution_seconds",
            "first_reply_at",
            "closed_at",
            "first_reply_breached_at",
            "resolution_breached_at",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    category: Mapped[str] = mapped_column(String(30))
    sector: Mapped[str] = mapped_column(String(40))
    region: Mapped[str] = mapped_column(String(30))
    country: Mapped[str] = mapped_column(String(8))
    lang: Mapped[str] = mapped_column(String(5))
    subject: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    desired_outcome: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), nullable=True
    )
    route_id: Mapped[int | None] = mapped_column(
        ForeignKey("business_case_route.id", ondelete="SET NULL"), nullable=True
    )
    origin: Mapped[str] = mapped_column(String(20), default="firm")  # firm | round_table
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"), index=True)
    filed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_reply_due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolution_due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    paused_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    # Business time, without the pauses: written when the clock stops, so statistics read integers.
    first_reply_seconds: Mapped[int | None] = mapped_column(Integer)
    resolution_seconds: Mapped[int | None] = mapped_column(Integer)
    first_reply_breached_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_breached_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    rating_comment: Mapped[str] = mapped_column(Text, default="")
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation] = relationship(foreign_keys=[organisation_id], lazy="raise")
    institution: Mapped[Organisation | None] = relationship(foreign_keys=[institution_id], lazy="raise")

    @property
    def is_open(self) -> bool:
        return self.status in ("submitted", "in_progress", "waiting_firm")


class CaseMessage(Base):
    """One entry of a case's thread: a message, a question to the firm, or the reason of a transition."""

    __tablename__ = "business_case_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("business_case.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    side: Mapped[str] = mapped_column(String(20))  # firm | institution | admin | system
    kind: Mapped[str] = mapped_column(String(20), default="message")
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CaseAssignment(Base):
    """Which institution held a case when; `passed_on` marks an institution that sent it away itself."""

    __tablename__ = "business_case_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("business_case.id", ondelete="CASCADE"), index=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    assigned_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    passed_on: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str] = mapped_column(Text, default="")


class CaseRoute(Base):
    """A routing rule: cases of this category, country or region and sector go to an institution.
    An empty field matches everything; the most specific matching rule wins (routing.py)."""

    __tablename__ = "business_case_route"

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str | None] = mapped_column(String(30))
    country: Mapped[str | None] = mapped_column(String(8))
    region: Mapped[str | None] = mapped_column(String(30))
    sector: Mapped[str | None] = mapped_column(String(40))
    institution_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    institution: Mapped[Organisation] = relationship(lazy="raise")


class CaseShare(Base):
    """A firm lets a named government officer read one of its cases."""

    __tablename__ = "business_case_share"

    case_id: Mapped[int] = mapped_column(ForeignKey("business_case.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    shared_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CaseAttachment(Base):
    """A document attached to a case; bytes live in the database so every web process serves them."""

    __tablename__ = "business_case_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("business_case.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
