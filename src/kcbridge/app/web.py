"""Assembles the application: middleware, static files, error handlers and every domain's routers."""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kcbridge import __version__
from kcbridge.accounts import api as accounts_api
from kcbridge.accounts import pages as accounts_pages
from kcbridge.accounts import repository as account_repo
from kcbridge.accounts.security import token_hash
from kcbridge.accounts.service import account_service
from kcbridge.agreements import api as agreements_api
from kcbridge.agreements import pages as agreements_pages
from kcbridge.alerts import api as alerts_api
from kcbridge.alerts import pages as alerts_pages
from kcbridge.app import dashboard, pages
from kcbridge.app import models as _models  # noqa: F401  (every table, and matchmaking's hooks)
from kcbridge.app import tasks as _tasks  # noqa: F401  (every job this process may defer or tick)
from kcbridge.audit import pages as audit_pages
from kcbridge.cases import api as cases_api
from kcbridge.cases import pages as cases_pages
from kcbridge.directory import api as directory_api
from kcbridge.directory import pages as directory_pages
from kcbridge.directory import repository as directory_repo
from kcbridge.directory.search import directory_search
from kcbridge.events import api as events_api
from kcbridge.events import attendee_pages as events_attendee_pages
from kcbridge.events import console_pages as events_console_pages
from kcbridge.events import pages as events_pages
from kcbridge.events import pitch_api as events_pitch_api
from kcbridge.events import pitch_pages as events_pitch_pages
from kcbridge.kit import i18n, jobs, periodic
from kcbridge.kit.config import get_settings
from kcbridge.kit.db import unit_of_work
from kcbridge.kit.web import csp, errors, openapi, templating
from kcbridge.kit.web.deps import ANON_COOKIE, LANG_COOKIE, SESSION_COOKIE, bearer_token, secure_cookies
from kcbridge.kit.web.limits import BodyLimit
from kcbridge.matchmaking import api as matchmaking_api
from kcbridge.matchmaking import fit as programme_fit
from kcbridge.matchmaking import pages as matchmaking_pages
from kcbridge.matchmaking.match_index import match_service
from kcbridge.news import api as news_api
from kcbridge.news import pages as news_pages
from kcbridge.notifications import api as notifications_api
from kcbridge.notifications import pages as notifications_pages
from kcbridge.opportunities import api as opportunities_api
from kcbridge.opportunities import pages as opportunities_pages
from kcbridge.opportunities import repository as opportunities_repo
from kcbridge.programmes import api as programmes_api
from kcbridge.programmes import finder as programme_finder
from kcbridge.programmes import pages as programmes_pages

STATIC = Path(__file__).resolve().parent.parent / "static"
YEAR = 365 * 24 * 3600


class LocaleMiddleware:
    """Picks the language (?lang=, then the cookie, then Accept-Language) and a visitor id for CSRF.

    A plain ASGI middleware: Starlette's BaseHTTPMiddleware costs milliseconds on every request.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        asked = i18n.normalize_locale(request.query_params.get("lang"))
        locale = (
            asked
            or i18n.normalize_locale(request.cookies.get(LANG_COOKIE))
            or i18n.negotiate(request.headers.get("accept-language"))
        )
        i18n.set_locale(locale)
        request.state.locale = locale
        anon = request.cookies.get(ANON_COOKIE)
        new_anon = anon is None or len(anon) < 20
        request.state.anon_id = secrets.token_urlsafe(24) if new_anon else anon
        cookies = Response()
        secure = secure_cookies(request)
        if asked:
            cookies.set_cookie(LANG_COOKIE, asked, max_age=YEAR, samesite="lax", httponly=True, secure=secure)
        if new_anon:
            cookies.set_cookie(
                ANON_COOKIE, request.state.anon_id, max_age=YEAR, samesite="lax", httponly=True, secure=secure
            )
        extra = [(k, v) for k, v in cookies.raw_headers if k == b"set-cookie"]
        content_policy = csp.policy(scope["path"], csp.new_nonce())

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in extra:
                    headers.append(key.decode(), value.decode("latin-1"))
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "same-origin")
                headers.setdefault("Content-Security-Policy", content_policy)
                headers.setdefault("Content-Language", i18n.HTML_LANG[locale])
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def signed_in(scope: Scope) -> bool:
    """Whether the request carries a valid session cookie or API token (asked only before a large body)."""
    request = Request(scope)
    token, cookie = bearer_token(request), request.cookies.get(SESSION_COOKIE)
    if not token and not cookie:
        return False

    def check() -> bool:
        with unit_of_work(write=False) as db:
            if token:
                return account_repo.token_by_hash(db, token_hash(token)) is not None
            return account_service.user_for_session(db, str(cookie)) is not None

    return await run_in_threadpool(check)


def _warm_indexes() -> None:
    """Builds this process's search index, then its match index and embedding model, in the background
    (from their snapshots when the data folder has them), so no visitor's request pays for them. The
    directory first: it is what most requests need, and the two would only share one interpreter lock."""
    steps: tuple[tuple[str, Callable[[Session], object]], ...] = (
        ("search", directory_search.refresh),
        ("match", match_service.refresh),
        ("embedding model", lambda _db: match_service.warm_encoder()),
    )
    for name, step in steps:
        try:
            with unit_of_work(write=False) as db:
                step(db)
        except Exception:  # a cold index is built on the first search instead
            logging.getLogger("kcbridge.web").exception("warming the %s failed", name)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    if get_settings().warm_indexes:
        threading.Thread(target=_warm_indexes, name="kcbridge-warm", daemon=True).start()
    # On SQLite web processes tick the periodic jobs; on PostgreSQL `kcbridge worker` does.
    ticker = None if jobs.uses_queue() else periodic.start_ticker()
    yield
    if ticker is not None:
        ticker.stop()


API_ROUTERS = (
    accounts_api,
    directory_api,
    opportunities_api,
    matchmaking_api,
    notifications_api,
    events_api,
    events_pitch_api,
    programmes_api,
    alerts_api,
    agreements_api,
    cases_api,
    news_api,
)
PAGE_ROUTERS = (
    pages,
    dashboard,
    accounts_pages,
    directory_pages,
    audit_pages,
    opportunities_pages,
    matchmaking_pages,
    notifications_pages,
    events_pages,
    events_console_pages,
    events_attendee_pages,
    events_pitch_pages,
    programmes_pages,
    alerts_pages,
    agreements_pages,
    cases_pages,
    news_pages,
)
PACKAGE = Path(__file__).resolve().parent.parent


def install_templates() -> None:
    """Each domain's template folder and template globals, and the app's own pages."""
    templating.install(Path(__file__).resolve().parent / "templates")
    for module in PAGE_ROUTERS:
        domain = module.__name__.split(".")[1]
        templating.install(PACKAGE / domain / "templates", getattr(module, "TEMPLATE_GLOBALS", None))


def assemble() -> None:
    """Wires what domains offer each other without importing upwards (idempotent)."""
    install_templates()
    programme_finder.use_fit(programme_fit.programme_scores)
    directory_repo.grant_contacts("accepted_interest", opportunities_repo.accepted_partner_org_ids)


def create_app() -> FastAPI:
    assemble()
    get_settings().resolved_secret_key()
    app = FastAPI(
        title="kcbridge API",
        version=__version__,
        docs_url="/api/docs",
        openapi_url="/api/v1/openapi.json",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(BodyLimit, signed_in=signed_in)  # inside the locale middleware: translated refusals
    app.add_middleware(LocaleMiddleware)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    errors.install(app)
    for module in API_ROUTERS:
        app.include_router(module.router, prefix="/api/v1", responses=openapi.ERROR_RESPONSES)
    openapi.install(app)
    for module in PAGE_ROUTERS:
        app.include_router(module.router)
    return app
