"""Vectors for profiles, opportunities and programmes: computed when their text changed, stored with a revision."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kcbridge.directory.models import Organisation
from kcbridge.kit import revisions
from kcbridge.kit.config import get_settings
from kcbridge.kit.db import utcnow
from kcbridge.matching.embedder import Embedder, load_embedder
from kcbridge.matching.engine import embedding_text, encode_parts
from kcbridge.matchmaking import documents as docs
from kcbridge.matchmaking import repository as repo
from kcbridge.matchmaking.models import Embedding
from kcbridge.opportunities import repository as opp_repo
from kcbridge.programmes import repository as prog_repo

FEED = "embedding"


def embedder() -> Embedder:
    """The configured embedder, loaded once per process."""
    return load_embedder(get_settings().embedder)


def embed(db: Session, entity_type: str, ids: Iterable[int], model: Embedder | None = None) -> int:
    """Stores vectors for entities whose text changed; returns how many were (re)embedded."""
    model = model or embedder()
    ids = sorted(set(ids))
    if entity_type == docs.ORG:
        items: list[Any] = _orgs(db, ids)
    else:
        found: dict[int, Any] = (
            prog_repo.get_many(db, ids) if entity_type == docs.PROG else opp_repo.get_many(db, ids)
        )
        items = [found[i] for i in ids if i in found]
    todo: list[tuple[Any, str, Any, str, Embedding | None]] = []
    bumps: list[Embedding] = []
    stored = repo.embeddings_of(db, entity_type, [item.id for item in items], model.name)
    for item in items:
        if entity_type == docs.ORG:
            doc, live = docs.org_doc(item), docs.org_live(item)
        elif entity_type == docs.PROG:
            doc, live = docs.prog_doc(item), docs.prog_live(item)
        else:
            doc, live = docs.opp_doc(item), docs.opp_live(item)
        text = embedding_text(doc) if doc.text.strip() else ""
        mark = docs.fingerprint(text, doc, live)
        row = stored.get(item.id)
        if row is not None and row.text_hash == mark and (row.offer_vector is not None or not text):
            continue
        if row is not None and row.text_hash[:32] == mark[:32] and row.offer_vector is not None:
            row.text_hash = mark  # only sectors, type or visibility changed: no new vectors needed
            bumps.append(row)
            continue
        if text:
            todo.append((item, text, doc, mark, row))
    if todo:
        full, offer, seek = encode_parts(model, [t for _i, t, _d, _m, _r in todo])
        now = utcnow()
        for (item, _t, _d, mark, row), vec, has, ask in zip(todo, full, offer, seek, strict=True):
            if row is None:
                row = Embedding(entity_type=entity_type, entity_id=item.id, model=model.name)
                db.add(row)
            row.vector = np.asarray(vec, dtype=np.float32).tobytes()
            row.seek_vector = np.asarray(ask, dtype=np.float32).tobytes()
            row.offer_vector = np.asarray(has, dtype=np.float32).tobytes()
            row.text_hash, row.updated_at = mark, now
            bumps.append(row)
    if bumps:
        revision = revisions.next_revision(db, FEED)
        for row in bumps:
            row.revision = revision
    db.flush()
    return len(todo)


def _orgs(db: Session, ids: Sequence[int]) -> list[Organisation]:
    """Organisations by id, deleted ones included (their vectors must leave the indexes)."""
    stmt = (
        select(Organisation)
        .where(Organisation.id.in_(ids))
        .options(selectinload(Organisation.texts), selectinload(Organisation.sector_rows))
    )
    return list(db.scalars(stmt))


def embed_missing(db: Session, model: Embedder | None = None) -> int:
    """Embeds every organisation, opportunity and programme without a current vector (demo load, CLI,
    the hourly sweep): never embedded, or stored before the offer part was kept."""
    model = model or embedder()
    n = embed(db, docs.ORG, repo.organisations_without_embedding(db, model.name), model)
    n += embed(db, docs.OPP, repo.opportunities_without_embedding(db, model.name), model)
    return n + embed(db, docs.PROG, repo.programmes_without_embedding(db, model.name), model)
