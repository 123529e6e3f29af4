"""HTML pages of agreements: the list and timeline, an agreement (public and parties' view), its forms,
documents, a party's open commitments and an officer's portfolio. They call the same services as the API."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from kcbridge.accounts.auth import CurrentUser, OptionalUser
from kcbridge.accounts.models import User
from kcbridge.agreements import commitment_pages, forms, policy, vocab
from kcbridge.agreements import repository as repo
from kcbridge.agreements.commitments import commitment_service
from kcbridge.agreements.documents import MAX_BYTES
from kcbridge.agreements.portfolio import portfolio
from kcbridge.agreements.schemas import AgreementIn, AgreementPatch
from kcbridge.agreements.service import agreement_service, today
from kcbridge.directory import places
from kcbridge.directory import repository as directory_repo
from kcbridge.directory import taxonomy as tx
from kcbridge.events import repository as events_repo
from kcbridge.kit.errors import DomainError, Forbidden
from kcbridge.kit.i18n import _, get_lang
from kcbridge.kit.web.deps import DbSession, Form, csrf_protect
from kcbridge.kit.web.forms import field_errors
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
PER_PAGE = 20
TIMELINE_MAX = 300
TEMPLATE_GLOBALS: dict[str, Any] = dict(  # installed by the app
    agr_vocab=vocab,
    agr_label=lambda code: vocab.label(code, get_lang()),
    place=lambda value: places.name(value, get_lang()),  # the place of signing in the reader's language
)


def _one(value: str, allowed: frozenset[str]) -> str | None:
    """A filter value from the query string; an unknown code is ignored rather than an error page."""
    return value if value in allowed else None


def _name(row: Any, lang: str) -> str:
    """An organisation's name from a plain row, as Organisation.name picks it."""
    own = {"ko": row.name_ko, "zh": row.name_zh, "en": row.name_en}.get(lang)
    return str(own or row.name_ko or row.name_zh or row.name_en or "")


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 10 else None


@router.get("/agreements", response_class=HTMLResponse)
def list_page(
    request: Request,
    db: DbSession,
    user: OptionalUser,
    q: Annotated[str, Query(max_length=200)] = "",
    party: str = "",
    country: str = "",
    kind: str = "",
    field: str = "",
    status: str = "",
    year: str = "",
    light: str = "",
    view: str = "list",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """Agreements the visitor may read, filtered; as a paged list or a timeline by year."""
    f = repo.Filters(
        party=_int(party),
        country=_one(country, tx.COUNTRY_CODES),
        kind=_one(kind, vocab.KIND_CODES),
        field=_one(field, vocab.FIELD_CODES),
        status=_one(status, vocab.STATUS_CODES),
        year=_int(year),
        light=_one(light, vocab.LIGHT_CODES),
        q=q,
    )
    now = today()
    context: dict[str, Any] = dict(
        filters={
            "q": q,
            "party": party,
            "country": country,
            "kind": kind,
            "field": field,
            "status": status,
            "year": year,
            "light": light,
            "view": view,
        },
        parties=[(r.id, _name(r, get_lang())) for r in repo.party_choices(db, user)],
        years=repo.years(db, user),
        view="timeline" if view == "timeline" else "list",
        can_record=user is not None and (user.is_admin or bool(repo.member_org_ids(db, user.id))),
    )
    if context["view"] == "timeline":
        rows = repo.timeline(db, user, f, now, limit=TIMELINE_MAX)
        by_year: dict[int, list[Any]] = {}
        for r in rows:
            by_year.setdefault(r.signed_on.year, []).append(r)
        context.update(timeline=sorted(by_year.items(), reverse=True), shown=len(rows), limit=TIMELINE_MAX)
    else:
        ids, total = repo.page(db, user, f, now, offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
        items = repo.get_many(db, ids, cards=True)
        counts = repo.commitment_counts(db, ids, now)
        context.update(
            items=items,
            counts=counts,
            lights={
                a.id: vocab.light(
                    a.last_progress_on, a.signed_on, now, open_commitments=counts[a.id].open > 0
                )
                for a in items
            },
            total=total,
            page=page,
            pages=max(1, -(-total // PER_PAGE)),
        )
    return render(request, "agreements/list.html", **context)


# Portfolio and a party's commitments ---------------------------------------------------------


def _my_orgs(db: DbSession, user: User) -> list[Any]:
    return [o for o, _r in directory_repo.of_user(db, user.id)]


def _chosen(db: DbSession, user: User, org: int | None) -> tuple[list[Any], list[Any]]:
    """The user's organisations and those the page is about: all of them, or the one chosen (an
    administrator may choose any organisation)."""
    orgs = _my_orgs(db, user)
    if org is None:
        return orgs, orgs
    picked = [o for o in orgs if o.id == org]
    if not picked and user.is_admin:
        other = directory_repo.get(db, org)
        picked = [other] if other else []
    if not picked:
        raise Forbidden(_("You can only see the agreements of organisations you belong to."))
    return orgs, picked


@router.get("/agreements/portfolio", response_class=HTMLResponse)
def portfolio_page(
    request: Request, db: DbSession, user: CurrentUser, org: int | None = None
) -> HTMLResponse:
    """All agreements of the officer's organisations with counts by field, status and light as charts."""
    orgs, chosen = _chosen(db, user, org)
    p = portfolio(db, user=user, organisations=chosen)
    lang = get_lang()
    charts = {
        "field": p.chart("field", vocab.FIELDS, lang),
        "status": p.chart("status", vocab.STATUSES, lang),
        "light": p.chart("light", vocab.LIGHTS, lang),
        "completion": p.chart("completion", vocab.COMPLETIONS, lang),
        "kind": p.chart("kind", vocab.KINDS, lang),
    }
    counted = {int(y): n for y, n in p.counts.get("year", {}).items()}
    years = [(str(y), counted.get(y, 0)) for y in range(min(counted), max(counted) + 1)] if counted else []
    charts["year"] = {
        "codes": [y for y, _n in years],
        "labels": [y for y, _n in years],
        "values": [n for _y, n in years],
    }
    return render(
        request,
        "agreements/portfolio.html",
        orgs=orgs,
        chosen=chosen,
        chosen_names=", ".join(o.name(lang) for o in chosen),
        org=org,
        p=p,
        charts=charts,
    )


@router.get("/my/commitments", response_class=HTMLResponse)
def my_commitments(
    request: Request, db: DbSession, user: CurrentUser, org: int | None = None
) -> HTMLResponse:
    """A party's dashboard: open commitments its organisations own or that fall under their agreements."""
    orgs, chosen = _chosen(db, user, org)
    rows = commitment_service.open_of(db, user=user, org_ids=[o.id for o in chosen])
    now = today()
    return render(
        request,
        "agreements/mine.html",
        orgs=orgs,
        org=org,
        rows=rows,
        today=now,
        overdue=sum(vocab.is_overdue(c.due_on, c.status, now) for c, _a in rows),
        at_risk=sum(c.status == "at_risk" for c, _a in rows),
    )


# Create and edit -----------------------------------------------------------------------------


def _form(
    request: Request,
    db: DbSession,
    user: User,
    values: dict[str, Any],
    errors: dict[str, str],
    agreement: Any,
    rows: list[dict[str, str]],
    status: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "agreements/form.html",
        status_code=status,
        values=values,
        errors=errors,
        agreement=agreement,
        party_rows=rows,
        my_orgs=_my_orgs(db, user),
        events=events_repo.events(db, limit=100),
    )


def _errors(exc: ValidationError | DomainError) -> dict[str, str]:
    """Errors keyed by form field: parties.1.organisation_id → party_1."""
    out: dict[str, str] = {}
    for key, msg in field_errors(exc).items():
        parts = key.split(".")
        if parts[0] == "parties" and len(parts) > 1 and parts[1].isdigit():
            key = f"party_{parts[1]}"
        elif parts[0] in ("event_ids", "news", "fields"):
            key = parts[0]
        out.setdefault(key, msg)
    return out


@router.get("/agreements/new", response_class=HTMLResponse)
def new_page(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    orgs = _my_orgs(db, user)
    if not orgs and not user.is_admin:
        raise Forbidden(
            _("Agreements are recorded by their parties: add your organisation to the directory first.")
        )
    rows = forms.party_rows(None, get_lang())
    if orgs:
        rows[0]["name"] = orgs[0].name(get_lang())
    values = {"kind": "mou", "visibility": "public", "fields": [], "event_ids": []}
    return _form(request, db, user, values, {}, None, rows)


@router.post("/agreements/new", response_class=HTMLResponse, response_model=None)
def create(request: Request, db: DbSession, user: CurrentUser, form: Form) -> Response:
    values: dict[str, Any] = {k: form.get(k) for k in form.keys()}
    values["fields"] = form.getlist("fields")
    values["event_ids"] = [int(str(v)) for v in form.getlist("event_ids") if str(v).isdigit()]
    rows = forms.submitted_party_rows(form)
    try:
        a = agreement_service.create(
            db, user=user, data=AgreementIn.model_validate(forms.agreement_dict(db, form))
        )
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and not exc.fields:
            raise
        db.rollback()
        return _form(request, db, user, values, _errors(exc), None, rows, status=422)
    return RedirectResponse(f"/agreements/{a.id}", status_code=303)


@router.get("/agreements/{agreement_id}", response_class=HTMLResponse)
def detail(request: Request, agreement_id: int, db: DbSession, user: OptionalUser) -> HTMLResponse:
    """The agreement; its parties' members see forms to add commitments, report and attach the text."""
    return _detail(request, db, user, agreement_service.get(db, agreement_id, user))


def _detail(request: Request, db: DbSession, user: User | None, a: Any, **extra: Any) -> HTMLResponse:
    items = repo.commitments(db, a.id)
    now = today()
    counts = repo.commitment_counts(db, [a.id], now)[a.id]
    return render(
        request,
        "agreements/detail.html",
        a=a,
        commitments=items,
        notes=repo.progress(db, [c.id for c in items], limit=3),
        supporters=repo.organisations(db, [o for c in items for o in c.supporter_ids]),
        events=[e for e in (events_repo.event(db, i) for i in a.event_ids) if e is not None],
        text_file=repo.text_files_meta(db, [a.id]).get(a.id),
        can_edit=policy.can_edit(db, user, a),
        reportable=policy.reportable(db, user, a, items),
        counts=counts,
        light=vocab.light(a.last_progress_on, a.signed_on, now, open_commitments=counts.open > 0),
        today=now,
        max_mb=MAX_BYTES // (1024 * 1024),
        **extra,
    )


@router.get("/agreements/{agreement_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, agreement_id: int, db: DbSession, user: CurrentUser) -> HTMLResponse:
    a = agreement_service.get(db, agreement_id, user)
    if not policy.can_edit(db, user, a):
        raise Forbidden(_("Only members of the parties can change this agreement."))
    return _form(request, db, user, forms.agreement_values(a), {}, a, forms.party_rows(a, get_lang()))


@router.post("/agreements/{agreement_id}/edit", response_class=HTMLResponse, response_model=None)
def update(request: Request, agreement_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    a = agreement_service.get(db, agreement_id, user)
    if not policy.can_edit(db, user, a):
        raise Forbidden(_("Only members of the parties can change this agreement."))
    values: dict[str, Any] = {k: form.get(k) for k in form.keys()}
    values["fields"] = form.getlist("fields")
    values["event_ids"] = [int(str(v)) for v in form.getlist("event_ids") if str(v).isdigit()]
    rows = forms.submitted_party_rows(form)
    try:
        data = forms.agreement_dict(db, form)
        AgreementIn.model_validate(data)  # the whole form, so a cleared required field is an error
        agreement_service.update(
            db, user=user, agreement_id=agreement_id, data=AgreementPatch.model_validate(data)
        )
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and not exc.fields:
            raise
        db.rollback()
        return _form(request, db, user, values, _errors(exc), a, rows, status=422)
    return RedirectResponse(f"/agreements/{agreement_id}", status_code=303)


# Documents -----------------------------------------------------------------------------------


@router.post("/agreements/{agreement_id}/attachment", response_class=HTMLResponse, response_model=None)
def upload(request: Request, agreement_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    """The agreement's text as a PDF, DOCX or TXT document; a refusal re-renders the page with why."""
    upload = form.get("file")
    data = upload.file.read(MAX_BYTES + 1) if isinstance(upload, UploadFile) else b""
    name = upload.filename if isinstance(upload, UploadFile) else None
    try:
        agreement_service.set_text_file(db, user=user, agreement_id=agreement_id, filename=name, data=data)
    except DomainError as exc:
        if not exc.fields:
            raise
        db.rollback()
        a = agreement_service.get(db, agreement_id, user)
        return _detail(request, db, user, a, status_code=422, flash=exc.message, flash_kind="error")
    return RedirectResponse(f"/agreements/{agreement_id}#text", status_code=303)


@router.get("/agreements/{agreement_id}/files/{file_id}")
def download(agreement_id: int, file_id: int, db: DbSession, user: OptionalUser) -> Response:
    """A document of an agreement the visitor may read, offered as a download (never run by the browser)."""
    row = agreement_service.file(db, user=user, agreement_id=agreement_id, file_id=file_id)
    return Response(
        row.data,
        media_type=row.content_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(row.filename)}",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, max-age=60",
        },
    )


router.include_router(commitment_pages.router)
