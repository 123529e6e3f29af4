"""JSON routes of saved searches: only their owner reads or changes them (404 for everyone else)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status
from sqlalchemy.orm import Session

from kcbridge.accounts.auth import CurrentUser
from kcbridge.alerts import results
from kcbridge.alerts.models import SavedSearch
from kcbridge.alerts.results import Result
from kcbridge.alerts.schemas import ResultOut, ResultsOut, SavedSearchIn, SavedSearchOut, SavedSearchPatch
from kcbridge.alerts.service import saved_search_service
from kcbridge.kit.i18n import get_lang, normalize_locale
from kcbridge.kit.web.deps import DbSession, csrf_protect

router = APIRouter(tags=["saved searches"], dependencies=[Depends(csrf_protect)])
Lang = Annotated[str | None, Query(description="ko, zh or en: language of titles and summaries")]


def _lang(lang: str | None) -> str:
    loc = normalize_locale(lang)
    return {"ko": "ko", "zh_Hans": "zh", "en": "en"}[loc] if loc else get_lang()


def present(db: Session, search: SavedSearch, lang: str) -> SavedSearchOut:
    return SavedSearchOut(
        id=search.id,
        name=search.name,
        kind=search.kind,  # type: ignore[arg-type]
        criteria=search.criteria,
        summary=results.summary(db, search.kind, search.criteria, lang),
        frequency=search.frequency,  # type: ignore[arg-type]
        url=results.page_url(search.kind, search.criteria),
        created_at=search.created_at,
        last_checked_at=search.last_checked_at,
        last_alert_at=search.last_alert_at,
        new_count=search.new_count,
    )


@router.get("/searches", response_model=list[SavedSearchOut])
def list_searches(db: DbSession, user: CurrentUser, lang: Lang = None) -> list[SavedSearchOut]:
    """My saved searches, newest first."""
    language = _lang(lang)
    return [present(db, s, language) for s in saved_search_service.mine(db, user=user)]


@router.post("/searches", response_model=SavedSearchOut, status_code=status.HTTP_201_CREATED)
def create_search(data: SavedSearchIn, db: DbSession, user: CurrentUser, lang: Lang = None) -> SavedSearchOut:
    """Save a match search (`criteria`: text, organisation_id, kinds, target) or a directory search
    (`criteria`: q, country, org_type, city, sectors). Its current results become the baseline: alerts
    (daily, weekly or never) report only results that appear later."""
    language = _lang(lang)
    search = saved_search_service.create(db, user=user, data=data, lang=language)
    return present(db, search, language)


@router.get("/searches/{search_id}", response_model=SavedSearchOut)
def get_search(search_id: int, db: DbSession, user: CurrentUser, lang: Lang = None) -> SavedSearchOut:
    return present(db, saved_search_service.get(db, user=user, search_id=search_id), _lang(lang))


@router.patch("/searches/{search_id}", response_model=SavedSearchOut)
def update_search(
    search_id: int, data: SavedSearchPatch, db: DbSession, user: CurrentUser, lang: Lang = None
) -> SavedSearchOut:
    """Rename, change the alert frequency, or change the criteria (which starts a new baseline)."""
    search = saved_search_service.update(db, user=user, search_id=search_id, data=data)
    return present(db, search, _lang(lang))


@router.delete("/searches/{search_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_search(search_id: int, db: DbSession, user: CurrentUser) -> Response:
    saved_search_service.delete(db, user=user, search_id=search_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/searches/{search_id}/results", response_model=ResultsOut)
def search_results(search_id: int, db: DbSession, user: CurrentUser, lang: Lang = None) -> ResultsOut:
    """Runs the search now; `new` marks results that appeared since you last looked (POST …/looked)."""
    language = _lang(lang)
    search, marked = saved_search_service.results(db, user=user, search_id=search_id, lang=language)
    return _results_out(db, search, marked, language)


@router.post("/searches/{search_id}/looked", response_model=ResultsOut)
def look(search_id: int, db: DbSession, user: CurrentUser, lang: Lang = None) -> ResultsOut:
    """Runs the search now and records that you looked: the results it returns stop counting as new."""
    language = _lang(lang)
    search, marked = saved_search_service.look(db, user=user, search_id=search_id, lang=language)
    return _results_out(db, search, marked, language)


def _results_out(
    db: Session, search: SavedSearch, marked: list[tuple[Result, bool]], lang: str
) -> ResultsOut:
    items = [
        ResultOut(
            kind=r.kind,
            id=r.id,
            title=r.title,
            country=r.country,
            org_type=r.org_type,
            url=r.url,
            score=r.score,
            summary=r.summary,
            new=new,
        )
        for r, new in marked
    ]
    return ResultsOut(search=present(db, search, lang), items=items, new_count=sum(n for _r, n in marked))
