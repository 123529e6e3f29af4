"""Test setup shared by the whole suite: a fresh database per run (SQLite by default, PostgreSQL with
KCBRIDGE_TEST_DB=postgresql), migrations applied, every table emptied after each test."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from kcb_testing import PASSWORD

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PG_ADMIN_URL = os.environ.get("KCBRIDGE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def pytest_report_header(config: pytest.Config) -> str:
    return f"kcbridge test database: {os.environ.get('KCBRIDGE_TEST_DB', 'sqlite')}"


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
def db_url(database_url: str) -> Iterator[str]:
    """The test database, emptied after the test (and the process-local search index forgotten)."""
    yield database_url
    from kcbridge.app.models import metadata
    from kcbridge.directory.search import directory_search
    from kcbridge.kit.db import get_engine

    engine = get_engine()
    tables = [t.name for t in reversed(metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(
                text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
            )
        else:
            for t in tables:
                conn.execute(text(f'DELETE FROM "{t}"'))
    directory_search.__init__()  # type: ignore[misc]
    from kcbridge.matchmaking.match_index import match_service

    match_service.reset()  # the next test's match index starts from its own (empty) database
    from kcbridge.programmes.repository import forget_published

    forget_published()  # revisions restart with the emptied tables: cached rows could match again


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
    from kcbridge.accounts.service import account_service

    counter = iter(range(1, 10_000))

    def make(email: str | None = None, role: Role = Role.USER, name: str = "Test User") -> Any:
        user = account_service.register(
            db,
            email=email or f"user{next(counter)}@test.example",
            password=PASSWORD,
            display_name=name,
            role=role,
        )
        db.commit()
        return user

    return make


@pytest.fixture
def make_org(db: Session) -> Callable[..., Any]:
    """Factory: a committed organisation, owned by `owner` if given, with optional contact people."""
    from kcbridge.directory.schemas import OrganisationIn, PersonIn
    from kcbridge.directory.service import directory_service

    def make(owner: Any = None, people: tuple[dict[str, Any], ...] = (), **fields: Any) -> Any:
        data = {"org_type": "company", "country": "KR", **fields}
        if not any(k.startswith("name_") for k in fields):
            data["name_en"] = f"Org {uuid.uuid4().hex[:6]}"
        org = directory_service.create(db, user=owner, data=OrganisationIn.model_validate(data))
        for p in people:
            directory_service.add_person(
                db,
                user=owner,
                org_id=org.id,
                data=PersonIn.model_validate(p),
                actor=None if owner else _system(),
            )
        db.commit()
        return org

    return make


def _system() -> Any:
    from kcbridge.kit.audit import Actor

    return Actor.system("test")


@pytest.fixture
def api_token(db: Session) -> Callable[[Any], dict[str, str]]:
    """Factory: Authorization headers with a fresh personal API token of `user`."""
    from kcbridge.accounts.service import account_service

    def make(user: Any) -> dict[str, str]:
        token, _row = account_service.create_token(db, user, name="test")
        db.commit()
        return {"Authorization": f"Bearer {token}"}

    return make


@pytest.fixture
def staff(make_user: Callable[..., Any]) -> Any:
    from kcbridge.accounts.models import Role

    return make_user(role=Role.SUPPORT_AGENT)


@pytest.fixture
def make_opp(db: Session, staff: Any) -> Callable[..., Any]:
    """Factory: an opportunity of `owner`'s organisation, published unless `status` says otherwise."""
    from kcbridge.opportunities.schemas import OpportunityIn, ReviewIn
    from kcbridge.opportunities.service import opportunity_service

    def make(owner: Any, org: Any, status: str = "published", **fields: Any) -> Any:
        data = {
            "organisation_id": org.id,
            "opp_type": "business_request",
            "texts": {"en": {"title": "Seeking a distributor", "description": "We look for a distributor."}},
            **fields,
        }
        opp = opportunity_service.create(db, user=owner, data=OpportunityIn.model_validate(data))
        if status != "draft":
            opportunity_service.submit(db, user=owner, opp_id=opp.id)
        if status == "published":
            opportunity_service.review(db, user=staff, opp_id=opp.id, data=ReviewIn(decision="approve"))
        db.commit()
        return opp

    return make
