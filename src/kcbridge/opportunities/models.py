"""Tables of cooperation opportunities, expressions of interest, notifications and stored embeddings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kcbridge.directory.models import Organisation
from kcbridge.kit.db import Base, UTCDateTime, utcnow


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
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
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
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    opportunity: Mapped[Opportunity | None] = relationship(lazy="raise")
    to_organisation: Mapped[Organisation] = relationship(lazy="raise", foreign_keys=[to_organisation_id])
    from_organisation: Mapped[Organisation] = relationship(lazy="raise", foreign_keys=[from_organisation_id])
