"""The notifications page."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kcbridge.accounts.auth import CurrentUser
from kcbridge.kit.db import utcnow
from kcbridge.kit.web.deps import DbSession, csrf_protect
from kcbridge.kit.web.templating import render
from kcbridge.notifications import repository as repo
from kcbridge.notifications import service as notify

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])


@router.get("/notifications", response_class=HTMLResponse)
def notifications(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    rows = repo.notifications(db, user.id)
    items = [(n, notify.text(n.kind, n.payload), notify.link(n.payload)) for n in rows]
    return render(request, "notifications/notifications.html", items=items)


@router.post("/notifications/read", response_model=None)
def read_all(db: DbSession, user: CurrentUser) -> Response:
    repo.mark_read(db, user.id, None, utcnow())
    return RedirectResponse("/notifications", status_code=303)
