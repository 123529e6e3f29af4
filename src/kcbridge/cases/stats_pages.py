"""The statistics page of officers and analysts: counts with charts, never a case text or a firm."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kcbridge.cases import stats as case_stats
from kcbridge.cases import suppression
from kcbridge.cases.auth import StatsUser
from kcbridge.kit.i18n import get_lang
from kcbridge.kit.web.deps import DbSession
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False)


def scope_of(scope: str) -> tuple[str | None, int | None]:
    """The one filter of the page's "scope" choice: a country (KR, CN), a year, or nothing."""
    if scope in ("KR", "CN"):
        return scope, None
    if scope.isdigit() and len(scope) == 4:
        return None, int(scope)
    return None, None


@router.get("/cases/stats", response_class=HTMLResponse)
def stats_page(
    request: Request, db: DbSession, user: StatsUser, by: str = "category", scope: str = ""
) -> HTMLResponse:
    """Counts of cases by one dimension for everything, one country or one year, with a chart."""
    by = by if by in case_stats.DIMENSIONS else "category"
    country, year = scope_of(scope)
    found = case_stats.case_stats(db, by=by, country=country, year=year, lang=get_lang())
    return render(
        request,
        "cases/stats.html",
        found=found,
        by=by,
        scope=scope,
        years=case_stats.years(db),
        dimensions=case_stats.DIMENSIONS,
        threshold=suppression.THRESHOLD,
        suppressed=sum(c.count is None for c in found.cells),
        chart={
            "labels": [c.label for c in found.cells],
            "counts": [c.count for c in found.cells],
        },
    )
