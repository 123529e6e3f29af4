"""JSON routes of news intelligence: articles (filtered), an article, a story, trends, indicators, uploads."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, UploadFile, status

from kcbridge.accounts.auth import CurrentUser
from kcbridge.directory import taxonomy as tx
from kcbridge.kit.errors import Invalid
from kcbridge.kit.i18n import _, get_lang, normalize_locale
from kcbridge.kit.web.deps import DbSession, csrf_protect
from kcbridge.news import repository as repo
from kcbridge.news.indicators import indicator_service
from kcbridge.news.ingest import MAX_BYTES
from kcbridge.news.models import NewsArticle, NewsEvent, NewsIngestJob
from kcbridge.news.schemas import (
    ArticleOut,
    ArticlePage,
    ArticleSummary,
    EntityOut,
    EventOut,
    IndicatorSeries,
    JobOut,
    OrgRef,
    ParticipantOut,
    SourceErrorOut,
    StatisticOut,
    StoryOut,
    TrendsOut,
)
from kcbridge.news.service import news_service
from kcbridge.news.trends import trends as build_trends
from kcbridge.news.vocab import error_text, event_label

router = APIRouter(tags=["news"], dependencies=[Depends(csrf_protect)])
Lang = Annotated[str | None, Query(description="ko, zh or en: language of names and labels")]
LANGUAGES = ("ko", "zh", "en")


def _lang(lang: str | None) -> str:
    loc = normalize_locale(lang)
    return {"ko": "ko", "zh_Hans": "zh", "en": "en"}[loc] if loc else get_lang()


def summary(a: NewsArticle, orgs: list[tuple[int, str]]) -> ArticleSummary:
    return ArticleSummary(
        id=a.id,
        title=a.title,
        outlet=a.outlet,
        author=a.author,
        published=a.published,
        language=a.language,
        story_id=a.story_id,
        sectors=a.sectors,
        organisations=[OrgRef(id=o, name=n) for o, n in dict(orgs).items()],
    )


def event_out(e: NewsEvent) -> EventOut:
    return EventOut(
        id=e.id,
        story_id=e.story_id,
        type=e.event_type,
        type_label=event_label(e.event_type),
        date=e.day,
        place=e.place,
        city=e.city,
        participants=[
            ParticipantOut(name=p.name, organisation_id=p.organisation_id, candidate_id=p.candidate_id)
            for p in e.participants
        ],
        articles=sorted(m.article_id for m in e.mentions),
    )


def job_out(j: NewsIngestJob) -> JobOut:
    return JobOut(
        id=j.id,
        kind=j.kind,
        status=j.status,
        sources=j.sources,
        found=j.found,
        processed=j.processed,
        added=j.added,
        duplicates=j.duplicates,
        failed=j.failed,
        created_at=j.created_at,
        finished_at=j.finished_at,
        errors=[
            SourceErrorOut(source=e.source, code=e.code, message=error_text(e.code), detail=e.detail)
            for e in j.errors
        ],
    )


def _day(value: date | None, name: str, end: bool = False) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.combine(value + timedelta(days=1) if end else value, time(), tzinfo=UTC)
    except OverflowError:
        msg = _("This date is out of range.")
        raise Invalid(msg, fields=[(("query", name), msg)]) from None


@router.get("/news/articles", response_model=ArticlePage)
def list_articles(
    db: DbSession,
    user: CurrentUser,
    organisation_id: Annotated[
        int | None, Query(ge=1, le=2**31 - 1, description="Articles naming it")
    ] = None,
    sector: Annotated[str | None, Query(description="A sector code of the directory")] = None,
    language: Annotated[str | None, Query(pattern="^(ko|zh|en)$")] = None,
    date_from: Annotated[date | None, Query(description="Published on or after (UTC day)")] = None,
    date_to: Annotated[date | None, Query(description="Published on or before (UTC day)")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the title or outlet")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ArticlePage:
    """Articles newest first, filtered by organisation, sector, language and publication dates."""
    if sector is not None and sector not in tx.SECTOR_CODES:
        msg = _("Unknown sector: {value}").format(value=sector)
        raise Invalid(msg, fields=[(("query", "sector"), msg)])
    if date_from and date_to and date_to < date_from:
        msg = _("The end date cannot be before the start date.")
        raise Invalid(msg, fields=[(("query", "date_to"), msg)])
    f = repo.ArticleFilter(
        organisation_id=organisation_id,
        sector=sector,
        language=language,
        date_from=_day(date_from, "date_from"),
        date_to=_day(date_to, "date_to", end=True),
        q=q,
    )
    items, total = repo.articles(db, user, f, offset=(page - 1) * per_page, limit=per_page)
    orgs = repo.linked_orgs(db, [a.id for a in items])
    return ArticlePage(
        items=[summary(a, orgs.get(a.id, [])) for a in items], total=total, page=page, per_page=per_page
    )


@router.get("/news/articles/{article_id}", response_model=ArticleOut)
def get_article(article_id: int, db: DbSession, user: CurrentUser) -> ArticleOut:
    """An article with its entities (offsets for highlighting), events and figures."""
    a = news_service.article(db, user=user, article_id=article_id)
    base = summary(a, [(e.organisation_id, e.name) for e in a.entities if e.organisation_id])
    return ArticleOut(
        **base.model_dump(),
        body=a.body,
        captions=list(a.captions or []),
        source=a.source,
        entities=[
            EntityOut(
                kind=e.kind,
                name=e.name,
                aliases=list(e.aliases or []),
                org_type=e.org_type,
                country=e.country,
                role=e.role,
                affiliation=e.affiliation,
                organisation_id=e.organisation_id,
                candidate_id=e.candidate_id,
                spans=list(e.spans or []),
            )
            for e in a.entities
        ],
        events=[event_out(e) for e in repo.article_events(db, a.id)],
        statistics=[
            StatisticOut(
                id=s.id,
                indicator=s.indicator,
                value=s.value,
                unit=s.unit,
                year=s.year,
                country=s.country,
                suggested_indicator=s.suggested,
                accepted=s.accepted_value_id is not None,
            )
            for s in a.statistics
        ],
    )


@router.get("/news/stories/{story_id}", response_model=StoryOut)
def get_story(story_id: int, db: DbSession, user: CurrentUser) -> StoryOut:
    """A story: every article telling it (across outlets and languages) and the events they report."""
    view = news_service.story(db, user=user, story_id=story_id)
    orgs = repo.linked_orgs(db, [a.id for a in view.articles])
    return StoryOut(
        id=view.story.id,
        title=view.story.title,
        first_published=view.story.first_published,
        last_published=view.story.last_published,
        articles=[summary(a, orgs.get(a.id, [])) for a in view.articles],
        events=[event_out(e) for e in view.events],
    )


@router.get("/news/trends", response_model=TrendsOut)
def get_trends(
    db: DbSession,
    user: CurrentUser,
    months: Annotated[int, Query(ge=1, le=120, description="Months up to the latest article")] = 12,
    lang: Lang = None,
) -> TrendsOut:
    """Articles per sector and month, the most named organisations, and events by city."""
    return build_trends(db, user=user, lang=_lang(lang), months=months)


@router.get("/news/indicators", response_model=list[IndicatorSeries])
def get_indicators(db: DbSession, user: CurrentUser) -> list[IndicatorSeries]:
    """Indicator series of both countries (R&D personnel, patent applications, IT exports)."""
    return indicator_service.series(db, user=user)


@router.post("/news/uploads", response_model=JobOut, status_code=status.HTTP_202_ACCEPTED)
def upload(
    db: DbSession,
    user: CurrentUser,
    files: Annotated[list[UploadFile], File(description="Text, HTML or RSS/Atom files")],
) -> JobOut:
    """Analysts and administrators: the files are read in the background; follow the job at
    GET /news/uploads/{id}. A file that cannot be read is reported there; the others still go."""
    read = [(f.filename or "", f.file.read(MAX_BYTES + 1)) for f in files]
    job = news_service.upload(db, user=user, files=read)
    return job_out(news_service.job(db, user=user, job_id=job.id))


@router.get("/news/uploads/{job_id}", response_model=JobOut)
def get_upload(job_id: int, db: DbSession, user: CurrentUser) -> JobOut:
    """How far an ingestion job is, and each source it could not read (with the reason)."""
    return job_out(news_service.job(db, user=user, job_id=job_id))
