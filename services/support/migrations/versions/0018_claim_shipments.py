"""Orders' answers to a support claim are kept shipment by shipment, so a claim over several sellers'
goods is settled once each shipment's answer is in.

Revision ID: 0018
Revises: 0017
"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Claims asked for before keep the status they have; an answer still to come starts their first shipment.
    op.create_table(
        "support_claim_shipments",
        sa.Column("claim_id", sa.String(length=36), nullable=False),
        sa.Column("orders_claim_id", sa.String(length=36), nullable=False),
        sa.Column("shipment_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('requested', 'approved', 'rejected', 'completed')", name="ck_support_claim_shipments_status"
        ),
        sa.ForeignKeyConstraint(["claim_id"], ["support_claims.id"]),
        sa.PrimaryKeyConstraint("claim_id", "orders_claim_id"),
    )


def downgrade() -> None:
    op.drop_table("support_claim_shipments")
