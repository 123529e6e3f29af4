"""cases: the voice of business — firms' cases, their thread, assignments, routing rules, shares, files

Revision ID: cases01
Revises: events01
Create Date: 2026-12-07 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kcbridge.kit.db

revision = "cases01"
down_revision = "events01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "business_case_route",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("region", sa.String(length=30), nullable=True),
        sa.Column("sector", sa.String(length=40), nullable=True),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user_account.id"],
            name=op.f("fk_business_case_route_created_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["organisation.id"],
            name=op.f("fk_business_case_route_institution_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_case_route")),
    )
    with op.batch_alter_table("business_case_route", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_business_case_route_institution_id"), ["institution_id"], unique=False
        )

    op.create_table(
        "business_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("sector", sa.String(length=40), nullable=False),
        sa.Column("region", sa.String(length=30), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("desired_outcome", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=True),
        sa.Column("route_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("filed_by", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("submitted_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("first_reply_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("first_reply_due_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resolution_due_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("paused_since", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("paused_seconds", sa.Integer(), nullable=False),
        sa.Column("first_reply_seconds", sa.Integer(), nullable=True),
        sa.Column("resolution_seconds", sa.Integer(), nullable=True),
        sa.Column("first_reply_breached_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("resolution_breached_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("rating", sa.SmallInteger(), nullable=True),
        sa.Column("rating_comment", sa.Text(), nullable=False),
        sa.Column("rated_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_business_case_event_id_event"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["filed_by"],
            ["user_account.id"],
            name=op.f("fk_business_case_filed_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["organisation.id"],
            name=op.f("fk_business_case_institution_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_business_case_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["route_id"],
            ["business_case_route.id"],
            name=op.f("fk_business_case_route_id_business_case_route"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_case")),
    )
    with op.batch_alter_table("business_case", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_business_case_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            "ix_business_case_institution_status", ["institution_id", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_business_case_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index("ix_business_case_status_submitted", ["status", "submitted_at"], unique=False)
        batch_op.create_index(
            "ix_business_case_stats",
            [
                "country",
                "category",
                "sector",
                "region",
                "status",
                "submitted_at",
                "first_reply_seconds",
                "resolution_seconds",
                "first_reply_at",
                "closed_at",
                "first_reply_breached_at",
                "resolution_breached_at",
            ],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_business_case_submitted_at"), ["submitted_at"], unique=False)

    op.create_table(
        "business_case_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("assigned_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("assigned_by", sa.Integer(), nullable=True),
        sa.Column("ended_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("passed_on", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assigned_by"],
            ["user_account.id"],
            name=op.f("fk_business_case_assignment_assigned_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["business_case.id"],
            name=op.f("fk_business_case_assignment_case_id_business_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["organisation.id"],
            name=op.f("fk_business_case_assignment_institution_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_case_assignment")),
    )
    with op.batch_alter_table("business_case_assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_business_case_assignment_case_id"), ["case_id"], unique=False)

    op.create_table(
        "business_case_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=120), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("uploaded_by", sa.Integer(), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["business_case.id"],
            name=op.f("fk_business_case_attachment_case_id_business_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by"],
            ["user_account.id"],
            name=op.f("fk_business_case_attachment_uploaded_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_case_attachment")),
    )
    with op.batch_alter_table("business_case_attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_business_case_attachment_case_id"), ["case_id"], unique=False)

    op.create_table(
        "business_case_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("side", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["user_account.id"],
            name=op.f("fk_business_case_message_author_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["business_case.id"],
            name=op.f("fk_business_case_message_case_id_business_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_case_message")),
    )
    with op.batch_alter_table("business_case_message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_business_case_message_case_id"), ["case_id"], unique=False)

    op.create_table(
        "business_case_share",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("shared_by", sa.Integer(), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["business_case.id"],
            name=op.f("fk_business_case_share_case_id_business_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["shared_by"],
            ["user_account.id"],
            name=op.f("fk_business_case_share_shared_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_business_case_share_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", "user_id", name=op.f("pk_business_case_share")),
    )
    with op.batch_alter_table("business_case_share", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_business_case_share_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("business_case_share", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_business_case_share_user_id"))

    op.drop_table("business_case_share")
    with op.batch_alter_table("business_case_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_business_case_message_case_id"))

    op.drop_table("business_case_message")
    with op.batch_alter_table("business_case_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_business_case_attachment_case_id"))

    op.drop_table("business_case_attachment")
    with op.batch_alter_table("business_case_assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_business_case_assignment_case_id"))

    op.drop_table("business_case_assignment")
    with op.batch_alter_table("business_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_business_case_submitted_at"))
        batch_op.drop_index("ix_business_case_stats")
        batch_op.drop_index("ix_business_case_status_submitted")
        batch_op.drop_index(batch_op.f("ix_business_case_organisation_id"))
        batch_op.drop_index("ix_business_case_institution_status")
        batch_op.drop_index(batch_op.f("ix_business_case_event_id"))

    op.drop_table("business_case")
    with op.batch_alter_table("business_case_route", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_business_case_route_institution_id"))

    op.drop_table("business_case_route")
