"""One place that turns errors into JSON for the API and into translated pages for people."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import DataError, DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from kcbridge.kit.db import is_transient
from kcbridge.kit.errors import DomainError, Invalid, NotFound, Unauthorized
from kcbridge.kit.i18n import _
from kcbridge.kit.web.limits import BodyRefused
from kcbridge.kit.web.templating import render

log = logging.getLogger("kcbridge.web")
INT64_MAX = 2**63 - 1
RETRY_AFTER_SECONDS = 2


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def allowed_methods(request: Request) -> str:
    """Every method some route answers at this path (a 405 names them in Allow)."""
    routes = request.app.router.routes
    allowed = [
        m for m in METHODS if any(r.matches({**request.scope, "method": m})[0] is Match.FULL for r in routes)
    ]
    return ", ".join(allowed)


def install(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> Response:
        if is_api(request):
            headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
            return JSONResponse({"detail": exc.as_detail()}, status_code=exc.status, headers=headers)
        if isinstance(exc, Unauthorized) and request.method == "GET":
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        return render(request, "error.html", status_code=exc.status, message=exc.message, status=exc.status)

    @app.exception_handler(BodyRefused)
    async def body_refused(request: Request, exc: BodyRefused) -> Response:
        """A body too large, or too large for someone not signed in (web/limits.py), stopped mid-read."""
        if is_api(request):
            headers = (
                {"WWW-Authenticate": "Bearer", "Connection": "close"} if exc.status_code == 401 else None
            )
            detail = [{"loc": [], "msg": exc.message, "type": exc.code}]
            return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=headers)
        return render(
            request, "error.html", status_code=exc.status_code, message=exc.message, status=exc.status_code
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        if is_api(request):
            return JSONResponse(
                {"detail": [{"loc": [], "msg": str(exc.detail), "type": "http"}]},
                status_code=exc.status_code,
                headers=headers or None,
            )
        message = _("This page does not exist.") if exc.status_code == 404 else str(exc.detail)
        page = render(
            request, "error.html", status_code=exc.status_code, message=message, status=exc.status_code
        )
        page.headers.update(headers)
        return page

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        if is_api(request):
            return JSONResponse({"detail": errors}, status_code=422)
        first = ", ".join(
            ".".join(map(str, e["loc"][1:])) for e in errors[:3]
        )  # field names; pydantic's text is English
        return render(
            request,
            "error.html",
            status_code=422,
            message=_("Some values are not valid.") + " " + first,
            status=422,
        )

    async def out_of_range(request: Request, exc: Exception) -> Response:
        """A number too large for the database: an id in the address names nothing (404); elsewhere
        the value is refused (422). SQLite raises OverflowError, PostgreSQL a DataError."""
        if isinstance(exc, DataError) and getattr(exc.orig, "sqlstate", None) != "22003":
            log.exception("data error on %s %s", request.method, request.url.path)
        if any(str(v).isdigit() and int(str(v)) > INT64_MAX for v in request.path_params.values()):
            return await domain_error(request, NotFound(_("This page does not exist.")))
        return await domain_error(request, Invalid(_("A value is too large.")))

    app.add_exception_handler(OverflowError, out_of_range)
    app.add_exception_handler(DataError, out_of_range)

    async def unavailable(request: Request, exc: Exception) -> Response:
        """A busy (SQLite locked, or no free connection in the pool) or restarting (PostgreSQL) database:
        503, try again shortly.
        Any other database error goes on to the 500 handler."""
        if not is_transient(exc):
            raise exc
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
        message = _("The platform is busy or restarting. Please try again in a moment.")
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        if is_api(request):
            detail = [{"loc": [], "msg": message, "type": "unavailable"}]
            return JSONResponse({"detail": detail}, status_code=503, headers=headers)
        page = render(request, "error.html", status_code=503, message=message, status=503)
        page.headers.update(headers)
        return page

    app.add_exception_handler(DBAPIError, unavailable)
    app.add_exception_handler(PoolTimeout, unavailable)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        if is_api(request):
            return JSONResponse(
                {"detail": [{"loc": [], "msg": "internal error", "type": "internal"}]}, status_code=500
            )
        return render(
            request, "error.html", status_code=500, message=_("Something went wrong on our side."), status=500
        )
