"""expressions of interest may address an organisation's profile, not only an opportunity

Revision ID: interests02
Revises: opportunities01
Create Date: 2026-11-24 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "interests02"
down_revision = "opportunities01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("expression_of_interest") as batch:
        batch.add_column(sa.Column("to_organisation_id", sa.Integer(), nullable=True))
    eoi = sa.table(
        "expression_of_interest",
        sa.column("opportunity_id", sa.Integer()),
        sa.column("to_organisation_id", sa.Integer()),
    )
    opp = sa.table("opportunity", sa.column("id", sa.Integer()), sa.column("organisation_id", sa.Integer()))
    owner = sa.select(opp.c.organisation_id).where(opp.c.id == eoi.c.opportunity_id).scalar_subquery()
    op.execute(eoi.update().values(to_organisation_id=owner))
    with op.batch_alter_table("expression_of_interest") as batch:
        batch.alter_column("to_organisation_id", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("opportunity_id", existing_type=sa.Integer(), nullable=True)
        batch.create_foreign_key(
            op.f("fk_expression_of_interest_to_organisation_id_organisation"),
            "organisation",
            ["to_organisation_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index("ix_eoi_to_organisation", ["to_organisation_id", "status"])


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM expression_of_interest WHERE opportunity_id IS NULL"))
    with op.batch_alter_table("expression_of_interest") as batch:
        batch.drop_index("ix_eoi_to_organisation")
        batch.drop_constraint(
            op.f("fk_expression_of_interest_to_organisation_id_organisation"), type_="foreignkey"
        )
        batch.alter_column("opportunity_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("to_organisation_id")
