"""Logos: images up to the size limit are kept and served; anything else is refused with a message."""

from __future__ import annotations

import io
import os

import pytest
from argon2 import PasswordHasher
from PIL import Image
from tests.support import csrf_of, login

from kcbridge.accounts import security
from kcbridge.kit.config import get_settings

TOO_LARGE = "The logo is too large"
NOT_IMAGE = "The logo must be a PNG, JPEG, WebP or GIF image."


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Still argon2, with the smallest cost, so that the suite stays fast."""
    monkeypatch.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def image(fmt: str = "PNG", size: tuple[int, int] = (32, 32), noise: bool = False) -> bytes:
    if noise:
        img = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        img = Image.new("RGB", size, (200, 30, 30))
    buf = io.BytesIO()
    img.save(buf, format=fmt)
    return buf.getvalue()


def oversized_png() -> bytes:
    data = image(size=(600, 600), noise=True)  # random pixels do not compress
    assert len(data) > get_settings().logo_max_bytes
    return data


def put(client, org_id: int, data: bytes, headers: dict[str, str], name: str = "logo.png"):  # noqa: ANN001, ANN201
    return client.put(f"/api/v1/organisations/{org_id}/logo", files={"file": (name, data)}, headers=headers)


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp"), ("GIF", "image/gif")],
)
def test_an_image_is_stored_and_served_with_its_type(
    client, make_user, make_org, api_token, fmt, content_type
):
    owner = make_user()
    org = make_org(owner=owner)
    data = image(fmt)
    assert put(client, org.id, data, api_token(owner), name="whatever.bin").status_code == 204
    r = client.get(f"/organisations/{org.id}/logo")
    assert r.status_code == 200 and r.content == data
    assert r.headers["content-type"] == content_type
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert client.get(f"/api/v1/organisations/{org.id}").json()["logo_url"] == f"/organisations/{org.id}/logo"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"just some text, not a picture", NOT_IMAGE),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", NOT_IMAGE),
        (b"<html><script>alert(1)</script></html>", NOT_IMAGE),
        (b"", NOT_IMAGE),
        (image()[:40], NOT_IMAGE),  # a PNG cut short
        (image("BMP"), NOT_IMAGE),  # an image, but not a web format
        (None, TOO_LARGE),
    ],
    ids=["text", "svg", "html", "empty", "truncated-png", "bmp", "oversized"],
)
def test_api_refuses_anything_but_a_small_web_image_with_a_message(
    client, make_user, make_org, api_token, data, message
):
    owner = make_user()
    org = make_org(owner=owner)
    headers = api_token(owner)
    assert put(client, org.id, image(), headers).status_code == 204
    r = put(client, org.id, oversized_png() if data is None else data, headers)
    assert r.status_code == 422
    (err,) = r.json()["detail"]
    assert err["loc"] == ["logo"] and err["msg"].startswith(message)
    assert client.get(f"/organisations/{org.id}/logo").content == image()  # the earlier logo stays


def test_the_upload_form_shows_the_reason_and_keeps_no_file(client, make_user, make_org):
    owner = make_user()
    org = make_org(owner=owner)
    login(client, owner.email)
    token = csrf_of(client, f"/organisations/{org.id}")
    for data, message in ((b"%PDF-1.4 not an image", NOT_IMAGE), (oversized_png(), TOO_LARGE)):
        r = client.post(
            f"/organisations/{org.id}/logo", data={"csrf_token": token}, files={"logo": ("x.png", data)}
        )
        assert r.status_code == 422
        assert 'class="flash flash-error"' in r.text and message in r.text
        assert client.get(f"/organisations/{org.id}/logo").status_code == 404
    r = client.post(
        f"/organisations/{org.id}/logo",
        data={"csrf_token": token},
        files={"logo": ("x.png", image())},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert client.get(f"/organisations/{org.id}/logo").status_code == 200


def test_only_members_change_a_logo(client, make_user, make_org, api_token):
    owner, stranger = make_user(), make_user()
    org = make_org(owner=owner)
    assert put(client, org.id, image(), {}).status_code == 401
    assert put(client, org.id, image(), api_token(stranger)).status_code == 403
    assert put(client, 987654, image(), api_token(owner)).status_code == 404
    assert client.get(f"/organisations/{org.id}/logo").status_code == 404


def test_a_deleted_organisations_logo_is_gone(client, make_user, make_org, api_token):
    owner = make_user()
    org = make_org(owner=owner)
    headers = api_token(owner)
    assert put(client, org.id, image(), headers).status_code == 204
    assert client.delete(f"/api/v1/organisations/{org.id}", headers=headers).status_code == 204
    assert client.get(f"/organisations/{org.id}/logo").status_code == 404
