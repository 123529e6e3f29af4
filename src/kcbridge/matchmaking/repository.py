"""Queries of stored vectors: what changed since a revision, what has none yet."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from kcbridge.directory.models import Organisation
from kcbridge.matchmaking.models import Embedding
from kcbridge.opportunities.models import Opportunity
from kcbridge.programmes.models import Programme


def embedding(db: Session, entity_type: str, entity_id: int, model: str) -> Embedding | None:
    return db.scalar(
        select(Embedding).where(
            Embedding.entity_type == entity_type, Embedding.entity_id == entity_id, Embedding.model == model
        )
    )


def embeddings_of(db: Session, entity_type: str, ids: Sequence[int], model: str) -> dict[int, Embedding]:
    """Stored vectors of many entities in one query, by entity id."""
    if not ids:
        return {}
    stmt = select(Embedding).where(
        Embedding.entity_type == entity_type, Embedding.model == model, Embedding.entity_id.in_(ids)
    )
    return {e.entity_id: e for e in db.scalars(stmt)}


def bump_embeddings(db: Session, entity_type: str, ids: Sequence[int], revision: int) -> None:
    """Tells every process's match index to reload these entities (e.g. an opportunity closed)."""
    if ids:
        db.execute(
            update(Embedding)
            .where(Embedding.entity_type == entity_type, Embedding.entity_id.in_(ids))
            .values(revision=revision)
        )


def embedding_check(db: Session, model: str, up_to: int | None = None) -> tuple[int, int, int]:
    """(highest id, count, id sum) of this model's vector rows with ids up to `up_to` (default: all):
    what a match snapshot was built from, checked again before one is loaded."""
    if up_to is None:
        up_to = db.scalar(select(func.max(Embedding.id)).where(Embedding.model == model)) or 0
    count, total = db.execute(
        select(func.count(), func.coalesce(func.sum(Embedding.id), 0)).where(
            Embedding.model == model, Embedding.id <= up_to
        )
    ).one()
    return int(up_to), int(count), int(total)


def embeddings_since(
    db: Session,
    entity: type[Any],
    entity_type: str,
    model: str,
    after_revision: int,
    loads: Sequence[Any] = (),
    batch: int = 2000,
) -> Iterator[tuple[Embedding, Any]]:
    """(vector row, entity) pairs of one entity type changed after `after_revision`, read in batches."""
    last = 0
    while True:
        rows = db.execute(
            select(Embedding, entity)
            .join(entity, entity.id == Embedding.entity_id)
            .where(
                Embedding.entity_type == entity_type,
                Embedding.model == model,
                Embedding.revision > after_revision,
                Embedding.id > last,
            )
            .options(*(selectinload(attr) for attr in loads))
            .order_by(Embedding.id)
            .limit(batch)
        ).all()
        if not rows:
            return
        yield from ((e, x) for e, x in rows)
        last = rows[-1][0].id


def org_embeddings(db: Session, model: str, after_revision: int) -> Iterator[tuple[Embedding, Organisation]]:
    loads = (Organisation.texts, Organisation.sector_rows)
    return embeddings_since(db, Organisation, "organisation", model, after_revision, loads)


def opp_embeddings(db: Session, model: str, after_revision: int) -> Iterator[tuple[Embedding, Opportunity]]:
    loads = (Opportunity.texts, Opportunity.sector_rows, Opportunity.organisation)
    return embeddings_since(db, Opportunity, "opportunity", model, after_revision, loads)


def organisations_without_embedding(db: Session, model: str) -> list[int]:
    have = select(Embedding.entity_id).where(
        Embedding.entity_type == "organisation", Embedding.model == model, Embedding.offer_vector.is_not(None)
    )
    return list(
        db.scalars(
            select(Organisation.id).where(Organisation.deleted_at.is_(None), Organisation.id.not_in(have))
        )
    )


def opportunities_without_embedding(db: Session, model: str) -> list[int]:
    have = select(Embedding.entity_id).where(
        Embedding.entity_type == "opportunity", Embedding.model == model, Embedding.offer_vector.is_not(None)
    )
    return list(db.scalars(select(Opportunity.id).where(Opportunity.id.not_in(have))))


def prog_embeddings(db: Session, model: str, after_revision: int) -> Iterator[tuple[Embedding, Programme]]:
    loads = (Programme.texts, Programme.sector_rows, Programme.organisation)
    return embeddings_since(db, Programme, "programme", model, after_revision, loads)


def programmes_without_embedding(db: Session, model: str) -> list[int]:
    have = select(Embedding.entity_id).where(
        Embedding.entity_type == "programme", Embedding.model == model, Embedding.offer_vector.is_not(None)
    )
    return list(db.scalars(select(Programme.id).where(Programme.id.not_in(have))))
