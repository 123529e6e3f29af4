"""The audit log: every change of state with who did it and when; the one place that writes entries.

Shared by every domain (as the kit is); the administrators' page of the log is the `audit` domain."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kcbridge.kit.db import Base, UTCDateTime, utcnow

BigId = BigInteger().with_variant(Integer(), "sqlite")


class AuditEntry(Base):
    """One change of state: who did what to which record, and the fields that changed."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    actor_label: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    entity_type: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(60))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Actor:
    """Who is acting: a user (by id and e-mail) or a system process (CLI, job, demo loader)."""

    def __init__(self, user_id: int | None, label: str) -> None:
        self.user_id = user_id
        self.label = label

    @classmethod
    def system(cls, label: str = "system") -> Actor:
        return cls(None, label)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in (sorted(value) if isinstance(value, (set, frozenset)) else value)]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Changed fields as {field: [old, new]}."""
    keys = before.keys() | after.keys()
    return {
        k: [_jsonable(before.get(k)), _jsonable(after.get(k))]
        for k in sorted(keys)
        if before.get(k) != after.get(k)
    }


class AuditService:
    def record(
        self,
        db: Session,
        *,
        actor: Actor,
        action: str,
        entity_type: str,
        entity_id: Any,
        changes: dict[str, Any],
    ) -> None:
        """Adds one entry; it commits with the change it describes, or not at all."""
        db.add(
            AuditEntry(
                actor_id=actor.user_id,
                actor_label=actor.label,
                action=action,
                entity_type=entity_type,
                entity_id=str(entity_id),
                changes=_jsonable(changes),
            )
        )

    def list(
        self, db: Session, *, entity_type: str | None = None, offset: int = 0, limit: int = 50
    ) -> tuple[list[AuditEntry], int]:
        stmt = select(AuditEntry)
        count = select(func.count()).select_from(AuditEntry)
        if entity_type:
            stmt = stmt.where(AuditEntry.entity_type == entity_type)
            count = count.where(AuditEntry.entity_type == entity_type)
        rows = db.scalars(stmt.order_by(AuditEntry.id.desc()).offset(offset).limit(limit)).all()
        return list(rows), int(db.scalar(count) or 0)


audit_service = AuditService()
