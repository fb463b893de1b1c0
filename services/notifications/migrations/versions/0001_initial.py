"""The bus tables, the queue of outgoing mail and SMS, the read model of recipients, inboxes and preferences.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

from servicekit.bus.tables import create_bus_tables, drop_bus_tables
from servicekit.notifications import create_notification_tables, drop_notification_tables
from servicekit.types import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    create_bus_tables(op.get_bind())
    create_notification_tables(op.get_bind())
    op.create_table(
        "recipients",
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("is_agent", sa.Boolean(), nullable=False),
        sa.Column("seller_id", sa.String(length=36), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("account_id"),
    )
    op.create_index("ix_recipients_is_agent", "recipients", ["is_agent"])
    op.create_index("ix_recipients_seller_id", "recipients", ["seller_id"])
    op.create_table(
        "seller_accounts",
        sa.Column("seller_id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("seller_id"),
    )
    op.create_index("ix_seller_accounts_account_id", "seller_accounts", ["account_id"])
    op.create_table(
        "known_orders",
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("order_number", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("order_id"),
    )
    op.create_table(
        "notifications",
        sa.Column("id", ROW_ID, autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("link", sa.String(length=500), nullable=True),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("source_event_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("read_at", UtcDateTime(), nullable=True),
        sa.Column("email_owed", sa.Boolean(), nullable=False),
        sa.Column("sms_owed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_event_id", "account_id", "kind", name="uq_notifications_once"),
    )
    op.create_index("ix_notifications_inbox", "notifications", ["account_id", "id"])
    op.create_index(
        "ix_notifications_unread", "notifications", ["account_id"],
        postgresql_where=sa.text("read_at IS NULL"), sqlite_where=sa.text("read_at IS NULL"),
    )
    op.create_table(
        "seller_notices_waiting",
        sa.Column("id", ROW_ID, autoincrement=True, nullable=False),
        sa.Column("seller_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("source_event_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_event_id", "seller_id", "kind", name="uq_seller_notices_waiting_once"),
    )
    op.create_index("ix_seller_notices_waiting_seller_id", "seller_notices_waiting", ["seller_id"])
    op.create_table(
        "preferences",
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", "kind", "channel"),
    )


def downgrade() -> None:
    for table in ("preferences", "seller_notices_waiting", "notifications", "known_orders", "seller_accounts",
                  "recipients"):
        op.drop_table(table)
    drop_notification_tables(op.get_bind())
    drop_bus_tables(op.get_bind())
