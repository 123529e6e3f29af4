"""Account pages: register, log in and out, login limit, password reset by mail, API tokens."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from tests.support import PASSWORD, csrf_of, login

from kcbridge.accounts import security
from kcbridge.accounts.models import ApiToken, Role, User
from kcbridge.kit.config import get_settings
from kcbridge.kit.i18n import translations


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Still argon2, with the smallest cost, so that the suite stays fast."""
    monkeypatch.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def outbox(db_url: str) -> Path:
    folder = get_settings().outbox_dir
    folder.mkdir(parents=True, exist_ok=True)
    for f in folder.glob("*.eml"):
        f.unlink()
    return folder


def post(client, path: str, data: dict[str, str], page: str | None = None):  # noqa: ANN001, ANN201
    token = csrf_of(client, page or path)
    return client.post(path, data={"csrf_token": token, **data}, follow_redirects=False)


def set_cookie_headers(response) -> list[str]:  # noqa: ANN001
    return response.headers.get_list("set-cookie")


def test_register_logs_in_with_a_secure_cookie_and_stores_no_password(client, db):
    r = post(
        client,
        "/register",
        {"display_name": "김지훈", "email": "Kim@Robo.Example", "password": PASSWORD, "password2": PASSWORD},
    )
    assert r.status_code == 303 and r.headers["location"] == "/my/organisations"
    (cookie,) = [c for c in set_cookie_headers(r) if c.startswith("kcb_session=")]
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    assert client.get("/account").status_code == 200
    user = db.scalar(select(User).where(User.email == "kim@robo.example"))
    assert (
        user is not None and user.password_hash.startswith("$argon2") and PASSWORD not in user.password_hash
    )


@pytest.mark.parametrize(
    ("fields", "bad_field", "msgid"),
    [
        ({"email": "not-an-email"}, "email", "Enter a valid e-mail address."),
        ({"password": "short", "password2": "short"}, "password", None),
        ({"password2": "something-else-entirely"}, "password2", "The two passwords differ."),
        ({"display_name": ""}, "display_name", "This field is required."),
    ],
)
def test_register_with_bad_fields_shows_the_form_again(client, fields, bad_field, msgid):
    data = {"display_name": "Kim", "email": "kim@robo.example", "password": PASSWORD, "password2": PASSWORD}
    r = post(client, "/register", {**data, **fields})
    assert r.status_code == 422
    assert f'id="f-{bad_field}"' in r.text and "field-error" in r.text
    if msgid:
        assert msgid in r.text
    assert PASSWORD not in r.text  # the password is never sent back
    assert "kcb_session" not in client.cookies


def test_register_names_every_bad_field_at_once(client):
    """A visitor who got four fields wrong learns of all four in one answer, not one per try."""
    r = post(
        client, "/register", {"display_name": "", "email": "bad@@x", "password": "short", "password2": "x"}
    )
    assert r.status_code == 422
    for field in ("display_name", "email", "password", "password2"):
        assert f'<div class="field-error" id="e-{field}">' in r.text, field
    for msgid in ("Enter a valid e-mail address.", "The two passwords differ.", "This field is required."):
        assert msgid in r.text


def test_register_with_a_taken_email_names_the_email_field(client, make_user):
    make_user(email="kim@robo.example")
    r = post(
        client,
        "/register",
        {"display_name": "Kim", "email": "KIM@robo.example", "password": PASSWORD, "password2": PASSWORD},
    )
    assert r.status_code == 422
    assert "An account with this e-mail already exists." in r.text


def test_register_errors_are_translated_for_a_korean_visitor(client):
    client.cookies.set("kcb_lang", "ko")
    r = post(client, "/register", {"display_name": "Kim", "email": "nope", "password": "x", "password2": "x"})
    assert r.status_code == 422
    expected = translations("ko").gettext("Enter a valid e-mail address.")
    assert expected != "Enter a valid e-mail address.", "Korean catalog lacks this message"
    assert expected in r.text


def test_login_failure_then_success_then_logout(client, make_user):
    user = make_user(email="kim@robo.example")
    r = post(client, "/login", {"email": user.email, "password": "wrong-password"})
    assert r.status_code == 401 and "Wrong e-mail or password." in r.text
    login(client, "KIM@robo.example")
    old_session = client.cookies.get("kcb_session")
    assert client.get("/account").status_code == 200
    r = post(client, "/logout", {}, page="/account")
    assert r.status_code == 303
    # The session is ended on the server, not just forgotten by this browser.
    client.cookies.clear()
    client.cookies.set("kcb_session", old_session)
    r = client.get("/account", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_login_is_rate_limited_per_email_with_a_message(client, make_user):
    user = make_user(email="kim@robo.example")
    other = make_user(email="lee@robo.example")
    for _ in range(get_settings().login_max_failures):
        assert post(client, "/login", {"email": user.email, "password": "wrong-password"}).status_code == 401
    r = post(client, "/login", {"email": user.email, "password": PASSWORD})
    assert r.status_code == 429
    assert "Too many failed attempts" in r.text
    assert "kcb_session" not in client.cookies
    login(client, other.email)  # another e-mail is not locked


def test_login_only_redirects_to_local_paths(client, make_user):
    user = make_user()
    for target, expected in [
        ("/organisations", "/organisations"),
        ("//evil.example/x", "/dashboard"),  # no local target: one's dashboard
        ("https://evil.example", "/dashboard"),
    ]:
        client.cookies.clear()
        r = post(client, "/login", {"email": user.email, "password": PASSWORD, "next": target})
        assert r.status_code == 303 and r.headers["location"] == expected


def test_password_reset_by_mail(client, make_user, outbox):
    user = make_user(email="kim@robo.example")
    r = post(client, "/password/forgot", {"email": "kim@robo.example"})
    assert r.status_code == 200
    (eml,) = outbox.glob("*.eml")
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert msg["To"] == user.email
    link = re.search(r"http://\S+/password/reset/\S+", msg.get_content()).group(0)  # type: ignore[union-attr]
    path = "/password/reset/" + link.rsplit("/", 1)[1]
    r = post(client, path, {"password": "short"})
    assert r.status_code == 422
    r = post(client, path, {"password": "my-new-password-1"})
    assert r.status_code == 303 and r.headers["location"] == "/login?reset=1"
    login(client, user.email, "my-new-password-1")
    client.cookies.clear()
    assert post(client, "/login", {"email": user.email, "password": PASSWORD}).status_code == 401
    assert post(client, path, {"password": "my-new-password-2"}).status_code == 422  # used up


def test_password_reset_for_an_unknown_email_looks_the_same_and_sends_nothing(client, make_user, outbox):
    make_user(email="kim@robo.example")
    known = post(client, "/password/forgot", {"email": "kim@robo.example"})
    unknown = post(client, "/password/forgot", {"email": "ghost@robo.example"})
    assert known.status_code == unknown.status_code == 200
    strip = re.compile(r'name="csrf_token" value="[^"]+"')
    assert strip.sub("", known.text) == strip.sub("", unknown.text)
    assert len(list(outbox.glob("*.eml"))) == 1


def test_account_page_creates_shows_once_and_revokes_tokens(client, make_user, db):
    user = make_user()
    login(client, user.email)
    r = post(client, "/account/tokens", {"name": "<b>CRM</b>"}, page="/account")
    assert r.status_code == 200
    token = re.search(r"<code>(kcb_[^<]+)</code>", r.text).group(1)  # type: ignore[union-attr]
    assert "&lt;b&gt;CRM&lt;/b&gt;" in r.text and "<b>CRM</b>" not in r.text
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert token not in client.get("/account").text  # shown only once
    row_id = db.scalar(select(ApiToken.id).where(ApiToken.user_id == user.id))
    db.commit()
    r = post(client, f"/account/tokens/{row_id}/revoke", {}, page="/account")
    assert r.status_code == 303
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert post(client, "/account/tokens", {"name": "  "}, page="/account").status_code == 422


# Interface text in the visitor's language -----------------------------------------------------------------


@pytest.mark.parametrize("locale", ["ko", "zh_Hans"])
def test_account_pages_show_no_english_interface_text(client, db, make_user, locale):
    from tests.support.ui_language import english_left, english_left_in

    content = ("Test User", "Admin Kim", "CRM sync")
    for path in ("/login", "/register", "/password/forgot", "/password/reset/abc"):
        assert english_left(client, path, locale, content=content) == [], path
    # A form shown again with its errors.
    bad = {"display_name": "Kim", "email": "nope", "password": "x", "password2": "y"}
    shown = {
        lang: post(client, f"/register?lang={lang}", bad, page="/register").text for lang in ("en", locale)
    }
    assert english_left_in(shown["en"], shown[locale], locale, content=("Kim", "nope")) == []
    admin = make_user(role=Role.ADMIN, name="Admin Kim")
    make_user()
    login(client, admin.email)
    post(client, "/account/tokens", {"name": "CRM sync"}, page="/account")
    prefix = db.scalar(select(ApiToken.prefix))
    db.commit()
    for path in ("/account", "/admin/users"):
        assert english_left(client, path, locale, content=(*content, prefix)) == [], path


@pytest.mark.parametrize(
    ("locale", "sign_up", "token_name", "person_name"),
    [("ko", "회원가입", "토큰 이름", "이름"), ("zh_Hans", "注册", "令牌名称", "姓名")],
)
def test_register_and_name_read_right_in_each_place(
    client, make_user, locale, sign_up, token_name, person_name
):
    """'Register' (sign up) and 'Name' (a person's) are not the words used for events or API tokens."""
    assert f'href="/register">{sign_up}</a>' in client.get("/login", params={"lang": locale}).text
    user = make_user()
    login(client, user.email)
    page = client.get("/account", params={"lang": locale}).text
    assert f"<dt>{person_name}</dt>" in page and f"<th>{token_name}</th>" in page
