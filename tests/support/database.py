"""How a test's data is kept apart from the next test's.

By default a test runs inside one transaction that is rolled back at its end (`rolled_back`): every session
the application, its inline jobs and the fixtures open joins that transaction in a savepoint of its own, so
commits and rollbacks inside the test behave as they do in production, and nothing outlives the test.
Data that every test of a module reads (an authorisation matrix's world) can be built once with the
`module_db` fixture: the module then runs in one transaction and each test in a savepoint of it.
Tests that need several connections (threads, a live server, concurrent claimers) are marked
`real_commits`: their data is committed for real and deleted afterwards (`delete_all_rows`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection

_module: Connection | None = None  # the transaction of the test module while `module_db` is open


def module_open() -> bool:
    return _module is not None


@contextmanager
def rolled_back() -> Iterator[Connection]:
    """One connection, one transaction, rolled back at the end; the kit's sessions join it meanwhile.
    Within a module's transaction (`module_transaction`) a savepoint of it, rolled back to at the end."""
    from kcbridge.kit.db import get_engine, join_sessions

    if _module is not None:
        savepoint = _module.begin_nested()
        try:
            yield _module
        finally:
            if savepoint.is_active:
                savepoint.rollback()
        return
    # write=True: on SQLite the transaction takes the write lock up front (BEGIN IMMEDIATE), so a stray
    # second connection waits and fails loudly instead of reading a snapshot without the test's data.
    with get_engine().connect().execution_options(write=True) as conn:
        outer = conn.begin()
        try:
            with join_sessions(conn):
                yield conn
        finally:
            if outer.is_active:
                outer.rollback()


@contextmanager
def module_transaction() -> Iterator[Connection]:
    """A transaction for a whole test module, rolled back at its end: data built once for the module
    (an authorisation matrix's world) is there for each of its tests, and each test runs in a savepoint
    of it (`rolled_back`), so what one test changes is gone for the next."""
    global _module
    with rolled_back() as conn:
        _module = conn
        try:
            yield conn
        finally:
            _module = None


DATABASE_FIXTURES = frozenset({"database_url", "db_kind"})


def uses_database(fixturenames: Iterable[str]) -> bool:
    """Whether a test touches a database: through the test database (`database_url`, which `db`, `client`,
    `make_org` ... all depend on) or through processes of its own on a database of this run's kind
    (`db_kind`). The others (pure engines, data files, catalogs) give the same result on either kind."""
    return not DATABASE_FIXTURES.isdisjoint(fixturenames)


def keep_database_tests(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`--database-tests-only`: deselects (in place) the tests that use no database. `make test` runs the
    whole suite on SQLite and, beside it, only these on PostgreSQL: a test that never opens a connection
    would run twice to the same end."""
    keep = [item for item in items if uses_database(getattr(item, "fixturenames", ()))]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep


def delete_all_rows() -> None:
    """Empties every table of the application (the clean-up of tests marked `real_commits`)."""
    from kcbridge.app.models import metadata
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


def forget_process_caches() -> None:
    """Per-process indexes follow revision feeds. Rolled-back or deleted rows take their revisions with
    them, so the next test's revisions could equal the cached ones: every such cache starts afresh."""
    from kcbridge.directory.search import directory_search
    from kcbridge.matchmaking.match_index import match_service
    from kcbridge.programmes.repository import forget_published

    directory_search.__init__()  # type: ignore[misc]
    match_service.reset()
    forget_published()
