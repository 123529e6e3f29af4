"""The stored vectors of every matchable thing (profiles, opportunities, programmes)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kcbridge.kit.db import Base, UTCDateTime, utcnow


class Embedding(Base):
    """The stored vectors of a profile or opportunity; per-process match indexes follow `revision`."""

    __tablename__ = "embedding"
    __table_args__ = (UniqueConstraint("entity_type", "entity_id", "model", name="uq_embedding_entity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(20))  # organisation | opportunity
    entity_id: Mapped[int] = mapped_column(Integer)
    model: Mapped[str] = mapped_column(String(120))
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, L2-normalised: the whole text
    seek_vector: Mapped[bytes | None] = mapped_column(LargeBinary)  # float32: the clauses that ask
    offer_vector: Mapped[bytes | None] = mapped_column(LargeBinary)  # float32: the clauses that offer
    text_hash: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer, default=0, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
