"""HTML pages of commitments: add and edit one, its page with milestones and progress notes, reporting."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from kcbridge.accounts.auth import CurrentUser, OptionalUser
from kcbridge.accounts.models import User
from kcbridge.agreements import forms, policy, vocab
from kcbridge.agreements import repository as repo
from kcbridge.agreements.commitments import commitment_service
from kcbridge.agreements.documents import MAX_BYTES
from kcbridge.agreements.models import Agreement, Commitment
from kcbridge.agreements.schemas import CommitmentIn, CommitmentPatch, ProgressIn
from kcbridge.agreements.service import agreement_service, today
from kcbridge.kit.errors import DomainError, Forbidden
from kcbridge.kit.i18n import _
from kcbridge.kit.web.deps import DbSession, Form, csrf_protect
from kcbridge.kit.web.forms import field_errors
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
BASE = "/agreements/{agreement_id}/commitments"


def _errors(exc: ValidationError | DomainError) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, msg in field_errors(exc).items():
        parts = key.split(".")
        if parts[0] == "milestones" and len(parts) > 1 and parts[1].isdigit():
            key = f"milestone_{parts[1]}"
        elif parts[0] == "supporter_ids":
            key = "supporters_other"
        out.setdefault(key, msg)
    return out


def _form(
    request: Request,
    db: DbSession,
    a: Agreement,
    c: Commitment | None,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
) -> HTMLResponse:
    milestones = list(values.get("milestones") or [])
    milestones += [{"title": "", "due_on": "", "done": False}] * max(
        1, forms.MILESTONE_ROWS - len(milestones)
    )
    return render(
        request,
        "agreements/commitment_form.html",
        status_code=status,
        a=a,
        c=c,
        values=values,
        errors=errors,
        milestones=milestones,
    )


def _must_edit(db: DbSession, user: User, a: Agreement) -> None:
    if not policy.can_edit(db, user, a):
        raise Forbidden(_("Only members of the parties can add commitments to this agreement."))


@router.get(BASE + "/new", response_class=HTMLResponse)
def new_page(request: Request, agreement_id: int, db: DbSession, user: CurrentUser) -> HTMLResponse:
    a = agreement_service.get(db, agreement_id, user)
    _must_edit(db, user, a)
    values = {
        "owner_org_id": a.party_ids[0],
        "status": "planned",
        "completion": "not_started",
        "supporter_ids": [],
    }
    return _form(request, db, a, None, values, {})


@router.post(BASE + "/new", response_class=HTMLResponse, response_model=None)
def create(request: Request, agreement_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    a = agreement_service.get(db, agreement_id, user)
    _must_edit(db, user, a)
    values = _submitted(form)
    try:
        data = CommitmentIn.model_validate(forms.commitment_dict(db, form))
        c = commitment_service.create(db, user=user, agreement_id=a.id, data=data)
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and not exc.fields:
            raise
        db.rollback()
        return _form(request, db, a, None, values, _errors(exc), status=422)
    return RedirectResponse(f"/agreements/{a.id}/commitments/{c.id}", status_code=303)


def _submitted(form: Any) -> dict[str, Any]:
    values: dict[str, Any] = {k: form.get(k) for k in form.keys()}
    owner = str(form.get("owner_org_id") or "")
    values["owner_org_id"] = int(owner) if owner.isdigit() else None
    values["supporter_ids"] = [int(str(v)) for v in form.getlist("supporter_ids") if str(v).isdigit()]
    values["milestones"] = [m for m in forms.submitted_milestones(form) if m["title"] or m["due_on"]]
    return values


def _page(
    request: Request,
    db: DbSession,
    user: User | None,
    a: Agreement,
    c: Commitment,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status: int = 200,
) -> HTMLResponse:
    notes = repo.progress(db, [c.id])[c.id]
    files = repo.file_meta(db, a.id, [n.evidence_file_id for n in notes if n.evidence_file_id])
    now = today()
    return render(
        request,
        "agreements/commitment.html",
        status_code=status,
        a=a,
        c=c,
        notes=notes,
        files=files,
        supporters=repo.organisations(db, c.supporter_ids),
        can_edit=policy.can_edit(db, user, a),
        can_report=policy.can_report(db, user, a, c),
        overdue=vocab.is_overdue(c.due_on, c.status, now),
        next_statuses=sorted(vocab.TRANSITIONS.get(c.status, frozenset())),
        errors=errors or {},
        values=values or {"noted_on": now.isoformat()},
        max_mb=MAX_BYTES // (1024 * 1024),
    )


@router.get(BASE + "/{commitment_id}", response_class=HTMLResponse)
def detail(
    request: Request, agreement_id: int, commitment_id: int, db: DbSession, user: OptionalUser
) -> HTMLResponse:
    a, c = commitment_service.get(db, user=user, agreement_id=agreement_id, commitment_id=commitment_id)
    return _page(request, db, user, a, c)


@router.get(BASE + "/{commitment_id}/edit", response_class=HTMLResponse)
def edit_page(
    request: Request, agreement_id: int, commitment_id: int, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    a, c = commitment_service.get(db, user=user, agreement_id=agreement_id, commitment_id=commitment_id)
    _must_change(db, user, a)
    return _form(request, db, a, c, forms.commitment_values(c), {})


def _must_change(db: DbSession, user: User, a: Agreement) -> None:
    if not policy.can_edit(db, user, a):
        raise Forbidden(_("Only members of the parties can change what was committed."))


@router.post(BASE + "/{commitment_id}/edit", response_class=HTMLResponse, response_model=None)
def update(
    request: Request, agreement_id: int, commitment_id: int, db: DbSession, user: CurrentUser, form: Form
) -> Response:
    a, c = commitment_service.get(db, user=user, agreement_id=agreement_id, commitment_id=commitment_id)
    _must_change(db, user, a)
    values = _submitted(form)
    try:
        data = forms.commitment_dict(db, form)
        CommitmentIn.model_validate(data)  # the whole form, so a cleared required field is an error
        commitment_service.update(
            db,
            user=user,
            agreement_id=a.id,
            commitment_id=c.id,
            data=CommitmentPatch.model_validate(data),
        )
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and not exc.fields:
            raise
        db.rollback()
        return _form(request, db, a, c, values, _errors(exc), status=422)
    return RedirectResponse(f"/agreements/{a.id}/commitments/{c.id}", status_code=303)


@router.post(BASE + "/{commitment_id}/progress", response_class=HTMLResponse, response_model=None)
def report(
    request: Request, agreement_id: int, commitment_id: int, db: DbSession, user: CurrentUser, form: Form
) -> Response:
    """A progress note with its evidence (a link or a document), and maybe a new status."""
    values = {
        k: form.get(k) for k in ("text", "noted_on", "evidence_url", "evidence_title", "status", "completion")
    }
    upload = form.get("evidence_file")
    data = upload.file.read(MAX_BYTES + 1) if isinstance(upload, UploadFile) else b""
    name = upload.filename if isinstance(upload, UploadFile) else None
    try:
        fields = {k: str(v or "").strip() for k, v in values.items()}
        note = ProgressIn.model_validate(
            {k: v or None for k, v in fields.items()}
            | {"text": fields["text"], "evidence_title": fields["evidence_title"]}
        )
        commitment_service.add_progress(
            db,
            user=user,
            agreement_id=agreement_id,
            commitment_id=commitment_id,
            data=note,
            file=(name, data) if data else None,
        )
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and not exc.fields:
            raise
        db.rollback()
        a, c = commitment_service.get(db, user=user, agreement_id=agreement_id, commitment_id=commitment_id)
        return _page(request, db, user, a, c, errors=_errors(exc), values=values, status=422)
    return RedirectResponse(
        f"/agreements/{agreement_id}/commitments/{commitment_id}#progress", status_code=303
    )


@router.post(
    BASE + "/{commitment_id}/milestones/{milestone_id}", response_class=HTMLResponse, response_model=None
)
def milestone(
    agreement_id: int, commitment_id: int, milestone_id: int, db: DbSession, user: CurrentUser, form: Form
) -> Response:
    """Marks a milestone done (done=1) or not done (done=0)."""
    commitment_service.set_milestone(
        db,
        user=user,
        agreement_id=agreement_id,
        commitment_id=commitment_id,
        milestone_id=milestone_id,
        done=str(form.get("done") or "") == "1",
    )
    return RedirectResponse(
        f"/agreements/{agreement_id}/commitments/{commitment_id}#milestones", status_code=303
    )
