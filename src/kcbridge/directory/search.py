"""The process-local directory search index, kept current by following the revision feed.

Every search first asks the database for the feed's revision (one indexed read); if another process
changed organisations since, only those are reloaded. So any number of web processes answer alike.

A new process does not build the index from every organisation when it can help it: it loads the newest
snapshot in the data folder (kit/snapshots.py) that is not ahead of the database, catches up
from the feed, and checks the organisations left unchanged against the database; any doubt means a full
build. A process that built, or caught up on many changes, stores a snapshot for the next one.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import threading
import time
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from kcbridge.directory import repository as repo
from kcbridge.directory import taxonomy as tx
from kcbridge.directory.search_index import (
    SNAPSHOT_FORMAT,
    SearchDoc,
    SearchHits,
    SearchIndex,
    SnapshotError,
    index_tokens,
)
from kcbridge.kit import revisions
from kcbridge.kit.config import get_settings
from kcbridge.kit.snapshots import BackgroundWriter, SnapshotStore

log = logging.getLogger("kcbridge.directory.search")
SNAPSHOT_DIR = "search-snapshots"  # inside KCBRIDGE_DATA_DIR
SAMPLE = 64  # unchanged organisations whose sort key a loaded snapshot must agree on


def _sort_key(updated_at: datetime | None) -> float:
    return updated_at.timestamp() if updated_at else 0.0


def _doc(row, texts: list[str], sectors: list[str]) -> SearchDoc:  # noqa: ANN001
    names = " ".join(n for n in (row.name_ko, row.name_zh, row.name_en) if n)
    # Sector and city labels in all three languages make "로봇" or "机器人" find tagged organisations.
    labels = " ".join(tx.label(s, lang) for s in sectors for lang in ("ko", "zh", "en"))
    return SearchDoc(
        id=row.id,
        name_text=names,
        body_text=" ".join([*texts, labels, row.city or ""]),
        org_type=row.org_type,
        country=row.country,
        city=row.city or "",
        sectors=tuple(sectors),
        sort_key=_sort_key(row.updated_at),
    )


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes when the documents or their tokens would: a snapshot made by other code is not loaded."""
    probe = "로봇을 만드는 회사 人形机器人公司 Robotics-startup 2026 ﾛﾎﾞｯﾄ"
    parts = [SNAPSHOT_FORMAT, " ".join(sorted(index_tokens(probe)))]
    parts += [f"{t.code}:{t.ko}:{t.zh}:{t.en}" for t in tx.SECTORS]
    try:
        parts.append(inspect.getsource(_doc))
    except (OSError, TypeError):  # no source shipped: the format and the probe still stand guard
        pass
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _database_name(db: Session) -> str:
    bind: Any = db.get_bind()
    engine = getattr(bind, "engine", bind)
    return str(engine.url.render_as_string(hide_password=True))


class DirectorySearch:
    def __init__(
        self,
        *,
        snapshots: bool = True,
        folder: Path | None = None,
        min_docs: int = 5000,
        every: int = 2000,
    ) -> None:
        """`folder`: where snapshots live (default: the data folder's search-snapshots); snapshots are
        stored for indexes of at least `min_docs` organisations, again after `every` changes."""
        self.index = SearchIndex()
        self.revision = -1
        self.source = ""  # how this process got its index: "built" or "snapshot"
        self._lock = threading.Lock()
        self._snapshots = snapshots
        self._folder = folder
        self._min_docs = min_docs
        self._every = every
        self._changes = 0  # applied since the last snapshot this process stored or loaded
        self._store: SnapshotStore | None = None
        self._writer = BackgroundWriter("search snapshot", self.write_snapshot)

    def refresh(self, db: Session) -> None:
        """Bring the index up to the database's revision (the first time: a snapshot, else a full build)."""
        current = revisions.current_revision(db)
        if current == self.revision:
            return
        with self._lock:
            if current == self.revision:
                return
            if self.revision < 0:
                if not self._load_snapshot(db, current):
                    self._rebuild(db)
                return
            if self.index.needs_rebuild():
                self._rebuild(db)
                return
            live, gone, top = self._changes_after(db, self.revision)
            self.index.remove(gone)
            self.index.upsert(live)
            self.revision = max(self.revision, top, current)
            self._changes += len(live) + len(gone)
            if self._changes >= self._every:
                self._write_later()

    def _changes_after(self, db: Session, revision: int) -> tuple[list[SearchDoc], list[int], int]:
        live: list[SearchDoc] = []
        gone: list[int] = []
        top = revision
        for row, texts, sectors in repo.search_rows(db, after_revision=revision):
            (gone.append(row.id) if row.deleted_at else live.append(_doc(row, texts, sectors)))
            top = max(top, row.revision)
        return live, gone, top

    def _rebuild(self, db: Session) -> None:
        t0 = time.perf_counter()
        docs: list[SearchDoc] = []
        top = 0
        for row, texts, sectors in repo.search_rows(db):
            top = max(top, row.revision)
            if not row.deleted_at:
                docs.append(_doc(row, texts, sectors))
        self.index.rebuild(docs)
        self.revision = max(top, revisions.current_revision(db))
        self.source = "built"
        log.info(
            "directory search index built: %d organisations in %.2f s", len(docs), time.perf_counter() - t0
        )
        self._write_later()

    # --- snapshots ------------------------------------------------------------------------------------

    def _snapshot_store(self, db: Session) -> SnapshotStore | None:
        if not self._snapshots:
            return None
        if self._store is None:
            folder = self._folder or get_settings().data_dir / SNAPSHOT_DIR
            key = hashlib.sha256(f"{_database_name(db)}\n{code_fingerprint()}".encode()).hexdigest()[:20]
            self._store = SnapshotStore(folder=Path(folder), key=key)
        return self._store

    def _load_snapshot(self, db: Session, current: int) -> bool:
        """Takes the newest usable snapshot, caught up to the database; False when there is none."""
        store = self._snapshot_store(db)
        if store is None:
            return False
        for revision, path in store.candidates(at_most=current):
            t0 = time.perf_counter()
            data = store.read(path)
            if data is None:
                continue
            try:
                index, extra = SearchIndex.from_bytes(data)
            except SnapshotError as exc:
                log.warning("search snapshot %s not used: %s", path.name, exc)
                continue
            if extra.get("revision") != revision:
                log.warning(
                    "search snapshot %s not used: it holds revision %r", path.name, extra.get("revision")
                )
                continue
            live, gone, top = self._changes_after(db, revision)
            if not self._agrees(db, index, revision, {d.id for d in live} | set(gone)):
                log.warning("search snapshot %s not used: it disagrees with the database", path.name)
                continue
            index.remove(gone)
            index.upsert(live)
            self.index, self.revision, self.source = index, max(top, current), "snapshot"
            self._changes = len(live) + len(gone)
            log.info(
                "directory search index loaded from %s (+%d changes) in %.2f s",
                path.name,
                self._changes,
                time.perf_counter() - t0,
            )
            if self._changes >= self._every:
                self._write_later()
            return True
        return False

    def _agrees(self, db: Session, index: SearchIndex, revision: int, changed: set[int]) -> bool:
        """The organisations not changed after `revision` are exactly the snapshot's live ones (count and
        id sum), and a sample of them has the same update time: a snapshot of another database (or of
        rolled-back rows) with the same revision fails this."""
        kept = [i for i in index.row_of if i not in changed]
        if repo.unchanged_live(db, revision) != (len(kept), sum(kept)):
            return False
        sample = sorted(kept)[:: max(1, len(kept) // SAMPLE)][:SAMPLE]
        times = repo.updated_at_of(db, sample)
        return all(index.sort_key_of(i) == _sort_key(times.get(i)) and i in times for i in sample)

    def write_snapshot(self) -> Path | None:
        """Stores the index as it stands (called in a background thread after a build or many changes)."""
        store = self._store
        with self._lock:
            index, revision = self.index, self.revision
            if store is None or revision < 0 or len(index) < self._min_docs:
                return None
            # The copy is taken under the lock, so the revision and the contents belong together.
            data = index.to_bytes(extra={"revision": revision})
            self._changes = 0
        t0 = time.perf_counter()
        path = store.write(revision, data)
        log.info(
            "search snapshot %s stored (%d bytes) in %.2f s", path.name, len(data), time.perf_counter() - t0
        )
        return path

    def _write_later(self) -> None:
        if self._store is not None and len(self.index) >= self._min_docs:
            self._writer.start()

    def wait_for_snapshot(self, timeout: float | None = None) -> None:
        """Waits for a snapshot being stored in the background (tests, the benchmark)."""
        self._writer.join(timeout)

    def search(
        self,
        db: Session,
        query: str = "",
        *,
        org_type: str | None = None,
        country: str | None = None,
        city: str | None = None,
        sectors: Iterable[str] = (),
        offset: int = 0,
        limit: int = 20,
    ) -> SearchHits:
        self.refresh(db)
        return self.index.search(
            query, org_type=org_type, country=country, city=city, sectors=sectors, offset=offset, limit=limit
        )


directory_search = DirectorySearch()
