"""Ledger entries of no shipment: compensation the seller's staff granted.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = (("shipment_id", 36), ("order_id", 36), ("order_number", 40))


def upgrade() -> None:
    with op.batch_alter_table("ledger_entries") as batch:
        for name, length in COLUMNS:
            batch.alter_column(name, existing_type=sa.String(length), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM ledger_entries WHERE shipment_id IS NULL")
    with op.batch_alter_table("ledger_entries") as batch:
        for name, length in COLUMNS:
            batch.alter_column(name, existing_type=sa.String(length), nullable=False)
