"""Alembic environment: the URL comes from kcbridge's settings (or the caller's config)."""

from __future__ import annotations

from alembic import context

from kcbridge.app.models import metadata
from kcbridge.kit.db import get_engine, make_engine

config = context.config


def run() -> None:
    url = config.get_main_option("sqlalchemy.url")
    engine = make_engine(url) if url else get_engine()
    with engine.connect() as connection:
        context.configure(
            connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run()
