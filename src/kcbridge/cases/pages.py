"""HTML pages of cases: the list (a firm's cases, an institution's queue), filing, a case with its thread
and actions, corrections. They call the same services as the API; a refused action re-renders the page
with the message and what was typed. Round tables, statistics and routing rules: the modules included."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile

from kcbridge.accounts.auth import CurrentUser
from kcbridge.accounts.models import User
from kcbridge.cases import admin_pages, export, policy, roundtable_pages, stats_pages, vocab
from kcbridge.cases import repository as repo
from kcbridge.cases.auth import CaseUser
from kcbridge.cases.files import MAX_BYTES, attachment_service
from kcbridge.cases.models import Case
from kcbridge.cases.roundtable import round_table_service
from kcbridge.cases.schemas import CaseIn, CasePatch, MessageIn, RatingIn, ReassignIn, StatusIn
from kcbridge.cases.service import case_service
from kcbridge.cases.sharing import share_service
from kcbridge.directory import taxonomy as tx
from kcbridge.kit.errors import DomainError, Invalid
from kcbridge.kit.i18n import _, get_lang
from kcbridge.kit.web.deps import DbSession, Form, csrf_protect
from kcbridge.kit.web.forms import field_errors
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
for _module in (stats_pages, roundtable_pages, admin_pages):  # static paths before /cases/{case_id}
    router.include_router(_module.router)
PER_PAGE = 20
FIELDS = ("category", "sector", "region", "lang", "subject", "description", "desired_outcome")
TEMPLATE_GLOBALS: dict[str, Any] = dict(  # installed by the app
    case_vocab=vocab,
    case_label=lambda code: vocab.label(code, get_lang()),
    sector_terms=tx.SECTORS,
    file_limit_mb=MAX_BYTES // (1024 * 1024),
)


def _one(value: str, allowed: frozenset[str]) -> str | None:
    return value if value in allowed else None


def case_values(form: FormData) -> dict[str, Any]:
    values: dict[str, Any] = {k: str(form.get(k) or "").strip() for k in ("organisation_id", *FIELDS)}
    values["organisation_id"] = values["organisation_id"] or None
    return values


def _upload(form: FormData) -> UploadFile | None:
    upload = form.get("file")
    return upload if isinstance(upload, UploadFile) and upload.filename else None


def _attach(db: DbSession, user: User, case_id: int, upload: UploadFile) -> None:
    data = upload.file.read(MAX_BYTES + 1)
    attachment_service.add(db, user=user, case_id=case_id, filename=upload.filename or "", data=data)


def _errors(exc: ValidationError | DomainError) -> dict[str, str]:
    return field_errors(exc)


# List and filing --------------------------------------------------------------------------------


@router.get("/cases", response_class=HTMLResponse)
def list_page(
    request: Request,
    db: DbSession,
    user: CurrentUser,
    q: str = Query("", max_length=200),
    status: str = "",
    category: str = "",
    breached: str = "",
    page: int = Query(1, ge=1, le=100_000),
) -> HTMLResponse:
    """A firm's cases, an institution's queue, or everything (administrators). Officers and analysts get
    their own page: statistics, round tables and the cases shared with them."""
    if policy.reads_statistics_only(user):
        shared, total = case_service.shared(db, user=user, limit=50)
        return render(
            request,
            "cases/officer.html",
            shared=shared,
            shared_total=total,
            round_tables=round_table_service.mine(db, user=user),
        )
    items, total = case_service.listing(
        db,
        user=user,
        q=q,
        status=_one(status, vocab.STATUS_CODES),
        category=_one(category, vocab.CATEGORY_CODES),
        breached=bool(breached),
        offset=(page - 1) * PER_PAGE,
        limit=PER_PAGE,
    )
    return render(
        request,
        "cases/list.html",
        items=items,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        filters={"q": q, "status": status, "category": category, "breached": breached},
        firms=repo.firms_of(db, user.id, vocab.FIRM_TYPES),
        round_tables=round_table_service.mine(db, user=user),
    )


def _new_form(
    request: Request, db: DbSession, user: User, values: dict, errors: dict, status: int = 200
) -> HTMLResponse:
    return render(
        request,
        "cases/form.html",
        status_code=status,
        values=values,
        errors=errors,
        case=None,
        firms=repo.firms_of(db, user.id, vocab.FIRM_TYPES),
    )


@router.get("/cases/new", response_class=HTMLResponse)
def new_page(request: Request, db: DbSession, user: CaseUser) -> HTMLResponse:
    firms = repo.firms_of(db, user.id, vocab.FIRM_TYPES)
    first = firms[0] if firms else None
    values = {
        "organisation_id": first.id if first else None,
        "sector": first.sectors[0] if first and first.sectors else "",
        "lang": get_lang(),
    }
    return _new_form(request, db, user, values, {})


@router.post("/cases/new", response_class=HTMLResponse, response_model=None)
def create(request: Request, db: DbSession, user: CaseUser, form: Form) -> Response:
    """Files the case and its document, or neither (the form comes back with the messages)."""
    values = case_values(form)
    upload = _upload(form)
    try:
        case = case_service.create(db, user=user, data=CaseIn.model_validate(values))
        if upload is not None:
            _attach(db, user, case.id, upload)
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and not exc.fields and exc.status != 422:
            raise
        db.rollback()
        return _new_form(request, db, user, values, _errors(exc), status=422)
    return RedirectResponse(f"/cases/{case.id}?filed=1", status_code=303)


@router.get("/cases/export")
def export_page(
    db: DbSession, user: CaseUser, format: str = Query("csv", pattern="^(csv|json)$")
) -> Response:
    """The list as a file: the same cases the user may read, no others."""
    body, media = export.export(db, user=user, fmt=format, lang=get_lang())
    headers = {"Content-Disposition": f'attachment; filename="kcbridge-cases.{format}"'}
    return Response(body, media_type=media, headers=headers)


@router.get("/cases/shared", response_class=HTMLResponse)
def shared_page(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    items, total = case_service.shared(db, user=user, limit=100)
    return render(request, "cases/shared.html", items=items, total=total)


# One case ---------------------------------------------------------------------------------------


def show(
    request: Request,
    db: DbSession,
    user: User,
    case: Case,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status: int = 200,
    flash: str | None = None,
) -> HTMLResponse:
    side = policy.side_of(db, user, case)
    thread = repo.messages(db, case.id)
    people = repo.users(db, [m.author_id for m in thread if m.author_id])
    history = repo.assignments(db, case.id)
    orgs = repo.organisations(db, [a.institution_id for a in history])
    passed = {a.institution_id for a in history if a.passed_on}
    targets = [
        o
        for o in repo.institutions(db, vocab.INSTITUTION_TYPES)
        if o.id != case.institution_id and (side == policy.ADMIN or o.id not in passed)
    ]
    return render(
        request,
        "cases/detail.html",
        status_code=status,
        case=case,
        side=side,
        thread=thread,
        people=people,
        history=history,
        history_orgs=orgs,
        files=repo.attachments(db, case.id),
        shares=repo.shares(db, case.id),
        owner=policy.is_firm_owner(db, user, case),
        targets=targets,
        transitions=vocab.TRANSITIONS[case.status],
        errors=errors or {},
        values=values or {},
        flash=flash,
        flash_kind="error" if errors else "ok",
    )


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def detail(request: Request, case_id: int, db: DbSession, user: CurrentUser, filed: str = "") -> HTMLResponse:
    case = case_service.get(db, case_id, user)
    return show(request, db, user, case, flash=_("Your case was filed and routed.") if filed else None)


def _act(
    request: Request, db: DbSession, user: User, case_id: int, form: FormData, action: Any, then: str = ""
) -> Response:
    """Runs `action`; a refusal re-renders the case with the message next to the form that failed."""
    values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    try:
        action()
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and exc.status in (401, 403, 404):
            raise
        db.rollback()
        case = case_service.get(db, case_id, user)
        errors = _errors(exc)
        errors.setdefault("__all__", next(iter(errors.values())))
        return show(
            request,
            db,
            user,
            case,
            errors=errors,
            values=values,
            status=exc.status if isinstance(exc, DomainError) else 422,
        )
    return RedirectResponse(then or f"/cases/{case_id}#thread", status_code=303)


@router.post("/cases/{case_id}/messages", response_class=HTMLResponse, response_model=None)
def post_message(request: Request, case_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    data = {"body": str(form.get("body") or ""), "question": bool(form.get("question"))}
    return _act(
        request,
        db,
        user,
        case_id,
        form,
        lambda: case_service.post_message(
            db, user=user, case_id=case_id, data=MessageIn.model_validate(data)
        ),
    )


@router.post("/cases/{case_id}/status", response_class=HTMLResponse, response_model=None)
def change_status(request: Request, case_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    data = {"status": str(form.get("status") or ""), "reason": str(form.get("reason") or "")}
    return _act(
        request,
        db,
        user,
        case_id,
        form,
        lambda: case_service.change_status(
            db, user=user, case_id=case_id, data=StatusIn.model_validate(data)
        ),
    )


@router.post("/cases/{case_id}/reassign", response_class=HTMLResponse, response_model=None)
def reassign(request: Request, case_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    data = {
        "institution_id": str(form.get("institution_id") or "") or None,
        "reason": str(form.get("reason") or ""),
    }
    return _act(
        request,
        db,
        user,
        case_id,
        form,
        lambda: case_service.reassign(db, user=user, case_id=case_id, data=ReassignIn.model_validate(data)),
        then="" if user.is_admin else "/cases?passed_on=1",  # the sender's agents no longer read it
    )


@router.post("/cases/{case_id}/rating", response_class=HTMLResponse, response_model=None)
def rate(request: Request, case_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    data = {"score": str(form.get("score") or "") or None, "comment": str(form.get("comment") or "")}
    return _act(
        request,
        db,
        user,
        case_id,
        form,
        lambda: case_service.rate(db, user=user, case_id=case_id, data=RatingIn.model_validate(data)),
    )


@router.post("/cases/{case_id}/shares", response_class=HTMLResponse, response_model=None)
def share(request: Request, case_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    email = str(form.get("email") or "").strip()
    return _act(
        request,
        db,
        user,
        case_id,
        form,
        lambda: share_service.share(db, user=user, case_id=case_id, email=email),
    )


@router.post("/cases/{case_id}/shares/{user_id}/delete", response_class=HTMLResponse, response_model=None)
def unshare(
    request: Request, case_id: int, user_id: int, db: DbSession, user: CurrentUser, form: Form
) -> Response:
    return _act(
        request,
        db,
        user,
        case_id,
        form,
        lambda: share_service.unshare(db, user=user, case_id=case_id, user_id=user_id),
    )


@router.post("/cases/{case_id}/attachments", response_class=HTMLResponse, response_model=None)
def attach(request: Request, case_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    upload = _upload(form)

    def run() -> None:
        if upload is None:
            msg = _("Choose a file to attach.")
            raise Invalid(msg, fields=[(("file",), msg)])
        _attach(db, user, case_id, upload)

    return _act(request, db, user, case_id, form, run)


@router.get("/cases/{case_id}/attachments/{attachment_id}")
def download(case_id: int, attachment_id: int, db: DbSession, user: CurrentUser) -> Response:
    return export.file_response(
        attachment_service.get(db, user=user, case_id=case_id, attachment_id=attachment_id)
    )


# Corrections by the firm ------------------------------------------------------------------------


def _edit_form(request: Request, case: Case, values: dict, errors: dict, status: int = 200) -> HTMLResponse:
    return render(
        request, "cases/form.html", status_code=status, values=values, errors=errors, case=case, firms=[]
    )


@router.get("/cases/{case_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, case_id: int, db: DbSession, user: CurrentUser) -> HTMLResponse:
    case, _side = case_service.get_acting(db, case_id, user, policy.FIRM)
    return _edit_form(request, case, {k: getattr(case, k) for k in FIELDS}, {})


@router.post("/cases/{case_id}/edit", response_class=HTMLResponse, response_model=None)
def update(request: Request, case_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    case, _side = case_service.get_acting(db, case_id, user, policy.FIRM)
    values = case_values(form)
    try:
        fields = {k: values[k] for k in FIELDS}  # a cleared text is an error, not "unchanged"
        data = CasePatch.model_validate({**fields, "confirm": bool(form.get("confirm"))})
        case_service.update(db, user=user, case_id=case_id, data=data)
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and exc.status in (401, 403, 404):
            raise
        db.rollback()
        case = case_service.get(db, case_id, user)
        return _edit_form(request, case, values, _errors(exc), status=422)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)
