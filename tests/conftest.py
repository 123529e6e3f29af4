"""Test setup shared by the whole suite.

A fresh database per run (SQLite by default, PostgreSQL with KCBRIDGE_TEST_DB=postgresql), migrations
applied once. Each test runs in a transaction rolled back at its end (tests/support/database.py); tests
marked `real_commits` commit for real and have every row deleted afterwards. Passwords are hashed at
argon2's smallest cost and profiles embedded by the instant hash embedder, except in tests marked
`real_embedder` (and everything under tests/matching, tests/matchmaking and tests/browser), which run the
real USE model.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from tests.support import database, durations, factories, shard
from tests.support.client import TestClient
from tests.support.database import delete_all_rows, forget_process_caches, rolled_back
from tests.support.embedders import real_embedder

# Set before any setting is read; the environment may override them (e.g. KCBRIDGE_EMBEDDER=use).
os.environ.setdefault("KCBRIDGE_PASSWORD_HASH", "fast")
os.environ.setdefault("KCBRIDGE_EMBEDDER", "hash")
TEST_EMBEDDER = os.environ["KCBRIDGE_EMBEDDER"]
# Tests here measure matching quality or show it to a person: the real model.
REAL_EMBEDDER_DIRS = ("matching", "matchmaking", "browser")
TESTS = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PG_ADMIN_URL = os.environ.get("KCBRIDGE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def pytest_report_header(config: pytest.Config) -> str:
    return (
        f"kcbridge test database: {os.environ.get('KCBRIDGE_TEST_DB', 'sqlite')}, "
        f"embedder: {TEST_EMBEDDER} (real_embedder: use), password hash: {os.environ['KCBRIDGE_PASSWORD_HASH']}"
    )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--shard", default="", help="K/N: run the K-th of N slices of the tests (make test-fast)"
    )
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="only the tests that use a database (make test's PostgreSQL half: the others ran in the SQLite half)",
    )


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected theirs
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Marks by place: the real model where matching quality is measured or shown; real commits for a
    live server (another thread, its own connections). Then keeps this process's slice (--shard), or, in a
    pytest-xdist worker, puts the longest files first (tests/support/durations.py)."""
    for item in items:
        parts = item.path.relative_to(TESTS).parts if item.path.is_relative_to(TESTS) else ()
        if parts and parts[0] in REAL_EMBEDDER_DIRS:
            item.add_marker(pytest.mark.real_embedder)
        if "live_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.real_commits)
    if config.getoption("database_tests_only"):
        database.keep_database_tests(config, items)
    if config.getoption("shard"):
        shard.select(config, items, config.getoption("shard"))
    if os.environ.get("PYTEST_XDIST_WORKER"):  # pytest-xdist hands out files in this order: longest first
        durations.longest_first(os.environ.get("KCBRIDGE_TEST_DB", "sqlite"), items)


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist's
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """--dist loadfile, with the files that share a costly start grouped (tests/support/durations.py)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class GroupedFiles(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return durations.scope(nodeid)

    return GroupedFiles(config, log)


@pytest.fixture(scope="session")
def db_kind() -> str:
    """The database kind of this run, for tests that start kcbridge processes on a database of their own
    (tests/support/processes.py) rather than using the test database."""
    return os.environ.get("KCBRIDGE_TEST_DB", "sqlite")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    kind = os.environ.get("KCBRIDGE_TEST_DB", "sqlite")
    data_dir = tmp_path_factory.mktemp("data")
    os.environ["KCBRIDGE_DATA_DIR"] = str(data_dir)
    os.environ["KCBRIDGE_SECRET_KEY"] = "test-secret-key"
    os.environ["KCBRIDGE_WARM_INDEXES"] = "false"  # tests reset the indexes themselves
    os.environ["KCBRIDGE_PERIODIC_JOBS"] = "false"  # tests tick periodic jobs themselves
    if kind == "sqlite":
        url = f"sqlite:///{data_dir / 'test.db'}"
        yield from _use(url)
        return
    name = f"kcbridge_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield from _use(re.sub(r"/[^/]*$", f"/{name}", PG_ADMIN_URL))
    finally:
        from kcbridge.kit.db import reset_caches

        reset_caches()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _use(url: str) -> Iterator[str]:
    from kcbridge.kit import jobs, migrate
    from kcbridge.kit.db import reset_caches

    os.environ["KCBRIDGE_DATABASE_URL"] = url
    reset_caches()
    migrate.upgrade()
    jobs.run_inline = True
    yield url


@pytest.fixture
def db_url(database_url: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """The test database, as the test left it until its end: then its transaction is rolled back (or, for
    tests marked `real_commits`, every row deleted) and the process-local indexes forgotten."""
    try:
        if request.node.get_closest_marker("real_commits"):
            if database.module_open():
                pytest.fail("a test marked real_commits cannot run in a module that uses module_db")
            try:
                yield database_url
            finally:
                delete_all_rows()
        else:
            with rolled_back():
                yield database_url
    finally:
        forget_process_caches()


@pytest.fixture(scope="module")
def module_db(database_url: str) -> Iterator[Session]:
    """A session for data built once per test module (an authorisation matrix's world, in a module-scoped
    fixture, with the factories of tests/support/factories.py): the module's tests then run in one
    transaction rolled back at the module's end, each test in a savepoint of it rolled back at its end."""
    from kcbridge.kit.db import get_sessionmaker

    with database.module_transaction():
        session = get_sessionmaker(write=True)()
        try:
            yield session
        finally:
            session.close()
            forget_process_caches()


@pytest.fixture(autouse=True)
def _embedder(request: pytest.FixtureRequest) -> Iterator[None]:
    """The real USE model for tests marked `real_embedder`, the configured (hash) embedder for the others."""
    if not request.node.get_closest_marker("real_embedder"):
        yield
        return
    with real_embedder():
        yield


@pytest.fixture
def db(db_url: str) -> Iterator[Session]:
    """A unit of work for arranging and checking data directly through services."""
    from kcbridge.kit.db import get_sessionmaker

    session = get_sessionmaker(write=True)()
    try:
        yield session
        session.commit()
    finally:
        session.close()


@pytest.fixture(scope="session")
def app(database_url: str) -> Any:
    from kcbridge.app.web import create_app

    return create_app()


@pytest.fixture
def client(app: Any, db_url: str) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture
def make_user(db: Session) -> Callable[..., Any]:
    """Factory: a committed user (role 'user' unless given)."""
    from kcbridge.accounts.models import Role

    counter = iter(range(1, 10_000))

    def make(email: str | None = None, role: Role = Role.USER, name: str = "Test User") -> Any:
        return factories.user(db, email=email or f"user{next(counter)}@test.example", role=role, name=name)

    return make


@pytest.fixture
def make_org(db: Session) -> Callable[..., Any]:
    """Factory: a committed organisation, owned by `owner` if given, with optional contact people."""

    def make(owner: Any = None, people: tuple[dict[str, Any], ...] = (), **fields: Any) -> Any:
        return factories.organisation(db, owner, people, **fields)

    return make


@pytest.fixture
def api_token(db: Session) -> Callable[[Any], dict[str, str]]:
    """Factory: Authorization headers with a fresh personal API token of `user`."""
    return lambda user: factories.api_headers(db, user)


@pytest.fixture
def staff(make_user: Callable[..., Any]) -> Any:
    from kcbridge.accounts.models import Role

    return make_user(role=Role.SUPPORT_AGENT)


@pytest.fixture
def make_opp(db: Session, staff: Any) -> Callable[..., Any]:
    """Factory: an opportunity of `owner`'s organisation, published unless `status` says otherwise."""

    def make(owner: Any, org: Any, status: str = "published", **fields: Any) -> Any:
        return factories.opportunity(db, owner, org, staff, status, **fields)

    return make
