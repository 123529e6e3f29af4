"""Background jobs of the events domain."""

from __future__ import annotations

import logging

from kcbridge.events import planning, runs
from kcbridge.events import repository as repo
from kcbridge.kit.db import unit_of_work, utcnow
from kcbridge.kit.jobs import job

log = logging.getLogger("kcbridge.events")


@job
def run_scheduler(run_id: int) -> None:
    """Runs the scheduler for a queued run; a failure (or a change made meanwhile) is written on the run."""
    with unit_of_work() as db:
        run = repo.run(db, run_id)
        if run is None or run.status != "queued":
            return
        run.status = "running"
    try:
        # Solve on a read-only unit of work: on SQLite a write transaction would block every other writer
        # for the whole solve. The write afterwards re-checks the event and is short.
        with unit_of_work(write=False) as db:
            run = repo.run(db, run_id)
            assert run is not None
            built, solution = planning.plan(db, run)
        with unit_of_work() as db:
            run = repo.run(db, run_id)
            assert run is not None
            planning.apply(db, run, built, solution)
    except Exception as exc:  # the run records why (a code); the console words it for its viewer
        log.exception("scheduler run %s failed", run_id)
        with unit_of_work() as db:
            run = repo.run(db, run_id)
            if run is not None:
                run.status, run.finished_at = "failed", utcnow()
                runs.record(run, runs.failed(exc))
