"""agreements: agreements between organisations, their parties, signatories, fields, files and links;
commitments with milestones, progress notes and the weekly digest of overdue ones

Revision ID: agreements01
Revises: 0f69bffb00cc
Create Date: 2026-12-07 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kcbridge.kit.db

revision = "agreements01"
down_revision = "0f69bffb00cc"
branch_labels = None
depends_on = "events01"  # agreement_event refers to the event table


def upgrade() -> None:
    op.create_table(
        "agreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title_ko", sa.String(length=300), nullable=True),
        sa.Column("title_zh", sa.String(length=300), nullable=True),
        sa.Column("title_en", sa.String(length=300), nullable=True),
        sa.Column("summary_ko", sa.Text(), nullable=False),
        sa.Column("summary_zh", sa.Text(), nullable=False),
        sa.Column("summary_en", sa.Text(), nullable=False),
        sa.Column("full_text", sa.Text(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("signed_place", sa.String(length=200), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("visibility", sa.String(length=10), nullable=False),
        sa.Column("last_progress_on", sa.Date(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user_account.id"],
            name=op.f("fk_agreement_created_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
    )
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_signed_on"), ["signed_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_visibility"), ["visibility"], unique=False)

    op.create_table(
        "commitment_digest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=10), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("sent_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_commitment_digest_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment_digest")),
        sa.UniqueConstraint("organisation_id", "week", name="uq_commitment_digest_org_week"),
    )
    op.create_table(
        "agreement_event",
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_event_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_agreement_event_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("agreement_id", "event_id", name=op.f("pk_agreement_event")),
    )
    op.create_table(
        "agreement_field",
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_field_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agreement_id", "field", name=op.f("pk_agreement_field")),
    )
    with op.batch_alter_table("agreement_field", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_field_field"), ["field"], unique=False)

    op.create_table(
        "agreement_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_file_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user_account.id"],
            name=op.f("fk_agreement_file_created_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_file")),
    )
    with op.batch_alter_table("agreement_file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_file_agreement_id"), ["agreement_id"], unique=False)

    op.create_table(
        "agreement_news",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_news_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_news")),
    )
    with op.batch_alter_table("agreement_news", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_news_agreement_id"), ["agreement_id"], unique=False)

    op.create_table(
        "agreement_party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_party_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_agreement_party_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_party")),
        sa.UniqueConstraint("agreement_id", "organisation_id", name="uq_agreement_party_org"),
    )
    with op.batch_alter_table("agreement_party", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_party_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_agreement_party_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "commitment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("what_ko", sa.String(length=500), nullable=True),
        sa.Column("what_zh", sa.String(length=500), nullable=True),
        sa.Column("what_en", sa.String(length=500), nullable=True),
        sa.Column("owner_org_id", sa.Integer(), nullable=False),
        sa.Column("responsible_name", sa.String(length=120), nullable=False),
        sa.Column("responsible_person_id", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("completion", sa.String(length=20), nullable=False),
        sa.Column("last_progress_on", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_commitment_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_org_id"],
            ["organisation.id"],
            name=op.f("fk_commitment_owner_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["responsible_person_id"],
            ["person.id"],
            name=op.f("fk_commitment_responsible_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment")),
    )
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitment_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitment_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitment_owner_org_id"), ["owner_org_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitment_status"), ["status"], unique=False)

    op.create_table(
        "agreement_signatory",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["agreement_party.id"],
            name=op.f("fk_agreement_signatory_party_id_agreement_party"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_agreement_signatory_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_signatory")),
    )
    with op.batch_alter_table("agreement_signatory", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_signatory_party_id"), ["party_id"], unique=False)

    op.create_table(
        "commitment_milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_commitment_milestone_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment_milestone")),
    )
    with op.batch_alter_table("commitment_milestone", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commitment_milestone_commitment_id"), ["commitment_id"], unique=False
        )

    op.create_table(
        "commitment_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("evidence_url", sa.String(length=500), nullable=True),
        sa.Column("evidence_title", sa.String(length=300), nullable=False),
        sa.Column("evidence_file_id", sa.Integer(), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["user_account.id"],
            name=op.f("fk_commitment_progress_author_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_commitment_progress_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["evidence_file_id"],
            ["agreement_file.id"],
            name=op.f("fk_commitment_progress_evidence_file_id_agreement_file"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment_progress")),
    )
    with op.batch_alter_table("commitment_progress", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commitment_progress_commitment_id"), ["commitment_id"], unique=False
        )

    op.create_table(
        "commitment_supporter",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_commitment_supporter_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_commitment_supporter_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("commitment_id", "organisation_id", name=op.f("pk_commitment_supporter")),
    )
    with op.batch_alter_table("commitment_supporter", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commitment_supporter_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("commitment_supporter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_supporter_organisation_id"))

    op.drop_table("commitment_supporter")
    with op.batch_alter_table("commitment_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_progress_commitment_id"))

    op.drop_table("commitment_progress")
    with op.batch_alter_table("commitment_milestone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_milestone_commitment_id"))

    op.drop_table("commitment_milestone")
    with op.batch_alter_table("agreement_signatory", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_signatory_party_id"))

    op.drop_table("agreement_signatory")
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_status"))
        batch_op.drop_index(batch_op.f("ix_commitment_owner_org_id"))
        batch_op.drop_index(batch_op.f("ix_commitment_due_on"))
        batch_op.drop_index(batch_op.f("ix_commitment_agreement_id"))

    op.drop_table("commitment")
    with op.batch_alter_table("agreement_party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_party_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_agreement_party_agreement_id"))

    op.drop_table("agreement_party")
    with op.batch_alter_table("agreement_news", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_news_agreement_id"))

    op.drop_table("agreement_news")
    with op.batch_alter_table("agreement_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_file_agreement_id"))

    op.drop_table("agreement_file")
    with op.batch_alter_table("agreement_field", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_field_field"))

    op.drop_table("agreement_field")
    op.drop_table("agreement_event")
    op.drop_table("commitment_digest")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_visibility"))
        batch_op.drop_index(batch_op.f("ix_agreement_signed_on"))
        batch_op.drop_index(batch_op.f("ix_agreement_kind"))

    op.drop_table("agreement")
