"""The read model keeps only what a notice uses: an order's number and an account's name and time of change were
stored and never read.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

from servicekit.types import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("recipients") as recipients:
        recipients.drop_column("name")
        recipients.drop_column("changed_at")
    with op.batch_alter_table("known_orders") as orders:
        orders.drop_column("order_number")


def downgrade() -> None:
    # The values are gone; the next AccountContactsChanged of each account brings its name back.
    with op.batch_alter_table("recipients") as recipients:
        recipients.add_column(sa.Column("name", sa.String(length=100), nullable=False, server_default=""))
        recipients.add_column(sa.Column("changed_at", UtcDateTime(), nullable=False,
                                        server_default=sa.text("CURRENT_TIMESTAMP")))
    with op.batch_alter_table("known_orders") as orders:
        orders.add_column(sa.Column("order_number", sa.String(length=40), nullable=False, server_default=""))
