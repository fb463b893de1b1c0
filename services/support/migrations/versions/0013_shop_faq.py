"""Sellers' own FAQ entries for their shops.

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The entries there are stay the platform's (no seller).
    with op.batch_alter_table("faq_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seller_id", sa.String(length=36), nullable=True))
        batch_op.create_index("ix_faq_entries_seller_published", ["seller_id", "published"], unique=False)


def downgrade() -> None:
    # A shop's entries have no place among the platform's: they go, with the automatic answers they gave.
    op.execute(
        "DELETE FROM auto_answer_outcomes WHERE faq_entry_id IN (SELECT id FROM faq_entries WHERE seller_id IS NOT NULL)"
    )
    op.execute("DELETE FROM faq_entries WHERE seller_id IS NOT NULL")
    with op.batch_alter_table("faq_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_faq_entries_seller_published")
        batch_op.drop_column("seller_id")
