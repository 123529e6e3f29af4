"""The audit log, for platform administrators."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from kcbridge.accounts.auth import AdminUser
from kcbridge.kit.audit import audit_service
from kcbridge.kit.web.deps import DbSession
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False)
PER_PAGE = 50


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_log(
    request: Request,
    db: DbSession,
    user: AdminUser,
    entity_type: str = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    rows, total = audit_service.list(
        db, entity_type=entity_type or None, offset=(page - 1) * PER_PAGE, limit=PER_PAGE
    )
    return render(
        request,
        "audit/log.html",
        rows=rows,
        total=total,
        page=page,
        entity_type=entity_type,
        pages=max(1, -(-total // PER_PAGE)),
    )
