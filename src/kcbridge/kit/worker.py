"""The job worker on PostgreSQL: runs queued jobs and ticks the periodic ones.

The jobs it knows are those whose modules were imported before it starts (the app imports them all).
"""

from __future__ import annotations

import asyncio
import threading

from kcbridge.kit import jobs, periodic


def run_worker(*, wait: bool = True) -> None:
    """Runs queued jobs until stopped (or, with wait=False, until the queue is empty).

    A long-running worker also ticks the periodic jobs (each slot runs once across all workers)."""
    if wait:
        ticker = periodic.start_ticker()
        try:
            _work(wait)
        finally:
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
