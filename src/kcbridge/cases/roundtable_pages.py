"""Round-table pages: an organiser records many firms' difficulties in one fast multi-row form."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.datastructures import FormData

from kcbridge.accounts.auth import CurrentUser
from kcbridge.accounts.models import User
from kcbridge.cases.roundtable import round_table_service
from kcbridge.cases.schemas import RoundTableRow
from kcbridge.events.models import Event
from kcbridge.kit.errors import DomainError
from kcbridge.kit.i18n import _, get_lang
from kcbridge.kit.web.deps import DbSession, Form
from kcbridge.kit.web.forms import field_errors
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False)
ROW_FIELDS = (
    "organisation_id",
    "category",
    "sector",
    "region",
    "lang",
    "subject",
    "description",
    "desired_outcome",
)
MAX_ROWS = 60


def rows_of(form: FormData) -> list[dict[str, str]]:
    """Every row of the form as typed (`field-N` names)."""
    n = min(int(str(form.get("rows") or "0")) if str(form.get("rows") or "").isdigit() else 0, MAX_ROWS)
    return [{f: str(form.get(f"{f}-{i}") or "").strip() for f in ROW_FIELDS} for i in range(n)]


def is_blank(row: dict[str, str]) -> bool:
    return not (row["subject"] or row["description"] or row["desired_outcome"])


def _page(
    request: Request,
    db: DbSession,
    user: User,
    event: Event,
    rows: list[dict[str, Any]],
    errors: dict,
    status: int = 200,
    recorded: int = 0,
) -> HTMLResponse:
    firms = round_table_service.firms(db, event)
    return render(
        request,
        "cases/round_table.html",
        status_code=status,
        event=event,
        firms=firms,
        rows=rows,
        errors=errors,
        row_errors=[
            {f: errors[f"{f}-{i}"] for f in ROW_FIELDS if f"{f}-{i}" in errors} for i in range(len(rows))
        ],
        total=round_table_service.recorded(db, event.id),
        just_recorded=recorded,
    )


@router.get("/cases/round-tables", response_class=HTMLResponse)
def round_tables(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    return render(request, "cases/round_tables.html", events=round_table_service.mine(db, user=user))


@router.get("/cases/round-tables/{event_id}", response_class=HTMLResponse)
def record_page(
    request: Request,
    event_id: int,
    db: DbSession,
    user: CurrentUser,
    rows: int = Query(8, ge=1, le=MAX_ROWS),
    recorded: int = Query(0, ge=0, le=10_000),
) -> HTMLResponse:
    event = round_table_service.event(db, user=user, event_id=event_id)
    blank = {f: "" for f in ROW_FIELDS} | {"lang": get_lang()}
    return _page(request, db, user, event, [dict(blank) for _i in range(rows)], {}, recorded=recorded)


@router.post("/cases/round-tables/{event_id}", response_class=HTMLResponse, response_model=None)
def record(request: Request, event_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    """Every filled row becomes a case for its firm, or none does (rows with errors are marked)."""
    event = round_table_service.event(db, user=user, event_id=event_id)
    rows = rows_of(form)
    if form.get("more"):  # more rows, keeping what was typed
        blank = {f: "" for f in ROW_FIELDS} | {"lang": get_lang()}
        rows += [dict(blank) for _i in range(min(8, MAX_ROWS - len(rows)))]
        return _page(request, db, user, event, rows, {})
    filled = [(i, r) for i, r in enumerate(rows) if not is_blank(r)]
    errors: dict[str, str] = {}
    checked = []
    for i, row in filled:
        try:
            checked.append(
                RoundTableRow.model_validate({**row, "organisation_id": row["organisation_id"] or None})
            )
        except ValidationError as exc:
            errors.update({f"{k}-{i}": v for k, v in field_errors(exc).items()})
    if not filled:
        errors["__all__"] = _("Fill in at least one row: a firm, a category, a subject and a description.")
    if not errors:
        try:
            cases = round_table_service.record(db, user=user, event_id=event.id, rows=checked)
        except DomainError as exc:
            if exc.status in (401, 403, 404):
                raise
            db.rollback()
            for loc, msg in exc.fields:
                errors[f"{loc[-1]}-{filled[int(loc[1])][0]}" if len(loc) == 3 else "__all__"] = msg
            errors.setdefault("__all__", exc.message)
        else:
            return RedirectResponse(f"/cases/round-tables/{event.id}?recorded={len(cases)}", status_code=303)
    errors.setdefault("__all__", _("Please correct the rows marked below: nothing was recorded yet."))
    return _page(request, db, user, event, rows, errors, status=422)
