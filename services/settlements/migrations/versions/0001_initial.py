"""The bus tables; the settlements tables come in later revisions.

Revision ID: 0001
Revises:
"""
from alembic import op

from servicekit.bus.tables import create_bus_tables, drop_bus_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_bus_tables(op.get_bind())


def downgrade() -> None:
    drop_bus_tables(op.get_bind())
