"""The start page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kcbridge.accounts.auth import OptionalUser
from kcbridge.directory import repository as repo
from kcbridge.directory.search import directory_search
from kcbridge.kit import revisions
from kcbridge.kit.web.deps import DbSession
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: DbSession, user: OptionalUser) -> HTMLResponse:
    counts = repo.counts(db)
    recent = directory_search.search(db, "", limit=6)
    orgs = repo.get_many(db, recent.ids)
    return render(
        request,
        "home.html",
        counts=counts,
        total=sum(counts.values()),
        recent=orgs,
        logos=repo.has_logo(db, recent.ids),
    )


@router.get("/healthz", include_in_schema=False)
def healthz(db: DbSession) -> dict[str, str]:
    revisions.current_revision(db)
    return {"status": "ok"}
