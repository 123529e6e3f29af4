"""The administrators' page of routing rules: which institution takes which cases."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from kcbridge.accounts.auth import AdminUser
from kcbridge.accounts.models import User
from kcbridge.cases import repository as repo
from kcbridge.cases import vocab
from kcbridge.cases.rules import route_service
from kcbridge.cases.schemas import RouteIn
from kcbridge.kit.errors import DomainError
from kcbridge.kit.web.deps import DbSession, Form
from kcbridge.kit.web.forms import field_errors
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False)
RULE_FIELDS = ("category", "country", "region", "sector", "institution_id")


def _page(
    request: Request, db: DbSession, user: User, values: dict, errors: dict, status: int = 200
) -> HTMLResponse:
    return render(
        request,
        "cases/routes.html",
        status_code=status,
        rules=repo.rules(db),
        institutions=repo.institutions(db, vocab.INSTITUTION_TYPES),
        values=values,
        errors=errors,
    )


@router.get("/cases/routes", response_class=HTMLResponse)
def routes_page(request: Request, db: DbSession, user: AdminUser) -> HTMLResponse:
    return _page(request, db, user, {}, {})


@router.post("/cases/routes", response_class=HTMLResponse, response_model=None)
def add_route(request: Request, db: DbSession, user: AdminUser, form: Form) -> Response:
    values = {k: str(form.get(k) or "").strip() or None for k in RULE_FIELDS}
    try:
        route_service.create(db, user=user, data=RouteIn.model_validate(values))
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and exc.status in (401, 403, 404):
            raise
        db.rollback()
        errors = field_errors(exc)
        return _page(
            request, db, user, values, errors, status=exc.status if isinstance(exc, DomainError) else 422
        )
    return RedirectResponse("/cases/routes", status_code=303)


@router.post("/cases/routes/{rule_id}/delete", response_class=HTMLResponse, response_model=None)
def delete_route(rule_id: int, db: DbSession, user: AdminUser) -> Response:
    route_service.delete(db, user=user, rule_id=rule_id)
    return RedirectResponse("/cases/routes", status_code=303)
