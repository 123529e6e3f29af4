"""Demo news (story 7): articles written for the demo (data/news/articles: Korean and Chinese text files
as saved from news sites, English RSS feeds) about the demo's organisations, agreements and events, some
stories told by two or three outlets; the three real Korean articles of ../shared/corpus/news when that
folder exists (read there at load time, never copied); and illustrative indicator values.

Everything goes through the news domain's own reading and storing, with the extractor's models loaded
once; candidates stay open for the administrator to curate.
"""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.news import gazetteer, runner
from kcbridge.news.extract import Extractor
from kcbridge.news.indicators import indicator_service, parse_csv
from kcbridge.news.models import NewsArticle, NewsIndicatorValue, NewsIngestJob, NewsSourceError
from kcbridge.news.pipeline import store
from kcbridge.news.vocab import error_code

DATA = Path(__file__).resolve().parent / "data" / "news"
# The repository's parent directory holds the shared corpus (absent in an installed package: skipped).
CORPUS = Path(__file__).resolve().parents[5] / "shared" / "corpus" / "news"
ANALYST = "analyst@kcbridge.example"


def sources() -> list[str]:
    """The demo's own articles, and the shared real ones when they are there."""
    found = [str(DATA / "articles")]
    if CORPUS.is_dir():
        found.append(str(CORPUS))
    return found


def load_demo(db: Session) -> str:
    """Reads and stores the demo news unless there are articles already; returns a one-line summary."""
    if db.scalar(select(func.count()).select_from(NewsArticle)):
        return "demo news not loaded: there are articles already"
    analyst = db.scalar(select(User).where(User.email == ANALYST))
    job = NewsIngestJob(kind="demo", status="running", created_by=analyst.id if analyst else None)
    db.add(job)
    db.flush()
    result = runner.read(sources())
    engine = Extractor(gazetteer.directory_entries(db))  # this unit of work's directory, not yet committed
    t0 = time.perf_counter()
    engine.warm_up()
    warm = time.perf_counter() - t0
    cpu = time.process_time()  # per core: other processes share the machine
    added = sum(
        store(db, a, engine, job_id=job.id, user_id=job.created_by).article is not None
        for a in result.articles
    )
    took = time.process_time() - cpu
    for e in result.errors:
        db.add(NewsSourceError(job_id=job.id, source=e.source, code=error_code(e.reason), detail=e.reason))
    job.sources, job.found, job.processed, job.added = len(sources()), len(result.articles), added, added
    job.failed, job.status = len(result.errors), "done"
    values = _indicators(db, analyst)
    rate = added / took if took else 0.0
    return (
        f"{added} news articles ({rate:.0f} per second per core, after {warm:.1f} s loading the language "
        "models), "
        f"{values} indicator values"
    )


def _indicators(db: Session, analyst: User | None) -> int:
    data = (DATA / "indicators.csv").read_bytes()
    if analyst is not None:
        return indicator_service.import_csv(db, user=analyst, data=data, name="demo indicators.csv")
    rows = parse_csv(data)
    db.add_all(
        NewsIndicatorValue(
            indicator=r.indicator, country=r.country, year=r.year, value=r.value, unit=r.unit, source=r.source
        )
        for r in rows
    )
    return len(rows)
