"""Request bodies are refused before they are read when they are too large or when nobody signed in sends
more than a form's worth (a plain ASGI middleware, placed inside the locale middleware).

- A declared Content-Length over `max_body_bytes` is answered 413 at once; a streamed body is counted
  and stopped as soon as it passes the limit.
- Past `anonymous_body_bytes` (logins, registrations and other forms are far smaller) the sender's
  credentials are checked (`signed_in`, wired by the app) before another byte is read: 401 without them.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kcbridge.kit.config import get_settings
from kcbridge.kit.i18n import _

SignedIn = Callable[[Scope], Awaitable[bool]]


class BodyRefused(HTTPException):
    """Raised while the application reads a body it must not read further (web/errors.py renders it)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(status, message)
        self.code = code
        self.message = message


def too_large() -> BodyRefused:
    mb = get_settings().max_body_bytes / (1024 * 1024)
    return BodyRefused(413, "too_large", _("The request is too large (at most {mb:g} MB).").format(mb=mb))


def not_signed_in() -> BodyRefused:
    return BodyRefused(401, "unauthorized", _("Log in to continue."))


class BodyLimit:
    def __init__(self, app: ASGIApp, *, signed_in: SignedIn) -> None:
        self.app = app
        self.signed_in = signed_in

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        settings = get_settings()
        limit, anonymous = settings.max_body_bytes, settings.anonymous_body_bytes
        declared = _content_length(scope)
        checked = False
        if declared is not None and declared > limit:
            await _answer(scope, send, too_large())
            return
        if declared is not None and declared > anonymous:
            if not await self.signed_in(scope):
                await _answer(scope, send, not_signed_in())
                return
            checked = True
        received = 0

        async def limited() -> Message:
            nonlocal received, checked
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise too_large()
                if received > anonymous and not checked:
                    if not await self.signed_in(scope):
                        raise not_signed_in()
                    checked = True
            return message

        await self.app(scope, limited, send)


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _answer(scope: Scope, send: Send, exc: BodyRefused) -> None:
    """The refusal, sent before the body is read (JSON for the API, a short page for people)."""
    if str(scope.get("path", "")).startswith("/api/"):
        body = json.dumps({"detail": [{"loc": [], "msg": exc.message, "type": exc.code}]}).encode()
        kind = b"application/json"
    else:
        body = f"<!doctype html><title>{exc.status_code}</title><p>{exc.message}</p>".encode()
        kind = b"text/html; charset=utf-8"
    headers = [
        (b"content-type", kind),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    if exc.status_code == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": exc.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": body})
