"""Runs an ingestion batch: reads the sources (the pure engine), then stores the articles in short units
of work, counting progress on the job row so that a page can follow it. Used by the upload and feed
jobs, the command line and the demo loader; each bad source is kept with its reason, the rest go on."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from kcbridge.kit.db import unit_of_work, utcnow
from kcbridge.news import gazetteer
from kcbridge.news.extract import Extractor
from kcbridge.news.ingest import Article, IngestResult, SourceError, ingest
from kcbridge.news.models import NewsIngestJob, NewsSourceError, NewsUploadFile
from kcbridge.news.pipeline import store
from kcbridge.news.vocab import error_code

log = logging.getLogger("kcbridge.news")
CHUNK = 20  # articles per unit of work: progress is visible, and a write lock is held briefly


@dataclass(slots=True)
class Counts:
    found: int = 0
    added: int = 0
    duplicates: int = 0
    failed: int = 0
    article_ids: list[int] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)


Progress = Callable[[int], None]
Fetch = Callable[[str, float], bytes]
fetcher: Fetch | None = None  # how URLs are fetched (None: the engine's HTTP client); tests replace it


def read(
    sources: Sequence[str],
    *,
    fetch: Fetch | None = None,
    progress: Callable[[str], None] | None = None,
) -> IngestResult:
    """The engine's reading of files, folders, pages, feeds and URLs."""
    fetch = fetch or fetcher
    if fetch is None:
        return ingest(sources, progress=progress)
    return ingest(sources, fetch=fetch, progress=progress)


def record_errors(
    job_id: int | None,
    feed_id: int | None,
    errors: Sequence[SourceError],
    names: dict[str, str] | None = None,
) -> None:
    if not errors:
        return
    with unit_of_work() as db:
        for e in errors:
            db.add(
                NewsSourceError(
                    job_id=job_id,
                    feed_id=feed_id,
                    source=(names or {}).get(e.source, e.source)[:1000],
                    code=error_code(e.reason),
                    detail=e.reason[:2000],
                )
            )


def store_all(
    articles: Sequence[Article],
    *,
    job_id: int | None = None,
    feed_id: int | None = None,
    user_id: int | None = None,
    engine: Extractor | None = None,
    progress: Progress | None = None,
    names: dict[str, str] | None = None,
    read_duplicates: int = 0,
) -> Counts:
    """Stores the articles CHUNK by CHUNK; the job row (if any) counts them as they go."""
    counts = Counts(found=len(articles))
    if engine is None:
        with unit_of_work(write=False) as db:
            engine = gazetteer.extractor(db)
    for start in range(0, len(articles), CHUNK):
        chunk = articles[start : start + CHUNK]
        for attempt in (1, 2):  # a text another process stored meanwhile: the second try skips it
            try:
                added, dupes = _store_chunk(
                    chunk, engine, job_id, feed_id, user_id, counts, read_duplicates, start
                )
                break
            except IntegrityError:
                if attempt == 2:
                    raise
        counts.added += len(added)
        counts.article_ids += added
        counts.duplicates += len(dupes)
        record_errors(job_id, feed_id, dupes, names)
        if progress:
            progress(len(chunk))
    return counts


def _store_chunk(
    chunk: Sequence[Article],
    engine: Extractor,
    job_id: int | None,
    feed_id: int | None,
    user_id: int | None,
    before: Counts,
    read_duplicates: int,
    start: int,
) -> tuple[list[int], list[SourceError]]:
    """One unit of work: the chunk's articles stored, the job's counts moved on."""
    added: list[int] = []
    dupes: list[SourceError] = []
    with unit_of_work() as db:
        for a in chunk:
            out = store(db, a, engine, job_id=job_id, feed_id=feed_id, user_id=user_id)
            if out.article is None:
                dupes.append(SourceError(a.source, "exact duplicate of an article already stored"))
            else:
                added.append(out.article.id)
        if job_id is not None and (job := db.get(NewsIngestJob, job_id)) is not None:
            job.processed = start + len(chunk)
            job.added = before.added + len(added)
            job.duplicates = read_duplicates + before.duplicates + len(dupes)
    return added, dupes


def run_job(
    job_id: int,
    sources: Sequence[str],
    *,
    feed_id: int | None = None,
    names: dict[str, str] | None = None,
    fetch: Fetch | None = None,
    on_read: Callable[[str], None] | None = None,
    on_found: Callable[[int], None] | None = None,
    on_store: Progress | None = None,
) -> Counts:
    """Reads `sources` and stores their articles under the job; the job ends done (or failed).
    `on_read` hears each source as it is read, `on_found` how many articles were found, `on_store`
    how many more were stored."""
    with unit_of_work() as db:
        job = db.get(NewsIngestJob, job_id)
        if job is None or job.status not in ("queued", "running"):
            return Counts()
        job.status, job.started_at = "running", utcnow()
        user_id = job.created_by
    try:
        result = read(sources, fetch=fetch, progress=on_read)
        if on_found:
            on_found(len(result.articles))
        errors = list(result.errors) + [
            SourceError(d, "exact duplicate inside this batch") for d in result.duplicates
        ]
        record_errors(job_id, feed_id, errors, names)
        with unit_of_work() as db:
            job = db.get(NewsIngestJob, job_id)
            assert job is not None
            job.found = len(result.articles)
            job.failed = len(result.errors)
            job.duplicates = len(result.duplicates)
        read_dupes = len(result.duplicates)
        counts = store_all(
            [_named(a, names) for a in result.articles],
            job_id=job_id,
            feed_id=feed_id,
            user_id=user_id,
            read_duplicates=read_dupes,
            progress=on_store,
        )
        counts.errors = list(result.errors)
        with unit_of_work() as db:
            job = db.get(NewsIngestJob, job_id)
            assert job is not None
            job.duplicates = read_dupes + counts.duplicates
            job.status, job.finished_at = "done", utcnow()
            db.execute(delete(NewsUploadFile).where(NewsUploadFile.job_id == job_id))
        return counts
    except Exception:
        log.exception("news ingestion job %s failed", job_id)
        with unit_of_work() as db:
            job = db.get(NewsIngestJob, job_id)
            if job is not None:
                job.status, job.finished_at = "failed", utcnow()
        raise


def _named(a: Article, names: dict[str, str] | None) -> Article:
    if names and a.source in names:
        a.source = names[a.source]
    return a


def run_upload(job_id: int) -> Counts:
    """The uploaded files of a job, written to a private temporary folder and read from there."""
    folder = Path(tempfile.mkdtemp(prefix="kcbridge-news-"))
    try:
        names: dict[str, str] = {}
        paths: list[str] = []
        with unit_of_work(write=False) as db:
            files = db.execute(
                select(NewsUploadFile.id, NewsUploadFile.name, NewsUploadFile.data)
                .where(NewsUploadFile.job_id == job_id)
                .order_by(NewsUploadFile.id)
            ).all()
        for n, (_fid, name, data) in enumerate(files):
            sub = folder / str(n)
            sub.mkdir()
            path = sub / (Path(name).name or "upload.txt")
            path.write_bytes(data)
            names[str(path)] = name
            paths.append(str(path))
        return run_job(job_id, paths, names=names)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
