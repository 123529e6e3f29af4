from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kcbridge.kit.db import Base, UTCDateTime, utcnow


class Organisation(Base):
    """An organisation of the field: company, investor, incubator, agency, government body …"""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_ko: Mapped[str | None] = mapped_column(String(200))
    name_zh: Mapped[str | None] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    org_type: Mapped[str] = mapped_column(String(30), index=True)
    size: Mapped[str | None] = mapped_column(String(20))
    stage: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(8), index=True)
    city: Mapped[str] = mapped_column(String(100), default="")
    founded_year: Mapped[int | None] = mapped_column(Integer)
    website: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Position in the change feed that per-process search indexes follow (see search_state).
    revision: Mapped[int] = mapped_column(Integer, default=0, index=True)

    texts: Mapped[list[OrgText]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", lazy="raise", order_by="OrgText.lang"
    )
    sector_rows: Mapped[list[OrgSector]] = relationship(cascade="all, delete-orphan", lazy="raise")
    people: Mapped[list[Person]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", lazy="raise", order_by="Person.id"
    )

    @property
    def sectors(self) -> list[str]:
        return sorted(s.sector for s in self.sector_rows)

    def name(self, lang: str) -> str:
        """The name in `lang`, else the first one given (ko, zh, en)."""
        own = {"ko": self.name_ko, "zh": self.name_zh, "en": self.name_en}.get(lang)
        return own or self.name_ko or self.name_zh or self.name_en or ""

    def names(self) -> dict[str, str]:
        return {k: v for k, v in (("ko", self.name_ko), ("zh", self.name_zh), ("en", self.name_en)) if v}


class OrgText(Base):
    """Description, offer and request of an organisation in one language, as its author wrote them."""

    __tablename__ = "org_text"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = mapped_column(String(5), primary_key=True)
    description: Mapped[str] = mapped_column(Text, default="")
    offer: Mapped[str] = mapped_column(Text, default="")
    seek: Mapped[str] = mapped_column(Text, default="")

    organisation: Mapped[Organisation] = relationship(back_populates="texts", lazy="raise")


class OrgSector(Base):
    __tablename__ = "org_sector"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    sector: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class Person(Base):
    """A contact person; contact details are private to members, admins and accepted partners."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)

    organisation: Mapped[Organisation] = relationship(back_populates="people", lazy="raise")


class OrgLogo(Base):
    """Logo bytes live in the database so that every web process serves the same file."""

    __tablename__ = "org_logo"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    content_type: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
