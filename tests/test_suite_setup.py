"""The suite's own set-up: a test's data never outlives it while inside the test every unit of work commits
and rolls back as in production (tests/support/database.py); the instant embedder unless a test asks for
the real one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from kcbridge.accounts.models import User
from kcbridge.accounts.service import account_service
from kcbridge.kit import jobs
from kcbridge.kit.db import get_engine, get_sessionmaker, unit_of_work
from kcbridge.matchmaking.embedding import embedder
from tests.support import PASSWORD, durations, login
from tests.support.database import uses_database

LEFT_BEHIND = "left-behind@test.example"


def users(email: str) -> int:
    """How many accounts with this e-mail a new unit of work sees."""
    with unit_of_work(write=False) as db:
        return int(db.scalar(select(func.count()).select_from(User).where(User.email == email)) or 0)


def committed_users(email: str) -> int:
    """How many accounts with this e-mail another connection sees: only committed rows."""
    with get_engine().connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(User).where(User.email == email)) or 0)


def register(db: Any, email: str) -> User:
    return account_service.register(db, email=email, password=PASSWORD, display_name="Isolation")


def test_what_a_test_commits_is_seen_by_later_units_of_work_and_the_app_but_never_committed(
    make_user, client
):
    make_user(email=LEFT_BEHIND)
    assert users(LEFT_BEHIND) == 1
    login(client, LEFT_BEHIND)  # the app's own session finds the account and checks its password
    assert client.get("/account").status_code == 200
    assert committed_users(LEFT_BEHIND) == 0  # held in the test's transaction, rolled back at its end


def test_nothing_of_the_previous_test_is_left(db_url):
    assert users(LEFT_BEHIND) == 0


def test_a_failed_unit_of_work_loses_its_writes_and_keeps_what_was_committed_before(db_url):
    with unit_of_work() as db:
        register(db, "kept@test.example")
    with pytest.raises(RuntimeError), unit_of_work() as db:
        register(db, "lost@test.example")
        db.flush()
        raise RuntimeError("the unit of work fails after writing")
    assert users("kept@test.example") == 1
    assert users("lost@test.example") == 0


def test_a_rollback_returns_to_the_sessions_own_start_only(db, make_user):
    make_user(email="before@test.example")
    register(db, "undone@test.example")
    db.rollback()
    assert users("before@test.example") == 1 and users("undone@test.example") == 0


def test_a_job_deferred_by_a_commit_runs_inline_in_its_own_unit_of_work(db):
    assert jobs.run_inline

    def add_account(email: str) -> None:
        with unit_of_work() as job_db:
            register(job_db, email)

    job = jobs.Job(add_account)
    job.defer(db, email="by-job@test.example")
    db.rollback()  # dropped with the rollback
    assert users("by-job@test.example") == 0
    job.defer(db, email="by-job@test.example")
    db.commit()
    assert users("by-job@test.example") == 1


@pytest.mark.real_commits
def test_a_test_marked_real_commits_commits_for_real(make_user):
    assert isinstance(get_sessionmaker(write=True).kw["bind"], Engine)  # no shared connection
    make_user(email=LEFT_BEHIND)
    assert committed_users(LEFT_BEHIND) == 1


def test_and_its_rows_are_deleted_afterwards(db_url):
    assert committed_users(LEFT_BEHIND) == 0 and users(LEFT_BEHIND) == 0


def test_tests_embed_with_the_instant_hash_embedder():
    assert embedder().name == "hash-ngrams-512"


@pytest.mark.real_embedder
def test_tests_marked_real_embedder_get_the_real_model():
    assert embedder().name == "use-multilingual-v3"


def test_no_data_of_a_module_world_is_left(db_url):  # tests/test_suite_module_db.py ran before this file
    assert users("built-once@test.example") == 0


# make test's PostgreSQL half runs only the tests that use a database (--database-tests-only)


def test_a_test_using_the_test_database_through_any_fixture_runs_on_both_kinds(make_user, request):
    assert uses_database(request.fixturenames)  # make_user -> db -> db_url -> database_url


def test_a_test_starting_processes_on_a_database_of_its_own_runs_on_both_kinds(db_kind, request):
    assert db_kind in ("sqlite", "postgresql") and uses_database(request.fixturenames)


def test_a_test_that_uses_no_database_runs_in_the_sqlite_half_only(request):
    assert not uses_database(request.fixturenames)


def test_workers_get_whole_files_and_the_browser_and_language_model_files_together():
    assert (
        durations.scope("tests/app/test_route_table.py::test_every_route") == "tests/app/test_route_table.py"
    )
    assert durations.scope("tests/browser/test_story5.py::test_x[ko]") == durations.scope(
        "tests/browser/test_phone.py::test_y"
    )
    assert durations.scope("tests/news/test_api.py::test_a") == durations.scope("tests/news/test_pages.py::b")
    assert durations.scope("tests/news/test_api.py::test_a") == durations.scope("tests/matching/test_e.py::a")
    assert durations.scope("tests/news/test_api.py::test_a") != durations.scope("tests/browser/test_x.py::a")


def _echo_app() -> Any:
    app = FastAPI()

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, Any]:
        return {"body": (await request.body()).decode(), "seen": request.cookies.get("seen")}

    @app.get("/set")
    def set_cookie() -> Any:
        r = RedirectResponse("/seen", status_code=303)
        r.set_cookie("seen", "yes")
        return r

    @app.get("/seen")
    def seen(request: Request) -> dict[str, Any]:
        return {"seen": request.cookies.get("seen")}

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    return app


@pytest.mark.parametrize("opened", [True, False], ids=["with", "without with"])
def test_the_test_client_keeps_cookies_follows_redirects_and_raises_the_apps_errors(opened: bool):
    """tests/support/client.py: one call to the app per request, with or without `with`."""
    from tests.support.client import TestClient

    app = _echo_app()
    client = TestClient(app)
    if opened:
        client.__enter__()
    try:
        r = client.get("/set")
        assert r.status_code == 200 and r.json() == {"seen": "yes"}
        assert r.history and r.history[0].status_code == 303
        r = client.post("/echo", content="한국어 中文 body")
        assert r.json() == {"body": "한국어 中文 body", "seen": "yes"}
        r = client.post("/echo", files={"f": ("a.txt", b"x" * 70_000)})
        assert len(r.json()["body"]) > 70_000  # a multipart body reaches the app whole
        with pytest.raises(RuntimeError, match="boom"):
            client.get("/boom")
        assert TestClient(app, raise_server_exceptions=False).get("/boom").status_code == 500
    finally:
        if opened:
            client.__exit__(None, None, None)


def test_the_tests_use_the_one_call_test_client():
    """Starlette's own transport costs some 5 ms of CPU more per request (7 calls across threads)."""
    tests = Path(__file__).parent
    direct = re.compile(r"^\s*from (fastapi|starlette)\.testclient import", re.MULTILINE)
    found = [
        str(p.relative_to(tests))
        for p in tests.rglob("*.py")
        if p.name != "client.py" and direct.search(p.read_text())
    ]
    assert found == [], f"import TestClient from tests.support.client instead, in {found}"
