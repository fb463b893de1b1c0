"""Shipments paid before the ledger's first day (SETTLEMENTS_LEDGER_FROM) are known as settled before this
service took over: their later refunds, claims and confirmations change nothing here.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("settlement_shipments") as batch:
        batch.add_column(sa.Column("settled_before", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("settlement_shipments") as batch:
        batch.drop_column("settled_before")
