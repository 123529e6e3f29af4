"""The job worker on PostgreSQL: runs queued jobs, ticks the periodic ones, and runs again the jobs of a
worker that died mid-run (killed, its machine gone): procrastinate marks such a job `doing` for ever, but its
worker stops sending heartbeats, so a sweep in every live worker hands the job back to the queue.

The jobs it knows are those whose modules were imported before it starts (the app imports them all).
"""

from __future__ import annotations

import asyncio
import logging
import threading

from kcbridge.kit import jobs, periodic
from kcbridge.kit.config import get_settings

log = logging.getLogger("kcbridge.kit.worker")


def retry_stalled_jobs(seconds_since_heartbeat: float) -> int:
    """Puts back in the queue every job whose worker has sent no heartbeat for that long; how many."""

    async def sweep() -> int:
        app = jobs.new_app()
        async with app.open_async():
            stalled = list(
                await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=seconds_since_heartbeat)
            )
            for job in stalled:
                log.warning("job %s (%s) lost its worker mid-run: queued again", job.id, job.task_name)
                await app.job_manager.retry_job(job)
            return len(stalled)

    return asyncio.run(sweep())


class StalledSweeper:
    """A daemon thread calling retry_stalled_jobs every half of the stalled time until stopped."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="kcbridge-stalled-jobs", daemon=True)

    def _loop(self) -> None:
        while not self._stop.wait(max(1.0, self.seconds / 2)):
            try:
                retry_stalled_jobs(self.seconds)
            except Exception:  # the database may be away for a moment: sweep again next time
                log.exception("the sweep for stalled jobs failed")

    def start(self) -> StalledSweeper:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()


def run_worker(*, wait: bool = True) -> None:
    """Runs queued jobs until stopped (or, with wait=False, until the queue is empty).

    A long-running worker also ticks the periodic jobs (each slot runs once across all workers)."""
    if wait:
        ticker = periodic.start_ticker()
        sweeper = StalledSweeper(get_settings().stalled_job_seconds).start()
        try:
            _work(wait)
        finally:
            sweeper.stop()
            if ticker is not None:
                ticker.stop()
        return
    _work(wait)


def _work(wait: bool) -> None:

    def work(signals: bool) -> None:
        # Its own app: the worker opens and closes its connector (and its event loop) itself.
        jobs.new_app().run_worker(wait=wait, install_signal_handlers=signals)

    try:
        asyncio.get_running_loop()
    except RuntimeError:  # the usual case: no loop here, run in this thread
        work(wait and threading.current_thread() is threading.main_thread())
        return
    thread = threading.Thread(target=work, args=(False,), name="kcbridge-worker")  # a loop runs here already
    thread.start()
    thread.join()
