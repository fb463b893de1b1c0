"""The record of dead letters an operator discarded on purpose (`dead-letters discard`).

Revision ID: 0006
Revises: 0005
"""
from alembic import op

from servicekit.bus.tables import create_bus_tables, discarded_letters

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Creates the bus tables servicekit added since this service's first revision; the others stay.
    create_bus_tables(op.get_bind())


def downgrade() -> None:
    discarded_letters.drop(op.get_bind(), checkfirst=True)
