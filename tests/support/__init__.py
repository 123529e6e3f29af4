"""Helpers shared by the tests: the test users' password, logging in through the login form, CSRF tokens.

Import them as `from tests.support import login` (tests/ is a package; nothing is put on sys.path).
Factories that need the database are fixtures of tests/conftest.py (make_user, make_org, make_opp …).
Beside this module: database.py (each test's transaction), events.py and forum.py (event factories),
catalogs.py and ui_language.py (English left on translated pages), shard.py (`--shard K/N`).
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.support.client import TestClient

PASSWORD = "correct-horse-battery"


def csrf_of(client: TestClient, path: str = "/login") -> str:
    """The CSRF token a page hands this client."""
    html = client.get(path).text
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, f"no CSRF token on {path}"
    return m.group(1)


def login(client: TestClient, email: str, password: str = PASSWORD) -> None:
    token = csrf_of(client, "/login")
    r = client.post(
        "/login", data={"csrf_token": token, "email": email, "password": password}, follow_redirects=False
    )
    assert r.status_code == 303, r.text


def login_cookies(app: Any, email: str, password: str = PASSWORD) -> httpx.Cookies:
    """The cookies a browser holds right after logging in through the form: worlds built once per module
    log their users in once and hand each test clients of its own with these (`client_with`)."""
    c = TestClient(app)
    try:
        login(c, email, password)
        return httpx.Cookies(c.cookies)
    finally:
        c.close()


def client_with(app: Any, cookies: httpx.Cookies | None) -> TestClient:
    """A new client holding a copy of `cookies` (what `login_cookies` saved; None: an anonymous visitor)."""
    return TestClient(app, cookies=httpx.Cookies(cookies) if cookies is not None else None)
