"""HTML pages of the board, expressions of interest and matches; they call the same services as the API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.datastructures import FormData

from kcbridge.accounts.auth import CurrentUser, OptionalUser
from kcbridge.accounts.models import User
from kcbridge.directory import repository as directory_repo
from kcbridge.directory.service import directory_service
from kcbridge.kit.errors import DomainError, Forbidden, Invalid, NotFound
from kcbridge.kit.i18n import _, get_lang
from kcbridge.kit.web.deps import DbSession, Form, csrf_protect
from kcbridge.kit.web.forms import field_errors
from kcbridge.kit.web.templating import render
from kcbridge.opportunities import repository as repo
from kcbridge.opportunities import vocab
from kcbridge.opportunities.auth import OpportunityManager, Reviewer
from kcbridge.opportunities.models import Opportunity
from kcbridge.opportunities.schemas import OpportunityIn, OpportunityPatch, ReviewIn
from kcbridge.opportunities.service import opportunity_service

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
PER_PAGE = 20
LANGS = ("ko", "zh", "en")
TEMPLATE_GLOBALS: dict[str, Any] = dict(  # installed by the app
    opp_vocab=vocab,
    opp_label=lambda code: vocab.label(code, get_lang()),
    opp_status=lambda code: vocab.status_label(code, get_lang()),
    eoi_status=lambda code: vocab.eoi_status_label(code, get_lang()),
)


def _str(form: FormData, key: str) -> str | None:
    value = str(form.get(key) or "").strip()
    return value or None


def form_dict(form: FormData) -> dict[str, Any]:
    """Form fields → the shape OpportunityIn validates."""
    data: dict[str, Any] = {
        k: _str(form, k)
        for k in ("organisation_id", "opp_type", "stage", "target_country", "partner_type", "deadline")
    }
    data["sectors"] = [str(s) for s in form.getlist("sectors")]
    data["coop_types"] = [str(s) for s in form.getlist("coop_types")]
    data["anonymous"] = bool(form.get("anonymous"))
    data["texts"] = {
        lang: {
            "title": str(form.get(f"title_{lang}") or ""),
            "description": str(form.get(f"description_{lang}") or ""),
        }
        for lang in LANGS
    }
    return data


def values_of(opp: Opportunity) -> dict[str, Any]:
    return {
        "organisation_id": opp.organisation_id,
        "opp_type": opp.opp_type,
        "stage": opp.stage,
        "target_country": opp.target_country,
        "partner_type": opp.partner_type,
        "deadline": opp.deadline.isoformat() if opp.deadline else "",
        "sectors": opp.sectors,
        "coop_types": list(opp.coop_types or []),
        "anonymous": opp.anonymous,
        "texts": {t.lang: {"title": t.title, "description": t.description} for t in opp.texts},
    }


def _my_orgs(db: DbSession, user: User | None) -> list[Any]:
    return [o for o, _r in directory_repo.of_user(db, user.id)] if user else []


# Board ------------------------------------------------------------------------------------------


@router.get("/opportunities", response_class=HTMLResponse)
def board(
    request: Request,
    db: DbSession,
    user: OptionalUser,
    opp_type: str = "",
    sector: str = "",
    coop_type: str = "",
    country: str = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    items, total = opportunity_service.board(
        db,
        opp_types=[opp_type] if opp_type else (),
        sectors=[sector] if sector else (),
        coop_types=[coop_type] if coop_type else (),
        country=country or None,
        offset=(page - 1) * PER_PAGE,
        limit=PER_PAGE,
    )
    shown = repo.owners_shown(db, user, items)
    context: dict[str, Any] = dict(
        items=items,
        shown={o.id: o.id in shown for o in items},
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        opp_type=opp_type,
        sector=sector,
        coop_type=coop_type,
        country=country,
        has_org=user is not None and bool(directory_repo.of_user(db, user.id)),  # who may publish
    )
    if request.headers.get("hx-request") and request.headers.get("hx-target") == "results":
        return render(request, "opportunities/_board_results.html", **context)
    return render(request, "opportunities/board.html", **context)


def _form(
    request: Request, db: DbSession, user: User, values: dict, errors: dict, opp: Any, status: int = 200
):  # noqa: ANN202
    return render(
        request,
        "opportunities/form.html",
        status_code=status,
        values=values,
        errors=errors,
        opp=opp,
        orgs=_my_orgs(db, user),
    )


@router.get("/opportunities/new", response_class=HTMLResponse)
def new_page(request: Request, db: DbSession, user: CurrentUser, org: int | None = None) -> HTMLResponse:
    orgs = _my_orgs(db, user)
    if not orgs:
        raise Forbidden(
            _("Add your organisation to the directory first: opportunities are published by organisations.")
        )
    values = {"organisation_id": org or orgs[0].id, "texts": {}, "sectors": orgs[0].sectors, "coop_types": []}
    return _form(request, db, user, values, {}, None)


@router.post("/opportunities/new", response_class=HTMLResponse, response_model=None)
def create(request: Request, db: DbSession, user: CurrentUser, form: Form) -> Response:
    values = form_dict(form)
    try:
        opp = opportunity_service.create(db, user=user, data=OpportunityIn.model_validate(values))
        if form.get("submit"):
            opportunity_service.submit(db, user=user, opp_id=opp.id)
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and not exc.fields:
            raise
        db.rollback()
        return _form(request, db, user, values, field_errors(exc), None, status=422)
    return RedirectResponse(f"/opportunities/{opp.id}", status_code=303)


@router.get("/opportunities/review", response_class=HTMLResponse)
def review_queue(request: Request, db: DbSession, user: Reviewer) -> HTMLResponse:
    return render(request, "opportunities/review.html", items=repo.review_queue(db))


@router.get("/opportunities/{opp_id}", response_class=HTMLResponse)
def detail(request: Request, opp_id: int, db: DbSession, user: OptionalUser) -> HTMLResponse:
    view = opportunity_service.view(db, opp_id, user)
    mine = [o for o in _my_orgs(db, user) if o.id != view.opp.organisation_id]
    return render(
        request,
        "opportunities/detail.html",
        opp=view.opp,
        shows_owner=view.shows_owner,
        can_manage=view.can_manage,
        can_review=view.can_review,
        interest_orgs=mine,
        interests=view.interests,
        flash=request.query_params.get("flash") and _("Your expression of interest was sent."),
        flash_kind="ok",
    )


@router.get("/opportunities/{opp_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, opp_id: int, db: DbSession, user: OpportunityManager) -> HTMLResponse:
    opp = opportunity_service.get(db, opp_id, user)
    return _form(request, db, user, values_of(opp), {}, opp)


@router.post("/opportunities/{opp_id}/edit", response_class=HTMLResponse, response_model=None)
def update(request: Request, opp_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    opp = opportunity_service.get(db, opp_id, user)
    values = form_dict(form)
    values["organisation_id"] = opp.organisation_id
    try:
        OpportunityIn.model_validate(values)
        data = OpportunityPatch.model_validate({k: v for k, v in values.items() if k != "organisation_id"})
        opportunity_service.update(db, user=user, opp_id=opp_id, data=data)
        if form.get("submit"):
            opportunity_service.submit(db, user=user, opp_id=opp_id)
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and not exc.fields:
            raise
        db.rollback()
        return _form(request, db, user, values, field_errors(exc), opp, status=422)
    return RedirectResponse(f"/opportunities/{opp_id}", status_code=303)


@router.post("/opportunities/{opp_id}/{action}", response_model=None)
def act(opp_id: int, action: str, db: DbSession, user: CurrentUser, form: Form) -> Response:
    """submit, close, renew, review and interest: one form button each."""
    if action == "submit":
        opportunity_service.submit(db, user=user, opp_id=opp_id)
    elif action == "close":
        opportunity_service.close(db, user=user, opp_id=opp_id)
    elif action == "renew":
        raw = _str(form, "deadline")
        try:
            deadline = date.fromisoformat(raw) if raw else None
        except ValueError:
            deadline = date.min
        opportunity_service.renew(db, user=user, opp_id=opp_id, deadline=deadline)
    elif action == "review":
        try:
            data = ReviewIn(decision=str(form.get("decision") or ""), comment=str(form.get("comment") or ""))  # type: ignore[arg-type]
        except ValidationError as exc:
            raise Invalid(next(iter(field_errors(exc).values()))) from None
        opportunity_service.review(db, user=user, opp_id=opp_id, data=data)
        return RedirectResponse("/opportunities/review", status_code=303)
    elif action == "interest":
        raw_org = _str(form, "from_organisation_id")
        opportunity_service.send_interest(
            db,
            user=user,
            opp_id=opp_id,
            from_org_id=int(raw_org) if raw_org and raw_org.isdigit() else None,
            message=str(form.get("message") or "")[:4000],
        )
        return RedirectResponse(f"/opportunities/{opp_id}?flash=sent", status_code=303)
    else:
        raise NotFound(_("This page does not exist."))
    return RedirectResponse(f"/opportunities/{opp_id}", status_code=303)


# Expressions of interest, notifications -----------------------------------------------------------


@router.get("/organisations/{org_id}/interest", response_class=HTMLResponse)
def organisation_interest(
    request: Request, org_id: int, db: DbSession, user: OptionalUser, sent: str = ""
) -> HTMLResponse:
    """The "Express interest" box of a profile (loaded by HTMX): a form, or what was already sent."""
    org = directory_service.get(db, org_id)
    mine = _my_orgs(db, user)
    if any(o.id == org.id for o in mine):
        return HTMLResponse("")  # one's own profile
    pending = [e for o in mine if (e := repo.open_eoi(db, o.id, to_org=org.id)) is not None]
    return render(
        request,
        "opportunities/_interest_org.html",
        org=org,
        interest_orgs=mine,
        pending=pending,
        reachable=bool(repo.member_user_ids(db, org.id)),
        flash=_("Your expression of interest was sent.") if sent else None,
    )


@router.post("/organisations/{org_id}/interest", response_model=None)
def contact_organisation(org_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    raw_org = _str(form, "from_organisation_id")
    opportunity_service.contact_organisation(
        db,
        user=user,
        to_org_id=org_id,
        from_org_id=int(raw_org) if raw_org and raw_org.isdigit() else None,
        message=str(form.get("message") or "")[:4000],
    )
    return RedirectResponse(f"/organisations/{org_id}?interest=sent#interest", status_code=303)


@router.get("/interests", response_class=HTMLResponse)
def interests(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    received, sent = opportunity_service.interests(db, user=user)
    return render(request, "opportunities/interests.html", received=received, sent=sent)


@router.post("/interests/{eoi_id}/{answer}", response_model=None)
def answer(eoi_id: int, answer: str, db: DbSession, user: CurrentUser) -> Response:
    if answer not in ("accept", "decline"):
        raise NotFound(_("This page does not exist."))
    opportunity_service.answer(db, user=user, eoi_id=eoi_id, accept=answer == "accept")
    return RedirectResponse("/interests", status_code=303)


# Matches ------------------------------------------------------------------------------------------
