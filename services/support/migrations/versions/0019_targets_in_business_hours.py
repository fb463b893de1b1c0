"""An inquiry keeps whether its due times count in business hours, so a wait on the customer moves them
by the business time it took, not by every hour of a weekend.

Revision ID: 0019
Revises: 0018
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Not in a batch, and the default stays: on SQLite either would copy the table, which the history's
    # rows refer to.
    op.add_column(
        "inquiries", sa.Column("targets_in_business_hours", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    # An inquiry took its due times from its type's targets as they stood when it was opened: the last
    # change an admin made to them before then (none: the defaults, around the clock). Its type then is
    # the one its first change of type left, if an agent corrected it since.
    op.execute(
        """
        UPDATE inquiries SET targets_in_business_hours = COALESCE((
            SELECT c.business_hours FROM response_target_changes c
            WHERE c.inquiry_type = COALESCE((
                SELECT h.from_value FROM inquiry_history h
                WHERE h.inquiry_id = inquiries.id AND h.kind = 'type'
                ORDER BY h.at, h.id LIMIT 1
            ), inquiries.inquiry_type)
            AND c.changed_at <= inquiries.created_at
            ORDER BY c.changed_at DESC, c.id DESC LIMIT 1
        ), FALSE)
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("inquiries", schema=None) as batch_op:
        batch_op.drop_column("targets_in_business_hours")
