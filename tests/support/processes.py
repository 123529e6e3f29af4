"""kcbridge in processes of its own, for the tests that race, kill or multiply them: a fresh database (a
SQLite file, or a PostgreSQL database dropped at the end) that the test suite's own database never sees,
`kcbridge serve` started and killed, the command line run, and Python run "as another process" on it.

    with platform(tmp_path, db_kind) as p:  # db_kind: the fixture, the kind of the suite's run
        world = p.python("from tests.support.processes import seed_race; seed_race()")
        with p.server() as base: ...        # http://127.0.0.1:PORT, answering /healthz
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_ADMIN_URL = os.environ.get("KCBRIDGE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


# One TLS context for every test client: httpx builds a new one (loading the CA bundle, some 40 ms of CPU)
# for each client otherwise, and the races open 50 clients at a time. The servers here speak plain HTTP.
_TLS = ssl.create_default_context()


def http(base: str, timeout: float = 30) -> httpx.Client:
    """An HTTP client for a server of the platform's (http://127.0.0.1:PORT)."""
    return httpx.Client(base_url=base, timeout=timeout, verify=_TLS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    base: str
    proc: subprocess.Popen[bytes]
    log: Path

    def kill(self) -> None:
        """kill -9: no shutdown handler, no flush, no rollback by the process itself."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)


@dataclass
class Platform:
    url: str
    data_dir: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return "postgresql" if self.url.startswith("postgresql") else "sqlite"

    def cli(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "kcbridge"), *args], env=self.env, cwd=ROOT, capture_output=True, text=True,
            timeout=timeout, check=False,
        )  # fmt: skip

    def popen(self, *args: str, log: Path | None = None) -> subprocess.Popen[bytes]:
        out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - the child keeps it
        return subprocess.Popen(
            [str(BIN / "kcbridge"), *args], env=self.env, cwd=ROOT, stdout=out, stderr=out
        )

    def popen_python(
        self, code: str, log: Path, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        """`code` in a new Python process on this platform, left running (output in `log`)."""
        out = open(log, "wb")  # noqa: SIM115 - the child keeps it
        return subprocess.Popen(
            [sys.executable, "-c", "import kcbridge.app.models\n" + code], env=env or self.env, cwd=ROOT,
            stdout=out, stderr=out,
        )  # fmt: skip

    def python(self, code: str, timeout: float = 300) -> dict:
        """Runs `code` in a new Python process on this platform (every table mapped); returns the JSON it
        prints last."""
        done = subprocess.run(
            [sys.executable, "-c", "import kcbridge.app.models\n" + code], env=self.env, cwd=ROOT, capture_output=True, text=True,
            timeout=timeout, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"python process failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def user_headers(self, **organisation: Any) -> dict[str, str]:
        """A new user of this platform (owning an organisation of these fields, if any): its API headers."""
        return self.python(f"from tests.support.processes import seed_user; seed_user(**{organisation!r})")

    @contextlib.contextmanager
    def server(self, *extra: str, name: str = "server") -> Iterator[Server]:
        port = free_port()
        log = self.data_dir / f"{name}-{port}.log"
        proc = self.popen("serve", "--host", "127.0.0.1", "--port", str(port), *extra, log=log)
        server = Server(f"http://127.0.0.1:{port}", proc, log)
        try:
            wait_healthy(server)
            yield server
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def wait_healthy(server: Server, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"the server exited:\n{server.log.read_text()[-3000:]}")
        with contextlib.suppress(httpx.HTTPError):
            with http(server.base, timeout=2) as client:
                if client.get("/healthz").status_code == 200:
                    return
        time.sleep(0.1)
    raise RuntimeError(f"the server did not answer /healthz:\n{server.log.read_text()[-3000:]}")


@contextlib.contextmanager
def platform(tmp: Path, kind: str) -> Iterator[Platform]:
    """A migrated, empty platform of database kind `kind` ("sqlite" or "postgresql"; a test takes the run's
    from the `db_kind` fixture, which also keeps it in make test's PostgreSQL half), in a database of its
    own."""
    name = f"kcbridge_proc_{uuid.uuid4().hex[:10]}"
    url = (
        f"sqlite:///{tmp / 'platform.db'}"
        if kind == "sqlite"
        else re.sub(r"/[^/]*$", f"/{name}", PG_ADMIN_URL)
    )
    admin = None  # no pooled connection: one of the tests restarts the server under it
    if kind != "sqlite":
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    if admin is not None:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    env = {
        **os.environ,
        "KCBRIDGE_DATABASE_URL": url,
        "KCBRIDGE_DATA_DIR": str(tmp),
        "KCBRIDGE_SECRET_KEY": "process-test-secret",
        "KCBRIDGE_EMBEDDER": "hash",
        "KCBRIDGE_PASSWORD_HASH": "fast",
        "KCBRIDGE_PERIODIC_JOBS": "false",
        "KCBRIDGE_WARM_INDEXES": "false",
        "PYTHONPATH": str(ROOT),
    }
    p = Platform(url, tmp, env)
    try:
        done = p.cli("db", "upgrade")
        assert done.returncode == 0, done.stderr
        yield p
    finally:
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def seed_user(**organisation: Any) -> None:
    """(Run in the platform's process.) See Platform.user_headers."""
    from kcbridge.kit.db import get_sessionmaker
    from tests.support import factories

    db = get_sessionmaker(write=True)()
    user = factories.user(db)
    if organisation:
        factories.organisation(db, user, **organisation)
    print(json.dumps(factories.api_headers(db, user)))


def seed_race(firms: int = 50) -> None:
    """(Run in the platform's process.) A delegation visit whose host team has one room and accepted
    `firms` requests, a firm outside it, and a pending expression of interest; prints ids and tokens."""
    from kcbridge.accounts.models import Role
    from kcbridge.kit.db import get_sessionmaker
    from kcbridge.opportunities.service import opportunity_service
    from tests.support import events, factories

    db = get_sessionmaker(write=True)()
    visit = events.make_visit(
        db,
        lambda **kw: factories.user(db, **kw),
        lambda owner=None, **kw: factories.organisation(db, owner, **kw),
        firms=firms,
        teams=1,
        slots=2,
    )
    requests = events.request_all(db, visit)
    outsider = factories.user(db, name="Outsider")
    outsider_org = factories.organisation(db, outsider, name_en="Outsider Robotics", country="KR")
    staff = factories.user(db, name="Staff", role=Role.SUPPORT_AGENT)
    opp = factories.opportunity(db, visit.host_user, visit.host_org, staff)
    eoi = opportunity_service.send_interest(
        db, user=outsider, opp_id=opp.id, from_org_id=outsider_org.id, message="Hello"
    )
    db.commit()
    print(
        json.dumps(
            {
                "event": visit.event.id,
                "slot": visit.slots[0].id,
                "table": visit.tables[0].id,
                "requests": [r.id for r in requests],
                "outsider_org": outsider_org.id,
                "eoi": eoi.id,
                "organiser": factories.api_headers(db, visit.organiser),
                "host": factories.api_headers(db, visit.host_user),
                "outsider": factories.api_headers(db, outsider),
            }
        )
    )
