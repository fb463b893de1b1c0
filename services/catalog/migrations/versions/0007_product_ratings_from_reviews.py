"""The version of the product's rating last taken from reviews' ProductRatingChanged.

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
    with op.batch_alter_table("products") as products:
        products.add_column(sa.Column("rating_version", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("products") as products:
        products.drop_column("rating_version")
