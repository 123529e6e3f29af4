"""Programmatic Alembic: `kcbridge db upgrade` and the tests use the same entry point."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from kcbridge.kit import jobs

HERE = Path(__file__).resolve().parents[1]  # the package: migrations/ lives beside kit/


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE / "migrations"))
    cfg.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str | None = None, revision: str = "heads") -> None:
    """Every branch up to its head: domains add migrations side by side; on PostgreSQL also the job queue."""
    command.upgrade(alembic_config(url), revision)
    if url is None and jobs.uses_queue():
        jobs.ensure_queue_schema()


def revision(message: str, url: str | None = None) -> None:
    command.revision(alembic_config(url), message=message, autogenerate=True)
