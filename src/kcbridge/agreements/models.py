"""Tables of agreements (MOUs, friendship and sister-city agreements …) and the commitments under them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kcbridge.directory.models import Organisation
from kcbridge.kit.db import Base, UTCDateTime, utcnow


def _pick(values: dict[str, str | None], lang: str) -> str:
    return values.get(lang) or values["ko"] or values["zh"] or values["en"] or ""


class Agreement(Base):
    """An agreement two or more organisations signed; `last_progress_on` is the newest progress note of
    any of its commitments (kept by the service, so lists sort and flag without a join)."""

    __tablename__ = "agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    title_ko: Mapped[str | None] = mapped_column(String(300))
    title_zh: Mapped[str | None] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    summary_ko: Mapped[str] = mapped_column(Text, default="")
    summary_zh: Mapped[str] = mapped_column(Text, default="")
    summary_en: Mapped[str] = mapped_column(Text, default="")
    full_text: Mapped[str] = mapped_column(Text, default="")
    signed_on: Mapped[date] = mapped_column(Date, index=True)
    signed_place: Mapped[str] = mapped_column(String(200), default="")
    valid_until: Mapped[date | None] = mapped_column(Date)
    visibility: Mapped[str] = mapped_column(String(10), default="public", index=True)
    last_progress_on: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    parties: Mapped[list[AgreementParty]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="AgreementParty.position"
    )
    field_rows: Mapped[list[AgreementField]] = relationship(cascade="all, delete-orphan", lazy="raise")
    event_rows: Mapped[list[AgreementEvent]] = relationship(cascade="all, delete-orphan", lazy="raise")
    news: Mapped[list[AgreementNews]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="AgreementNews.id"
    )

    @property
    def fields(self) -> list[str]:
        return sorted(f.field for f in self.field_rows)

    @property
    def event_ids(self) -> list[int]:
        return sorted(e.event_id for e in self.event_rows)

    @property
    def party_ids(self) -> list[int]:
        return [p.organisation_id for p in self.parties]

    def title(self, lang: str) -> str:
        return _pick({"ko": self.title_ko, "zh": self.title_zh, "en": self.title_en}, lang)

    def summary(self, lang: str) -> str:
        return _pick({"ko": self.summary_ko, "zh": self.summary_zh, "en": self.summary_en}, lang)


class AgreementParty(Base):
    """A directory organisation that signed the agreement, with its signatories."""

    __tablename__ = "agreement_party"
    __table_args__ = (UniqueConstraint("agreement_id", "organisation_id", name="uq_agreement_party_org"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    organisation: Mapped[Organisation] = relationship(lazy="raise")
    signatories: Mapped[list[Signatory]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="Signatory.position"
    )


class Signatory(Base):
    """Who signed for a party: a name and title as printed, optionally a person of the directory."""

    __tablename__ = "agreement_signatory"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("agreement_party.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(160), default="")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer, default=0)


class AgreementField(Base):
    __tablename__ = "agreement_field"

    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), primary_key=True
    )
    field: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class AgreementEvent(Base):
    """An event where the agreement was signed (or presented)."""

    __tablename__ = "agreement_event"

    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)


class AgreementNews(Base):
    """A news report of the agreement, as a link until kcbridge has its own news domain."""

    __tablename__ = "agreement_news"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(500))
    title: Mapped[str] = mapped_column(String(300), default="")


class AgreementFile(Base):
    """A document in the database (every web process serves the same bytes): the agreement's text
    (role "text", at most one) or the evidence of a progress note (role "evidence")."""

    __tablename__ = "agreement_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10), default="text")
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Commitment(Base):
    """A concrete, time-bound deliverable of an agreement, owned by one organisation."""

    __tablename__ = "commitment"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    what_ko: Mapped[str | None] = mapped_column(String(500))
    what_zh: Mapped[str | None] = mapped_column(String(500))
    what_en: Mapped[str | None] = mapped_column(String(500))
    owner_org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    responsible_name: Mapped[str] = mapped_column(String(120), default="")
    responsible_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    starts_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="planned", index=True)
    completion: Mapped[str] = mapped_column(String(20), default="not_started")
    last_progress_on: Mapped[date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    owner: Mapped[Organisation] = relationship(lazy="raise")
    supporter_rows: Mapped[list[CommitmentSupporter]] = relationship(
        cascade="all, delete-orphan", lazy="raise"
    )
    milestones: Mapped[list[Milestone]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="Milestone.position"
    )

    @property
    def supporter_ids(self) -> list[int]:
        return sorted(s.organisation_id for s in self.supporter_rows)

    def what(self, lang: str) -> str:
        return _pick({"ko": self.what_ko, "zh": self.what_zh, "en": self.what_en}, lang)


class CommitmentSupporter(Base):
    __tablename__ = "commitment_supporter"

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Milestone(Base):
    __tablename__ = "commitment_milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitment.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ProgressNote(Base):
    """A dated report on a commitment by one of its owners, with evidence (a link or a file)."""

    __tablename__ = "commitment_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitment.id", ondelete="CASCADE"), index=True)
    noted_on: Mapped[date] = mapped_column(Date)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(120), default="")
    text: Mapped[str] = mapped_column(Text)
    evidence_url: Mapped[str | None] = mapped_column(String(500))
    evidence_title: Mapped[str] = mapped_column(String(300), default="")
    evidence_file_id: Mapped[int | None] = mapped_column(ForeignKey("agreement_file.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DigestSent(Base):
    """One weekly digest of an owner organisation's overdue and at-risk commitments (ISO week)."""

    __tablename__ = "commitment_digest"
    __table_args__ = (UniqueConstraint("organisation_id", "week", name="uq_commitment_digest_org_week"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(10))
    count: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
