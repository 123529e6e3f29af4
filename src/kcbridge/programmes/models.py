"""Tables of support programmes: incubation, acceleration, landing, competitions … run by an operator."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kcbridge.directory.models import Organisation
from kcbridge.kit.db import Base, UTCDateTime, utcnow


class Programme(Base):
    """A programme an operator organisation runs; empty eligibility lists mean "open to all"."""

    __tablename__ = "programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    prog_type: Mapped[str] = mapped_column(String(30), index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    stages: Mapped[list[str]] = mapped_column(JSON, default=list)
    nationalities: Mapped[list[str]] = mapped_column(JSON, default=list)
    org_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    country: Mapped[str] = mapped_column(String(8), index=True)
    city: Mapped[str] = mapped_column(String(100), default="")
    format: Mapped[str] = mapped_column(String(20), default="on_site")
    opens_on: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    starts_on: Mapped[date | None] = mapped_column(Date)
    capacity: Mapped[int | None] = mapped_column(Integer)
    link_url: Mapped[str | None] = mapped_column(String(500))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    texts: Mapped[list[ProgrammeText]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="ProgrammeText.lang"
    )
    sector_rows: Mapped[list[ProgrammeSector]] = relationship(cascade="all, delete-orphan", lazy="raise")
    organisation: Mapped[Organisation] = relationship(lazy="raise")

    @property
    def sectors(self) -> list[str]:
        return sorted(s.sector for s in self.sector_rows)

    def text(self, lang: str) -> ProgrammeText | None:
        """The text in `lang`, else the first one written."""
        by_lang = {t.lang: t for t in self.texts}
        return by_lang.get(lang) or (self.texts[0] if self.texts else None)

    def title(self, lang: str) -> str:
        t = self.text(lang)
        return t.title if t else ""


class ProgrammeText(Base):
    """Title, description, benefits and eligibility notes in one language, as the operator wrote them."""

    __tablename__ = "programme_text"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = mapped_column(String(5), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    benefits: Mapped[str] = mapped_column(Text, default="")
    eligibility: Mapped[str] = mapped_column(Text, default="")


class ProgrammeSector(Base):
    __tablename__ = "programme_sector"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), primary_key=True
    )
    sector: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
