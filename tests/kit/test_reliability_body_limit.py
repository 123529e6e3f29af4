"""Issue 11, hole 5: request bodies are refused before they are read when nobody valid sent them or when
they are larger than the platform accepts (a 1 GiB upload without logging in used to reach the disk)."""

from __future__ import annotations

import asyncio
import json
import threading

import pytest

from kcbridge.kit.config import get_settings
from kcbridge.kit.web.limits import BodyLimit

MiB = 1024 * 1024


def in_own_loop(coro) -> None:  # noqa: ANN001
    """Runs `coro` on a thread of its own (another test may have a loop running on this one)."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(coro)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    t = threading.Thread(target=run)
    t.start()
    t.join()
    if errors:
        raise errors[0]


def upload(app, path: str, *, total: int, headers: dict[str, str] | None = None, chunk: int = 64 * 1024):  # noqa: ANN001, ANN201
    """Sends `total` bytes in chunks straight to the ASGI app (no Content-Length, as a streaming client
    would) and returns (status, JSON body, bytes the app asked for)."""
    pulled = 0
    messages: list[dict] = []

    head = b'--x\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n'

    async def receive():  # noqa: ANN202 - a valid multipart start, then file bytes that never end
        nonlocal pulled
        if pulled >= total:
            return {"type": "http.disconnect"}
        data = (head if pulled == 0 else b"") + b"\0" * chunk
        pulled += len(data)
        return {"type": "http.request", "body": data, "more_body": pulled < total}

    async def send(message):  # noqa: ANN001, ANN202
        messages.append(message)

    raw = [
        (k.lower().encode(), v.encode())
        for k, v in {"content-type": "multipart/form-data; boundary=x", **(headers or {})}.items()
    ]
    path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "PUT",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": raw,
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
        "root_path": "",
    }
    in_own_loop(app(scope, receive, send))
    start = next(m for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return start["status"], json.loads(body or b"null"), pulled


def test_an_anonymous_upload_is_refused_after_a_few_kilobytes(app, db_url, make_user, make_org):
    org = make_org(owner=make_user())
    status, body, pulled = upload(app, f"/api/v1/organisations/{org.id}/logo", total=1024 * MiB)  # 1 GiB
    assert status == 401, body
    assert pulled <= 2 * MiB, pulled  # stopped long before the gigabyte


def test_a_forged_token_does_not_open_the_door(app, db_url, make_user, make_org):
    org = make_org(owner=make_user())
    headers = {"authorization": "Bearer kcb_forged"}
    status, _body, pulled = upload(
        app, f"/api/v1/organisations/{org.id}/logo", total=64 * MiB, headers=headers
    )
    assert status == 401 and pulled <= 2 * MiB


def test_an_oversized_body_is_a_413_even_when_signed_in(
    app, db_url, make_user, make_org, api_token, monkeypatch
):
    monkeypatch.setattr(get_settings(), "max_body_bytes", 2 * MiB)
    owner = make_user()
    org = make_org(owner=owner)
    status, body, pulled = upload(
        app, f"/api/v1/organisations/{org.id}/logo?lang=ko", total=64 * MiB, headers=api_token(owner)
    )
    assert status == 413, body
    assert pulled <= 3 * MiB
    assert body["detail"][0]["type"] == "too_large" and "MB" in body["detail"][0]["msg"]


def test_a_declared_length_over_the_limit_is_refused_without_reading(monkeypatch):
    """At the ASGI level: Content-Length says too much, so the body is never asked for."""
    monkeypatch.setattr(get_settings(), "max_body_bytes", MiB)
    received: list[str] = []
    sent: list[dict] = []

    async def app(scope, receive, send):  # noqa: ANN001, ANN202
        await receive()
        received.append("app read the body")

    async def receive():  # noqa: ANN202
        received.append("receive")
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):  # noqa: ANN001, ANN202
        sent.append(message)

    async def signed_in(_scope) -> bool:  # noqa: ANN001
        return True

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/v1/x",
        "headers": [(b"content-length", str(2 * MiB).encode())],
    }
    in_own_loop(BodyLimit(app, signed_in=signed_in)(scope, receive, send))
    assert received == [] and sent[0]["status"] == 413


@pytest.mark.parametrize("path", ["/login", "/register"])
def test_small_anonymous_forms_still_work(client, path):
    assert client.get(path).status_code == 200
