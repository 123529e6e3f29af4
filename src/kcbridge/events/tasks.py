"""Background jobs of the events domain."""

from __future__ import annotations

import logging

from kcbridge.events import mailing, notices, planning, runs  # noqa: F401 (mailing: registers its job)
from kcbridge.events import repository as repo
from kcbridge.events.service import event_service
from kcbridge.kit.db import unit_of_work, utcnow
from kcbridge.kit.jobs import job
from kcbridge.kit.periodic import HOURLY, QUARTER_HOURLY, periodic

log = logging.getLogger("kcbridge.events")


@job
def run_scheduler(run_id: int) -> None:
    """Runs the scheduler for a queued run; a failure (or a change made meanwhile) is written on the run."""
    with unit_of_work() as db:
        run = repo.run(db, run_id)
        if run is None or run.status != "queued":
            return
        run.status, run.started_at = "running", utcnow()
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


@job
def expire_meeting_requests() -> None:
    """Periodic: requests still pending when their event's requests closed are stored as expired (readers
    already see them as expired; this writes it down for the statistics and the scheduler)."""
    with unit_of_work() as db:
        event_service.expire_requests(db)


periodic(expire_meeting_requests, every=HOURLY)


@job
def remind_meetings() -> None:
    """Periodic: both sides of each published meeting are told a day and an hour before it."""
    with unit_of_work() as db:
        notices.remind(db, utcnow())


periodic(remind_meetings, every=QUARTER_HOURLY)
