"""Issue 11, holes 9 and 10: a background job that fails (e.g. "database is locked" while an import holds
the write lock) is retried with a pause instead of only being logged; on PostgreSQL procrastinate retries
it; and the embedding jobs of a large import are merged into a few batches instead of one per row."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from kcbridge.kit import jobs

calls: list[str] = []


@jobs.job
def flaky(*, key: str) -> None:
    calls.append(key)
    if calls.count(key) == 1:
        raise OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))


@jobs.job
def always_fails(*, key: str) -> None:
    calls.append(key)
    raise RuntimeError("broken for good")


@jobs.job(merge="ids")
def batched(*, kind: str, ids: list[int]) -> None:
    calls.append(f"{kind}:{','.join(map(str, ids))}")


@pytest.fixture(autouse=True)
def no_pauses(monkeypatch):
    monkeypatch.setattr(jobs, "RETRY_DELAYS", (0.0, 0.0, 0.0))
    monkeypatch.setattr(jobs, "INLINE_RETRY_DELAYS", (0.0, 0.0, 0.0))
    calls.clear()


def test_a_job_that_meets_a_locked_database_once_succeeds_on_retry(db, caplog):
    flaky.defer(db, key="a")
    with caplog.at_level(logging.WARNING, logger="kcbridge.kit.jobs"):
        db.commit()  # runs inline in tests, after the commit
    assert calls == ["a", "a"]
    assert "retrying" in caplog.text and "failed for good" not in caplog.text


def test_retries_are_bounded_and_the_failure_is_logged(db, caplog):
    always_fails.defer(db, key="b")
    with caplog.at_level(logging.ERROR, logger="kcbridge.kit.jobs"):
        db.commit()
    assert calls == ["b"] * (len(jobs.RETRY_DELAYS) + 1)
    assert "failed for good" in caplog.text


def test_in_process_jobs_retry_on_the_thread_pool_too(db, monkeypatch):
    monkeypatch.setattr(jobs, "run_inline", False)
    monkeypatch.setattr(jobs, "uses_queue", lambda: False)
    flaky.defer(db, key="c")
    db.commit()
    jobs.wait_idle()
    assert calls == ["c", "c"]


def test_deferred_ids_are_merged_into_batches(db, monkeypatch):
    monkeypatch.setattr(jobs, "MERGE_BATCH", 3)
    for i in (5, 1, 2, 2, 9, 7):
        batched.defer(db, kind="org", ids=[i])
    batched.defer(db, kind="opp", ids=[4])
    db.commit()
    assert sorted(calls) == ["opp:4", "org:1,2,5", "org:7,9"]


def test_procrastinate_retries_jobs_on_postgresql():
    app = jobs.new_app()
    task = app.tasks[flaky.name]
    assert task.retry_strategy is not None and task.retry_strategy.max_attempts >= 3


def test_a_job_queued_in_a_savepoint_waits_for_the_outer_commit(db):
    with db.begin_nested():
        batched.defer(db, kind="inner", ids=[1])
    assert calls == []  # the savepoint's release is no commit: nothing ran yet
    db.commit()
    assert calls == ["inner:1"]


def test_a_savepoint_rolled_back_drops_only_its_own_jobs(db):
    batched.defer(db, kind="outer", ids=[1])
    savepoint = db.begin_nested()
    batched.defer(db, kind="inner", ids=[2])
    flaky.defer(db, key="inner")
    savepoint.rollback()
    db.commit()
    assert calls == ["outer:1"]


def test_ids_merged_across_a_released_savepoint_run_as_one_batch(db):
    batched.defer(db, kind="k", ids=[3])
    with db.begin_nested():
        batched.defer(db, kind="k", ids=[1, 2])
    db.commit()
    assert calls == ["k:1,2,3"]
