"""Account rules: registration, argon2 hashes, login limits, sessions, API tokens, password reset."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select, update
from tests.support import PASSWORD

from kcbridge.accounts import security
from kcbridge.accounts.models import ApiToken, PasswordReset, Role, UserSession
from kcbridge.accounts.security import token_hash
from kcbridge.accounts.service import account_service
from kcbridge.kit.config import get_settings
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Forbidden, Invalid, NotFound, RateLimited, Unauthorized

RESET_URL = "https://kcbridge.example/password/reset/{token}"


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Still argon2, with the smallest cost, so that the suite stays fast."""
    monkeypatch.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def outbox(db_url: str) -> Path:
    """The mail outbox folder, emptied first."""
    folder = get_settings().outbox_dir
    folder.mkdir(parents=True, exist_ok=True)
    for f in folder.glob("*.eml"):
        f.unlink()
    return folder


def mails(folder: Path) -> list[EmailMessage]:
    return [
        email.message_from_bytes(f.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
        for f in sorted(folder.glob("*.eml"))
    ]


def test_register_stores_an_argon2_hash_and_a_normalised_email(db):
    user = account_service.register(
        db, email="  Kim@Robo.Example ", password=PASSWORD, display_name=" 김지훈 ", locale="ko"
    )
    db.commit()
    assert user.email == "kim@robo.example"
    assert user.display_name == "김지훈"
    assert user.role == Role.USER.value and not user.is_admin
    assert user.password_hash.startswith("$argon2")
    assert PASSWORD not in user.password_hash


@pytest.mark.parametrize(
    ("email_", "password", "name", "field"),
    [
        ("not-an-email", PASSWORD, "Kim", "email"),
        ("kim@robo.example", "short", "Kim", "password"),
        ("kim@robo.example", PASSWORD, "   ", "display_name"),
    ],
)
def test_register_refuses_bad_input_naming_the_field(db, email_, password, name, field):
    with pytest.raises(Invalid) as err:
        account_service.register(db, email=email_, password=password, display_name=name)
    assert [loc for loc, _msg in err.value.fields] == [(field,)]


def test_register_refuses_an_email_that_exists_in_any_case(db, make_user):
    make_user(email="kim@robo.example")
    with pytest.raises(Invalid) as err:
        account_service.register(db, email="KIM@robo.example", password=PASSWORD, display_name="Other")
    assert err.value.fields[0][0] == ("email",)


def test_authenticate_accepts_only_the_right_password(db, make_user):
    user = make_user(email="kim@robo.example")
    assert account_service.authenticate(db, email="KIM@robo.example", password=PASSWORD, ip="1.2.3.4") == user
    with pytest.raises(Unauthorized):
        account_service.authenticate(db, email="kim@robo.example", password="wrong-password", ip="1.2.3.4")
    with pytest.raises(Unauthorized):
        account_service.authenticate(db, email="nobody@robo.example", password=PASSWORD, ip="1.2.3.4")


def test_too_many_failures_lock_that_email_only(db, make_user):
    user = make_user(email="kim@robo.example")
    other = make_user(email="lee@robo.example")
    limit = get_settings().login_max_failures
    for _ in range(limit):
        with pytest.raises(Unauthorized):
            account_service.authenticate(db, email=user.email, password="wrong-password", ip="1.2.3.4")
    # Even the right password is refused while the e-mail is locked …
    with pytest.raises(RateLimited):
        account_service.authenticate(db, email=user.email, password=PASSWORD, ip="1.2.3.4")
    # … but someone else behind the same address can still log in.
    assert account_service.authenticate(db, email=other.email, password=PASSWORD, ip="1.2.3.4") == other


def test_sessions_start_resolve_and_end(db, make_user):
    user = make_user()
    token = account_service.start_session(db, user)
    db.flush()
    assert account_service.user_for_session(db, token) == user
    assert db.get(UserSession, token) is None  # only the hash is stored
    assert account_service.user_for_session(db, token + "x") is None
    account_service.end_session(db, token)
    assert account_service.user_for_session(db, token) is None


def test_an_expired_session_is_not_accepted(db, make_user):
    user = make_user()
    token = account_service.start_session(db, user)
    db.flush()
    db.execute(
        update(UserSession)
        .where(UserSession.token_hash == token_hash(token))
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    assert account_service.user_for_session(db, token) is None


def test_api_tokens_are_stored_hashed_and_stop_working_when_revoked(db, make_user):
    user, other = make_user(), make_user()
    token, row = account_service.create_token(db, user, name="  CRM sync ")
    db.flush()
    assert token.startswith("kcb_") and row.name == "CRM sync" and row.prefix == token[:10]
    assert row.token_hash == token_hash(token) and token not in row.token_hash
    assert account_service.user_for_token(db, token) == user
    db.commit()  # the last-use stamp is written by a job once the unit of work commits
    db.refresh(row)
    assert row.last_used_at is not None
    with pytest.raises(NotFound):
        account_service.revoke_token(db, other, row.id)  # not theirs
    account_service.revoke_token(db, user, row.id)
    assert account_service.user_for_token(db, token) is None
    with pytest.raises(Invalid):
        account_service.create_token(db, user, name="   ")


def test_password_reset_mails_a_link_that_works_once(db, make_user, outbox):
    user = make_user(email="kim@robo.example")
    session = account_service.start_session(db, user)
    account_service.request_password_reset(db, email="KIM@robo.example", reset_url=RESET_URL)
    db.commit()  # the mail job runs after the commit
    (msg,) = mails(outbox)
    assert msg["To"] == "kim@robo.example"
    m = re.search(r"https://kcbridge\.example/password/reset/(\S+)", msg.get_content())
    assert m
    token = m.group(1)
    assert db.scalar(select(func.count()).select_from(PasswordReset)) == 1
    assert db.get(PasswordReset, token) is None  # the link's token is not stored in clear

    with pytest.raises(Invalid):
        account_service.reset_password(db, token=token, password="short")
    account_service.reset_password(db, token=token, password="a-new-long-password")
    db.commit()
    assert account_service.authenticate(db, email=user.email, password="a-new-long-password", ip="x")
    with pytest.raises(Unauthorized):
        account_service.authenticate(db, email=user.email, password=PASSWORD, ip="x")
    assert account_service.user_for_session(db, session) is None  # old sessions are ended
    with pytest.raises(Invalid):
        account_service.reset_password(db, token=token, password="another-long-password")


def test_password_reset_for_an_unknown_email_sends_nothing(db, outbox):
    account_service.request_password_reset(db, email="nobody@robo.example", reset_url=RESET_URL)
    db.commit()
    assert mails(outbox) == []


def test_an_expired_reset_link_is_refused(db, make_user, outbox):
    user = make_user()
    account_service.request_password_reset(db, email=user.email, reset_url=RESET_URL)
    db.commit()
    token = re.search(r"/password/reset/(\S+)", mails(outbox)[0].get_content()).group(1)  # type: ignore[union-attr]
    db.execute(update(PasswordReset).values(expires_at=utcnow() - timedelta(seconds=1)))
    with pytest.raises(Invalid):
        account_service.reset_password(db, token=token, password="a-new-long-password")


def test_only_admins_change_roles(db, make_user):
    admin, user = make_user(role=Role.ADMIN), make_user()
    with pytest.raises(Forbidden):
        account_service.set_role(db, user, user.id, Role.ADMIN)
    assert account_service.set_role(db, admin, user.id, Role.ANALYST).role == "analyst"
    with pytest.raises(NotFound):
        account_service.set_role(db, admin, 987654, Role.ANALYST)


def test_token_rows_keep_no_clear_value(db, make_user):
    user = make_user()
    token, _row = account_service.create_token(db, user, name="t")
    db.flush()
    stored = db.scalars(select(ApiToken.token_hash)).all()
    assert stored == [token_hash(token)]
