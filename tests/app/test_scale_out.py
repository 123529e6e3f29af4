"""Issue 11, "scale-out": two web processes and a worker on one PostgreSQL database, as production runs
them (the second web process with a job worker inside, as `kcbridge serve` starts by default). What is
written through one process shows in the other's pages, search and matches within 2 s (each process's
indexes follow the database's revision feeds; a worker embeds the new text), and the periodic jobs, ticked
by both workers, run once per slot."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest
from sqlalchemy import create_engine, text
from tests.support.processes import http, platform

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("KCBRIDGE_TEST_DB", "sqlite") != "postgresql",
        reason="scale-out is the PostgreSQL set-up (SQLite runs one web process with its jobs inside)",
    ),
]
WITHIN = 2.0


def within(seconds: float, found: Callable[[], bool]) -> float:
    """Seconds until `found()` held (asked every 50 ms); fails after `seconds`."""
    start = time.monotonic()
    while True:
        if found():
            return time.monotonic() - start
        if time.monotonic() - start > seconds:
            pytest.fail(f"not visible within {seconds} s")
        time.sleep(0.05)


def test_two_web_processes_and_a_worker_see_each_others_writes_and_run_periodic_jobs_once(tmp_path, db_kind):
    with platform(tmp_path, db_kind) as p:
        token = p.user_headers(name_en="Seoul Grippers", sectors=["robotics"], country="KR")
        p.env.update(KCBRIDGE_PERIODIC_JOBS="true", KCBRIDGE_PERIODIC_INTERVAL_SECONDS="1")
        worker = p.popen("worker", log=tmp_path / "worker.log")
        try:
            with (
                p.server("--no-worker", name="web1") as one,
                p.server(name="web2") as two,
                http(one.base, timeout=10) as c1,
                http(two.base, timeout=10) as c2,
            ):
                # Both processes have built their indexes before the write.
                assert c2.get("/api/v1/organisations", params={"q": "Grippers"}).json()["total"] == 1
                assert c2.get("/api/v1/match", params={"text": "robot grippers"}).status_code == 200
                body = {
                    "name_en": "Zephyrquant Tactile Sensors",
                    "org_type": "company",
                    "country": "CN",
                    "sectors": ["robotics"],
                    "description_en": "We make zephyrquant tactile sensors for robot hands.",
                }
                made = c1.post("/api/v1/organisations", json=body, headers=token)
                assert made.status_code == 201, made.text
                new_id = made.json()["id"]

                def searched() -> bool:
                    r = c2.get("/api/v1/organisations", params={"q": "Zephyrquant"})
                    return [o["id"] for o in r.json()["items"]] == [new_id]

                def paged() -> bool:
                    return (
                        "Zephyrquant Tactile Sensors"
                        in c2.get("/organisations", params={"q": "Zephyrquant"}).text
                    )

                def matched() -> bool:
                    r = c2.get("/api/v1/match", params={"text": "zephyrquant tactile sensors", "top": 5})
                    return new_id in [m["organisation_id"] for m in r.json()["results"]]

                within(WITHIN, searched)
                within(WITHIN, paged)
                within(WITHIN, matched)
                time.sleep(3)  # both tickers for a few rounds
        finally:
            worker.terminate()
            worker.wait(timeout=30)
        engine = create_engine(p.url)
        with engine.connect() as conn:
            runs = conn.execute(text("SELECT name, slot, status FROM periodic_run")).all()
            twice = conn.execute(
                text("SELECT name, slot FROM periodic_run GROUP BY name, slot HAVING count(*) > 1")
            ).all()
        engine.dispose()
        assert runs, "no periodic job ran"
        assert not twice
        assert {status for _name, _slot, status in runs} <= {"done", "running"}, runs
