"""A notice waiting for its seller's account keeps its link, as the inbox row it becomes will.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("seller_notices_waiting") as waiting:
        waiting.add_column(sa.Column("link", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("seller_notices_waiting") as waiting:
        waiting.drop_column("link")
