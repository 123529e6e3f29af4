"""alerts and periodic jobs: saved searches, the results they met, claimed periodic run slots

Revision ID: alerts01
Revises: opportunities01
Create Date: 2026-11-24 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kcbridge.kit.db

revision = "alerts01"
down_revision = "opportunities01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "periodic_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("slot", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("owner", sa.String(length=120), nullable=False),
        sa.Column("started_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periodic_run")),
        sa.UniqueConstraint("name", "slot", name="uq_periodic_run_name_slot"),
    )
    op.create_table(
        "saved_search",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("frequency", sa.String(length=10), nullable=False),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_checked_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_alert_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("viewed_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("new_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_saved_search_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_search")),
    )
    with op.batch_alter_table("saved_search", schema=None) as batch_op:
        batch_op.create_index("ix_saved_search_due", ["frequency", "last_checked_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_saved_search_user_id"), ["user_id"], unique=False)
    op.create_table(
        "saved_search_seen",
        sa.Column("search_id", sa.Integer(), nullable=False),
        sa.Column("result_kind", sa.String(length=20), nullable=False),
        sa.Column("result_id", sa.Integer(), nullable=False),
        sa.Column("first_seen_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["search_id"],
            ["saved_search.id"],
            name=op.f("fk_saved_search_seen_search_id_saved_search"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("search_id", "result_kind", "result_id", name=op.f("pk_saved_search_seen")),
    )


def downgrade() -> None:
    op.drop_table("saved_search_seen")
    with op.batch_alter_table("saved_search", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_search_user_id"))
        batch_op.drop_index("ix_saved_search_due")
    op.drop_table("saved_search")
    op.drop_table("periodic_run")
