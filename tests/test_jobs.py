"""Background jobs start only after the unit of work commits, are dropped on rollback, and on PostgreSQL
go through the procrastinate queue to a worker."""

from __future__ import annotations

import os

import pytest

from kcbridge import jobs
from kcbridge.config import get_settings
from kcbridge.mail import send_mail


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
        jobs.run_worker(wait=False)
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
    jobs.run_worker(wait=False)
    assert any("Subject: queued" in m for m in _outbox())
