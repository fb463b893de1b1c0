"""Each order names the payment provider it was placed with, which charges and refunds it.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Orders placed so far were all paid through the test provider, the only one there was.
    with op.batch_alter_table("orders") as orders:
        orders.add_column(sa.Column("payment_provider", sa.String(20), nullable=False, server_default="test"))
    with op.batch_alter_table("orders") as orders:
        orders.alter_column("payment_provider", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("orders") as orders:
        orders.drop_column("payment_provider")
