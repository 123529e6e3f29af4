"""HTML pages of saved searches: the "Save this search" form of /matches and /organisations, and
/searches to run, rename, re-schedule or delete them. They call the same service as the API."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from kcbridge.accounts.auth import CurrentUser
from kcbridge.accounts.models import User
from kcbridge.alerts import results
from kcbridge.alerts.models import SavedSearch
from kcbridge.alerts.schemas import SavedSearchIn, SavedSearchPatch
from kcbridge.alerts.service import saved_search_service
from kcbridge.kit.errors import DomainError, NotFound
from kcbridge.kit.i18n import N_, _, get_lang
from kcbridge.kit.web.deps import DbSession, Form, csrf_protect
from kcbridge.kit.web.forms import field_errors
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
FREQUENCIES = {"daily": N_("Daily"), "weekly": N_("Weekly"), "never": N_("Never (no alerts)")}
KINDS = {"match": N_("Partner matching"), "directory": N_("Directory")}
SOURCES = {"/matches": "match", "/organisations": "directory"}


def _label(labels: dict[str, str], code: str) -> str:
    return _(labels[code]) if code in labels else code


TEMPLATE_GLOBALS: dict[str, Any] = dict(  # installed by the app
    alert_frequencies=lambda: [(code, _(label)) for code, label in FREQUENCIES.items()],
    alert_frequency=lambda code: _label(FREQUENCIES, code),
    alert_kind=lambda code: _label(KINDS, code),
)


def criteria_of(kind: str, params: str) -> dict[str, Any]:
    """The query string of /matches or /organisations → the criteria a saved search keeps."""
    qs = parse_qs(params, keep_blank_values=True)

    def one(key: str) -> str:
        return (qs.get(key) or [""])[0].strip()

    if kind == "match":
        org = one("org")
        return {
            "text": one("q"),
            "organisation_id": int(org) if org.isdigit() else None,
            "kinds": [one("kind")] if one("kind") else [],
            "target": one("target") or None,
        }
    return {
        "q": one("q"),
        "country": one("country") or None,
        "org_type": one("org_type") or None,
        "city": one("city"),
        "sectors": [s for s in qs.get("sector", []) if s],
    }


def _list(request: Request, db: DbSession, user: User, status_code: int = 200, **extra: Any) -> HTMLResponse:
    lang = get_lang()
    rows = [
        (s, results.summary(db, s.kind, s.criteria, lang)) for s in saved_search_service.mine(db, user=user)
    ]
    context: dict[str, Any] = {"rows": rows, "errors": {}, "error_id": None}
    context.update(extra)
    return render(request, "alerts/index.html", status_code=status_code, **context)


@router.get("/searches", response_class=HTMLResponse)
def index(request: Request, db: DbSession, user: CurrentUser, saved: int = 0) -> HTMLResponse:
    flash = _("The search was saved. You will be told of new results.") if saved else None
    return _list(request, db, user, flash=flash, flash_kind="ok")


@router.post("/searches", response_class=HTMLResponse, response_model=None)
def save(request: Request, db: DbSession, user: CurrentUser, form: Form) -> Response:
    """The "Save this search" form: the page it was on, its query string, a name and a frequency."""
    source = str(form.get("source") or "")
    kind = SOURCES.get(source)
    params = str(form.get("params") or "").lstrip("?")
    values = {"name": str(form.get("name") or ""), "frequency": str(form.get("frequency") or "daily")}
    back = f"{source}?{params}" if kind else "/searches"
    if kind is None:
        raise NotFound(_("This page does not exist."))
    try:
        data = SavedSearchIn.model_validate({**values, "kind": kind, "criteria": criteria_of(kind, params)})
        saved_search_service.create(db, user=user, data=data, lang=get_lang())
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and exc.status != 422:
            raise
        db.rollback()
        errors = {k.removeprefix("body."): v for k, v in field_errors(exc).items()}
        criteria_error = next((v for k, v in errors.items() if k.startswith("criteria")), None)
        return render(
            request,
            "alerts/save.html",
            status_code=422,
            values=values,
            errors=errors,
            criteria_error=criteria_error,
            source=source,
            params=params,
            back=back,
        )
    return RedirectResponse("/searches?saved=1", status_code=303)


def _own(db: DbSession, user: User, search_id: int) -> SavedSearch:
    return saved_search_service.get(db, user=user, search_id=search_id)


@router.post("/searches/{search_id}/edit", response_class=HTMLResponse, response_model=None)
def edit(request: Request, search_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    """Rename and change the alert frequency (one form per row)."""
    _own(db, user, search_id)
    try:
        data = SavedSearchPatch.model_validate(
            {"name": str(form.get("name") or ""), "frequency": str(form.get("frequency") or "")}
        )
        saved_search_service.update(db, user=user, search_id=search_id, data=data)
    except ValidationError as exc:
        db.rollback()
        return _list(request, db, user, status_code=422, errors=field_errors(exc), error_id=search_id)
    return RedirectResponse("/searches", status_code=303)


@router.post("/searches/{search_id}/delete", response_model=None)
def remove(search_id: int, db: DbSession, user: CurrentUser) -> Response:
    saved_search_service.delete(db, user=user, search_id=search_id)
    return RedirectResponse("/searches", status_code=303)


@router.post("/searches/{search_id}/run", response_model=None)
def run(search_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    """Marks the results as looked at (new ones stop counting) and opens the search's own page."""
    saved_search_service.look(db, user=user, search_id=search_id, lang=get_lang())
    search = _own(db, user, search_id)
    return RedirectResponse(results.page_url(search.kind, search.criteria), status_code=303)
