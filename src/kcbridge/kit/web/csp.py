"""Content-Security-Policy: pages run only the site's own scripts and styles.

Every response gets a fresh nonce. Script and style elements written in a template's source carry it
(NonceScripts adds it when the template is compiled), so a template may keep a small inline chart script;
markup that reaches a page through data is escaped and could never carry the nonce. Inline event
handlers (`onclick=`) and `javascript:` links never run: behaviour lives in /static/app.js.
Style attributes stay allowed (`style-src-attr`): they cannot run code, and templates use them for layout.
"""

from __future__ import annotations

import re
import secrets
from contextvars import ContextVar

from jinja2.ext import Extension

_nonce: ContextVar[str] = ContextVar("kcbridge_csp_nonce", default="")
# Swagger UI (/api/docs) loads its viewer from this CDN and starts it with an inline script.
DOCS_CDN = "https://cdn.jsdelivr.net"
DOCS_PATHS = ("/api/docs", "/api/docs/oauth2-redirect")


def new_nonce() -> str:
    """A fresh nonce for the response being made (set by the app's middleware)."""
    value = secrets.token_urlsafe(16)
    _nonce.set(value)
    return value


def nonce() -> str:
    """The current response's nonce (template global `csp_nonce()`)."""
    return _nonce.get()


def policy(path: str, value: str) -> str:
    if path in DOCS_PATHS:  # a fixed page of the framework, with no user data in it
        return (
            f"default-src 'self'; script-src 'self' {DOCS_CDN} 'unsafe-inline'; style-src 'self' {DOCS_CDN}; "
            "img-src 'self' data: https://fastapi.tiangolo.com; connect-src 'self'; object-src 'none'; "
            "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
        )
    return (
        f"default-src 'self'; script-src 'self' 'nonce-{value}'; style-src 'self' 'nonce-{value}'; "
        "style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )


_TAG = re.compile(r"<(script|style)\b(?![^>]*\b(?:nonce|src)=)", re.IGNORECASE)


class NonceScripts(Extension):
    """Adds `nonce="{{ csp_nonce() }}"` to each inline <script> and <style> tag of a template's own source
    (scripts with a src come from 'self' and need none)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _TAG.sub(lambda m: f'<{m.group(1)} nonce="{{{{ csp_nonce() }}}}"', source)
