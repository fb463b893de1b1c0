"""Breached inquiries in an index of their own, for the seller dashboard's missed targets of a month: a seller's,
or every seller's for an admin, found without reading the inquiries that met their targets.

Revision ID: 0021
Revises: 0020
"""
import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

BREACHED = "breached_at IS NOT NULL"


def upgrade() -> None:
    op.create_index(
        "ix_inquiries_breaches", "inquiries", ["seller_id", "breached_at"],
        postgresql_where=sa.text(BREACHED), sqlite_where=sa.text(BREACHED),
    )


def downgrade() -> None:
    op.drop_index("ix_inquiries_breaches", table_name="inquiries")
