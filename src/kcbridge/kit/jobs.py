"""Background jobs: queued inside the unit of work, started only after it commits.

On SQLite (embedded mode) they run on an in-process thread pool. On PostgreSQL they go to procrastinate's
queue and any number of workers (`kcbridge worker`, or the one `kcbridge serve` starts) run them.
A job queued during a request that fails is dropped with the rollback. Jobs are plain functions
registered with @job and referenced by object.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, ParamSpec

from sqlalchemy import event
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


class Job:
    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn
        self.name = f"{fn.__module__}.{fn.__qualname__}"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.fn(*args, **kwargs)

    def defer(self, db: Session, **kwargs: Any) -> None:
        """Queue this job to run once `db` commits."""
        if not db.in_transaction():
            db.begin()  # so that a rollback, even of an empty unit of work, drops the job
        db.info.setdefault(_pending_key, []).append((self, kwargs))


def job(fn: Callable[..., Any]) -> Job:
    j = Job(fn)
    _registry[j.name] = j
    return j


def uses_queue() -> bool:
    """True when jobs go to procrastinate (PostgreSQL), False for the in-process pool (SQLite)."""
    settings = get_settings()
    return settings.jobs_backend == "procrastinate" or (
        settings.jobs_backend == "auto" and not settings.is_sqlite
    )


def _conninfo() -> str:
    from sqlalchemy.engine import make_url

    url = make_url(get_settings().resolved_database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def new_app() -> Any:
    import procrastinate

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=_conninfo()))
    for name, j in _registry.items():
        app.task(name=name)(j.fn)
    return app


def queue_app() -> Any:
    """The procrastinate app this process defers with, opened once, knowing every registered job."""
    global _queue_app
    with _queue_lock:
        if _queue_app is None:
            _queue_app = new_app()
            _queue_app.open()
        for name, j in _registry.items():
            if name not in _queue_app.tasks:
                _queue_app.task(name=name)(j.fn)
        return _queue_app


def ensure_queue_schema() -> None:
    """Creates procrastinate's tables on PostgreSQL if they are missing (idempotent)."""
    import psycopg

    with psycopg.connect(_conninfo()) as conn:
        exists = conn.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL").fetchone()
    if not (exists and exists[0]):
        queue_app().schema_manager.apply_schema()


def _run(job_: Job, kwargs: dict[str, Any]) -> None:
    try:
        job_.fn(**kwargs)
    except Exception:  # a failed job must not take the process down; it is logged for the operator
        log.exception("job %s failed", job_.name)


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
    for job_, kwargs in session.info.pop(_pending_key, []):
        submit(job_, kwargs)


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, _previous: Any) -> None:
    session.info.pop(_pending_key, None)


def wait_idle() -> None:
    """Block until queued in-process jobs finished (CLI exit, tests)."""
    global _executor
    _executor.shutdown(wait=True)
    _executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kcbridge-job")
