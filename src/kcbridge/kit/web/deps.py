"""Dependencies shared by every router: the unit of work (read-only for GET), CSRF, the submitted form
(the user is accounts/auth.py)."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator, Iterator
from contextlib import suppress
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from starlette.datastructures import FormData

from kcbridge.kit.config import get_settings
from kcbridge.kit.db import get_sessionmaker, open_unit
from kcbridge.kit.errors import Forbidden
from kcbridge.kit.i18n import _
from kcbridge.kit.signing import same, sign

SESSION_COOKIE = "kcb_session"
ANON_COOKIE = "kcb_anon"
LANG_COOKIE = "kcb_lang"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
READ_ONLY = "kcbridge_read_only"  # session.info key: why this session must not write


class WriteInRead(RuntimeError):
    """A read (a GET request) tried to change the database: a bug, since a GET never writes."""


def refuse_writes(db: Session, reason: str) -> Session:
    """Makes `db` raise WriteInRead on any flush of changes or INSERT / UPDATE / DELETE it executes.
    Work that must follow a read (expiry, usage stamps) belongs in a job or a periodic job."""
    db.info[READ_ONLY] = reason
    return db


@event.listens_for(Session, "before_flush")
def _no_flush_in_read(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    reason = session.info.get(READ_ONLY)
    if reason is None:
        return
    changed = [*session.new, *session.deleted, *(o for o in session.dirty if session.is_modified(o))]
    if changed:
        names = sorted({type(o).__name__ for o in changed})
        raise WriteInRead(f"{reason} tried to write {', '.join(names)}")


@event.listens_for(Session, "do_orm_execute")
def _no_dml_in_read(state: ORMExecuteState) -> None:
    reason = state.session.info.get(READ_ONLY)
    if reason is not None and (state.is_insert or state.is_update or state.is_delete):
        raise WriteInRead(f"{reason} tried to execute {str(state.statement).split()[0]}")


# One writing request at a time per process on SQLite, queued in the event loop (one lock per loop).
_write_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()


def _write_gate() -> asyncio.Lock:
    loop = asyncio.get_running_loop()
    gate = _write_gates.get(loop)
    if gate is None:
        gate = _write_gates[loop] = asyncio.Lock()
    return gate


async def sqlite_write_gate(request: Request) -> AsyncIterator[None]:
    """On SQLite, a process's writing requests take the database one at a time, queued here in the event
    loop. SQLite has one writer at a time: a request that took the write lock in one worker thread and
    then waited for another thread to run its endpoint could wait behind dozens of threads blocked on
    that same lock (50 writers at once: tens of seconds, then 503s). Queued here, a waiting request holds
    no thread. Other processes' writers still meet at SQLite's own lock (one thread each)."""
    if request.method not in UNSAFE or not get_settings().is_sqlite:
        yield
        return
    gate = _write_gate()
    await gate.acquire()
    try:
        yield
    finally:
        gate.release()


def get_db(request: Request, _gate: Annotated[None, Depends(sqlite_write_gate)]) -> Iterator[Session]:
    """One unit of work per request, committed before the response leaves (or rolled back). A GET gets
    a session that refuses to write (WriteInRead): reads never write, whatever they call."""
    write = request.method in UNSAFE
    db = get_sessionmaker(write=write)()
    if not write:
        refuse_writes(db, f"{request.method} {request.url.path}")
    try:
        open_unit(db)  # a busy or restarting database: retried briefly, then a 503 (web/errors.py)
        yield db
        db.commit()
    except BaseException:
        db.rollback()
        _reload_user(request, db)
        raise
    finally:
        db.close()


def _reload_user(request: Request, db: Session) -> None:
    """The rollback expired the logged-in user; the error page still shows who it is, so load it again
    (else rendering it after the session closes fails and a 403 or 404 page becomes a 500)."""
    user = request.state._state.get("user")
    if user is not None and user in db:
        with suppress(SQLAlchemyError):
            db.refresh(user)


DbSession = Annotated[Session, Depends(get_db, scope="function")]


def secure_cookies(request: Request) -> bool:
    """Cookies are Secure when configured so or when the visitor came over HTTPS: directly, or through a
    proxy that says so and that uvicorn trusts (`kcbridge serve --forwarded-allow-ips`)."""
    return get_settings().cookie_secure or request.url.scheme == "https"


def bearer_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _sp, value = auth.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def csrf_key(request: Request) -> str:
    """What a CSRF token is bound to: the login session, else the anonymous visitor cookie."""
    return request.cookies.get(SESSION_COOKIE) or request.state.anon_id


def csrf_token(request: Request) -> str:
    return sign(get_settings().resolved_secret_key(), "csrf:" + csrf_key(request))


async def csrf_protect(request: Request) -> None:
    """Refuses unsafe requests made with cookies unless they carry this visitor's CSRF token."""
    if request.method not in UNSAFE or bearer_token(request):
        return
    if request.url.path.startswith("/api/") and SESSION_COOKIE not in request.cookies:
        return  # no cookie, no ambient authority to abuse: the API answers 401 itself
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    if not sent or not same(sent, csrf_token(request)):
        raise Forbidden(
            _("The form has expired or was sent from another site. Reload the page and try again.")
        )


async def form_data(request: Request) -> FormData:
    """The submitted form, read once (sync page handlers receive it ready)."""
    return await request.form()


Form = Annotated[FormData, Depends(form_data)]
