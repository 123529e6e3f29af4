"""The process-local match index: vectors from the Embedding table, kept current by a revision feed.

Every search first reads the feed's revision (one indexed row); when another process stored new
vectors or an opportunity or programme opened or closed, only those rows are reloaded. Programmes whose
deadline passes leave the index on the first search of the next day. The embedder is loaded
on first use, once per process; profile vectors are never computed here, only the query's.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from kcbridge.directory import repository as directory_repo
from kcbridge.kit import revisions
from kcbridge.matching.engine import (
    MAX_TOP,
    Filters,
    MatchDoc,
    MatchIndex,
    MatchQuery,
    MatchResult,
    Weights,
    embedding_text,
    encode_parts,
    explain_results,
)
from kcbridge.matching.vector_cache import CachedEmbedder, one_blas_thread
from kcbridge.matchmaking import documents as docs
from kcbridge.matchmaking import repository as repo
from kcbridge.matchmaking.embedding import FEED, embedder
from kcbridge.opportunities import repository as opp_repo
from kcbridge.opportunities.models import Opportunity
from kcbridge.programmes import repository as prog_repo
from kcbridge.programmes.eligibility import local_today
from kcbridge.programmes.models import Programme

EXPLAIN_TOP = 10  # phrase pairs cost an embedding pass, so only the first results get them
Vectors = tuple[np.ndarray, np.ndarray, np.ndarray]  # (whole text, its requests, its offer)


@dataclass(frozen=True, slots=True)
class Hit:
    """A ranked result with the entity it stands for (an Organisation, Opportunity or Programme)."""

    kind: str
    entity: Any
    result: MatchResult


class MatchService:
    def __init__(self) -> None:
        self.index: MatchIndex | None = None
        self.revision = -1
        self.model_name = ""
        self._lock = threading.RLock()
        self._deadlines: dict[str, tuple[date, str]] = {}  # (deadline, country) of live programmes
        self._day: date | None = None
        self._cached: CachedEmbedder | None = None

    def reset(self) -> None:
        with self._lock:
            self.index, self.revision = None, -1
            self._deadlines, self._day = {}, None

    def refresh(self, db: Session) -> None:
        """Bring the index up to the feed (a full build the first time, or when the feed went back)."""
        current = revisions.current_revision(db, FEED)
        if self.index is not None and self._day != date.today():
            self._drop_past_deadlines()
        if self.index is not None and current == self.revision:
            return
        with self._lock:
            if self.index is not None and current == self.revision:
                return
            model = embedder()
            if self.index is None or current < self.revision or model.name != self.model_name:
                self.index = MatchIndex(model.dim, model.encode)
                self.model_name = model.name
                after = 0
            else:
                after = self.revision
            self._load(db, after)
            self.revision = max(self.revision if after else 0, current)

    def _load(self, db: Session, after: int) -> None:
        assert self.index is not None
        live: list[tuple[MatchDoc, bytes, bytes | None, bytes | None]] = []
        gone: list[str] = []
        today = date.today()
        for emb, org in repo.org_embeddings(db, self.model_name, after):
            doc = docs.org_doc(org)
            (
                live.append((doc, emb.vector, emb.seek_vector, emb.offer_vector))
                if docs.org_live(org)
                else gone.append(doc.id)
            )
        for emb, opp in repo.opp_embeddings(db, self.model_name, after):
            doc = docs.opp_doc(opp)
            ok = docs.opp_live(opp, today)
            (live.append((doc, emb.vector, emb.seek_vector, emb.offer_vector)) if ok else gone.append(doc.id))
        now = datetime.now(UTC)
        if not after:
            self._deadlines.clear()
        for emb, prog in repo.prog_embeddings(db, self.model_name, after):
            doc = docs.prog_doc(prog)
            ok = docs.prog_live(prog, now)
            (live.append((doc, emb.vector, emb.seek_vector, emb.offer_vector)) if ok else gone.append(doc.id))
            self._deadlines.pop(doc.id, None)
            if ok and prog.deadline is not None:
                self._deadlines[doc.id] = (prog.deadline, prog.country)
        self._day = today
        self.index.remove(gone)
        for start in range(0, len(live), 5000):
            part = live[start : start + 5000]
            vecs = np.stack([np.frombuffer(v, dtype=np.float32) for _d, v, _s, _o in part])
            seeks = np.stack([np.frombuffer(s or v, dtype=np.float32) for _d, v, s, _o in part])
            offers = np.stack([np.frombuffer(o or v, dtype=np.float32) for _d, v, _s, o in part])
            self.index.upsert([d for d, _v, _s, _o in part], vecs, seeks, offers)

    def _drop_past_deadlines(self) -> None:
        """Programmes whose deadline passed since the index last looked leave it (no database write needed)."""
        with self._lock:
            now = datetime.now(UTC)
            past = [k for k, (day, country) in self._deadlines.items() if day < local_today(country, now)]
            if self.index is not None and past:
                self.index.remove(past)
            for k in past:
                self._deadlines.pop(k, None)
            self._day = date.today()

    def scores(
        self,
        db: Session,
        query: MatchQuery,
        vectors: Vectors,
        *,
        kinds: Sequence[str],
        top: int = MAX_TOP,
    ) -> dict[str, float]:
        """Scores by doc id of the best `top` docs of these kinds, without loading entities or explaining:
        for re-ranking a set the caller already chose (the programme finder's eligible programmes)."""
        self.refresh(db)
        filters = Filters(kinds=tuple({"organisation": "profile"}.get(k, k) for k in kinds))
        assert self.index is not None
        with self._lock:
            results = self.index.search(
                query,
                vectors[0],
                vectors[1],
                offer_vector=vectors[2],
                top=top,
                filters=filters,
                weights=Weights(),
            )
        return {r.id: r.score for r in results}

    def __len__(self) -> int:
        return len(self.index) if self.index is not None else 0

    def search(
        self,
        db: Session,
        query: MatchQuery,
        *,
        top: int = 10,
        kinds: Sequence[str] | None = None,
        exclude: Sequence[str] = (),
        countries: Sequence[str] | None = None,
        vectors: Vectors | None = None,
        explain: bool = True,
    ) -> list[Hit]:
        """Ranked organisations and opportunities for `query`; stored `vectors` skip embedding it.

        With `explain`, the first `EXPLAIN_TOP` hits carry their phrase pairs; a caller that reorders
        or cuts the hits asks for none and calls `explain` on those it shows."""
        self.refresh(db)
        if vectors is None:
            full, offer, seek = encode_parts(self._encoder(), [embedding_text(query)])
            vectors = (full[0], seek[0], offer[0])
        engine_kinds = None
        if kinds:
            engine_kinds = tuple({"organisation": "profile"}.get(k, k) for k in kinds)
        filters = Filters(
            kinds=engine_kinds, exclude_ids=tuple(exclude), countries=tuple(countries) if countries else None
        )
        assert self.index is not None
        with self._lock:
            results = self.index.search(
                query,
                vectors[0],
                vectors[1],
                offer_vector=vectors[2],
                top=top,
                filters=filters,
                weights=Weights(),
            )
        hits = self._entities(db, results)
        return self.explain(query, hits) if explain else hits

    def explain(self, query: MatchQuery, hits: list[Hit]) -> list[Hit]:
        """The hits with the phrase pairs behind their reasons, for the first `EXPLAIN_TOP` of them."""
        if not hits:
            return hits
        head = hits[:EXPLAIN_TOP]
        with one_blas_thread():
            explained = explain_results(
                self._encoder(), query, [_doc(h) for h in head], [h.result for h in head]
            )
        return [Hit(h.kind, h.entity, r) for h, r in zip(head, explained, strict=True)] + hits[EXPLAIN_TOP:]

    def _encoder(self) -> CachedEmbedder:
        """The process's embedder behind a cache of the texts it has seen (queries, result phrases)."""
        model = embedder()
        cached = self._cached
        if cached is None or cached.model is not model:
            cached = self._cached = CachedEmbedder(model)
        return cached

    def _entities(self, db: Session, results: list[MatchResult]) -> list[Hit]:
        parsed = [docs.parse_doc_id(r.id) for r in results]
        orgs = {o.id: o for o in directory_repo.get_many(db, [i for k, i in parsed if k == docs.ORG])}
        opps = opp_repo.get_many(db, [i for k, i in parsed if k == docs.OPP])
        progs = prog_repo.get_many(db, [i for k, i in parsed if k == docs.PROG])
        today, now = date.today(), datetime.now(UTC)
        hits = []
        for (kind, num), r in zip(parsed, results, strict=True):
            by_kind: dict[str, dict[int, Any]] = {docs.ORG: orgs, docs.OPP: opps, docs.PROG: progs}
            entity = by_kind.get(kind, {}).get(num)
            if entity is None or (isinstance(entity, Opportunity) and not docs.opp_live(entity, today)):
                continue  # changed since the index last looked: leave it out rather than show it wrongly
            if isinstance(entity, Programme) and not docs.prog_live(entity, now):
                continue
            hits.append(Hit(kind, entity, r))
        return hits

    def stored_vectors(self, db: Session, entity_type: str, entity_id: int) -> Vectors | None:
        """The entity's stored (whole, request, offer) vectors, so "similar partners" never re-embeds."""
        row = repo.embedding(db, entity_type, entity_id, embedder().name)
        if row is None:
            return None
        full = np.frombuffer(row.vector, dtype=np.float32)
        seek = np.frombuffer(row.seek_vector or row.vector, dtype=np.float32)
        return full, seek, np.frombuffer(row.offer_vector or row.vector, dtype=np.float32)


def _doc(hit: Hit) -> MatchDoc:
    """The engine's view of a hit's entity (to find the phrases behind its reasons)."""
    if hit.kind == docs.ORG:
        return docs.org_doc(hit.entity)
    return docs.prog_doc(hit.entity) if hit.kind == docs.PROG else docs.opp_doc(hit.entity)


match_service = MatchService()
