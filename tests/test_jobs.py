"""Background jobs start only after the unit of work commits, are dropped on rollback, and on PostgreSQL
go through the procrastinate queue to a worker."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime, timedelta

import pytest

from kcbridge.kit import jobs, worker
from kcbridge.kit.config import get_settings
from kcbridge.kit.mail import send_mail


def _outbox() -> list[str]:
    folder = get_settings().outbox_dir
    return sorted(p.read_text() for p in folder.glob("*.eml")) if folder.exists() else []


@pytest.fixture
def queued(monkeypatch):
    """Jobs as in production: not inline."""
    monkeypatch.setattr(jobs, "run_inline", False)
    for p in get_settings().outbox_dir.glob("*.eml"):
        p.unlink()


def test_job_runs_after_commit_and_not_after_rollback(db, queued):
    send_mail.defer(db, to="a@test.example", subject="rolled back", body="x")
    db.rollback()
    send_mail.defer(db, to="b@test.example", subject="committed", body="y")
    db.commit()
    if jobs.uses_queue():
        worker.run_worker(wait=False)
    else:
        jobs.wait_idle()
    mails = _outbox()
    assert len(mails) == 1
    assert "Subject: committed" in mails[0] and "rolled back" not in mails[0]


@pytest.mark.skipif(
    os.environ.get("KCBRIDGE_TEST_DB") != "postgresql", reason="the queue exists on PostgreSQL"
)
def test_on_postgresql_jobs_wait_in_the_queue_for_a_worker(db, queued):
    send_mail.defer(db, to="c@test.example", subject="queued", body="z")
    db.commit()
    assert _outbox() == []  # nothing ran in this process
    worker.run_worker(wait=False)
    assert any("Subject: queued" in m for m in _outbox())


# Periodic jobs ------------------------------------------------------------------------------------


@pytest.fixture
def periodic_only(monkeypatch):
    """The periodic registry limited to the jobs a test declares (restored afterwards)."""
    from kcbridge.kit import periodic

    monkeypatch.setattr(periodic, "_registry", {})
    return periodic


@pytest.mark.real_commits  # four threads claim at once, each on its own connection
def test_two_claimers_of_one_slot_run_the_job_once(db_url, periodic_only):
    import threading

    from kcbridge.kit.jobs import Job

    periodic = periodic_only
    calls: list[str] = []
    barrier = threading.Barrier(4)

    def count() -> None:
        calls.append(threading.current_thread().name)

    job_ = periodic.periodic(Job(count), every=periodic.HOURLY)
    name = periodic.short_name(job_)
    now = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    results: list[dict[str, bool]] = []

    def tick() -> None:
        barrier.wait()
        results.append(periodic.tick(now=now))

    threads = [threading.Thread(target=tick) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and sum(len(r) for r in results) == 1
    assert periodic.claim(name, "2026-11-24T09") is False  # the slot is taken
    assert periodic.tick(now=now + timedelta(hours=1)) == {name: True}  # the next hour runs again
    assert len(calls) == 2


def test_a_failing_job_is_logged_recorded_and_runs_again_in_the_next_slot(db_url, periodic_only, caplog):
    from sqlalchemy import select

    from kcbridge.kit.db import unit_of_work
    from kcbridge.kit.jobs import Job

    periodic = periodic_only
    attempts: list[int] = []

    def flaky() -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("mail server away")

    name = periodic.short_name(periodic.periodic(Job(flaky), every=periodic.HOURLY))
    now = datetime(2026, 11, 24, 9, 5, tzinfo=UTC)
    with caplog.at_level(logging.ERROR, logger="kcbridge.kit.periodic"):
        assert periodic.tick(now=now) == {name: False}
    assert f"{name} failed" in caplog.text and "mail server away" in caplog.text
    assert periodic.tick(now=now + timedelta(minutes=30)) == {}  # same slot: not run twice
    assert periodic.tick(now=now + timedelta(hours=1)) == {name: True}
    with unit_of_work(write=False) as db:
        runs = db.execute(
            select(periodic.PeriodicRun.slot, periodic.PeriodicRun.status, periodic.PeriodicRun.error)
        )
        runs = sorted(tuple(r) for r in runs)
    assert runs == [
        ("2026-11-24T09", "failed", "RuntimeError: mail server away"),
        ("2026-11-24T10", "done", ""),
    ]


def test_a_run_left_running_by_a_dead_process_is_taken_over_after_its_lease(db_url, periodic_only):
    periodic = periodic_only
    start = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
    assert periodic.claim("digest", "2026-11-24", now=start)  # this process then dies without finishing
    assert not periodic.claim("digest", "2026-11-24", now=start + timedelta(minutes=30))
    assert periodic.claim("digest", "2026-11-24", now=start + periodic.LEASE + timedelta(minutes=1))


def test_tick_runs_the_daily_digest_once_a_day_from_its_hour(db_url, monkeypatch):
    from kcbridge.kit import periodic
    from kcbridge.matchmaking.tasks import daily_digest
    from kcbridge.opportunities.tasks import expire_interests

    monkeypatch.setenv("KCBRIDGE_DAILY_HOUR_UTC", "23")
    get_settings.cache_clear()
    runs: list[str] = []
    monkeypatch.setattr(daily_digest, "fn", lambda: runs.append("digest"))
    monkeypatch.setattr(expire_interests, "fn", lambda: runs.append("expire"))
    assert {"matchmaking.daily_digest", "opportunities.expire_interests"} <= set(periodic.load())
    day1 = datetime(2026, 11, 24, 23, 5, tzinfo=UTC)
    for hours in range(0, 48):  # every hour of two days
        periodic.tick(now=day1 + timedelta(hours=hours))
    try:
        assert runs.count("digest") == 2  # 24 Nov 23:05 and 25 Nov 23:05
        assert runs.count("expire") == 48
    finally:
        get_settings.cache_clear()


def test_cli_jobs_tick_and_run(db_url, monkeypatch):
    from typer.testing import CliRunner

    from kcbridge.app.cli import app
    from kcbridge.matchmaking.tasks import daily_digest

    ran: list[int] = []
    monkeypatch.setattr(daily_digest, "fn", lambda: ran.append(1))
    runner = CliRunner()
    out = runner.invoke(app, ["jobs", "run", "matchmaking.daily_digest"])
    assert out.exit_code == 0 and "matchmaking.daily_digest: done" in out.output and ran == [1]
    assert runner.invoke(app, ["jobs", "run", "nope"]).exit_code == 2
    first = runner.invoke(app, ["jobs", "tick"])
    assert first.exit_code == 0 and "matchmaking.daily_digest: done" in first.output
    again = runner.invoke(app, ["jobs", "tick"])
    assert "matchmaking.daily_digest" not in again.output  # once per slot
    listing = runner.invoke(app, ["jobs", "list"])
    assert "alerts.check_saved_searches\thourly" in listing.output
