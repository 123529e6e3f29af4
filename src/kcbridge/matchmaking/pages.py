"""Pages of matchmaking: matches for you, similar partners, what fits a programme or an opportunity."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from kcbridge.accounts.auth import OptionalUser
from kcbridge.accounts.models import User
from kcbridge.directory import repository as directory_repo
from kcbridge.directory.service import directory_service
from kcbridge.kit.errors import DomainError
from kcbridge.kit.i18n import get_lang
from kcbridge.kit.web.deps import DbSession, csrf_protect
from kcbridge.kit.web.templating import render
from kcbridge.matchmaking import fit as programme_fit
from kcbridge.matchmaking import matches
from kcbridge.opportunities.service import opportunity_service
from kcbridge.programmes.service import programme_service

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])


def _my_orgs(db: DbSession, user: User | None) -> list[Any]:
    return [o for o, _r in directory_repo.of_user(db, user.id)] if user else []


def _present(db: DbSession, hits: list, user: User | None) -> list[dict[str, Any]]:
    lang = get_lang()
    return [matches.present(db, h, lang, user) for h in hits]


@router.get("/opportunities/{opp_id}/similar", response_class=HTMLResponse)
def similar(request: Request, opp_id: int, db: DbSession, user: OptionalUser) -> HTMLResponse:
    """Loaded after the page (HTMX): ranking and explaining takes a moment."""
    opp = opportunity_service.get(db, opp_id, user)
    target = (
        request.query_params.get("target")
        or opp.target_country
        or matches.counterpart(opp.organisation.country)
    )
    hits = matches.for_opportunity(db, opp, top=8, target=target)
    return render(request, "matchmaking/_matches.html", results=_present(db, hits, user))


@router.get("/matches", response_class=HTMLResponse)
def matches_for_you(
    request: Request,
    db: DbSession,
    user: OptionalUser,
    q: Annotated[str, Query(max_length=5000)] = "",
    org: int | None = None,
    kind: str = "",
    target: str = "",
) -> HTMLResponse:
    """ "Matches for you": from your organisation's profile, or from any text you type (any language)."""
    orgs = _my_orgs(db, user)
    kinds = [kind] if kind in ("organisation", "opportunity", "programme") else None
    current = next((o for o in orgs if o.id == org), orgs[0] if orgs else None)
    if target not in ("KR", "CN", "OTHER", "any"):
        target = (matches.counterpart(current.country) if current else None) or "any"
    error = None
    results: list[dict[str, Any]] = []
    try:
        if q.strip():
            country = current.country if current else None
            hits = matches.for_text(db, q, country=country, kinds=kinds, top=20, target=target)
            results = _present(db, hits, user)
        elif current is not None:
            hits = matches.for_organisation(db, current, top=20, kinds=kinds, target=target)
            results = _present(db, hits, user)
    except DomainError as exc:
        error = exc.message
    return render(
        request,
        "matchmaking/matches.html",
        orgs=orgs,
        current=current,
        q=q,
        kind=kind,
        target=target,
        results=results,
        error=error,
    )


@router.get("/organisations/{org_id}/similar", response_class=HTMLResponse)
def similar_partners(
    request: Request, org_id: int, db: DbSession, user: OptionalUser, target: str = ""
) -> HTMLResponse:
    """Similar partners of any profile in the directory: the other country's first (?target=any widens)."""
    org = directory_service.get(db, org_id)
    if target not in ("KR", "CN", "OTHER", "any"):
        target = matches.counterpart(org.country) or "any"
    hits = matches.for_organisation(db, org, top=20, target=target)
    return render(
        request, "matchmaking/similar.html", org=org, target=target, results=_present(db, hits, user)
    )


@router.get("/programmes/{prog_id}/fit", response_class=HTMLResponse)
def fit(request: Request, prog_id: int, db: DbSession, user: OptionalUser) -> HTMLResponse:
    """Loaded after the page (HTMX): organisations whose profiles fit the programme, eligible ones first."""
    p = programme_service.get(db, prog_id, user)
    hits = programme_fit.organisations_for(db, p, top=8)
    lang = get_lang()
    return render(
        request, "matchmaking/_matches.html", results=[matches.present(db, h, lang, user) for h in hits]
    )
