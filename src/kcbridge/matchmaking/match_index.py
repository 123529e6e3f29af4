"""The process-local match index: vectors from the Embedding table, kept current by a revision feed.

Every search first reads the feed's revision (one indexed row); when another process stored new
vectors or an opportunity or programme opened or closed, only those rows are reloaded. Programmes whose
deadline passes leave the index on the first search of the next day. The embedder is loaded
on first use, once per process; profile vectors are never computed here, only the query's.

A new process does not read every vector when it can help it: it loads the newest snapshot of the
index from the data folder (kit/snapshots.py) that belongs to this database, model and code, then
catches up on the feed like any refresh. The process that built the index from the database stores one
(from `SNAPSHOT_MIN_DOCS` documents on; again after `SNAPSHOT_EVERY` changes).
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import threading
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
from sqlalchemy.orm import Session

from kcbridge.directory import repository as directory_repo
from kcbridge.kit import revisions
from kcbridge.kit.config import get_settings
from kcbridge.kit.snapshots import BackgroundWriter, SnapshotStore
from kcbridge.matching import index as index_module
from kcbridge.matching import intent as intent_module
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

log = logging.getLogger("kcbridge.matchmaking")

SNAPSHOT_DIR = "search-snapshots"  # inside KCBRIDGE_DATA_DIR, beside the directory's
SNAPSHOT_FORMAT = "match-index-1"
SNAPSHOT_MIN_DOCS = 5000
SNAPSHOT_EVERY = 2000
EXPLAIN_TOP = 10  # phrase pairs cost an embedding pass, so only the first results get them
Vectors = tuple[np.ndarray, np.ndarray, np.ndarray]  # (whole text, its requests, its offer)


@dataclass(frozen=True, slots=True)
class Hit:
    """A ranked result with the entity it stands for (an Organisation, Opportunity or Programme)."""

    kind: str
    entity: Any
    result: MatchResult


class MatchService:
    def __init__(
        self,
        *,
        snapshots: bool = True,
        folder: Path | None = None,
        min_docs: int = SNAPSHOT_MIN_DOCS,
        every: int = SNAPSHOT_EVERY,
    ) -> None:
        self.index: MatchIndex | None = None
        self.revision = -1
        self.model_name = ""
        self.source = ""  # how this process got its index: "built" or "snapshot"
        self._lock = threading.RLock()
        self._deadlines: dict[str, tuple[date, str]] = {}  # (deadline, country) of live programmes
        self._day: date | None = None
        self._cached: CachedEmbedder | None = None
        self._snapshots, self._folder, self._min_docs, self._every = snapshots, folder, min_docs, every
        self._store: SnapshotStore | None = None
        self._check: tuple[int, int, int] | None = None  # the vector rows the index was built from
        self._changes = 0  # applied since the last snapshot this process stored or loaded
        self._writer = BackgroundWriter("match snapshot", self.write_snapshot)

    def reset(self) -> None:
        with self._lock:
            self.index, self.revision, self.source = None, -1, ""
            self._deadlines, self._day = {}, None
            self._store, self._check, self._changes = None, None, 0

    def refresh(self, db: Session) -> None:
        """Bring the index up to the feed (a snapshot or a full build the first time, or when the feed
        went back)."""
        current = revisions.current_revision(db, FEED)
        if self.index is not None and self._day != date.today():
            self._drop_past_deadlines()
        if self.index is not None and current == self.revision:
            return
        with self._lock:
            if self.index is not None and current == self.revision:
                return
            model = embedder()
            first = self.index is None or current < self.revision or model.name != self.model_name
            if first and self._load_snapshot(db, model, current):
                return
            if first:
                self.index = MatchIndex(model.dim, model.encode)
                self.model_name = model.name
                # read before the rows: every row it counts is then in what the build reads
                self._check = repo.embedding_check(db, model.name)
                after = 0
            else:
                after = self.revision
            changed = self._load(db, after)
            self.revision = max(self.revision if after else 0, current)
            if not after:
                self.source, self._changes = "built", 0
                self._write_later()
            else:
                self._changes += changed
                if self._changes >= self._every:
                    self._write_later()

    # --- snapshots ------------------------------------------------------------------------------

    def _snapshot_store(self, db: Session, model_name: str) -> SnapshotStore | None:
        if not self._snapshots:
            return None
        if self._store is None:
            folder = self._folder or get_settings().data_dir / SNAPSHOT_DIR
            bind: Any = db.get_bind()
            database = str(getattr(bind, "engine", bind).url.render_as_string(hide_password=True))
            key = hashlib.sha256(f"{database}\n{model_name}\n{code_fingerprint()}".encode()).hexdigest()
            self._store = SnapshotStore(folder=Path(folder), key=key[:20], kind="match")
        return self._store

    def _load_snapshot(self, db: Session, model: Any, current: int) -> bool:
        """Takes the newest usable snapshot and catches up from it; False when there is none.

        Usable: written by this code for this database and model, not ahead of the feed, and the vector
        rows it was built from are all still there (their count, id sum and highest id): a snapshot of
        another database, or of rows since deleted or rolled back, fails that and is passed over."""
        store = self._snapshot_store(db, model.name)
        if store is None:
            return False
        for revision, path in store.candidates(at_most=current):
            t0 = time.perf_counter()
            try:
                with np.load(path, allow_pickle=False) as z:
                    arrays = {k: z[k] for k in z.files}
                index = MatchIndex.from_arrays(arrays, model.encode)
                stored_revision = int(arrays["revision"])
                check = tuple(int(x) for x in arrays["check"])
                deadlines = {
                    str(i): (date.fromordinal(int(d)), str(c))
                    for i, d, c in zip(
                        arrays["deadline_ids"],
                        arrays["deadline_days"],
                        arrays["deadline_countries"],
                        strict=True,
                    )
                }
            except (
                OSError,
                ValueError,
                KeyError,
                TypeError,
                RuntimeError,
                EOFError,
                zipfile.BadZipFile,
            ) as exc:
                log.warning("match snapshot %s not used: %s", path.name, exc)
                continue
            if stored_revision != revision or index.dim != model.dim:
                log.warning("match snapshot %s not used: it holds another revision or model", path.name)
                continue
            if repo.embedding_check(db, model.name, up_to=check[0]) != check:
                log.warning("match snapshot %s not used: it disagrees with the database", path.name)
                continue
            self.index, self.model_name, self._check = index, model.name, (check[0], check[1], check[2])
            self._deadlines, self._day = deadlines, None
            self._changes = self._load(db, revision)
            self.revision, self.source = max(revision, current), "snapshot"
            self._drop_past_deadlines()
            log.info(
                "match index loaded from %s (%d documents, +%d changes) in %.2f s",
                path.name,
                len(index),
                self._changes,
                time.perf_counter() - t0,
            )
            if self._changes >= self._every:
                self._write_later()
            return True
        return False

    def write_snapshot(self) -> Path | None:
        """Stores the index as it stands (in a background thread after a build or many changes)."""
        store = self._store
        with self._lock:
            index, revision, check = self.index, self.revision, self._check
            if store is None or index is None or check is None or revision < 0 or len(index) < self._min_docs:
                return None
            # Taken under the lock, so the revision and the contents belong together.
            arrays = index.to_arrays()
            arrays["vec"] = arrays["vec"].copy()  # views of rows a later refresh may overwrite
            for name in ("seek", "offerv"):
                arrays[name] = arrays[name].copy()
            ids = list(self._deadlines)
            arrays |= {
                "revision": np.asarray(revision),
                "check": np.asarray(check, dtype=np.int64),
                "deadline_ids": np.array(ids, dtype=np.str_),
                "deadline_days": np.array([self._deadlines[i][0].toordinal() for i in ids], dtype=np.int64),
                "deadline_countries": np.array([self._deadlines[i][1] for i in ids], dtype=np.str_),
            }
            self._changes = 0
        t0 = time.perf_counter()

        def write(fh: BinaryIO) -> None:
            np.savez(fh, **arrays)  # type: ignore[arg-type]

        path = store.write(revision, write)
        log.info("match snapshot %s stored in %.2f s", path.name, time.perf_counter() - t0)
        return path

    def _write_later(self) -> None:
        if self._store is not None and self.index is not None and len(self.index) >= self._min_docs:
            self._writer.start()

    def wait_for_snapshot(self, timeout: float | None = None) -> None:
        """Waits for a snapshot being stored in the background (tests, the benchmark)."""
        self._writer.join(timeout)

    def _load(self, db: Session, after: int) -> int:
        """Reads the documents changed after `after` into the index; returns how many."""
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
        return len(live) + len(gone)

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

    def warm_encoder(self) -> None:
        """Loads the embedding model and runs it once (its first pass is the slow one)."""
        self._encoder().model.encode(["warm-up"])

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


def code_fingerprint() -> str:
    """Changes with the code that reads documents into the index: a snapshot by other code is not loaded."""
    parts = [SNAPSHOT_FORMAT]
    for module in (docs, index_module, intent_module):
        try:
            parts.append(inspect.getsource(module))
        except (OSError, TypeError):  # no source shipped: the format still stands guard
            parts.append(module.__name__)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _doc(hit: Hit) -> MatchDoc:
    """The engine's view of a hit's entity (to find the phrases behind its reasons)."""
    if hit.kind == docs.ORG:
        return docs.org_doc(hit.entity)
    return docs.prog_doc(hit.entity) if hit.kind == docs.PROG else docs.opp_doc(hit.entity)


match_service = MatchService()
