"""programmes: support programmes (incubation, acceleration, landing, competitions …) and their texts

Revision ID: programmes01
Revises: opportunities01
Create Date: 2026-11-24 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kcbridge.kit.db

revision = "programmes01"
down_revision = "opportunities01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("prog_type", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("stages", sa.JSON(), nullable=False),
        sa.Column("nationalities", sa.JSON(), nullable=False),
        sa.Column("org_types", sa.JSON(), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("link_url", sa.String(length=500), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("published_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user_account.id"],
            name=op.f("fk_programme_created_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_programme_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme")),
    )
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programme_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_programme_deadline"), ["deadline"], unique=False)
        batch_op.create_index(batch_op.f("ix_programme_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_programme_prog_type"), ["prog_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_programme_status"), ["status"], unique=False)

    op.create_table(
        "programme_sector",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("sector", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_programme_sector_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("programme_id", "sector", name=op.f("pk_programme_sector")),
    )
    with op.batch_alter_table("programme_sector", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programme_sector_sector"), ["sector"], unique=False)

    op.create_table(
        "programme_text",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("benefits", sa.Text(), nullable=False),
        sa.Column("eligibility", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_programme_text_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("programme_id", "lang", name=op.f("pk_programme_text")),
    )


def downgrade() -> None:
    op.drop_table("programme_text")
    with op.batch_alter_table("programme_sector", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_sector_sector"))
    op.drop_table("programme_sector")
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_status"))
        batch_op.drop_index(batch_op.f("ix_programme_prog_type"))
        batch_op.drop_index(batch_op.f("ix_programme_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_programme_deadline"))
        batch_op.drop_index(batch_op.f("ix_programme_country"))
    op.drop_table("programme")
