"""One active recovery case per account and cause, held by a unique index, so two workers handling
locks of the same account at once open one case.

Revision ID: 0014
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

ACTIVE_STATUSES = "'open', 'assigned', 'answered', 'waiting_on_customer'"


def upgrade() -> None:
    with op.batch_alter_table("recovery_cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("active", sa.Boolean(), server_default=sa.false(), nullable=False))
    # The oldest case of an account and cause whose inquiry is still active stays the active one; a
    # second one that two locks at once opened before this index keeps its inquiry, no longer as the case.
    op.execute(
        f"""
        UPDATE recovery_cases SET active = TRUE
        WHERE inquiry_id IN (
            SELECT rc.inquiry_id FROM recovery_cases rc JOIN inquiries i ON i.id = rc.inquiry_id
            WHERE i.status IN ({ACTIVE_STATUSES}) AND NOT EXISTS (
                SELECT 1 FROM recovery_cases older JOIN inquiries oi ON oi.id = older.inquiry_id
                WHERE older.account_id = rc.account_id AND older.cause = rc.cause
                  AND oi.status IN ({ACTIVE_STATUSES})
                  AND (older.opened_at < rc.opened_at
                       OR (older.opened_at = rc.opened_at AND older.inquiry_id < rc.inquiry_id))
            )
        )
        """
    )
    with op.batch_alter_table("recovery_cases", schema=None) as batch_op:
        batch_op.alter_column("active", server_default=None)
        batch_op.create_index(
            "uq_recovery_cases_active", ["account_id", "cause"], unique=True,
            postgresql_where=sa.text("active"), sqlite_where=sa.text("active"),
        )


def downgrade() -> None:
    with op.batch_alter_table("recovery_cases", schema=None) as batch_op:
        batch_op.drop_index("uq_recovery_cases_active")
        batch_op.drop_column("active")
