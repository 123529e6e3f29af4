"""Engine, session factory and the declarative base shared by every domain."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, MetaData, create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from kcbridge.kit.config import get_settings

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both SQLite (which drops the zone) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _sqlite_begin)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    """Writing units of work take SQLite's write lock up front, so two of them queue instead of
    failing with 'database is locked' when the second tries to upgrade a stale read snapshot."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and ":memory:" not in url:
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10}, pool_size=20)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # Recycled rather than pinged: a ping per checkout is one more round trip on every request.
    return create_engine(url, pool_size=20, max_overflow=20, pool_recycle=1800)


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().resolved_database_url)


# Tests only (see join_sessions): the sessionmaker every caller gets while a test's transaction is open.
_joined: sessionmaker[Session] | None = None


def get_sessionmaker(write: bool = False) -> sessionmaker[Session]:
    """Sessions for writing (SQLite: BEGIN IMMEDIATE) or reading; on PostgreSQL reads run in autocommit,
    which spares each page view the BEGIN and COMMIT round trips (each statement sees committed data)."""
    return _joined if _joined is not None else _sessionmaker(write)


@lru_cache
def _sessionmaker(write: bool) -> sessionmaker[Session]:
    engine = get_engine()
    if write:
        engine = engine.execution_options(write=True)
    elif engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    return sessionmaker(bind=engine, expire_on_commit=False)


# PostgreSQL states worth trying again: serialization failure, deadlock, the server shutting down or
# starting up, too many connections; class 08 (connection exceptions) too.
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "57P01", "57P02", "57P03", "53300"})


def is_transient(exc: BaseException) -> bool:
    """The database is busy (SQLite's 'database is locked') or restarting (PostgreSQL refusing or dropping
    connections), or every connection of this process's pool is in use for longer than the pool waits
    (many requests at once, each waiting for the same row lock): the same work succeeds a moment later.
    Anything else is a real error."""
    if isinstance(exc, PoolTimeout):
        return True
    orig: BaseException | None = exc
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        orig = exc.orig
    if orig is None:
        return False
    if isinstance(orig, sqlite3.OperationalError):
        text_ = str(orig).lower()
        return (
            "database is locked" in text_
            or "database is busy" in text_
            or "database table is locked" in text_
        )
    if type(orig).__module__.split(".")[0] != "psycopg":
        return False
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate:
        return sqlstate in TRANSIENT_SQLSTATES or sqlstate.startswith("08")
    # psycopg's own connection failures (refused, closed, lost) carry no SQLSTATE
    return type(orig).__name__ in ("OperationalError", "InterfaceError")


def open_unit(db: Session, *, attempts: int = 4, pause: float = 0.25) -> None:
    """Starts `db`'s transaction (SQLite: takes the write lock for a writer; PostgreSQL: gets a connection),
    retrying briefly while the database is busy or restarting. Nothing has happened in the unit of work
    yet, so trying again is safe; a last failure is raised (the web answers 503)."""
    for attempt in range(attempts):
        try:
            db.connection()
            return
        except DBAPIError as exc:
            if attempt == attempts - 1 or not is_transient(exc):
                raise
            db.rollback()
            time.sleep(pause * (attempt + 1))


def session_scope(write: bool = True) -> Iterator[Session]:
    """One unit of work: commit at the end, roll back on any error (used by requests, jobs and the CLI)."""
    session = get_sessionmaker(write)()
    try:
        open_unit(session)
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def join_sessions(connection: Connection) -> Iterator[None]:
    """Test hook: while open, every session of the kit (requests, jobs, CLI, `unit_of_work`) is bound to
    `connection` and runs in a SAVEPOINT of the transaction the caller opened on it. A session's commit
    releases its savepoint (later sessions see the data), its rollback returns to it, and the caller rolls
    the whole transaction back at the end. One connection, so only for single-threaded tests; the
    application never calls this."""
    global _joined
    previous = _joined
    _joined = sessionmaker(bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint")
    try:
        yield
    finally:
        _joined = previous


def reset_caches() -> None:
    """Forget the engine and settings (tests switch databases)."""
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_engine.cache_clear()
    _sessionmaker.cache_clear()
    get_settings.cache_clear()


unit_of_work = contextmanager(session_scope)
