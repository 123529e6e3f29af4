"""Background jobs: queued inside the unit of work, started only after it commits.

Embedded mode runs them on an in-process thread pool; a job queued during a request that fails is
dropped with the rollback. Jobs are plain functions registered with @job and referenced by object.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, ParamSpec

from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger("kcbridge.jobs")
P = ParamSpec("P")

_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kcbridge-job")
_pending_key = "kcbridge_jobs"
# Tests and the CLI run jobs inline so that their effects are visible at once.
run_inline = False


class Job:
    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn
        self.name = f"{fn.__module__}.{fn.__qualname__}"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.fn(*args, **kwargs)

    def defer(self, db: Session, **kwargs: Any) -> None:
        """Queue this job to run once `db` commits."""
        db.info.setdefault(_pending_key, []).append((self, kwargs))


def job(fn: Callable[..., Any]) -> Job:
    return Job(fn)


def _run(job_: Job, kwargs: dict[str, Any]) -> None:
    try:
        job_.fn(**kwargs)
    except Exception:  # a failed job must not take the process down; it is logged for the operator
        log.exception("job %s failed", job_.name)


def submit(job_: Job, kwargs: dict[str, Any]) -> Future[None] | None:
    if run_inline:
        _run(job_, kwargs)
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
