"""Queries of the news domain. Who may read what is stated here once, for every page, route and job:
news is read by everyone logged in; analysts and administrators ingest it and follow its jobs;
administrators curate the candidates it finds for the directory."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.orm import Session, selectinload

from kcbridge.accounts.models import Role, User
from kcbridge.directory.models import Organisation
from kcbridge.news.models import (
    NewsAlias,
    NewsArticle,
    NewsArticleSector,
    NewsCandidate,
    NewsEntity,
    NewsEvent,
    NewsEventMention,
    NewsEventParticipant,
    NewsFeed,
    NewsIndicatorValue,
    NewsIngestJob,
    NewsStatistic,
    NewsStory,
)

INGEST_ROLES = (Role.ANALYST.value, Role.ADMIN.value)


def can_read(user: User | None) -> bool:
    """Everyone logged in reads the news."""
    return user is not None


def can_ingest(user: User | None) -> bool:
    """Analysts and administrators ingest news, import indicators and accept figures."""
    return user is not None and user.role in INGEST_ROLES


def can_curate(user: User | None) -> bool:
    """Administrators turn candidates into directory entries or aliases."""
    return user is not None and user.is_admin


def readable_articles(user: User | None) -> Select[Any]:
    """The articles `user` may read: all of them once logged in, none for an anonymous visitor."""
    stmt = select(NewsArticle)
    return stmt if can_read(user) else stmt.where(false())


def readable_jobs(user: User | None) -> Select[Any]:
    """Ingestion jobs (and their errors) are followed by those who ingest."""
    stmt = select(NewsIngestJob)
    return stmt if can_ingest(user) else stmt.where(false())


# Articles ---------------------------------------------------------------------------------------


def article(db: Session, article_id: int, user: User | None) -> NewsArticle | None:
    stmt = readable_articles(user).where(NewsArticle.id == article_id)
    return db.scalar(
        stmt.options(
            selectinload(NewsArticle.entities),
            selectinload(NewsArticle.sector_rows),
            selectinload(NewsArticle.statistics),
        )
    )


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    organisation_id: int | None = None
    sector: str | None = None
    language: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None  # exclusive
    q: str | None = None
    story_id: int | None = None


def _filtered(stmt: Select[Any], f: ArticleFilter) -> Select[Any]:
    if f.organisation_id is not None:
        stmt = stmt.where(
            NewsArticle.id.in_(
                select(NewsEntity.article_id).where(
                    NewsEntity.kind == "org", NewsEntity.organisation_id == f.organisation_id
                )
            )
        )
    if f.sector:
        stmt = stmt.where(
            NewsArticle.id.in_(
                select(NewsArticleSector.article_id).where(NewsArticleSector.sector == f.sector)
            )
        )
    if f.language:
        stmt = stmt.where(NewsArticle.language == f.language)
    if f.date_from is not None:
        stmt = stmt.where(NewsArticle.published_at >= f.date_from)
    if f.date_to is not None:
        stmt = stmt.where(NewsArticle.published_at < f.date_to)
    if f.story_id is not None:
        stmt = stmt.where(NewsArticle.story_id == f.story_id)
    for word in (f.q or "").split()[:6]:
        stmt = stmt.where(
            or_(
                NewsArticle.title.icontains(word, autoescape=True),
                NewsArticle.outlet.icontains(word, autoescape=True),
            )
        )
    return stmt


def articles(
    db: Session, user: User | None, f: ArticleFilter, *, offset: int = 0, limit: int = 20
) -> tuple[list[NewsArticle], int]:
    """A page of readable articles, newest first, and how many match."""
    stmt = _filtered(readable_articles(user), f)
    total = int(db.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    rows = db.scalars(
        stmt.options(selectinload(NewsArticle.sector_rows))
        .order_by(NewsArticle.published_at.desc().nulls_last(), NewsArticle.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(rows), total


def linked_orgs(db: Session, article_ids: Sequence[int]) -> dict[int, list[tuple[int, str]]]:
    """The directory organisations each article names: {article: [(organisation id, name as written)]}."""
    out: dict[int, list[tuple[int, str]]] = {}
    if not article_ids:
        return out
    rows = db.execute(
        select(NewsEntity.article_id, NewsEntity.organisation_id, NewsEntity.name)
        .where(
            NewsEntity.article_id.in_(article_ids),
            NewsEntity.kind == "org",
            NewsEntity.organisation_id.is_not(None),
        )
        .order_by(NewsEntity.id)
    )
    for aid, oid, name in rows:
        if oid is not None:
            out.setdefault(aid, []).append((oid, name))
    return out


def organisations(db: Session, ids: Sequence[int]) -> dict[int, Organisation]:
    if not ids:
        return {}
    stmt = select(Organisation).where(Organisation.id.in_(set(ids)), Organisation.deleted_at.is_(None))
    return {o.id: o for o in db.scalars(stmt)}


def exists_fingerprints(db: Session, fingerprints: Sequence[str]) -> set[str]:
    if not fingerprints:
        return set()
    stmt = select(NewsArticle.fingerprint).where(NewsArticle.fingerprint.in_(set(fingerprints)))
    return set(db.scalars(stmt))


def signatures_between(
    db: Session, start: datetime | None, end: datetime | None, limit: int = 2000
) -> list[tuple[int, int | None, bytes]]:
    """(article, story, MinHash signature) of articles published in [start, end] (or the latest ones)."""
    stmt = select(NewsArticle.id, NewsArticle.story_id, NewsArticle.signature)
    if start is not None and end is not None:
        stmt = stmt.where(NewsArticle.published_at.between(start, end))
    return [(a, s, sig) for a, s, sig in db.execute(stmt.order_by(NewsArticle.id.desc()).limit(limit))]


# Stories and events -----------------------------------------------------------------------------


def story(db: Session, story_id: int, user: User | None) -> NewsStory | None:
    if not can_read(user):
        return None
    return db.get(NewsStory, story_id)


def story_articles(db: Session, story_id: int, user: User | None) -> list[NewsArticle]:
    stmt = readable_articles(user).where(NewsArticle.story_id == story_id)
    return list(
        db.scalars(
            stmt.options(selectinload(NewsArticle.entities), selectinload(NewsArticle.sector_rows)).order_by(
                NewsArticle.published_at.nulls_last(), NewsArticle.id
            )
        )
    )


def _events() -> Select[Any]:
    return select(NewsEvent).options(selectinload(NewsEvent.participants), selectinload(NewsEvent.mentions))


def story_events(db: Session, story_id: int) -> list[NewsEvent]:
    stmt = _events().where(NewsEvent.story_id == story_id).order_by(NewsEvent.day.nulls_last(), NewsEvent.id)
    return list(db.scalars(stmt))


def article_events(db: Session, article_id: int) -> list[NewsEvent]:
    ids = select(NewsEventMention.event_id).where(NewsEventMention.article_id == article_id)
    return list(db.scalars(_events().where(NewsEvent.id.in_(ids)).order_by(NewsEvent.day.nulls_last())))


def events_near(db: Session, types: Sequence[str], start: Any, end: Any) -> list[NewsEvent]:
    """Events of these types dated in [start, end], with participants (story grouping)."""
    stmt = _events().where(NewsEvent.event_type.in_(set(types)), NewsEvent.day.between(start, end))
    return list(db.scalars(stmt))


def organisation_events(db: Session, org_id: int, user: User | None, limit: int = 30) -> list[NewsEvent]:
    if not can_read(user):
        return []
    ids = select(NewsEventParticipant.event_id).where(NewsEventParticipant.organisation_id == org_id)
    stmt = _events().where(NewsEvent.id.in_(ids)).order_by(NewsEvent.day.desc().nulls_last(), NewsEvent.id)
    return list(db.scalars(stmt.limit(limit)))


def titles(db: Session, article_ids: Sequence[int]) -> dict[int, NewsArticle]:
    if not article_ids:
        return {}
    return {a.id: a for a in db.scalars(select(NewsArticle).where(NewsArticle.id.in_(set(article_ids))))}


# Trends -----------------------------------------------------------------------------------------


def sector_dates(
    db: Session, user: User | None, start: datetime, end: datetime
) -> list[tuple[str, datetime]]:
    """(sector, publication time) of every readable article in [start, end)."""
    ids = readable_articles(user).with_only_columns(NewsArticle.id)
    stmt = (
        select(NewsArticleSector.sector, NewsArticle.published_at)
        .join(NewsArticle, NewsArticle.id == NewsArticleSector.article_id)
        .where(NewsArticle.id.in_(ids), NewsArticle.published_at >= start, NewsArticle.published_at < end)
    )
    return [(s, d) for s, d in db.execute(stmt) if d is not None]


def top_organisations(
    db: Session, user: User | None, start: datetime, end: datetime, limit: int = 12
) -> list[tuple[int, int]]:
    """(organisation, articles naming it) of the most named directory organisations."""
    ids = readable_articles(user).with_only_columns(NewsArticle.id)
    n = func.count(func.distinct(NewsEntity.article_id))
    stmt = (
        select(NewsEntity.organisation_id, n)
        .join(NewsArticle, NewsArticle.id == NewsEntity.article_id)
        .join(Organisation, Organisation.id == NewsEntity.organisation_id)
        .where(
            NewsEntity.kind == "org",
            Organisation.deleted_at.is_(None),
            NewsArticle.id.in_(ids),
            NewsArticle.published_at >= start,
            NewsArticle.published_at < end,
        )
        .group_by(NewsEntity.organisation_id)
        .order_by(n.desc(), NewsEntity.organisation_id)
        .limit(limit)
    )
    return [(int(o), int(c)) for o, c in db.execute(stmt) if o is not None]


def event_cities(db: Session, user: User | None, start: Any, end: Any) -> list[tuple[str, str, int]]:
    """(city, event type, events) of dated events in [start, end]."""
    if not can_read(user):
        return []
    n = func.count(NewsEvent.id)
    stmt = (
        select(NewsEvent.city, NewsEvent.event_type, n)
        .where(NewsEvent.city.is_not(None), NewsEvent.day.between(start, end))
        .group_by(NewsEvent.city, NewsEvent.event_type)
    )
    return [(c, t, int(k)) for c, t, k in db.execute(stmt) if c is not None]


def latest_published(db: Session, user: User | None) -> datetime | None:
    stmt = readable_articles(user).with_only_columns(func.max(NewsArticle.published_at))
    return db.scalar(stmt)


# Indicators, candidates, feeds, jobs ------------------------------------------------------------


def indicator_values(db: Session) -> list[NewsIndicatorValue]:
    stmt = select(NewsIndicatorValue).order_by(
        NewsIndicatorValue.indicator, NewsIndicatorValue.country, NewsIndicatorValue.year
    )
    return list(db.scalars(stmt))


def indicator_value(db: Session, indicator: str, country: str, year: int) -> NewsIndicatorValue | None:
    return db.scalar(
        select(NewsIndicatorValue).where(
            NewsIndicatorValue.indicator == indicator,
            NewsIndicatorValue.country == country,
            NewsIndicatorValue.year == year,
        )
    )


def statistic(db: Session, stat_id: int, user: User | None) -> NewsStatistic | None:
    ids = readable_articles(user).with_only_columns(NewsArticle.id)
    return db.scalar(
        select(NewsStatistic).where(NewsStatistic.id == stat_id, NewsStatistic.article_id.in_(ids))
    )


def candidates(db: Session, status: str = "open", limit: int = 200) -> list[NewsCandidate]:
    stmt = (
        select(NewsCandidate)
        .where(NewsCandidate.status == status)
        .order_by(NewsCandidate.mentions.desc(), NewsCandidate.id)
    )
    return list(db.scalars(stmt.limit(limit)))


def candidates_by_key(db: Session, keys: Sequence[str]) -> dict[str, NewsCandidate]:
    if not keys:
        return {}
    return {c.key: c for c in db.scalars(select(NewsCandidate).where(NewsCandidate.key.in_(set(keys))))}


def alias_keys(db: Session, keys: Sequence[str]) -> dict[str, int]:
    if not keys:
        return {}
    stmt = select(NewsAlias.key, NewsAlias.organisation_id).where(NewsAlias.key.in_(set(keys)))
    return {k: o for k, o in db.execute(stmt)}


def aliases_of(db: Session, org_id: int) -> list[NewsAlias]:
    stmt = select(NewsAlias).where(NewsAlias.organisation_id == org_id).order_by(NewsAlias.id)
    return list(db.scalars(stmt))


def feeds(db: Session) -> list[NewsFeed]:
    return list(db.scalars(select(NewsFeed).order_by(NewsFeed.id)))


def due_feeds(db: Session, before: datetime) -> list[int]:
    stmt = select(NewsFeed.id).where(
        NewsFeed.active.is_(True),
        or_(NewsFeed.last_polled_at.is_(None), NewsFeed.last_polled_at < before),
    )
    return list(db.scalars(stmt.order_by(NewsFeed.id)))


def job(db: Session, job_id: int, user: User | None) -> NewsIngestJob | None:
    stmt = readable_jobs(user).where(NewsIngestJob.id == job_id)
    return db.scalar(stmt.options(selectinload(NewsIngestJob.errors)))


def recent_jobs(db: Session, user: User | None, limit: int = 10) -> list[NewsIngestJob]:
    stmt = readable_jobs(user).order_by(NewsIngestJob.id.desc()).limit(limit)
    return list(db.scalars(stmt))


def open_statistics(db: Session, user: User | None, limit: int = 40) -> list[NewsStatistic]:
    """Figures not yet accepted, those naming an indicator first (for analysts to accept)."""
    if not can_ingest(user):
        return []
    stmt = (
        select(NewsStatistic)
        .where(NewsStatistic.accepted_value_id.is_(None), NewsStatistic.suggested.is_not(None))
        .order_by(NewsStatistic.id.desc())
        .limit(limit)
    )
    return list(db.scalars(stmt))


def candidate_articles(
    db: Session, candidate_id: int, user: User | None, limit: int = 20
) -> list[NewsArticle]:
    ids = select(NewsEntity.article_id).where(NewsEntity.candidate_id == candidate_id)
    stmt = (
        readable_articles(user).where(NewsArticle.id.in_(ids)).options(selectinload(NewsArticle.sector_rows))
    )
    return list(db.scalars(stmt.order_by(NewsArticle.published_at.desc().nulls_last()).limit(limit)))


def candidate(db: Session, candidate_id: int, user: User | None) -> NewsCandidate | None:
    """A candidate is shown to every reader (articles link to it); only administrators act on it."""
    return db.get(NewsCandidate, candidate_id) if can_read(user) else None
