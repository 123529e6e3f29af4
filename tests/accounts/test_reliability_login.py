"""Issue 11, hole 7: the login limit holds under concurrent guessing on both databases, and is counted per
account and per address separately: failures from one address (a company's or a university's shared
network) lock neither every account nor the right password of people who signed in from their browser."""

from __future__ import annotations

import threading
import uuid

import pytest
from tests.support import PASSWORD, csrf_of, login

from kcbridge.accounts.service import account_service
from kcbridge.kit.config import get_settings
from kcbridge.kit.db import unit_of_work
from kcbridge.kit.errors import RateLimited, Unauthorized


def _login(client, email: str, password: str = PASSWORD):  # noqa: ANN001, ANN202
    token = csrf_of(client, "/login")
    return client.post(
        "/login", data={"csrf_token": token, "email": email, "password": password}, follow_redirects=False
    )


@pytest.mark.real_commits
def test_concurrent_wrong_passwords_check_no_more_than_the_limit(make_user):
    user = make_user()
    limit = get_settings().login_max_failures
    outcomes: list[str] = []
    start = threading.Barrier(30)

    def guess(n: int) -> None:
        start.wait()
        with unit_of_work() as db:
            try:
                account_service.authenticate(db, email=user.email, password=f"wrong-{n}", ip=f"10.0.{n}.1")
            except Unauthorized:
                outcomes.append("checked")
            except RateLimited:
                outcomes.append("limited")

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == 30
    assert outcomes.count("checked") == limit, outcomes


def test_failures_on_one_account_do_not_lock_another(client, make_user):
    a, b = make_user(), make_user()
    for _ in range(get_settings().login_max_failures):
        assert _login(client, a.email, "wrong-password").status_code == 401
    assert _login(client, a.email).status_code == 429  # this account waits, even with its password
    assert _login(client, b.email).status_code == 303  # the same address, another account: fine


def test_failures_from_one_address_do_not_lock_out_people_who_signed_in_there_before(app, db_url, make_user):
    from tests.support.client import TestClient

    colleague, newcomer = make_user(), make_user()
    with TestClient(app) as browser:  # the colleague's own browser, signed in before the attack
        login(browser, colleague.email)
        assert "kcb_device" in browser.cookies
        browser.post("/logout", data={"csrf_token": csrf_of(browser, "/")})
        with TestClient(app) as attacker:  # same address (the test client's), different browser
            for _ in range(get_settings().login_max_failures * 4):
                assert _login(attacker, f"{uuid.uuid4().hex}@test.example", "guess-guess").status_code == 401
            assert _login(attacker, "someone@test.example", "guess-guess").status_code == 429
            assert _login(attacker, newcomer.email).status_code == 429  # unknown browser: waits (documented)
        assert _login(browser, colleague.email).status_code == 303  # the right password still opens
