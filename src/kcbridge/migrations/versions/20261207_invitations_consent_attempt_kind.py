"""Consent to organisers' mails on event registrations; login attempts also count password-reset requests.

An organisation registered by another one is now invited (status 'invited') and accepts or declines;
existing registrations keep their status and have not consented to mails (consent is never assumed).

Revision ID: reliability01
Revises: events01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "reliability01"
down_revision = "events01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event_participant") as batch:
        batch.add_column(sa.Column("mail_consent", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("login_attempt") as batch:
        batch.add_column(sa.Column("kind", sa.String(10), nullable=False, server_default="login"))
    op.create_index("ix_login_attempt_kind_email_at", "login_attempt", ["kind", "email", "at"])


def downgrade() -> None:
    op.drop_index("ix_login_attempt_kind_email_at", table_name="login_attempt")
    with op.batch_alter_table("login_attempt") as batch:
        batch.drop_column("kind")
    with op.batch_alter_table("event_participant") as batch:
        batch.drop_column("mail_consent")
