"""HTML pages of news intelligence for readers: the news list, an article with its entities
highlighted, a story told by several outlets side by side, trends, indicators, an organisation's news
timeline (an HTMX fragment of the directory profile). Ingestion and curation pages: curate_pages.py."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from kcbridge.accounts.auth import CurrentUser
from kcbridge.directory import taxonomy as tx
from kcbridge.directory.service import directory_service
from kcbridge.kit.i18n import get_lang
from kcbridge.kit.web.deps import DbSession, csrf_protect
from kcbridge.kit.web.templating import render
from kcbridge.news import curate_pages, places, vocab
from kcbridge.news import repository as repo
from kcbridge.news.highlight import pieces
from kcbridge.news.indicators import indicator_service
from kcbridge.news.service import news_service
from kcbridge.news.trends import trends as build_trends

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
router.include_router(curate_pages.router)
PER_PAGE = 20
TEMPLATE_GLOBALS: dict[str, Any] = dict(  # installed by the app
    news_event_label=vocab.event_label,
    news_error_text=vocab.error_text,
    news_indicator_label=vocab.indicator_label,
    news_unit=vocab.unit_label,
    news_number=vocab.number,
    news_source=vocab.source_label,
    news_role=vocab.role_label,
    news_indicators=list(vocab.INDICATORS),
    news_pieces=pieces,
    news_can_ingest=repo.can_ingest,
    news_can_curate=repo.can_curate,
    news_city=lambda key: places.BY_KEY[key].label(get_lang()) if key in places.BY_KEY else (key or ""),
)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/news", response_class=HTMLResponse)
def news_list(
    request: Request,
    db: DbSession,
    user: CurrentUser,
    q: Annotated[str, Query(max_length=200)] = "",
    org: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    sector: str = "",
    language: str = "",
    date_from: str = "",
    date_to: str = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """Articles newest first; filters by organisation, sector, language and dates (unknown values are
    ignored rather than an error page)."""
    start, end = _date(date_from), _date(date_to)
    f = repo.ArticleFilter(
        organisation_id=org,
        sector=sector if sector in tx.SECTOR_CODES else None,
        language=language if language in ("ko", "zh", "en") else None,
        date_from=datetime.combine(start, time(), tzinfo=UTC) if start else None,
        date_to=datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC)
        if end and end < date.max
        else None,
        q=q,
    )
    items, total = repo.articles(db, user, f, offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
    orgs = repo.linked_orgs(db, [a.id for a in items])
    context: dict[str, Any] = dict(
        items=items,
        orgs=orgs,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        org_filter=repo.organisations(db, [org]).get(org) if org else None,
        filters={
            "q": q,
            "org": org or "",
            "sector": sector,
            "language": language,
            "date_from": date_from,
            "date_to": date_to,
        },
    )
    if request.headers.get("hx-request") and request.headers.get("hx-target") == "results":
        return render(request, "news/_results.html", **context)
    return render(request, "news/list.html", **context)


@router.get("/news/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: int, db: DbSession, user: CurrentUser) -> HTMLResponse:
    a = news_service.article(db, user=user, article_id=article_id)
    events = repo.article_events(db, a.id)
    story = repo.story(db, a.story_id, user) if a.story_id else None
    ids = [e.organisation_id for e in a.entities if e.organisation_id]
    ids += [p.organisation_id for ev in events for p in ev.participants if p.organisation_id]
    return render(
        request, "news/article.html", article=a, events=events, story=story, orgs=repo.organisations(db, ids)
    )


@router.get("/news/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: int, db: DbSession, user: CurrentUser) -> HTMLResponse:
    view = news_service.story(db, user=user, story_id=story_id)
    org_ids = [e.organisation_id for a in view.articles for e in a.entities if e.organisation_id]
    org_ids += [p.organisation_id for ev in view.events for p in ev.participants if p.organisation_id]
    return render(
        request,
        "news/story.html",
        view=view,
        titles={a.id: a for a in view.articles},
        orgs=repo.organisations(db, org_ids),
    )


@router.get("/news/trends", response_class=HTMLResponse)
def trends_page(
    request: Request, db: DbSession, user: CurrentUser, months: Annotated[int, Query(ge=1, le=120)] = 12
) -> HTMLResponse:
    data = build_trends(db, user=user, lang=get_lang(), months=months)
    return render(request, "news/trends.html", data=data, months=months)


@router.get("/news/indicators", response_class=HTMLResponse)
def indicators_page(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    series = indicator_service.series(db, user=user)
    pending = repo.open_statistics(db, user)
    return render(request, "news/indicators.html", series=series, pending=pending, errors=[])


@router.get("/news/organisations/{org_id}/timeline", response_class=HTMLResponse)
def organisation_timeline(request: Request, org_id: int, db: DbSession, user: CurrentUser) -> HTMLResponse:
    """The news box of an organisation's profile (loaded by HTMX): events it took part in and the
    articles naming it, newest first."""
    org = directory_service.get(db, org_id)
    items = news_service.timeline(db, user=user, org_id=org.id)
    ids = [p.organisation_id for i in items if i.event for p in i.event.participants if p.organisation_id]
    return render(request, "news/_timeline.html", org=org, items=items, orgs=repo.organisations(db, ids))
