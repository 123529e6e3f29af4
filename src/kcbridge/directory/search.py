"""The process-local directory search index, kept current by following the revision feed.

Every search first asks the database for the feed's revision (one indexed read); if another process
changed organisations since, only those are reloaded. So any number of web processes answer alike.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from sqlalchemy.orm import Session

from kcbridge.directory import repository as repo
from kcbridge.directory import taxonomy as tx
from kcbridge.directory.search_index import SearchDoc, SearchHits, SearchIndex
from kcbridge.kit import revisions


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
        sort_key=row.updated_at.timestamp() if row.updated_at else 0.0,
    )


class DirectorySearch:
    def __init__(self) -> None:
        self.index = SearchIndex()
        self.revision = -1
        self._lock = threading.Lock()

    def refresh(self, db: Session) -> None:
        """Bring the index up to the database's revision (full build the first time)."""
        current = revisions.current_revision(db)
        if current == self.revision:
            return
        with self._lock:
            if current == self.revision:
                return
            if self.revision < 0 or self.index.needs_rebuild():
                self._rebuild(db)
                return
            seen = self.revision
            live: list[SearchDoc] = []
            gone: list[int] = []
            for row, texts, sectors in repo.search_rows(db, after_revision=seen):
                (gone.append(row.id) if row.deleted_at else live.append(_doc(row, texts, sectors)))
                self.revision = max(self.revision, row.revision)
            self.index.remove(gone)
            self.index.upsert(live)
            self.revision = max(self.revision, current)

    def _rebuild(self, db: Session) -> None:
        docs: list[SearchDoc] = []
        top = 0
        for row, texts, sectors in repo.search_rows(db):
            top = max(top, row.revision)
            if not row.deleted_at:
                docs.append(_doc(row, texts, sectors))
        self.index.rebuild(docs)
        self.revision = max(top, revisions.current_revision(db))

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
