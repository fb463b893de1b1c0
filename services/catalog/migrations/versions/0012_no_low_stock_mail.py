"""Catalog no longer mails sellers about low stock (the notifications service tells them from StockLow): the
outgoing-notification queue and the sellers' contact emails, kept only for that mail, go.

A low-stock mail still queued at the upgrade is not sent; its StockLow went out with it.

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

from servicekit.notifications import create_notification_tables, drop_notification_tables

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    drop_notification_tables(op.get_bind())
    with op.batch_alter_table("approved_sellers") as approved_sellers:
        approved_sellers.drop_column("contact_email")


def downgrade() -> None:
    # The emails dropped are not brought back: sellers approved before are mailed nothing, as before 0006.
    with op.batch_alter_table("approved_sellers") as approved_sellers:
        approved_sellers.add_column(sa.Column("contact_email", sa.String(254)))
    create_notification_tables(op.get_bind())
