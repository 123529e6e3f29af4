"""The demo's last steps: vectors for every organisation, opportunity and programme, one batch per kind.

The steps before write their rows without waiting for vectors; the change hook (matchmaking.hooks) queues an
embedding job for each of their flushes, which would only find the vectors done here: the loader drops them
after every step (`drop_queued_embedding`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sqlalchemy.orm import Session

from kcbridge.kit import jobs
from kcbridge.matching.embedder import Embedder
from kcbridge.matchmaking import documents as docs
from kcbridge.matchmaking import repository as repo
from kcbridge.matchmaking.embedding import embed, embedder
from kcbridge.matchmaking.tasks import embed_entities

WITHOUT = {
    docs.ORG: repo.organisations_without_embedding,
    docs.OPP: repo.opportunities_without_embedding,
    docs.PROG: repo.programmes_without_embedding,
}
NAMES = {docs.ORG: "organisations", docs.OPP: "opportunities", docs.PROG: "programmes"}


class Once:
    """The embedder, encoding each distinct text of a batch once: templated programmes share many phrases
    (about a third of their pieces), and the same text always gives the same row."""

    def __init__(self, model: Embedder) -> None:
        self.model, self.name, self.dim = model, model.name, model.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        distinct = list(dict.fromkeys(texts))
        rows = self.model.encode(distinct)
        at = {t: i for i, t in enumerate(distinct)}
        return rows[[at[t] for t in texts]] if len(distinct) < len(texts) else rows


def _vectors(db: Session, kind: str) -> str:
    model = Once(embedder())
    n = embed(db, kind, WITHOUT[kind](db, model.name), model)
    drop_queued_embedding(db)
    return f"{n} {NAMES[kind]} embedded"


def organisations(db: Session) -> str:
    return _vectors(db, docs.ORG)


def opportunities(db: Session) -> str:
    return _vectors(db, docs.OPP)


def programmes(db: Session) -> str:
    return _vectors(db, docs.PROG)


def drop_queued_embedding(db: Session) -> None:
    """Forget the embedding jobs queued in this unit of work: what they would embed is embedded."""
    jobs.drop_pending(db, embed_entities)
