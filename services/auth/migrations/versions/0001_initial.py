"""Accounts, sellers and the bus tables.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

from servicekit.bus.tables import create_bus_tables, drop_bus_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_bus_tables(op.get_bind())
    op.create_table(
        "accounts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("email", sa.String(254), unique=True),
        sa.Column("phone", sa.String(11), unique=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("roles", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("email IS NOT NULL OR phone IS NOT NULL", name="ck_accounts_email_or_phone"),
    )
    op.create_table(
        "sellers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False, unique=True),
        sa.Column("seller_type", sa.String(20), nullable=False),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("business_name", sa.String(100)),
        sa.Column("representative_name", sa.String(100), nullable=False),
        sa.Column("phone", sa.String(11), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("birth_date", sa.Date, nullable=False),
        sa.Column("business_registration_number", sa.String(10)),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("decision_reason", sa.Text),
        sa.Column("decided_by", sa.String(36)),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )


def downgrade() -> None:
    for table in ("sellers", "accounts"):
        op.drop_table(table)
    drop_bus_tables(op.get_bind())
