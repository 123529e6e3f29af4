"""HTML pages of the programme finder; they call the same services as the API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.datastructures import FormData

from kcbridge.accounts.auth import CurrentUser, OptionalUser
from kcbridge.accounts.models import User
from kcbridge.directory import places
from kcbridge.directory import repository as directory_repo
from kcbridge.directory import taxonomy as tx
from kcbridge.kit.errors import DomainError, Forbidden
from kcbridge.kit.i18n import _, get_lang
from kcbridge.kit.web.deps import DbSession, Form, csrf_protect
from kcbridge.kit.web.forms import field_errors
from kcbridge.kit.web.templating import render
from kcbridge.programmes import finder, vocab
from kcbridge.programmes import repository as prog_repo
from kcbridge.programmes.auth import ProgrammeManager
from kcbridge.programmes.models import Programme
from kcbridge.programmes.schemas import ProgrammeIn, ProgrammePatch
from kcbridge.programmes.service import TEXT_FIELDS, programme_service

MAX_SHOWN = 200  # programmes per list on the eligibility page
router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
PER_PAGE = 20
LANGS = ("ko", "zh", "en")
LISTS = ("sectors", "stages", "nationalities", "org_types")
TEMPLATE_GLOBALS: dict[str, Any] = dict(  # installed by the app
    place=lambda value: places.name(value, get_lang()),  # a stored city in the reader's language
    prog_vocab=vocab,
    prog_label=lambda code: vocab.label(code, get_lang()),
    prog_status=lambda code: vocab.status_label(code, get_lang()),
    criterion_label=finder.criterion_label,
    criterion_reason=lambda check: finder.reason(check, get_lang()),
)


def _one(value: str, allowed: frozenset[str]) -> str | None:
    """A filter value from the query string; an unknown code is ignored rather than an error page."""
    return value if value in allowed else None


def form_dict(form: FormData) -> dict[str, Any]:
    """Form fields → the shape ProgrammeIn validates."""
    data: dict[str, Any] = {
        k: str(form.get(k) or "").strip() or None
        for k in (
            "organisation_id",
            "prog_type",
            "status",
            "country",
            "format",
            "opens_on",
            "deadline",
            "starts_on",
            "capacity",
            "link_url",
        )
    }
    data["city"] = str(form.get("city") or "").strip()
    for key in LISTS:
        data[key] = [str(s) for s in form.getlist(key)]
    data["texts"] = {lang: {f: str(form.get(f"{f}_{lang}") or "") for f in TEXT_FIELDS} for lang in LANGS}
    return data


def values_of(p: Programme) -> dict[str, Any]:
    values: dict[str, Any] = {
        k: getattr(p, k)
        for k in (
            "organisation_id",
            "prog_type",
            "status",
            "country",
            "city",
            "format",
            "capacity",
            "link_url",
        )
    }
    for k in ("opens_on", "deadline", "starts_on"):
        values[k] = getattr(p, k).isoformat() if getattr(p, k) else ""
    values["sectors"] = p.sectors
    for k in ("stages", "nationalities", "org_types"):
        values[k] = list(getattr(p, k) or [])
    values["texts"] = {t.lang: {f: getattr(t, f) for f in TEXT_FIELDS} for t in p.texts}
    return values


def _my_orgs(db: DbSession, user: User | None) -> list[Any]:
    return [o for o, _r in directory_repo.of_user(db, user.id)] if user else []


# Finder -----------------------------------------------------------------------------------------


@router.get("/programmes", response_class=HTMLResponse)
def list_page(
    request: Request,
    db: DbSession,
    user: OptionalUser,
    q: Annotated[str, Query(max_length=200)] = "",
    prog_type: str = "",
    sector: str = "",
    stage: str = "",
    nationality: str = "",
    country: str = "",
    city: Annotated[str, Query(max_length=100)] = "",
    open: str = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """Every published programme, filtered live (HTMX swaps the results only)."""
    t, s = _one(prog_type, vocab.PROGRAMME_TYPE_CODES), _one(sector, tx.SECTOR_CODES)
    items, total = finder.browse(
        db,
        prog_types=[t] if t else (),
        sectors=[s] if s else (),
        stage=_one(stage, tx.STAGE_CODES),
        nationality=_one(nationality, tx.COUNTRY_CODES),
        country=_one(country, tx.COUNTRY_CODES),
        city=city.strip() or None,
        q=q,
        open_now=bool(open),
        offset=(page - 1) * PER_PAGE,
        limit=PER_PAGE,
    )
    context: dict[str, Any] = dict(
        items=items,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        filters={
            "q": q,
            "prog_type": prog_type,
            "sector": sector,
            "stage": stage,
            "nationality": nationality,
            "country": country,
            "city": city,
            "open": open,
        },
        has_org=user is not None and bool(directory_repo.of_user(db, user.id)),  # who may publish
    )
    if request.headers.get("hx-request") and request.headers.get("hx-target") == "results":
        return render(request, "programmes/_results.html", **context)
    return render(request, "programmes/list.html", **context)


@router.get("/programmes/eligible", response_class=HTMLResponse)
def eligible_page(
    request: Request,
    db: DbSession,
    user: OptionalUser,
    org: int | None = None,
    sector: str = "",
    stage: str = "",
    nationality: str = "",
    org_type: str = "",
    country: str = "",
    city: Annotated[str, Query(max_length=100)] = "",
    prog_type: str = "",
    show: Annotated[int, Query(ge=1, le=MAX_SHOWN)] = 20,
) -> HTMLResponse:
    """The eligibility finder: programmes one of your organisations may apply to, and near misses."""
    orgs = _my_orgs(db, user)
    if org is None and orgs:
        org = orgs[0].id
    s, t = _one(sector, tx.SECTOR_CODES), _one(prog_type, vocab.PROGRAMME_TYPE_CODES)
    found = finder.eligible(  # checks that the user may speak for `org` (member or staff)
        db,
        user=user,
        organisation_id=org,
        sectors=[s] if s else None,
        stage=_one(stage, tx.STAGE_CODES),
        nationality=_one(nationality, tx.COUNTRY_CODES),
        org_type=_one(org_type, tx.ORG_TYPE_CODES),
        country=_one(country, tx.COUNTRY_CODES),
        city=city,
        prog_types=[t] if t else (),
        limit=show,
    )
    more = min(show + 40, MAX_SHOWN)
    return render(
        request,
        "programmes/eligible.html",
        more_url=str(request.url.include_query_params(show=more)) if more > show else None,
        orgs=orgs
        if found.organisation is None or found.organisation in orgs
        else [*orgs, found.organisation],
        current=found.organisation,
        found=found,
        filters={
            "sector": sector,
            "stage": stage,
            "nationality": nationality,
            "org_type": org_type,
            "country": country,
            "city": city,
            "prog_type": prog_type,
        },
    )


@router.get("/my/programmes", response_class=HTMLResponse)
def mine(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    """Programmes of the user's organisations, drafts included."""
    return render(
        request,
        "programmes/mine.html",
        items=programme_service.of_user(db, user=user),
        orgs=_my_orgs(db, user),
    )


# Create and edit --------------------------------------------------------------------------------


def _form(
    request: Request, db: DbSession, user: User, values: dict, errors: dict, prog: Any, status: int = 200
) -> HTMLResponse:
    return render(
        request,
        "programmes/form.html",
        status_code=status,
        values=values,
        errors=errors,
        prog=prog,
        orgs=_my_orgs(db, user),
    )


@router.get("/programmes/new", response_class=HTMLResponse)
def new_page(request: Request, db: DbSession, user: CurrentUser, org: int | None = None) -> HTMLResponse:
    orgs = _my_orgs(db, user)
    if not orgs:
        raise Forbidden(
            _("Add your organisation to the directory first: programmes are run by organisations.")
        )
    chosen = next((o for o in orgs if o.id == org), orgs[0])
    values = {
        "organisation_id": chosen.id,
        "country": chosen.country,
        "city": chosen.city,
        "format": "on_site",
        "status": "draft",
        "texts": {},
        "sectors": chosen.sectors,
    }
    return _form(request, db, user, values, {}, None)


@router.post("/programmes/new", response_class=HTMLResponse, response_model=None)
def create(request: Request, db: DbSession, user: CurrentUser, form: Form) -> Response:
    values = form_dict(form)
    try:
        p = programme_service.create(db, user=user, data=ProgrammeIn.model_validate(values))
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and not exc.fields:
            raise
        db.rollback()
        return _form(request, db, user, values, field_errors(exc), None, status=422)
    return RedirectResponse(f"/programmes/{p.id}", status_code=303)


@router.get("/programmes/{prog_id}", response_class=HTMLResponse)
def detail(request: Request, prog_id: int, db: DbSession, user: OptionalUser) -> HTMLResponse:
    p = programme_service.get(db, prog_id, user)
    return render(request, "programmes/detail.html", prog=p, can_manage=prog_repo.may_manage(db, user, p))


@router.get("/programmes/{prog_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, prog_id: int, db: DbSession, user: ProgrammeManager) -> HTMLResponse:
    p = programme_service.get(db, prog_id, user)
    return _form(request, db, user, values_of(p), {}, p)


@router.post("/programmes/{prog_id}/edit", response_class=HTMLResponse, response_model=None)
def update(request: Request, prog_id: int, db: DbSession, user: ProgrammeManager, form: Form) -> Response:
    p = programme_service.get(db, prog_id, user)
    values = form_dict(form)
    values["organisation_id"] = p.organisation_id
    try:
        ProgrammeIn.model_validate(values)  # the whole form, so a cleared required field is an error
        data = ProgrammePatch.model_validate({k: v for k, v in values.items() if k != "organisation_id"})
        programme_service.update(db, user=user, prog_id=prog_id, data=data)
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and not exc.fields:
            raise
        db.rollback()
        return _form(request, db, user, values, field_errors(exc), p, status=422)
    return RedirectResponse(f"/programmes/{prog_id}", status_code=303)
