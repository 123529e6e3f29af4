"""Issue 11, hole 12: the OpenAPI document declares the error answers and the file types the API really
sends; a 405 says which methods are allowed; session cookies are Secure when a trusted proxy says the
visitor came over HTTPS; `kcbridge serve` passes its proxy and limit options on to uvicorn."""

from __future__ import annotations

from tests.support import csrf_of
from tests.support.client import TestClient
from typer.testing import CliRunner
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

API_ERRORS = {"401", "403", "404", "409"}


def test_every_api_operation_declares_its_error_answers(client):
    doc = client.get("/api/v1/openapi.json").json()
    missing = []
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            if not API_ERRORS <= set(op["responses"]):
                missing.append(f"{method.upper()} {path}: {sorted(API_ERRORS - set(op['responses']))}")
    assert missing == []
    op = doc["paths"]["/api/v1/organisations/{org_id}"]["patch"]
    assert "ErrorOut" in op["responses"]["409"]["content"]["application/json"]["schema"]["$ref"]


def test_files_are_declared_with_their_content_types(client):
    doc = client.get("/api/v1/openapi.json").json()
    paths = doc["paths"]
    expect = {
        "/api/v1/participants/{participant_id}/schedule.ics": "text/calendar",
        "/api/v1/participants/{participant_id}/schedule.pdf": "application/pdf",
        "/api/v1/events/{event_id}/meetings.csv": "text/csv",
        "/api/v1/events/{event_id}/stats.csv": "text/csv",
    }
    for path, media in expect.items():
        content = paths[path]["get"]["responses"]["200"]["content"]
        assert media in content and "application/json" not in content, (path, content)


def test_a_wrong_method_answers_405_with_allow(client):
    r = client.delete("/api/v1/organisations")
    assert r.status_code == 405
    assert set(r.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
    page = client.put("/login")
    assert page.status_code == 405 and "POST" in page.headers["allow"] and "GET" in page.headers["allow"]


def test_cookies_are_secure_over_https_from_a_trusted_proxy(app, db_url, make_user):
    proxied = ProxyHeadersMiddleware(app, trusted_hosts="*")
    user = make_user()
    with TestClient(proxied, headers={"x-forwarded-proto": "https"}) as c:
        first = c.get("/login")
        assert all("secure" in h.lower() for h in first.headers.get_list("set-cookie")), first.headers
        token = csrf_of(c, "/login")
        from tests.support import PASSWORD

        r = c.post(
            "/login",
            data={"csrf_token": token, "email": user.email, "password": PASSWORD},
            follow_redirects=False,
        )
        cookies = r.headers.get_list("set-cookie")
        assert cookies and all("; secure" in h.lower() for h in cookies), cookies
    with TestClient(app) as plain:  # plain HTTP without a proxy: not Secure (local development)
        assert not any("secure" in h.lower() for h in plain.get("/login").headers.get_list("set-cookie"))


def test_serve_passes_proxy_and_limit_options_to_uvicorn(monkeypatch):
    import uvicorn

    from kcbridge.app import serve
    from kcbridge.app.cli import app as cli_app

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: seen.update(k))
    monkeypatch.setattr(serve.migrate, "upgrade", lambda *a, **k: None)
    monkeypatch.delenv("KCBRIDGE_MAX_BODY_BYTES", raising=False)
    from kcbridge.kit.config import get_settings

    result = CliRunner().invoke(
        cli_app,
        [
            "serve",
            "--forwarded-allow-ips",
            "10.0.0.5",
            "--limit-concurrency",
            "200",
            "--limit-body-mb",
            "4",
            "--no-worker",
        ],
    )
    assert result.exit_code == 0, result.output
    assert seen["proxy_headers"] is True and seen["forwarded_allow_ips"] == "10.0.0.5"
    assert seen["limit_concurrency"] == 200
    import os

    assert os.environ["KCBRIDGE_MAX_BODY_BYTES"] == str(4 * 1024 * 1024)
    # Not monkeypatch.delenv: it would note the 4 MB that serve set and put it back after the test.
    os.environ.pop("KCBRIDGE_MAX_BODY_BYTES")
    get_settings.cache_clear()  # later tests read the default limit again
