"""Issue 11, "faults": PostgreSQL restarted under load. kcbridge keeps running: while the database is down
requests answer 503 with Retry-After (never another 5xx), and once it is back they succeed again by
themselves, without restarting kcbridge. The restart is of a private cluster made for this test (initdb in
a temporary folder, its own port), never of the machine's shared one."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from tests.support.processes import free_port, http, platform

PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("KCBRIDGE_TEST_DB", "sqlite") != "postgresql", reason="a PostgreSQL restart"
    ),
    pytest.mark.skipif(PG_BIN is None, reason="PostgreSQL's server programs are not installed"),
]


def as_postgres(*cmd: str) -> subprocess.CompletedProcess[str]:
    """The server refuses to run as root: run its programs as the postgres account when we are root."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *cmd], capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def private_cluster(tmp_path: Path):
    assert PG_BIN is not None
    home = Path(f"/tmp/kcbridge-pg-{os.getpid()}-{free_port()}")
    home.mkdir()
    if os.geteuid() == 0:
        shutil.chown(home, "postgres", "postgres")
    port = free_port()
    pgdata = home / "data"
    done = as_postgres(
        str(PG_BIN / "initdb"), "-D", str(pgdata), "-U", "postgres", "--auth=trust", "-E", "UTF8"
    )
    assert done.returncode == 0, done.stderr
    ctl = [str(PG_BIN / "pg_ctl"), "-D", str(pgdata), "-l", str(home / "log"), "-w"]
    opts = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
    assert as_postgres(*ctl, "-o", opts, "start").returncode == 0

    def restart(down_for: float) -> None:
        assert as_postgres(*ctl, "-m", "fast", "stop").returncode == 0
        time.sleep(down_for)
        assert as_postgres(*ctl, "-o", opts, "start").returncode == 0

    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", restart
    finally:
        as_postgres(*ctl, "-m", "immediate", "stop")
        shutil.rmtree(home, ignore_errors=True)


def test_requests_during_a_restart_answer_503_and_recover_by_themselves(
    tmp_path, private_cluster, monkeypatch, db_kind
):
    admin_url, restart = private_cluster
    monkeypatch.setenv("KCBRIDGE_TEST_PG", admin_url)
    import tests.support.processes as processes

    monkeypatch.setattr(processes, "PG_ADMIN_URL", admin_url)
    with platform(tmp_path, db_kind) as p:  # postgresql (skipped otherwise), on the private cluster
        token = p.user_headers(name_en="Before the restart")
        statuses: Counter[int] = Counter()
        retry_after: list[str | None] = []
        stop = threading.Event()

        failures: list[str] = []

        def client(k: int, base: str) -> None:
            try:
                load(k, base)
            except Exception as exc:  # noqa: BLE001 - reported by the test, not lost in a thread
                failures.append(repr(exc))

        def load(k: int, base: str) -> None:
            with http(base, timeout=30) as c:
                i = 0
                while not stop.is_set():
                    i += 1
                    if i % 2:
                        r = c.get("/api/v1/organisations", params={"q": "restart"})
                    else:
                        body = {"name_en": f"Restart {k}-{i}", "org_type": "company", "country": "KR"}
                        r = c.post("/api/v1/organisations", json=body, headers=token)
                    statuses[r.status_code] += 1
                    if r.status_code == 503:
                        retry_after.append(r.headers.get("retry-after"))
                    time.sleep(0.02)

        with p.server("--no-worker") as server:
            threads = [threading.Thread(target=client, args=(k, server.base)) for k in range(6)]
            for t in threads:
                t.start()
            time.sleep(2)
            restart(down_for=3)
            with http(server.base, timeout=30) as c:
                deadline = time.monotonic() + 30
                while c.get("/api/v1/organisations", params={"q": "restart"}).status_code != 200:
                    assert time.monotonic() < deadline, "kcbridge did not recover from the restart"
                    time.sleep(0.2)
                recovered = time.monotonic()
                time.sleep(2)
                stop.set()
                for t in threads:
                    t.join(timeout=60)
                body = {"name_en": "After the restart", "org_type": "company", "country": "KR"}
                assert c.post("/api/v1/organisations", json=body, headers=token).status_code == 201
                assert server.proc.poll() is None, "the server died"
        assert recovered
        assert not failures, failures[:3]
        assert statuses[503] > 0, f"the restart was not seen: {statuses}"
        assert set(statuses) <= {200, 201, 503}, statuses
        assert all(retry_after), "a 503 without Retry-After"
