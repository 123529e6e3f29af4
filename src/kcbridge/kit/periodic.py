"""Periodic jobs that run once per period, however many web processes or workers are ticking.

A domain declares its periodic jobs next to its tasks: `periodic(check_saved_searches, every=HOURLY)`.
Any process may `tick()`: for each job it inserts `periodic_run(name, slot)` for the current slot (this
hour, or this day since the configured UTC hour); the unique constraint lets exactly one process win,
and only the winner runs the job. A failed run is logged and recorded; the next slot runs the job again.
On SQLite a web process ticks on a background thread; on PostgreSQL `kcbridge worker` does.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import String, Text, UniqueConstraint, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from kcbridge.kit.config import get_settings
from kcbridge.kit.db import Base, UTCDateTime, unit_of_work, utcnow
from kcbridge.kit.jobs import Job

log = logging.getLogger("kcbridge.kit.periodic")
# A run still marked running after this long died with its process: another process may take the slot.
LEASE = timedelta(hours=2)


class PeriodicRun(Base):
    """One claimed slot of one periodic job: who runs it, and how it ended."""

    __tablename__ = "periodic_run"
    __table_args__ = (UniqueConstraint("name", "slot", name="uq_periodic_run_name_slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    slot: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(10), default="running")  # running | done | failed
    owner: Mapped[str] = mapped_column(String(120), default="")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(Text, default="")


@dataclass(frozen=True, slots=True)
class Every:
    """A period: every few minutes (`minutes`, dividing an hour), every hour, or every day from a UTC hour
    (None: the configured `daily_hour_utc`)."""

    hours: int
    at_hour: int | None = None
    minutes: int = 0

    def slot(self, now: datetime) -> str:
        """The name of the period `now` falls in; each slot runs once."""
        if self.minutes:
            return now.replace(minute=now.minute - now.minute % self.minutes).strftime("%Y-%m-%dT%H:%M")
        if self.hours == 1:
            return now.strftime("%Y-%m-%dT%H")
        hour = get_settings().daily_hour_utc if self.at_hour is None else self.at_hour
        start = now.replace(hour=hour, minute=0, second=0, microsecond=0)
        if now < start:
            start -= timedelta(days=1)
        return start.strftime("%Y-%m-%d")

    def describe(self) -> str:
        if self.minutes:
            return f"every {self.minutes} minutes"
        if self.hours == 1:
            return "hourly"
        hour = get_settings().daily_hour_utc if self.at_hour is None else self.at_hour
        return f"daily at {hour:02d}:00 UTC"


QUARTER_HOURLY = Every(hours=0, minutes=15)
HOURLY = Every(hours=1)
DAILY = Every(hours=24)


@dataclass(frozen=True, slots=True)
class Periodic:
    name: str
    job: Job
    every: Every


_registry: dict[str, Periodic] = {}


def short_name(job_: Job) -> str:
    """kcbridge.matchmaking.tasks.daily_digest → matchmaking.daily_digest."""
    parts = [p for p in job_.name.split(".") if p not in ("kcbridge", "tasks")]
    return ".".join(parts)


def periodic(job_: Job, *, every: Every) -> Job:
    """Declares that `job_` (a @job without arguments) runs once per `every`."""
    entry = Periodic(short_name(job_), job_, every)
    _registry[entry.name] = entry
    return job_


def load() -> dict[str, Periodic]:
    """Every periodic job whose module was imported (the app imports every domain's tasks)."""
    return dict(sorted(_registry.items()))


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"[:120]


def claim(name: str, slot: str, *, now: datetime | None = None) -> bool:
    """True for the one caller that may run `name` in `slot` (a run left running past LEASE is taken over)."""
    now = now or utcnow()
    try:
        with unit_of_work() as db:
            row = db.scalar(select(PeriodicRun).where(PeriodicRun.name == name, PeriodicRun.slot == slot))
            if row is None:
                db.add(PeriodicRun(name=name, slot=slot, status="running", owner=_owner(), started_at=now))
                db.flush()
                return True
            if row.status != "running" or row.started_at > now - LEASE:
                return False
            taken = db.execute(
                update(PeriodicRun)
                .where(
                    PeriodicRun.id == row.id,
                    PeriodicRun.status == "running",
                    PeriodicRun.started_at <= now - LEASE,
                )
                .values(owner=_owner(), started_at=now)
                .execution_options(synchronize_session=False)
            )
            return bool(getattr(taken, "rowcount", 0) == 1)
    except IntegrityError:  # another process inserted the slot first
        return False


def _finish(name: str, slot: str, status: str, error: str = "") -> None:
    with unit_of_work() as db:
        db.execute(
            update(PeriodicRun)
            .where(PeriodicRun.name == name, PeriodicRun.slot == slot)
            .values(status=status, error=error[:4000], finished_at=utcnow())
            .execution_options(synchronize_session=False)
        )


def _execute(entry: Periodic, slot: str) -> bool:
    try:
        entry.job.fn()
    except Exception as exc:  # logged and recorded; the next slot runs the job again
        log.exception("periodic job %s failed in slot %s; it runs again in the next slot", entry.name, slot)
        _finish(entry.name, slot, "failed", f"{type(exc).__name__}: {exc}")
        return False
    _finish(entry.name, slot, "done")
    return True


def tick(*, now: datetime | None = None) -> dict[str, bool]:
    """Runs every periodic job whose current slot nobody has claimed yet: {name: succeeded}."""
    now = now or utcnow()
    ran: dict[str, bool] = {}
    for entry in load().values():
        slot = entry.every.slot(now)
        if claim(entry.name, slot, now=now):
            log.info("periodic job %s runs for slot %s", entry.name, slot)
            ran[entry.name] = _execute(entry, slot)
    return ran


def run_now(name: str) -> bool:
    """Runs one periodic job at once, outside its schedule (recorded as a manual slot)."""
    entry = load().get(name)
    if entry is None:
        raise KeyError(name)
    slot = "manual-" + utcnow().strftime("%Y%m%dT%H%M%S.%f")
    if not claim(name, slot):
        return False
    return _execute(entry, slot)


def last_runs() -> dict[str, PeriodicRun]:
    """The latest run of each periodic job (for `kcbridge jobs list`)."""
    with unit_of_work(write=False) as db:
        rows = db.scalars(select(PeriodicRun).order_by(PeriodicRun.started_at, PeriodicRun.id))
        return {r.name: r for r in rows}


class Ticker:
    """A daemon thread calling tick() every `interval` seconds until stopped."""

    def __init__(self, interval: float, first_delay: float = 5.0) -> None:
        self.interval = interval
        self.first_delay = first_delay
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="kcbridge-periodic", daemon=True)

    def start(self) -> Ticker:
        self._thread.start()
        return self

    def _loop(self) -> None:
        delay = self.first_delay
        while not self._stop.wait(delay):
            delay = self.interval
            try:
                tick()
            except Exception:  # the database may be away for a moment: try again at the next tick
                log.exception("periodic tick failed")

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)


def start_ticker() -> Ticker | None:
    """Starts ticking in this process unless periodic jobs are switched off (tests)."""
    settings = get_settings()
    if not settings.periodic_jobs:
        return None
    return Ticker(settings.periodic_interval_seconds).start()
