"""Tables of cooperation opportunities and expressions of interest.

Both expire by time: an opportunity at its deadline, an unanswered expression of interest after
EOI_ANSWER_DAYS. `status` is what every reader sees (a passed deadline reads as expired, in Python and in
SQL); `stored_status` is the column, moved by the services and by the periodic expiry jobs.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kcbridge.directory.models import Organisation
from kcbridge.kit.db import Base, UTCDateTime, utcnow
from kcbridge.kit.lapse import Lapsing

EOI_ANSWER_DAYS = 30  # unanswered expressions of interest expire after this many days


class Opportunity(Base):
    """An offer or request published on the board, after review by platform staff."""

    __tablename__ = "opportunity"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    opp_type: Mapped[str] = mapped_column(String(30), index=True)
    coop_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    stage: Mapped[str | None] = mapped_column(String(20))
    target_country: Mapped[str | None] = mapped_column(String(8))
    partner_type: Mapped[str | None] = mapped_column(String(30))
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    stored_status: Mapped[str] = mapped_column("status", String(20), default="draft", index=True)
    review_comment: Mapped[str] = mapped_column(Text, default="")
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    texts: Mapped[list[OpportunityText]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="OpportunityText.lang"
    )
    sector_rows: Mapped[list[OpportunitySector]] = relationship(cascade="all, delete-orphan", lazy="raise")
    organisation: Mapped[Organisation] = relationship(lazy="raise")

    @hybrid_property
    def status(self) -> str:
        """The status as read: published past its deadline is expired (the daily job stores it)."""
        if self.stored_status == "published" and self.deadline is not None and self.deadline < date.today():
            return "expired"
        return self.stored_status

    @status.inplace.setter
    def _set_status(self, value: str) -> None:
        self.stored_status = value

    @status.inplace.comparator
    @classmethod
    def _status_sql(cls) -> Lapsing:
        passed = cls.deadline.is_not(None) & (cls.deadline < date.today())
        return Lapsing(cls.stored_status, "published", "expired", passed)

    @property
    def sectors(self) -> list[str]:
        return sorted(s.sector for s in self.sector_rows)

    def text(self, lang: str) -> OpportunityText | None:
        """The text in `lang`, else the first one written."""
        by_lang = {t.lang: t for t in self.texts}
        return by_lang.get(lang) or (self.texts[0] if self.texts else None)

    def title(self, lang: str) -> str:
        t = self.text(lang)
        return t.title if t else ""

    def titles(self) -> dict[str, str]:
        """The title in every language it was written in."""
        return {t.lang: t.title for t in self.texts if t.title}


class OpportunityText(Base):
    """Title and description in one language, as the author wrote them."""

    __tablename__ = "opportunity_text"

    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunity.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = mapped_column(String(5), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")


class OpportunitySector(Base):
    __tablename__ = "opportunity_sector"

    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunity.id", ondelete="CASCADE"), primary_key=True
    )
    sector: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class ExpressionOfInterest(Base):
    """One organisation tells another it wants to cooperate, about one of its opportunities or its
    profile as a whole; contact people open on both sides on acceptance."""

    __tablename__ = "expression_of_interest"
    __table_args__ = (
        Index("ix_eoi_from_opportunity", "from_organisation_id", "opportunity_id"),
        Index("ix_eoi_to_organisation", "to_organisation_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunity.id", ondelete="CASCADE"), index=True
    )
    to_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    from_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    sent_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(Text, default="")
    stored_status: Mapped[str] = mapped_column("status", String(20), default="pending", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    opportunity: Mapped[Opportunity | None] = relationship(lazy="raise")
    to_organisation: Mapped[Organisation] = relationship(lazy="raise", foreign_keys=[to_organisation_id])
    from_organisation: Mapped[Organisation] = relationship(lazy="raise", foreign_keys=[from_organisation_id])

    @hybrid_property
    def status(self) -> str:
        """The status as read: pending for longer than EOI_ANSWER_DAYS is expired (the hourly job stores it)."""
        if self.stored_status == "pending" and self.created_at is not None and self.created_at < answer_by():
            return "expired"
        return self.stored_status

    @status.inplace.setter
    def _set_status(self, value: str) -> None:
        self.stored_status = value

    @status.inplace.comparator
    @classmethod
    def _status_sql(cls) -> Lapsing:
        return Lapsing(cls.stored_status, "pending", "expired", cls.created_at < answer_by())


def answer_by() -> datetime:
    """Expressions of interest sent before this moment and still unanswered have expired."""
    return utcnow() - timedelta(days=EOI_ANSWER_DAYS)
