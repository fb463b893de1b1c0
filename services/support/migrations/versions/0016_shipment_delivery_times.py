"""What support knows of a shipment keeps when it was delivered, for the week a return is asked for in.

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("known_shipments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True))
    # A shipment that is still delivered last moved when it was delivered; a confirmed one moved since,
    # and orders takes no return of it anyway.
    op.execute("UPDATE known_shipments SET delivered_at = updated_at WHERE status = 'delivered'")


def downgrade() -> None:
    with op.batch_alter_table("known_shipments", schema=None) as batch_op:
        batch_op.drop_column("delivered_at")
