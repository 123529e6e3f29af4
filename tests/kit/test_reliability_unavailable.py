"""Issue 11, hole 6: a database that is busy ("database is locked" on SQLite) or restarting (PostgreSQL
refusing or dropping connections) is a 503 with Retry-After and a translated message, never a 500; and
opening the unit of work, where nothing has happened yet, is retried briefly first."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session

from kcbridge.directory import repository as dir_repo


def locked() -> OperationalError:
    return OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))


def pg_down() -> OperationalError:
    orig = psycopg.OperationalError("connection failed: Connection refused")
    return OperationalError("SELECT 1", {}, orig)


def pg_shutdown() -> OperationalError:
    orig = psycopg.errors.AdminShutdown("terminating connection due to administrator command")
    return OperationalError("SELECT 1", {}, orig, connection_invalidated=True)


def pool_full() -> PoolTimeout:
    """Every connection of the process's pool held (fifty requests waiting on one row lock) for longer
    than the pool waits: found by tests/app/test_reliability_races.py on a loaded machine, then a 500."""
    return PoolTimeout("QueuePool limit of size 20 overflow 20 reached, connection timed out, timeout 30.00")


@pytest.mark.parametrize("error", [locked, pg_down, pg_shutdown, pool_full])
def test_a_busy_or_restarting_database_is_a_503_with_retry_after(client, monkeypatch, error):
    def fail(*_a, **_k):
        raise error()

    monkeypatch.setattr(dir_repo, "search_rows", fail)
    r = client.get("/api/v1/organisations?lang=ko")
    assert r.status_code == 503, r.text
    assert int(r.headers["retry-after"]) >= 1
    (detail,) = r.json()["detail"]
    assert detail["type"] == "unavailable" and detail["msg"] != "internal error"
    assert any("\uac00" <= ch <= "\ud7a3" for ch in detail["msg"])  # worded in Korean
    page = client.get("/organisations?lang=zh_Hans")
    assert page.status_code == 503 and "retry-after" in page.headers
    assert "Something went wrong on our side" not in page.text


def test_other_database_errors_stay_500(app, db_url, monkeypatch):
    from tests.support.client import TestClient

    def fail(*_a, **_k):
        raise OperationalError("SELECT x", {}, sqlite3.OperationalError("no such column: x"))

    monkeypatch.setattr(dir_repo, "search_rows", fail)
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.get("/api/v1/organisations")
    assert r.status_code == 500 and "retry-after" not in r.headers


def test_opening_the_unit_of_work_is_retried_while_the_database_is_busy(client, monkeypatch):
    real = Session.connection
    calls = {"n": 0}

    def busy_twice(self, *a, **k):
        calls["n"] += 1
        if calls["n"] <= 2:
            raise locked()
        return real(self, *a, **k)

    monkeypatch.setattr(Session, "connection", busy_twice)
    r = client.get("/api/v1/organisations")
    assert r.status_code == 200, r.text
    assert calls["n"] >= 3


def test_a_database_busy_for_longer_than_the_retries_is_a_503(client, monkeypatch):
    def always_busy(self, *a, **k):
        raise locked()

    monkeypatch.setattr(Session, "connection", always_busy)
    r = client.get("/api/v1/organisations")
    assert r.status_code == 503 and r.headers["retry-after"]
