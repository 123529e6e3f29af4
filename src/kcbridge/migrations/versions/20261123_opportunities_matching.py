"""opportunities: board, expressions of interest, notifications, stored embeddings

Revision ID: opportunities01
Revises: 0f69bffb00cc
Create Date: 2026-11-23 03:35:22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kcbridge.kit.db

revision = "opportunities01"
down_revision = "0f69bffb00cc"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "embedding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_type", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(length=120), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.Column("seek_vector", sa.LargeBinary(), nullable=True),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_embedding")),
        sa.UniqueConstraint("entity_type", "entity_id", "model", name="uq_embedding_entity"),
    )
    with op.batch_alter_table("embedding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_embedding_revision"), ["revision"], unique=False)

    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("read_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_notification_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index("ix_notification_user_read", ["user_id", "read_at"], unique=False)

    op.create_table(
        "opportunity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("opp_type", sa.String(length=30), nullable=False),
        sa.Column("coop_types", sa.JSON(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=True),
        sa.Column("target_country", sa.String(length=8), nullable=True),
        sa.Column("partner_type", sa.String(length=30), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("review_comment", sa.Text(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("published_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user_account.id"],
            name=op.f("fk_opportunity_created_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_opportunity_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunity")),
    )
    with op.batch_alter_table("opportunity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_opportunity_deadline"), ["deadline"], unique=False)
        batch_op.create_index(batch_op.f("ix_opportunity_opp_type"), ["opp_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_opportunity_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_opportunity_status"), ["status"], unique=False)

    op.create_table(
        "expression_of_interest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("from_organisation_id", sa.Integer(), nullable=False),
        sa.Column("sent_by", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("answered_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("answered_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["answered_by"],
            ["user_account.id"],
            name=op.f("fk_expression_of_interest_answered_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["from_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_expression_of_interest_from_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_expression_of_interest_opportunity_id_opportunity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sent_by"],
            ["user_account.id"],
            name=op.f("fk_expression_of_interest_sent_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expression_of_interest")),
    )
    with op.batch_alter_table("expression_of_interest", schema=None) as batch_op:
        batch_op.create_index(
            "ix_eoi_from_opportunity", ["from_organisation_id", "opportunity_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_expression_of_interest_opportunity_id"), ["opportunity_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_expression_of_interest_status"), ["status"], unique=False)

    op.create_table(
        "opportunity_sector",
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("sector", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_opportunity_sector_opportunity_id_opportunity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("opportunity_id", "sector", name=op.f("pk_opportunity_sector")),
    )
    with op.batch_alter_table("opportunity_sector", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_opportunity_sector_sector"), ["sector"], unique=False)

    op.create_table(
        "opportunity_text",
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_opportunity_text_opportunity_id_opportunity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("opportunity_id", "lang", name=op.f("pk_opportunity_text")),
    )


def downgrade() -> None:
    op.drop_table("opportunity_text")
    with op.batch_alter_table("opportunity_sector", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunity_sector_sector"))
    op.drop_table("opportunity_sector")
    with op.batch_alter_table("expression_of_interest", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expression_of_interest_status"))
        batch_op.drop_index(batch_op.f("ix_expression_of_interest_opportunity_id"))
        batch_op.drop_index("ix_eoi_from_opportunity")
    op.drop_table("expression_of_interest")
    with op.batch_alter_table("opportunity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunity_status"))
        batch_op.drop_index(batch_op.f("ix_opportunity_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_opportunity_opp_type"))
        batch_op.drop_index(batch_op.f("ix_opportunity_deadline"))
    op.drop_table("opportunity")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_user_read")
    op.drop_table("notification")
    with op.batch_alter_table("embedding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_embedding_revision"))
    op.drop_table("embedding")
