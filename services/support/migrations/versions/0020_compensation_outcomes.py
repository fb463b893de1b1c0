"""A compensation keeps orders' answer (granted, then issued or refused, and why); a case has one compensation
that is not refused, so a refused one no longer stops the case being compensated another way.

Revision ID: 0020
Revises: 0019
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

NOT_REFUSED = sa.text("status <> 'refused'")
# SQLite keeps 0007's unique constraint on inquiry_id unnamed; the batch copy names it by this convention.
NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _once_per_case_constraint() -> str:
    return "compensations_inquiry_id_key" if op.get_bind().dialect.name == "postgresql" else "uq_compensations_inquiry_id"


def upgrade() -> None:
    once_per_case = _once_per_case_constraint()
    # Compensations granted before kept no answer: they stay granted.
    with op.batch_alter_table("compensations", naming_convention=NAMING) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=10), nullable=False, server_default="granted"))
        batch_op.add_column(sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("issued_coupon_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("refusal_reason", sa.String(length=20), nullable=True))
        batch_op.create_check_constraint("ck_compensations_status", "status IN ('granted', 'issued', 'refused')")
        batch_op.drop_constraint(once_per_case, type_="unique")
        batch_op.create_index("ix_compensations_inquiry_id", ["inquiry_id"], unique=False)
        batch_op.create_index(
            "uq_compensations_standing", ["inquiry_id"], unique=True,
            postgresql_where=NOT_REFUSED, sqlite_where=NOT_REFUSED,
        )
    with op.batch_alter_table("compensations") as batch_op:
        batch_op.alter_column("status", server_default=None)


def downgrade() -> None:
    # A case compensated again after a refusal keeps its latest compensation only.
    op.execute(
        """
        DELETE FROM compensations WHERE EXISTS (
            SELECT 1 FROM compensations newer
            WHERE newer.inquiry_id = compensations.inquiry_id
              AND (newer.granted_at > compensations.granted_at
                   OR (newer.granted_at = compensations.granted_at AND newer.id > compensations.id))
        )
        """
    )
    with op.batch_alter_table("compensations", naming_convention=NAMING) as batch_op:
        batch_op.drop_index("uq_compensations_standing")
        batch_op.drop_index("ix_compensations_inquiry_id")
        batch_op.create_unique_constraint(_once_per_case_constraint(), ["inquiry_id"])
        batch_op.drop_constraint("ck_compensations_status", type_="check")
        batch_op.drop_column("refusal_reason")
        batch_op.drop_column("issued_coupon_id")
        batch_op.drop_column("settled_at")
        batch_op.drop_column("status")
