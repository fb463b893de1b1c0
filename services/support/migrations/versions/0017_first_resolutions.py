"""An inquiry keeps when it was first resolved, so CS analytics counts it resolved once however often
it is reopened and resolved again.

Revision ID: 0017
Revises: 0016
"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inquiries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_resolved_at", sa.DateTime(timezone=True), nullable=True))
    # The history holds every move to resolved; the rollups counted before keep what they counted.
    op.execute(
        """
        UPDATE inquiries SET first_resolved_at = (
            SELECT MIN(h.at) FROM inquiry_history h
            WHERE h.inquiry_id = inquiries.id AND h.kind = 'status' AND h.to_value = 'resolved'
        )
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("inquiries", schema=None) as batch_op:
        batch_op.drop_column("first_resolved_at")
