"""Background jobs of the events domain."""

from __future__ import annotations

import logging

from kcbridge.db import unit_of_work, utcnow
from kcbridge.events import repository as repo
from kcbridge.jobs import job

log = logging.getLogger("kcbridge.events")


@job
def run_scheduler(run_id: int) -> None:
    """Runs the scheduler for a queued run in its own unit of work; a failure is written on the run."""
    with unit_of_work() as db:
        run = repo.run(db, run_id)
        if run is None or run.status != "queued":
            return
        run.status = "running"
    try:
        with unit_of_work() as db:
            run = repo.run(db, run_id)
            assert run is not None
            from kcbridge.events.meetings import meeting_service

            meeting_service.execute(db, run)
    except Exception as exc:  # the run records why it failed; the organiser sees it in the console
        log.exception("scheduler run %s failed", run_id)
        with unit_of_work() as db:
            run = repo.run(db, run_id)
            if run is not None:
                run.status, run.finished_at, run.message = "failed", utcnow(), str(exc)[:2000]
