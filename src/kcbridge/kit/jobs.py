"""Background jobs: queued inside the unit of work, started only after it commits.

On SQLite (embedded mode) they run on an in-process thread pool. On PostgreSQL they go to procrastinate's
queue and any number of workers (`kcbridge worker`, or the one `kcbridge serve` starts) run them.
A job queued during a request that fails is dropped with the rollback. Jobs are plain functions
registered with @job and referenced by object.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, ParamSpec

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from kcbridge.kit.config import get_settings

log = logging.getLogger("kcbridge.kit.jobs")
P = ParamSpec("P")

_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kcbridge-job")
_pending_key = "kcbridge_jobs"
# Tests and the CLI run jobs inline so that their effects are visible at once.
run_inline = False
_registry: dict[str, Job] = {}
_queue_lock = threading.Lock()
_queue_app: Any = None


# Pauses before the retries of a failed in-process job (a locked database, a mail server away): bounded.
RETRY_DELAYS: tuple[float, ...] = (1.0, 5.0, 30.0)
INLINE_RETRY_DELAYS: tuple[float, ...] = (0.2, 1.0)  # run_inline (tests, CLI): someone is waiting
MERGE_BATCH = 500  # ids per job when deferred ids are merged (see job(merge=...))


class Job:
    def __init__(self, fn: Callable[..., Any], merge: str | None = None) -> None:
        self.fn = fn
        self.name = f"{fn.__module__}.{fn.__qualname__}"
        self.merge = merge

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.fn(*args, **kwargs)

    def defer(self, db: Session, **kwargs: Any) -> None:
        """Queue this job to run once `db` commits. A job with `merge` collects the ids of every call
        with the same other arguments into one set, run in batches of MERGE_BATCH after the commit.
        Queued inside a savepoint, it waits for the outer commit and goes with the savepoint's rollback."""
        if not db.in_transaction():
            db.begin()  # so that a rollback, even of an empty unit of work, drops the job
        txn = db.get_nested_transaction() or db.get_transaction()
        pending: list[Pending] = db.info.setdefault(_pending_key, [])
        if self.merge is None:
            pending.append(Pending(self, kwargs, txn))
            return
        others = {k: v for k, v in kwargs.items() if k != self.merge}
        key = (self.name, repr(sorted(others.items())))
        entry = next((p for p in pending if p.key == key and p.txn is txn), None)
        if entry is None:
            entry = Pending(self, {**others, self.merge: set()}, txn, key)
            pending.append(entry)
        entry.kwargs[self.merge].update(kwargs[self.merge])


@dataclass(slots=True)
class Pending:
    """A job queued in a unit of work, and the transaction (or savepoint) it was queued in."""

    job: Job
    kwargs: dict[str, Any]
    txn: Any  # SessionTransaction
    key: tuple[str, str] | None = None  # merged jobs: (name, other arguments)


def drop_pending(db: Session, job_: Job) -> None:
    """Forgets the deferrals of `job_` queued in `db`'s unit of work (their work was done another way)."""
    db.info[_pending_key] = [p for p in db.info.get(_pending_key, []) if p.job is not job_]


def job(fn: Callable[..., Any] | None = None, *, merge: str | None = None) -> Any:
    """Registers a background job; `merge="ids"` merges the id lists of its deferrals in one unit of work
    (an import of 10,000 rows queues 20 embedding jobs, not 10,000)."""

    def register(f: Callable[..., Any]) -> Job:
        j = Job(f, merge)
        _registry[j.name] = j
        return j

    return register(fn) if fn is not None else register


def uses_queue() -> bool:
    """True when jobs go to procrastinate (PostgreSQL), False for the in-process pool (SQLite)."""
    settings = get_settings()
    return settings.jobs_backend == "procrastinate" or (
        settings.jobs_backend == "auto" and not settings.is_sqlite
    )


def _conninfo() -> str:

    url = make_url(get_settings().resolved_database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def new_app() -> Any:
    import procrastinate  # only the PostgreSQL queue needs it (0.1 s)

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=_conninfo()))
    for name, j in _registry.items():
        app.task(name=name, retry=queue_retry())(j.fn)
    return app


def queue_retry() -> Any:
    """procrastinate's retry of a failed job on PostgreSQL: as many attempts as in-process, waits growing."""
    import procrastinate  # only the PostgreSQL queue needs it (0.1 s)

    return procrastinate.RetryStrategy(max_attempts=len(RETRY_DELAYS), exponential_wait=2)


def queue_app() -> Any:
    """The procrastinate app this process defers with, opened once, knowing every registered job."""
    global _queue_app
    with _queue_lock:
        if _queue_app is None:
            _queue_app = new_app()
            _queue_app.open()
        for name, j in _registry.items():
            if name not in _queue_app.tasks:
                _queue_app.task(name=name, retry=queue_retry())(j.fn)
        return _queue_app


def ensure_queue_schema() -> None:
    """Creates procrastinate's tables on PostgreSQL if they are missing (idempotent)."""
    import psycopg  # only on PostgreSQL

    with psycopg.connect(_conninfo()) as conn:
        exists = conn.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL").fetchone()
    if not (exists and exists[0]):
        with new_app().open() as app:  # this database's (not the deferring app's, which may be older)
            app.schema_manager.apply_schema()


def _run(job_: Job, kwargs: dict[str, Any]) -> None:
    """Runs a job, retrying it after RETRY_DELAYS; a job that still fails is logged for the operator (it
    must not take the process down; the periodic sweeps catch up on what it would have done)."""
    for attempt, delay in enumerate((*(INLINE_RETRY_DELAYS if run_inline else RETRY_DELAYS), None)):
        try:
            job_.fn(**kwargs)
            return
        except Exception as exc:
            if delay is None:
                log.exception("job %s failed for good after %d attempts", job_.name, attempt + 1)
                return
            log.warning("job %s failed (%s); retrying in %.0f s", job_.name, exc, delay)
            time.sleep(delay)


def submit(job_: Job, kwargs: dict[str, Any]) -> Future[None] | None:
    if run_inline:
        _run(job_, kwargs)
        return None
    if uses_queue():
        try:
            queue_app().tasks[job_.name].defer(**kwargs)
        except Exception:  # the data is committed already; a lost job is logged, not turned into a 500
            log.exception("could not queue job %s", job_.name)
        return None
    return _executor.submit(_run, job_, kwargs)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    """A released savepoint hands its jobs to the transaction around it; the outer commit runs them."""
    nested = session.get_nested_transaction()  # the one committing, if it is a savepoint
    if nested is not None:
        for p in session.info.get(_pending_key, []):
            if p.txn is nested:
                p.txn = nested.parent
        return
    merged: dict[tuple[str, str], Pending] = {}
    for p in session.info.pop(_pending_key, []):
        if p.job.merge is None:
            submit(p.job, p.kwargs)
        elif p.key in merged:
            merged[p.key].kwargs[p.job.merge] |= p.kwargs[p.job.merge]
        else:
            merged[p.key] = p  # type: ignore[index]
    for p in merged.values():
        name = p.job.merge
        assert name is not None
        ids = sorted(p.kwargs[name])
        for start in range(0, len(ids), MERGE_BATCH):
            submit(p.job, {**p.kwargs, name: ids[start : start + MERGE_BATCH]})


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, previous: Any) -> None:
    """A savepoint's rollback drops the jobs queued inside it; the whole unit of work's drops them all."""
    if previous.nested:
        session.info[_pending_key] = [
            p for p in session.info.get(_pending_key, []) if not _within(p.txn, previous)
        ]
    else:
        session.info.pop(_pending_key, None)


def _within(txn: Any, outer: Any) -> bool:
    while txn is not None:
        if txn is outer:
            return True
        txn = txn.parent
    return False


def wait_idle() -> None:
    """Block until queued in-process jobs finished (CLI exit, tests)."""
    global _executor
    _executor.shutdown(wait=True)
    _executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kcbridge-job")
