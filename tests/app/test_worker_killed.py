"""Issue 11, "faults": a background job whose worker is killed mid-run (kill -9) is run again by another
worker, once that worker sees the dead one's heartbeats stop (KCBRIDGE_STALLED_JOB_SECONDS)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from tests.support.processes import Platform, platform

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("KCBRIDGE_TEST_DB", "sqlite") != "postgresql",
        reason="the job queue is PostgreSQL's (on SQLite jobs run inside the web process)",
    ),
]
WORKER = "import tests.support.stalled_job\nfrom kcbridge.kit.worker import run_worker\nrun_worker()"


def worker(p: Platform, log: Path, job_seconds: str):
    env = {**p.env, "KCBRIDGE_TEST_JOB_SECONDS": job_seconds}
    return p.popen_python(WORKER, log=log, env=env)


def lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def wait_for(what: str, held, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not held():
        assert time.monotonic() < deadline, f"{what} did not happen within {seconds} s"
        time.sleep(0.2)


def test_a_job_whose_worker_is_killed_mid_run_is_run_again_by_another(tmp_path, db_kind):
    with platform(tmp_path, db_kind) as p:
        p.env.update(KCBRIDGE_STALLED_JOB_SECONDS="15", KCBRIDGE_PERIODIC_JOBS="false")
        notes = tmp_path / "notes.txt"
        first = worker(p, tmp_path / "first.log", job_seconds="600")
        try:
            p.python(
                "import json, tests.support.stalled_job as s; from kcbridge.kit.db import get_sessionmaker\n"
                f"db = get_sessionmaker(write=True)(); s.noted.defer(db, path={str(notes)!r}); db.commit()\n"
                "print(json.dumps({}))"
            )
            wait_for("the first run's start", lambda: lines(notes) == ["start"], 60)
        finally:
            first.kill()
            first.wait(timeout=30)
        second = worker(p, tmp_path / "second.log", job_seconds="0")
        try:
            wait_for("the run again", lambda: lines(notes) == ["start", "start", "done"], 90)
        finally:
            second.terminate()
            second.wait(timeout=30)
        assert "lost its worker mid-run" in (tmp_path / "second.log").read_text()
