"""Embeddings keep the offer part of a text too (the role-aware ranker reads offer against request).

Rows without it are re-embedded by the stale-vector sweep (matchmaking.embed_stale).

Revision ID: matchmaking02
Revises: opportunities01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "matchmaking02"
down_revision = "opportunities01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("embedding") as batch:
        batch.add_column(sa.Column("offer_vector", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("embedding") as batch:
        batch.drop_column("offer_vector")
