"""A firm's dashboard: what needs an answer, matches for its profile, programmes it may join, events.

It only assembles what each domain's services already give; rankings that take a moment (matches,
programme fit) are loaded after the page by HTMX.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kcbridge.accounts.auth import CurrentUser
from kcbridge.accounts.models import User
from kcbridge.agreements.commitments import commitment_service
from kcbridge.alerts.service import saved_search_service
from kcbridge.cases import overview as cases_overview
from kcbridge.directory import repository as directory_repo
from kcbridge.events import repository as events_repo
from kcbridge.kit.db import utcnow
from kcbridge.kit.i18n import get_lang
from kcbridge.kit.web.deps import DbSession
from kcbridge.kit.web.templating import render
from kcbridge.matchmaking import matches
from kcbridge.notifications import repository as notify_repo
from kcbridge.notifications import service as notify
from kcbridge.opportunities import repository as opp_repo
from kcbridge.opportunities.service import opportunity_service
from kcbridge.programmes import finder

router = APIRouter(include_in_schema=False)


def _current(db: DbSession, user: User, org: int | None) -> tuple[list[Any], Any]:
    """The user's organisations and the one the dashboard is about (the first unless chosen)."""
    orgs = [o for o, _role in directory_repo.of_user(db, user.id)]
    return orgs, next((o for o in orgs if o.id == org), orgs[0] if orgs else None)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, db: DbSession, user: CurrentUser, org: int | None = None) -> HTMLResponse:
    orgs, current = _current(db, user, org)
    received, sent = opportunity_service.interests(db, user=user)
    now = utcnow()
    events: dict[int, tuple[Any, Any]] = {}  # event id → (event, the user's registration or None)
    for p in events_repo.participants_of_user(db, user.id):
        event = events_repo.event(db, p.event_id)
        if event is not None and event.ends_at >= now and event.id not in events:
            events[event.id] = (event, p)
    for event in events_repo.organised_upcoming(db, user, now):  # a government officer's own events too
        events.setdefault(event.id, (event, None))
    notes = notify_repo.notifications(db, user.id, limit=5)
    return render(
        request,
        "dashboard.html",
        orgs=orgs,
        current=current,
        waiting=[e for e in received if e.status == "pending"],
        sent=sent[:5],
        opportunities=opp_repo.of_organisations(db, [o.id for o in orgs])[:8],
        events=sorted(events.values(), key=lambda ep: ep[0].starts_at)[:5],
        searches=saved_search_service.mine(db, user=user)[:6],
        notes=[(n, notify.text(n.kind, n.payload), notify.link(n.payload)) for n in notes],
        unread=notify_repo.unread_count(db, user.id),
        commitments=commitment_service.summary(db, user=user, org_ids=[o.id for o in orgs]),
        **cases_overview.for_dashboard(db, user),
    )


@router.get("/dashboard/matches", response_class=HTMLResponse)
def dashboard_matches(
    request: Request, db: DbSession, user: CurrentUser, org: int | None = None
) -> HTMLResponse:
    """The five best matches of the organisation's profile (HTMX fragment)."""
    _orgs, current = _current(db, user, org)
    results: list[dict[str, Any]] = []
    if current is not None:
        hits = matches.for_organisation(db, current, top=5, target=matches.counterpart(current.country))
        lang = get_lang()
        results = [matches.present(db, h, lang, user) for h in hits]
    return render(request, "_dashboard_matches.html", results=results, current=current)


@router.get("/dashboard/programmes", response_class=HTMLResponse)
def dashboard_programmes(
    request: Request, db: DbSession, user: CurrentUser, org: int | None = None
) -> HTMLResponse:
    """Programmes the organisation is eligible for, best fit first (HTMX fragment)."""
    _orgs, current = _current(db, user, org)
    finding = finder.eligible(db, user=user, organisation_id=current.id, limit=4) if current else None
    return render(request, "_dashboard_programmes.html", finding=finding, current=current)
